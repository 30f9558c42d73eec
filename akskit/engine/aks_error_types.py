"""The shapes shared by the AKS error explainers: Microsoft's pages, the text patterns' pieces,
the explanation type and the arithmetic helpers. See :mod:`akskit.engine.aks_errors`."""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import IPv4Network, ip_network
from typing import Any

from akskit.engine.facts import (
    POD_CIDR_BLOCK_PREFIX,
)

__all__ = [
    "CIDR",
    "COMMON_MAX_PODS",
    "COUNTED",
    "DNS_SERVICE_IP_OUT_OF_RANGE_URL",
    "INSUFFICIENT_SUBNET_SIZE_URL",
    "IP",
    "KNOWN_CODES",
    "MAX_INPUT_BYTES",
    "NAME",
    "NUM",
    "POD_BLOCK",
    "SERVICE_CIDR_OVERLAP_URL",
    "SUBNET_IS_DELEGATED_URL",
    "SUBNET_IS_FULL_URL",
    "TROUBLESHOOT",
    "AksErrorExplanation",
    "cni_readings",
    "group",
    "network_or_none",
]

# Microsoft's troubleshooting pages, one per error code (MicrosoftDocs/SupportArticles-docs,
# support/azure/azure-kubernetes/connectivity/insufficientsubnetsize-error-advanced-networking.md
# and support/azure/azure-kubernetes/error-codes/<code>-error.md). Kept here, not in facts.py:
# they carry no number the planner uses.
TROUBLESHOOT = "https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes"
INSUFFICIENT_SUBNET_SIZE_URL = f"{TROUBLESHOOT}/connectivity/insufficientsubnetsize-error-advanced-networking"
SUBNET_IS_FULL_URL = f"{TROUBLESHOOT}/error-codes/subnetisfull-error"
SERVICE_CIDR_OVERLAP_URL = f"{TROUBLESHOOT}/error-codes/servicecidroverlapexistingsubnetscidr-error"
DNS_SERVICE_IP_OUT_OF_RANGE_URL = f"{TROUBLESHOOT}/error-codes/dnsserviceipoutofservicecidr-error"
SUBNET_IS_DELEGATED_URL = f"{TROUBLESHOOT}/error-codes/subnetisdelegated-error"

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
COMMON_MAX_PODS = (30, 50, 110, 250)
POD_BLOCK = 1 << (32 - POD_CIDR_BLOCK_PREFIX)  # addresses in one per-node /24 of a pod CIDR

# Every user-controlled run is bounded ({1,n}) so a 64 KiB line without spaces cannot make a regex slow.
NUM = r"(\d{1,12})"
CIDR = r"([0-9]{1,3}(?:\.[0-9]{1,3}){3}/[0-9]{1,2})"
IP = r"([0-9]{1,3}(?:\.[0-9]{1,3}){3})"


def group(name: str, pattern: str) -> str:
    """``pattern``'s first group, named."""
    return pattern.replace("(", f"(?P<{name}>", 1)


#: Azure subnet names: letters, digits, underscores, periods and hyphens (and AKS's field paths).
NAME = r"([A-Za-z0-9_.\-]{1,80}?)"


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


def network_or_none(text: str) -> IPv4Network | None:
    try:
        net = ip_network(text, strict=False)
    except ValueError:
        return None
    return net if isinstance(net, IPv4Network) else None


def cni_readings(requested: int) -> list[str]:
    """Ways a node-subnet count splits as nodes x (max pods + 1), the Azure CNI (node subnet) rule."""
    return [
        f"{requested // (m + 1)} nodes x ({m} max pods + 1)"
        for m in COMMON_MAX_PODS
        if requested % (m + 1) == 0 and requested // (m + 1) > 0
    ]


COUNTED = (
    "At create (and when adding a pool) AKS counts each pool's autoscaler max count, or its count, "
    "without surge; a scale counts the new nodes; an upgrade counts the surge nodes."
)
