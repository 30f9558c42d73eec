"""The architecture diagram: control plane and worker node, coloured by who operates each part.

Three buttons (minikube, self-managed, AKS) recolour the boxes, relabel them
and swap the hover text and the summary line. The buttons are plain plotly
``updatemenus``, so they work without a kernel: in an HTML export, on GitHub's
renderer of the static site, anywhere plotly.js runs.
"""

from __future__ import annotations

import textwrap
from typing import Any

import plotly.graph_objects as go

from akskit.course.architecture import MODES, Component, Party, Plane, components, parse_mode
from akskit.course.architecture import mode as mode_info
from akskit.plots._style import PALETTE, set_summary

__all__ = ["PARTY_COLOURS", "architecture_figure", "update_architecture_figure"]

#: One colour per operator, in the order Microsoft's support matrix uses (customer blue, shared purple,
#: Microsoft green), from the Okabe-Ito palette; parts that don't run are grey.
PARTY_COLOURS = {
    Party.YOU: PALETTE["blue"],
    Party.MICROSOFT: PALETTE["green"],
    Party.SHARED: PALETTE["purple"],
    Party.NOBODY: PALETTE["grey"],
}
#: Each operator's legend symbol, so the legend reads without colour (the boxes name their operator in words).
_SYMBOLS = {
    Party.YOU: "square",
    Party.MICROSOFT: "circle",
    Party.SHARED: "diamond",
    Party.NOBODY: "square-open",
}
_LEGEND = {
    Party.YOU: "operated by you",
    Party.MICROSOFT: "operated by Microsoft",
    Party.SHARED: "shared (Microsoft provides, you schedule)",
    Party.NOBODY: "does not run",
}

# Geometry, in axis units: two columns of five boxes, inside a frame per plane.
_COLUMN_X = {Plane.CONTROL: 3.0, Plane.WORKER: 9.0}
_BOX_HALF_WIDTH, _BOX_HALF_HEIGHT = 2.3, 0.55
_ROW_Y = (7.6, 6.2, 4.8, 3.4, 2.0)
_FRAME_X = {Plane.CONTROL: (0.35, 5.65), Plane.WORKER: (6.35, 11.65)}
_FRAME_Y = (1.3, 8.45)
_LABELS_TRACE = 0  # the trace that holds the boxes' text and hover; the legend swatches follow it


def architecture_figure(mode: str = "aks") -> go.Figure:
    """The cluster's parts as boxes coloured by who operates them, with buttons for the three modes.

    >>> fig = architecture_figure("minikube")
    >>> [b.label for b in fig.layout.updatemenus[0].buttons]
    ['minikube', 'self-managed', 'AKS']
    """
    key = parse_mode(mode)
    fig = go.Figure()
    fig.add_scatter(
        name="parts",
        x=[_COLUMN_X[c.plane] for c in components()],
        y=[_row_y(c) for c in components()],
        mode="markers+text",
        marker={"symbol": "square", "size": 44, "opacity": 0},
        textfont={"size": 13, "color": PALETTE["black"]},
        hoverinfo="text",
        hoverlabel={"align": "left"},
        showlegend=False,
    )
    for party, label in _LEGEND.items():
        fig.add_scatter(
            name=label,
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": _SYMBOLS[party], "size": 14, "color": _tint(PARTY_COLOURS[party])},
            marker_line={"color": PARTY_COLOURS[party], "width": 2},
            hoverinfo="skip",
        )
    buttons = [{"label": mode_info(m).label, "method": "update", "args": [*_patch(m), [_LABELS_TRACE]]} for m in MODES]
    fig.update_layout(
        template="plotly_white",
        height=560,
        margin={"l": 20, "r": 20, "t": 110, "b": 90},
        font={"family": "system-ui, sans-serif", "size": 13},
        xaxis={"range": [0, 12], "visible": False, "fixedrange": True},
        yaxis={"range": [0.3, 9.75], "visible": False, "fixedrange": True},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "x": 0,
                "xanchor": "left",
                "y": 1.1,
                "yanchor": "bottom",
                "showactive": True,
                "buttons": buttons,
            }
        ],
    )
    update_architecture_figure(fig, key)
    return fig


def update_architecture_figure(fig: go.Figure, mode: str) -> None:
    """Show ``mode`` in an :func:`architecture_figure`, as its button does (works on a FigureWidget too)."""
    key = parse_mode(mode)
    data, layout = _patch(key)
    fig.data[_LABELS_TRACE].update(text=data["text"][0], hovertext=data["hovertext"][0])
    fig.update_layout(
        shapes=layout["shapes"],
        annotations=layout["annotations"],
        title=layout["title"],
    )
    fig.layout.updatemenus[0].active = MODES.index(key)
    set_summary(fig, mode_info(key).summary)


