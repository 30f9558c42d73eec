"""Show a figure with its summary, in every place a notebook is read."""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from akskit.plots._style import summary

__all__ = ["show", "static_html"]


def static_html(fig: go.Figure) -> str:
    """The figure as a plotly ``<div>`` (plotly.js not inlined) followed by its summary.

    This is what HTML exports, GitHub and book sites show where no kernel runs:
    the figure draws wherever the page loads plotly.js once (the static site
    does), and the summary sentence reads everywhere.
    """
    div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    text = html.escape(summary(fig))
    return f'<div class="akskit-figure">{div}<p class="akskit-summary">{text}</p></div>'


def show(fig: go.Figure) -> None:
    """Display ``fig`` (interactive where plotly renders) and then its summary as a caption."""
    from IPython.display import Markdown, display

    bundle: dict[str, Any] = {
        "application/vnd.plotly.v1+json": fig.to_plotly_json(),
        "text/html": static_html(fig),
        "text/plain": summary(fig) or "plotly figure",
    }
    display(bundle, raw=True)
    if summary(fig):
        display(Markdown(f"*{summary(fig)}*"))
