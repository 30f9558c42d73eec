"""What an IP-usage figure shows, computed from the planner: curves, ceilings, cliffs, a verdict.

This is the data layer under :mod:`akskit.plots` and :mod:`akskit.widgets`; it
uses only the standard library, so every number a learner sees in a figure is
the planner's own.

>>> view = usage_view(["kubenet", "azure-cni"], nodes=8, max_pods=30, max_surge=0,
...                   node_subnet="10.224.0.0/24", x_max=20)
>>> view.cliffs["azure-cni"], view.cliffs["kubenet"]
(8, 251)
>>> view.fits
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from akskit.course.curves import ip_usage_by_nodes
from akskit.engine import facts
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import Surge, parse_surge

__all__ = ["Ceiling", "UsageView", "usage_view"]


@dataclass(frozen=True, slots=True)
class Ceiling:
    """A horizontal limit on a usage figure: a subnet's usable IPs, a pod CIDR's blocks, a route table."""

    name: str
    value: int


@dataclass(frozen=True, slots=True)
class UsageView:
    """Everything an IP-usage figure draws for one set of inputs.

    Attributes:
        x: node counts on the x axis (pool size, before surge).
        with_surge: per model, the IPs (or blocks) used at each x, upgrade surge included.
        without_surge: the same without surge: the band between them is what an upgrade costs.
        ceilings: horizontal limits to draw.
        cliffs: per model, the largest node count that fits every ceiling (``None``: not even one).
        nodes: the node count the learner chose.
        plans: per model, the planner's full answer at ``nodes``.
        verdict: one line: fits or not, and what limits it.
        summary: one sentence describing the figure (for readers without JavaScript).
    """

    x: tuple[int, ...]
    with_surge: dict[str, tuple[int, ...]]
    without_surge: dict[str, tuple[int, ...]]
    ceilings: tuple[Ceiling, ...]
    cliffs: dict[str, int | None]
    nodes: int
    plans: dict[str, Plan]
    verdict: str
    summary: str

    @property
    def fits(self) -> bool:
        """Every model's plan at ``nodes`` is valid and fits."""
        return all(p.valid and p.fits is not False for p in self.plans.values())


def usage_view(
    models: Iterable[str | NetworkModel],
    *,
    nodes: int,
    max_pods: int | None = None,
    max_surge: int | str | Surge = "10%",
    node_subnet: str | None = None,
    pod_cidr: str | None = None,
    x_max: int | None = None,
    metric: str = "node_subnet",
    focus: Iterable[str | NetworkModel] | None = None,
) -> UsageView:
    """Compute a usage figure's content for one pool of ``nodes`` under each of ``models``.

    ``metric`` is ``"node_subnet"`` (IPs from the node subnet) or ``"pod_cidr_blocks"``
    (kubenet's and overlay's per-node /24s). Without ``x_max`` the x axis runs a quarter
    past the chosen node count and the cliffs of the ``focus`` models (default: all).
    Raises the library's errors for bad input.
    """
    chosen = tuple(parse_model(m) for m in models)
    surge = parse_surge(max_surge)
    if x_max is not None:
        x_max = whole_number(x_max, "x_max", low=1, high=facts.MAX_NODES_PER_CLUSTER, why="AKS's nodes per cluster")
    plans = {
        m.value: plan(
            cluster(
                m,
                [pool("system", nodes, max_pods=max_pods, max_surge=surge)],
                node_subnet=node_subnet,
                pod_cidr=pod_cidr,
            )
        )
        for m in chosen
    }
    first = plans[chosen[0].value]
    ceilings = _ceilings(first, chosen, metric)
    cliffs = {name: p.capacity.max_nodes for name, p in plans.items()}
    focused = {parse_model(m).value for m in focus} if focus is not None else set(cliffs)
    top = x_max or _default_x_max(nodes, {m: c for m, c in cliffs.items() if m in focused})
    xs = range(1, top + 1)
    with_surge = ip_usage_by_nodes(xs, max_pods=max_pods, max_surge=surge, models=chosen, metric=metric)  # type: ignore[arg-type]
    no_surge = ip_usage_by_nodes(xs, max_pods=max_pods, max_surge=0, models=chosen, metric=metric)  # type: ignore[arg-type]
    return UsageView(
        x=tuple(xs),
        with_surge=dict(with_surge.series),
        without_surge=dict(no_surge.series),
        ceilings=ceilings,
        cliffs=cliffs,
        nodes=nodes,
        plans=plans,
        verdict=_verdict(plans),
        summary=_summary(plans, cliffs, ceilings, nodes, metric),
    )


def _ceilings(first: Plan, models: tuple[NetworkModel, ...], metric: str) -> tuple[Ceiling, ...]:
    found = []
    if metric == "node_subnet" and first.node_subnet.usable_ips is not None:
        found.append(
            Ceiling(
                f"node subnet {first.node_subnet.cidr}: {first.node_subnet.usable_ips:,} usable IPs",
                first.node_subnet.usable_ips,
            )
        )
    if metric == "pod_cidr_blocks" and first.pod_cidr is not None and first.pod_cidr.blocks_available is not None:
        found.append(
            Ceiling(
                f"pod CIDR {first.pod_cidr.cidr}: {first.pod_cidr.blocks_available:,} /24 blocks",
                first.pod_cidr.blocks_available,
            )
        )
    if models == (NetworkModel.KUBENET,):  # routes count nodes: same axis as kubenet's one IP per node
        found.append(Ceiling(f"route table: {facts.ROUTE_TABLE_LIMIT} routes (kubenet)", facts.ROUTE_TABLE_LIMIT))
    return tuple(found)


def _default_x_max(nodes: int, cliffs: dict[str, int | None]) -> int:
    """Wide enough to show the chosen count and every cliff, with a little room past them."""
    marks = [nodes, *(c for c in cliffs.values() if c is not None and c <= facts.MAX_NODES_PER_CLUSTER)]
    return max(10, min(facts.MAX_NODES_PER_CLUSTER, int(max(marks) * 1.25) + 1))


def _verdict(plans: dict[str, Plan]) -> str:
    parts = []
    for p in plans.values():
        label = traits(p.model).label
        if p.valid and p.fits is not False:
            parts.append(
                f"{label}: fits ({p.planned_nodes:,} nodes with surge; room for up to "
                f"{p.capacity.max_nodes:,}, limited by {p.capacity.limited_by})"
            )
        else:
            first_error = p.errors[0].message if p.errors else "a given range is too small"
            parts.append(f"{label}: does not fit: {first_error}")
    return " | ".join(parts)


def _summary(
    plans: dict[str, Plan], cliffs: dict[str, int | None], ceilings: tuple[Ceiling, ...], nodes: int, metric: str
) -> str:
    unit = "node-subnet IPs" if metric == "node_subnet" else "pod-CIDR /24 blocks"

    def used(p: Plan) -> int:
        if metric == "node_subnet":
            return p.node_subnet.ips_required
        return p.pod_cidr.blocks_required if p.pod_cidr else 0

    uses = ", ".join(f"{traits(p.model).label} {used(p):,}" for p in plans.values())
    limit = f"; the tightest limit is {min(ceilings, key=lambda c: c.value).name}" if ceilings else ""
    cliff = ", ".join(f"{traits(plans[m].model).label} at {c:,} nodes" for m, c in cliffs.items() if c is not None)
    subject = "the models need" if len(plans) > 1 else "the plan needs"
    return f"At {nodes:,} nodes plus surge {subject} {uses} {unit}{limit}" + (
        f"; they run out at: {cliff}." if cliff else "."
    )
