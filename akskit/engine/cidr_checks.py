"""CIDR rules AKS enforces at create time: reserved ranges, overlaps, service range, DNS IP.

Each check names the resource-provider error it heads off where one is known
(``ServiceCidrOverlapExistingSubnetsCidr``, ``NetworkProfileCIDROverlapVNET``).
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Network

from akskit.engine import facts
from akskit.engine.cidr import default_dns_service_ip, dns_service_ip_reserved, first_overlap
from akskit.engine.findings import Finding, Severity
from akskit.engine.free_ranges import FreeRanges, free_range, service_suggestion, use_service
from akskit.engine.models import NetworkModel, traits

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from akskit.engine.results import Plan

__all__ = ["cidr_findings"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
_FIELD = {
    "node subnet": "--vnet-subnet-id",
    "pod subnet": "--pod-subnet-id",
    "pod CIDR": "--pod-cidr",
    "service CIDR": "--service-cidr",
    "VNet": "the VNet address space",
    "peered range": "--peer",
}


def _ranges(plan: Plan) -> list[tuple[str, IPv4Network, bool]]:
    """(role, network, defaulted) for every range in force, in a fixed order."""
    spec, t = plan.spec, traits(plan.model)
    ranges: list[tuple[str, IPv4Network, bool]] = []
    if spec.node_subnet is not None:
        ranges.append(("node subnet", spec.node_subnet, False))
    if spec.pod_subnet is not None and t.uses_pod_subnet:
        ranges.append(("pod subnet", spec.pod_subnet, False))
    if plan.pod_cidr is not None and plan.pod_cidr.cidr is not None:
        ranges.append(("pod CIDR", plan.pod_cidr.cidr, plan.pod_cidr.defaulted))
    elif plan.model is NetworkModel.NONE:
        cidr = spec.pod_cidr or facts.DEFAULT_POD_CIDR
        ranges.append(("pod CIDR", cidr, spec.pod_cidr is None))
    ranges.append(("service CIDR", plan.services.cidr, plan.services.cidr_defaulted))
    ranges.extend(("peered range", p, False) for p in spec.peers)
    return ranges


def _name(role: str, net: IPv4Network, defaulted: bool) -> str:
    return f"{role} {net}" + (" (AKS's default)" if defaulted else "")


#: A range's first and last address as integers (ipaddress's subnet_of and overlaps, without their lookups).
_Bounds = dict[int, tuple[int, int]]


def _bounds(nets: Iterable[IPv4Network]) -> _Bounds:
    """Each range's bounds by identity, computed once per check run (the ranges outlive it)."""
    return {id(n): (int(n.network_address), int(n.broadcast_address)) for n in nets}


#: The bounds of the private ranges AKS supports for pods.
_SUPPORTED = [(int(n.network_address), int(n.broadcast_address)) for n in facts.SUPPORTED_POD_CIDR_RANGES]


def _within(net: IPv4Network, outer: IPv4Network, b: _Bounds) -> bool:
    """``net.subnet_of(outer)``."""
    (start, end), (first, last) = b[id(net)], b[id(outer)]
    return first <= start and end <= last


def _overlap(x: IPv4Network, y: IPv4Network, b: _Bounds) -> bool:
    """``x.overlaps(y)``."""
    (start, end), (first, last) = b[id(x)], b[id(y)]
    return start <= last and first <= end


def cidr_findings(plan: Plan) -> list[Finding]:
    """Findings for reserved ranges, service range, DNS IP, VNet and overlaps.

    Each rule appends its findings to one list; the ranges and their bounds are worked out once.
    """
    ranges = _ranges(plan)
    vnet = plan.spec.vnet
    used = [net for _, net, _ in ranges] + ([vnet] if vnet else [])
    b = _bounds(used)
    found: list[Finding] = []
    _reserved(ranges, vnet, used, b, found)
    _vnet_ranges(vnet, ranges, used, b, found)
    _service_rules(plan, used, found)
    _vnet_rules(ranges, vnet, used, b, found)
    _overlaps(ranges, used, b, found)
    _pod_cidr_support(ranges, used, b, found)
    return found


