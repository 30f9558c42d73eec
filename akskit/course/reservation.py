"""What each node takes from the node subnet up front, and how much of it its pods use.

Under Azure CNI Node Subnet a node takes its own IP plus one IP for every pod it
*may* run (max pods) the moment it joins, however many pods it runs: "The
equivalent number of IP addresses per node are then reserved up front for that
node" (:data:`akskit.engine.facts.LEGACY_CNI_URL`). kubenet and Azure CNI Overlay take
one IP per node; their pods use the pod CIDR instead. This module counts both,
per node, for the reservation figure in :mod:`akskit.plots`.

>>> view = reservation_view([30, 12, 4], max_pods=30)
>>> view.taken, view.pods_running, view.idle
(93, 46, 44)
>>> reservation_view([30, 12, 4], max_pods=30, model="kubenet").taken
3
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from akskit.engine import facts
from akskit.engine.errors import SpecError, quote
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number

__all__ = ["NodeReservation", "ReservationView", "reservation_view"]


@dataclass(frozen=True, slots=True)
class NodeReservation:
    """One node's share of the node subnet.

    Attributes:
        name: the node's name, as AKS names scale-set instances.
        pods_running: pods the node runs now.
        node_ips: the node's own address (always 1).
        pod_ips_in_use: node-subnet IPs held by running pods (0 when pods live elsewhere).
        pod_ips_idle: node-subnet IPs reserved for pods that are not running.
    """

    name: str
    pods_running: int
    node_ips: int
    pod_ips_in_use: int
    pod_ips_idle: int

    @property
    def taken(self) -> int:
        """Node-subnet IPs the node holds: its own, in use and idle."""
        return self.node_ips + self.pod_ips_in_use + self.pod_ips_idle


@dataclass(frozen=True, slots=True)
class ReservationView:
    """Per-node reservation for one pool, with totals and a one-sentence summary."""

    model: NetworkModel
    max_pods: int
    nodes: tuple[NodeReservation, ...]
    summary: str

    @property
    def per_node(self) -> int:
        """Node-subnet IPs each node takes whatever it runs (max pods + 1 for Azure CNI)."""
        return traits(self.model).node_subnet_ips_per_node(self.max_pods)

    @property
    def taken(self) -> int:
        """Node-subnet IPs the pool holds."""
        return sum(n.taken for n in self.nodes)

    @property
    def pods_running(self) -> int:
        """Pods running across the pool."""
        return sum(n.pods_running for n in self.nodes)

    @property
    def idle(self) -> int:
        """Node-subnet IPs reserved for pods that are not running."""
        return sum(n.pod_ips_idle for n in self.nodes)

    @property
    def idle_share(self) -> float:
        """Share of the taken IPs that sit idle (0.0 to 1.0)."""
        return self.idle / self.taken if self.taken else 0.0


def _node_name(index: int) -> str:
    return f"aks-nodepool1-vmss{index:06d}"  # AKS's scale-set instance naming


def _check_max_pods(max_pods: object) -> int:
    return whole_number(
        max_pods,
        "max pods",
        low=facts.MAX_PODS_LOWEST,
        high=facts.MAX_PODS_HIGHEST,
        why=f"AKS's range per node ({facts.IP_PLANNING_URL})",
    )


def _check_running(pods_running: Sequence[int], max_pods: int) -> tuple[int, ...]:
    if isinstance(pods_running, (str, bytes)) or not isinstance(pods_running, Sequence):
        raise SpecError(
            f"pods running must be a list with one count per node, such as [30, 12, 4] (got {quote(pods_running)})"
        )
    counts = tuple(pods_running)
    if not counts:
        raise SpecError("pods running must list at least one node (got an empty list); such as [30, 12, 4]")
    if len(counts) > facts.MAX_NODES_PER_POOL:
        raise SpecError(
            f"pods running lists {len(counts):,} nodes: a node pool has at most {facts.MAX_NODES_PER_POOL:,} "
            f"({facts.QUOTAS_URL}); list one pool's nodes"
        )
    counts = tuple(
        whole_number(c, f"node {i} ({_node_name(i)}) pods running", high=facts.MAX_PODS_HIGHEST)
        for i, c in enumerate(counts)
    )
    for i, count in enumerate(counts):
        if count > max_pods:
            raise SpecError(
                f"node {i} ({_node_name(i)}) runs {count} pods but max pods is {max_pods}: a node never runs "
                f"more pods than max pods; lower the count or raise max pods to {count}"
            )
    return counts


def reservation_view(
    pods_running: Sequence[int], *, max_pods: int = 30, model: str | NetworkModel = NetworkModel.AZURE_CNI
) -> ReservationView:
    """Count what each node of one pool takes from the node subnet, and what its pods use.

    Args:
        pods_running: pods each node runs now, one count per node.
        max_pods: max pods per node (AKS allows 10 to 250).
        model: the network model (Azure CNI Node Subnet by default).

    Raises:
        SpecError: max pods outside 10-250, or a count that is negative, not whole,
            or above max pods.
        ModelError: an unknown model.

    >>> reservation_view([0], max_pods=30).nodes[0].taken
    31
    """
    chosen = parse_model(model)
    maximum = _check_max_pods(max_pods)
    counts = _check_running(pods_running, maximum)
    t = traits(chosen)
    reserved = t.node_subnet_ips_per_node(maximum) - 1  # pod IPs in the node subnet: max pods or none
    nodes = tuple(
        NodeReservation(
            name=_node_name(i),
            pods_running=count,
            node_ips=1,
            pod_ips_in_use=count if reserved else 0,
            pod_ips_idle=reserved - count if reserved else 0,
        )
        for i, count in enumerate(counts)
    )
    return ReservationView(chosen, maximum, nodes, _summary(t.label, maximum, nodes, bool(reserved)))


def _summary(label: str, max_pods: int, nodes: tuple[NodeReservation, ...], pods_in_subnet: bool) -> str:
    """The figure in one plain sentence a screen reader can read aloud."""
    taken = sum(n.taken for n in nodes)
    running = sum(n.pods_running for n in nodes)
    count = f"{len(nodes):,} node{'s' if len(nodes) != 1 else ''}"
    if not pods_in_subnet:
        return (
            f"With {label}, {count} take {taken:,} addresses in the node subnet, one each, and their "
            f"{running:,} pods get addresses from outside the node subnet."
        )
    idle = sum(n.pod_ips_idle for n in nodes)
    share = round(100 * idle / taken) if taken else 0
    return (
        f"With {label} and max pods {max_pods}, {count} take {taken:,} addresses in the node subnet, "
        f"{max_pods + 1} each, but only {running:,} pods run, so {idle:,} addresses ({share}%) sit reserved "
        f"for pods that are not running."
    )
