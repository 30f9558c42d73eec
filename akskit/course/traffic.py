"""Which source address a destination sees, and the hops a packet takes, per network model.

From the fact sheet's SNAT summary (section 7), each row with its source.

>>> source_ip("kubenet", "vnet").seen
'node IP'
>>> source_ip("azure-cni", "vnet").seen
'pod IP'
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Network

from akskit.course.carve import Route, carve_pod_cidr, routes
from akskit.engine import facts
from akskit.engine.errors import SpecError, quote
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel
from akskit.engine.tables import Table

__all__ = [
    "DESTINATIONS",
    "WALK_NODE_SUBNET",
    "WALK_POD_CIDR",
    "Hop",
    "SourceIp",
    "packet_walk",
    "source_ip",
    "source_ip_table",
    "walk_routes",
    "walk_table",
]

#: The packet walks' network: the course's /24 node subnet and the default pod CIDR.
WALK_NODE_SUBNET = IPv4Network("10.224.0.0/24")
WALK_POD_CIDR = facts.DEFAULT_POD_CIDR
_WALK_NODES = 3  # node 0 (unused), node 1 (sender) and node 2 (receiver)

#: Where a pod's packet can go, by key: the cluster's VNet, a peered VNet or on-premises, the internet.
DESTINATIONS = {
    "vnet": "a VM in the cluster's VNet",
    "peered": "a peered VNet or on-premises",
    "internet": "the internet",
}


@dataclass(frozen=True, slots=True)
class SourceIp:
    """What a destination sees as the source of a pod's packet, and why."""

    model: NetworkModel
    destination: str
    seen: str
    why: str
    url: str


_OUTBOUND = "the public IP of the cluster's outbound type (load balancer or NAT gateway)"
_TABLE: dict[NetworkModel, dict[str, tuple[str, str, str]]] = {
    NetworkModel.KUBENET: {
        "vnet": (
            "node IP",
            "pods live in a private pod CIDR; the node NATs their traffic to its own IP",
            facts.KUBENET_URL,
        ),
        "peered": ("node IP", "the same NAT to the node's IP", facts.KUBENET_URL),
        "internet": (_OUTBOUND, "traffic leaves through the outbound type", facts.CNI_OVERVIEW_URL),
    },
    NetworkModel.AZURE_CNI: {
        "vnet": ("pod IP", "pods hold real VNet addresses, so no NAT inside the VNet", facts.LEGACY_CNI_URL),
        "peered": (
            "node IP",
            "ip-masq-agent NATs traffic leaving the cluster's VNet to the node IP",
            facts.LEGACY_CNI_URL,
        ),
        "internet": (_OUTBOUND, "traffic leaves through the outbound type", facts.CNI_OVERVIEW_URL),
    },
    NetworkModel.OVERLAY: {
        "vnet": ("node IP", "anything outside the pod CIDR is NATed to the node IP", facts.OVERLAY_URL),
        "peered": ("node IP", "anything outside the pod CIDR is NATed to the node IP", facts.OVERLAY_URL),
        "internet": (_OUTBOUND, "traffic leaves through the outbound type", facts.OVERLAY_URL),
    },
    NetworkModel.POD_SUBNET: {
        "vnet": ("pod IP", "pod IPs are VNet addresses and no ip-masq-agent runs", facts.LEGACY_CNI_URL),
        "peered": ("pod IP", "pod IPs are routable across peerings", facts.LEGACY_CNI_URL),
        "internet": (
            _OUTBOUND + " (a NAT gateway on the pod subnet can set it)",
            "traffic leaves through the outbound type",
            facts.DYNAMIC_URL,
        ),
    },
    NetworkModel.POD_SUBNET_STATIC: {
        "vnet": (
            "pod IP (not stated separately; as dynamic allocation)",
            "Microsoft's pages do not say; the pod subnet makes pod IPs VNet addresses",
            facts.STATIC_BLOCK_URL,
        ),
        "peered": (
            "pod IP (not stated separately; as dynamic allocation)",
            "Microsoft's pages do not say",
            facts.STATIC_BLOCK_URL,
        ),
        "internet": (_OUTBOUND, "traffic leaves through the outbound type", facts.CNI_OVERVIEW_URL),
    },
    NetworkModel.NONE: {
        key: (
            "decided by your CNI plugin",
            "AKS leaves pod addressing and NAT to the plugin you install",
            facts.BYO_CNI_URL,
        )
        for key in DESTINATIONS
    },
}


def source_ip(model: str | NetworkModel, destination: str) -> SourceIp:
    """The source address ``destination`` sees for a pod under ``model``."""
    m = parse_model(model)
    if destination not in DESTINATIONS:
        raise SpecError(f"destination {quote(destination)} is not known: choose one of {', '.join(DESTINATIONS)}")
    seen, why, url = _TABLE[m][destination]
    return SourceIp(m, destination, seen, why, url)


