"""Exercises 6.1-6.5 of notebook 06 (the capstone): your design choices, checked by the planner's own checks."""

from __future__ import annotations

import re
from ipaddress import IPv4Network
from typing import Any

from akskit.course.scenario import Scenario, design, load_scenario
from akskit.engine import facts
from akskit.engine.cidr import (
    largest_pod_cidr_prefix,
    parse_address,
    parse_network,
    smallest_subnet_prefix,
    usable_ips,
)
from akskit.engine.free_ranges import free_range
from akskit.engine.model_names import model_and_dataplane
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.exercises._core import Exercise, Feedback, expect_prefix
from akskit.exercises.nb06._peak import misread_values, peak_plan
from akskit.exercises.nb06.findings import findings_about, guarded, mentions, say_findings

__all__ = ["EXERCISES"]

#: The network team's budget for exercise 6.1: one /24 of the VNet, nodes and pods together.
BUDGET_PREFIX = 24
#: The reference design's ranges that an exercise holds fixed while it checks your choice.
NODE_SUBNET = "10.224.0.0/24"
POD_CIDR = str(facts.DEFAULT_POD_CIDR)

_MODEL_CODES = frozenset(
    {"kubenet-windows", "cilium-windows", "windows-unconfirmed", "cilium-unsupported-model", "kubenet-node-limit"}
)


# 6.1 ------------------------------------------------------------------------------------------


def _model(answer: Any) -> Feedback:
    """A model that runs the Windows pool and fits the VNet budget."""
    scenario = load_scenario()
    model, dataplane = model_and_dataplane(str(answer))
    p = plan(design(scenario, model=model, dataplane=dataplane))
    problems = findings_about(p, lambda e: e.code in _MODEL_CODES)
    label = traits(model).label
    if problems:
        return Feedback(False, say_findings(problems, scenario))
    budget = usable_ips(BUDGET_PREFIX)
    if p.vnet_ips_required > budget:
        where = f"{p.node_subnet.ips_required:,} in the node subnet"
        if p.pod_subnet is not None:
            where += f" and {p.pod_subnet.ips_required:,} in a pod subnet"
        return Feedback(
            False,
            f"{label} runs Windows pools, but at the scenario's peak it takes {p.vnet_ips_required:,} VNet addresses "
            f"({where}), and the budget is one /{BUDGET_PREFIX} ({budget} usable): with this model every pod "
            f"slot takes a VNet address.",
        )
    return Feedback(
        True,
        f"{label} supports Windows pools and takes only {p.vnet_ips_required} VNet addresses at the peak "
        f"(one per node, plus the {scenario.extra_ips} private endpoints and load balancers): pods use the "
        f"private pod CIDR.",
    )


# 6.2 ------------------------------------------------------------------------------------------


