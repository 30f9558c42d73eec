"""The explorers' live figure: no FigureWidget import chain, and the page sent exactly what changed.

Building plotly's ``FigureWidget`` imports ``plotly.basewidget``, whose
``plotly.io._renderers`` imports ``nbformat`` and ``jsonschema`` (about 2.5 s in a
fresh kernel, issue 11). The explorers draw with :class:`akskit.widgets._plot.PlotlyView`
instead; these tests check, in a fresh interpreter, that none of those modules load,
and that the messages a page receives rebuild the kernel's figure exactly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from akskit import widgets
from akskit.widgets import Explorer
from akskit.widgets._plot import UNDEFINED, PlotlyView, library

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("plotly.basewidget", "plotly.io._renderers", "nbformat", "jsonschema", "plotly.graph_objs._figurewidget")
EXPLORERS = [
    n for n in widgets.__all__ if isinstance(getattr(widgets, n), type) and issubclass(getattr(widgets, n), Explorer)
]
EXPLORERS.remove("Explorer")

PROBE = """
import json, sys
import akskit
from akskit import plots, widgets
from akskit.exercises import check
ui = getattr(widgets, sys.argv[1])()
first = next(iter(ui.controls.values()))
options = getattr(first, "options", None)
if hasattr(first, "max"):
    first.value = (first.min + first.max) // 2
else:
    first.value = [o[1] if isinstance(o, tuple) else o for o in options][-1]
ui._repr_mimebundle_()
print(json.dumps(sorted(m for m in sys.modules if m in json.loads(sys.argv[2]))))
"""


@pytest.mark.parametrize("name", EXPLORERS)
def test_explorer_path_skips_the_figurewidget_import_chain(name: str) -> None:
    """Setup imports, build, one change and the static fallback load none of FigureWidget's import chain."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, name, json.dumps(HEAVY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == [], f"{name} imported {result.stdout.strip()}"


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    """What the page does with one attribute path: set it, or remove it for ``None``."""
    *parents, last = path.split(".")
    for key in parents:
        target = target.setdefault(key, {})
    if value is None:
        target.pop(last, None)
    else:
        target[last] = value


class Page:
    """The page's copy of the figure, kept by applying every message a :class:`PlotlyView` sends."""

    def __init__(self, view: PlotlyView) -> None:
        self.data = json.loads(json.dumps(view._widget_data))
        self.layout = json.loads(json.dumps(view._widget_layout))
        self.messages = 0
        view.observe(self._update, names="_py2js_update")

    def _update(self, change: dict[str, Any]) -> None:
        msg = change["new"]
        if msg is None:
            return
        self.messages += 1
        for path, values in msg["style_data"].items():
            for i, trace in enumerate(msg["style_traces"]):
                value = values[i % len(values)]
                if value != UNDEFINED:
                    _set(self.data[trace], path, value)
        for path, value in msg["layout_data"].items():
            _set(self.layout, path, value)


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_page_rebuilds_the_figure_from_the_messages(name: str) -> None:
    """After each change of each control, the page's copy equals the kernel's figure; one message per change."""
    ui = getattr(widgets, name)()
    page = Page(ui.plot)
    changes = 0
    for control in ui.controls.values():
        if hasattr(control, "max"):
            values = [control.min, control.max, control.value]
        elif hasattr(control, "options"):
            values = [*[o[1] if isinstance(o, tuple) else o for o in control.options][:3], control.value]
        else:
            continue
        for value in values:
            before = page.messages
            control.value = value
            if ui.error:
                continue
            changes += 1
            assert page.messages - before <= 1
            assert page.data == json.loads(json.dumps(ui.figure.to_plotly_json()["data"]))
            assert page.layout == json.loads(json.dumps(ui.figure.to_plotly_json()["layout"]))
    assert changes >= 4
    assert ui.plot._widget_data == ui.figure.to_plotly_json()["data"]  # a page that reconnects gets the figure now


def test_a_hand_edit_reaches_the_page_with_refresh() -> None:
    """A learner's tweak of ``ui.figure`` (a title, a new trace) reaches the page on ``refresh``."""
    ui = widgets.KubenetExplorer()
    page = Page(ui.plot)
    added: list[dict[str, Any]] = []
    ui.plot.observe(lambda c: c["new"] and added.extend(c["new"]["trace_data"]), names="_py2js_addTraces")
    ui.figure.update_layout(title_text="my cluster")
    ui.refresh()
    assert page.layout["title"]["text"] == "my cluster"
    ui.figure.add_scatter(x=[1, 2], y=[3, 4], name="mine")
    ui.refresh()
    assert [t.get("name") for t in added][-1] == "mine"
    assert len(ui.plot._widget_data) == len(ui.figure.data)


def test_numpy_values_are_sent_whole() -> None:
    """A figure holding numpy arrays (a learner's data) sends each as plotly's typed array, whole."""
    np = pytest.importorskip("numpy")
    fig = go.Figure(go.Scatter(x=np.arange(3), y=np.arange(3)))
    view = PlotlyView(fig)
    fig.data[0].y = np.arange(3) * 2
    sent = view.push(fig)
    assert sent is not None
    assert json.loads(json.dumps(sent))["style_data"] == {"y": [fig.to_plotly_json()["data"][0]["y"]]}
    assert set(sent["style_data"]["y"][0]) >= {"dtype", "bdata"}


def test_plotly_js_crosses_only_when_a_page_asks() -> None:
    """Each view's ESM is akskit's small view; plotly.js (megabytes) is sent once, to a page that asks for it.

    JupyterLab, JupyterLite and Voila have plotly.js on the page already (plotly's
    extension sets ``window.Plotly``); anywidget would evaluate a bundle in every view's
    ESM anew, once per explorer.
    """
    import ipywidgets

    ipywidgets.Widget.close_all()  # a fresh kernel's library (an app page sends it unasked: below)
    ui = widgets.KubenetExplorer()
    assert len(PlotlyView._esm) < 10_000
    shared = library()
    assert ui.plot._library is shared
    assert widgets.AzureCniExplorer().plot._library is shared
    assert shared._source == ""  # nothing sent until a page asks
    sent: list[int] = []
    shared.observe(lambda c: sent.append(len(c["new"])), names="_source")
    shared._give({"need": "something else"})
    assert sent == []
    shared._give({"need": "plotly.js"})
    shared._give({"need": "plotly.js"})
    assert len(sent) == 1
    assert sent[0] > 1_000_000
    assert "window.Plotly = Plotly" in shared._source  # a classic script that defines window.Plotly


def test_a_closed_library_is_made_again() -> None:
    """After ``Widget.close_all()`` (a learner's reset), new explorers get a live library, not a closed one."""
    import ipywidgets

    before = library()
    ipywidgets.Widget.close_all()
    ui = widgets.KubenetExplorer()
    assert ui.plot._library is not before
    assert ui.plot._library.comm is not None


def test_the_view_is_valid_javascript(tmp_path: Path) -> None:
    """The view's ESM parses as a JavaScript module (node's own parser): a stray escape fails here, not in a page."""
    import shutil

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (.ci/run installs it with npm)")
    module = tmp_path / "view.mjs"
    module.write_text(PlotlyView._esm, encoding="utf-8")
    checked = subprocess.run([node, "--check", str(module)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_the_app_page_gets_plotly_js_unasked() -> None:
    """App mode shows no figure output before its explorer, so plotly.js comes with the first state (no round trip)."""
    import ipywidgets

    ipywidgets.Widget.close_all()
    ui = widgets.PlannerApp()
    assert "window.Plotly = Plotly" in ui.plot._library._source
