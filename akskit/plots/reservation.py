"""Per-node reservation: each node's own IP, the pod IPs in use, and the pod IPs reserved but idle."""

from __future__ import annotations

import plotly.graph_objects as go

from akskit.course.reservation import ReservationView
from akskit.engine.models import traits
from akskit.plots._style import MODEL_COLOURS, PALETTE, base_layout, set_summary

__all__ = ["reservation_figure", "update_reservation_figure"]


def reservation_figure(view: ReservationView, title: str | None = None) -> go.Figure:
    """A stacked bar per node: its own IP, pod IPs in use, pod IPs reserved but idle.

    Traces, in order: the node's own IP (dotted), pod IPs in use (solid), and pod
    IPs reserved but idle (hatched): they differ by pattern as well as colour. All
    exist from the start; the default title states what every node takes up front.

    >>> from akskit.course.reservation import reservation_view
    >>> fig = reservation_figure(reservation_view([30, 12, 4], max_pods=30))
    >>> [list(t.y) for t in fig.data[:3]]
    [[1, 1, 1], [30, 12, 4], [0, 18, 26]]
    """
    colour = MODEL_COLOURS[view.model]
    fig = go.Figure()
    fig.add_bar(
        name="the node's own IP (dotted)",
        marker={
            "color": PALETTE["grey"],
            "pattern": {"shape": ".", "fgcolor": PALETTE["black"], "fillmode": "overlay"},
        },
        hovertemplate="%{x}: its own IP<extra></extra>",
    )
    fig.add_bar(
        name="pod IPs in use (running pods)",
        marker={"color": colour},
        hovertemplate="%{x}: %{y} pod IPs in use<extra></extra>",
    )
    fig.add_bar(
        name="pod IPs reserved, no pod running (hatched)",
        marker={
            "color": "white",
            "line": {"color": colour, "width": 1.5},
            "pattern": {"shape": "/", "fgcolor": colour},
        },
        hovertemplate="%{x}: %{y} pod IPs reserved but idle<extra></extra>",
    )
    base_layout(fig, "", "node", "node-subnet IPs", barmode="stack")
    update_reservation_figure(fig, view, title)
    return fig


def update_reservation_figure(fig: go.Figure, view: ReservationView, title: str | None = None) -> None:
    """Set every trace of a :func:`reservation_figure` from ``view`` (works on a FigureWidget too).

    ``title`` replaces the default title, which states what each node takes up front.
    """
    names = [n.name for n in view.nodes]
    own, in_use, idle = fig.data[:3]
    own.update(x=names, y=[n.node_ips for n in view.nodes])
    in_use.update(x=names, y=[n.pod_ips_in_use for n in view.nodes])
    idle.update(x=names, y=[n.pod_ips_idle for n in view.nodes])
    label = traits(view.model).label
    if view.per_node > 1:
        default = f"{label}: every node takes max pods + 1 = {view.per_node} node-subnet IPs up front"
    else:
        default = f"{label}: every node takes 1 node-subnet IP; pods use addresses outside the subnet"
    fig.layout.title.text = title or default
    set_summary(fig, view.summary)