def _bare_number(answer: Any) -> int | None:
    """``25``, ``25.0``, ``"25"`` or ``"/25"`` as a whole number; None for anything else (a CIDR, text)."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    if isinstance(answer, int):
        return answer
    if isinstance(answer, str):
        match = re.fullmatch(r"\s*/?([0-9]{1,6})\s*", answer, re.ASCII)
        if match:
            return whole_number(match.group(1), "prefix length")
    return None


def _node_prefix_mistakes(scenario: Scenario, p: Plan, smallest: int) -> dict[int, str]:
    need = p.node_subnet.ips_required
    mistakes = {
        prefix: f"a /{prefix} has {usable_ips(prefix):,} usable addresses (its size minus Azure's "
        f"{facts.AZURE_RESERVED_IPS}): that is the answer if {what}; the peak includes all of it."
        for prefix, what in misread_values(
            scenario, lambda q: smallest_subnet_prefix(q.node_subnet.ips_required), smallest
        ).items()
    }
    mistakes.setdefault(
        smallest + 1,
        f"a /{smallest + 1} has {usable_ips(smallest + 1):,} usable addresses (its size minus Azure's "
        f"{facts.AZURE_RESERVED_IPS}): too few for the peak.",
    )
    mistakes[smallest - 1] = (
        f"a /{smallest - 1} ({usable_ips(smallest - 1):,} usable addresses) holds the peak, but it is not the smallest "
        f"subnet that does: try a longer prefix."
    )
    mistakes[need] = (
        f"{need:,} is the number of addresses the peak needs, not a prefix: which prefix has at least that many "
        f"usable addresses (size minus {facts.AZURE_RESERVED_IPS})?"
    )
    mistakes[p.planned_nodes] = (
        f"{p.planned_nodes:,} is the peak's node count, not a prefix; the node subnet also holds the private "
        f"endpoints and load balancers, and a prefix is asked for."
    )
    return mistakes


def _node_subnet_from(prefix: int, vnet: IPv4Network) -> IPv4Network | str:
    """The node subnet at the start of the VNet for a bare prefix; a string is a reason to refuse it."""
    if not 0 <= prefix <= 32:
        return f"expected a prefix length such as /24 (got /{prefix})."
    if prefix < vnet.prefixlen:
        return f"a /{prefix} is larger than the whole VNet ({vnet}): the node subnet is carved out of the VNet."
    return IPv4Network((vnet.network_address, prefix))


def _node_prefix(answer: Any) -> Feedback:
    """The smallest node subnet that holds the scenario's peak with overlay."""
    scenario = load_scenario()
    peak = peak_plan(scenario)
    need = peak.node_subnet.ips_required
    smallest = smallest_subnet_prefix(need)
    assert smallest is not None  # the scenario's peak fits a subnet
    mistakes = _node_prefix_mistakes(scenario, peak, smallest)
    why = (
        f"at the peak the cluster needs {need} node-subnet addresses; a /{smallest} has {usable_ips(smallest)} "
        f"usable, a /{smallest + 1} only {usable_ips(smallest + 1)}."
    )
    number = _bare_number(answer)
    if number is not None and number > 32:
        return expect_prefix(number, smallest, why=why, mistakes=mistakes)
    if number is not None:
        subnet = _node_subnet_from(number, scenario.vnet)
        if isinstance(subnet, str):
            return Feedback(False, subnet)
    elif isinstance(answer, str):
        subnet = parse_network(answer, "node subnet")
    else:
        return expect_prefix(answer, smallest, why=why, mistakes=mistakes)
    p = plan(
        design(
            scenario,
            model=NetworkModel.OVERLAY,
            node_subnet=subnet,
            pod_cidr=POD_CIDR,
            service_cidr=free_range(16, [scenario.vnet, *(x.cidr for x in scenario.peers)]),
        )
    )
    placement = findings_about(p, lambda e: "node subnet" in e.found and e.code != "node-subnet-too-small")
    if placement:
        return Feedback(False, say_findings(placement, scenario))
    return expect_prefix(subnet.prefixlen, smallest, why=why, mistakes=mistakes)


# 6.3 ------------------------------------------------------------------------------------------


def _pod_cidr(answer: Any) -> Feedback:
    """The smallest overlay pod CIDR that holds the peak, placed where it collides with nothing."""
    scenario = load_scenario()
    peak = peak_plan(scenario)
    assert peak.pod_cidr is not None  # overlay always plans a pod CIDR
    blocks = peak.pod_cidr.blocks_required
    smallest = largest_pod_cidr_prefix(blocks)
    mistakes = {
        prefix: f"a /{prefix} holds {2 ** (24 - prefix):,} per-node /24 blocks: the answer if {what}; the peak "
        f"includes all of it."
        for prefix, what in misread_values(
            scenario, lambda q: q.pod_cidr.largest_prefix if q.pod_cidr else None, smallest
        ).items()
    }
    mistakes.setdefault(
        smallest + 1, f"a /{smallest + 1} holds {2 ** (23 - smallest):,} per-node /24 blocks: too few for the peak."
    )
    mistakes[smallest - 1] = (
        f"a /{smallest - 1} holds the peak with room to spare, but it is not the smallest range that does: "
        f"try a longer prefix."
    )
    mistakes[24] = (
        "a /24 is one node's block: overlay gives every node a whole /24 of the pod CIDR, so the pod CIDR holds "
        "one /24 per node at the peak."
    )
    mistakes[blocks] = (
        f"{blocks:,} is the number of per-node /24 blocks the peak needs, not a prefix: which prefix holds that "
        f"many /24s?"
    )
    why = (
        f"overlay gives each of the {blocks} nodes at the peak a /24: a /{smallest} holds {2 ** (24 - smallest)}, "
        f"a /{smallest + 1} only {2 ** (23 - smallest)}."
    )
    number = _bare_number(answer)
    if number is not None or not isinstance(answer, str):
        feedback = expect_prefix(answer if number is None else number, smallest, why=why, mistakes=mistakes)
        if feedback.correct:
            return Feedback(
                True, f"{why} In the design, place it clear of the VNet, the peered ranges and AKS's reserved ranges."
            )
        return feedback
    cidr = parse_network(answer, "pod CIDR")
    others = [scenario.vnet, *(x.cidr for x in scenario.peers), cidr]
    p = plan(
        design(
            scenario,
            model=NetworkModel.OVERLAY,
            node_subnet=NODE_SUBNET,
            pod_cidr=cidr,
            service_cidr=free_range(16, others),
        )
    )
    placing = [e for e in findings_about(p, mentions("pod CIDR")) if e.code != "pod-cidr-too-small"]
    if placing:
        return Feedback(False, say_findings(placing, scenario))
    feedback = expect_prefix(cidr.prefixlen, smallest, why=why, mistakes=mistakes)
    if feedback.correct:
        return Feedback(
            True,
            f"{cidr}: {why} It overlaps none of the VNet, the peered ranges or AKS's reserved ranges. With a "
            f"Windows pool the overlay pod CIDR can't be expanded later: in a real design, leave room beside it.",
        )
    return feedback


