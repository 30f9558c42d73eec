"""Where widgets cannot run (an HTML export, GitHub, a book site), explorers still show a figure and summary."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

pytestmark = pytest.mark.kernel  # executes notebooks: `make test`, not the fast `make check`

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exported() -> str:
    """Notebook 03 executed from a fresh kernel without widget state, then exported to HTML."""
    nb = nbformat.read(ROOT / "notebooks" / "03_kubenet.ipynb", as_version=4)
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        store_widget_state=False,
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    ).execute()
    body, _ = HTMLExporter().from_notebook_node(nb)
    return str(body)


def test_explorer_shows_its_figure(exported: str) -> None:
    """The kubenet explorer's figure is in the page as a plotly div with its data."""
    assert "kubenet: only nodes take VNet IPs" in exported
    assert exported.count('class="plotly-graph-div"') >= 2  # the pod CIDR map and the explorer


def test_explorer_shows_its_summary(exported: str) -> None:
    """The explorer's one-sentence summary is readable text in the page."""
    summaries = re.findall(r'class="akskit-summary">(?:<i>)?([^<]+)', exported)
    assert any(s.startswith("With 50 nodes plus 5 for the upgrade surge") and "kubenet" in s for s in summaries), (
        summaries
    )


def test_no_empty_widget_placeholder(exported: str) -> None:
    """Without widget state the exporter falls back to the static HTML, not an empty widget view."""
    assert "application/vnd.jupyter.widget-view+json" not in exported


@pytest.fixture(scope="module")
def calculator_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The static site's calculator page: ``app/calculator.ipynb`` executed without widget state, exported."""
    spec = importlib.util.spec_from_file_location("static_site", ROOT / "tools" / "static_site.py")
    static_site = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(static_site)  # type: ignore[union-attr]
    body, _, _ = static_site.render_notebook(
        ROOT / "app" / "calculator.ipynb", tmp_path_factory.mktemp("site"), HTMLExporter(template_name="lab")
    )
    return str(body)


def test_calculator_page_has_the_plan(calculator_page: str) -> None:
    """The site's calculator shows the app's figure and the plan as the report's HTML panel.

    The defaults are Microsoft's worked example: 50 nodes + 1 surge at 30 max pods take
    51 x 31 = 1,581 IPs, a /21 (2,048 - 5 = 2,043 usable) holds them
    (https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning).
    """
    page = calculator_page.replace('"', "'")  # the exporter writes attributes in double quotes
    assert "class='plotly-graph-div'" in page
    assert "Result: <span style='color:#009E73'>fits</span>" in page
    for cell in ("1,581 IPs", "/21", "2,043 (headroom 462)"):
        assert f"<td style='padding:2px 10px;text-align:left'>{cell}</td>" in page, cell
