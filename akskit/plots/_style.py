"""One colour-blind-safe palette, used the same way in every figure, and the summary slot."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from akskit.engine.models import NetworkModel

__all__ = [
    "MODEL_COLOURS",
    "MODEL_DASHES",
    "MODEL_MARKERS",
    "PALETTE",
    "add_markers_traces",
    "base_layout",
    "model_line_style",
    "set_summary",
    "summary",
]

#: Okabe and Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/).
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

#: One colour per network model, everywhere in the course. Keyed by the model, a ``StrEnum``,
#: so ``MODEL_COLOURS["kubenet"]`` finds it too.
MODEL_COLOURS: dict[NetworkModel, str] = {
    NetworkModel.KUBENET: PALETTE["orange"],
    NetworkModel.AZURE_CNI: PALETTE["blue"],
    NetworkModel.OVERLAY: PALETTE["green"],
    NetworkModel.POD_SUBNET: PALETTE["purple"],
    NetworkModel.POD_SUBNET_STATIC: PALETTE["sky"],
    NetworkModel.NONE: PALETTE["black"],
}

#: A dash style per model too, so lines differ without colour (print, colour blindness): no two alike.
MODEL_DASHES: dict[NetworkModel, str] = {
    NetworkModel.KUBENET: "solid",
    NetworkModel.AZURE_CNI: "longdashdot",
    NetworkModel.OVERLAY: "dash",
    NetworkModel.POD_SUBNET: "dot",
    NetworkModel.POD_SUBNET_STATIC: "dashdot",
    NetworkModel.NONE: "longdash",
}

#: And a marker per model, drawn every few points along its line (:data:`MARKERS_SHOWN`), also in the legend.
MODEL_MARKERS: dict[NetworkModel, str] = {
    NetworkModel.KUBENET: "circle",
    NetworkModel.AZURE_CNI: "square",
    NetworkModel.OVERLAY: "diamond",
    NetworkModel.POD_SUBNET: "triangle-up",
    NetworkModel.POD_SUBNET_STATIC: "cross",
    NetworkModel.NONE: "star",
}

#: At most this many markers along a model's line: enough to tell the lines apart, few enough to read them.
MARKERS_SHOWN = 12

#: The limit lines' dashes, one per ceiling; no model line pairs these with no marker.
LIMIT_DASHES = ("dash", "dot", "dashdot")

#: "Your cluster" (the chosen node count), a vertical line: the one dash no other marker-less line uses.
YOUR_CLUSTER_DASH = "longdash"

LIMIT_COLOUR = PALETTE["vermillion"]


def base_layout(fig: go.Figure, title: str, x_title: str, y_title: str, **extra: Any) -> None:
    """Apply the house layout: white template, titled axes, legend below the plot."""
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "x": 0.01, "xanchor": "left"},
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        margin={"l": 60, "r": 20, "t": 60, "b": 90},
        height=460,
        font={"family": "system-ui, sans-serif", "size": 13},
        **extra,
    )


def add_markers_traces(fig: go.Figure, ceilings: int, cliff_name: str, cliff_size: int, text_position: str) -> None:
    """Add the traces every usage figure ends with: ``ceilings`` limit lines, cliffs, your cluster.

    Each limit line gets its own dash (distinguishable without colour); all start empty and
    are filled by the figure's ``update_*`` function.
    """
    for dash in LIMIT_DASHES[:ceilings]:
        fig.add_scatter(mode="lines", line={"color": LIMIT_COLOUR, "width": 2, "dash": dash}, hoverinfo="name")
    fig.add_scatter(
        name=cliff_name,
        mode="markers+text",
        marker={"symbol": "x", "size": cliff_size, "color": LIMIT_COLOUR, "line": {"width": 2}},
        textposition=text_position,
        hoverinfo="text",
    )
    fig.add_scatter(
        name="your cluster",
        mode="lines",
        line={"color": PALETTE["grey"], "width": 2, "dash": YOUR_CLUSTER_DASH},
        hoverinfo="name",
    )


def model_line_style(model: NetworkModel, width: int = 3) -> dict[str, Any]:
    """A model's line: its colour, dash and marker (``mode``, ``line`` and ``marker`` of a scatter trace)."""
    colour = MODEL_COLOURS[model]
    return {
        "mode": "lines+markers",
        "line": {"color": colour, "width": width, "dash": MODEL_DASHES[model]},
        "marker": {"symbol": MODEL_MARKERS[model], "size": 8, "color": colour, "maxdisplayed": MARKERS_SHOWN},
    }


def set_summary(fig: go.Figure, text: str) -> None:
    """Store the figure's one-sentence summary in its layout metadata."""
    fig.layout.meta = {"summary": text}


def summary(fig: go.Figure) -> str:
    """The one-sentence text summary a builder stored in ``fig``."""
    meta = fig.layout.meta
    return str(meta["summary"]) if isinstance(meta, dict) and "summary" in meta else ""
