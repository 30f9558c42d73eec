"""Carve a pod CIDR into per-node /24 blocks, as kubenet and Azure CNI Overlay do, and say what is left.

In the spirit of netaddr's ``SubnetSplitter``: a small helper named for the
planning task itself.

>>> c = carve_pod_cidr("10.244.0.0/16", 3)
>>> [str(b.network) for b in c.blocks]
['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']
>>> c.free_blocks, [str(n) for n in c.remaining][:2]
(253, ['10.244.3.0/24', '10.244.4.0/22'])
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, summarize_address_range

from akskit.engine import facts
from akskit.engine.cidr import parse_network, pod_cidr_blocks
from akskit.engine.errors import SpecError
from akskit.engine.numbers import whole_number
from akskit.engine.tables import Table

#: Offset of the first node address in a subnet: Azure keeps .0 network, .1 gateway, .2-.3 Azure DNS
#: (facts.VNET_FAQ_URL).
_FIRST_NODE_OFFSET = 4

__all__ = ["Block", "Carving", "Route", "carve_pod_cidr", "node_ip", "route_table", "routes"]


@dataclass(frozen=True, slots=True)
class Block:
    """One node's /24 of the pod CIDR."""

    node: int  # 0-based node index
    network: IPv4Network

    @property
    def name(self) -> str:
        """A node name like AKS's VM scale set instances: ``aks-nodepool1-vmss000003``."""
        return f"aks-nodepool1-vmss{self.node:06d}"


@dataclass(frozen=True, slots=True)
class Carving:
    """A pod CIDR with its first ``len(blocks)`` /24s handed to nodes."""

    cidr: IPv4Network
    blocks: tuple[Block, ...]
    total_blocks: int
    remaining: tuple[IPv4Network, ...]

    @property
    def free_blocks(self) -> int:
        """Per-node /24s still free for new nodes."""
        return self.total_blocks - len(self.blocks)

    @property
    def fits(self) -> bool:
        """Every requested node got a block."""
        return self.free_blocks >= 0


def carve_pod_cidr(pod_cidr: str | IPv4Network, nodes: int) -> Carving:
    """Hand one /24 per node out of ``pod_cidr``, in order, as AKS does.

    Raises:
        SpecError: more nodes than the pod CIDR has /24 blocks (the message says
            which prefix would fit).
    """
    cidr = parse_network(pod_cidr, "pod CIDR")
    total = pod_cidr_blocks(cidr)
    nodes = whole_number(nodes, "nodes")
    if nodes > total:
        need = facts.POD_CIDR_BLOCK_PREFIX - (nodes - 1).bit_length()
        raise SpecError(
            f"pod CIDR {cidr} holds {total:,} per-node /24 blocks; {nodes:,} nodes need {nodes:,}: "
            f"use /{need} or larger"
        )
    base = int(cidr.network_address)
    size = 1 << (32 - facts.POD_CIDR_BLOCK_PREFIX)
    blocks = tuple(Block(i, IPv4Network((base + i * size, facts.POD_CIDR_BLOCK_PREFIX))) for i in range(nodes))
    first_free = cidr.network_address + nodes * size
    remaining = tuple(summarize_address_range(first_free, cidr.broadcast_address)) if nodes < total else ()
    return Carving(cidr, blocks, total, remaining)


def node_ip(node_subnet: str | IPv4Network, node: int) -> IPv4Address:
    """The address AKS gives node ``node`` (0-based) in ``node_subnet``: the fifth address onwards.

    Azure keeps ``.0`` (network), ``.1`` (gateway) and ``.2``-``.3`` (Azure DNS), so the
    first node takes ``.4`` (virtual network FAQ).

    >>> str(node_ip("10.224.0.0/24", 1))
    '10.224.0.5'
    """
    subnet = parse_network(node_subnet, "node subnet")
    node = whole_number(
        node,
        f"node for node subnet {subnet}",
        high=subnet.num_addresses - facts.AZURE_RESERVED_IPS - 1,
        why=f"Azure keeps {facts.AZURE_RESERVED_IPS} of its addresses",
    )
    return subnet.network_address + _FIRST_NODE_OFFSET + node


@dataclass(frozen=True, slots=True)
class Route:
    """One route of a kubenet route table: a node's pod /24 to that node's IP."""

    prefix: IPv4Network
    next_hop: IPv4Address
    node: str


def routes(carving: Carving, node_subnet: str | IPv4Network) -> tuple[Route, ...]:
    """Every route of ``carving``: node i's /24 goes to :func:`node_ip` of node i.

    The one mapping from pod block to node address: the route-table figure, the
    route table and the packet walks all read it.

    >>> [(str(r.prefix), str(r.next_hop)) for r in routes(carve_pod_cidr("10.244.0.0/16", 2), "10.224.0.0/24")]
    [('10.244.0.0/24', '10.224.0.4'), ('10.244.1.0/24', '10.224.0.5')]
    """
    subnet = parse_network(node_subnet, "node subnet")
    return tuple(Route(b.network, node_ip(subnet, b.node), b.name) for b in carving.blocks)


def route_table(carving: Carving, node_subnet: str | IPv4Network, show: int = 6) -> Table:
    """The kubenet route table for ``carving``: one route per node, pod /24 -> node IP (see :func:`routes`).

    >>> print(route_table(carve_pod_cidr("10.244.0.0/16", 2), "10.224.0.0/24").rows[0])
    ('10.244.0.0/24', '10.224.0.4', 'aks-nodepool1-vmss000000')
    """
    rows = [(str(r.prefix), str(r.next_hop), r.node) for r in routes(carving, node_subnet)]
    if len(rows) > show:
        rows = [*rows[: show - 1], ("...", "...", f"{len(rows) - show:,} more routes"), rows[-1]]
    caption = (
        f"{len(carving.blocks):,} routes in the cluster's route table (a route table holds {facts.ROUTE_TABLE_LIMIT})"
    )
    return Table(("address prefix", "next hop (node IP)", "node"), rows, caption=caption)
