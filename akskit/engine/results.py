"""The planner's answers: immutable value objects with a JSON-ready form.

Built by :func:`akskit.engine.plans.plan`; nothing here computes.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network

from akskit.engine.findings import Finding, Severity
from akskit.engine.models import Dataplane, NetworkModel
from akskit.engine.spec import ClusterSpec

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from dataclasses import dataclass
    from typing import Any
else:  # the same classes without importing dataclasses (akskit.engine.values says why)
    from akskit.engine.values import dataclass

__all__ = ["Capacity", "Plan", "PodCidrPlan", "PoolPlan", "ServiceRange", "SubnetPlan"]


@dataclass(frozen=True, slots=True)
class PoolPlan:
    """One node pool's share of the plan.

    ``planned_nodes`` is the autoscaler maximum (or the node count) plus the extra
    nodes of an upgrade (``surge_nodes``: the surge, a blue-green copy, or none at
    create time); the IP figures are what those nodes take with every pod slot in use.
    """

    name: str
    os: str
    nodes: int
    max_count: int | None
    max_pods: int
    max_pods_defaulted: bool
    max_surge: str
    surge_defaulted: bool
    surge_nodes: int
    planned_nodes: int
    node_subnet_ips: int
    pod_subnet_ips: int
    pod_cidr_blocks: int
    mode: str = "user"
    max_unavailable: str | None = None
    upgrade_strategy: str = "rolling"
    #: the pool's VM size and node labels, as the spec gives them (no effect on the figures; the exports carry them)
    vm_size: str | None = None
    labels: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The pool plan as plain JSON-ready values."""
        return {
            "name": self.name,
            "os": self.os,
            "nodes": self.nodes,
            "max_count": self.max_count,
            "max_pods": self.max_pods,
            "max_surge": self.max_surge,
            "surge_nodes": self.surge_nodes,
            "planned_nodes": self.planned_nodes,
            "node_subnet_ips": self.node_subnet_ips,
            "pod_subnet_ips": self.pod_subnet_ips,
            "pod_cidr_blocks": self.pod_cidr_blocks,
            "mode": self.mode,
            "max_unavailable": self.max_unavailable,
            "upgrade_strategy": self.upgrade_strategy,
            "vm_size": self.vm_size,
            "labels": dict(self.labels),
        }


@dataclass(frozen=True, slots=True)
class SubnetPlan:
    """A VNet subnet (node or pod subnet): what it needs and, when given, how it fares.

    ``ips_required`` is the worst case, every pod slot of every planned node in use.
    ``ips_minimum`` (pod subnet only) is the floor at node start: for dynamic
    allocation 16 IPs per planned node, for static block the same as required.
    ``max_nodes`` is the largest size of the first pool whose nodes (with surge)
    fit the given subnet, the other pools unchanged; ``None`` when no size fits.
    """

    ips_required: int
    smallest_prefix: int | None
    cidr: IPv4Network | None = None
    usable_ips: int | None = None
    fits: bool | None = None
    max_nodes: int | None = None
    max_nodes_no_surge: int | None = None
    ips_minimum: int | None = None

    @property
    def headroom(self) -> int | None:
        """Usable IPs left over (negative when short)."""
        return None if self.usable_ips is None else self.usable_ips - self.ips_required

    @property
    def utilisation(self) -> float | None:
        """Share of usable IPs the plan takes (1.0 = full)."""
        if self.usable_ips is None:
            return None
        return self.ips_required / self.usable_ips if self.usable_ips else float("inf")

    def to_dict(self) -> dict[str, Any]:
        """The subnet plan as plain JSON-ready values."""
        return {
            "ips_required": self.ips_required,
            "ips_minimum": self.ips_minimum,
            "smallest_prefix": self.smallest_prefix,
            "cidr": None if self.cidr is None else str(self.cidr),
            "usable_ips": self.usable_ips,
            "headroom": self.headroom,
            "utilisation": None if self.utilisation is None else round(self.utilisation, 4),
            "fits": self.fits,
            "max_nodes": self.max_nodes,
            "max_nodes_no_surge": self.max_nodes_no_surge,
        }


