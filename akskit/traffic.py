"""Which source address a destination sees, and the hops a packet takes, per network model.

From the fact sheet's SNAT summary (section 7), each row with its source.

>>> source_ip("kubenet", "vnet").seen
'node IP'
>>> source_ip("azure-cni", "vnet").seen
'pod IP'
"""

from __future__ import annotations

from dataclasses import dataclass

from akskit import facts
from akskit.errors import SpecError
from akskit.models import NetworkModel, parse_model
from akskit.tables import Table

__all__ = ["DESTINATIONS", "Hop", "SourceIp", "packet_walk", "source_ip", "source_ip_table", "walk_table"]

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
        raise SpecError(f"destination {destination!r} is not known: choose one of {', '.join(DESTINATIONS)}")
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


def packet_walk(model: str | NetworkModel, path: str) -> tuple[Hop, ...]:
    """The hops of a packet under ``model``: ``path`` is ``"pod-to-pod"`` (across nodes) or ``"pod-to-vnet"``.

    Addresses follow the course's canonical example: node subnet 10.224.0.0/16,
    pod CIDR 10.244.0.0/16, node 1 at 10.224.0.4 with pods in 10.244.1.0/24.
    """
    m = parse_model(model)
    pod_a, pod_b = (
        ("10.244.1.5", "10.244.2.7")
        if m in (NetworkModel.KUBENET, NetworkModel.OVERLAY)
        else ("10.224.0.40", "10.224.0.80")
    )
    node_a, node_b, vm = "10.224.0.4", "10.224.0.5", "10.224.1.10"
    if path == "pod-to-pod" and m is NetworkModel.KUBENET:
        return (
            Hop("pod A on node 1", pod_a, pod_b, "the pod sends to the other pod's IP"),
            Hop("node 1", pod_a, pod_b, "IP forwarding: the node passes the packet to the VNet unchanged"),
            Hop("Azure route table", pod_a, pod_b, f"the route 10.244.2.0/24 -> {node_b} (one route per node)"),
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
    raise SpecError(f"path {path!r} is not known: use 'pod-to-pod' or 'pod-to-vnet'")


def walk_table(model: str | NetworkModel, path: str) -> Table:
    """:func:`packet_walk` as a table (renders as Markdown in a notebook)."""
    hops = packet_walk(model, path)
    return Table(
        ("where", "source", "destination", "what happens"),
        [(h.where, h.source, h.destination, h.note) for h in hops],
        caption=f"{parse_model(model).value}: {path}",
    )
