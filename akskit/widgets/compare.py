"""Explorer for notebook 05: every network model on one workload, as curves and as a table."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from akskit.course.comparison import ComparisonView, comparison_view
from akskit.engine import facts
from akskit.engine.tables import Table
from akskit.plots.compare import model_comparison, update_model_comparison
from akskit.widgets._base import Explorer, cidr_box, int_slider, surge_picker

__all__ = ["CompareExplorer"]


def _table_html(table: Table) -> str:
    """A :class:`~akskit.engine.tables.Table` as a small HTML table, every cell escaped."""
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(h)}</th>" for h in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:2px 8px'>{html.escape(c)}</td>" for c in row) + "</tr>"
        for row in table.rows
    )
    caption = f"<caption style='text-align:left'><i>{html.escape(table.caption)}</i></caption>"
    return f"<table style='border-collapse:collapse;font-size:12px'>{caption}<tr>{head}</tr>{body}</table>"


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
        first = self.compute(**{k: c.value for k, c in controls.items()})
        super().__init__(controls, model_comparison(first, log_y=log_y))
        self.ui.children = (*self.ui.children, self.table)

    def compute(self, **v: Any) -> ComparisonView:
        return comparison_view(
            v["nodes"], max_pods=v["max_pods"], max_surge=v["max_surge"], vnet=v["vnet"].strip() or None
        )

    def draw(self, data: ComparisonView) -> None:
        update_model_comparison(self.figure, data, log_y=self.controls["log_y"].value)
        self.table.value = _table_html(data.table)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """As the base class, with the comparison table under the figure where widgets cannot run."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] += self.table.value
        return bundle
