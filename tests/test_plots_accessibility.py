"""No meaning carried by colour alone, summaries as plain sentences, and a name on every explorer control.

Each figure builder is built from its canonical input (the course's 10.224.0.0/24 node
subnet, 50 nodes, 10 % surge unless said otherwise). Every trace a reader can tell apart
in the legend must differ from the others by its dash, marker symbol or fill pattern, not
only by its colour; surge blocks and old/new nodes carry a pattern or a text label too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("plotly")

import plotly.graph_objects as go

from akskit.course.carve import carve_pod_cidr
from akskit.course.comparison import comparison_view
from akskit.course.reservation import reservation_view
from akskit.course.upgrade import model_timeline
from akskit.course.usage import usage_view
from akskit.engine.models import NetworkModel
from akskit.plots import (
    architecture_figure,
    carving_figure,
    comparison_figure,
    reservation_figure,
    route_table_figure,
    summary,
    timeline_figure,
    usage_figure,
)
from akskit.plots._style import MODEL_DASHES, MODEL_MARKERS

ALL_MODELS = tuple(NetworkModel)

BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "usage, kubenet": lambda: usage_figure(
        usage_view(
            ("kubenet",),
            nodes=50,
            max_pods=110,
            node_subnet="10.224.0.0/24",
            pod_cidr="10.244.0.0/16",
        )
    ),
    "usage, kubenet and Azure CNI": lambda: usage_figure(
        usage_view(("kubenet", "azure-cni"), nodes=8, max_pods=30, max_surge="0", node_subnet="10.224.0.0/24")
    ),
    "usage, every model": lambda: usage_figure(usage_view(ALL_MODELS, nodes=50, max_pods=30)),
    "comparison": lambda: comparison_figure(comparison_view(50)),
    "comparison in a VNet": lambda: comparison_figure(comparison_view(50, vnet="10.224.0.0/12")),
    "reservation": lambda: reservation_figure(reservation_view([30, 12, 4], max_pods=30)),
    "carving": lambda: carving_figure(carve_pod_cidr("10.244.0.0/16", 55), surge_nodes=5),
    "route table": lambda: route_table_figure(carve_pod_cidr("10.244.0.0/16", 50), "10.224.0.0/24"),
    "timeline": lambda: timeline_figure(model_timeline("azure-cni", 12, "33%", max_pods=30)),
    **{f"architecture, {m}": (lambda m=m: architecture_figure(m)) for m in ("minikube", "self-managed", "aks")},
}


def _legend_traces(fig: go.Figure) -> list[Any]:
    """The traces a reader tells apart: shown, in the legend, and not a grid or a table."""
    return [
        t
        for t in fig.data
        if t.type in ("scatter", "bar") and t.visible is not False and t.showlegend is not False and t.name
    ]


def _look(trace: Any) -> tuple[str, str | None, str | None, str | None]:
    """What tells a trace apart without colour: its kind, dash, marker symbol and fill pattern."""
    if trace.type == "bar":
        return ("bar", None, None, trace.marker.pattern.shape or None)
    mode = trace.mode or "lines"
    dash = (trace.line.dash or "solid") if "lines" in mode else None
    symbol = (trace.marker.symbol or "circle") if "markers" in mode else None
    return ("scatter", dash, symbol, None)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_no_two_series_look_alike_without_colour(name: str) -> None:
    """No two legend entries share the same (dash, marker, pattern): colour is never the only difference."""
    fig = BUILDERS[name]()
    traces = _legend_traces(fig)
    assert len(traces) >= 2, [t.name for t in fig.data]
    looks: dict[tuple[str, str | None, str | None, str | None], str] = {}
    for t in traces:
        look = _look(t)
        assert look not in looks, f"{t.name!r} and {looks[look]!r} differ only by colour: {look}"
        looks[look] = t.name


def test_every_model_has_its_own_dash_and_marker() -> None:
    """Six models, six dashes and six markers: any two models' lines differ in both."""
    assert set(MODEL_DASHES) == set(MODEL_MARKERS) == set(NetworkModel)
    assert len(set(MODEL_DASHES.values())) == len(NetworkModel)
    assert len(set(MODEL_MARKERS.values())) == len(NetworkModel)


def test_model_lines_show_their_marker() -> None:
    """The comparison figure draws each model's marker along its line (thinned to a dozen)."""
    fig = BUILDERS["comparison"]()
    lines = fig.data[: len(NetworkModel)]
    assert [t.marker.symbol for t in lines] == [MODEL_MARKERS[m] for m in NetworkModel]
    assert all("markers" in t.mode and t.marker.maxdisplayed for t in lines)


