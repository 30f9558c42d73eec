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


class _Costs:
    """Per-node cost of each pool in one resource (node subnet, pod subnet or pod CIDR).

    A plain slotted class: built several times per plan, never shown.
    """

    __slots__ = ("fixed", "per_node", "scale_out_each")

    def __init__(self, per_node: tuple[int, ...], fixed: int, scale_out_each: int) -> None:
        self.per_node = per_node
        self.fixed = fixed  # IPs or blocks taken whatever the node count (other consumers)
        self.scale_out_each = scale_out_each  # cost of one scale-out node: the costliest pool's

    def need(self, spec: ClusterSpec, first_size: int | None = None, surge: bool = True) -> int:
        """What the resource needs, optionally with pool 0 resized to ``first_size``."""
        total = self.fixed + spec.scale_out * self.scale_out_each
        for i, (p, cost) in enumerate(zip(spec.pools, self.per_node, strict=True)):
            if cost:  # a pool this resource doesn't charge adds nothing, whatever its size
                size = p.size if (i or first_size is None) else first_size
                total += cost * (size + (spec.extra_nodes(p, size) if surge else 0))
        return total

    def others(self, spec: ClusterSpec, surge: bool) -> int:
        """What the resource needs besides pool 0: ``need(spec, n, surge)`` is this plus pool 0's share at n."""
        total = self.fixed + spec.scale_out * self.scale_out_each
        for p, cost in zip(spec.pools[1:], self.per_node[1:], strict=True):
            if cost:
                total += cost * (p.size + (spec.extra_nodes(p) if surge else 0))
        return total


def _costs(spec: ClusterSpec, max_pods: tuple[int, ...]) -> dict[str, _Costs]:
    """Each resource's costs; the pod subnet's and pod CIDR's only for the models that use them."""
    t = traits(spec.model)
    node = tuple([t.node_subnet_ips_per_node(m) for m in max_pods])
    costs = {"node subnet": _Costs(node, spec.extra_ips, max(node))}
    if t.uses_pod_subnet:
        for name, per_node in (
            ("pod subnet", tuple([t.pod_subnet_ips_per_node(m) for m in max_pods])),
            ("pod subnet at start", tuple([t.pod_subnet_ips_at_start(m) for m in max_pods])),
        ):
            costs[name] = _Costs(per_node, 0, max(per_node))
    if t.uses_pod_cidr:
        costs["pod CIDR"] = _Costs((t.pod_cidr_blocks_per_node(),) * len(max_pods), 0, t.pod_cidr_blocks_per_node())
    return costs


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


