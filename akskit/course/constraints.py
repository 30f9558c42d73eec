"""What a cluster must do, and which network models each requirement rules out (with the page that says so).

:class:`Constraints` is the question the recommender answers; :func:`ruled_out`
lists every constraint a model breaks for a planned cluster, each reason ending
with the Microsoft page that states the rule it applies.

>>> c = Constraints(50, max_pods=30, windows=True)
>>> from akskit.engine.models import NetworkModel
>>> ruled_out(NetworkModel.KUBENET, c.plans()[NetworkModel.KUBENET], c)[1]  # doctest: +ELLIPSIS
'kubenet does not support Windows node pools (https://...)'
"""

from __future__ import annotations

from dataclasses import dataclass

from akskit.course.comparison import smallest_subnets_addresses
from akskit.engine import facts
from akskit.engine.errors import SpecError
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import NodePool, cluster, pool
from akskit.engine.surge import Surge

__all__ = ["Constraints", "cite", "ruled_out"]


@dataclass(frozen=True, slots=True)
class Constraints:
    """What the cluster needs: its size and the requirements a network model must meet.

    Attributes:
        nodes: nodes to plan for (the autoscaler maximum), before upgrade surge.
        max_pods: max pods per node; ``None`` gives each model its own default.
        windows: the cluster needs Windows node pools.
        pods_routable_from_vnet: hosts in the VNet, peered VNets or on-premises must reach pods by pod IP.
        vnet_ips_available: VNet addresses you can give this cluster's subnets (``None``: plenty).
        cilium: you want the Cilium data plane.
        pods_over_65k: the cluster must run more than 65,000 pods.
        own_cni: you will install your own CNI plugin.
        max_surge: upgrade surge of the pool.

    Raises:
        SpecError: a count out of range, or more nodes with surge than a cluster holds.

    >>> Constraints(50).planned_nodes
    55
    """

    nodes: int
    max_pods: int | None = None
    windows: bool = False
    pods_routable_from_vnet: bool = False
    vnet_ips_available: int | None = None
    cilium: bool = False
    pods_over_65k: bool = False
    own_cni: bool = False
    max_surge: int | str | Surge = "10%"

    def __post_init__(self) -> None:
        whole_number(self.nodes, "nodes", low=1)
        if self.vnet_ips_available is not None:
            whole_number(
                self.vnet_ips_available, "vnet_ips_available", low=1, high=2**32, why="an IPv4 VNet's addresses"
            )
        if self.max_pods is not None:
            whole_number(
                self.max_pods,
                "max_pods",
                low=facts.MAX_PODS_LOWEST,
                high=facts.MAX_PODS_HIGHEST,
                why="the range AKS accepts; leave it None for each model's default",
            )
        if self.planned_nodes > facts.MAX_NODES_PER_CLUSTER:
            raise SpecError(
                f"{self.nodes:,} nodes plus surge make {self.planned_nodes:,}: AKS allows at most "
                f"{facts.MAX_NODES_PER_CLUSTER:,} nodes per cluster with any model; split the workload across clusters"
            )

    @property
    def planned_nodes(self) -> int:
        """Nodes at once during an upgrade: ``nodes`` plus surge."""
        return self.pool().planned_nodes

    def pool(self) -> NodePool:
        """The cluster's one node pool, ``system``, sized by these constraints."""
        return pool("system", self.nodes, max_pods=self.max_pods, max_surge=self.max_surge)

    def plans(self) -> dict[NetworkModel, Plan]:
        """The cluster planned under every model (each model's own default max pods when none is given)."""
        system = self.pool()
        return {m: plan(cluster(m, [system])) for m in NetworkModel}


def cite(text: str, url: str) -> str:
    """``text`` followed by its source in parentheses: the shape of every reason the recommender gives."""
    return f"{text} ({url})"


def _budget(p: Plan, available: int | None) -> str | None:
    """Why ``p`` does not fit ``available`` VNet addresses, or ``None`` when it does."""
    need = smallest_subnets_addresses(p)
    if available is None or (need is not None and need <= available):
        return None
    if need is None:
        return cite("no Azure subnet is large enough for its pod IPs", facts.VNET_FAQ_URL)
    parts = [
        f"a /{s.smallest_prefix} {name} for {s.ips_required:,} IPs"
        for name, s in (("node subnet", p.node_subnet), ("pod subnet", p.pod_subnet))
        if s is not None and s.smallest_prefix is not None
    ]
    return cite(
        f"needs {need:,} VNet addresses ({' and '.join(parts)}) but only {available:,} are available",
        facts.IP_PLANNING_URL,
    )


def ruled_out(m: NetworkModel, p: Plan, c: Constraints) -> list[str]:
    """Every constraint in ``c`` that model ``m`` (planned as ``p``) breaks, each with its source.

    Bring your own CNI is always ruled out unless ``c.own_cni`` asks for it; with it, Cilium
    is yours to install, so the managed data plane's absence does not rule it out.
    """
    why: list[str] = []
    t = traits(m)
    if m is NetworkModel.KUBENET:
        why.append(
            cite(
                f"kubenet retires on {facts.KUBENET_RETIREMENT}; Microsoft's migration target is Azure CNI Overlay",
                facts.KUBENET_RETIREMENT_URL,
            )
        )
        if p.planned_nodes > facts.KUBENET_MAX_NODES:
            why.append(
                cite(
                    f"{p.planned_nodes:,} nodes with surge exceed kubenet's {facts.KUBENET_MAX_NODES} "
                    f"(one route per node, {facts.ROUTE_TABLE_LIMIT} routes per table)",
                    facts.KUBENET_URL,
                )
            )
    byo = m is NetworkModel.NONE
    if byo and not c.own_cni:
        why.append(
            cite(
                "with your own CNI AKS assigns no pod IPs and Microsoft support excludes CNI issues; "
                "choose it only to run a CNI that AKS does not manage (own_cni=True)",
                facts.BYO_CNI_URL,
            )
        )
    if c.windows and t.windows is False:  # undocumented support (None) is a caveat on the choice, not a veto
        why.append(cite(f"{t.label} does not support Windows node pools", facts.CNI_OVERVIEW_URL))
    if c.cilium and not t.cilium.managed and not (byo and c.own_cni):
        why.append(cite(f"the managed Cilium data plane does not run on {t.label} ({t.cilium.note})", t.cilium.url))
    if c.pods_routable_from_vnet and not (t.pods_from_node_subnet or t.uses_pod_subnet) and not byo:
        why.append(
            cite(
                f"{t.label} hides pods behind the node IP: a VNet, peered network or on-premises host "
                f"cannot start a connection to a pod; only a pod subnet or the node subnet gives pods "
                f"VNet IPs",
                facts.CNI_OVERVIEW_URL,
            )
        )
    if c.pods_over_65k and any(n < facts.LARGE_POD_COUNT for n, _ in t.pods_per_cluster):
        figures = " vs ".join(f"{n:,} ({url})" for n, url in t.pods_per_cluster)
        why.append(f"more than {facts.LARGE_POD_COUNT:,} pods is above its documented ceiling: {figures}")
    budget = _budget(p, c.vnet_ips_available)
    if budget is not None:
        why.append(budget)
    return why
