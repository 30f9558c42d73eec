"""Explorer for notebook 05: every network model on one workload, as curves and as a table."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from akskit.course.comparison import ComparisonView, comparison_view
from akskit.engine import facts
from akskit.plots import comparison_figure, update_comparison_figure
from akskit.widgets._base import Explorer, cidr_box, int_slider, surge_picker

__all__ = ["CompareExplorer"]


class CompareExplorer(Explorer):
    """All six network models on one workload: VNet IPs against nodes, and the comparison table.

    Move nodes, max pods or max surge and every model's curve and row follow;
    give a VNet to see which models' subnets it can hold.

    >>> ui = CompareExplorer()
    >>> ui.controls["vnet"].value = "10.224.0.0/33"
    >>> ui.error.startswith("VNet address space '10.224.0.0/33'")
    True
    """

    def __init__(
        self, nodes: int = 50, max_pods: int = 30, max_surge: str = "10%", vnet: str = "", log_y: bool = True
    ) -> None:
        controls = {
            "nodes": int_slider("nodes", nodes, 1, facts.MAX_NODES_PER_POOL),
            "max_pods": int_slider("max pods", max_pods, facts.MAX_PODS_LOWEST, facts.MAX_PODS_HIGHEST),
            "max_surge": surge_picker(max_surge),
            "vnet": cidr_box("VNet (optional)", vnet),
            "log_y": w.Checkbox(value=log_y, description="log scale", indent=False),
        }
        self.table = w.HTML()
        super().__init__(controls, lambda view: comparison_figure(view, log_y=log_y), panels=[self.table])

    def compute(self, **v: Any) -> ComparisonView:
        return comparison_view(
            v["nodes"], max_pods=v["max_pods"], max_surge=v["max_surge"], vnet=v["vnet"].strip() or None
        )

    def draw(self, data: ComparisonView) -> None:
        update_comparison_figure(self.figure, data, log_y=self.controls["log_y"].value)

    def update_panels(self, data: ComparisonView) -> None:
        self.table.value = data.table.to_html()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """As the base class, with the comparison table under the figure where widgets cannot run."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] += self.table.value
        return bundle
