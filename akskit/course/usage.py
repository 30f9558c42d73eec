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
from akskit.engine.errors import SpecError
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import Surge, parse_surge

__all__ = ["Ceiling", "UsageView", "usage_view", "usage_view_of"]


@dataclass(frozen=True, slots=True)
class Ceiling:
    """A horizontal limit on a usage figure: a subnet's usable IPs, a pod CIDR's blocks, a route table."""

    name: str
    value: int


@dataclass(frozen=True, slots=True)
class UsageView:
    """Everything an IP-usage figure draws for one set of inputs, per network model.

    Attributes:
        x: node counts on the x axis (pool size, before surge).
        with_surge: per model, the IPs (or blocks) used at each x, upgrade surge included.
        without_surge: the same without surge: the band between them is what an upgrade costs.
        ceilings: horizontal limits to draw.
        cliffs: per model, the largest node count that fits every range given (``None``: not even one).
        nodes: the node count the learner chose (the autoscaler maximum when one is set).
        plans: per model, the planner's full answer at ``nodes``.
        verdict: one line: fits or not, and what limits it.
        summary: one sentence describing the figure (for readers without JavaScript).
    """

    x: tuple[int, ...]
    with_surge: dict[NetworkModel, tuple[int, ...]]
    without_surge: dict[NetworkModel, tuple[int, ...]]
    ceilings: tuple[Ceiling, ...]
    cliffs: dict[NetworkModel, int | None]
    nodes: int
    plans: dict[NetworkModel, Plan]
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

    Plans one cluster per model, then :func:`usage_view_of` those plans. ``metric`` is
    ``"node_subnet"`` (IPs from the node subnet) or ``"pod_cidr_blocks"`` (kubenet's and
    overlay's per-node /24s). Without ``x_max`` the x axis runs a quarter past the chosen
    node count and the cliffs of the ``focus`` models (default: all). Raises the library's
    errors for bad input.
    """
    surge = parse_surge(max_surge)
    specs = [
        cluster(
            parse_model(m),
            [pool("system", nodes, max_pods=max_pods, max_surge=surge)],
            node_subnet=node_subnet,
            pod_cidr=pod_cidr,
        )
        for m in models
    ]
    return usage_view_of([plan(s) for s in specs], x_max=x_max, metric=metric, focus=focus)


def usage_view_of(
    plans: Iterable[Plan],
    *,
    x_max: int | None = None,
    metric: str = "node_subnet",
    focus: Iterable[str | NetworkModel] | None = None,
) -> UsageView:
    """The usage figure's content for plans already made: one per model, read from their first pool.

    The curves use the first pool's max pods and surge, and the cluster's scale-out
    and other node-subnet IPs; the ceilings come from the first plan's ranges and the
    cliffs are each plan's own capacity, so every range the plan checks (a pod subnet
    too) moves the cliff. Nothing is planned again.

    >>> from akskit import cluster, plan, pool
    >>> p = plan(cluster("pod-subnet", [pool("system", 1, max_pods=30, max_surge=0)],
    ...                  node_subnet="10.224.0.0/24", pod_subnet="10.225.0.0/26"))
    >>> usage_view_of([p], x_max=10).cliffs["pod-subnet"]
    1
    """
    by_model = {p.model: p for p in plans}
    if not by_model:
        raise SpecError("a usage view needs at least one plan (got none): pass one plan per network model")
    if x_max is not None:
        x_max = whole_number(x_max, "x_max", low=1, high=facts.MAX_NODES_PER_CLUSTER, why="AKS's nodes per cluster")
    first = next(iter(by_model.values()))
    spec, head = first.spec, first.spec.pools[0]
    nodes = head.size
    chosen = tuple(by_model)
    ceilings = _ceilings(first, chosen, metric)
    cliffs = {m: p.capacity.max_nodes for m, p in by_model.items()}
    focused = {parse_model(m) for m in focus} if focus is not None else set(cliffs)
    top = x_max or _default_x_max(nodes, {m: c for m, c in cliffs.items() if m in focused})
    xs = range(1, top + 1)
    with_surge: dict[NetworkModel, tuple[int, ...]] = {}
    no_surge: dict[NetworkModel, tuple[int, ...]] = {}
    for m, p in by_model.items():
        args = {
            "max_pods": p.pools[0].max_pods,
            "scale_out": spec.scale_out,
            "extra_ips": spec.extra_ips,
            "models": (m,),
            "metric": metric,
        }
        with_surge[m] = ip_usage_by_nodes(xs, max_surge=head.max_surge, **args).series[m]  # type: ignore[arg-type]
        no_surge[m] = ip_usage_by_nodes(xs, max_surge=0, **args).series[m]  # type: ignore[arg-type]
    return UsageView(
        x=tuple(xs),
        with_surge=with_surge,
        without_surge=no_surge,
        ceilings=ceilings,
        cliffs=cliffs,
        nodes=nodes,
        plans=by_model,
        verdict=_verdict(by_model),
        summary=_summary(by_model, ceilings, nodes, metric),
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


def _default_x_max(nodes: int, cliffs: dict[NetworkModel, int | None]) -> int:
    """Wide enough to show the chosen count and every cliff, with a little room past them."""
    marks = [nodes, *(c for c in cliffs.values() if c is not None and c <= facts.MAX_NODES_PER_CLUSTER)]
    return max(10, min(facts.MAX_NODES_PER_CLUSTER, int(max(marks) * 1.25) + 1))


def _verdict(plans: dict[NetworkModel, Plan]) -> str:
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


def _summary(plans: dict[NetworkModel, Plan], ceilings: tuple[Ceiling, ...], nodes: int, metric: str) -> str:
    """The figure in one plain sentence a screen reader can read aloud.

    For example: "With 50 nodes plus 5 for the upgrade surge, kubenet needs 55 addresses in
    the node subnet and runs out at 228 nodes, limited by the node subnet 10.224.0.0/24."
    ``ceilings`` are drawn in the figure; each model's limit is named in words instead.
    """
    unit = "addresses in the node subnet" if metric == "node_subnet" else "/24 blocks of the pod CIDR"

    def used(p: Plan) -> int:
        if metric == "node_subnet":
            return p.node_subnet.ips_required
        return p.pod_cidr.blocks_required if p.pod_cidr else 0

    def clause(p: Plan, before: Plan | None) -> str:
        needs = f"{traits(p.model).label} needs {used(p):,}" + (f" {unit}" if before is None else "")
        n = p.capacity.max_nodes
        if n is None:
            return f"{needs}, with no node limit in sight"
        stop = f"runs out at {_nodes(n)}"
        if before is None or before.capacity.limited_by != p.capacity.limited_by:  # say a shared limit once
            stop += f", limited by {p.capacity.limited_by}"
        return f"{needs} but does not fit: it {stop}" if p.fits is False else f"{needs} and {stop}"

    pool = next(iter(plans.values())).pools[0]
    surge = pool.surge_nodes
    sized = pool.planned_nodes - surge
    with_surge = f" plus {surge:,} for the upgrade surge" if surge else " and no upgrade surge"
    ordered = list(plans.values())
    clauses = [clause(p, ordered[i - 1] if i else None) for i, p in enumerate(ordered)]
    return f"With {_nodes(sized)}{with_surge}, " + "; ".join(clauses) + "."


def _nodes(n: int) -> str:
    return f"{n:,} node{'' if n == 1 else 's'}"