class TestSurgeAndVersionsCarryMoreThanColour:
    def test_surge_blocks_are_crossed(self) -> None:
        """The pod-CIDR map crosses each of the 5 surge blocks (55 nodes with surge, the last 5 are surge)."""
        fig = BUILDERS["carving"]()
        surge = next(t for t in fig.data if (t.name or "").startswith("upgrade surge node"))
        assert surge.marker.symbol == "square-x"
        heat = fig.data[0]
        crossed = {(x, y) for x, y in zip(surge.x, surge.y, strict=True)}
        assert crossed == {(c, r) for r, row in enumerate(heat.z) for c, v in enumerate(row) if v == 2}
        assert len(crossed) == 5

    def test_old_new_and_surge_nodes_have_a_pattern_or_a_label(self) -> None:
        """Old nodes dotted, surge nodes hatched, and each bar labelled old, new or surge."""
        old, new, surge = BUILDERS["timeline"]().data[:3]
        assert old.marker.pattern.shape == "."
        assert surge.marker.pattern.shape == "/"
        assert [b.texttemplate for b in (old, new, surge)] == ["old", "new", "surge"]
        assert all(b.textposition == "inside" for b in (old, new, surge))


class TestSummariesArePlainSentences:
    @pytest.mark.parametrize("name", list(BUILDERS))
    def test_one_sentence_no_jargon_punctuation(self, name: str) -> None:
        """Each summary ends with a full stop, has no 'run out at:' list of 'model N' pairs, and stays short."""
        text = summary(BUILDERS[name]())
        assert text.endswith("."), text
        assert "run out at:" not in text, text
        assert "needs kubenet" not in text, text
        assert len(text) <= 600, (len(text), text)  # six models in one sentence is the longest

    def test_usage_reads_aloud(self) -> None:
        """The issue's example: 50 nodes plus 10 % surge (5) on a /24 is 55 addresses; 251 usable / 1.1 = 228 nodes.

        251 usable addresses in a /24 and the 10 % surge rounded up:
        https://learn.microsoft.com/en-us/azure/aks/configure-kubenet
        """
        text = summary(BUILDERS["usage, kubenet"]())
        assert text == (
            "With 50 nodes plus 5 for the upgrade surge, kubenet needs 55 addresses in the node subnet "
            "and runs out at 228 nodes, limited by the node subnet 10.224.0.0/24."
        )

    def test_a_model_that_does_not_fit_says_so(self) -> None:
        """Azure CNI at 9 nodes on a /24 needs 9 x 31 = 279 of 251 addresses: it does not fit, and stops at 8."""
        fig = usage_figure(
            usage_view(("kubenet", "azure-cni"), nodes=9, max_pods=30, max_surge="0", node_subnet="10.224.0.0/24")
        )
        assert "Azure CNI Node Subnet needs 279 but does not fit: it runs out at 8 nodes." in summary(fig)

    def test_carving_counts_nodes_and_surge(self) -> None:
        """A /16 holds 256 blocks of /24; 50 nodes and 5 surge nodes hold 55, leaving 201."""
        text = summary(BUILDERS["carving"]())
        assert "50 nodes and 5 upgrade-surge nodes hold 55 of them, and 201 are free." in text


class TestExplorerControlsHaveNames:
    """Every control has a description (its accessible name); sliders get theirs in the browser too."""

    @pytest.fixture(params=["KubenetExplorer", "AzureCniExplorer", "CompareExplorer", "UpgradeExplorer", "PlannerApp"])
    def explorer(self, request: pytest.FixtureRequest) -> Any:
        pytest.importorskip("ipywidgets")
        import akskit.widgets as widgets

        return getattr(widgets, request.param)()

    def test_every_control_is_described(self, explorer: Any) -> None:
        """No control without a description: a screen reader would announce it nameless."""
        nameless = [k for k, c in explorer.controls.items() if not c.description.strip()]
        assert nameless == []

    def test_the_explorer_names_its_sliders(self, explorer: Any) -> None:
        """The explorer carries the script that labels every slider handle, told how many to expect."""
        import ipywidgets as w

        from akskit.widgets._aria import EXPLORER_CLASS, SliderNames

        namers = [c for c in explorer.ui.children if isinstance(c, SliderNames)]
        sliders = sum(isinstance(c, w.IntSlider) for c in explorer.controls.values())
        assert len(namers) == 1
        assert sliders >= 1
        assert f"nameSliders(root) >= {sliders}" in namers[0]._esm
        assert EXPLORER_CLASS in explorer.ui._dom_classes
