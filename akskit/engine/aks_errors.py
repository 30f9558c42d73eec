"""Explain an error that AKS returned: which range, how many addresses, how many were asked for, the fix.

``akskit explain`` reads the text of a failed ``az aks`` command or deployment (as an
argument or on standard input), recognises the AKS error code in it, pulls out the
numbers, and answers with the cause in numbers, the smallest fix, the az flag to
change and Microsoft's troubleshooting page. Without a plan it works from the numbers
in the text alone. (:mod:`akskit.engine.explain` explains akskit's own findings.)

>>> e = explain_error("Pre-allocated IPs 310 exceeds IPs available in Subnet 251")
>>> e.code, e.values["requested"], e.fix["prefix"]
('InsufficientSubnetSize', 310, '/23')
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Network, ip_address, ip_network
from typing import Any

from akskit.engine.cidr import default_dns_service_ip, largest_pod_cidr_prefix, smallest_subnet_prefix, usable_ips
from akskit.engine.errors import one_line, quote
from akskit.engine.facts import (
    DEFAULT_POD_CIDR,
    DEFAULT_SERVICE_CIDR,
    FORBIDDEN_RANGES,
    IP_PLANNING_URL,
    OVERLAY_URL,
    POD_CIDR_BLOCK_PREFIX,
    SUPPORTED_POD_CIDR_RANGES,
)

__all__ = [
    "KNOWN_CODES",
    "MAX_INPUT_BYTES",
    "AksErrorExplanation",
    "add_explain_parser",
    "explain_error",
    "run_explain",
]

# Microsoft's troubleshooting pages, one per error code (MicrosoftDocs/SupportArticles-docs,
# support/azure/azure-kubernetes/connectivity/insufficientsubnetsize-error-advanced-networking.md
# and support/azure/azure-kubernetes/error-codes/<code>-error.md). Kept here, not in facts.py:
# they carry no number the planner uses.
_TROUBLESHOOT = "https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes"
INSUFFICIENT_SUBNET_SIZE_URL = f"{_TROUBLESHOOT}/connectivity/insufficientsubnetsize-error-advanced-networking"
SUBNET_IS_FULL_URL = f"{_TROUBLESHOOT}/error-codes/subnetisfull-error"
SERVICE_CIDR_OVERLAP_URL = f"{_TROUBLESHOOT}/error-codes/servicecidroverlapexistingsubnetscidr-error"
DNS_SERVICE_IP_OUT_OF_RANGE_URL = f"{_TROUBLESHOOT}/error-codes/dnsserviceipoutofservicecidr-error"
SUBNET_IS_DELEGATED_URL = f"{_TROUBLESHOOT}/error-codes/subnetisdelegated-error"

#: The most text ``explain`` reads: an error message is a few hundred bytes, a deployment log a few KiB.
MAX_INPUT_BYTES = 64 * 1024
#: The error codes akskit explains, in the order it tries them.
KNOWN_CODES = (
    "InsufficientSubnetSize",
    "SubnetIsFull",
    "NetworkProfileCIDROverlapVNET",
    "ServiceCidrOverlapExistingSubnetsCidr",
    "DnsServiceIpOutOfServiceCidr",
    "SubnetIsDelegated",
    "CidrStringParseError",
)
#: Max pods values common enough to try when reading a node-subnet count as nodes x (max pods + 1):
#: 30 (Azure CNI default), 50, 110 (overlay and kubenet default), 250 (the highest allowed).
_COMMON_MAX_PODS = (30, 50, 110, 250)
_POD_BLOCK = 1 << (32 - POD_CIDR_BLOCK_PREFIX)  # addresses in one per-node /24 of a pod CIDR

# Every user-controlled run is bounded ({1,n}) so a 64 KiB line without spaces cannot make a regex slow.
_NUM = r"(\d{1,12})"
_CIDR = r"([0-9]{1,3}(?:\.[0-9]{1,3}){3}/[0-9]{1,2})"
_IP = r"([0-9]{1,3}(?:\.[0-9]{1,3}){3})"


def _g(name: str, pattern: str) -> str:
    """``pattern``'s first group, named."""
    return pattern.replace("(", f"(?P<{name}>", 1)


