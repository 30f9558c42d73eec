"""The explorer pattern: controls, one computation, one live figure, a summary and a status line."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as w

from akskit.engine.errors import AksKitError
from akskit.plots import static_html, summary
from akskit.widgets._aria import EXPLORER_CLASS, SliderNames
from akskit.widgets._plot import PlotlyView

__all__ = ["Explorer", "cidr_box", "int_slider", "surge_picker"]

_OK = '<span style="color:#009E73">&#10003;</span> '
_BAD = '<span style="color:#D55E00">&#10007;</span> '


class Explorer:
    """Base class: give it controls and a figure builder; subclasses say how to compute and draw.

    Building computes once from the controls' values and builds the figure from
    that computation (``build(data)``); each change of a control computes once,
    updates the figure in place (:meth:`draw`, inside ``batch_update``) and sends the
    page only what changed (:class:`~akskit.widgets._plot.PlotlyView`). A subclass implements
    :meth:`compute` (library calls only) and :meth:`draw` (an ``update_*_figure``
    call), and :meth:`update_panels` for any panel beside the figure.

    Attributes:
        controls: the input widgets by name; set ``.value`` to drive the explorer.
        data: the last good computation: what the figure shows.
        figure: the plotly figure (a plain ``go.Figure``), updated in place: read it, tweak it,
            ``plots.show`` it. The page shows it through ``plot``; a tweak made by hand reaches
            the page with the next change, or at once with :meth:`refresh`.
        plot: the widget that draws ``figure`` in the page.
        caption: the figure's one-sentence summary.
        status: the verdict, or the library's message for bad input.
        ui: the whole explorer, to display. Every control has an accessible name: its
            description, tied to text boxes and dropdowns by ipywidgets and to slider
            handles by :class:`~akskit.widgets._aria.SliderNames`.
        error: the last input error message, or ``""`` when the input is good.
    """

    def __init__(
        self,
        controls: Mapping[str, w.ValueWidget],
        build: Callable[[Any], Any],
        panels: Iterable[w.Widget] = (),
    ) -> None:
        """Compute from the controls, build the figure from that, and observe every control.

        Bad input in the first values raises the library's error: the caller chose
        them in code, not a learner in a control.
        """
        self.controls = dict(controls)
        self.data = self.compute(**self.values())
        self.figure = build(self.data)
        self.plot = PlotlyView(self.figure)
        self.caption = w.HTML(layout=w.Layout(margin="0 0 0 8px"))
        self.status = w.HTML(layout=w.Layout(margin="0 0 0 8px"))
        self.error = ""
        boxes = [w.HBox(list(self.controls.values())[i : i + 3]) for i in range(0, len(self.controls), 3)]
        sliders = sum(isinstance(c, w.IntSlider) for c in self.controls.values())
        self.ui = w.VBox([*boxes, self.plot, self.caption, self.status, *panels, SliderNames(sliders)])
        self.ui.add_class(EXPLORER_CLASS)  # the scope in which SliderNames names each slider for screen readers
        self._shown(self.data)
        for control in self.controls.values():
            control.observe(self._changed, names="value")

    def values(self) -> dict[str, Any]:
        """The controls' current values by name."""
        return {name: c.value for name, c in self.controls.items()}

    def compute(self, **values: Any) -> Any:  # pragma: no cover - subclasses implement
        """Turn control values into what the figure needs (library calls only)."""
        raise NotImplementedError

    def draw(self, data: Any) -> None:  # pragma: no cover - subclasses implement
        """Update the figure's traces from ``data`` (inside ``batch_update``; ``self.data`` is still the last drawn)."""
        raise NotImplementedError

    def update_panels(self, data: Any) -> None:
        """Update what sits beside the figure (a table, a results panel) from ``data``; nothing by default."""

    def verdict(self, data: Any) -> str:
        """One line for the status bar when the input is good."""
        return str(getattr(data, "verdict", ""))

    def refresh(self) -> None:
        """Recompute once and redraw; on bad input show the message and keep the last good figure."""
        try:
            data = self.compute(**self.values())
        except AksKitError as exc:
            self.error = str(exc)
            self.status.value = _BAD + html.escape(self.error)
            return
        with self.figure.batch_update():
            self.draw(data)
        self.plot.push(self.figure)
        self.data = data
        self.error = ""
        self._shown(data)

    def _shown(self, data: Any) -> None:
        """Caption, status and panels for good ``data`` already in the figure."""
        self.caption.value = f"<i>{html.escape(summary(self.figure))}</i>"
        self.status.value = _OK + html.escape(self.verdict(data))
        self.update_panels(data)

    def _changed(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The live explorer where widgets run; its figure and summary as HTML elsewhere."""
        bundle: dict[str, Any] = self.ui._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = static_html(self.figure)
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
