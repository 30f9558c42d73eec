"""App mode: the whole calculator on one page, for people who do not want a notebook.

:class:`PlannerApp` is what ``make app`` serves with Voila (``app/calculator.ipynb``):
one node pool under any network model, every range optional, the plan's needs,
fit, reverse-mode capacity and findings in a results panel under the IP-usage figure.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Any

import ipywidgets as w

from akskit.course.usage import UsageView, usage_view
from akskit.engine import facts
from akskit.engine.findings import Severity
from akskit.engine.model_names import parse_model
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.results import Plan, PodCidrPlan, SubnetPlan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import parse_surge
from akskit.plots import PALETTE, ip_usage, update_ip_usage
from akskit.plots.usage import model_trace_styles
from akskit.widgets._base import Explorer, cidr_box, int_slider, surge_picker

__all__ = ["PlannerApp"]

_SEVERITY_COLOURS = {
    Severity.ERROR: PALETTE["vermillion"],
    Severity.WARNING: PALETTE["orange"],
    Severity.INFO: PALETTE["blue"],
}
_CELL = "padding:2px 10px;text-align:left"


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


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def _count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _subnet_row(name: str, s: SubnetPlan) -> list[str]:
    usable = "-" if s.usable_ips is None else f"{s.usable_ips:,} (headroom {s.headroom:,})"
    return [
        name,
        f"{s.ips_required:,} IPs",
        "none" if s.smallest_prefix is None else f"/{s.smallest_prefix}",
        "not given" if s.cidr is None else str(s.cidr),
        usable,
        _yes_no(s.fits),
        f"{_count(s.max_nodes)} / {_count(s.max_nodes_no_surge)}",
    ]


def _pod_cidr_row(c: PodCidrPlan) -> list[str]:
    given = "not given" if c.cidr is None else f"{c.cidr}{' (AKS default)' if c.defaulted else ''}"
    return [
        "pod CIDR",
        f"{c.blocks_required:,} /24 blocks",
        f"/{c.largest_prefix}",
        given,
        _count(c.blocks_available) + " /24 blocks" if c.blocks_available is not None else "-",
        _yes_no(c.fits),
        f"{_count(c.max_nodes)} / {_count(c.max_nodes_no_surge)}",
    ]


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th style='{_CELL}'>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td style='{_CELL}'>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{body}</table>"


def _headline(p: Plan) -> tuple[str, str]:
    """The verdict in a few words, and its colour."""
    if p.fits is False:
        return "does not fit", PALETTE["vermillion"]
    if not p.valid:
        return "not deployable as planned", PALETTE["vermillion"]
    if p.fits:
        return "fits", PALETTE["green"]
    return "valid (give ranges to check the fit)", PALETTE["green"]


def results_html(p: Plan) -> str:
    """The plan as a small HTML panel: needs, prefixes, fit, max nodes and findings, every value escaped."""
    word, colour = _headline(p)
    label = f"{traits(p.model).label} ({p.model.value}), data plane {p.dataplane.value}"
    rows = [_subnet_row("node subnet", p.node_subnet)]
    if p.pod_subnet is not None:
        rows.append(_subnet_row("pod subnet", p.pod_subnet))
    if p.pod_cidr is not None:
        rows.append(_pod_cidr_row(p.pod_cidr))
    header = ["range", "needs", "smallest prefix", "given", "usable", "fits", "max nodes (with / without surge)"]
    s = p.services
    totals = (
        f"Planned nodes: {p.planned_nodes:,} (pool at max count plus upgrade surge); room for "
        f"{p.pod_capacity:,} pods. Service CIDR {s.cidr}{' (AKS default)' if s.cidr_defaulted else ''}, "
        f"DNS service IP {s.dns_service_ip}{' (AKS default)' if s.dns_defaulted else ''}."
    )
    if p.route_table_entries is not None:
        totals += f" Route table: {p.route_table_entries:,} of {facts.ROUTE_TABLE_LIMIT} routes."
    cap = p.capacity
    capacity = (
        f"Max nodes (reverse mode): {_count(cap.max_nodes)} with upgrade surge, "
        f"{_count(cap.max_nodes_no_surge)} without; limited by {cap.limited_by}."
    )
    items = "".join(
        f"<li><b style='color:{_SEVERITY_COLOURS[f.severity]}'>{html.escape(f.severity.value)}</b> "
        f"<code>{html.escape(f.code)}</code>: {html.escape(f.message)} "
        f"<a href='{html.escape(f.url, quote=True)}' target='_blank' rel='noopener noreferrer'>source</a></li>"
        for f in p.findings
    )
    findings = f"<ul style='margin:4px 0'>{items}</ul>" if items else "<p>No findings.</p>"
    return (
        "<div style='font-size:13px;line-height:1.4'>"
        f"<h3 style='margin:6px 0'>Result: <span style='color:{colour}'>{html.escape(word)}</span> "
        f"<small>{html.escape(label)}</small></h3>"
        f"{_table(header, rows)}"
        f"<p>{html.escape(totals)}</p><p>{html.escape(capacity)}</p>"
        f"<h4 style='margin:6px 0'>Findings ({len(p.findings)})</h4>{findings}</div>"
    )


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
        first = self.compute(**{k: c.value for k, c in controls.items()})
        self._model = first.model
        self.plan = first.plan
        super().__init__(controls, ip_usage(first.view, title=_title(first.model)))
        self.ui.children = (*self.ui.children, self.results)
        self.ui.add_class("akskit-planner")

    def compute(self, **v: Any) -> PlannerResult:
        model = parse_model(v["model"])
        surge = parse_surge(v["max_surge"])
        spec = cluster(
            model,
            [pool("system", v["nodes"], max_count=v["max_count"] or None, max_pods=v["max_pods"], max_surge=surge)],
            dataplane=v["dataplane"],
            node_subnet=_text(v["node_subnet"]),
            pod_subnet=_text(v["pod_subnet"]),
            pod_cidr=_text(v["pod_cidr"]),
            service_cidr=_text(v["service_cidr"]),
            dns_service_ip=_text(v["dns_service_ip"]),
        )
        full = plan(spec)
        view = usage_view(
            [model],
            nodes=spec.pools[0].size,
            max_pods=v["max_pods"],
            max_surge=surge,
            node_subnet=_text(v["node_subnet"]),
            pod_cidr=_text(v["pod_cidr"]),
        )
        cliff = full.capacity.max_nodes
        if view.cliffs[model.value] != cliff:  # a range the figure does not draw (the pod subnet) is tighter
            limit = f"the pool holds at most {cliff:,} nodes" if cliff is not None else "not even one node fits"
            view = replace(
                view,
                cliffs={model.value: cliff},
                summary=f"{view.summary} With every range given, {limit} (limited by {full.capacity.limited_by}).",
            )
        return PlannerResult(model, view, full)

    def draw(self, data: PlannerResult) -> None:
        if data.model is not self._model:  # one model's traces, restyled for the new model
            band, line = model_trace_styles(data.model.value)
            self.figure.data[0].update(**band)
            self.figure.data[1].update(**line)
            self.figure.layout.title.text = _title(data.model)
            self._model = data.model
        update_ip_usage(self.figure, data.view)
        self.figure.layout.xaxis.range = [0, data.view.x[-1]]
        self.plan = data.plan
        self.results.value = results_html(data.plan)

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
        """As the base class, with the results panel under the figure where widgets cannot run."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] += self.results.value
        return bundle
