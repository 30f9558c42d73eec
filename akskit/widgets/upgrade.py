"""Explorer for notebook 02: a rolling upgrade's nodes and IPs as pool size, surge and model change."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from akskit.course.upgrade import Timeline, model_timeline
from akskit.engine.models import NetworkModel, traits
from akskit.plots import timeline_figure, update_timeline_figure
from akskit.widgets._base import Explorer, int_slider

__all__ = ["UpgradeExplorer"]

_MODELS = (NetworkModel.KUBENET, NetworkModel.AZURE_CNI, NetworkModel.OVERLAY)
_SURGES = ("0", "1", "2", "10%", "20%", "33%", "50%", "100%")


def _surge_box(value: str) -> w.Combobox:
    """Max surge: pick a common value or type your own (a node count or a percentage), applied on Enter."""
    return w.Combobox(
        value=value,
        options=list(_SURGES),
        ensure_option=False,
        continuous_update=False,
        description="max surge",
        placeholder="such as 1 or 33%",
        style={"description_width": "initial"},
        layout=w.Layout(width="210px"),
    )


class UpgradeExplorer(Explorer):
    """A rolling upgrade of one node pool: nodes by version per step, and the node-subnet IPs they hold.

    The network model sets the IPs per node (kubenet and overlay: 1; Azure CNI
    Node Subnet: max pods + 1), so the same upgrade costs very different IPs.

    >>> ui = UpgradeExplorer()
    >>> ui.controls["max_surge"].value = "150%"
    >>> ui.error.startswith("max surge percentage must be 0% to 100% (got '150%')")
    True
    """

    def __init__(
        self, pool_size: int = 12, max_surge: str = "33%", model: str = "azure-cni", max_pods: int = 30
    ) -> None:
        controls = {
            "pool_size": int_slider("nodes in the pool", pool_size, 1, 100),
            "max_surge": _surge_box(max_surge),
            "model": w.Dropdown(
                options=[(traits(m).label, m.value) for m in _MODELS],
                value=model,
                description="network model",
                style={"description_width": "initial"},
            ),
            "max_pods": int_slider("max pods", max_pods, 10, 250),
        }
        title = "A rolling upgrade: nodes and IPs rise, then fall"
        super().__init__(controls, lambda timeline: timeline_figure(timeline, title=title))

    def compute(self, **v: Any) -> Timeline:
        return model_timeline(v["model"], v["pool_size"], str(v["max_surge"]).strip(), max_pods=v["max_pods"])

    def draw(self, data: Timeline) -> None:
        update_timeline_figure(self.figure, data)
