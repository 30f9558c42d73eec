"""A fix that moves the service CIDR also moves the DNS service IP (issue 9, capstone).

The DNS service IP must lie inside the service range and must not be its first address
(IP_PLANNING_URL: https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning);
AKS's convention is the range's .10 address (10.0.0.10 for the default 10.0.0.0/16, same page).
Before, the fix said only "move the service CIDR (--service-cidr) to 10.1.0.0/16": applying it left
the DNS service IP in the old range, and the plan failed again on dns-ip-outside-service-cidr.
"""

from __future__ import annotations

import re
from dataclasses import replace
from ipaddress import IPv4Address, IPv4Network

import pytest

from akskit import cluster, plan, pool
from akskit.course.scenario import design, load_scenario
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec

#: The codes about the service range or its DNS IP; none may remain once both suggested values are applied.
SERVICE_CODES = {
    "service-cidr-overlap",
    "service-cidr-too-large",
    "service-cidr-overlaps-vnet",
    "dns-ip-outside-service-cidr",
    "dns-ip-reserved",
    "dns-ip-no-address",
}
IP = r"\d{1,3}(?:\.\d{1,3}){3}"
#: "move the service CIDR (--service-cidr) to C and the DNS service IP (--dns-service-ip) to D",
#: or "use C with DNS service IP D (--service-cidr, --dns-service-ip)".
SUGGESTION = re.compile(
    rf"(?:move the service CIDR \(--service-cidr\) to|use) ({IP}/\d{{1,2}})"
    rf"(?: and the DNS service IP \(--dns-service-ip\) to| with DNS service IP) ({IP})\b"
)


def service_findings(p: Plan) -> list[str]:
    """Messages of findings about the service range or its DNS IP (reserved-range hits on the service CIDR too)."""
    return [
        f.message
        for f in p.findings
        if f.code in SERVICE_CODES or (f.code == "reserved-range-overlap" and f.message.startswith("service CIDR"))
    ]


def apply_fix(spec: ClusterSpec, message: str) -> tuple[ClusterSpec, IPv4Network, IPv4Address]:
    """The spec with both values the message suggests (service CIDR and DNS service IP)."""
    match = SUGGESTION.search(message)
    assert match, f"the fix names no DNS service IP: {message}"
    cidr, dns = IPv4Network(match.group(1)), IPv4Address(match.group(2))
    return replace(spec, service_cidr=cidr, dns_service_ip=dns), cidr, dns


SCENARIO = load_scenario()
WIN = pool("win", 2, os="windows")
CASES = {
    # the capstone's first draft: AKS's default 10.0.0.0/16 (DNS 10.0.0.10) is the on-premises data centre
    "default-over-on-premises": design(SCENARIO, model="kubenet", node_subnet="10.224.0.0/24"),
    "chosen-over-on-premises": design(
        SCENARIO, model="overlay", node_subnet="10.224.0.0/24", service_cidr="10.0.0.0/16", dns_service_ip="10.0.0.53"
    ),
    "over-node-subnet": design(SCENARIO, model="overlay", node_subnet="10.224.0.0/24", service_cidr="10.224.0.0/16"),
    "over-pod-cidr": cluster("kubenet", [pool("system", 3)], pod_cidr="10.244.0.0/16", service_cidr="10.244.0.0/16"),
    "aks-reserved": cluster("overlay", [pool("system", 3)], service_cidr="172.30.0.0/16"),
    "too-large": cluster("overlay", [pool("system", 3)], service_cidr="10.0.0.0/8", dns_service_ip="10.0.0.10"),
    "inside-vnet": cluster(
        "overlay", [pool("a", 3)], vnet="10.0.0.0/8", node_subnet="10.1.0.0/24", service_cidr="10.5.0.0/16"
    ),
    "tiny-over-peer": cluster("overlay", [pool("a", 3), WIN], service_cidr="10.9.0.0/32", peers=["10.9.0.0/16"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_applying_both_suggested_values_clears_the_service_findings(name: str) -> None:
    """Each finding that suggests a service CIDR names a DNS service IP too; applying both leaves no service finding."""
    spec = CASES[name]
    before = service_findings(plan(spec))
    suggesting = [m for m in before if SUGGESTION.search(m)]
    assert before, "the case must raise a service finding"
    assert suggesting, f"no service finding suggests both values: {before}"
    for message in suggesting:
        fixed, cidr, dns = apply_fix(spec, message)
        assert dns in cidr, message
        assert dns != cidr.network_address + 1, message
        assert service_findings(plan(fixed)) == [], message


def test_the_capstone_draft_moves_dns_to_the_dot_ten_address() -> None:
    """The draft's overlap fix: DNS at the suggested range's .10 address, the convention on IP_PLANNING_URL."""
    (message,) = [
        f.message for f in plan(CASES["default-over-on-premises"]).findings if f.code == "service-cidr-overlap"
    ]
    _, cidr, dns = apply_fix(CASES["default-over-on-premises"], message)
    assert dns == cidr.network_address + 10
    assert not cidr.overlaps(IPv4Network("10.0.0.0/16"))  # clear of the on-premises data centre (capstone.toml)


def test_the_old_dns_ip_alone_fails() -> None:
    """Why the DNS IP must move: the suggested range with the draft's DNS IP (10.0.0.53) is refused."""
    spec = CASES["chosen-over-on-premises"]
    (message,) = [f.message for f in plan(spec).findings if f.code == "service-cidr-overlap"]
    _, cidr, _ = apply_fix(spec, message)
    codes = {f.code for f in plan(replace(spec, service_cidr=cidr)).findings}
    assert "dns-ip-outside-service-cidr" in codes