def _patch(key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The trace and layout changes that show mode ``key``: one button's ``args``."""
    info = mode_info(key)
    texts, hovers, shapes = [], [], [*_frames(key)]
    for c in components():
        r = c.role(key)
        colour = PARTY_COLOURS[r.operator]
        texts.append(f"<b>{c.name}</b><br>{r.operator.value}" if r.runs else f"<i>{c.name}</i><br>not run")
        hovers.append(_hover(c, key))
        x, y = _COLUMN_X[c.plane], _row_y(c)
        shapes.append(
            {
                "type": "rect",
                "name": c.name,
                "x0": x - _BOX_HALF_WIDTH,
                "x1": x + _BOX_HALF_WIDTH,
                "y0": y - _BOX_HALF_HEIGHT,
                "y1": y + _BOX_HALF_HEIGHT,
                "fillcolor": _tint(colour),
                "line": {"color": colour, "width": 2.5, "dash": "solid" if r.runs else "dot"},
                "layer": "below",
            }
        )
    machine = {
        "text": "<b>your computer</b>: one machine runs it all",
        "x": 0.25,
        "y": 0.6,
        "xref": "x",
        "yref": "y",
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 12, "color": PALETTE["black"]},
    }
    annotations = [
        *(_plane_title(plane, key) for plane in Plane),
        *([machine] if key == "minikube" else []),
        {
            "text": "<br>".join(textwrap.wrap(info.summary, 115)),
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": -0.1,
            "xanchor": "left",
            "yanchor": "top",
            "align": "left",
            "showarrow": False,
            "font": {"size": 12, "color": PALETTE["black"]},
        },
    ]
    title = {
        "text": f"Who operates each part of a Kubernetes cluster: {info.label}<br>"
        "<sup>Hover over a part to see who pays; the buttons switch how the cluster is run.</sup>",
        "x": 0.01,
        "xanchor": "left",
        "y": 0.97,
        "yanchor": "top",
    }
    return {"text": [texts], "hovertext": [hovers]}, {
        "shapes": shapes,
        "annotations": annotations,
        "title": title,
        "meta": {"summary": info.summary},
    }


def _frames(key: str) -> list[dict[str, Any]]:
    """One dashed frame per plane; in minikube one more around both (a single machine)."""
    frames = [
        {
            "type": "rect",
            "name": f"{plane.value} frame",
            "x0": _FRAME_X[plane][0],
            "x1": _FRAME_X[plane][1],
            "y0": _FRAME_Y[0],
            "y1": _FRAME_Y[1],
            "line": {"color": PALETTE["grey"], "width": 1.5, "dash": "dash"},
            "fillcolor": "rgba(0,0,0,0)",
            "layer": "below",
        }
        for plane in Plane
    ]
    frames.append(
        {
            "type": "rect",
            "name": "one machine",
            "x0": 0.1,
            "x1": 11.9,
            "y0": 0.45,
            "y1": 9.6,
            "line": {"color": PALETTE["black"], "width": 2},
            "fillcolor": "rgba(0,0,0,0)",
            "layer": "below",
            "visible": key == "minikube",
        }
    )
    return frames


def _plane_title(plane: Plane, key: str) -> dict[str, Any]:
    info = mode_info(key)
    where = info.control_plane_lives if plane is Plane.CONTROL else info.nodes_live
    heading = "Control plane" if plane is Plane.CONTROL else "Worker node(s)"
    x0, x1 = _FRAME_X[plane]
    return {
        "text": f"<b>{heading}</b><br><span style='font-size:11px'>{where}</span>",
        "x": (x0 + x1) / 2,
        "y": _FRAME_Y[1] + 0.05,
        "xref": "x",
        "yref": "y",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 13, "color": PALETTE["black"]},
    }


def _hover(c: Component, key: str) -> str:
    r = c.role(key)
    lines = [
        f"<b>{c.name}</b> ({c.plane.value})",
        *textwrap.wrap(c.does, 60),
        *textwrap.wrap(f"operated by {r.operates}", 60),
        *textwrap.wrap(f"paid by {r.pays}", 60),
    ]
    return "<br>".join(lines)


def _row_y(c: Component) -> float:
    return _ROW_Y[components(c.plane).index(c)]


def _tint(hex_colour: str, alpha: float = 0.22) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
