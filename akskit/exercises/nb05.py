"""Exercises for notebook 05 (modern networking). Expected answers come from the library.

>>> from akskit.exercises.nb05 import EXERCISES
>>> [e.id for e in EXERCISES]
['5.1', '5.2', '5.3', '5.4']
>>> EXERCISES[1].check(1920).message.startswith("two terms are missing")  # 40 x 48: both slips at once
True
"""

from __future__ import annotations

from typing import Any

from akskit.course.recommender import recommend
from akskit.engine import facts
from akskit.engine.errors import quote
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.exercises._core import Exercise, Feedback, _as_int, expect_choice, expect_number

_SURGE = "an upgrade adds the max-surge nodes, and each of them takes a full share too"
_STATIC = traits(NetworkModel.POD_SUBNET_STATIC)


_DYNAMIC = traits(NetworkModel.POD_SUBNET)


def _note(mistakes: dict[int, str], value: int, reason: str) -> None:
    """Record a known wrong answer; two slips that give the same number share one explanation."""
    mistakes[value] = f"{mistakes[value]} Or: {reason}" if value in mistakes else reason


# 5.1: how many nodes the default overlay pod CIDR holds, with surge ---------------------
SURGE_51 = "10%"


def _overlay_nodes(answer: Any) -> Feedback:
    p = plan(cluster("overlay", [pool("system", 0, max_surge=SURGE_51)]))
    assert p.pod_cidr is not None  # overlay always plans a pod CIDR
    blocks, correct = p.pod_cidr.blocks_available or 0, p.pod_cidr.max_nodes or 0
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"{facts.DEFAULT_POD_CIDR} holds {blocks} /24 blocks, one per node, and the surge nodes "
        f"({SURGE_51} of the pool, rounded up) need theirs too.",
        mistakes={
            blocks: f"{blocks} is the number of /24 blocks; {_SURGE}.",
            blocks - facts.AZURE_RESERVED_IPS: "the pod CIDR is not an Azure subnet: Azure's 5 reserved "
            "addresses do not apply to it, and it is counted in /24 blocks, not addresses.",
            facts.DEFAULT_POD_CIDR.num_addresses // facts.MAX_PODS_HIGHEST: "each node takes a whole /24 "
            "whatever its max pods, so count /24 blocks, not addresses divided by max pods.",
        },
    )


# 5.2: static block pod-subnet IPs for N nodes at M max pods -----------------------------
NODES_52, MAX_PODS_52, SURGE_52 = 40, 48, 2


def _static_ips(answer: Any) -> Feedback:
    p = plan(cluster("pod-subnet-static", [pool("user", NODES_52, max_pods=MAX_PODS_52, max_surge=SURGE_52)]))
    assert p.pod_subnet is not None  # a pod-subnet model always plans a pod subnet
    correct, planned = p.pod_subnet.ips_required, p.planned_nodes
    per_node = _STATIC.pod_subnet_ips_per_node(MAX_PODS_52)
    # Forgetting the node's own IP is the same as rounding max pods up to whole 16s (the old dynamic rule).
    rounded = _STATIC.pod_subnet_ips_per_node(MAX_PODS_52 - 1)
    own_ip = (
        f"one IP of each node's blocks is the node's own, so {MAX_PODS_52} pods need "
        f"{MAX_PODS_52} + 1 IPs, which takes one more /28 block"
    )
    mistakes: dict[int, str] = {}
    _note(mistakes, NODES_52 * per_node, f"{_SURGE}.")
    _note(mistakes, planned * rounded, f"{own_ip}.")
    _note(mistakes, NODES_52 * rounded, f"two terms are missing: {own_ip}; and {_SURGE}.")
    _note(
        mistakes, planned * (MAX_PODS_52 + 1), "static allocation hands out whole /28 blocks of 16 IPs, not single IPs."
    )
    _note(
        mistakes,
        planned * rounded,
        "rounding max pods up to a multiple of 16 is not a rule of either mode: static blocks keep one IP per node, "
        "and dynamic allocation keeps 8 spare.",
    )
    _note(
        mistakes,
        planned * _DYNAMIC.pod_subnet_ips_per_node(MAX_PODS_52),
        "that is dynamic allocation with every pod slot used (16 at start, 16 more whenever fewer than 8 are "
        "free); this pool uses static blocks: max pods + 1 rounded up to whole /28s.",
    )
    _note(
        mistakes,
        planned * _DYNAMIC.pod_subnet_ips_at_start(MAX_PODS_52),
        "that is dynamic allocation's floor at node start (one batch of 16 per node); static blocks hand each "
        "node all its /28 blocks at once, for the node's lifetime.",
    )
    return expect_number(
        answer,
        correct,
        unit="IPs",
        why=f"{planned} nodes with surge, each holding {per_node // facts.STATIC_BLOCK_IPS} whole /28 blocks "
        f"({per_node} IPs): max pods + 1 rounded up to 16s.",
        mistakes={value: reason for value, reason in mistakes.items() if value != correct},
    )


