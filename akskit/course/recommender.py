"""A guided choice: state your constraints, get a network model and data plane with the reasons.

Every reason, for the model chosen and for each model turned down, ends with
the Microsoft page that states the rule it applies. The order of preference is
Microsoft's own (https://learn.microsoft.com/en-us/azure/aks/plan-pod-networking):
Azure CNI Overlay in general; a Pod Subnet when pods need VNet-routable IPs
(dynamic allocation for efficiency, static blocks for scale); Node Subnet only
for simple management. What each constraint rules out is in
:mod:`akskit.course.constraints`.

>>> rec = recommend(50, max_pods=30)
>>> rec.model.value, rec.dataplane.value
('overlay', 'azure')
>>> rec.rejected["kubenet"].startswith("kubenet retires on March 31, 2028")
True
>>> recommend_for(Constraints(50, max_pods=30, cilium=True)).dataplane.value
'cilium'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from akskit.course.comparison import smallest_subnets_addresses
from akskit.course.constraints import Constraints, cite, ruled_out
from akskit.course.traffic import source_ip
from akskit.engine import facts
from akskit.engine.errors import SpecError
from akskit.engine.markdown import markdown_link
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.results import Plan
from akskit.engine.surge import Surge

__all__ = ["Constraints", "Recommendation", "recommend", "recommend_for"]

#: Nodes the default pod CIDR holds: one /24 each (256 in 10.244.0.0/16).
_DEFAULT_POD_CIDR_NODES = 1 << (facts.POD_CIDR_BLOCK_PREFIX - facts.DEFAULT_POD_CIDR.prefixlen)


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The model and data plane recommended, why, and why each other model was not chosen.

    Attributes:
        model: the network model recommended.
        dataplane: ``cilium`` when asked for and possible, else ``azure``.
        reasons: why, one rule per line, each ending with its source URL.
        rejected: every other model with the reason it was not chosen (also with a source URL).
        outranked: the models in ``rejected`` that meet every constraint but rank lower.
    """

    model: NetworkModel
    dataplane: Dataplane
    reasons: tuple[str, ...]
    rejected: dict[NetworkModel, str]
    outranked: frozenset[NetworkModel] = frozenset()

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
    """Turn each ``(https://...)`` in ``text`` into a Markdown link named after the page."""
    return _URL.sub(lambda match: f"({markdown_link(match.group(1))})", text)


