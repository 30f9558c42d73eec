"""Headless tests of the comparison explorer: valid input redraws, bad input keeps the last good figure.

Expected values are hand calculations: an Azure CNI Node Subnet node takes max pods + 1
VNet IPs (https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni);
kubenet and overlay nodes take one
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay); a 10%
max surge is rounded up (https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling).
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")

from akskit.engine.cidr import parse_network
from akskit.engine.errors import AksKitError
from akskit.engine.models import NetworkModel, traits
from akskit.widgets import CompareExplorer


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def snapshot(ui: CompareExplorer) -> list[dict[str, Any]]:
    """Every trace's data, the y-axis type, caption and table: what a redraw could change."""
    traces = [{k: _plain(getattr(t, k)) for k in ("x", "y", "name", "visible", "text")} for t in ui.figure.data]
    return [*traces, {"y type": ui.figure.layout.yaxis.type, "caption": ui.caption.value, "table": ui.table.value}]


def line(ui: CompareExplorer, model: NetworkModel) -> Any:
    """The curve of one model (its name starts with the model's label and a colon)."""
    found = [t for t in ui.figure.data if (t.name or "").startswith(traits(model).label + ":")]
    assert len(found) == 1, [t.name for t in ui.figure.data]
    return found[0]


def y_at(t: Any, nodes: int) -> int:
    """A curve's y value at a node count."""
    return int(t.y[list(t.x).index(nodes)])


def test_starts_with_every_model() -> None:
    """One curve per model, the 64,000-IP ceiling, a table row per model, a good status."""
    ui = CompareExplorer()
    for model in NetworkModel:
        assert traits(model).label in ui.table.value
        line(ui, model)
    assert any(t.y == (64_000, 64_000) for t in ui.figure.data if t.visible is not False)
    assert ui.error == ""
    assert "fits" in ui.status.value


def test_nodes_move_every_curve_marker() -> None:
    """At 80 nodes with 10% surge (88 at once) and max pods 30: Node Subnet 88 x 31, overlay 88."""
    ui = CompareExplorer(nodes=50, max_pods=30, max_surge="10%")
    before = snapshot(ui)
    ui.controls["nodes"].value = 80
    assert snapshot(ui) != before
    assert y_at(line(ui, NetworkModel.AZURE_CNI), 80) == 88 * 31
    assert y_at(line(ui, NetworkModel.OVERLAY), 80) == 88
    assert line(ui, NetworkModel.OVERLAY).name.endswith("88 at 80 nodes")
    assert "88 nodes at once" in ui.table.value


def test_max_pods_moves_only_the_models_that_spend_it() -> None:
    """Max pods 30 -> 110 lifts Node Subnet (50 nodes, surge 5: 55 x 111) and leaves kubenet at 55."""
    ui = CompareExplorer(nodes=50, max_pods=30, max_surge="10%")
    kubenet_before = _plain(line(ui, NetworkModel.KUBENET).y)
    ui.controls["max_pods"].value = 110
    assert y_at(line(ui, NetworkModel.AZURE_CNI), 50) == 55 * 111
    assert _plain(line(ui, NetworkModel.KUBENET).y) == kubenet_before


def test_kubenet_stops_at_its_route_limit() -> None:
    """kubenet's line ends at 363 nodes with 10% surge (363 + 37 = 400 routes)."""
    ui = CompareExplorer(max_surge="10%")
    assert max(line(ui, NetworkModel.KUBENET).x) == 363


def test_vnet_adds_a_ceiling_and_a_verdict() -> None:
    """A /20 VNet (4,096 addresses) draws its ceiling; Node Subnet at 50 nodes x 31 still fits, more does not."""
    ui = CompareExplorer(nodes=50, max_pods=30)
    ui.controls["vnet"].value = "10.224.0.0/20"
    assert any(t.name == "VNet 10.224.0.0/20: 4,096 addresses" and t.visible for t in ui.figure.data)
    ui.controls["max_pods"].value = 250  # 55 x 251 = 13,805 IPs: more than 4,096
    assert "does not fit" in ui.status.value
    assert "Azure CNI Node Subnet" in ui.status.value.split("does not fit")[1]


@pytest.mark.parametrize("bad", ["10.224.0.0/33", "10.224.0.1/16", "fd00::/64"])
def test_bad_vnet_keeps_the_figure_and_shows_the_library_message(bad: str) -> None:
    """A bad VNet leaves every trace as it was and shows the CIDR parser's own message."""
    ui = CompareExplorer()
    before = snapshot(ui)
    ui.controls["vnet"].value = bad
    with pytest.raises(AksKitError) as expected:
        parse_network(bad, "VNet address space")
    assert ui.error == str(expected.value)
    assert snapshot(ui) == before
    assert "&#10007;" in ui.status.value


def test_log_scale_toggle() -> None:
    """The checkbox switches the y axis between log and linear."""
    ui = CompareExplorer(log_y=True)
    assert ui.figure.layout.yaxis.type == "log"
    ui.controls["log_y"].value = False
    assert ui.figure.layout.yaxis.type == "linear"


def test_controls_are_bounded() -> None:
    """Nodes 1-1,000 (a pool's limit), max pods 10-250 (what AKS accepts)."""
    ui = CompareExplorer()
    assert (ui.controls["nodes"].min, ui.controls["nodes"].max) == (1, 1000)
    assert (ui.controls["max_pods"].min, ui.controls["max_pods"].max) == (10, 250)


def test_static_fallback_has_figure_summary_and_table() -> None:
    """Where widgets cannot run, the HTML shows the figure, its summary and the comparison table."""
    ui = CompareExplorer()
    bundle = ui._repr_mimebundle_()
    page = bundle["text/html"]
    assert "akskit-summary" in page
    assert "<table" in page
    assert traits(NetworkModel.POD_SUBNET_STATIC).label in page
    assert bundle["text/plain"].startswith("With 50 nodes, 5 more for the upgrade surge")