# 5.3: the largest max pods at or below a target that wastes no static-block IP -----------
TARGET_53 = 100


def _waste(max_pods: int) -> int:
    return _STATIC.pod_subnet_ips_per_node(max_pods) - 1 - max_pods


def _no_waste(answer: Any) -> Feedback:
    value = _as_int(answer)
    if value is None:
        return Feedback(False, f"expected a whole number of max pods (got {quote(answer)}).")
    correct = max(m for m in range(facts.MAX_PODS_LOWEST, TARGET_53 + 1) if _waste(m) == 0)
    if value == correct:
        return Feedback(True, f"{value} + 1 = {value + 1} IPs, exactly {(value + 1) // 16} blocks: nothing unused.")
    if not facts.MAX_PODS_LOWEST <= value <= facts.MAX_PODS_HIGHEST:
        return Feedback(
            False, f"AKS accepts max pods {facts.MAX_PODS_LOWEST} to {facts.MAX_PODS_HIGHEST} (got {value})."
        )
    if value > TARGET_53:
        return Feedback(False, f"{value} is above the {TARGET_53} the team asked for.")
    if _waste(value) == 0:
        return Feedback(False, f"{value} wastes nothing, but a larger value up to {TARGET_53} wastes nothing too.")
    ips = _STATIC.pod_subnet_ips_per_node(value)
    return Feedback(
        False,
        f"max pods {value} needs {value} + 1 IPs (the node keeps one), which takes {ips // 16} blocks of 16 = "
        f"{ips} IPs: {_waste(value)} per node go unused. Look for max pods + 1 that is a multiple of 16.",
    )


# 5.4: which model the recommender picks, and why -------------------------------------------
CONSTRAINTS_54: dict[str, Any] = {
    "nodes": 300,
    "windows": True,
    "pods_routable_from_vnet": True,
    "pods_over_65k": True,
}
_CHOICES_54 = {
    "a": NetworkModel.OVERLAY,
    "b": NetworkModel.POD_SUBNET,
    "c": NetworkModel.POD_SUBNET_STATIC,
    "d": NetworkModel.AZURE_CNI,
    "e": NetworkModel.KUBENET,
}


def _recommended(answer: Any) -> Feedback:
    rec = recommend(**CONSTRAINTS_54)
    correct = next(letter for letter, m in _CHOICES_54.items() if m is rec.model)
    wrong = {}
    for letter, m in _CHOICES_54.items():
        if m is rec.model:
            continue
        why = rec.rejected[m]
        if m in rec.outranked:
            why = "it meets every constraint, but another model ranks above it in Microsoft's order of preference"
        wrong[letter] = f"not {traits(m).label}: {why}"
    return expect_choice(
        answer,
        correct,
        why=f"{traits(rec.model).label}: " + "; ".join(rec.reasons[:1]) + ". Every other model breaks a constraint.",
        wrong=wrong,
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "5.1",
        f"Azure CNI Overlay with the default pod CIDR {facts.DEFAULT_POD_CIDR} and max surge {SURGE_51}: "
        "how many nodes can the pool have?",
        _overlay_nodes,
    ),
    Exercise(
        "5.2",
        f"Static block allocation, {NODES_52} nodes, max pods {MAX_PODS_52}, max surge {SURGE_52}: "
        "how many pod-subnet IPs does the pool take?",
        _static_ips,
    ),
    Exercise(
        "5.3",
        f"Static block allocation: the largest max pods at or below {TARGET_53} that leaves no IP unused?",
        _no_waste,
    ),
    Exercise(
        "5.4",
        "300 nodes, Windows pools, pods reachable from on-premises by pod IP, more than 65,000 pods: which "
        "model does akskit.course.recommender pick? a) Azure CNI Overlay, b) Pod Subnet dynamic, c) Pod Subnet static "
        "block, d) Node Subnet, e) kubenet",
        _recommended,
    ),
)
