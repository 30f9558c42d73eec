"""IP usage against node count: one line per model, its surge band, the ceilings and the cliffs."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from akskit.course.usage import UsageView
from akskit.engine.models import NetworkModel, traits
from akskit.plots._style import (
    MODEL_COLOURS,
    add_markers_traces,
    base_layout,
    model_line_style,
    set_summary,
)

__all__ = ["model_trace_styles", "update_usage_figure", "usage_figure"]

_MAX_CEILINGS = 3  # node subnet or pod CIDR, plus kubenet's route table: traces exist up front


def usage_figure(view: UsageView, title: str | None = None, y_title: str = "node-subnet IPs in use") -> go.Figure:
    """A figure of IP usage against node count for the models in ``view`` (from :func:`~akskit.course.usage_view`).

    Traces, in order, per model: the surge band (between usage without and with
    surge) and the usage line; then up to three ceilings, the cliff markers and
    the chosen node count. All exist from the start so they can be updated in place.
    """
    fig = go.Figure()
    for model in view.with_surge:
        band, line = model_trace_styles(model)
        fig.add_scatter(showlegend=False, hoverinfo="skip", **band)
        fig.add_scatter(fill="tonexty", **line)
    add_markers_traces(fig, _MAX_CEILINGS, "cliff: last node count that fits", 14, "top right")
    base_layout(fig, title or "IP usage as the cluster grows", "nodes in the pool (before upgrade surge)", y_title)
    update_usage_figure(fig, view)
    return fig


def model_trace_styles(model: NetworkModel) -> tuple[dict[str, Any], dict[str, Any]]:
    """The style of one model's two traces: the band's lower edge (no surge) and the usage line.

    Restyling these two is how a figure switches model without being rebuilt. The line
    has the model's dash and marker as well as its colour.
    """
    colour = MODEL_COLOURS[model]
    label = traits(model).label
    band = {"name": f"{label}: without surge", "mode": "lines", "line": {"width": 0, "color": colour}}
    line = {
        "name": f"{label} (upgrade surge band shaded)",
        **model_line_style(model),
        "fillcolor": _transparent(colour),
        "hovertemplate": "%{x} nodes: %{y:,} IPs<extra>" + label + "</extra>",
    }
    return band, line


def update_usage_figure(fig: go.Figure, view: UsageView) -> None:
    """Set every trace of a :func:`usage_figure` from ``view`` (works on a FigureWidget too)."""
    x = list(view.x)
    data = fig.data
    i = 0
    for model in view.with_surge:
        for trace, ys in ((data[i], view.without_surge[model]), (data[i + 1], view.with_surge[model])):
            # many changes (a range, the surge) keep the axis or a curve: skip re-validating an equal column
            if trace.x != view.x:
                trace.x = x
            if trace.y != ys:
                trace.y = list(ys)
        i += 2
    for k in range(_MAX_CEILINGS):
        trace = data[i + k]
        if k < len(view.ceilings):
            c = view.ceilings[k]
            trace.update(x=[x[0], x[-1]], y=[c.value, c.value], name=c.name, visible=True)
        else:
            trace.update(x=[], y=[], name="", visible=False)
    i += _MAX_CEILINGS
    cliffs = [(m, n) for m, n in view.cliffs.items() if n is not None and n <= x[-1]]
    data[i].update(
        x=[n for _, n in cliffs],
        y=[view.with_surge[m][n - 1] if n >= 1 else 0 for m, n in cliffs],
        text=[f"{n:,}" for _, n in cliffs],
        hovertext=[f"{traits(m).label}: {n:,} nodes fit" for m, n in cliffs],
    )
    top = max([max(v) for v in view.with_surge.values()] + [c.value for c in view.ceilings] + [1])
    data[i + 1].update(x=[view.nodes, view.nodes], y=[0, top], name=f"your cluster: {view.nodes:,} nodes")
    fig.layout.xaxis.range = [0, x[-1]]
    set_summary(fig, view.summary)


def _transparent(hex_colour: str, alpha: float = 0.18) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
