"""Plan a cluster's address space: forward (what does it need?) and reverse (how many nodes fit?).

The canonical example, Microsoft's: 50 nodes, max surge 1, 30 max pods on
Azure CNI need ``(50 + 1) x (30 + 1) = 1,581`` node-subnet IPs, a /21.

>>> from akskit import cluster, plan, pool
>>> p = plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)],
...                  node_subnet="10.224.0.0/16", vnet="10.224.0.0/12"))
>>> p.node_subnet.ips_required, p.node_subnet.smallest_prefix, p.node_subnet.fits
(1581, 21, True)
"""

from __future__ import annotations

from collections.abc import Callable
from ipaddress import IPv4Network

from akskit.engine import facts
from akskit.engine.checks import check
from akskit.engine.cidr import (
    default_dns_service_ip,
    largest_pod_cidr_prefix,
    pod_cidr_blocks,
    smallest_subnet_prefix,
    usable_ips,
)
from akskit.engine.models import NetworkModel, traits
from akskit.engine.results import Capacity, Plan, PodCidrPlan, PoolPlan, ServiceRange, SubnetPlan
from akskit.engine.spec import ClusterSpec, require_spec

__all__ = ["max_nodes", "plan", "reverse"]


class _Budget:
    """One resource a plan spends per node (a subnet's IPs, pod-CIDR blocks or an AKS node limit).

    What the plan needs of it, pool 0's cost per node and what every other consumer takes (the
    other pools with and without their upgrade's extra nodes, scale-out nodes at the costliest
    pool's cost, fixed extras), so a reverse search varies pool 0's term alone. A plain slotted
    class: built a few times per plan, never shown.
    """

    __slots__ = ("first", "need", "per_node", "rest", "rest_no_surge")

    def __init__(self, per_node: tuple[int, ...], fixed: int, scale_out_each: int, sizing: _Sizing) -> None:
        rest = rest_no_surge = fixed + sizing.scale_out * scale_out_each
        planned, sizes = sizing.planned, sizing.sizes
        for i in range(1, len(per_node)):
            rest += per_node[i] * planned[i]
            rest_no_surge += per_node[i] * sizes[i]
        self.per_node, self.first, self.rest, self.rest_no_surge = per_node, per_node[0], rest, rest_no_surge
        self.need = rest + per_node[0] * planned[0]


class _Sizing:
    """Each pool's size and planned nodes (size plus the extra nodes of the plan's moment), worked out once."""

    __slots__ = ("extra", "first_extra", "planned", "scale_out", "sizes")

    def __init__(self, spec: ClusterSpec) -> None:
        sizes: list[int] = []
        extra: list[int] = []
        planned: list[int] = []
        for p in spec.pools:
            size = p.size
            more = spec.extra_counter(p)(size)  # spec.extra_nodes(p)
            sizes.append(size)
            extra.append(more)
            planned.append(size + more)
        self.sizes, self.extra, self.planned = sizes, extra, planned
        self.scale_out = spec.scale_out
        self.first_extra = spec.extra_counter(spec.pools[0])  # pool 0's extra nodes at a size


def _budgets(spec: ClusterSpec, max_pods: tuple[int, ...], sizing: _Sizing) -> dict[str, _Budget]:
    """Each resource's budget; the pod subnet's and pod CIDR's only for the models that use them."""
    t = traits(spec.model)
    node = tuple([t.node_subnet_ips_per_node(m) for m in max_pods])
    budgets = {"node subnet": _Budget(node, spec.extra_ips, max(node), sizing)}
    if t.uses_pod_subnet:
        for name, per_node in (
            ("pod subnet", tuple([t.pod_subnet_ips_per_node(m) for m in max_pods])),
            ("pod subnet at start", tuple([t.pod_subnet_ips_at_start(m) for m in max_pods])),
        ):
            budgets[name] = _Budget(per_node, 0, max(per_node), sizing)
    if t.uses_pod_cidr:
        blocks = t.pod_cidr_blocks_per_node()
        budgets["pod CIDR"] = _Budget((blocks,) * len(max_pods), 0, blocks, sizing)
    return budgets


def _largest(fits: Callable[[int], bool], high: int, guess: int = 0) -> int | None:
    """The largest n in [0, high] with ``fits(n)``, for a ``fits`` that holds from 0 until it turns false once.

    Starts at ``guess`` and gallops (a close guess answers in two calls), then bisects.
    """
    guess = min(max(guess, 0), high)
    if fits(guess):  # then fits(0) holds too
        low, step = guess, 1
        while low < high:
            probe = min(low + step, high)
            if not fits(probe):
                high = probe - 1
                break
            low, step = probe, step * 2
    else:
        if guess == 0:
            return None
        low, high, step = 0, guess - 1, 1
        while True:  # find a probe that fits, or learn that 0 does not
            probe = max(high - step + 1, 0)
            if fits(probe):
                low = probe
                break
            if probe == 0:
                return None
            high, step = probe - 1, step * 2
    while low < high:  # fits(low) holds; the answer lies in [low, high]
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low


