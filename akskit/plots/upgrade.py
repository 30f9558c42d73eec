"""The rolling-upgrade timeline: nodes by version in each step (top), node-subnet IPs in use (bottom)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from akskit.course.upgrade import Timeline
from akskit.plots._style import LIMIT_COLOUR, PALETTE, base_layout, set_summary

__all__ = ["timeline_figure", "update_timeline_figure"]

_OLD = PALETTE["grey"]
_NEW = PALETTE["green"]
_EXTRA = PALETTE["orange"]
_IPS = PALETTE["blue"]
_MAX_TICK_LABELS = 16  # beyond this many steps, label the axis with step numbers only


def timeline_figure(timeline: Timeline, title: str | None = None) -> go.Figure:
    """A two-panel figure of ``timeline``: stacked node counts per step, and the IPs they hold.

    Traces, in order: old-version nodes, new-version nodes within the pool size,
    surge nodes above it (top panel); IPs in use, the level before the upgrade,
    and the peak marker (bottom panel). All exist from the start. The bars differ by
    more than colour: old nodes are dotted, surge nodes hatched, and each bar is
    labelled old, new or surge where the word fits.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1, row_heights=[0.55, 0.45])
    labelled = {"textposition": "inside", "insidetextanchor": "middle", "textangle": 0}
    fig.add_bar(
        name="nodes on the old version (dotted)",
        marker={"color": _OLD, "pattern": {"shape": ".", "fgcolor": PALETTE["black"], "fillmode": "overlay"}},
        texttemplate="old",
        textfont={"color": PALETTE["black"]},
        **labelled,
        row=1,
        col=1,
    )
    fig.add_bar(
        name="nodes on the new version",
        marker_color=_NEW,
        texttemplate="new",
        textfont={"color": PALETTE["black"]},
        **labelled,
        row=1,
        col=1,
    )
    fig.add_bar(
        name="surge nodes above the pool size (hatched)",
        marker={"color": _EXTRA, "pattern": {"shape": "/"}},
        texttemplate="surge",
        textfont={"color": PALETTE["black"]},
        **labelled,
        row=1,
        col=1,
    )
    fig.add_scatter(
        name="node-subnet IPs in use",
        mode="lines+markers",
        line={"color": _IPS, "width": 3, "shape": "hv"},
        marker={"symbol": "circle"},
        row=2,
        col=1,
    )
    fig.add_scatter(
        name="IPs before the upgrade",
        mode="lines",
        line={"color": PALETTE["grey"], "width": 2, "dash": "dot"},
        hoverinfo="skip",
        row=2,
        col=1,
    )
    fig.add_scatter(
        name="peak: what the subnet must hold",
        mode="markers+text",
        marker={"symbol": "diamond", "size": 13, "color": LIMIT_COLOUR},
        textposition="top center",
        row=2,
        col=1,
    )
    base_layout(fig, title or "A rolling upgrade, step by step", "", "nodes", barmode="stack")
    fig.update_yaxes(title_text="node-subnet IPs", rangemode="tozero", row=2, col=1)
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text="upgrade step", row=2, col=1)
    # each bar says what it is (old, new, surge) where the word fits, and hides it where it does not
    fig.update_layout(
        legend={"y": -0.14, "traceorder": "normal"}, height=560, uniformtext={"minsize": 9, "mode": "hide"}
    )
    update_timeline_figure(fig, timeline)
    return fig


def update_timeline_figure(fig: go.Figure, timeline: Timeline) -> None:
    """Set every trace of a :func:`timeline_figure` from ``timeline`` (works on a FigureWidget too)."""
    steps = timeline.steps
    x = list(range(len(steps)))
    hover = [
        f"{s.label}<br>{s.old} old + {s.new} new = {s.total} nodes ({s.extra} above the pool)<br>{s.ips:,} IPs"
        for s in steps
    ]
    data = fig.data
    data[0].update(x=x, y=[s.old for s in steps], hovertext=hover, hoverinfo="text")
    data[1].update(x=x, y=[s.new - s.extra for s in steps], hovertext=hover, hoverinfo="text")
    data[2].update(x=x, y=[s.extra for s in steps], hovertext=hover, hoverinfo="text")
    data[3].update(x=x, y=[s.ips for s in steps], hovertext=hover, hoverinfo="text")
    data[4].update(x=[x[0], x[-1]], y=[timeline.baseline_ips] * 2)
    peak = [i for i, s in enumerate(steps) if s.ips == timeline.peak_ips]
    first = peak[0]
    data[5].update(
        x=[first],
        y=[timeline.peak_ips],
        text=[f"peak {timeline.peak_ips:,}"],
        hovertext=[f"peak: {timeline.peak_nodes} nodes x {timeline.ips_per_node} = {timeline.peak_ips:,} IPs"],
        hoverinfo="text",
    )
    many = len(steps) > _MAX_TICK_LABELS
    for axis in (fig.layout.xaxis, fig.layout.xaxis2):
        axis.update(
            tickmode="auto" if many else "array",
            tickvals=None if many else x,
            ticktext=None if many else [s.short for s in steps],
        )
    fig.layout.yaxis2.range = [0, timeline.peak_ips * 1.25]
    set_summary(fig, timeline.summary)