def _reverse(spec: ClusterSpec, costs: _Costs, room: int, surge: bool) -> int | None:
    """The largest size of pool 0 whose ``costs`` fit ``room`` (with its upgrade's extra nodes if ``surge``)."""
    first = costs.per_node[0]
    if first == 0:
        return None
    # costs.need(spec, n, surge) = rest + first x (n + pool 0's extra nodes at n): one pool's term, not a loop
    high, rest = room // first + 1, costs.others(spec, surge)
    if not surge:
        return None if rest > room else min((room - rest) // first, high)
    extra = spec.extra_counter(spec.pools[0])  # pool 0's extra nodes at a size: spec.extra_nodes(pool 0, n)
    top = max(0, (room - rest) // first)  # n + extra nodes(n) can't pass this; the extra nodes grow with n
    guess = min(max(top - extra(top * top // ((top + extra(top)) or 1)), 0), high)
    if guess < high and rest + first * (guess + extra(guess)) <= room < rest + first * (guess + 1 + extra(guess + 1)):
        return guess  # the usual case: the guess is the answer (it fits, one more does not)

    def fits(n: int) -> bool:
        return rest + first * (n + extra(n)) <= room

    return _largest(fits, high, guess)


def plan(spec: ClusterSpec) -> Plan:
    """Plan ``spec``: per-pool and total IP needs, prefixes, fit, capacity and findings.

    Never raises for a spec that was built: every problem becomes a finding.

    Raises:
        SpecTypeError: ``spec`` is not a :class:`ClusterSpec` (``None``, a dict).
    """
    spec = require_spec(spec, "plan's spec")
    t = traits(spec.model)
    max_pods = tuple([t.default_max_pods if p.max_pods is None else p.max_pods for p in spec.pools])
    costs = _costs(spec, max_pods)
    extra = [spec.extra_nodes(p) for p in spec.pools]
    planned = [p.size + e for p, e in zip(spec.pools, extra, strict=True)]
    zeros = (0,) * len(spec.pools)  # a resource the model doesn't use costs nothing
    node_ips = costs["node subnet"].per_node
    pod_ips = costs["pod subnet"].per_node if "pod subnet" in costs else zeros
    blocks = costs["pod CIDR"].per_node if "pod CIDR" in costs else zeros
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
            )
            for i, (p, m) in enumerate(zip(spec.pools, max_pods, strict=True))
        ]
    )
    node_subnet = _subnet_plan(spec, costs["node subnet"], spec.node_subnet)
    pod_subnet = None
    if t.uses_pod_subnet:
        at_start = costs["pod subnet at start"].need(spec)
        pod_subnet = _subnet_plan(spec, costs["pod subnet"], spec.pod_subnet, at_start)
    pod_cidr = _pod_cidr_plan(spec, costs["pod CIDR"]) if t.uses_pod_cidr else None
    draft = Plan(
        spec=spec,
        pools=pools,
        node_subnet=node_subnet,
        pod_subnet=pod_subnet,
        pod_cidr=pod_cidr,
        services=_services(spec),
        capacity=_capacity(spec, node_subnet, pod_subnet, pod_cidr),
    )
    # The checks read the draft; it is then completed in place (not copied): nothing else holds it yet.
    object.__setattr__(draft, "findings", check(draft))
    return draft


def _subnet_plan(spec: ClusterSpec, costs: _Costs, cidr: object, minimum: int | None = None) -> SubnetPlan:
    need = costs.need(spec)
    if cidr is None:
        return SubnetPlan(need, smallest_subnet_prefix(need), ips_minimum=minimum)
    room = usable_ips(cidr)  # type: ignore[arg-type]
    return SubnetPlan(
        ips_required=need,
        smallest_prefix=smallest_subnet_prefix(need),
        cidr=cidr,  # type: ignore[arg-type]
        usable_ips=room,
        fits=need <= room,
        max_nodes=_reverse(spec, costs, room, surge=True),
        max_nodes_no_surge=_reverse(spec, costs, room, surge=False),
        ips_minimum=minimum,
    )


def _pod_cidr_plan(spec: ClusterSpec, costs: _Costs) -> PodCidrPlan:
    blocks = costs.need(spec)
    cidr = spec.pod_cidr if spec.pod_cidr is not None else facts.DEFAULT_POD_CIDR
    available = pod_cidr_blocks(cidr)
    return PodCidrPlan(
        blocks_required=blocks,
        largest_prefix=largest_pod_cidr_prefix(blocks),
        cidr=cidr,
        defaulted=spec.pod_cidr is None,
        blocks_available=available,
        fits=blocks <= available,
        max_nodes=_reverse(spec, costs, available, surge=True),
        max_nodes_no_surge=_reverse(spec, costs, available, surge=False),
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


#: The limits' per-node costs by pool count (pool 0's nodes; every node): the same for every spec of that size.
_LIMIT_COSTS: dict[int, tuple[_Costs, _Costs]] = {}


def _aks_limits(spec: ClusterSpec) -> list[tuple[str, _Costs, int]]:
    """AKS's node limits as budgets: (label, per-node costs, room), like a subnet's."""
    count = len(spec.pools)
    if count not in _LIMIT_COSTS:  # at most MOST_POOLS sizes
        _LIMIT_COSTS[count] = (_Costs((1,) + (0,) * (count - 1), 0, 0), _Costs((1,) * count, 0, 1))
    first, every = _LIMIT_COSTS[count]
    limits = [(_POOL_LIMIT, first, facts.MAX_NODES_PER_POOL), (_CLUSTER_LIMIT, every, facts.MAX_NODES_PER_CLUSTER)]
    if spec.model is NetworkModel.KUBENET:
        limits.append((_KUBENET_LIMIT, every, facts.KUBENET_MAX_NODES))
    return limits


def _capacity(
    spec: ClusterSpec, node_subnet: SubnetPlan, pod_subnet: SubnetPlan | None, pod_cidr: PodCidrPlan | None
) -> Capacity:
    # (max nodes, without surge, what limits it: a label, or a range's role and plan, named once chosen)
    candidates: list[tuple[int | None, int | None, str, SubnetPlan | PodCidrPlan | None]] = [
        (r.max_nodes, r.max_nodes_no_surge, name, r)
        for name, r in (("node subnet", node_subnet), ("pod subnet", pod_subnet), ("pod CIDR", pod_cidr))
        if r is not None and r.cidr is not None
    ]
    candidates += [
        (_reverse(spec, costs, room, surge=True), _reverse(spec, costs, room, surge=False), label, None)
        for label, costs, room in _aks_limits(spec)
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
