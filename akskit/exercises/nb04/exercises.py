"""Exercises 4.1-4.5 of notebook 04 (Azure CNI Node Subnet): no answer is on the screen above them."""

from __future__ import annotations

import math
from typing import Any

from akskit.engine import facts
from akskit.engine.cidr import smallest_subnet_prefix
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix
from akskit.exercises.nb04._slips import (
    DEFAULT_SURGE,
    LEGACY_SURGE,
    OWN_IP,
    RESERVED,
    ROUND_DOWN,
    SURGE,
    mistakes_from_slips,
    most_nodes,
    node_subnet_plan,
    surge_rounded_down,
)

__all__ = ["EXERCISES"]

# 4.1: node-subnet IPs with the default surge (10 %, rounded up) --------------------------
NODES_41, MAX_PODS_41 = 24, 40


def _node_subnet_ips(answer: Any) -> Feedback:
    p = node_subnet_plan(NODES_41, MAX_PODS_41, DEFAULT_SURGE)
    need, planned = p.node_subnet.ips_required, p.planned_nodes
    per_node = MAX_PODS_41 + 1
    return expect_number(
        answer,
        need,
        unit="IPs",
        why=f"10 % of {NODES_41} rounded up is {planned - NODES_41} surge nodes, and each of the {planned} nodes "
        f"takes its own IP plus {MAX_PODS_41} pod IPs up front.",
        mistakes=mistakes_from_slips(
            need,
            [
                (need - planned, f"{OWN_IP} (max pods + 1 per node)"),
                (NODES_41 * per_node, SURGE),
                ((NODES_41 + facts.LEGACY_MAX_SURGE_NODES) * per_node, LEGACY_SURGE),
                ((NODES_41 + surge_rounded_down(NODES_41)) * per_node, ROUND_DOWN),
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
    p = node_subnet_plan(NODES_42, MAX_PODS_42, DEFAULT_SURGE)
    need, planned = p.node_subnet.ips_required, p.planned_nodes
    correct = p.node_subnet.smallest_prefix or 0
    per_node = MAX_PODS_42 + 1
    without_reserved = 32 - (need - 1).bit_length()  # the smallest prefix with 2^(32-p) >= need
    mistakes = mistakes_from_slips(
        correct,
        [
            (without_reserved, RESERVED),
            (smallest_subnet_prefix(need - planned), OWN_IP),
            (smallest_subnet_prefix(NODES_42 * per_node), SURGE),
            (smallest_subnet_prefix((NODES_42 + facts.LEGACY_MAX_SURGE_NODES) * per_node), LEGACY_SURGE),
            (smallest_subnet_prefix((NODES_42 + surge_rounded_down(NODES_42)) * per_node), ROUND_DOWN),
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
    correct = most_nodes("azure-cni", MAX_PODS_43, DEFAULT_SURGE, SUBNET_43)
    usable = node_subnet_plan(0, MAX_PODS_43, 0, SUBNET_43).node_subnet.usable_ips or 0
    room = usable // (MAX_PODS_43 + 1)  # nodes at once, surge included
    surge_of_next = math.ceil((correct + 1) * facts.DEFAULT_MAX_SURGE_PERCENT / 100)
    slips = [
        (room, SURGE),
        (room - facts.LEGACY_MAX_SURGE_NODES, LEGACY_SURGE),
        ((usable + facts.AZURE_RESERVED_IPS) // (MAX_PODS_43 + 1) - facts.LEGACY_MAX_SURGE_NODES, LEGACY_SURGE),
        (usable // MAX_PODS_43, f"{OWN_IP}; and {SURGE}"),
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
        mistakes=mistakes_from_slips(correct, slips),
    )


# 4.4: diagnosis: the upgrade fails on a subnet that runs fine ------------------------------
SUBNET_44, MAX_PODS_44, NODES_44 = "10.224.0.0/23", 50, 9


def _upgrade_fails(answer: Any) -> Feedback:
    p = node_subnet_plan(NODES_44, MAX_PODS_44, 1, SUBNET_44)
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
