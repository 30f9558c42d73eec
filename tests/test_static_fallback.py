"""Where widgets cannot run (an HTML export, GitHub, a book site), explorers still show a figure and summary."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

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
    assert any(s.startswith("At 50 nodes plus surge") and "kubenet" in s for s in summaries), summaries


def test_no_empty_widget_placeholder(exported: str) -> None:
    """Without widget state the exporter falls back to the static HTML, not an empty widget view."""
    assert "application/vnd.jupyter.widget-view+json" not in exported
