"""kubenet's route table as a figure: routes used against the 400 limit, and every route."""

from __future__ import annotations

from ipaddress import IPv4Network

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from akskit.course.carve import Carving, routes
from akskit.engine import facts
from akskit.plots._style import LIMIT_COLOUR, MODEL_COLOURS, base_layout, set_summary

__all__ = ["route_table", "update_route_table"]


def route_table(carving: Carving, node_subnet: str | IPv4Network) -> go.Figure:
    """A gauge of routes in use against a route table's 400, above the routes themselves."""
    fig = make_subplots(
        rows=2, cols=1, row_heights=[0.22, 0.78], vertical_spacing=0.08, specs=[[{"type": "xy"}], [{"type": "table"}]]
    )
    fig.add_bar(
        orientation="h",
        y=["routes"],
        marker_color=MODEL_COLOURS["kubenet"],
        name="routes in use",
        hovertemplate="%{x} routes<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="lines",
        line={"color": LIMIT_COLOUR, "width": 3, "dash": "dash"},
        name=f"route table limit: {facts.ROUTE_TABLE_LIMIT}",
        row=1,
        col=1,
    )
    fig.add_table(
        header={"values": ["address prefix", "next hop (node IP)", "node"], "align": "left"},
        cells={"align": "left"},
        row=2,
        col=1,
    )
    base_layout(fig, "", "routes", "")
    fig.update_layout(height=520, showlegend=True)
    fig.update_xaxes(range=[0, facts.ROUTE_TABLE_LIMIT * 1.1], row=1, col=1)
    update_route_table(fig, carving, node_subnet)
    return fig


def update_route_table(fig: go.Figure, carving: Carving, node_subnet: str | IPv4Network) -> None:
    """Set the gauge and the table of a :func:`route_table` figure from ``carving``."""
    rows = routes(carving, node_subnet)  # the one pod-block -> node-IP mapping (akskit.course.carve)
    used = len(rows)
    fig.data[0].x = [used]
    fig.data[1].update(x=[facts.ROUTE_TABLE_LIMIT] * 2, y=[-0.5, 0.5])
    fig.data[2].cells.values = [
        [str(r.prefix) for r in rows],
        [str(r.next_hop) for r in rows],
        [r.node for r in rows],
    ]
    fig.layout.title.text = f"kubenet route table: {used:,} of {facts.ROUTE_TABLE_LIMIT} routes, one per node"
    set_summary(
        fig,
        (
            f"{used:,} nodes write {used:,} routes (each node's /24 of {carving.cidr} to the node's IP); "
            f"a route table holds {facts.ROUTE_TABLE_LIMIT}, so {facts.ROUTE_TABLE_LIMIT - used:,} more nodes fit "
            f"before kubenet runs out of routes."
        ),
    )
