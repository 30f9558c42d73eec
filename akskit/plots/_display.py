"""Show a figure with its summary, in every place a notebook is read."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

from akskit.plots._style import summary

__all__ = ["plotly_js", "show", "static_html"]


def plotly_js() -> Path:
    """plotly.js as plotly ships it (``package_data/plotly.min.js``, the copy its HTML output inlines).

    :class:`akskit.widgets._plot.PlotlyView` sends it to a page that has no plotly.js
    of its own: a path, so nothing here imports ``plotly.basewidget`` (whose
    ``plotly.io._renderers`` brings ``nbformat`` and ``jsonschema``, about 2.5 s in a
    fresh kernel).
    """
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def static_html(fig: go.Figure, with_summary: bool = True) -> str:
    """The figure as a plotly ``<div>`` (plotly.js not inlined), then its summary unless told not to.

    This is what HTML exports, GitHub and book sites show where no kernel runs:
    the figure draws wherever the page loads plotly.js once (the static site
    does), and the summary sentence reads everywhere. A live figure is drawn as
    it stands now.
    """
    div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    text = f'<p class="akskit-summary">{html.escape(summary(fig))}</p>' if with_summary else ""
    return f'<div class="akskit-figure">{div}{text}</div>'


def show(fig: go.Figure) -> None:
    """Display ``fig`` (interactive where plotly renders) and then its summary as a caption."""
    from IPython.display import Markdown, display

    bundle: dict[str, Any] = {
        "application/vnd.plotly.v1+json": fig.to_plotly_json(),
        "text/html": static_html(fig, with_summary=False),  # the caption below carries it
        "text/plain": summary(fig) or "plotly figure",
    }
    display(bundle, raw=True)
    if summary(fig):
        display(Markdown(f'<p class="akskit-summary"><i>{html.escape(summary(fig))}</i></p>'))
