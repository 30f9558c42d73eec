"""Predictions 7.p1-7.p4 of notebook 07 (when AKS says no): the cause read from a published error text.

Each text is quoted from the page or issue named beside it (the same golden texts as
``tests/test_aks_errors.py``); the notebook shows it, the learner predicts, then
:func:`akskit.engine.aks_errors.explain_error` reveals. Expected answers come from the library.
"""

from __future__ import annotations

from typing import Any

from akskit.engine import facts
from akskit.engine.aks_errors import explain_error
from akskit.engine.cidr import parse_network, pod_cidr_blocks, usable_ips
from akskit.engine.models import NetworkModel, traits
from akskit.exercises._core import Exercise, Feedback, expect_choice
from akskit.exercises.nb05._mistakes import expect_number_with_hint, note_mistake

__all__ = ["NODE_SUBNET_TEXT", "POD_CIDR_TEXT", "PREDICTIONS", "UPGRADE_TEXT", "VNET_OVERLAP_TEXT"]

#: https://github.com/Azure/AKS/issues/456 (Azure CNI Node Subnet, default max pods, a /24).
NODE_SUBNET_TEXT = "Pre-allocated IPs 310 exceeds IPs available in Subnet 251"
MAX_PODS_P1 = traits(NetworkModel.AZURE_CNI).default_max_pods
#: https://github.com/Azure/AKS-Construction/issues/701 (Azure CNI Overlay), the message alone.
POD_CIDR_TEXT = (
    "Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.240.100.0/22, Subnet Name "
    "networkProfile.podCIDR."
)
#: The upgrade form of Microsoft's SubnetIsFull page
#: (https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/error-codes/subnetisfull-error)
#: with the subnet and count of https://github.com/Azure/AKS/issues/2119.
UPGRADE_TEXT = (
    "VMSSAgentPoolReconciler retry failed: Code='SubnetIsFull' Message='aks-subnet with address prefix "
    "192.168.1.0/24 doesn't have enough capacity for 101 IP addresses.'"
)
#: https://github.com/Azure-Samples/graphrag-accelerator/issues/211
VNET_OVERLAP_TEXT = "NetworkProfile CIDR 10.244.0.0/16 overlaps with reserved VNET CIDR 10.0.0.0/8"


