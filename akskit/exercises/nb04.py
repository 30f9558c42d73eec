"""Exercises for notebook 04 (Azure CNI Node Subnet). Expected answers come from the planner.

Known slips (the node's own IP, the surge nodes, Azure's 5 reserved addresses) are
recomputed from the same plan with that term left out, so each wrong value a slip
produces gets its own explanation. When two slips give the same wrong value, the
explanation names each.

>>> from akskit.exercises.nb04 import EXERCISES
>>> [e.id for e in EXERCISES]
['4.1', '4.2', '4.3', '4.4', '4.5']
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from typing import Any

from akskit.course.traffic import source_ip
from akskit.engine import facts
from akskit.engine.cidr import smallest_subnet_prefix
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import cluster, pool
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix

_OWN_IP = "each node also takes its own IP from the node subnet, on top of one IP per pod slot"
_SURGE = "an upgrade adds the max-surge nodes, and each of them takes a full share of IPs too"
_RESERVED = (
    f"Azure keeps {facts.AZURE_RESERVED_IPS} addresses of every subnet (network, gateway, two for DNS, "
    f"broadcast), so a subnet holds fewer usable addresses than its size"
)


def _plan(nodes: int, max_pods: int, surge: int | str, node_subnet: str | None = None) -> Plan:
    return plan(
        cluster("azure-cni", [pool("system", nodes, max_pods=max_pods, max_surge=surge)], node_subnet=node_subnet)
    )


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


# 4.1: node-subnet IPs for N nodes x M max pods with surge S ----------------------------
NODES_41, MAX_PODS_41, SURGE_41 = 20, 40, 2


def _node_subnet_ips(answer: Any) -> Feedback:
    p = _plan(NODES_41, MAX_PODS_41, SURGE_41)
    need, planned = p.node_subnet.ips_required, p.planned_nodes
    no_surge = _plan(NODES_41, MAX_PODS_41, 0)
    return expect_number(
        answer,
        need,
        unit="IPs",
        why=f"{planned} nodes with surge, each taking its own IP plus {MAX_PODS_41} pod IPs up front.",
        mistakes=_slips(
            need,
            [
                (need - planned, f"{_OWN_IP} (max pods + 1 per node)"),
                (no_surge.node_subnet.ips_required, _SURGE),
                (
                    no_surge.node_subnet.ips_required - NODES_41,
                    "nodes times max pods leaves out two terms: each node's own IP, and the max-surge nodes an "
                    "upgrade adds",
                ),
                (
                    need + facts.AZURE_RESERVED_IPS,
                    "the question asks what the cluster takes; Azure's reserved addresses count only when you "
                    "turn that into a subnet size (exercise 4.2)",
                ),
            ],
        ),
    )


# 4.2: the smallest prefix for a plan ----------------------------------------------------
NODES_42, MAX_PODS_42, SURGE_42 = 32, 30, 1


def _smallest_prefix(answer: Any) -> Feedback:
    p = _plan(NODES_42, MAX_PODS_42, SURGE_42)
    need = p.node_subnet.ips_required
    correct = p.node_subnet.smallest_prefix or 0
    without_reserved = 32 - (need - 1).bit_length()  # the smallest prefix with 2^(32-p) >= need
    no_own_ip = smallest_subnet_prefix(need - p.planned_nodes)
    no_surge = _plan(NODES_42, MAX_PODS_42, 0).node_subnet.smallest_prefix
    return expect_prefix(
        answer,
        correct,
        why=f"the plan takes {need:,} IPs and the prefix must hold that many usable addresses after Azure's "
        f"{facts.AZURE_RESERVED_IPS} reserved ones.",
        mistakes=_slips(
            correct,
            [
                (without_reserved, _RESERVED),
                (no_own_ip, _OWN_IP),
                (no_surge, _SURGE),
            ],
        ),
    )


# 4.3: how many nodes fit a /23 at 50 max pods with surge 1 ------------------------------
SUBNET_43, MAX_PODS_43, SURGE_43 = "10.224.0.0/23", 50, 1


def _nodes_in_slash_23(answer: Any) -> Feedback:
    p = _plan(0, MAX_PODS_43, SURGE_43, node_subnet=SUBNET_43)
    correct = p.node_subnet.max_nodes or 0
    room = p.node_subnet.usable_ips or 0
    size = room + facts.AZURE_RESERVED_IPS
    slips: list[tuple[int | None, str]] = []  # every combination of left-out terms: (surge, own IP, reserved)
    for no_surge, no_own, no_reserved in product((False, True), repeat=3):
        value = (size if no_reserved else room) // (MAX_PODS_43 + (0 if no_own else 1)) - (0 if no_surge else SURGE_43)
        for left_out, reason in ((no_surge, _SURGE), (no_own, _OWN_IP), (no_reserved, _RESERVED)):
            if left_out:
                slips.append((value, reason))
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"{room} usable addresses, and every node, the surge node included, takes {MAX_PODS_43} + 1.",
        mistakes=_slips(correct, slips),
    )


# 4.4: which source address a peered VNet sees -------------------------------------------
_CHOICES_44 = {
    "a": source_ip("azure-cni", "vnet").seen,
    "b": source_ip("azure-cni", "peered").seen,
    "c": source_ip("azure-cni", "internet").seen,
}


def _source_seen(answer: Any) -> Feedback:
    seen = source_ip("azure-cni", "peered")
    correct = next(letter for letter, text in _CHOICES_44.items() if text == seen.seen)
    return expect_choice(
        answer,
        correct,
        why=f"{seen.why}. Inside the cluster's own VNet the pod IP shows; outside it, it does not.",
        wrong={
            "a": "that holds only inside the cluster's own VNet, and a peered VNet is a different one. "
            "Reread section 6.",
            "c": "the outbound type's public IP appears for traffic to the internet, not to a peered VNet.",
        },
    )


# 4.5: an honest disadvantage -------------------------------------------------------------
def _disadvantage(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="each node reserves max pods + 1 node-subnet IPs up front, so a subnet runs out long before the pods "
        "do. The other three are real advantages.",
        wrong={
            "a": "that is an advantage: pod IPs are VNet addresses, so connected networks reach pods directly "
            "(both ways, in Microsoft's feature table).",
            "c": "that is an advantage over kubenet: the VNet routes pod addresses itself, with no route table "
            "and no extra hop.",
            "d": "that is an advantage over kubenet, which never supported Windows node pools.",
        },
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "4.1",
        f"Azure CNI Node Subnet, {NODES_41} nodes, max pods {MAX_PODS_41}, max surge {SURGE_41}: "
        "how many node-subnet IPs does the pool take?",
        _node_subnet_ips,
    ),
    Exercise(
        "4.2",
        f"Azure CNI Node Subnet, {NODES_42} nodes, max pods {MAX_PODS_42}, max surge {SURGE_42}: "
        "the smallest node-subnet prefix?",
        _smallest_prefix,
    ),
    Exercise(
        "4.3",
        f"How many nodes fit the node subnet {SUBNET_43} at max pods {MAX_PODS_43} with max surge {SURGE_43}?",
        _nodes_in_slash_23,
    ),
    Exercise(
        "4.4",
        "An Azure CNI Node Subnet pod calls a VM in a peered VNet. Which source does the VM see? "
        "a) the pod IP, b) the node IP, c) the outbound public IP",
        _source_seen,
    ),
    Exercise(
        "4.5",
        "Which is a disadvantage of Azure CNI Node Subnet? a) connected networks reach pods directly, "
        "b) each node reserves max pods + 1 IPs up front, c) no route table, d) Windows node pools",
        _disadvantage,
    ),
)
