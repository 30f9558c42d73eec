"""Every network model on one axis: VNet IPs against nodes, the 64,000-IP limit, where each model stops."""

from __future__ import annotations

import plotly.graph_objects as go

from akskit.course.comparison import ComparisonView
from akskit.engine.models import traits
from akskit.plots._style import (
    add_markers_traces,
    base_layout,
    model_line_style,
    set_summary,
)

__all__ = ["comparison_figure", "update_comparison_figure"]

_MAX_CEILINGS = 2  # the flat models' 64,000-IP limit, and the VNet when one is given


def comparison_figure(view: ComparisonView, *, log_y: bool = True, title: str | None = None) -> go.Figure:
    """A figure of VNet IPs (node subnet plus pod subnet) against node count, one line per model in ``view``.

    Traces, in order: one line per model (ending at the model's node limit), two
    ceilings, the end-of-line markers and the chosen node count. All exist from the
    start so :func:`update_comparison_figure` can set them in place. ``log_y`` puts
    the y axis on a log scale, so the node-only models and the flat models both show.
    """
    fig = go.Figure()
    for model in view.series:
        label = traits(model).label
        fig.add_scatter(
            name=label,
            **model_line_style(model),
            hovertemplate="%{x:,} nodes: %{y:,} VNet IPs<extra>" + label + "</extra>",
        )
    add_markers_traces(fig, _MAX_CEILINGS, "where a model stops: its node limit", 12, "middle left")
    base_layout(
        fig,
        title or "VNet IPs one workload takes under each network model",
        "nodes in the pool (before upgrade surge)",
        "VNet IPs in use",
    )
    fig.update_layout(height=620)  # room for the legend's ten entries below the plot
    update_comparison_figure(fig, view, log_y=log_y)
    return fig


def update_comparison_figure(fig: go.Figure, view: ComparisonView, *, log_y: bool | None = None) -> None:
    """Set every trace of a :func:`comparison_figure` figure from ``view`` (a FigureWidget too).

    ``log_y`` of ``None`` keeps the y axis scale as it is.
    """
    data, x = fig.data, list(view.x)
    at = view.x.index(view.nodes)
    for i, (model, ys) in enumerate(view.series.items()):
        label = traits(model).label
        used = f"{ys[at]:,} at {view.nodes:,} nodes" if at < len(ys) else f"stops before {view.nodes:,} nodes"
        line = data[i]
        if line.x != view.x[: len(ys)]:  # skip re-validating an equal column (log_y, vnet keep the curves)
            line.x = x[: len(ys)]
        if line.y != ys:
            line.y = list(ys)
        line.name = f"{label}: {used}"
    i = len(view.series)
    for k in range(_MAX_CEILINGS):
        if k < len(view.ceilings):
            c = view.ceilings[k]
            data[i + k].update(x=[x[0], x[-1]], y=[c.value, c.value], name=c.name, visible=True)
        else:
            data[i + k].update(x=[], y=[], name="", visible=False)
    i += _MAX_CEILINGS
    ends = [(m, ys) for m, ys in view.series.items() if ys]
    data[i].update(
        x=[view.limits[m] for m, _ in ends],
        y=[ys[-1] for _, ys in ends],
        text=[f"{view.limits[m]:,}" for m, _ in ends],
        hovertext=[f"{traits(m).label}: at most {view.limits[m]:,} nodes in the pool" for m, _ in ends],
    )
    top = max([max(ys) for _, ys in ends] + [c.value for c in view.ceilings] + [1])
    data[i + 1].update(x=[view.nodes, view.nodes], y=[1, top], name=f"your cluster: {view.nodes:,} nodes")
    if log_y is not None:
        fig.layout.yaxis.type = "log" if log_y else "linear"
    set_summary(fig, view.summary)