def _reserved(
    ranges: list[tuple[str, IPv4Network, bool]],
    vnet: IPv4Network | None,
    used: list[IPv4Network],
    b: _Bounds,
    found: list[Finding],
) -> None:
    checked = [(r, n, d) for r, n, d in ranges if r != "peered range"] + ([("VNet", vnet, False)] if vnet else [])
    for role, net, defaulted in checked:
        hit = first_overlap(*b[id(net)], facts.FORBIDDEN_RANGES)
        if hit is not None:
            fix = (
                use_service(net.prefixlen, used) if role == "service CIDR" else f"use {free_range(net.prefixlen, used)}"
            )
            found.append(
                Finding(
                    "reserved-range-overlap",
                    ERROR,
                    f"{_name(role, net, defaulted)} overlaps {hit}: AKS reserves 169.254.0.0/16, 172.30.0.0/16, "
                    f"172.31.0.0/16 and 192.0.2.0/24 and rejects any range that overlaps them; {fix}",
                    facts.CNI_OVERVIEW_URL,
                )
            )


def _vnet_ranges(
    vnet: IPv4Network | None,
    ranges: list[tuple[str, IPv4Network, bool]],
    used: list[IPv4Network],
    b: _Bounds,
    found: list[Finding],
) -> None:
    """Ranges no Azure VNet may hold, checked on the VNet and the subnets in it."""
    checked = [("VNet", vnet)] if vnet else []
    checked += [(r, n) for r, n, _ in ranges if r in ("node subnet", "pod subnet")]
    for role, net in checked:
        hit = first_overlap(*b[id(net)], facts.VNET_FORBIDDEN_RANGES)
        if hit is not None and first_overlap(*b[id(net)], facts.FORBIDDEN_RANGES) != hit:  # reported already
            found.append(
                Finding(
                    "vnet-range-not-allowed",
                    ERROR,
                    f"{role} {net} overlaps {hit}: no Azure virtual network may use multicast (224.0.0.0/4), "
                    f"broadcast, loopback (127.0.0.0/8), link-local (169.254.0.0/16) or Azure's DNS address "
                    f"168.63.129.16; use {free_range(net.prefixlen, used)}",
                    facts.VNET_FAQ_URL,
                )
            )


def _service_rules(plan: Plan, used: list[IPv4Network], found: list[Finding]) -> None:
    svc = plan.services
    net = svc.cidr
    if net.prefixlen < facts.SMALLEST_SERVICE_PREFIX_ALLOWED:
        label = _name("service CIDR", net, svc.cidr_defaulted)
        found.append(
            Finding(
                "service-cidr-too-large",
                ERROR,
                f"{label} is a /{net.prefixlen}: the service range must be smaller than a /12 "
                f"(prefix /{facts.SMALLEST_SERVICE_PREFIX_ALLOWED} or longer); a /16 holds 65,536 services; "
                f"{use_service(16, [u for u in used if u != net])}",
                facts.IP_PLANNING_URL,
            )
        )
    _dns_rules(plan, found)


