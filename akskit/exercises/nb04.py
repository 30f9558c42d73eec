"""Exercises and predictions for notebook 04 (Azure CNI Node Subnet). Expected answers come from the planner.

Known slips (the node's own IP, the surge nodes, the legacy surge of 1, Azure's 5 reserved
addresses, an IP count where a prefix was asked) are recomputed from the same plan with
that term changed, so each wrong value a slip produces gets its own explanation. When two
slips give the same wrong value, the explanation names each. No exercise's answer is on the
screen above it: each uses numbers the notebook never shows, or asks why.

>>> from akskit.exercises.nb04 import EXERCISES, PREDICTIONS
>>> [e.id for e in EXERCISES], [p.id for p in PREDICTIONS]
(['4.1', '4.2', '4.3', '4.4', '4.5'], ['4.p1', '4.p2', '4.p3', '4.p4'])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import product
from typing import Any

from akskit.engine import facts
from akskit.engine.cidr import smallest_subnet_prefix
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan, reverse
from akskit.engine.results import Plan
from akskit.engine.spec import cluster, pool
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix

_OWN_IP = "each node also takes its own IP from the node subnet, on top of one IP per pod slot"
_SURGE = "an upgrade adds the max-surge nodes, and each of them takes a full share of IPs too"
_LEGACY = "a max surge of 1 node is the old default; left unset, max surge is 10 % of the pool, rounded up (section 4)"
_ROUND_DOWN = "10 % of the pool is rounded up, not down: a fraction of a node is a whole surge node"
_RESERVED = (
    f"Azure keeps {facts.AZURE_RESERVED_IPS} addresses of every subnet (network, gateway, two for DNS, "
    f"broadcast), so a subnet holds fewer usable addresses than its size"
)
_DEFAULT_SURGE = f"{facts.DEFAULT_MAX_SURGE_PERCENT}%"


def _plan(nodes: int, max_pods: int, surge: int | str, node_subnet: str | None = None) -> Plan:
    return plan(
        cluster("azure-cni", [pool("system", nodes, max_pods=max_pods, max_surge=surge)], node_subnet=node_subnet)
    )


def _fit(model: str, max_pods: int, surge: int | str, node_subnet: str) -> int:
    """The most nodes one pool can have on ``node_subnet`` (``akskit.reverse``)."""
    spec = cluster(model, [pool("system", 0, max_pods=max_pods, max_surge=surge)], node_subnet=node_subnet)
    return reverse(spec).pools[0].nodes


def _rounded_down(nodes: int) -> int:
    """The surge nodes of the default 10 % if a learner rounds down."""
    return nodes * facts.DEFAULT_MAX_SURGE_PERCENT // 100


def _slips(correct: int, candidates: Sequence[tuple[int | None, str]]) -> dict[int, str]:
    """Wrong values and why: slips that land on the same value share one explanation naming each."""
    reasons: dict[int, list[str]] = {}
    for value, reason in candidates:
        if value is not None and value != correct and reason not in reasons.get(value, []):
            reasons.setdefault(value, []).append(reason)
    return {
        value: (why[0] if len(why) == 1 else "one or more terms are missing; check each of these: " + "; ".join(why))
        + "."
        for value, why in reasons.items()
    }


def _nodes_fitting(usable: int, size: int, max_pods: int, surge: int) -> list[tuple[int | None, str]]:
    """Every combination of left-out terms (surge, own IP, reserved) in 'how many nodes fit', with its reasons."""
    slips: list[tuple[int | None, str]] = []
    for no_surge, no_own, no_reserved in product((False, True), repeat=3):
        value = (size if no_reserved else usable) // (max_pods + (0 if no_own else 1)) - (0 if no_surge else surge)
        for left_out, reason in ((no_surge, _SURGE), (no_own, _OWN_IP), (no_reserved, _RESERVED)):
            if left_out:
                slips.append((value, reason))
    return slips


# Predictions ---------------------------------------------------------------------------
# 4.p1: what 3 fresh nodes at the default 30 max pods take, no surge, no pods yet.
NODES_P1, MAX_PODS_P1 = 3, traits(NetworkModel.AZURE_CNI).default_max_pods


def _reservation(answer: Any) -> Feedback:
    p = _plan(NODES_P1, MAX_PODS_P1, 0)
    need = p.node_subnet.ips_required
    return expect_number(
        answer,
        need,
        unit="IPs",
        why=f"each node reserves its {MAX_PODS_P1} pod addresses the moment it joins, plus its own: "
        f"running pods or not.",
        mistakes=_slips(
            need,
            [
                (NODES_P1, "that is kubenet's cost, one address per node; here every pod slot is a VNet address too"),
                (0, "the addresses are reserved up front, when the node joins, not when pods start"),
                (need - NODES_P1, _OWN_IP),
                (
                    need + facts.AZURE_RESERVED_IPS,
                    "the question asks what the pool takes; Azure's 5 reserved "
                    "addresses are the subnet's, not the pool's",
                ),
            ],
        ),
    )


# 4.p2: how many nodes a /24 holds at 30 max pods, no surge.
SUBNET_P2, MAX_PODS_P2 = "10.224.0.0/24", 30


def _slash_24(answer: Any) -> Feedback:
    correct = _fit("azure-cni", MAX_PODS_P2, 0, SUBNET_P2)
    usable = _plan(0, MAX_PODS_P2, 0, SUBNET_P2).node_subnet.usable_ips or 0
    slips = _nodes_fitting(usable, usable + facts.AZURE_RESERVED_IPS, MAX_PODS_P2, 0)
    slips += [
        (usable, "that counts one address per node, as kubenet does; here each node takes max pods + 1"),
        (
            usable + facts.AZURE_RESERVED_IPS,
            "that counts one address per node, as kubenet does, and forgets Azure's 5 reserved",
        ),
        (correct + 1, "rounded up: the last node must fit whole, so round the division down"),
        (correct - 1, "no surge in this question: count only the nodes themselves"),
        (correct * MAX_PODS_P2, "that is the pod count; the question asks for nodes"),
    ]
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"{usable} usable addresses, {MAX_PODS_P2} + 1 per node.",
        mistakes=_slips(correct, slips),
    )


# 4.p3: the surge cliff of Microsoft's 50-node example on its /21.
SUBNET_P3, MAX_PODS_P3, SURGE_P3 = "10.224.0.0/21", 30, 1


def _cliff(answer: Any) -> Feedback:
    correct = _fit("azure-cni", MAX_PODS_P3, SURGE_P3, SUBNET_P3)
    usable = _plan(0, MAX_PODS_P3, SURGE_P3, SUBNET_P3).node_subnet.usable_ips or 0
    slips = _nodes_fitting(usable, usable + facts.AZURE_RESERVED_IPS, MAX_PODS_P3, SURGE_P3)
    slips.append((correct - 1, "off by one: check the next node count; its pool plus the surge node still fits"))
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"(n + {SURGE_P3}) x {MAX_PODS_P3 + 1} must stay within {usable:,} usable addresses.",
        mistakes=_slips(correct, slips),
    )


# 4.p4: kubenet on one /22 at 30 max pods, no surge, the default pod CIDR.
SUBNET_P4, MAX_PODS_P4 = "10.224.0.0/22", 30


def _kubenet_on_slash_22(answer: Any) -> Feedback:
    correct = _fit("kubenet", MAX_PODS_P4, 0, SUBNET_P4)
    usable = _plan(0, MAX_PODS_P4, 0, SUBNET_P4).node_subnet.usable_ips or 0
    blocks = 2 ** (facts.POD_CIDR_BLOCK_PREFIX - facts.DEFAULT_POD_CIDR.prefixlen)
    slips = [
        (usable, "each kubenet node takes one node-subnet address, but the node subnet is not kubenet's only limit"),
        (
            usable + facts.AZURE_RESERVED_IPS,
            "that is the subnet's size; and the node subnet is not kubenet's only limit",
        ),
        (
            facts.ROUTE_TABLE_LIMIT,
            "the route table stops kubenet at 400 nodes, but another of its ranges runs out "
            "first: what does each node take from the pod CIDR?",
        ),
        (
            _fit("azure-cni", MAX_PODS_P4, 0, SUBNET_P4),
            "that is Azure CNI's count; a kubenet node takes one node-subnet address, not max pods + 1",
        ),
    ]
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"the node subnet and the 400-route table would allow more, but the default pod CIDR "
        f"{facts.DEFAULT_POD_CIDR} holds {blocks} per-node /{facts.POD_CIDR_BLOCK_PREFIX} blocks (notebook 03).",
        mistakes=_slips(correct, slips),
    )


# Exercises -----------------------------------------------------------------------------
# 4.1: node-subnet IPs with the default surge (10 %, rounded up) --------------------------
NODES_41, MAX_PODS_41 = 24, 40


def _node_subnet_ips(answer: Any) -> Feedback:
    p = _plan(NODES_41, MAX_PODS_41, _DEFAULT_SURGE)
    need, planned = p.node_subnet.ips_required, p.planned_nodes
    per_node = MAX_PODS_41 + 1
    return expect_number(
        answer,
        need,
        unit="IPs",
        why=f"10 % of {NODES_41} rounded up is {planned - NODES_41} surge nodes, and each of the {planned} nodes "
        f"takes its own IP plus {MAX_PODS_41} pod IPs up front.",
        mistakes=_slips(
            need,
            [
                (need - planned, f"{_OWN_IP} (max pods + 1 per node)"),
                (NODES_41 * per_node, _SURGE),
                ((NODES_41 + facts.LEGACY_MAX_SURGE_NODES) * per_node, _LEGACY),
                ((NODES_41 + _rounded_down(NODES_41)) * per_node, _ROUND_DOWN),
                (
                    NODES_41 * MAX_PODS_41,
                    "nodes times max pods leaves out two terms: each node's own IP, and the "
                    "max-surge nodes an upgrade adds",
                ),
                (
                    need + facts.AZURE_RESERVED_IPS,
                    "the question asks what the pool takes; Azure's reserved "
                    "addresses count only when you turn that into a subnet size (exercise 4.2)",
                ),
            ],
        ),
    )


# 4.2: the smallest prefix for a plan with the default surge -------------------------------
NODES_42, MAX_PODS_42 = 19, 200


def _smallest_prefix(answer: Any) -> Feedback:
    p = _plan(NODES_42, MAX_PODS_42, _DEFAULT_SURGE)
    need, planned = p.node_subnet.ips_required, p.planned_nodes
    correct = p.node_subnet.smallest_prefix or 0
    per_node = MAX_PODS_42 + 1
    without_reserved = 32 - (need - 1).bit_length()  # the smallest prefix with 2^(32-p) >= need
    mistakes = _slips(
        correct,
        [
            (without_reserved, _RESERVED),
            (smallest_subnet_prefix(need - planned), _OWN_IP),
            (smallest_subnet_prefix(NODES_42 * per_node), _SURGE),
            (smallest_subnet_prefix((NODES_42 + facts.LEGACY_MAX_SURGE_NODES) * per_node), _LEGACY),
            (smallest_subnet_prefix((NODES_42 + _rounded_down(NODES_42)) * per_node), _ROUND_DOWN),
        ],
    )
    mistakes[need] = "that is the number of IPs the pool takes; the question asks for the prefix that holds them"
    mistakes.setdefault(
        32 - correct,
        "that looks like the number of host bits (32 minus the prefix); answer with the prefix itself, such as /24",
    )
    return expect_prefix(
        answer,
        correct,
        why=f"{planned} nodes with surge x {per_node} = {need:,} IPs, and the prefix must hold that many usable "
        f"addresses after Azure's {facts.AZURE_RESERVED_IPS} reserved ones.",
        mistakes=mistakes,
    )


# 4.3: how many nodes fit a /19 at the 250 maximum, default surge ----------------------------
SUBNET_43, MAX_PODS_43 = "10.224.0.0/19", facts.MAX_PODS_HIGHEST


def _nodes_at_the_maximum(answer: Any) -> Feedback:
    correct = _fit("azure-cni", MAX_PODS_43, _DEFAULT_SURGE, SUBNET_43)
    usable = _plan(0, MAX_PODS_43, 0, SUBNET_43).node_subnet.usable_ips or 0
    room = usable // (MAX_PODS_43 + 1)  # nodes at once, surge included
    surge_of_next = math.ceil((correct + 1) * facts.DEFAULT_MAX_SURGE_PERCENT / 100)
    slips = [
        (room, _SURGE),
        (room - facts.LEGACY_MAX_SURGE_NODES, _LEGACY),
        ((usable + facts.AZURE_RESERVED_IPS) // (MAX_PODS_43 + 1) - facts.LEGACY_MAX_SURGE_NODES, _LEGACY),
        (usable // MAX_PODS_43, f"{_OWN_IP}; and {_SURGE}"),
        (
            correct + 1,
            f"off by one at the boundary: try that pool size with its own surge (10 % rounded up is "
            f"{surge_of_next}): do all those nodes fit?",
        ),
    ]
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"{usable:,} usable addresses hold {room} nodes of {MAX_PODS_43} + 1, and that room must cover the pool "
        f"plus its 10 % surge, rounded up.",
        mistakes=_slips(correct, slips),
    )


# 4.4: diagnosis: the upgrade fails on a subnet that runs fine ------------------------------
SUBNET_44, MAX_PODS_44, NODES_44 = "10.224.0.0/23", 50, 9


def _upgrade_fails(answer: Any) -> Feedback:
    p = _plan(NODES_44, MAX_PODS_44, 1, SUBNET_44)
    free = (p.node_subnet.usable_ips or 0) - NODES_44 * (MAX_PODS_44 + 1)
    return expect_choice(
        answer,
        "c",
        why=f"the {NODES_44} nodes hold {NODES_44} x {MAX_PODS_44 + 1} addresses whatever runs on them, which leaves "
        f"{free}; the surge node needs {MAX_PODS_44 + 1} before any old node is drained. Fix: a bigger subnet, a "
        "new pool in a new subnet, or fewer nodes.",
        wrong={
            "a": "the reservation is per node, not per running pod: the same addresses are held at 3 pods or 50. "
            "What does the upgrade add before it drains anything?",
            "b": f"an upgrade keeps the pool's max pods. Count what is free after the {NODES_44} nodes' reservations.",
            "d": "Azure CNI Node Subnet uses no route table: the VNet routes pod addresses itself. The 400-route "
            "limit is kubenet's.",
        },
    )


# 4.5: diagnosis: a firewall in a peered VNet ----------------------------------------------
def _firewall(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="outside the cluster's own VNet, ip-masq-agent translates the pod's source address to its node's IP, "
        "so the firewall sees node addresses; allow the nodes (or the node subnet), not one pod.",
        wrong={
            "a": "pod IPs do change when a pod is replaced, but the rule fails even while the pod keeps its IP. "
            "Which address leaves the cluster's VNet?",
            "c": "peered VNets reach Node Subnet pods directly, and pods reach them. Which source address does a "
            "destination outside the cluster's VNet see?",
            "d": "the outbound public IP appears only for traffic to the internet; a peered VNet is private "
            "address space.",
        },
    )


PREDICTIONS: tuple[Exercise, ...] = (
    Exercise(
        "4.p1",
        f"{NODES_P1} Azure CNI Node Subnet nodes at max pods {MAX_PODS_P1}, no surge, have just joined and run no "
        "pods yet: how many node-subnet IPs do they take?",
        _reservation,
    ),
    Exercise(
        "4.p2",
        f"How many Azure CNI Node Subnet nodes fit a /24 at max pods {MAX_PODS_P2}, no surge?",
        _slash_24,
        spoilers=("8 nodes",),
    ),
    Exercise(
        "4.p3",
        f"On {SUBNET_P3} at max pods {MAX_PODS_P3} with max surge {SURGE_P3}: the largest pool an upgrade still fits?",
        _cliff,
    ),
    Exercise(
        "4.p4",
        f"kubenet on the same kind of subnet, {SUBNET_P4} at max pods {MAX_PODS_P4}, no surge, default pod CIDR: "
        "how many nodes fit?",
        _kubenet_on_slash_22,
    ),
)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "4.1",
        f"Azure CNI Node Subnet, {NODES_41} nodes, max pods {MAX_PODS_41}, max surge left at the default: "
        "how many node-subnet IPs does the pool take?",
        _node_subnet_ips,
    ),
    Exercise(
        "4.2",
        f"Azure CNI Node Subnet, {NODES_42} nodes, max pods {MAX_PODS_42}, max surge left at the default: "
        "the smallest node-subnet prefix?",
        _smallest_prefix,
    ),
    Exercise(
        "4.3",
        f"At the {MAX_PODS_43} max pods maximum, how many nodes can a pool have on {SUBNET_43} with the default "
        "max surge?",
        _nodes_at_the_maximum,
    ),
    Exercise(
        "4.4",
        f"{NODES_44} nodes on {SUBNET_44} at max pods {MAX_PODS_44} run fine, but the upgrade (max surge 1) fails "
        "with InsufficientSubnetSize. Why? a) the running pods used the addresses up, b) the new version raises "
        "max pods, c) the surge node's reservation does not fit, d) the route table is full",
        _upgrade_fails,
    ),
    Exercise(
        "4.5",
        "A database VM in a peered VNet allows only the payments pod's IP, and the pod's connections are refused. "
        "Why? a) the pod's IP changed, b) the VM sees the node's IP, c) peered VNets cannot reach Node Subnet "
        "pods, d) the VM sees the outbound public IP",
        _firewall,
    ),
)
