"""The pod CIDR as a grid of per-node /24 blocks: nodes, upgrade-surge nodes, and free blocks."""

from __future__ import annotations

import plotly.graph_objects as go

from akskit.course.carve import Carving
from akskit.plots._style import PALETTE, base_layout, set_summary

__all__ = ["pod_cidr_map", "update_pod_cidr_map"]

_MAX_CELLS = 1024
_STATES = ((0, "free", "#E8E8E8"), (1, "node", PALETTE["blue"]), (2, "upgrade surge node", PALETTE["orange"]))


def pod_cidr_map(carving: Carving, surge_nodes: int = 0) -> go.Figure:
    """A grid with one square per /24 of the pod CIDR, coloured by who holds it.

    Shows the first 1,024 blocks of a larger pod CIDR.
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
    for _, label, colour in _STATES:  # legend entries for the three states
        fig.add_scatter(
            x=[None], y=[None], mode="markers", name=label, marker={"symbol": "square", "size": 12, "color": colour}
        )
    base_layout(fig, "", "", "")
    fig.update_xaxes(showgrid=False, zeroline=False, showticklabels=False)
    fig.update_yaxes(showgrid=False, zeroline=False, showticklabels=False, autorange="reversed", scaleanchor="x")
    update_pod_cidr_map(fig, carving, surge_nodes)
    return fig


def update_pod_cidr_map(fig: go.Figure, carving: Carving, surge_nodes: int = 0) -> None:
    """Set the grid of a :func:`pod_cidr_map` figure from ``carving``."""
    cells = min(carving.total_blocks, _MAX_CELLS)
    cols = 16 if cells <= 256 else 32
    rows = -(-cells // cols)
    used = len(carving.blocks)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
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
            block = f"{_ip(base + (i << 8))}/24"
            who = "free" if state == 0 else f"{'surge node' if state == 2 else 'node'} aks-nodepool1-vmss{i:06d}"
            text[-1].append(f"{block}: {who}")
    fig.data[0].update(z=z, text=text)
    shown = "" if carving.total_blocks <= _MAX_CELLS else f" (first {_MAX_CELLS:,} shown)"
    fig.layout.title.text = (
        f"Pod CIDR {carving.cidr}: {carving.total_blocks:,} blocks of /24{shown}, {used:,} handed to nodes"
    )
    set_summary(
        fig,
        (
            f"The pod CIDR {carving.cidr} splits into {carving.total_blocks:,} per-node /24 blocks; "
            f"{used - surge_nodes:,} nodes and {surge_nodes:,} upgrade-surge nodes hold {used:,} of them, "
            f"leaving {max(carving.free_blocks, 0):,} free."
        ),
    )


def _ip(value: int) -> str:
    return ".".join(str((value >> s) & 255) for s in (24, 16, 8, 0))