def source_ip_table(models: tuple[str, ...] | None = None) -> Table:
    """Per model, the source address each destination sees (renders as Markdown)."""
    chosen = [parse_model(m) for m in models] if models else list(NetworkModel)
    rows = [(m.value, *(source_ip(m, d).seen for d in DESTINATIONS)) for m in chosen]
    return Table(("model", *DESTINATIONS.values()), rows, caption="Source address each destination sees")


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a packet's walk: where it is, its source and destination there, and a note."""

    where: str
    source: str
    destination: str
    note: str


def walk_routes() -> tuple[Route, ...]:
    """The nodes of the packet walks, as :func:`akskit.course.carve.routes` maps them: pod /24 -> node IP.

    >>> [(str(r.prefix), str(r.next_hop)) for r in walk_routes()][1]
    ('10.244.1.0/24', '10.224.0.5')
    """
    return routes(carve_pod_cidr(WALK_POD_CIDR, _WALK_NODES), WALK_NODE_SUBNET)


def packet_walk(model: str | NetworkModel, path: str) -> tuple[Hop, ...]:
    """The hops of a packet under ``model``: ``path`` is ``"pod-to-pod"`` (across nodes) or ``"pod-to-vnet"``.

    Addresses come from one carving (:func:`walk_routes`): node subnet ``WALK_NODE_SUBNET``,
    pod CIDR ``WALK_POD_CIDR``; node 1 holds the pod /24 ``10.244.1.0/24`` at its own
    address, node 2 the next /24, exactly as the route table maps them.

    >>> [(h.where, h.source) for h in packet_walk("kubenet", "pod-to-vnet")][1]
    ('node 1', '10.224.0.5')
    """
    m = parse_model(model)
    node_1, node_2 = walk_routes()[1:3]
    node_a, node_b = str(node_1.next_hop), str(node_2.next_hop)
    if m in (NetworkModel.KUBENET, NetworkModel.OVERLAY):  # pods in the node's /24 of the pod CIDR
        pod_a, pod_b = str(node_1.prefix.network_address + 5), str(node_2.prefix.network_address + 7)
    else:  # flat models: pod addresses from the VNet (the node subnet for Node Subnet)
        pod_a, pod_b = str(WALK_NODE_SUBNET.network_address + 40), str(WALK_NODE_SUBNET.network_address + 80)
    vm = "10.224.1.10"  # a VM in another subnet of the cluster's VNet
    if path == "pod-to-pod" and m is NetworkModel.KUBENET:
        return (
            Hop("pod A on node 1", pod_a, pod_b, "the pod sends to the other pod's IP"),
            Hop("node 1", pod_a, pod_b, "IP forwarding: the node passes the packet to the VNet unchanged"),
            Hop("Azure route table", pod_a, pod_b, f"the route {node_2.prefix} -> {node_b} (one route per node)"),
            Hop("node 2", pod_a, pod_b, "the node delivers to its bridge, then to pod B"),
            Hop("pod B", pod_a, pod_b, "pod B sees pod A's own IP: no NAT between pods"),
        )
    if path == "pod-to-pod":
        return (
            Hop("pod A on node 1", pod_a, pod_b, "the pod sends to the other pod's IP"),
            Hop(
                "Azure virtual network",
                pod_a,
                pod_b,
                "the VNet routes pod addresses itself: no route table and no extra hop",
            ),
            Hop("pod B", pod_a, pod_b, "pod B sees pod A's own IP: no NAT between pods"),
        )
    if path == "pod-to-vnet":
        seen = source_ip(m, "vnet")
        nat = seen.seen.startswith("node")
        src_after = node_a if nat else pod_a
        return (
            Hop("pod A on node 1", pod_a, vm, "the pod sends to a VM in the same VNet"),
            Hop(
                "node 1",
                src_after,
                vm,
                (
                    "NAT: the node rewrites the source to its own IP"
                    if nat
                    else "no NAT: the pod IP is already a VNet address"
                ),
            ),
            Hop("VM", src_after, vm, f"the VM sees the {seen.seen}: {seen.why}"),
        )
    raise SpecError(f"path {quote(path)} is not known: use 'pod-to-pod' or 'pod-to-vnet'")


def walk_table(model: str | NetworkModel, path: str) -> Table:
    """:func:`packet_walk` as a table (renders as Markdown in a notebook)."""
    hops = packet_walk(model, path)
    m = parse_model(model)
    network = f"node subnet {WALK_NODE_SUBNET}"
    if m in (NetworkModel.KUBENET, NetworkModel.OVERLAY):
        network += f", pod CIDR {WALK_POD_CIDR}"
    return Table(
        ("where", "source", "destination", "what happens"),
        [(h.where, h.source, h.destination, h.note) for h in hops],
        caption=f"{m.value}: {path} ({network})",
    )
