"""A guided choice: state your constraints, get a network model and data plane with the reasons.

Every reason, for the model chosen and for each model turned down, ends with
the Microsoft page that states the rule it applies. The order of preference is
Microsoft's own (https://learn.microsoft.com/en-us/azure/aks/plan-pod-networking):
Azure CNI Overlay in general; a Pod Subnet when pods need VNet-routable IPs
(dynamic allocation for efficiency, static blocks for scale); Node Subnet only
for simple management.

>>> rec = recommend(50, max_pods=30)
>>> rec.model.value, rec.dataplane.value
('overlay', 'azure')
>>> rec.rejected["kubenet"].startswith("kubenet retires on March 31, 2028")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from akskit.course.comparison import CILIUM_SUPPORT, vnet_addresses
from akskit.course.traffic import source_ip
from akskit.engine import facts
from akskit.engine.errors import SpecError
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import Surge, cluster, pool

__all__ = ["Recommendation", "recommend"]

_M = NetworkModel
#: Pod subnets larger than this suit static blocks better; up to it, dynamic allocation.
_DYNAMIC_LARGEST_PREFIX = 16  # API-PIAM: dynamic "/16 or smaller", static "/15 or bigger"
_API_ALLOCATION_URL = "https://learn.microsoft.com/en-us/dotnet/api/microsoft.azure.management.containerservice.models.podipallocationmode"
_DEFAULT_POD_CIDR_NODES = 1 << (facts.POD_CIDR_BLOCK_PREFIX - facts.DEFAULT_POD_CIDR.prefixlen)  # 256


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The model and data plane recommended, why, and why each other model was not chosen.

    Attributes:
        model: the network model recommended.
        dataplane: ``cilium`` when asked for and possible, else ``azure``.
        reasons: why, one rule per line, each ending with its source URL.
        rejected: every other model with the reason it was not chosen (also with a source URL).
    """

    model: NetworkModel
    dataplane: Dataplane
    reasons: tuple[str, ...]
    rejected: dict[NetworkModel, str]

    @property
    def az_flags(self) -> str:
        """The ``az aks create`` flags that select the recommendation."""
        flags = traits(self.model).az_flags
        return flags + (" --network-dataplane cilium" if self.dataplane is Dataplane.CILIUM else "")

    def __str__(self) -> str:
        lines = [f"Recommended: {traits(self.model).label}, data plane {self.dataplane.value} ({self.az_flags})"]
        lines += [f"  - {r}" for r in self.reasons]
        lines += ["Not chosen:"] + [f"  - {traits(m).label}: {why}" for m, why in self.rejected.items()]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        head = f"**Recommended: {traits(self.model).label}, data plane {self.dataplane.value}** (`{self.az_flags}`)"
        why = "\n".join(f"- {_links(r)}" for r in self.reasons)
        rows = "\n".join(f"| {traits(m).label} | {_links(r).replace('|', '/')} |" for m, r in self.rejected.items())
        return f"{head}\n\n{why}\n\n| not chosen | why |\n|---|---|\n{rows}"


_URL = re.compile(r"\((https://[^()\s]+)\)")


def _links(text: str) -> str:
    """Turn each ``(https://...)`` in ``text`` into a short Markdown link named after the page."""

    def link(match: re.Match[str]) -> str:
        url = match.group(1)
        parts = url.rstrip("/").split("/")
        name = "/".join(parts[-3:]) if parts[-1].isdigit() else parts[-1]
        return f"([{name}]({url}))"

    return _URL.sub(link, text)


def _cite(text: str, url: str) -> str:
    return f"{text} ({url})"


def _plans(nodes: int, max_pods: int | None, max_surge: int | str | Surge) -> dict[NetworkModel, Plan]:
    return {m: plan(cluster(m, [pool("system", nodes, max_pods=max_pods, max_surge=max_surge)])) for m in _M}


def _budget(p: Plan, available: int | None) -> str | None:
    """Why ``p`` does not fit ``available`` VNet addresses, or ``None`` when it does."""
    need = vnet_addresses(p)
    if available is None or (need is not None and need <= available):
        return None
    parts = [
        f"a /{s.smallest_prefix} {name} for {s.ips_required:,} IPs"
        for name, s in (("node subnet", p.node_subnet), ("pod subnet", p.pod_subnet))
        if s is not None and s.smallest_prefix is not None
    ]
    if need is None:
        return _cite("no Azure subnet is large enough for its pod IPs", facts.VNET_FAQ_URL)
    return _cite(
        f"needs {need:,} VNet addresses ({' and '.join(parts)}) but only {available:,} are available",
        facts.IP_PLANNING_URL,
    )


