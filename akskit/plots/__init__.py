"""Figure builders: data from :mod:`akskit.course` in, ``plotly.graph_objects.Figure`` out.

The only part of akskit that imports plotly. Every builder stores a
one-sentence text summary in the figure (read it with :func:`summary`), so a
reader without JavaScript, or a screen reader, gets the point of the figure.
Builders create every trace up front; ``update_*`` functions change the traces
of an existing figure in place, which is how the explorers in
:mod:`akskit.widgets` redraw without re-creating the figure.

**Names.** The course computes, plots draws, and a name says which layer it comes
from. The course returns data: a *view* (``usage_view``, ``comparison_view``,
``reservation_view``), a domain value (``carve_pod_cidr`` gives a ``Carving``,
``upgrade.model_timeline`` a ``Timeline``), or a ``*_table`` (a ``Table``). For each,
``plots`` has ``X_figure(data)``, which builds the figure, and ``update_X_figure(fig, data)``,
which sets it in place, where ``X`` is the view's name without ``_view``, the value's
type, or the table's name (taking the table's arguments)::

    usage_view(...)              -> usage_figure(view)
    comparison_view(...)         -> comparison_figure(view)
    reservation_view(...)        -> reservation_figure(view)
    carve_pod_cidr(...)          -> carving_figure(carving)
    upgrade.model_timeline(...)  -> timeline_figure(timeline)
    carve.route_table(c, subnet) -> route_table_figure(c, subnet)
    the architecture catalogue   -> architecture_figure(mode)

Every builder here ends in ``_figure`` and nothing in the course does, and
``plots/X.py`` draws what ``course/X.py`` computes.
"""

from __future__ import annotations

from akskit.plots._display import plotly_js, show, static_html
from akskit.plots._style import MODEL_COLOURS, PALETTE, summary
from akskit.plots.architecture import architecture_figure, update_architecture_figure
from akskit.plots.carve import carving_figure, route_table_figure, update_carving_figure, update_route_table_figure
from akskit.plots.comparison import comparison_figure, update_comparison_figure
from akskit.plots.reservation import reservation_figure, update_reservation_figure
from akskit.plots.upgrade import timeline_figure, update_timeline_figure
from akskit.plots.usage import update_usage_figure, usage_figure

__all__ = [
    "MODEL_COLOURS",
    "PALETTE",
    "architecture_figure",
    "carving_figure",
    "comparison_figure",
    "plotly_js",
    "reservation_figure",
    "route_table_figure",
    "show",
    "static_html",
    "summary",
    "timeline_figure",
    "update_architecture_figure",
    "update_carving_figure",
    "update_comparison_figure",
    "update_reservation_figure",
    "update_route_table_figure",
    "update_timeline_figure",
    "update_usage_figure",
    "usage_figure",
]
