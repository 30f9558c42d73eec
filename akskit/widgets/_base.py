"""The explorer pattern: controls, one FigureWidget, a summary, a status line, one refresh."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import plotly.graph_objects as go

from akskit.engine.errors import AksKitError
from akskit.plots import static_html, summary

__all__ = ["Explorer", "cidr_box", "int_slider", "surge_picker"]

_OK = '<span style="color:#009E73">&#10003;</span> '
_BAD = '<span style="color:#D55E00">&#10007;</span> '


class Explorer:
    """Base class: subclasses build controls and a figure, and say how to compute and draw.

    Attributes:
        controls: the input widgets by name; set ``.value`` to drive the explorer.
        figure: the one ``go.FigureWidget``, updated in place.
        caption: the figure's one-sentence summary.
        status: the verdict, or the library's message for bad input.
        ui: the whole explorer, to display.
        error: the last input error message, or ``""`` when the input is good.
    """

    def __init__(self, controls: Mapping[str, w.ValueWidget], figure: go.Figure) -> None:
        self.controls = dict(controls)
        self.figure = go.FigureWidget(figure)
        self.caption = w.HTML(layout=w.Layout(margin="0 0 0 8px"))
        self.status = w.HTML(layout=w.Layout(margin="0 0 0 8px"))
        self.error = ""
        boxes = [w.HBox(list(self.controls.values())[i : i + 3]) for i in range(0, len(self.controls), 3)]
        self.ui = w.VBox([*boxes, self.figure, self.caption, self.status])
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        """The controls' current values by name."""
        return {name: c.value for name, c in self.controls.items()}

    def compute(self, **values: Any) -> Any:  # pragma: no cover - subclasses implement
        """Turn control values into what :meth:`draw` needs (library calls only)."""
        raise NotImplementedError

    def draw(self, data: Any) -> None:  # pragma: no cover - subclasses implement
        """Update the figure's traces from ``data`` (called inside ``batch_update``)."""
        raise NotImplementedError

    def verdict(self, data: Any) -> str:
        """One line for the status bar when the input is good."""
        return str(getattr(data, "verdict", ""))

    def refresh(self) -> None:
        """Recompute and redraw; on bad input show the message and keep the last good figure."""
        try:
            data = self.compute(**self.values())
        except AksKitError as exc:
            self.error = str(exc)
            self.status.value = _BAD + html.escape(self.error)
            return
        with self.figure.batch_update():
            self.draw(data)
        self.error = ""
        self.caption.value = f"<i>{html.escape(summary(self.figure))}</i>"
        self.status.value = _OK + html.escape(self.verdict(data))

    def _changed(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The live explorer where widgets run; its figure and summary as HTML elsewhere."""
        bundle: dict[str, Any] = self.ui._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = static_html(go.Figure(self.figure))
        bundle["text/plain"] = summary(self.figure)
        return bundle


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> w.IntSlider:
    """A labelled integer slider bounded to a valid range, updating when released."""
    return w.IntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
    )


def cidr_box(description: str, value: str) -> w.Text:
    """A CIDR text box that applies on Enter or leaving the box (not on every keystroke)."""
    return w.Text(
        value=value,
        description=description,
        continuous_update=False,
        placeholder="such as 10.224.0.0/24",
        style={"description_width": "initial"},
        layout=w.Layout(width="270px"),
    )


def surge_picker(value: str = "10%") -> w.Dropdown:
    """Max surge choices: the legacy 1 node, the 10 % default, Microsoft's 33 % advice, and more."""
    options = ["0", "1", "2", "10%", "20%", "33%", "50%", "100%"]
    return w.Dropdown(
        options=options,
        value=value,
        description="max surge",
        style={"description_width": "initial"},
        layout=w.Layout(width="180px"),
    )
