"""What :mod:`akskit.course.carve` computes, drawn: the pod CIDR's per-node /24 blocks, and kubenet's route table.

:func:`carving_figure` draws a :class:`~akskit.course.carve.Carving` as a grid of
blocks (nodes, upgrade-surge nodes, free); :func:`route_table_figure` draws the
route table of :func:`akskit.course.carve.route_table` from carve's own rows.
"""

from __future__ import annotations

from ipaddress import IPv4Network

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from akskit.course.carve import Carving, routes
from akskit.engine import facts
from akskit.engine.models import NetworkModel
from akskit.plots._style import LIMIT_COLOUR, MODEL_COLOURS, PALETTE, base_layout, set_summary

__all__ = ["carving_figure", "route_table_figure", "update_carving_figure", "update_route_table_figure"]

_MAX_CELLS = 1024
_STATES = ((0, "free", "#E8E8E8"), (1, "node", PALETTE["blue"]), (2, "upgrade surge node", PALETTE["orange"]))
#: Each state's legend symbol, so the states differ without colour: an empty square, a full one, a crossed one.
_SYMBOLS = ("square-open", "square", "square-x")
_SURGE_TRACE = 3  # the crossed squares drawn on every surge block (and its legend entry)


def carving_figure(carving: Carving, surge_nodes: int = 0) -> go.Figure:
    """A grid with one square per /24 of the pod CIDR, coloured by who holds it; surge blocks also crossed.

    Shows the first 1,024 blocks of a larger pod CIDR. Traces, in order: the grid
    (a heatmap), then the legend entries for free, node and surge blocks; the last
    also draws a crossed square on every surge block, so surge differs from node
    by more than its colour.

    >>> from akskit.course.carve import carve_pod_cidr
    >>> fig = carving_figure(carve_pod_cidr("10.244.0.0/16", 55), surge_nodes=5)
    >>> [t.name for t in fig.data[1:]], len(fig.data[3].x)
    (['free', 'node', 'upgrade surge node (crossed)'], 5)
    """
    fig = go.Figure()
    fig.add_heatmap(
        colorscale=[[0, _STATES[0][2]], [0.5, _STATES[1][2]], [1, _STATES[2][2]]],
        zmin=0,
        zmax=2,
        showscale=False,
        xgap=2,
        ygap=2,
        hovertemplate="%{text}<extra></extra>",
    )
    for (_, label, colour), symbol in zip(_STATES, _SYMBOLS, strict=True):  # legend entries for the three states
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=label,
            marker={"symbol": symbol, "size": 12, "color": colour if symbol != "square-open" else PALETTE["grey"]},
            hoverinfo="skip",
        )
    fig.data[_SURGE_TRACE].update(
        name=f"{_STATES[2][1]} (crossed)", marker={"line": {"color": PALETTE["black"], "width": 1}}
    )
    base_layout(fig, "", "", "")
    fig.update_xaxes(showgrid=False, zeroline=False, showticklabels=False)
    fig.update_yaxes(showgrid=False, zeroline=False, showticklabels=False, autorange="reversed", scaleanchor="x")
    update_carving_figure(fig, carving, surge_nodes)
    return fig


def update_carving_figure(fig: go.Figure, carving: Carving, surge_nodes: int = 0) -> None:
    """Set the grid of a :func:`carving_figure` from ``carving``, and cross its surge blocks."""
    cells = min(carving.total_blocks, _MAX_CELLS)
    cols = 16 if cells <= 256 else 32
    rows = -(-cells // cols)
    used = len(carving.blocks)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    crossed: list[tuple[int, int]] = []
    base = int(carving.cidr.network_address)
    for r in range(rows):
        z.append([])
        text.append([])
        for c in range(cols):
            i = r * cols + c
            if i >= cells:
                z[-1].append(None)
                text[-1].append("")
                continue
            state = 0 if i >= used else (2 if i >= used - surge_nodes else 1)
            z[-1].append(state)
            if state == 2:
                crossed.append((c, r))
            if state:  # a node's block: carve's own network and node name
                b = carving.blocks[i]
                text[-1].append(f"{b.network}: {'surge node' if state == 2 else 'node'} {b.name}")
            else:
                text[-1].append(f"{_ip(base + (i << 8))}/24: free")
    fig.data[0].update(z=z, text=text)
    fig.data[_SURGE_TRACE].update(
        x=[c for c, _ in crossed] or None,
        y=[r for _, r in crossed] or None,
        marker={"size": 12 if cols == 16 else 7},
    )
    shown = "" if carving.total_blocks <= _MAX_CELLS else f" (first {_MAX_CELLS:,} shown)"
    fig.layout.title.text = (
        f"Pod CIDR {carving.cidr}: {carving.total_blocks:,} blocks of /24{shown}, {used:,} handed to nodes"
    )
    set_summary(fig, _carving_summary(carving, surge_nodes))


def _carving_summary(carving: Carving, surge_nodes: int) -> str:
    """The carving in one plain sentence a screen reader can read aloud."""
    used = len(carving.blocks)
    nodes = used - surge_nodes
    who = f"{nodes:,} node{'s' if nodes != 1 else ''}"
    if surge_nodes:
        who += f" and {surge_nodes:,} upgrade-surge node{'s' if surge_nodes != 1 else ''}"
    return (
        f"The pod CIDR {carving.cidr} splits into {carving.total_blocks:,} blocks of /24, one per node: "
        f"{who} {'hold' if used != 1 else 'holds'} {used:,} of them, and {max(carving.free_blocks, 0):,} are free."
    )


def route_table_figure(carving: Carving, node_subnet: str | IPv4Network) -> go.Figure:
    """The figure of :func:`akskit.course.carve.route_table`: routes in use against the 400 limit, then the routes."""
    fig = make_subplots(
        rows=2, cols=1, row_heights=[0.22, 0.78], vertical_spacing=0.08, specs=[[{"type": "xy"}], [{"type": "table"}]]
    )
    fig.add_bar(
        orientation="h",
        y=["routes"],
        marker_color=MODEL_COLOURS[NetworkModel.KUBENET],
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
    update_route_table_figure(fig, carving, node_subnet)
    return fig


def update_route_table_figure(fig: go.Figure, carving: Carving, node_subnet: str | IPv4Network) -> None:
    """Set the gauge and the table of a :func:`route_table_figure` from ``carving``."""
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
    set_summary(fig, _route_summary(carving, used))


def _route_summary(carving: Carving, used: int) -> str:
    """The route table in one plain sentence a screen reader can read aloud."""
    left = facts.ROUTE_TABLE_LIMIT - used
    room = f"{left:,} more nodes fit before kubenet runs out of routes" if left >= 0 else f"{-left:,} routes do not fit"
    return (
        f"Each of the {used:,} nodes adds one route, from its /24 of {carving.cidr} to the node's IP; "
        f"a route table holds {facts.ROUTE_TABLE_LIMIT} routes, so {room}."
    )


def _ip(value: int) -> str:
    return ".".join(str((value >> s) & 255) for s in (24, 16, 8, 0))
