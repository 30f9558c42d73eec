"""App mode: the whole calculator on one page, for people who do not want a notebook.

:class:`PlannerApp` is what ``make app`` serves with Voila (``app/calculator.ipynb``):
one node pool under any network model, every range optional, the plan's needs,
fit, reverse-mode capacity and findings in a results panel under the IP-usage figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from akskit.course.usage import UsageView, usage_view_of
from akskit.engine import facts
from akskit.engine.model_names import parse_model
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.report import render
from akskit.engine.results import Plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import parse_surge
from akskit.plots.usage import model_trace_styles, update_usage_figure, usage_figure
from akskit.widgets._base import Explorer, cidr_box, int_slider, surge_picker
from akskit.widgets._plot import library

__all__ = ["PlannerApp"]


@dataclass(frozen=True, slots=True)
class PlannerResult:
    """What one set of inputs gives: the figure's view and the planner's full answer."""

    model: NetworkModel
    view: UsageView
    plan: Plan


def _title(model: NetworkModel) -> str:
    return f"{traits(model).label}: node-subnet IPs as the pool grows"


def _text(value: str) -> str | None:
    """A text box's value, or ``None`` when left empty (not given)."""
    return value.strip() or None


def _count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


class PlannerApp(Explorer):
    """The calculator as one page: choose a model and a pool, give any ranges, read the plan.

    Empty text boxes mean "not given": the planner sizes the subnets and uses AKS's
    defaults for the pod CIDR, service CIDR and DNS service IP. The figure shows the
    chosen model's node-subnet IPs against the pool's size, with the subnet ceiling and
    the cliff (the largest pool that fits every range given); the results panel
    (``results``) shows the full plan.

    >>> ui = PlannerApp(model="azure-cni", nodes=8, max_pods=30, max_surge="0", node_subnet="10.224.0.0/24")
    >>> "fits" in ui.status.value, ui.plan.capacity.max_nodes
    (True, 8)
    >>> ui.controls["pod_cidr"].value = "10.244.0.1/16"
    >>> ui.error.startswith("pod CIDR '10.244.0.1/16'")
    True
    """

    def __init__(
        self,
        model: str = "azure-cni",
        dataplane: str = "azure",
        nodes: int = 50,
        max_count: int = 0,
        max_pods: int = 30,
        max_surge: str = "1",
        node_subnet: str = "10.224.0.0/21",
        pod_subnet: str = "",
        pod_cidr: str = "",
        service_cidr: str = "",
        dns_service_ip: str = "",
    ) -> None:
        wide = {"description_width": "initial"}
        controls: dict[str, w.ValueWidget] = {
            "model": w.Dropdown(
                options=[(f"{traits(m).label} ({m.value})", m.value) for m in NetworkModel],
                value=parse_model(model).value,
                description="network model",
                style=wide,
                layout=w.Layout(width="380px"),
            ),
            "dataplane": w.Dropdown(
                options=[(d.value, d.value) for d in Dataplane],
                value=dataplane,
                description="data plane",
                style=wide,
                layout=w.Layout(width="180px"),
            ),
            "nodes": int_slider("nodes", nodes, 1, facts.MAX_NODES_PER_POOL),
            "max_count": int_slider("autoscaler max count (0 = none)", max_count, 0, facts.MAX_NODES_PER_POOL),
            "max_pods": int_slider("max pods", max_pods, facts.MAX_PODS_LOWEST, facts.MAX_PODS_HIGHEST),
            "max_surge": surge_picker(max_surge),
            "node_subnet": cidr_box("node subnet", node_subnet),
            "pod_subnet": cidr_box("pod subnet", pod_subnet),
            "pod_cidr": cidr_box("pod CIDR", pod_cidr),
            "service_cidr": cidr_box("service CIDR", service_cidr),
            "dns_service_ip": cidr_box("DNS service IP", dns_service_ip),
        }
        controls["pod_subnet"].placeholder = "empty: not given"
        controls["pod_cidr"].placeholder = "empty: AKS's default"
        controls["service_cidr"].placeholder = "empty: AKS's default"
        controls["dns_service_ip"].placeholder = "empty: AKS's default"
        self.results = w.HTML()
        self.results.add_class("akskit-planner-results")
        library().send()  # app mode: no figure output before this one puts plotly.js on the page
        super().__init__(controls, lambda r: usage_figure(r.view, title=_title(r.model)), panels=[self.results])
        self.ui.add_class("akskit-planner")

    @property
    def plan(self) -> Plan:
        """The planner's full answer for the last good input."""
        return self.data.plan  # type: ignore[no-any-return]

    def compute(self, **v: Any) -> PlannerResult:
        """Plan the cluster once; the figure's view reads that plan (its cliff is the plan's capacity)."""
        model = parse_model(v["model"])
        spec = cluster(
            model,
            [
                pool(
                    "system",
                    v["nodes"],
                    max_count=v["max_count"] or None,
                    max_pods=v["max_pods"],
                    max_surge=parse_surge(v["max_surge"]),
                )
            ],
            dataplane=v["dataplane"],
            node_subnet=_text(v["node_subnet"]),
            pod_subnet=_text(v["pod_subnet"]),
            pod_cidr=_text(v["pod_cidr"]),
            service_cidr=_text(v["service_cidr"]),
            dns_service_ip=_text(v["dns_service_ip"]),
        )
        full = plan(spec)
        return PlannerResult(model, usage_view_of([full]), full)

    def draw(self, data: PlannerResult) -> None:
        if data.model is not self.data.model:  # one model's traces (self.data: still the last drawn), restyled
            band, line = model_trace_styles(data.model)
            self.figure.data[0].update(**band)
            self.figure.data[1].update(**line)
            self.figure.layout.title.text = _title(data.model)
        update_usage_figure(self.figure, data.view)

    def update_panels(self, data: PlannerResult) -> None:
        self.results.value = render(data.plan, "html")

    def verdict(self, data: PlannerResult) -> str:
        p = data.plan
        label = traits(p.model).label
        first_error = p.errors[0].message if p.errors else ""
        if p.fits is False:
            return f"{label}: does not fit: {first_error or 'a given range is too small'}"
        if not p.valid:
            return f"{label}: not deployable as planned: {first_error}"
        room = f"room for up to {_count(p.capacity.max_nodes)} nodes, limited by {p.capacity.limited_by}"
        what = "fits" if p.fits else "valid plan"
        return f"{label}: {what} ({p.planned_nodes:,} nodes with surge; {room})"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """As the base class, with the results panel (:func:`akskit.engine.report.render` as HTML) under the figure."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] += self.results.value
        return bundle
