"""The route-table figure: one route per node, against the 400-route limit (configure-kubenet)."""

from __future__ import annotations

from akskit.course.carve import carve_pod_cidr
from akskit.plots import route_table_figure, summary, update_route_table_figure

KUBENET = "https://learn.microsoft.com/en-us/azure/aks/configure-kubenet"


def test_one_route_per_node_to_the_node_ip() -> None:
    """Node i's /24 routes to the subnet's (5 + i)th address: Azure keeps .0-.3 (KUBENET)."""
    fig = route_table_figure(carve_pod_cidr("10.244.0.0/16", 3), "10.224.0.0/24")
    prefixes, hops, _ = fig.data[2].cells.values
    assert list(prefixes) == ["10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"]
    assert list(hops) == ["10.224.0.4", "10.224.0.5", "10.224.0.6"]
    assert fig.data[0].x == (3,)
    assert fig.data[1].x == (400, 400), KUBENET


def test_update_in_place_and_summary() -> None:
    """Updating redraws the same traces and restates the room left under the limit."""
    fig = route_table_figure(carve_pod_cidr("10.244.0.0/16", 3), "10.224.0.0/24")
    traces = [id(t) for t in fig.data]
    update_route_table_figure(fig, carve_pod_cidr("10.244.0.0/15", 300), "10.224.0.0/22")
    assert [id(t) for t in fig.data] == traces
    assert fig.data[0].x == (300,)
    assert len(fig.data[2].cells.values[0]) == 300
    assert "100 more nodes fit" in summary(fig)