#: Azure subnet names: letters, digits, underscores, periods and hyphens (and AKS's field paths).
_NAME = r"([A-Za-z0-9_.\-]{1,80}?)"


@dataclass(frozen=True, slots=True)
class AksErrorExplanation:
    """One AKS error, explained.

    Attributes:
        code: the AKS error code (``None`` when the text is not recognised).
        recognized: whether akskit recognised the text.
        values: the numbers and names read from the text, and those akskit derived.
        cause: the cause in numbers, user text quoted.
        fix: ``range`` (what to change), ``cidr`` or ``prefix`` (the new value), ``az`` (the flag or field).
        url: Microsoft's page for the error.
    """

    code: str | None
    recognized: bool
    values: dict[str, Any] = field(default_factory=dict)
    cause: str = ""
    fix: dict[str, str] = field(default_factory=dict)
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{code, recognized, values, cause, fix, url}``."""
        out: dict[str, Any] = {
            "code": self.code,
            "recognized": self.recognized,
            "values": self.values,
            "cause": self.cause,
            "fix": self.fix or None,
            "url": self.url,
        }
        if not self.recognized:
            out["known_codes"] = list(KNOWN_CODES)
        return out


def _network(text: str) -> IPv4Network | None:
    try:
        net = ip_network(text, strict=False)
    except ValueError:
        return None
    return net if isinstance(net, IPv4Network) else None


def _free_range(size: int, avoid: Iterable[IPv4Network]) -> IPv4Network | None:
    """The first private /``size`` range that overlaps none of ``avoid`` nor AKS's reserved ranges."""
    taken = [*avoid, *FORBIDDEN_RANGES]
    for space in SUPPORTED_POD_CIDR_RANGES:
        if size < space.prefixlen:
            continue
        for candidate in space.subnets(new_prefix=size) if size - space.prefixlen <= 16 else ():
            if not any(candidate.overlaps(t) for t in taken):
                return candidate
    return None


def _readings(requested: int) -> list[str]:
    """Ways a node-subnet count splits as nodes x (max pods + 1), the Azure CNI (node subnet) rule."""
    return [
        f"{requested // (m + 1)} nodes x ({m} max pods + 1)"
        for m in _COMMON_MAX_PODS
        if requested % (m + 1) == 0 and requested // (m + 1) > 0
    ]


_COUNTED = (
    "At create (and when adding a pool) AKS counts each pool's autoscaler max count, or its count, "
    "without surge; a scale counts the new nodes; an upgrade counts the surge nodes."
)


