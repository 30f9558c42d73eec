"""Figure builders: data in, ``plotly.graph_objects.Figure`` out.

The only part of akskit that imports plotly. Every builder stores a
one-sentence text summary in the figure (read it with :func:`summary`), so a
reader without JavaScript, or a screen reader, gets the point of the figure.
Builders create every trace up front; ``update_*`` functions change the traces
of an existing figure in place, which is how the explorers in
:mod:`akskit.widgets` redraw without re-creating the figure.
"""

from __future__ import annotations

from akskit.plots._display import show, static_html
from akskit.plots._style import MODEL_COLOURS, PALETTE, summary
from akskit.plots.address_map import pod_cidr_map, update_pod_cidr_map
from akskit.plots.architecture import architecture, update_architecture
from akskit.plots.compare import model_comparison, update_model_comparison
from akskit.plots.reservation import ip_reservation, update_ip_reservation
from akskit.plots.routes import route_table, update_route_table
from akskit.plots.upgrade import update_upgrade_timeline, upgrade_timeline
from akskit.plots.usage import ip_usage, update_ip_usage

__all__ = [
    "MODEL_COLOURS",
    "PALETTE",
    "architecture",
    "ip_reservation",
    "ip_usage",
    "model_comparison",
    "pod_cidr_map",
    "route_table",
    "show",
    "static_html",
    "summary",
    "update_architecture",
    "update_ip_reservation",
    "update_ip_usage",
    "update_model_comparison",
    "update_pod_cidr_map",
    "update_route_table",
    "update_upgrade_timeline",
    "upgrade_timeline",
]
