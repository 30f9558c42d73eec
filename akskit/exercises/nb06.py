"""Exercises for notebook 06 (the capstone): your design choices, checked by the planner's own checks.

Each checker builds your choice into the capstone scenario (``akskit/course/data/capstone.toml``),
plans it with :func:`akskit.plan`, and reports the findings that concern your
choice in plain words, without the fix akskit would suggest (that would be the answer).

>>> from akskit.exercises import check
>>> print(check("6.1", "kubenet"))  # doctest: +ELLIPSIS
Not yet: Pool 'win' runs Windows, which kubenet does not support. kubenet has no Windows support...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from ipaddress import IPv4Network
from typing import Any

from akskit.course.scenario import Scenario, design, load_scenario
from akskit.engine import facts
from akskit.engine.cidr import parse_address, parse_network, smallest_subnet_prefix, usable_ips
from akskit.engine.cidr_checks import free_range
from akskit.engine.errors import AksKitError, quote
from akskit.engine.explain import Explanation, explanations
from akskit.engine.findings import Severity
from akskit.engine.model_names import model_and_dataplane
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec
from akskit.engine.surge import parse_surge
from akskit.exercises._core import Exercise, Feedback

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


# 6.2 ------------------------------------------------------------------------------------------


def _node_subnet_from(answer: Any, vnet: IPv4Network) -> IPv4Network | str:
    """A node subnet from ``25``, ``"/25"`` or ``"10.224.0.0/25"``; a string is a reason to refuse it."""
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    text = str(answer).strip()
    match = re.fullmatch(r"/?([0-9]{1,2})", text, re.ASCII)
    if not match:
        return parse_network(text, "node subnet")
    prefix = whole_number(match.group(1), "prefix length")
    if not 0 <= prefix <= 32:
        return f"expected a prefix length such as /24 (got {quote(answer)})."
    if prefix < vnet.prefixlen:
        return f"a /{prefix} is larger than the whole VNet ({vnet}): the node subnet is carved out of the VNet."
    return IPv4Network((vnet.network_address, prefix))


def _variants(scenario: Scenario) -> dict[str, ClusterSpec]:
    """The scenario as people often misread it: each variant forgets one part of the peak."""

    def pools(**change: Any) -> Scenario:
        return replace(scenario, pools=tuple(replace(n, pool=replace(n.pool, **change)) for n in scenario.pools))

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
    }


def _node_prefix(answer: Any) -> Feedback:
    """The smallest node subnet that holds the scenario's peak with overlay."""
    scenario = load_scenario()
    subnet = _node_subnet_from(answer, scenario.vnet)
    if isinstance(subnet, str):
        return Feedback(False, subnet)
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
    need, room = p.node_subnet.ips_required, usable_ips(subnet)
    smallest = smallest_subnet_prefix(need)
    if not p.node_subnet.fits:
        missed = [
            what
            for what, spec in _variants(scenario).items()
            if smallest_subnet_prefix(plan(spec).node_subnet.ips_required) == subnet.prefixlen
        ]
        hint = (
            f"A /{subnet.prefixlen} is what you get if {', or if '.join(missed)}: the peak includes all of it."
            if missed
            else "Count one address per node for every pool at its autoscaler maximum, plus each pool's upgrade "
            "surge (a percentage rounded up, per pool), plus the growth nodes, plus the private endpoints and "
            "internal load balancers."
        )
        return Feedback(
            False,
            f"a /{subnet.prefixlen} has {room:,} usable addresses ({subnet.num_addresses:,} minus Azure's "
            f"{facts.AZURE_RESERVED_IPS}): too few for the scenario's peak. {hint}",
        )
    if smallest is not None and subnet.prefixlen < smallest:
        return Feedback(
            False,
            f"a /{subnet.prefixlen} ({room:,} usable addresses) holds the peak, but it is not the smallest "
            f"subnet that does: try a longer prefix.",
        )
    return Feedback(
        True,
        f"at the peak the cluster needs {need} node-subnet addresses ({p.planned_nodes} nodes: every pool at its "
        f"autoscaler maximum plus surge, plus {scenario.scale_out} growth; then {scenario.extra_ips} private "
        f"endpoints and load balancers). A /{subnet.prefixlen} has {room} usable; a /{subnet.prefixlen + 1} "
        f"has {usable_ips(subnet.prefixlen + 1)}.",
    )


# 6.3 ------------------------------------------------------------------------------------------


def _pod_cidr(answer: Any) -> Feedback:
    """An overlay pod CIDR that holds the peak and collides with nothing."""
    scenario = load_scenario()
    cidr = parse_network(str(answer), "pod CIDR")
    others = [scenario.vnet, *(x.cidr for x in scenario.peers), cidr]
    spec = design(
        scenario,
        model=NetworkModel.OVERLAY,
        node_subnet=NODE_SUBNET,
        pod_cidr=cidr,
        service_cidr=free_range(16, others),
    )
    p = plan(spec)
    assert p.pod_cidr is not None  # overlay always plans a pod CIDR
    problems = _problems(p, _mentions("pod CIDR"))
    sizing = [e for e in problems if e.code == "pod-cidr-too-small"]
    placing = [e for e in problems if e.code != "pod-cidr-too-small"]
    parts = [_say(placing, scenario)] if placing else []
    if sizing:
        parts.append(
            f"{cidr} holds {p.pod_cidr.blocks_available:,} per-node /24 blocks: too few for the scenario's peak "
            f"(every pool at its autoscaler maximum, plus surge, plus growth). {sizing[0].meaning}"
        )
    if parts:
        return Feedback(False, " ".join(parts))
    return Feedback(
        True,
        f"{cidr} holds {p.pod_cidr.blocks_available:,} per-node /24s for the {p.pod_cidr.blocks_required} nodes "
        f"at the peak, and overlaps none of the VNet, the peered ranges or AKS's reserved ranges. With a Windows "
        f"pool the overlay pod CIDR can't be expanded later, so generous is good.",
    )


# 6.4 ------------------------------------------------------------------------------------------


def _service_range(answer: Any) -> Feedback:
    """A service CIDR (and DNS service IP) that collides with nothing."""
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
    dns_note = "" if dns is not None else f" (akskit took the .10 address, {p.services.dns_service_ip}, for DNS)"
    return Feedback(
        True,
        f"{cidr} ({cidr.num_addresses:,} service addresses) collides with none of the VNet, the peered ranges, "
        f"the pod CIDR or AKS's reserved ranges, and the DNS service IP sits inside it{dns_note}.",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "6.1",
        "Which network model runs the scenario's Windows pool and fits a VNet budget of one /24?",
        _guarded(_model),
    ),
    Exercise(
        "6.2", "The smallest node-subnet prefix that holds the scenario's peak with overlay?", _guarded(_node_prefix)
    ),
    Exercise("6.3", "An overlay pod CIDR that holds the peak and collides with nothing?", _guarded(_pod_cidr)),
    Exercise("6.4", "A service CIDR (and DNS service IP) that collides with nothing?", _guarded(_service_range)),
)
