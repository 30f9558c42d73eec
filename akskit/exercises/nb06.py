"""Predictions and exercises for notebook 06 (the capstone): your design choices, checked by the planner's own checks.

Each checker builds your choice into the capstone scenario (``akskit/course/data/capstone.toml``),
plans it with :func:`akskit.plan`, and reports the findings that concern your
choice in plain words, without the fix akskit would suggest (that would be the answer).
:func:`diagnosis` shows a plan's findings the same way: what was found and why it matters, no fix.

>>> from akskit.exercises import check
>>> print(check("6.1", "kubenet"))  # doctest: +ELLIPSIS
Not yet: Pool 'win' runs Windows, which kubenet does not support. kubenet has no Windows support...
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
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
from akskit.engine.cidr_checks import free_range
from akskit.engine.errors import AksKitError
from akskit.engine.explain import Explanation, explanations
from akskit.engine.findings import Severity
from akskit.engine.model_names import model_and_dataplane
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec
from akskit.engine.surge import parse_surge
from akskit.engine.tables import Table
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix

__all__ = ["EXERCISES", "PREDICTIONS", "diagnosis"]

#: The network team's budget for exercise 6.1: one /24 of the VNet, nodes and pods together.
BUDGET_PREFIX = 24
#: The reference design's ranges that an exercise holds fixed while it checks your choice.
NODE_SUBNET = "10.224.0.0/24"
POD_CIDR = str(facts.DEFAULT_POD_CIDR)

_MODEL_CODES = frozenset(
    {"kubenet-windows", "cilium-windows", "windows-unconfirmed", "cilium-unsupported-model", "kubenet-node-limit"}
)


def _guarded(checker: Callable[[Any], Feedback]) -> Callable[[Any], Feedback]:
    """Turn the library's errors (a bad CIDR, a missing scenario file) into feedback, never a traceback."""

    def run(answer: Any) -> Feedback:
        try:
            return checker(answer)
        except AksKitError as exc:
            return Feedback(False, f"{exc}.")

    run.__doc__ = checker.__doc__
    return run


def _problems(p: Plan, keep: Callable[[Explanation], bool]) -> list[Explanation]:
    """The error and warning findings of ``p`` that ``keep`` says concern the learner's choice."""
    return [e for e in explanations(p) if e.severity is not Severity.INFO and keep(e)]


def _say(problems: Iterable[Explanation], scenario: Scenario) -> str:
    """What is wrong and why: each finding's observation, then its meaning once per kind; never the fix."""
    by_code: dict[str, list[Explanation]] = {}
    for e in problems:
        by_code.setdefault(e.code, []).append(e)
    parts = []
    for group in by_code.values():
        # the rule after the first ": " is the same within a kind: say it once, after the last observation
        seen = [e.found.split(": ", 1)[0] for e in group[:-1]] + [group[-1].found]
        found = "; ".join(_name_peers(text, scenario) for text in seen)
        parts.append(f"{found[0].upper()}{found[1:]}. {group[0].meaning}")
    return " ".join(parts)


def _name_peers(text: str, scenario: Scenario) -> str:
    for peer in scenario.peers:
        text = text.replace(f"peered range {peer.cidr}", f"peered range {peer.cidr} ({peer.name})")
    return text


def _mentions(*roles: str) -> Callable[[Explanation], bool]:
    return lambda e: any(role in e.found for role in roles)


def diagnosis(p: Plan, *codes: str) -> Table:
    """``p``'s findings as the checkers say them: severity, what akskit found, what it means; never the fix.

    The notebook shows the first draft's findings this way above the exercises, so akskit's
    suggested values (which would answer them) stay hidden until the learner has designed.
    ``codes`` keeps only the findings whose code starts with one of them (``"service"``).

    >>> draft = plan(design(load_scenario(), model="kubenet", node_subnet="10.224.0.0/24"))
    >>> [row[1] for row in diagnosis(draft, "kubenet-windows").rows]
    ["pool 'win' runs Windows, which kubenet does not support"]
    >>> diagnosis(plan(design(load_scenario(), model="overlay", service_cidr="172.16.0.0/16"))).rows[0][1]
    'no findings'
    """
    found = [e for e in explanations(p) if not codes or e.code.startswith(codes)]
    header = ("severity", "what akskit found", "what it means")
    if not found:
        return Table(header, [("-", "no findings", "the plan passes every check akskit makes")])
    return Table(header, [(e.severity.value, e.found, e.meaning) for e in found])


# 6.1 ------------------------------------------------------------------------------------------