def _order(plans: dict[NetworkModel, Plan], c: Constraints) -> tuple[tuple[NetworkModel, str], ...]:
    """Models from most to least preferred, each with why it ranks there (with its sources)."""
    dynamic_pod_subnet = plans[NetworkModel.POD_SUBNET].pod_subnet
    large = dynamic_pod_subnet is not None and (
        dynamic_pod_subnet.smallest_prefix is None
        or dynamic_pod_subnet.smallest_prefix < facts.DYNAMIC_POD_SUBNET_LARGEST_PREFIX
    )
    plan_pod = facts.PLAN_POD_NETWORKING_URL
    dynamic = (
        NetworkModel.POD_SUBNET,
        f"for VNet-routable pods Microsoft recommends a Pod Subnet ({plan_pod}); dynamic allocation suits a "
        f"small or medium pod subnet, /{facts.DYNAMIC_POD_SUBNET_LARGEST_PREFIX} or smaller "
        f"({facts.POD_IP_ALLOCATION_API_URL})",
    )
    static_why = (
        f"more than {facts.LARGE_POD_COUNT:,} pods"
        if c.pods_over_65k
        else f"a pod subnet larger than /{facts.DYNAMIC_POD_SUBNET_LARGEST_PREFIX}"
    )
    static = (
        NetworkModel.POD_SUBNET_STATIC,
        f"for VNet-routable pods at scale ({static_why}) Microsoft recommends static block allocation "
        f"({plan_pod}): up to {facts.STATIC_BLOCK_MAX_PODS_PER_CLUSTER:,} pods ({facts.STATIC_BLOCK_URL}), "
        f"suited to pod subnets of /{facts.STATIC_POD_SUBNET_SUITED_PREFIX} or larger "
        f"({facts.POD_IP_ALLOCATION_API_URL})",
    )
    pod_subnets = (static, dynamic) if c.pods_over_65k or large else (dynamic, static)
    order = [
        (NetworkModel.OVERLAY, cite("Microsoft's general recommendation is Azure CNI Overlay", plan_pod)),
        *pod_subnets,
        (
            NetworkModel.AZURE_CNI,
            cite("Node Subnet is the legacy flat model, recommended only for simpler management", plan_pod),
        ),
        (NetworkModel.KUBENET, cite(f"kubenet retires on {facts.KUBENET_RETIREMENT}", facts.KUBENET_RETIREMENT_URL)),
        (NetworkModel.NONE, cite("bring your own CNI leaves pod networking and its support to you", facts.BYO_CNI_URL)),
    ]
    if c.own_cni:
        order.pop()
        order.insert(0, (NetworkModel.NONE, cite("you asked to bring your own CNI", facts.BYO_CNI_URL)))
    return tuple(order)


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

    The arguments are those of :class:`~akskit.course.constraints.Constraints`, which
    :func:`recommend_for` takes as one value.

    Raises:
        SpecError: bad input, or no model meets every constraint (the message lists why for each).

    >>> recommend(300, windows=True, pods_routable_from_vnet=True, pods_over_65k=True).model.value
    'pod-subnet-static'
    """
    return recommend_for(
        Constraints(
            nodes,
            max_pods,
            windows=windows,
            pods_routable_from_vnet=pods_routable_from_vnet,
            vnet_ips_available=vnet_ips_available,
            cilium=cilium,
            pods_over_65k=pods_over_65k,
            own_cni=own_cni,
            max_surge=max_surge,
        )
    )


def recommend_for(c: Constraints) -> Recommendation:
    """Recommend a network model and data plane that meet every constraint in ``c``.

    With ``own_cni`` only bring-your-own CNI is a candidate; otherwise the first model in
    Microsoft's order that breaks no constraint wins.

    Raises:
        SpecError: no model meets every constraint (the message lists why for each, and the closest).
    """
    plans = c.plans()
    broken = {m: ruled_out(m, p, c) for m, p in plans.items()}
    order = _order(plans, c)
    candidates = (NetworkModel.NONE,) if c.own_cni else tuple(m for m, _ in order)
    winner = next((m for m in candidates if not broken[m]), None)
    if winner is None:
        closest = min(candidates, key=lambda m: len(broken[m]))
        detail = "; ".join(f"{traits(m).label}: {broken[m][0]}" for m in candidates)
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
    managed_cilium = c.cilium and not c.windows and traits(winner).cilium.managed
    dataplane = Dataplane.CILIUM if managed_cilium else Dataplane.AZURE
    reasons = _reasons(winner, plans[winner], preference[winner], dataplane, c)
    outranked = frozenset(m for m in rejected if not broken[m])
    return Recommendation(winner, dataplane, reasons, rejected, outranked)


def _reasons(m: NetworkModel, p: Plan, preferred: str, dataplane: Dataplane, c: Constraints) -> tuple[str, ...]:
    """Why ``m`` fits: its place in Microsoft's order, its footprint, and a line for each constraint it meets."""
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
    out.append(cite(footprint, facts.IP_PLANNING_URL))
    source = "" if m is NetworkModel.NONE else f"a host in the VNet sees the {seen.seen} as a pod's source address: "
    out.append(cite(source + seen.why, seen.url))
    if p.pod_cidr is not None and p.planned_nodes > _DEFAULT_POD_CIDR_NODES:
        out.append(
            cite(
                f"set --pod-cidr to a /{p.pod_cidr.largest_prefix} or larger: the default "
                f"{facts.DEFAULT_POD_CIDR} holds {_DEFAULT_POD_CIDR_NODES} nodes",
                facts.OVERLAY_URL,
            )
        )
    if c.vnet_ips_available is not None:
        out.append(
            cite(
                f"its subnets take {smallest_subnets_addresses(p):,} of the {c.vnet_ips_available:,} VNet "
                "addresses available",
                facts.IP_PLANNING_URL,
            )
        )
    if c.pods_routable_from_vnet:
        out.append(
            cite(
                "pods get VNet IPs, so VNet, peered and on-premises hosts can reach them both ways",
                facts.CNI_OVERVIEW_URL,
            )
        )
    if c.pods_over_65k:
        figures = " or ".join(f"{n:,} ({url})" for n, url in t.pods_per_cluster)
        out.append(
            f"documented pods per cluster: {figures}" + (" (pages disagree)" if len(t.pods_per_cluster) > 1 else "")
        )
    if c.windows and t.windows:
        out.append(
            f"supports Windows node pools ({facts.CNI_OVERVIEW_URL}); Microsoft recommends max pods "
            f"{facts.WINDOWS_MAX_PODS_RECOMMENDED} or fewer on them ({facts.OVERLAY_URL})"
        )
    elif c.windows and m is NetworkModel.POD_SUBNET_STATIC:
        out.append(
            f"Microsoft's pages do not document Windows node pools with {t.label}: the CNI overview's feature "
            f"table lists Windows for Pod Subnet without naming an allocation mode ({facts.CNI_OVERVIEW_URL}), and "
            f"the Pod Subnet page rules out only Windows Server 2019 ({facts.POD_SUBNET_URL}); try a Windows pool "
            "on a test cluster before you rely on it"
        )
    elif c.windows and m is NetworkModel.NONE:
        out.append(
            cite(
                f"Microsoft's pages do not document Windows node pools with {t.label}: check with your CNI's vendor",
                t.url,
            )
        )
    elif c.windows:
        out.append(
            cite(
                f"Microsoft's pages do not document Windows node pools with {t.label}: try a Windows pool on a "
                "test cluster before you rely on it",
                t.url,
            )
        )
    if m is NetworkModel.POD_SUBNET_STATIC:
        out.append(
            cite(
                "choose max pods of the form 16k - 1 (15, 31, 47, ...) so no block IPs go unused",
                facts.STATIC_BLOCK_URL,
            )
        )
    if dataplane is Dataplane.CILIUM:
        out.append(cite(f"the Cilium data plane runs on {t.label} and uses the same IPs", facts.CILIUM_URL))
    elif c.cilium and c.windows:
        out.append(
            cite(
                "Cilium was asked for, but it runs on Linux only: with Windows pools the data plane "
                "stays azure (put Windows workloads in another cluster to use Cilium)",
                facts.CILIUM_URL,
            )
        )
    elif c.cilium and m is NetworkModel.NONE:
        out.append(
            cite("install Cilium yourself as your CNI: the managed Cilium data plane needs Azure CNI", facts.CILIUM_URL)
        )
    return tuple(out)