def _nodes_counted(answer: Any) -> Feedback:
    """7.p1: nodes behind 310 pre-allocated node-subnet IPs at Azure CNI's default max pods."""
    requested = int(explain_error(NODE_SUBNET_TEXT).values["requested"])
    per_node = traits(NetworkModel.AZURE_CNI).node_subnet_ips_per_node(MAX_PODS_P1)
    correct = requested // per_node
    mistakes: dict[int, str] = {}
    note_mistake(
        mistakes,
        -(-requested // MAX_PODS_P1),
        f"that divides by {MAX_PODS_P1}: each node also takes one address of its own, so it costs max pods + 1.",
    )
    note_mistake(
        mistakes,
        correct - facts.LEGACY_MAX_SURGE_NODES,
        "that takes a surge node off; at create AKS counts each pool's count (or max count) without surge.",
    )
    note_mistake(
        mistakes,
        usable_ips(24) // per_node,
        "that is how many nodes the subnet holds; the question asks how many AKS tried to place.",
    )
    note_mistake(mistakes, requested, "that is the address count from the text; divide it into nodes.")
    return expect_number_with_hint(
        answer,
        correct,
        unit="nodes",
        why=f"each Azure CNI Node Subnet node reserves max pods + 1 = {per_node} addresses up front: "
        f"{requested} / {per_node} = {correct}, counted without surge at create.",
        mistakes=mistakes,
        hint="what does one Azure CNI Node Subnet node take from the subnet, with the default max pods?",
    )


def _pod_cidr_nodes(answer: Any) -> Feedback:
    """7.p2: nodes behind 1,280 pre-allocated pod-CIDR addresses (one /24 per node)."""
    values = explain_error(POD_CIDR_TEXT).values
    requested, correct = int(values["requested"]), int(values["nodes_counted"])
    block = 1 << (32 - facts.POD_CIDR_BLOCK_PREFIX)
    mistakes: dict[int, str] = {}
    note_mistake(
        mistakes,
        pod_cidr_blocks(parse_network(str(values["cidr"]))),
        "that is how many per-node /24 blocks the /22 holds; the question asks how many AKS tried to place.",
    )
    note_mistake(mistakes, requested, "that is the address count from the text; each node takes a whole /24 of it.")
    note_mistake(
        mistakes,
        requested // traits(NetworkModel.AZURE_CNI).node_subnet_ips_per_node(MAX_PODS_P1),
        "max pods + 1 per node is Azure CNI Node Subnet's rule; Overlay gives each node a whole /24 of the pod CIDR.",
    )
    note_mistake(
        mistakes,
        requested - int(values["available"]),
        "that is how far short the pod CIDR falls, in addresses; the question asks how many nodes AKS counted.",
    )
    note_mistake(
        mistakes,
        (requested - int(values["available"])) // block,
        "that is how many nodes too many; the question asks how many AKS counted in all.",
    )
    return expect_number_with_hint(
        answer,
        correct,
        unit="nodes",
        why=f"the 'subnet' is the overlay pod CIDR, and every node takes a whole /24 ({block} addresses) of it: "
        f"{requested:,} / {block} = {correct}.",
        mistakes=mistakes,
        hint="with Overlay, how much of the pod CIDR does one node take?",
    )


def _upgrade_cause(answer: Any) -> Feedback:
    """7.p3: what asks for 101 more addresses when a running cluster upgrades."""
    return expect_choice(
        answer,
        "b",
        why="an upgrade adds its surge nodes before it removes old ones, and each new node takes its addresses "
        "at once (max pods + 1 with Azure CNI Node Subnet): the subnet must hold the pool and its surge together.",
        wrong={
            "a": "pods move from old nodes to new ones during an upgrade; it is the new nodes that take addresses, "
            "whatever runs on them.",
            "c": "the autoscaler is not what changed: the same cluster ran fine until the upgrade started.",
            "d": "Azure keeps 5 addresses of every subnet all the time, not more during an upgrade.",
        },
    )


def _overlap_cause(answer: Any) -> Feedback:
    """7.p4: which range 10.244.0.0/16 is, and why it clashes with the VNet."""
    return expect_choice(
        answer,
        "b",
        why=f"{facts.DEFAULT_POD_CIDR} is AKS's default pod CIDR: the template set none, and the default sits "
        "inside the VNet's 10.0.0.0/8.",
        wrong={
            "a": "the node subnet must sit inside the VNet: that is where nodes live. AKS's complaint is about a "
            "range that must stay outside it.",
            "c": f"AKS's default service CIDR is {facts.DEFAULT_SERVICE_CIDR}; the range in the text is another "
            "default.",
            "d": "a DNS service IP is one address, not a /16 range.",
        },
    )


PREDICTIONS: tuple[Exercise, ...] = (
    Exercise(
        "7.p1",
        f"'{NODE_SUBNET_TEXT}', Azure CNI Node Subnet, max pods {MAX_PODS_P1}: how many nodes did AKS count?",
        _nodes_counted,
        spoilers=("10 nodes",),
    ),
    Exercise(
        "7.p2",
        "1,280 pre-allocated IPs in the overlay pod CIDR 10.240.100.0/22: how many nodes did AKS count?",
        _pod_cidr_nodes,
        spoilers=("5 nodes",),
    ),
    Exercise("7.p3", "A running cluster's upgrade hits SubnetIsFull: what asks for the addresses?", _upgrade_cause),
    Exercise("7.p4", "'NetworkProfile CIDR 10.244.0.0/16 overlaps ...': which range is it?", _overlap_cause),
)
