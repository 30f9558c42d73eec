"""Scenarios: the requirements of a cluster to plan, read from a TOML file that ships with the course.

A scenario holds what the business and the network team hand you (the VNet, the
peered and on-premises ranges, the node pools, the other consumers of the node
subnet, expected growth); :func:`design` adds your choices (the network model and
every CIDR) and returns a :class:`~akskit.engine.spec.ClusterSpec` to plan.

>>> s = load_scenario("capstone.toml")
>>> str(s.vnet), s.extra_ips, [p.pool.name for p in s.pools]
('10.224.0.0/12', 6, ['system', 'user', 'win'])
>>> spec = design(s, model="overlay", node_subnet="10.224.0.0/24")
>>> spec.planned_nodes, spec.extra_ips
(76, 6)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network
from pathlib import Path
from typing import Any

from akskit.course.datafiles import read_data_file
from akskit.engine.cidr import parse_network
from akskit.engine.errors import AksKitError, SpecError, quote
from akskit.engine.models import Dataplane, NetworkModel
from akskit.engine.numbers import whole_number
from akskit.engine.spec import ClusterSpec, NodePool, cluster, pool
from akskit.engine.tables import Table

__all__ = ["PeeredRange", "PoolNeed", "Scenario", "design", "load_scenario"]


@dataclass(frozen=True, slots=True)
class PeeredRange:
    """A range the cluster must reach and so must not reuse: a peered VNet or on-premises."""

    name: str
    cidr: IPv4Network


@dataclass(frozen=True, slots=True)
class PoolNeed:
    """One node pool the workload needs, and what it is for."""

    pool: NodePool
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class Scenario:
    """The requirements of one cluster: everything but the design choices.

    Attributes:
        name: a short title.
        summary: the story in a few sentences.
        vnet: the VNet address space the node (and pod) subnets must come from.
        peers: ranges routed to the VNet (peered VNets, on-premises).
        pools: the node pools with their sizes, autoscaler maximums, max pods and surge.
        private_endpoints: private endpoints placed in the node subnet.
        internal_load_balancers: internal load balancer front ends in the node subnet.
        scale_out: nodes that may be added beyond the pools' maximums.
        source: the file the scenario was read from (empty if built in code).
    """

    name: str
    summary: str
    vnet: IPv4Network
    peers: tuple[PeeredRange, ...]
    pools: tuple[PoolNeed, ...]
    private_endpoints: int = 0
    internal_load_balancers: int = 0
    scale_out: int = 0
    source: str = ""

    @property
    def extra_ips(self) -> int:
        """Node-subnet addresses taken by things other than nodes (and pods)."""
        return self.private_endpoints + self.internal_load_balancers

    @property
    def node_pools(self) -> tuple[NodePool, ...]:
        """The pools as :class:`~akskit.engine.spec.NodePool` values, first pool first."""
        return tuple(p.pool for p in self.pools)

    def peer_name(self, network: IPv4Network) -> str | None:
        """The name of the first peered range that ``network`` overlaps, if any.

        >>> load_scenario().peer_name(IPv4Network("10.0.0.0/16"))
        'on-premises data centre, over ExpressRoute'
        """
        return next((p.name for p in self.peers if p.cidr.overlaps(network)), None)

    def table(self) -> Table:
        """The scenario as a table: one row per requirement.

        >>> load_scenario().table().rows[0]
        ('VNet address space', '10.224.0.0/12', "the cluster's subnets go here")
        """
        rows: list[tuple[str, str, str]] = [("VNet address space", str(self.vnet), "the cluster's subnets go here")]
        rows += [("peered range", str(p.cidr), p.name) for p in self.peers]
        for need in self.pools:
            p = need.pool
            size = f"{p.nodes} nodes" if p.max_count is None else f"{p.nodes} to {p.max_count} nodes (autoscaler)"
            pods = "model default" if p.max_pods is None else str(p.max_pods)
            surge = "default" if p.max_surge is None else str(p.max_surge)
            rows.append((f"pool {p.name}", f"{p.os}, {size}, max pods {pods}, max surge {surge}", need.purpose))
        rows.append(
            (
                "other node-subnet IPs",
                str(self.extra_ips),
                f"{self.private_endpoints} private endpoints + {self.internal_load_balancers} internal load balancers",
            )
        )
        rows.append(("growth", f"{self.scale_out} nodes", "may be added beyond the autoscaler maximums"))
        return Table(("requirement", "value", "notes"), rows, caption=self.name)

    def _repr_markdown_(self) -> str:
        return str(self.table())


def load_scenario(name: str = "capstone.toml", path: str | Path | None = None) -> Scenario:
    """Read a scenario from a TOML file (see the course's ``capstone.toml`` for the keys).

    Args:
        name: a data file that ships with the course (``akskit/course/data/``), found from any
            working directory.
        path: your own file, or a folder holding ``name``, instead of the course's copy.

    Raises:
        SpecError: the file is missing, is not valid TOML, or has a bad value
            (the message names the file and the key).

    >>> load_scenario().scale_out
    10
    """
    data, source = read_data_file(name, path, what="scenario file")
    try:
        return _from_mapping(data, source)
    except AksKitError as exc:
        raise SpecError(f"scenario file {quote(source)}: {exc}") from None


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise SpecError(f"[{key}] must be a table (got {quote(value)})")
    return value


def _count(table: Mapping[str, Any], key: str) -> int:
    return whole_number(table.get(key, 0), key)


def _from_mapping(data: Mapping[str, Any], source: str) -> Scenario:
    network = _table(data, "network")
    if "vnet" not in network:
        raise SpecError('[network] needs a vnet, the VNet address space such as "10.224.0.0/12"')
    raw_peers = network.get("peers", [])
    if not isinstance(raw_peers, list) or not all(isinstance(p, Mapping) and "cidr" in p for p in raw_peers):
        raise SpecError(f'[[network.peers]] entries need a cidr such as "10.0.0.0/16" (got {quote(raw_peers)})')
    peers = tuple(
        PeeredRange(str(p.get("name", p["cidr"])), parse_network(str(p["cidr"]), "peered range")) for p in raw_peers
    )
    raw_pools = data.get("pools", [])
    if not isinstance(raw_pools, list) or not raw_pools or not all(isinstance(p, Mapping) for p in raw_pools):
        raise SpecError(f"[[pools]] must list at least one node pool (got {quote(raw_pools)})")
    keys = {"name", "nodes", "max_count", "max_pods", "max_surge", "os"}
    needs = []
    for raw in raw_pools:
        unknown = sorted(map(str, set(raw) - keys - {"purpose"}))
        if unknown:
            shown = ", ".join(map(quote, unknown[:5])) + (f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else "")
            raise SpecError(f"pool has unknown keys {shown}: known keys are {', '.join(sorted(keys))}")
        needs.append(PoolNeed(pool(**{k: v for k, v in raw.items() if k in keys}), str(raw.get("purpose", ""))))
    subnet, growth = _table(data, "node_subnet"), _table(data, "growth")
    return Scenario(
        name=str(data.get("name", Path(source).stem)),
        summary=" ".join(str(data.get("summary", "")).split()),
        vnet=parse_network(str(network["vnet"]), "VNet address space"),
        peers=peers,
        pools=tuple(needs),
        private_endpoints=_count(subnet, "private_endpoints"),
        internal_load_balancers=_count(subnet, "internal_load_balancers"),
        scale_out=_count(growth, "scale_out"),
        source=source,
    )


def design(
    scenario: Scenario,
    *,
    model: str | NetworkModel,
    node_subnet: str | IPv4Network | None = None,
    pod_subnet: str | IPv4Network | None = None,
    pod_cidr: str | IPv4Network | None = None,
    service_cidr: str | IPv4Network | None = None,
    dns_service_ip: str | IPv4Address | None = None,
    dataplane: str | Dataplane | None = None,
) -> ClusterSpec:
    """Your design for ``scenario``: the model and CIDRs you chose, with its pools, peers and VNet.

    CIDRs left as ``None`` are sized by the planner or take AKS's defaults, as in
    :func:`akskit.cluster`; ``model`` also takes az CLI flags.

    >>> s = load_scenario()
    >>> design(s, model="kubenet").peers[0]
    IPv4Network('10.0.0.0/16')
    """
    return cluster(
        model,
        scenario.node_pools,
        dataplane=dataplane,
        scale_out=scenario.scale_out,
        extra_ips=scenario.extra_ips,
        node_subnet=node_subnet,
        pod_subnet=pod_subnet,
        pod_cidr=pod_cidr,
        service_cidr=service_cidr,
        dns_service_ip=dns_service_ip,
        vnet=scenario.vnet,
        peers=[p.cidr for p in scenario.peers],
    )
