"""Explorers for the subnet-sizing notebooks: kubenet (03) and Azure CNI versus kubenet (04)."""

from __future__ import annotations

from typing import Any

from akskit.course.usage import UsageView, usage_view
from akskit.plots import ip_usage, update_ip_usage
from akskit.widgets._base import Explorer, cidr_box, int_slider, surge_picker

__all__ = ["AzureCniExplorer", "KubenetExplorer"]


class _UsageExplorer(Explorer):
    models: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()  # models whose cliffs the x axis must show (default: all)
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
        update_ip_usage(self.figure, data)
        self.figure.layout.xaxis.range = [0, data.x[-1]]


class KubenetExplorer(_UsageExplorer):
    """kubenet: node-subnet IPs against nodes, with the subnet, pod CIDR and route-table ceilings.

    >>> ui = KubenetExplorer()
    >>> ui.controls["node_subnet"].value = "10.224.0.0/33"
    >>> ui.error.startswith("node subnet '10.224.0.0/33'")
    True
    """

    models = ("kubenet",)
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
        first = self.compute(**{k: c.value for k, c in controls.items()})
        super().__init__(controls, ip_usage(first, title="kubenet: only nodes take VNet IPs"))


class AzureCniExplorer(_UsageExplorer):
    """Azure CNI versus kubenet on the same subnet: the cliff, and the upgrade-surge band.

    >>> ui = AzureCniExplorer()
    >>> ui.controls["nodes"].value = 9
    >>> "does not fit" in ui.status.value
    True
    """

    models = ("kubenet", "azure-cni")
    focus = ("azure-cni",)  # the axis follows Azure CNI's cliff, not kubenet's far-off one

    def __init__(
        self, nodes: int = 8, max_pods: int = 30, max_surge: str = "0", node_subnet: str = "10.224.0.0/24"
    ) -> None:
        controls = {
            "nodes": int_slider("nodes", nodes, 1, 250),
            "max_pods": int_slider("max pods", max_pods, 10, 250),
            "max_surge": surge_picker(max_surge),
            "node_subnet": cidr_box("node subnet", node_subnet),
        }
        first = self.compute(**{k: c.value for k, c in controls.items()})
        super().__init__(controls, ip_usage(first, title="Azure CNI reserves max pods + 1 IPs per node"))