# 6.4 ------------------------------------------------------------------------------------------


def _service_range(answer: Any) -> Feedback:
    """A service CIDR and the DNS service IP that goes with it, colliding with nothing."""
    scenario = load_scenario()
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        cidr, dns = parse_network(str(answer[0]), "service CIDR"), parse_address(str(answer[1]), "DNS service IP")
    else:
        cidr, dns = parse_network(str(answer), "service CIDR"), None
    spec = design(
        scenario,
        model=NetworkModel.OVERLAY,
        node_subnet=NODE_SUBNET,
        pod_cidr=POD_CIDR,
        service_cidr=cidr,
        dns_service_ip=dns,
    )
    p = plan(spec)
    problems = findings_about(p, mentions("service CIDR", "DNS service IP"))
    if problems:
        return Feedback(False, say_findings(problems, scenario))
    if dns is None:
        return Feedback(
            False,
            f"{cidr} collides with nothing, but the DNS service IP moves with the range: the draft's "
            f"{facts.DEFAULT_DNS_SERVICE_IP} lies in the old one. Answer with a pair (service CIDR, DNS service IP).",
        )
    return Feedback(
        True,
        f"{cidr} ({cidr.num_addresses:,} service addresses) collides with none of the VNet, the peered ranges, "
        f"the pod CIDR or AKS's reserved ranges, and the DNS service IP {dns} sits inside it, clear of the "
        f"addresses AKS keeps.",
    )


# 6.5 ------------------------------------------------------------------------------------------

_DESIGN_FIELDS = ("model", "node subnet", "pod CIDR", "service CIDR", "DNS service IP")


def _whole_design(answer: Any) -> Feedback:
    """Your five choices together: the whole design, checked by every rule at once."""
    if not isinstance(answer, (tuple, list)) or len(answer) != len(_DESIGN_FIELDS):
        return Feedback(
            False,
            f"answer with a tuple of {len(_DESIGN_FIELDS)} values in this order: {', '.join(_DESIGN_FIELDS)}.",
        )
    scenario = load_scenario()
    model_text, node, pods, services, dns = (str(x) for x in answer)
    model, dataplane = model_and_dataplane(model_text)
    p = plan(
        design(
            scenario,
            model=model,
            dataplane=dataplane,
            node_subnet=node,
            pod_cidr=pods if traits(model).uses_pod_cidr else None,
            service_cidr=services,
            dns_service_ip=dns,
        )
    )
    problems = findings_about(p, lambda e: True)
    if problems:
        return Feedback(False, say_findings(problems, scenario))
    return Feedback(
        True,
        f"{traits(model).label} with these ranges passes every check at the peak: {p.node_subnet.ips_required} of "
        f"{p.node_subnet.usable_ips} node-subnet addresses in use. Open the solution for one reference design, "
        f"then print the az commands for yours.",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "6.1",
        "Which network model runs the scenario's Windows pool and fits a VNet budget of one /24?",
        guarded(_model),
        # the VNet cost of the models that miss the budget (say it above 6.1 and the choice is made for you)
        spoilers=("3,642", "4,754"),
    ),
    Exercise(
        "6.2", "The smallest node-subnet prefix that holds the scenario's peak with overlay?", guarded(_node_prefix)
    ),
    Exercise(
        "6.3",
        "The smallest overlay pod CIDR that holds the peak, placed where it collides with nothing?",
        guarded(_pod_cidr),
    ),
    Exercise(
        "6.4",
        "A service CIDR and DNS service IP that collide with nothing?",
        guarded(_service_range),
        # akskit's own fix for the draft and the reference design's pair: either above 6.4 answers it
        spoilers=("10.1.0.0/16", "10.1.0.10", "172.16.0.0/16", "172.16.0.10"),
    ),
    Exercise(
        "6.5",
        "Your whole design (model, node subnet, pod CIDR, service CIDR, DNS service IP): does it pass?",
        guarded(_whole_design),
        # its parts are the answers above it; the reference design as one answer is what must stay below
        spoilers=('("overlay", "10.224.0.0/24", "10.244.0.0/16", "172.16.0.0/16", "172.16.0.10")',),
    ),
)