def _hard_rules(
    m: NetworkModel, p: Plan, *, windows: bool, routable: bool, available: int | None, cilium: bool, over_65k: bool
) -> list[str]:
    """Every constraint ``m`` breaks, each with its source."""
    why: list[str] = []
    t = traits(m)
    if m is _M.KUBENET:
        why.append(
            _cite(
                f"kubenet retires on {facts.KUBENET_RETIREMENT}; Microsoft's migration target is Azure CNI Overlay",
                facts.KUBENET_RETIREMENT_URL,
            )
        )
        if p.planned_nodes > facts.KUBENET_MAX_NODES:
            why.append(
                _cite(
                    f"{p.planned_nodes:,} nodes with surge exceed kubenet's {facts.KUBENET_MAX_NODES} "
                    f"(one route per node, {facts.ROUTE_TABLE_LIMIT} routes per table)",
                    facts.KUBENET_URL,
                )
            )
    if m is _M.NONE:
        why.append(
            _cite(
                "with your own CNI AKS assigns no pod IPs and Microsoft support excludes CNI issues; "
                "choose it only to run a CNI that AKS does not manage (own_cni=True)",
                facts.BYO_CNI_URL,
            )
        )
    if windows and t.windows is False:  # undocumented support (None) is a caveat on the choice, not a veto
        why.append(_cite(f"{t.label} does not support Windows node pools", facts.CNI_OVERVIEW_URL))
    if cilium and not CILIUM_SUPPORT[m][0]:
        why.append(
            _cite(
                f"the managed Cilium data plane does not run on {t.label} ({CILIUM_SUPPORT[m][1]})",
                CILIUM_SUPPORT[m][2],
            )
        )
    if routable and not (t.pods_from_node_subnet or t.uses_pod_subnet) and m is not _M.NONE:
        why.append(
            _cite(
                f"{t.label} hides pods behind the node IP: a VNet, peered network or on-premises host "
                f"cannot start a connection to a pod; only a pod subnet or the node subnet gives pods "
                f"VNet IPs",
                facts.CNI_OVERVIEW_URL,
            )
        )
    if over_65k and m in (_M.AZURE_CNI, _M.POD_SUBNET):
        figures = " vs ".join(f"{n:,} ({url})" for n, url in t.pods_per_cluster)
        why.append(f"more than 65,000 pods is above its documented ceiling: {figures}")
    budget = _budget(p, available)
    if budget is not None:
        why.append(budget)
    return why


def _order(plans: dict[NetworkModel, Plan], over_65k: bool, own_cni: bool) -> tuple[tuple[NetworkModel, str], ...]:
    """Models from most to least preferred, each with why it ranks there (with its sources)."""
    dynamic_pod_subnet = plans[_M.POD_SUBNET].pod_subnet
    large = dynamic_pod_subnet is not None and (
        dynamic_pod_subnet.smallest_prefix is None or dynamic_pod_subnet.smallest_prefix < _DYNAMIC_LARGEST_PREFIX
    )
    plan_pod = facts.PLAN_POD_NETWORKING_URL
    dynamic = (
        _M.POD_SUBNET,
        f"for VNet-routable pods Microsoft recommends a Pod Subnet ({plan_pod}); dynamic allocation suits a "
        f"small or medium pod subnet, /{_DYNAMIC_LARGEST_PREFIX} or smaller ({_API_ALLOCATION_URL})",
    )
    static_why = "more than 65,000 pods" if over_65k else f"a pod subnet larger than /{_DYNAMIC_LARGEST_PREFIX}"
    static = (
        _M.POD_SUBNET_STATIC,
        f"for VNet-routable pods at scale ({static_why}) Microsoft recommends static block allocation "
        f"({plan_pod}): up to 1,000,000 pods ({facts.STATIC_BLOCK_URL}), suited to pod subnets of /15 or "
        f"larger ({_API_ALLOCATION_URL})",
    )
    pod_subnets = (static, dynamic) if over_65k or large else (dynamic, static)
    order = [
        (_M.OVERLAY, _cite("Microsoft's general recommendation is Azure CNI Overlay", plan_pod)),
        *pod_subnets,
        (
            _M.AZURE_CNI,
            _cite("Node Subnet is the legacy flat model, recommended only for simpler management", plan_pod),
        ),
        (_M.KUBENET, _cite(f"kubenet retires on {facts.KUBENET_RETIREMENT}", facts.KUBENET_RETIREMENT_URL)),
        (_M.NONE, _cite("bring your own CNI leaves pod networking and its support to you", facts.BYO_CNI_URL)),
    ]
    if own_cni:
        order.pop()
        order.insert(0, (_M.NONE, _cite("you asked to bring your own CNI", facts.BYO_CNI_URL)))
    return tuple(order)