def _reverse(budget: _Budget, room: int, extra: Callable[[int], int]) -> tuple[int | None, int | None]:
    """The largest size of pool 0 that fits ``room``: with its upgrade's extra nodes (``extra(n)`` at n), and without.

    The budget's need with pool 0 at n is ``rest + first x (n + extra(n))``: one pool's term, not a loop.
    """
    first = budget.first
    if first == 0:
        return None, None
    high, rest = room // first + 1, budget.rest_no_surge
    without = None if rest > room else min((room - rest) // first, high)
    rest = budget.rest
    top = max(0, (room - rest) // first)  # n + extra nodes(n) can't pass this; the extra nodes grow with n
    guess = min(max(top - extra(top * top // ((top + extra(top)) or 1)), 0), high)
    if guess < high and rest + first * (guess + extra(guess)) <= room < rest + first * (guess + 1 + extra(guess + 1)):
        return guess, without  # the usual case: the guess is the answer (it fits, one more does not)

    def fits(n: int) -> bool:
        return rest + first * (n + extra(n)) <= room

    return _largest(fits, high, guess), without


def plan(spec: ClusterSpec) -> Plan:
    """Plan ``spec``: per-pool and total IP needs, prefixes, fit, capacity and findings.

    Never raises for a spec that was built: every problem becomes a finding.

    Raises:
        SpecTypeError: ``spec`` is not a :class:`ClusterSpec` (``None``, a dict).
    """
    spec = require_spec(spec, "plan's spec")
    t = traits(spec.model)
    max_pods = tuple([t.default_max_pods if p.max_pods is None else p.max_pods for p in spec.pools])
    sizing = _Sizing(spec)
    budgets = _budgets(spec, max_pods, sizing)
    extra, planned = sizing.extra, sizing.planned
    zeros = (0,) * len(spec.pools)  # a resource the model doesn't use costs nothing
    node_ips = budgets["node subnet"].per_node
    pod_ips = budgets["pod subnet"].per_node if "pod subnet" in budgets else zeros
    blocks = budgets["pod CIDR"].per_node if "pod CIDR" in budgets else zeros
    pools = tuple(
        [
            PoolPlan(
                name=p.name,
                os=p.os,
                nodes=p.nodes,
                max_count=p.max_count,
                max_pods=m,
                max_pods_defaulted=p.max_pods is None,
                max_surge=str(p.surge),
                surge_defaulted=p.max_surge is None,
                surge_nodes=extra[i],
                planned_nodes=planned[i],
                node_subnet_ips=planned[i] * node_ips[i],
                pod_subnet_ips=planned[i] * pod_ips[i],
                pod_cidr_blocks=planned[i] * blocks[i],
                mode="system" if spec.is_system(i) else "user",
                max_unavailable=None if p.max_unavailable is None else str(p.max_unavailable),
                upgrade_strategy=p.upgrade_strategy,
                vm_size=p.vm_size,
                labels=p.labels,
            )
            for i, (p, m) in enumerate(zip(spec.pools, max_pods, strict=True))
        ]
    )
    first_extra = sizing.first_extra
    node_subnet = _subnet_plan(budgets["node subnet"], spec.node_subnet, first_extra)
    pod_subnet = None
    if t.uses_pod_subnet:
        at_start = budgets["pod subnet at start"].need
        pod_subnet = _subnet_plan(budgets["pod subnet"], spec.pod_subnet, first_extra, at_start)
    pod_cidr = _pod_cidr_plan(spec, budgets["pod CIDR"], first_extra) if t.uses_pod_cidr else None
    draft = Plan(
        spec=spec,
        pools=pools,
        node_subnet=node_subnet,
        pod_subnet=pod_subnet,
        pod_cidr=pod_cidr,
        services=_services(spec),
        capacity=_capacity(spec, sizing, node_subnet, pod_subnet, pod_cidr),
    )
    # The checks read the draft; it is then completed in place (not copied): nothing else holds it yet.
    object.__setattr__(draft, "findings", check(draft))
    return draft


def _subnet_plan(
    budget: _Budget, cidr: IPv4Network | None, extra: Callable[[int], int], minimum: int | None = None
) -> SubnetPlan:
    need = budget.need
    if cidr is None:
        return SubnetPlan(need, smallest_subnet_prefix(need), ips_minimum=minimum)
    room = usable_ips(cidr)
    most, most_no_surge = _reverse(budget, room, extra)
    return SubnetPlan(
        ips_required=need,
        smallest_prefix=smallest_subnet_prefix(need),
        cidr=cidr,
        usable_ips=room,
        fits=need <= room,
        max_nodes=most,
        max_nodes_no_surge=most_no_surge,
        ips_minimum=minimum,
    )


def _pod_cidr_plan(spec: ClusterSpec, budget: _Budget, extra: Callable[[int], int]) -> PodCidrPlan:
    blocks = budget.need
    cidr = spec.pod_cidr if spec.pod_cidr is not None else facts.DEFAULT_POD_CIDR
    available = pod_cidr_blocks(cidr)
    most, most_no_surge = _reverse(budget, available, extra)
    return PodCidrPlan(
        blocks_required=blocks,
        largest_prefix=largest_pod_cidr_prefix(blocks),
        cidr=cidr,
        defaulted=spec.pod_cidr is None,
        blocks_available=available,
        fits=blocks <= available,
        max_nodes=most,
        max_nodes_no_surge=most_no_surge,
    )


def _services(spec: ClusterSpec) -> ServiceRange:
    cidr = spec.service_cidr if spec.service_cidr is not None else facts.DEFAULT_SERVICE_CIDR
    if spec.dns_service_ip is not None:
        dns = spec.dns_service_ip
    elif spec.service_cidr is None:
        dns = facts.DEFAULT_DNS_SERVICE_IP
    else:  # the .10 address, else the first the DNS check accepts (the rule lives in cidr)
        found = default_dns_service_ip(cidr)
        if found is None:  # the range holds none: a placeholder, and checks report the range
            return ServiceRange(cidr, cidr.network_address, False, True, dns_available=False)
        dns = found
    return ServiceRange(cidr, dns, spec.service_cidr is None, spec.dns_service_ip is None)


_POOL_LIMIT = f"AKS's {facts.MAX_NODES_PER_POOL:,} nodes per pool"
_CLUSTER_LIMIT = f"AKS's {facts.MAX_NODES_PER_CLUSTER:,} nodes per cluster"
_KUBENET_LIMIT = f"kubenet's {facts.KUBENET_MAX_NODES} route-table entries"


def _aks_limits(spec: ClusterSpec, sizing: _Sizing) -> list[tuple[str, _Budget, int]]:
    """AKS's node limits that can bind pool 0, as budgets: (label, budget, room), like a subnet's.

    Every node counts against the cluster's limit. When the other pools and scale-out take no more than
    the difference between the cluster's room and a pool's, whatever size fits the pool limit fits the
    cluster's too, and the pool limit, listed first, wins a tie: the cluster's limit can't bind and is
    left out (capacity picks the first smallest).
    """
    count = len(spec.pools)
    limits = [(_POOL_LIMIT, _Budget((1,) + (0,) * (count - 1), 0, 0, sizing), facts.MAX_NODES_PER_POOL)]
    every = _Budget((1,) * count, 0, 1, sizing)
    if every.rest > facts.MAX_NODES_PER_CLUSTER - facts.MAX_NODES_PER_POOL:
        limits.append((_CLUSTER_LIMIT, every, facts.MAX_NODES_PER_CLUSTER))
    if spec.model is NetworkModel.KUBENET:
        limits.append((_KUBENET_LIMIT, every, facts.KUBENET_MAX_NODES))
    return limits


def _capacity(
    spec: ClusterSpec,
    sizing: _Sizing,
    node_subnet: SubnetPlan,
    pod_subnet: SubnetPlan | None,
    pod_cidr: PodCidrPlan | None,
) -> Capacity:
    # (max nodes, without surge, what limits it: a label, or a range's role and plan, named once chosen)
    candidates: list[tuple[int | None, int | None, str, SubnetPlan | PodCidrPlan | None]] = [
        (r.max_nodes, r.max_nodes_no_surge, name, r)
        for name, r in (("node subnet", node_subnet), ("pod subnet", pod_subnet), ("pod CIDR", pod_cidr))
        if r is not None and r.cidr is not None
    ]
    candidates += [
        (*_reverse(budget, room, sizing.first_extra), label, None) for label, budget, room in _aks_limits(spec, sizing)
    ]

    # The first smallest wins (None, no size fitting, below every count), as min() with a key picks it.
    best, least = candidates[0], candidates[0][1]
    for c in candidates[1:]:
        if c[0] != best[0] and (c[0] is None or (best[0] is not None and c[0] < best[0])):
            best = c
        if c[1] != least and (c[1] is None or (least is not None and c[1] < least)):
            least = c[1]
    label = best[2] if best[3] is None else f"the {best[2]} {best[3].cidr}"
    return Capacity(best[0], least, label)


def max_nodes(spec: ClusterSpec, surge: bool = True) -> int | None:
    """The largest size of the first pool that fits every given CIDR and AKS limit.

    >>> from akskit import cluster, pool
    >>> max_nodes(cluster("kubenet", [pool("system", 1, max_surge=0)], node_subnet="10.224.0.0/24"))
    251
    """
    capacity = plan(require_spec(spec, "max_nodes's spec")).capacity
    return capacity.max_nodes if surge else capacity.max_nodes_no_surge


def reverse(spec: ClusterSpec) -> Plan:
    """Reverse mode: the plan with the first pool at the largest size that fits.

    >>> from akskit import cluster, pool
    >>> reverse(cluster("azure-cni", [pool("system", 0, max_pods=30, max_surge=0)],
    ...                 node_subnet="10.224.0.0/24")).pools[0].nodes
    8
    """
    spec = require_spec(spec, "reverse's spec")
    n = max_nodes(spec)
    return plan(spec.with_pool(0, nodes=0 if n is None else n, max_count=None))