def _insufficient(m: re.Match[str], text: str) -> AksErrorExplanation:
    requested, available = int(m["req"]), int(m["avail"] or m["avail2"])
    cidr_text, name = m["cidr"] or "", m["name"] or ""
    values: dict[str, Any] = {"requested": requested, "available": available}
    if cidr_text:
        values["cidr"] = cidr_text
    if name:
        values["subnet_name"] = name
    net = _network(cidr_text) if cidr_text else None
    short = requested - available
    if name == "networkProfile.podCIDR":
        blocks = -(-requested // _POD_BLOCK)
        pod_prefix = largest_pod_cidr_prefix(blocks)
        values.update(range="pod CIDR", nodes_counted=blocks)
        held = f"{net.num_addresses:,} addresses ({net.num_addresses // _POD_BLOCK} per-node /24s)" if net else ""
        cause = (
            f"the pod CIDR {quote(cidr_text)} holds {held or f'{available:,} addresses'}; AKS gives every node a "
            f"whole /24 ({_POD_BLOCK} addresses) of it, so {requested:,} pre-allocated IPs are {blocks} nodes x "
            f"{_POD_BLOCK}: {short:,} more than it holds. {_COUNTED}"
        )
        return AksErrorExplanation(
            "InsufficientSubnetSize",
            True,
            values,
            cause,
            {
                "range": "pod CIDR",
                "prefix": f"/{pod_prefix}",
                "az": f"--pod-cidr (networkProfile.podCidr): a /{pod_prefix} "
                f"or larger holds {1 << (POD_CIDR_BLOCK_PREFIX - pod_prefix)} nodes; or lower the pools' --max-count",
            },
            INSUFFICIENT_SUBNET_SIZE_URL,
        )
    pod_subnet = name == "agentPoolProfile.podSubnetID"
    what = "pod subnet" if pod_subnet else "node subnet"
    prefix = smallest_subnet_prefix(requested)
    values["range"] = what
    if net is not None:
        values["usable_ips"] = usable_ips(net)
    where = (
        "each node's share of the pod subnet (dynamic allocation: batches of 16 up to max pods; "
        "static block: /28 blocks for max pods + 1)"
        if pod_subnet
        else "one IP per node with kubenet or overlay; nodes x (max pods + 1) with Azure CNI on the node subnet"
    )
    readings = [] if pod_subnet else _readings(requested)
    if readings:
        values["readings"] = readings
    held = (
        f"{what} {quote(cidr_text)} has {usable_ips(net):,} usable addresses ({net.num_addresses:,} minus 5 "
        f"Azure keeps)"
        if net
        else f"the {what} has {available:,} usable addresses"
    )
    named = f" (subnet {quote(name)})" if name and not pod_subnet else ""
    cause = (
        f"{held}{named}; AKS pre-allocates {requested:,}, {short:,} too many. The count is {where}"
        + (f"; {requested:,} reads as {' or '.join(readings)}" if readings else "")
        + f". {_COUNTED}"
    )
    flag = "--pod-subnet-id" if pod_subnet else "--vnet-subnet-id"
    az = (
        f"{flag} of a new /{prefix} or larger subnet: a subnet in use cannot be resized; add a pool on it with "
        f"az aks nodepool add {flag}, move the workloads, delete the old pool; or lower --max-count or --max-pods"
        if prefix is not None
        else "no single subnet holds this many: split the pools across subnets"
    )
    fix = {"range": what, "az": az}
    if prefix is not None:
        fix["prefix"] = f"/{prefix}"
    return AksErrorExplanation("InsufficientSubnetSize", True, values, cause, fix, INSUFFICIENT_SUBNET_SIZE_URL)


def _subnet_full(m: re.Match[str], text: str) -> AksErrorExplanation:
    name, cidr_text, count = m["name"], m["cidr"], m["count"]
    upgrade = "VMSSAgentPoolReconciler" in text or "upgrad" in text.lower()
    values: dict[str, Any] = {"subnet_name": name, "cidr": cidr_text, "operation": "upgrade" if upgrade else "scale"}
    net = _network(cidr_text)
    usable = usable_ips(net) if net else None
    requested = int(count) if count else None
    if usable is not None:
        values["usable_ips"] = usable
    if requested is not None:
        values["requested"] = requested
    asked = (
        f"{requested:,} more IP addresses" if requested is not None else "more IP addresses (the text gives no count)"
    )
    why = (
        "an upgrade adds surge nodes (max surge per pool; x (max pods + 1) with Azure CNI on the node subnet) "
        "before it removes old ones"
        if upgrade
        else "a scale (by hand or by the autoscaler) asks for the new nodes (x (max pods + 1) with Azure CNI on the "
        "node subnet) at once"
    )
    cause = (
        f"subnet {quote(name)} {quote(cidr_text)} has {usable:,} usable addresses in all"
        if usable is not None
        else f"subnet {quote(name)} {quote(cidr_text)}"
    ) + f"; it has fewer than {asked} free: {why}."
    fix: dict[str, str] = {"range": "node subnet"}
    if usable is not None and requested is not None:
        prefix = smallest_subnet_prefix(usable + requested)
        if prefix is not None:
            fix["prefix"] = f"/{prefix}"
            values["needed_at_least"] = usable + requested
            cause += (
                f" Holding what it holds now plus {requested:,} needs {usable + requested:,}: a /{prefix} at least."
            )
    fix["az"] = (
        "lower --max-surge (az aks nodepool update) or scale the pool down before upgrading; or add a pool on a "
        "larger subnet (az aks nodepool add --vnet-subnet-id) and move the workloads"
        if upgrade
        else "scale by fewer nodes or lower --max-count (az aks nodepool update); or add a pool on a larger subnet "
        "(az aks nodepool add --vnet-subnet-id)"
    )
    return AksErrorExplanation("SubnetIsFull", True, values, cause, fix, SUBNET_IS_FULL_URL)


def _overlap_fix(a: IPv4Network, b: IPv4Network) -> tuple[str, IPv4Network | None]:
    free = _free_range(a.prefixlen, [b])
    return (f"{free}" if free else f"a /{a.prefixlen} clear of {b}"), free


def _vnet_overlap(m: re.Match[str], text: str) -> AksErrorExplanation:
    a_text, b_text = m["a"], m["b"]
    values: dict[str, Any] = {"cidr": a_text, "vnet_cidr": b_text}
    a, b = _network(a_text), _network(b_text)
    if a is None or b is None:
        cause = f"the cluster range {quote(a_text)} overlaps the VNet range {quote(b_text)}."
        return AksErrorExplanation(
            "NetworkProfileCIDROverlapVNET", True, values, cause, {"range": "pod CIDR"}, OVERLAY_URL
        )
    which = "pod CIDR" if a == DEFAULT_POD_CIDR else "service CIDR" if a == DEFAULT_SERVICE_CIDR else None
    shared = a.num_addresses if a.subnet_of(b) else b.num_addresses if b.subnet_of(a) else 0
    default = f" ({a} is AKS's default {which}: the template or command left it unset)" if which else ""
    cause = (
        f"the cluster range {quote(a_text)}{default} ({a.num_addresses:,} addresses) overlaps the VNet's address "
        f"space {quote(b_text)} ({b.num_addresses:,} addresses)"
        + (f", sharing {shared:,} of them" if shared else "")
        + ": pod and service ranges must sit outside the VNet, or packets for them go to the wrong place."
    )
    new, free = _overlap_fix(a, b)
    flag = {
        "pod CIDR": "--pod-cidr (networkProfile.podCidr)",
        "service CIDR": "--service-cidr and --dns-service-ip (networkProfile.serviceCidr, dnsServiceIP)",
    }.get(which or "", "--pod-cidr or --service-cidr (whichever holds this range)")
    fix = {"range": which or "pod or service CIDR", "cidr": new, "az": f"{flag} {new}"}
    if free is not None:
        values["free_range"] = str(free)
    return AksErrorExplanation("NetworkProfileCIDROverlapVNET", True, values, cause, fix, OVERLAY_URL)


def _service_overlap(m: re.Match[str], text: str) -> AksErrorExplanation:
    a_text, b_text = m["a"], m["b"]
    values: dict[str, Any] = {"service_cidr": a_text, "subnet_cidr": b_text}
    a, b = _network(a_text), _network(b_text)
    cause = f"the service CIDR {quote(a_text)} overlaps the existing subnet {quote(b_text)} in the cluster's VNet"
    fix: dict[str, str] = {"range": "service CIDR"}
    if a is not None and b is not None:
        cause += f" ({a.num_addresses:,} and {b.num_addresses:,} addresses)"
        if a == DEFAULT_SERVICE_CIDR:
            cause += f"; {a} is AKS's default service CIDR: a service CIDR you set may not have reached AKS"
        new, free = _overlap_fix(a, b)
        dns = default_dns_service_ip(free) if free else None
        fix["cidr"] = new
        fix["az"] = (
            f"--service-cidr {new}"
            + (f" --dns-service-ip {dns}" if dns else "")
            + (
                " (a new cluster: the service CIDR cannot change after create); or delete or move the subnet "
                f"{quote(b_text)} (az network vnet subnet delete / update --address-prefixes); check the new range "
                "against the whole VNet and peered networks with akskit plan --vnet ... --peer ..."
            )
        )
        if free is not None:
            values["free_range"] = str(free)
    cause += ": service addresses are virtual, and a subnet using them would be unreachable from the cluster."
    return AksErrorExplanation(
        "ServiceCidrOverlapExistingSubnetsCidr", True, values, cause, fix, SERVICE_CIDR_OVERLAP_URL
    )


def _dns_out(m: re.Match[str], text: str) -> AksErrorExplanation:
    ip_text, cidr_text = m["ip"], m["cidr"]
    values: dict[str, Any] = {"dns_service_ip": ip_text, "service_cidr": cidr_text}
    net = _network(cidr_text)
    try:
        ip: IPv4Address | None = IPv4Address(ip_text)
    except ValueError:
        ip = None
    cause = f"the DNS service IP {quote(ip_text)} is outside the service CIDR {quote(cidr_text)}"
    fix: dict[str, str] = {"range": "DNS service IP"}
    if net is not None:
        cause += f" ({net[0]} to {net[-1]}, {net.num_addresses:,} addresses)"
        dns = default_dns_service_ip(net)
        if dns is not None:
            values["suggested_dns_service_ip"] = str(dns)
            fix["cidr"] = str(dns)
            fix["az"] = (
                f"--dns-service-ip {dns} (networkProfile.dnsServiceIP), or a --service-cidr that holds {ip or ip_text}"
            )
        if net == DEFAULT_SERVICE_CIDR:
            cause += f"; {net} is AKS's default service CIDR: the service CIDR you set may not have reached AKS"
        elif ip is not None and ip == ip_address("10.0.0.10"):
            cause += "; 10.0.0.10 is AKS's default DNS service IP: set it whenever you set the service CIDR"
    cause += ": cluster DNS is a Kubernetes service, so its address comes from the service range."
    return AksErrorExplanation(
        "DnsServiceIpOutOfServiceCidr", True, values, cause, fix, DNS_SERVICE_IP_OUT_OF_RANGE_URL
    )


def _delegated(m: re.Match[str], text: str) -> AksErrorExplanation:
    subnet_id = m["id"]
    name = subnet_id.rstrip("/").rsplit("/", 1)[-1]
    values = {"subnet_id": subnet_id, "subnet_name": name}
    cause = (
        f"subnet {quote(name)} ({quote(subnet_id, 200)}) is delegated to another Azure service; an AKS node pool "
        "cannot use a subnet delegated to anything but Microsoft.ContainerService/managedClusters."
    )
    fix = {
        "range": "node subnet",
        "az": f"az network vnet subnet update --name {quote(name)} --remove delegations 0 (then, if you want it, "
        "--delegations Microsoft.ContainerService/managedClusters), or give --vnet-subnet-id an undelegated subnet",
    }
    return AksErrorExplanation("SubnetIsDelegated", True, values, cause, fix, SUBNET_IS_DELEGATED_URL)


_TARGET_FLAGS = {
    "networkprofile.servicecidr": "--service-cidr",
    "networkprofile.podcidr": "--pod-cidr",
    "networkprofile.dnsserviceip": "--dns-service-ip",
}


def _cidr_parse(m: re.Match[str], text: str) -> AksErrorExplanation:
    target = m["target"] or ""
    values: dict[str, Any] = {"target": target} if target else {}
    flag = _TARGET_FLAGS.get(target.lower())
    cause = (
        f"AKS could not read {quote(target) if target else 'a CIDR field'} as a CIDR: it must be four numbers 0-255, "
        "a slash and a prefix length 0-32, such as 10.0.0.0/16. AKS has also returned this when networkProfile is "
        "set but the pools give no vnetSubnetID (Azure/AKS#506)."
    )
    fix = {
        "range": target or "the CIDR field",
        "az": f"{flag or 'the field'} with a CIDR such as 10.0.0.0/16; check it locally first with akskit plan",
    }
    return AksErrorExplanation("CidrStringParseError", True, values, cause, fix, IP_PLANNING_URL)


_Handler = Callable[[re.Match[str], str], AksErrorExplanation]
#: (literal that must appear, pattern, handler): the literal keeps a regex off text that cannot match.
_PATTERNS: tuple[tuple[str, re.Pattern[str], _Handler], ...] = (
    (
        "Pre-allocated IPs",
        re.compile(
            rf"Pre-allocated IPs {_g('req', _NUM)} exceeds IPs available "
            rf"(?:{_g('avail', _NUM)} in Subnet Cidr {_g('cidr', _CIDR)}"
            rf"(?:, Subnet Name {_g('name', _NAME)}\.?(?=[\s\"'\\]|$))?"
            rf"|in Subnet (?P<avail2>\d{{1,12}}))"
        ),
        _insufficient,
    ),
    (
        "with address prefix",
        re.compile(
            rf"(?:Subnet )?{_g('name', _NAME)} with address prefix {_g('cidr', _CIDR)}"
            rf"\\?'? does(?: not|n't) have enough (?:available IP addresses to satisfy the request|capacity) "
            rf"for (?:{_g('count', _NUM)} )?IP addresses"
        ),
        _subnet_full,
    ),
    (
        "overlaps with reserved VNET CIDR",
        re.compile(rf"CIDR {_g('a', _CIDR)} overlaps with reserved VNET CIDR {_g('b', _CIDR)}"),
        _vnet_overlap,
    ),
    (
        "is conflicted with an existing subnet CIDR",
        re.compile(
            rf"service CIDR {_g('a', _CIDR)} is conflicted with an existing subnet CIDR "
            rf"{_g('b', _CIDR)}"
        ),
        _service_overlap,
    ),
    (
        "is out of the range defined by service CIDR",
        re.compile(
            rf"DNS service IP {_g('ip', _IP)} is out of the range defined by service CIDR "
            rf"{_g('cidr', _CIDR)}"
        ),
        _dns_out,
    ),
    (
        "delegated subnet",
        re.compile(
            r"(?:subnet with id|VnetSubnetID)\s+(?P<id>[^\s\"'\\]{1,1000}?)\s+cannot be used as it\\?'?s a delegated"
        ),
        _delegated,
    ),
    (
        "Cidr",
        re.compile(
            r"(?:CidrStringParseError|Cidr is invalid)(?:.{0,200}?Target=\\?\"?(?P<target>[A-Za-z.]{1,100}))?",
            re.DOTALL,
        ),
        _cidr_parse,
    ),
)


_CODE_FIX = {
    "InsufficientSubnetSize": ("node subnet", INSUFFICIENT_SUBNET_SIZE_URL),
    "SubnetIsFull": ("node subnet", SUBNET_IS_FULL_URL),
    "NetworkProfileCIDROverlapVNET": ("pod or service CIDR", OVERLAY_URL),
    "ServiceCidrOverlapExistingSubnetsCidr": ("service CIDR", SERVICE_CIDR_OVERLAP_URL),
    "DnsServiceIpOutOfServiceCidr": ("DNS service IP", DNS_SERVICE_IP_OUT_OF_RANGE_URL),
    "SubnetIsDelegated": ("node subnet", SUBNET_IS_DELEGATED_URL),
    "CidrStringParseError": ("the CIDR field", IP_PLANNING_URL),
}


def explain_error(text: str) -> AksErrorExplanation:
    """Recognise an AKS error in ``text`` and explain it from the numbers the text holds.

    A text naming a known code without the numbers is recognised with an empty ``values``;
    any other text is not (``recognized`` false, ``code`` ``None``).

    >>> explain_error("NetworkProfile CIDR 10.244.0.0/16 overlaps with reserved VNET CIDR 10.0.0.0/8").fix["cidr"]
    '172.16.0.0/16'
    """
    text = text[: MAX_INPUT_BYTES * 4]
    for literal, pattern, handler in _PATTERNS:
        if literal in text:
            m = pattern.search(text)
            if m is not None:
                return handler(m, text)
    for code in KNOWN_CODES:
        if code.lower() in text.lower():
            what, url = _CODE_FIX[code]
            cause = (
                f"AKS returned {code}, but the text holds none of the numbers akskit reads for it; "
                "paste the whole message (Code, Message and Target) for the cause in numbers."
            )
            return AksErrorExplanation(code, True, {}, cause, {"range": what}, url)
    return AksErrorExplanation(
        None, False, {}, f"akskit does not recognise this error; it explains {', '.join(KNOWN_CODES)}.", {}, None
    )


def render_explanation(e: AksErrorExplanation, fmt: str = "table") -> str:
    """The explanation as text (``table``) or JSON."""
    if fmt == "json":
        return json.dumps(e.to_dict(), indent=2)
    if not e.recognized:
        return "not recognised: akskit explains these AKS error codes:\n" + "\n".join(f"  {c}" for c in KNOWN_CODES)
    lines = [f"{e.code}", f"cause: {e.cause}"]
    for key in ("range", "cidr", "prefix", "az"):
        if key in e.fix:
            lines.append(f"fix {key}: {e.fix[key]}")
    if e.url:
        lines.append(f"docs: {e.url}")
    return "\n".join(lines)


def add_explain_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``akskit explain`` on the CLI's subparsers."""
    text = "explain an AKS error (InsufficientSubnetSize, SubnetIsFull, ...) in numbers, with the fix"
    p: argparse.ArgumentParser = sub.add_parser("explain", help=text, description=text)
    p.add_argument("text", nargs="*", help="the error text (leave out, or give '-', to read standard input)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    return p


class _InputError(Exception):
    pass


def _read_input(args: argparse.Namespace, stdin: Any) -> str:
    if args.text and args.text != ["-"]:
        text = " ".join(args.text)
        if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
            raise _InputError(f"the error text is over {MAX_INPUT_BYTES:,} bytes: give the error message alone")
        return text
    if stdin is None:
        raise _InputError("no error text: give it as an argument or on standard input")
    if getattr(stdin, "isatty", lambda: False)() and not args.text:
        raise _InputError("no error text: give it as an argument or pipe it in (az ... 2>&1 | akskit explain)")
    raw = getattr(stdin, "buffer", stdin).read(MAX_INPUT_BYTES + 1)
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogateescape")
    if len(data) > MAX_INPUT_BYTES:
        raise _InputError(f"standard input is over {MAX_INPUT_BYTES:,} bytes: give the error message alone")
    if b"\x00" in data:
        raise _InputError(f"standard input is binary (a NUL byte at offset {data.index(0):,}): give the error text")
    return data.decode("utf-8", "replace")


def run_explain(args: argparse.Namespace, stdin: Any = None) -> int:
    """Run ``akskit explain``: 0 explained, 1 not recognised, 2 unusable input (one stderr line)."""
    try:
        text = _read_input(args, sys.stdin if stdin is None else stdin)
    except _InputError as exc:
        print(f"akskit: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    if not text.strip():
        print("akskit: error: the error text is empty: give the message AKS returned", file=sys.stderr)
        return 2
    result = explain_error(text)
    with contextlib.suppress(BrokenPipeError):  # the reader went away (akskit explain ... | head -1)
        print(render_explanation(result, args.format), flush=True)
    return 0 if result.recognized else 1