def _dns_rules(plan: Plan, found: list[Finding]) -> None:
    """The DNS service IP against the one rule (:func:`akskit.engine.cidr.dns_service_ip_reserved`)."""
    svc = plan.services
    net, dns = svc.cidr, svc.dns_service_ip
    if not svc.dns_available:  # the range holds no address the rule allows: report the range, not a placeholder
        label, n = _name("service CIDR", net, svc.cidr_defaulted), net.num_addresses
        found.append(
            Finding(
                "dns-ip-no-address",
                ERROR,
                f"{label} has {n} address{'es' if n != 1 else ''} and none can be the DNS service IP: it must be "
                f"inside the range, and not its network, first (kubernetes.default.svc) or broadcast address; use a "
                f"larger service range (AKS's default {facts.DEFAULT_SERVICE_CIDR} holds "
                f"{facts.DEFAULT_SERVICE_CIDR.num_addresses:,} services)",
                facts.IP_PLANNING_URL,
            )
        )
        return
    reason = dns_service_ip_reserved(net, dns)
    if reason is None:
        return
    label = _name("service CIDR", net, svc.cidr_defaulted)
    dns_label = f"DNS service IP {dns}" + (" (AKS's default)" if svc.dns_defaulted else "")
    suggested = default_dns_service_ip(net)
    fix = (
        f"use {suggested}"
        if suggested is not None
        else f"use a larger service range such as {facts.DEFAULT_SERVICE_CIDR} with {facts.DEFAULT_DNS_SERVICE_IP}"
    )
    if dns not in net:
        message = f"{dns_label} is outside {label}: the DNS service IP must be inside the service range; {fix}"
        found.append(Finding("dns-ip-outside-service-cidr", ERROR, message, facts.IP_PLANNING_URL))
    else:
        message = (
            f"{dns_label} is {reason} of {label}: pick another address inside the range; "
            f"the convention is the .{facts.DNS_SERVICE_IP_CONVENTION_OFFSET} address ({fix})"
        )
        found.append(Finding("dns-ip-reserved", ERROR, message, facts.IP_PLANNING_URL))


def _vnet_rules(
    ranges: list[tuple[str, IPv4Network, bool]],
    vnet: IPv4Network | None,
    used: list[IPv4Network],
    b: _Bounds,
    found: list[Finding],
) -> None:
    if vnet is None:
        return
    subnets = [(r, n) for r, n, _ in ranges if r in ("node subnet", "pod subnet")]
    for role, net in subnets:
        if not _within(net, vnet, b):
            found.append(
                Finding(
                    "subnet-outside-vnet",
                    ERROR,
                    f"{role} {net} is not inside the VNet {vnet}: a subnet must lie within its VNet's "
                    f"address space; pick a range inside {vnet} or add {net} to the VNet",
                    facts.VNET_FAQ_URL,
                )
            )
    for role, net, defaulted in ranges:
        if role not in ("pod CIDR", "service CIDR") or not _overlap(net, vnet, b):
            continue
        if any(_overlap(net, s, b) for _, s in subnets):
            continue  # the subnet overlap is reported as an error
        rule = (
            "Microsoft's pages disagree: one says the pod CIDR must not overlap the VNet, the AKS "
            "changelog says overlay now checks only the VNet's subnets"
            if role == "pod CIDR"
            else "AKS accepts it, but any subnet added to the VNet later will collide with it"
        )
        fix = use_service(net.prefixlen, used) if role == "service CIDR" else f"use {free_range(net.prefixlen, used)}"
        found.append(
            Finding(
                f"{role.split()[0].lower()}-cidr-overlaps-vnet",
                WARNING,
                f"{_name(role, net, defaulted)} overlaps the VNet {vnet}: {rule}; {fix} to be safe",
                facts.UPGRADE_CNI_URL if role == "pod CIDR" else facts.LEGACY_CNI_URL,
                "NetworkProfileCIDROverlapVNET",
            )
        )


_OVERLAP_CODES = {
    frozenset({"node subnet", "pod subnet"}): ("subnet-overlap", None),
    frozenset({"service CIDR", "node subnet"}): ("service-cidr-overlap", "ServiceCidrOverlapExistingSubnetsCidr"),
    frozenset({"service CIDR", "pod subnet"}): ("service-cidr-overlap", "ServiceCidrOverlapExistingSubnetsCidr"),
    frozenset({"service CIDR", "pod CIDR"}): ("service-cidr-overlap", None),
    frozenset({"service CIDR", "peered range"}): ("service-cidr-overlap", None),
    frozenset({"pod CIDR", "node subnet"}): ("pod-cidr-overlap", "NetworkProfileCIDROverlapVNET"),
    frozenset({"pod CIDR", "pod subnet"}): ("pod-cidr-overlap", "NetworkProfileCIDROverlapVNET"),
    frozenset({"pod CIDR", "peered range"}): ("pod-cidr-overlap", None),
}


