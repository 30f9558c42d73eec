"""Parse IPv4 CIDRs strictly and answer the sizing questions AKS planning asks.

All sizes follow Azure's rule that every subnet loses 5 addresses
(:data:`akskit.engine.facts.AZURE_RESERVED_IPS`).

>>> from akskit.engine.cidr import parse_network, usable_ips, smallest_subnet_prefix
>>> usable_ips(parse_network("10.224.0.0/24"))
251
>>> smallest_subnet_prefix(1581)
21
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from ipaddress import AddressValueError, IPv4Address, IPv4Network, NetmaskValueError, ip_address, ip_network

from akskit.engine.errors import CidrError, quote
from akskit.engine.facts import (
    AZURE_RESERVED_IPS,
    DNS_SERVICE_IP_CONVENTION_OFFSET,
    FORBIDDEN_RANGES,
    LARGEST_SUBNET_PREFIX,
    POD_CIDR_BLOCK_PREFIX,
    SMALLEST_SUBNET_PREFIX,
    VNET_FORBIDDEN_RANGES,
)

__all__ = [
    "default_dns_service_ip",
    "dns_service_ip_reserved",
    "first_overlap",
    "forbidden_overlap",
    "largest_pod_cidr_prefix",
    "parse_address",
    "parse_network",
    "pod_cidr_blocks",
    "smallest_subnet_prefix",
    "usable_ips",
]


def parse_network(value: str | IPv4Network, what: str = "CIDR") -> IPv4Network:
    """Parse an IPv4 CIDR such as ``"10.224.0.0/16"`` strictly.

    Args:
        value: the CIDR text, or an :class:`~ipaddress.IPv4Network` (returned as is).
        what: what the CIDR is for, quoted in error messages ("node subnet").

    Raises:
        CidrError: the text is not a CIDR, is IPv6, or has host bits set (the
            message then names the network that was probably meant).

    >>> parse_network("10.224.0.0/16")
    IPv4Network('10.224.0.0/16')
    """
    if isinstance(value, IPv4Network):
        return value
    text = _text(value, what, "a CIDR such as 10.224.0.0/16")
    shown = quote(value)
    if "/" not in text and re.fullmatch(r"[0-9]+(\.[0-9]+){3}", text):
        raise CidrError(f"{what} {shown} has no prefix length: write it as a CIDR such as {text}/24")
    address, _, mask = text.partition("/")
    if "." in mask:
        try:
            prefix = ip_network(text, strict=False).prefixlen
            fix = f"write /{prefix} ({address}/{prefix})"
        except ValueError:
            fix = f"write a prefix length 0-32 such as {address}/24"
        raise CidrError(f"{what} {shown} gives a netmask after the slash, not a prefix length: {fix}")
    try:
        if ":" not in text and not re.fullmatch(r"[0-9.]+/[0-9]{1,2}", text, re.ASCII):
            raise ValueError(text)  # ASCII digits only, as in every number akskit reads
        network = ip_network(text, strict=False)
    except ValueError:
        raise CidrError(
            f"{what} {shown} is not a valid CIDR: expected four numbers 0-255 and a prefix "
            f"length 0-32, such as 10.224.0.0/16"
        ) from None
    if network.version != 4:
        raise CidrError(
            f"{what} {shown} is IPv6: akskit plans IPv4 address space only "
            f"(AKS dual-stack IPv6 ranges are fixed-size /64 and /108); give the IPv4 range"
        )
    if network.network_address != ip_address(address):
        raise CidrError(
            f"{what} {shown} has host bits set: a CIDR names a network, not an address; did you mean {network}?"
        )
    return network


def _text(value: object, what: str, expected: str) -> str:
    """``value`` stripped, if it is text; else the error that says what was expected."""
    if not isinstance(value, str):
        raise CidrError(f"{what} must be {expected} (got {quote(value)}, a {type(value).__name__})")
    return value.strip()


def parse_address(value: str | IPv4Address, what: str = "IP address") -> IPv4Address:
    """Parse one IPv4 address such as ``"10.0.0.10"``.

    >>> parse_address("10.0.0.10")
    IPv4Address('10.0.0.10')
    """
    if isinstance(value, IPv4Address):
        return value
    text = _text(value, what, "an address such as 10.0.0.10")
    try:
        return IPv4Address(text)
    except (AddressValueError, NetmaskValueError):
        pass
    try:
        address = ip_address(text)
    except ValueError:
        hint = "; give the address without a prefix length" if "/" in text else ""
        raise CidrError(
            f"{what} {quote(value)} is not an IPv4 address: expected four numbers 0-255 such as 10.0.0.10{hint}"
        ) from None
    raise CidrError(f"{what} {quote(value)} is IPv{address.version}: akskit plans IPv4 only")


def usable_ips(network: IPv4Network | int) -> int:
    """Addresses Azure lets you use in a subnet (or a prefix length): size minus 5.

    >>> usable_ips(24), usable_ips(29)
    (251, 3)
    """
    prefix = network if isinstance(network, int) else network.prefixlen
    return max(0, (1 << (32 - prefix)) - AZURE_RESERVED_IPS)


def smallest_subnet_prefix(ips: int) -> int | None:
    """The longest prefix (smallest subnet) whose usable addresses hold ``ips``.

    Returns ``None`` when even the largest subnet Azure allows (/2) is too small.
    An exact fit counts: 251 IPs fit a /24.

    >>> smallest_subnet_prefix(251), smallest_subnet_prefix(252), smallest_subnet_prefix(0)
    (24, 23, 29)
    """
    if ips <= usable_ips(SMALLEST_SUBNET_PREFIX):
        return SMALLEST_SUBNET_PREFIX
    prefix = 32 - (ips + AZURE_RESERVED_IPS - 1).bit_length()  # the longest with 2^(32 - prefix) - 5 >= ips
    return prefix if prefix >= LARGEST_SUBNET_PREFIX else None


def pod_cidr_blocks(network: IPv4Network) -> int:
    """How many per-node /24 blocks a kubenet or overlay pod CIDR holds.

    >>> pod_cidr_blocks(parse_network("10.244.0.0/16"))
    256
    """
    if network.prefixlen > POD_CIDR_BLOCK_PREFIX:
        return 0
    return 1 << (POD_CIDR_BLOCK_PREFIX - network.prefixlen)


def largest_pod_cidr_prefix(blocks: int) -> int:
    """The longest pod-CIDR prefix (smallest range) that holds ``blocks`` /24s.

    >>> largest_pod_cidr_prefix(256), largest_pod_cidr_prefix(257), largest_pod_cidr_prefix(1)
    (16, 15, 24)
    """
    return POD_CIDR_BLOCK_PREFIX - max(0, blocks - 1).bit_length()


def forbidden_overlap(network: IPv4Network, ranges: Iterable[IPv4Network] = FORBIDDEN_RANGES) -> IPv4Network | None:
    """The first AKS-forbidden range that ``network`` overlaps, if any.

    >>> forbidden_overlap(parse_network("172.16.0.0/12"))
    IPv4Network('172.30.0.0/16')
    """
    return first_overlap(int(network.network_address), int(network.broadcast_address), ranges)


def first_overlap(start: int, end: int, ranges: Iterable[IPv4Network]) -> IPv4Network | None:
    """The first of ``ranges`` that overlaps the addresses ``start`` to ``end`` (as integers), if any."""
    spans = _SPANS.get(id(ranges)) or [(r, int(r.network_address), int(r.broadcast_address)) for r in ranges]
    for r, first, last in spans:  # CIDRs overlap when their spans do (ipaddress's overlaps, without its lookups)
        if first <= end and start <= last:
            return r
    return None


#: The bounds of facts' fixed range lists, by the list's identity (they live as long as the module).
_SPANS = {
    id(ranges): [(r, int(r.network_address), int(r.broadcast_address)) for r in ranges]
    for ranges in (FORBIDDEN_RANGES, VNET_FORBIDDEN_RANGES)
}


def dns_service_ip_reserved(cidr: IPv4Network, address: IPv4Address) -> str | None:
    """Why ``address`` can't be the DNS service IP of ``cidr`` (``None`` when it can).

    The one home of the rule: the default DNS IP (:func:`default_dns_service_ip`) and the
    DNS check (:mod:`akskit.engine.cidr_checks`) both use it. The rule's sources sit beside
    :data:`akskit.engine.facts.DNS_SERVICE_IP_CONVENTION_OFFSET`.

    >>> dns_service_ip_reserved(parse_network("10.0.0.0/16"), parse_address("10.0.0.1"))
    'the first address (kubernetes.default.svc takes it)'
    """
    value, start, end = int(address), int(cidr.network_address), int(cidr.broadcast_address)
    if not start <= value <= end:
        return "outside the service range"
    if value == start:
        return "the network address"
    if value == start + 1:
        return "the first address (kubernetes.default.svc takes it)"
    if value == end:
        return "the broadcast address"
    return None


def default_dns_service_ip(cidr: IPv4Network) -> IPv4Address | None:
    """The DNS service IP AKS's convention gives ``cidr``: its .10 address, else the first one allowed.

    ``None`` when the range holds no address :func:`dns_service_ip_reserved` allows (a /31 or /32).

    >>> default_dns_service_ip(parse_network("10.0.0.0/16")), default_dns_service_ip(parse_network("10.0.0.0/29"))
    (IPv4Address('10.0.0.10'), IPv4Address('10.0.0.2'))
    """
    if cidr.num_addresses > DNS_SERVICE_IP_CONVENTION_OFFSET:
        conventional = cidr.network_address + DNS_SERVICE_IP_CONVENTION_OFFSET
        if dns_service_ip_reserved(cidr, conventional) is None:
            return conventional
    for offset in range(min(cidr.num_addresses, DNS_SERVICE_IP_CONVENTION_OFFSET)):
        candidate = cidr.network_address + offset
        if dns_service_ip_reserved(cidr, candidate) is None:
            return candidate
    return None