@dataclass(frozen=True, slots=True)
class PodCidrPlan:
    """The private pod CIDR of kubenet or Azure CNI Overlay: one /24 per node."""

    blocks_required: int
    largest_prefix: int
    cidr: IPv4Network | None = None
    defaulted: bool = False
    blocks_available: int | None = None
    fits: bool | None = None
    max_nodes: int | None = None
    max_nodes_no_surge: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The pod CIDR plan as plain JSON-ready values."""
        return {
            "blocks_required": self.blocks_required,
            "largest_prefix": self.largest_prefix,
            "cidr": None if self.cidr is None else str(self.cidr),
            "defaulted": self.defaulted,
            "blocks_available": self.blocks_available,
            "fits": self.fits,
            "max_nodes": self.max_nodes,
            "max_nodes_no_surge": self.max_nodes_no_surge,
        }


@dataclass(frozen=True, slots=True)
class ServiceRange:
    """The Kubernetes service CIDR and DNS service IP in force (given or AKS's default).

    ``dns_available`` is false when no DNS IP was given and the range holds no address
    that can be one (a /31 or /32): ``dns_service_ip`` is then only a placeholder.
    """

    cidr: IPv4Network
    dns_service_ip: IPv4Address
    cidr_defaulted: bool
    dns_defaulted: bool
    dns_available: bool = True


@dataclass(frozen=True, slots=True)
class Capacity:
    """Reverse mode: the largest size of the first pool that fits everything given.

    Attributes:
        max_nodes: with upgrade surge; ``None`` when not even 0 nodes fit.
        max_nodes_no_surge: the same, ignoring surge.
        limited_by: what stops it growing further (a subnet, or an AKS limit).
    """

    max_nodes: int | None
    max_nodes_no_surge: int | None
    limited_by: str

    def to_dict(self) -> dict[str, Any]:
        """Capacity as plain JSON-ready values."""
        return {
            "max_nodes": self.max_nodes,
            "max_nodes_no_surge": self.max_nodes_no_surge,
            "limited_by": self.limited_by,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the planner worked out for one :class:`~akskit.engine.spec.ClusterSpec`."""

    spec: ClusterSpec
    pools: tuple[PoolPlan, ...]
    node_subnet: SubnetPlan
    pod_subnet: SubnetPlan | None
    pod_cidr: PodCidrPlan | None
    services: ServiceRange
    capacity: Capacity
    findings: tuple[Finding, ...] = ()

    @property
    def model(self) -> NetworkModel:
        """The network model planned for."""
        return self.spec.model

    @property
    def dataplane(self) -> Dataplane:
        """The data plane planned for."""
        return self.spec.dataplane

    @property
    def planned_nodes(self) -> int:
        """Nodes that can exist at once: pools at max count, surge and scale-out (as the spec's ``planned_nodes``)."""
        return sum([p.planned_nodes for p in self.pools]) + self.spec.scale_out

    @property
    def pod_capacity(self) -> int:
        """Pods the cluster runs in steady state: every node but surge ones, at max pods.

        Pools count at max count; scale-out nodes at the largest max pods (as the
        planner costs them at the costliest pool). Surge nodes exist only during an
        upgrade: see :attr:`surge_pod_capacity`.
        """
        steady = sum([(p.planned_nodes - p.surge_nodes) * p.max_pods for p in self.pools])
        scale_out = self.spec.scale_out
        return steady + scale_out * max([p.max_pods for p in self.pools], default=0) if scale_out else steady

    @property
    def surge_pod_capacity(self) -> int:
        """Pods the surge nodes add while an upgrade runs (on top of :attr:`pod_capacity`)."""
        return sum(p.surge_nodes * p.max_pods for p in self.pools)

    @property
    def route_table_entries(self) -> int | None:
        """Routes kubenet writes to the route table (one per node); ``None`` otherwise."""
        return self.planned_nodes if self.model is NetworkModel.KUBENET else None

    @property
    def vnet_ips_required(self) -> int:
        """VNet IPs the plan needs from the node and pod subnets together (each subnet's ``ips_required``).

        The subnets themselves come in powers of two, so they hold more addresses than this:
        :func:`akskit.course.comparison.smallest_subnets_addresses` counts those.
        """
        pod = 0 if self.pod_subnet is None else self.pod_subnet.ips_required
        return self.node_subnet.ips_required + pod

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings only."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def valid(self) -> bool:
        """No error findings."""
        return not self.errors

    @property
    def fits(self) -> bool | None:
        """Every given CIDR holds its share; ``None`` when no CIDR was given to size."""
        verdicts = [
            r.fits for r in (self.node_subnet, self.pod_subnet, self.pod_cidr) if r is not None and r.fits is not None
        ]
        return all(verdicts) if verdicts else None

    def to_dict(self) -> dict[str, Any]:
        """The plan as one JSON-ready object (the CLI's ``--format json``)."""
        return {
            "plugin": self.model.value,
            "dataplane": self.dataplane.value,
            "moment": self.spec.moment,
            "pools": [p.to_dict() for p in self.pools],
            "scale_out": self.spec.scale_out,
            "extra_ips": self.spec.extra_ips,
            "planned_nodes": self.planned_nodes,
            "pod_capacity": self.pod_capacity,
            "surge_pod_capacity": self.surge_pod_capacity,
            "node_subnet": self.node_subnet.to_dict(),
            "pod_subnet": None if self.pod_subnet is None else self.pod_subnet.to_dict(),
            "pod_cidr": None if self.pod_cidr is None else self.pod_cidr.to_dict(),
            "service_cidr": str(self.services.cidr),
            "dns_service_ip": str(self.services.dns_service_ip) if self.services.dns_available else None,
            "route_table_entries": self.route_table_entries,
            "capacity": self.capacity.to_dict(),
            "fits": self.fits,
            "valid": self.valid,
            "findings": [f.to_dict() for f in self.findings],
        }