def _overlapping_pairs(ranges: list[tuple[str, IPv4Network, bool]], b: _Bounds | None = None) -> list[tuple[int, int]]:
    """Index pairs (i < j) of overlapping ranges, peer-with-peer left out, in input order.

    Sort and sweep: ranges sorted by start (largest first on a tie) and a stack of the
    ranges that contain the current one (CIDRs nest or are disjoint), so the cost is
    n log n plus the pairs found, never n squared.
    """
    b = _bounds(net for _, net, _ in ranges) if b is None else b
    spans = [b[id(net)] for _, net, _ in ranges]
    # by start, the larger first on a tie, then in input order
    order = sorted([(start, start - end, k) for k, (start, end) in enumerate(spans)])
    open_ranges: list[int] = []  # the non-peer ranges containing the current one
    open_peers: list[int] = []  # the peered ranges containing the current one
    pairs = []
    for start, _, k in order:
        while open_ranges and spans[open_ranges[-1]][1] < start:
            open_ranges.pop()
        while open_peers and spans[open_peers[-1]][1] < start:
            open_peers.pop()
        is_peer = ranges[k][0] == "peered range"
        if open_ranges:
            pairs += [(min(k, o), max(k, o)) for o in open_ranges]
        if open_peers and not is_peer:
            pairs += [(min(k, o), max(k, o)) for o in open_peers]
        (open_peers if is_peer else open_ranges).append(k)
    return sorted(pairs)


def _overlaps(
    ranges: list[tuple[str, IPv4Network, bool]], used: list[IPv4Network], b: _Bounds, found: list[Finding]
) -> None:
    pairs = _overlapping_pairs(ranges, b)
    free = FreeRanges(used) if pairs else None
    for i, j in pairs:
        assert free is not None
        (r1, n1, d1), (r2, n2, d2) = ranges[i], ranges[j]
        code, prevents = _OVERLAP_CODES.get(frozenset({r1, r2}), ("peer-overlap", None))
        # Move the range AKS owns (service, pod CIDR) rather than a subnet or a peer.
        role, net = (r2, n2) if r2 in ("service CIDR", "pod CIDR") else (r1, n1)
        if role == "service CIDR":  # the DNS service IP lives inside the service range: it moves too
            cidr, dns = service_suggestion(net.prefixlen, free)
            fix = f"move the service CIDR ({_FIELD[role]}) to {cidr} and the DNS service IP (--dns-service-ip) to {dns}"
        else:
            fix = f"move the {role} ({_FIELD[role]}) to {free.suggest(net.prefixlen)}"
        found.append(
            Finding(
                code,
                ERROR,
                f"{_name(r1, n1, d1)} overlaps {_name(r2, n2, d2)}: each range must be distinct "
                f"(packets for shared addresses cannot be routed); {fix}",
                facts.OVERLAY_URL if "pod CIDR" in (r1, r2) else facts.LEGACY_CNI_URL,
                prevents,
            )
        )


def _pod_cidr_support(
    ranges: list[tuple[str, IPv4Network, bool]], used: list[IPv4Network], b: _Bounds, found: list[Finding]
) -> None:
    for role, net, defaulted in ranges:
        if role != "pod CIDR":
            continue
        start, end = b[id(net)]
        if not any(first <= start and end <= last for first, last in _SUPPORTED):  # inside none of them
            others = [u for u in used if u != net]
            found.append(
                Finding(
                    "pod-cidr-unsupported-range",
                    WARNING,
                    f"{_name(role, net, defaulted)} is outside the private ranges AKS supports for pods "
                    f"(RFC 1918: 10/8, 172.16/12, 192.168/16; RFC 6598: 100.64/10): public ranges work but are "
                    f"not supported; use a private range such as {free_range(net.prefixlen, others)}",
                    facts.OVERLAY_URL,
                )
            )