def _model(answer: Any) -> Feedback:
    """A model that runs the Windows pool and fits the VNet budget."""
    scenario = load_scenario()
    model, dataplane = model_and_dataplane(str(answer))
    p = plan(design(scenario, model=model, dataplane=dataplane))
    problems = _problems(p, lambda e: e.code in _MODEL_CODES)
    label = traits(model).label
    if problems:
        return Feedback(False, _say(problems, scenario))
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


# The peak, and how people miss it -------------------------------------------------------------


def _variants(scenario: Scenario) -> dict[str, ClusterSpec]:
    """The scenario as people often misread it: each variant gets one part of the peak wrong."""

    def pools(**change: Any) -> Scenario:
        return replace(scenario, pools=tuple(replace(n, pool=replace(n.pool, **change)) for n in scenario.pools))

    def rounded_down(s: Scenario) -> Scenario:
        """Each pool's percentage surge rounded down, not up (AKS rounds up: ROLLING_UPGRADE_URL)."""

        def down(n: Any) -> Any:
            size, surge = n.pool.max_count or n.pool.nodes, n.pool.max_surge
            nodes = math.floor(size * surge.value / 100) if surge.percent else surge.value
            return replace(n, pool=replace(n.pool, max_surge=parse_surge(nodes)))

        return replace(s, pools=tuple(down(n) for n in s.pools))

    def spec(s: Scenario) -> ClusterSpec:
        return design(s, model=NetworkModel.OVERLAY)

    no_surge = pools(max_surge=parse_surge(0))
    return {
        "you size the pools at today's node counts, not at their autoscaler maximums": spec(pools(max_count=None)),
        "you leave out both the upgrade surge and the growth nodes": spec(replace(no_surge, scale_out=0)),
        "you leave out the upgrade surge": spec(no_surge),
        "you leave out the growth nodes": spec(replace(scenario, scale_out=0)),
        "you leave out the private endpoints and load balancers": spec(
            replace(scenario, private_endpoints=0, internal_load_balancers=0)
        ),
        "you use a surge of one node per pool (the old default), not 33 %": spec(pools(max_surge=parse_surge(1))),
        "you round each pool's 33 % surge down (AKS rounds it up, per pool)": spec(rounded_down(scenario)),
    }


def _by_value(scenario: Scenario, value: Callable[[Plan], int | None], correct: int) -> dict[int, str]:
    """Each wrong value a misreading gives, with every misreading that gives it."""
    found: dict[int, list[str]] = {}
    for what, spec in _variants(scenario).items():
        got = value(plan(spec))
        if got is not None and got != correct:
            found.setdefault(got, []).append(what)
    return {got: ", or ".join(whats) for got, whats in found.items()}


def _peak(scenario: Scenario) -> Plan:
    return plan(design(scenario, model=NetworkModel.OVERLAY))


# 6.p1 -----------------------------------------------------------------------------------------


def _peak_addresses(answer: Any) -> Feedback:
    """The node-subnet addresses the scenario needs at its peak, with one address per node."""
    scenario = load_scenario()
    p = _peak(scenario)
    need = p.node_subnet.ips_required
    mistakes = {
        got: f"{got:,} is what you get if {what}: the peak counts all of it."
        for got, what in _by_value(scenario, lambda q: q.node_subnet.ips_required, need).items()
    }
    mistakes.setdefault(
        p.planned_nodes,
        f"{p.planned_nodes:,} is the node count at the peak: the node subnet also holds the private endpoints and "
        f"internal load balancers.",
    )
    return expect_number(
        answer,
        need,
        unit="addresses",
        why=f"{p.planned_nodes} nodes at the peak (every pool at its autoscaler maximum plus its surge, rounded "
        f"up per pool, plus {scenario.scale_out} growth), plus {scenario.extra_ips} private endpoints and load "
        f"balancers.",
        mistakes=mistakes,
    )


# 6.p2 and 6.p3 --------------------------------------------------------------------------------


def _default_service_range(answer: Any) -> Feedback:
    """What AKS's default service CIDR does in this scenario."""
    return expect_choice(
        answer,
        "c",
        why="on premises already uses 10.0.0.0/16: nodes take traffic for those machines as service traffic, "
        "and it never arrives.",
        wrong={
            "a": "service addresses are virtual, but the nodes still route them: a service range that shadows a "
            "network the cluster talks to swallows the traffic meant for it. Compare the draft's ranges with the "
            "scenario's peered ranges.",
            "b": "the VNet is 10.224.0.0/12, from 10.224.0.0 to 10.239.255.255: 10.0.0.0/16 lies outside it. "
            "Compare it with the peered ranges.",
            "d": "AKS checks the service range against the VNet's subnets (ServiceCidrOverlapExistingSubnetsCidr), "
            "but a range on premises is not a subnet of the VNet: nothing stops the cluster being created.",
        },
    )


