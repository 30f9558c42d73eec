"""Predictions 4.p1-4.p4 of notebook 04 (Azure CNI Node Subnet), each revealed by akskit below it."""

from __future__ import annotations

from typing import Any

from akskit.engine import facts
from akskit.engine.models import NetworkModel, traits
from akskit.exercises._core import Exercise, Feedback, expect_number
from akskit.exercises.nb04._slips import (
    OWN_IP,
    mistakes_from_slips,
    most_nodes,
    node_subnet_plan,
    nodes_fitting_slips,
)

__all__ = ["PREDICTIONS"]

# 4.p1: what 3 fresh nodes at the default 30 max pods take, no surge, no pods yet.
NODES_P1, MAX_PODS_P1 = 3, traits(NetworkModel.AZURE_CNI).default_max_pods


def _reservation(answer: Any) -> Feedback:
    p = node_subnet_plan(NODES_P1, MAX_PODS_P1, 0)
    need = p.node_subnet.ips_required
    return expect_number(
        answer,
        need,
        unit="IPs",
        why=f"each node reserves its {MAX_PODS_P1} pod addresses the moment it joins, plus its own: "
        f"running pods or not.",
        mistakes=mistakes_from_slips(
            need,
            [
                (NODES_P1, "that is kubenet's cost, one address per node; here every pod slot is a VNet address too"),
                (0, "the addresses are reserved up front, when the node joins, not when pods start"),
                (need - NODES_P1, OWN_IP),
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
    correct = most_nodes("azure-cni", MAX_PODS_P2, 0, SUBNET_P2)
    usable = node_subnet_plan(0, MAX_PODS_P2, 0, SUBNET_P2).node_subnet.usable_ips or 0
    slips = nodes_fitting_slips(usable, usable + facts.AZURE_RESERVED_IPS, MAX_PODS_P2, 0)
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
        mistakes=mistakes_from_slips(correct, slips),
    )


# 4.p3: the surge cliff of Microsoft's 50-node example on its /21.
SUBNET_P3, MAX_PODS_P3, SURGE_P3 = "10.224.0.0/21", 30, 1


def _cliff(answer: Any) -> Feedback:
    correct = most_nodes("azure-cni", MAX_PODS_P3, SURGE_P3, SUBNET_P3)
    usable = node_subnet_plan(0, MAX_PODS_P3, SURGE_P3, SUBNET_P3).node_subnet.usable_ips or 0
    slips = nodes_fitting_slips(usable, usable + facts.AZURE_RESERVED_IPS, MAX_PODS_P3, SURGE_P3)
    slips.append((correct - 1, "off by one: check the next node count; its pool plus the surge node still fits"))
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"(n + {SURGE_P3}) x {MAX_PODS_P3 + 1} must stay within {usable:,} usable addresses.",
        mistakes=mistakes_from_slips(correct, slips),
    )


# 4.p4: kubenet on one /22 at 30 max pods, no surge, the default pod CIDR.
SUBNET_P4, MAX_PODS_P4 = "10.224.0.0/22", 30


def _kubenet_on_slash_22(answer: Any) -> Feedback:
    correct = most_nodes("kubenet", MAX_PODS_P4, 0, SUBNET_P4)
    usable = node_subnet_plan(0, MAX_PODS_P4, 0, SUBNET_P4).node_subnet.usable_ips or 0
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
            most_nodes("azure-cni", MAX_PODS_P4, 0, SUBNET_P4),
            "that is Azure CNI's count; a kubenet node takes one node-subnet address, not max pods + 1",
        ),
    ]
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"the node subnet and the 400-route table would allow more, but the default pod CIDR "
        f"{facts.DEFAULT_POD_CIDR} holds {blocks} per-node /{facts.POD_CIDR_BLOCK_PREFIX} blocks (notebook 03).",
        mistakes=mistakes_from_slips(correct, slips),
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