def _check_inputs(nodes: int, max_pods: int | None, vnet_ips_available: int | None) -> None:
    whole_number(nodes, "nodes", low=1)
    if vnet_ips_available is not None:
        whole_number(vnet_ips_available, "vnet_ips_available", low=1, high=2**32, why="an IPv4 VNet's addresses")
    if max_pods is not None:
        whole_number(
            max_pods,
            "max_pods",
            low=facts.MAX_PODS_LOWEST,
            high=facts.MAX_PODS_HIGHEST,
            why="the range AKS accepts; leave it None for each model's default",
        )


def recommend(
    nodes: int,
    max_pods: int | None = None,
    *,
    windows: bool = False,
    pods_routable_from_vnet: bool = False,
    vnet_ips_available: int | None = None,
    cilium: bool = False,
    pods_over_65k: bool = False,
    own_cni: bool = False,
    max_surge: int | str | Surge = "10%",
) -> Recommendation:
    """Recommend a network model and data plane for a cluster of ``nodes`` (the autoscaler maximum).

    Args:
        nodes: nodes to plan for, before upgrade surge.
        max_pods: max pods per node; ``None`` gives each model its own default.
        windows: the cluster needs Windows node pools.
        pods_routable_from_vnet: hosts in the VNet, peered VNets or on-premises must reach pods by pod IP.
        vnet_ips_available: VNet addresses you can give this cluster's subnets (``None``: plenty).
        cilium: you want the Cilium data plane.
        pods_over_65k: the cluster must run more than 65,000 pods.
        own_cni: you will install your own CNI plugin.
        max_surge: upgrade surge of the pool.

    Raises:
        SpecError: bad input, or no model meets every constraint (the message lists why for each).

    >>> recommend(300, windows=True, pods_routable_from_vnet=True, pods_over_65k=True).model.value
    'pod-subnet-static'
    """
    _check_inputs(nodes, max_pods, vnet_ips_available)
    planned = pool("system", nodes, max_surge=max_surge).planned_nodes
    if planned > facts.MAX_NODES_PER_CLUSTER:
        raise SpecError(
            f"{nodes:,} nodes plus surge make {planned:,}: AKS allows at most {facts.MAX_NODES_PER_CLUSTER:,} "
            f"nodes per cluster with any model; split the workload across clusters"
        )
    plans = _plans(nodes, max_pods, max_surge)
    broken = {
        m: _hard_rules(
            m,
            p,
            windows=windows,
            routable=pods_routable_from_vnet,
            available=vnet_ips_available,
            cilium=cilium,
            over_65k=pods_over_65k,
        )
        for m, p in plans.items()
    }
    if own_cni:
        broken[_M.NONE] = [r for r in broken[_M.NONE] if not r.startswith("with your own CNI")]
    order = _order(plans, pods_over_65k, own_cni)
    winner = next((m for m, _ in order if not broken[m] or (own_cni and m is _M.NONE)), None)
    if winner is None:
        closest = min(order, key=lambda o: len(broken[o[0]]))[0]
        detail = "; ".join(f"{traits(m).label}: {broken[m][0]}" for m, _ in order)
        raise SpecError(
            f"no network model meets every constraint: {detail}. Relax one constraint: the closest is "
            f"{traits(closest).label}, which breaks only: {'; '.join(broken[closest])}"
        )
    preference = dict(order)
    rejected = {
        m: "; ".join(broken[m])
        if broken[m]
        else f"meets every constraint, but {traits(winner).label} ranks first: {preference[winner]}"
        for m, _ in order
        if m is not winner
    }
    dataplane = Dataplane.CILIUM if cilium and not windows and CILIUM_SUPPORT[winner][0] else Dataplane.AZURE
    reasons = _reasons(
        winner,
        plans[winner],
        preference[winner],
        dataplane,
        windows=windows,
        cilium=cilium,
        routable=pods_routable_from_vnet,
        over_65k=pods_over_65k,
        available=vnet_ips_available,
    )
    return Recommendation(winner, dataplane, reasons, rejected)