def _windows_pool(answer: Any) -> Feedback:
    """What the Windows pool does to the draft's kubenet."""
    return expect_choice(
        answer,
        "b",
        why="kubenet has no Windows support: the Windows pool cannot join, so the model must change.",
        wrong={
            "a": "kubenet runs Linux nodes only: Microsoft's kubenet page says it does not support Windows pools.",
            "c": "route tables are kubenet's scaling limit for Linux nodes, but a Windows pool never gets that far.",
            "d": "one VNet address per pod is Azure CNI Node Subnet's cost; kubenet gives pods addresses outside "
            "the VNet, but it cannot run Windows at all.",
        },
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
        for prefix, what in _by_value(
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
    peak = _peak(scenario)
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
    placement = _problems(p, lambda e: "node subnet" in e.found and e.code != "node-subnet-too-small")
    if placement:
        return Feedback(False, _say(placement, scenario))
    return expect_prefix(subnet.prefixlen, smallest, why=why, mistakes=mistakes)


# 6.3 ------------------------------------------------------------------------------------------


def _pod_cidr(answer: Any) -> Feedback:
    """The smallest overlay pod CIDR that holds the peak, placed where it collides with nothing."""
    scenario = load_scenario()
    peak = _peak(scenario)
    assert peak.pod_cidr is not None  # overlay always plans a pod CIDR
    blocks = peak.pod_cidr.blocks_required
    smallest = largest_pod_cidr_prefix(blocks)
    mistakes = {
        prefix: f"a /{prefix} holds {2 ** (24 - prefix):,} per-node /24 blocks: the answer if {what}; the peak "
        f"includes all of it."
        for prefix, what in _by_value(
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
    placing = [e for e in _problems(p, _mentions("pod CIDR")) if e.code != "pod-cidr-too-small"]
    if placing:
        return Feedback(False, _say(placing, scenario))
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
    problems = _problems(p, _mentions("service CIDR", "DNS service IP"))
    if problems:
        return Feedback(False, _say(problems, scenario))
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
    problems = _problems(p, lambda e: True)
    if problems:
        return Feedback(False, _say(problems, scenario))
    return Feedback(
        True,
        f"{traits(model).label} with these ranges passes every check at the peak: {p.node_subnet.ips_required} of "
        f"{p.node_subnet.usable_ips} node-subnet addresses in use. Open the solution for one reference design, "
        f"then print the az commands for yours.",
    )


PREDICTIONS: tuple[Exercise, ...] = (
    Exercise(
        "6.p1",
        "How many node-subnet addresses does the scenario need at its peak, with one address per node?",
        _guarded(_peak_addresses),
    ),
    Exercise("6.p2", "What does AKS's default service CIDR do in this scenario?", _default_service_range),
    Exercise("6.p3", "What does the Windows pool do to the draft's kubenet?", _windows_pool),
)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "6.1",
        "Which network model runs the scenario's Windows pool and fits a VNet budget of one /24?",
        _guarded(_model),
        # the VNet cost of the models that miss the budget (say it above 6.1 and the choice is made for you)
        spoilers=("3,642", "4,754"),
    ),
    Exercise(
        "6.2", "The smallest node-subnet prefix that holds the scenario's peak with overlay?", _guarded(_node_prefix)
    ),
    Exercise(
        "6.3",
        "The smallest overlay pod CIDR that holds the peak, placed where it collides with nothing?",
        _guarded(_pod_cidr),
    ),
    Exercise(
        "6.4",
        "A service CIDR and DNS service IP that collide with nothing?",
        _guarded(_service_range),
        # akskit's own fix for the draft and the reference design's pair: either above 6.4 answers it
        spoilers=("10.1.0.0/16", "10.1.0.10", "172.16.0.0/16", "172.16.0.10"),
    ),
    Exercise(
        "6.5",
        "Your whole design (model, node subnet, pod CIDR, service CIDR, DNS service IP): does it pass?",
        _guarded(_whole_design),
        # its parts are the answers above it; the reference design as one answer is what must stay below
        spoilers=('("overlay", "10.224.0.0/24", "10.244.0.0/16", "172.16.0.0/16", "172.16.0.10")',),
    ),
)
