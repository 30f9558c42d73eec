"""Explorers for the subnet-sizing notebooks: kubenet (03) and Azure CNI versus kubenet (04)."""

from __future__ import annotations

from typing import Any

from akskit.course.usage import UsageView, usage_view
from akskit.engine.models import NetworkModel
from akskit.plots import update_usage_figure, usage_figure
from akskit.widgets._base import Explorer, cidr_box, int_slider, surge_picker

__all__ = ["AzureCniExplorer", "KubenetExplorer"]


class _UsageExplorer(Explorer):
    models: tuple[NetworkModel, ...] = ()
    focus: tuple[NetworkModel, ...] = ()  # models whose cliffs the x axis must show (default: all)
    x_max: int | None = None

    def compute(self, **v: Any) -> UsageView:
        return usage_view(
            self.models,
            nodes=v["nodes"],
            max_pods=v["max_pods"],
            max_surge=v["max_surge"],
            node_subnet=v["node_subnet"],
            pod_cidr=v.get("pod_cidr"),
            x_max=self.x_max,
            focus=self.focus or self.models,
        )

    def draw(self, data: UsageView) -> None:
        update_usage_figure(self.figure, data)


class KubenetExplorer(_UsageExplorer):
    """kubenet: node-subnet IPs against nodes, with the subnet, pod CIDR and route-table ceilings.

    >>> ui = KubenetExplorer()
    >>> ui.controls["node_subnet"].value = "10.224.0.0/33"
    >>> ui.error.startswith("node subnet '10.224.0.0/33'")
    True
    """

    models = (NetworkModel.KUBENET,)
    x_max = 450

    def __init__(
        self,
        nodes: int = 50,
        max_pods: int = 110,
        max_surge: str = "10%",
        node_subnet: str = "10.224.0.0/24",
        pod_cidr: str = "10.244.0.0/16",
    ) -> None:
        controls = {
            "nodes": int_slider("nodes", nodes, 1, 400),
            "max_pods": int_slider("max pods", max_pods, 10, 250),
            "max_surge": surge_picker(max_surge),
            "node_subnet": cidr_box("node subnet", node_subnet),
            "pod_cidr": cidr_box("pod CIDR", pod_cidr),
        }
        super().__init__(controls, lambda view: usage_figure(view, title="kubenet: only nodes take VNet IPs"))


class AzureCniExplorer(_UsageExplorer):
    """Azure CNI versus kubenet on the same subnet: the cliff, and the upgrade-surge band.

    >>> ui = AzureCniExplorer()
    >>> ui.controls["nodes"].value = 9
    >>> "does not fit" in ui.status.value
    True
    """

    models = (NetworkModel.KUBENET, NetworkModel.AZURE_CNI)
    focus = (NetworkModel.AZURE_CNI,)  # the axis follows Azure CNI's cliff, not kubenet's far-off one

    def __init__(
        self, nodes: int = 8, max_pods: int = 30, max_surge: str = "0", node_subnet: str = "10.224.0.0/24"
    ) -> None:
        controls = {
            "nodes": int_slider("nodes", nodes, 1, 250),
            "max_pods": int_slider("max pods", max_pods, 10, 250),
            "max_surge": surge_picker(max_surge),
            "node_subnet": cidr_box("node subnet", node_subnet),
        }
        super().__init__(
            controls, lambda view: usage_figure(view, title="Azure CNI reserves max pods + 1 IPs per node")
        )