def _reasons(
    m: NetworkModel,
    p: Plan,
    preferred: str,
    dataplane: Dataplane,
    *,
    windows: bool,
    cilium: bool,
    routable: bool,
    over_65k: bool,
    available: int | None,
) -> tuple[str, ...]:
    t = traits(m)
    seen = source_ip(m, "vnet")
    out = [preferred]
    pods = "/".join(str(q.max_pods) for q in p.pools)
    footprint = (
        f"{p.planned_nodes:,} nodes with surge at max pods {pods} take {p.node_subnet.ips_required:,} "
        f"node-subnet IPs (a /{p.node_subnet.smallest_prefix})"
    )
    if p.pod_subnet is not None:
        footprint += f" and {p.pod_subnet.ips_required:,} pod-subnet IPs (a /{p.pod_subnet.smallest_prefix})"
    if p.pod_cidr is not None:
        footprint += f"; pods use {p.pod_cidr.blocks_required:,} /24s of a private pod CIDR, not VNet IPs"
    out.append(_cite(footprint, facts.IP_PLANNING_URL))
    source = "" if m is _M.NONE else f"a host in the VNet sees the {seen.seen} as a pod's source address: "
    out.append(_cite(source + seen.why, seen.url))
    if p.pod_cidr is not None and p.planned_nodes > _DEFAULT_POD_CIDR_NODES:
        out.append(
            _cite(
                f"set --pod-cidr to a /{p.pod_cidr.largest_prefix} or larger: the default "
                f"{facts.DEFAULT_POD_CIDR} holds {_DEFAULT_POD_CIDR_NODES} nodes",
                facts.OVERLAY_URL,
            )
        )
    if available is not None:
        out.append(
            _cite(
                f"its subnets take {vnet_addresses(p):,} of the {available:,} VNet addresses available",
                facts.IP_PLANNING_URL,
            )
        )
    if routable:
        out.append(
            _cite(
                "pods get VNet IPs, so VNet, peered and on-premises hosts can reach them both ways",
                facts.CNI_OVERVIEW_URL,
            )
        )
    if over_65k:
        figures = " or ".join(f"{n:,} ({url})" for n, url in t.pods_per_cluster)
        out.append(
            f"documented pods per cluster: {figures}" + (" (pages disagree)" if len(t.pods_per_cluster) > 1 else "")
        )
    if windows and t.windows:
        out.append(
            f"supports Windows node pools ({facts.CNI_OVERVIEW_URL}); Microsoft recommends max pods "
            f"{facts.WINDOWS_MAX_PODS_RECOMMENDED} or fewer on them ({facts.OVERLAY_URL})"
        )
    elif windows and m is _M.POD_SUBNET_STATIC:
        out.append(
            f"Microsoft's pages do not document Windows node pools with {t.label}: the CNI overview's feature "
            f"table lists Windows for Pod Subnet without naming an allocation mode ({facts.CNI_OVERVIEW_URL}), and "
            f"the Pod Subnet page rules out only Windows Server 2019 ({facts.POD_SUBNET_URL}); try a Windows pool "
            "on a test cluster before you rely on it"
        )
    elif windows and m is _M.NONE:
        out.append(
            _cite(
                f"Microsoft's pages do not document Windows node pools with {t.label}: check with your CNI's vendor",
                t.url,
            )
        )
    elif windows:
        out.append(
            _cite(
                f"Microsoft's pages do not document Windows node pools with {t.label}: try a Windows pool on a "
                "test cluster before you rely on it",
                t.url,
            )
        )
    if m is _M.POD_SUBNET_STATIC:
        out.append(
            _cite(
                "choose max pods of the form 16k - 1 (15, 31, 47, ...) so no block IPs go unused",
                facts.STATIC_BLOCK_URL,
            )
        )
    if dataplane is Dataplane.CILIUM:
        out.append(_cite(f"the Cilium data plane runs on {t.label} and uses the same IPs", facts.CILIUM_URL))
    elif cilium and windows:
        out.append(
            _cite(
                "Cilium was asked for, but it runs on Linux only: with Windows pools the data plane "
                "stays azure (put Windows workloads in another cluster to use Cilium)",
                facts.CILIUM_URL,
            )
        )
    elif cilium and m is _M.NONE:
        out.append(
            _cite(
                "install Cilium yourself as your CNI: the managed Cilium data plane needs Azure CNI", facts.CILIUM_URL
            )
        )
    return tuple(out)
