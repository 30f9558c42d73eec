"""One explainer per AKS error code: the cause in numbers and the smallest fix.

Each takes the regex match and the whole text; :mod:`akskit.engine.aks_errors` picks the explainer.
"""

from __future__ import annotations

import re
from ipaddress import IPv4Address, IPv4Network, ip_address
from typing import Any

from akskit.engine.aks_error_types import (
    COUNTED,
    DNS_SERVICE_IP_OUT_OF_RANGE_URL,
    INSUFFICIENT_SUBNET_SIZE_URL,
    POD_BLOCK,
    SERVICE_CIDR_OVERLAP_URL,
    SUBNET_IS_DELEGATED_URL,
    SUBNET_IS_FULL_URL,
    AksErrorExplanation,
    cni_readings,
    network_or_none,
)
from akskit.engine.cidr import default_dns_service_ip, largest_pod_cidr_prefix, smallest_subnet_prefix, usable_ips
from akskit.engine.errors import quote
from akskit.engine.facts import (
    DEFAULT_POD_CIDR,
    DEFAULT_SERVICE_CIDR,
    IP_PLANNING_URL,
    OVERLAY_URL,
    POD_CIDR_BLOCK_PREFIX,
)
from akskit.engine.free_ranges import first_free_range

__all__ = [
    "TARGET_FLAGS",
    "cidr_parse_error",
    "dns_ip_out_of_range",
    "insufficient_subnet_size",
    "overlap_fix",
    "service_cidr_overlap",
    "subnet_delegated",
    "subnet_is_full",
    "vnet_overlap",
]


def insufficient_subnet_size(m: re.Match[str], text: str) -> AksErrorExplanation:
    requested, available = int(m["req"]), int(m["avail"] or m["avail2"])
    cidr_text, name = m["cidr"] or "", m["name"] or ""
    values: dict[str, Any] = {"requested": requested, "available": available}
    if cidr_text:
        values["cidr"] = cidr_text
    if name:
        values["subnet_name"] = name
    net = network_or_none(cidr_text) if cidr_text else None
    short = requested - available
    if name == "networkProfile.podCIDR":
        blocks = -(-requested // POD_BLOCK)
        pod_prefix = largest_pod_cidr_prefix(blocks)
        values.update(range="pod CIDR", nodes_counted=blocks)
        held = f"{net.num_addresses:,} addresses ({net.num_addresses // POD_BLOCK} per-node /24s)" if net else ""
        cause = (
            f"the pod CIDR {quote(cidr_text)} holds {held or f'{available:,} addresses'}; AKS gives every node a "
            f"whole /24 ({POD_BLOCK} addresses) of it, so {requested:,} pre-allocated IPs are {blocks} nodes x "
            f"{POD_BLOCK}: {short:,} more than it holds. {COUNTED}"
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
    readings = [] if pod_subnet else cni_readings(requested)
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
        + f". {COUNTED}"
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


def subnet_is_full(m: re.Match[str], text: str) -> AksErrorExplanation:
    name, cidr_text, count = m["name"], m["cidr"], m["count"]
    upgrade = "VMSSAgentPoolReconciler" in text or "upgrad" in text.lower()
    values: dict[str, Any] = {"subnet_name": name, "cidr": cidr_text, "operation": "upgrade" if upgrade else "scale"}
    net = network_or_none(cidr_text)
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


def overlap_fix(a: IPv4Network, b: IPv4Network) -> tuple[str, IPv4Network | None]:
    free = first_free_range(a.prefixlen, [b])
    return (f"{free}" if free else f"a /{a.prefixlen} clear of {b}"), free


def vnet_overlap(m: re.Match[str], text: str) -> AksErrorExplanation:
    a_text, b_text = m["a"], m["b"]
    values: dict[str, Any] = {"cidr": a_text, "vnet_cidr": b_text}
    a, b = network_or_none(a_text), network_or_none(b_text)
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
    new, free = overlap_fix(a, b)
    flag = {
        "pod CIDR": "--pod-cidr (networkProfile.podCidr)",
        "service CIDR": "--service-cidr and --dns-service-ip (networkProfile.serviceCidr, dnsServiceIP)",
    }.get(which or "", "--pod-cidr or --service-cidr (whichever holds this range)")
    fix = {"range": which or "pod or service CIDR", "cidr": new, "az": f"{flag} {new}"}
    if free is not None:
        values["free_range"] = str(free)
    return AksErrorExplanation("NetworkProfileCIDROverlapVNET", True, values, cause, fix, OVERLAY_URL)


def service_cidr_overlap(m: re.Match[str], text: str) -> AksErrorExplanation:
    a_text, b_text = m["a"], m["b"]
    values: dict[str, Any] = {"service_cidr": a_text, "subnet_cidr": b_text}
    a, b = network_or_none(a_text), network_or_none(b_text)
    cause = f"the service CIDR {quote(a_text)} overlaps the existing subnet {quote(b_text)} in the cluster's VNet"
    fix: dict[str, str] = {"range": "service CIDR"}
    if a is not None and b is not None:
        cause += f" ({a.num_addresses:,} and {b.num_addresses:,} addresses)"
        if a == DEFAULT_SERVICE_CIDR:
            cause += f"; {a} is AKS's default service CIDR: a service CIDR you set may not have reached AKS"
        new, free = overlap_fix(a, b)
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


def dns_ip_out_of_range(m: re.Match[str], text: str) -> AksErrorExplanation:
    ip_text, cidr_text = m["ip"], m["cidr"]
    values: dict[str, Any] = {"dns_service_ip": ip_text, "service_cidr": cidr_text}
    net = network_or_none(cidr_text)
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


def subnet_delegated(m: re.Match[str], text: str) -> AksErrorExplanation:
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


TARGET_FLAGS = {
    "networkprofile.servicecidr": "--service-cidr",
    "networkprofile.podcidr": "--pod-cidr",
    "networkprofile.dnsserviceip": "--dns-service-ip",
}


def cidr_parse_error(m: re.Match[str], text: str) -> AksErrorExplanation:
    target = m["target"] or ""
    values: dict[str, Any] = {"target": target} if target else {}
    flag = TARGET_FLAGS.get(target.lower())
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
