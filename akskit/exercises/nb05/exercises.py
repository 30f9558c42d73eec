"""Exercises 5.1-5.5 of notebook 05 (modern networking). Expected answers come from the library."""

from __future__ import annotations

from ipaddress import IPv4Network
from typing import Any

from akskit.course.recommender import recommend
from akskit.engine import facts
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import Surge, parse_surge
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number
from akskit.exercises._expect import as_whole_number
from akskit.exercises.nb05._mistakes import DYNAMIC, STATIC, expect_number_with_hint, note_mistake

__all__ = ["EXERCISES"]

_SURGE = "an upgrade adds the max-surge nodes, and each of them takes a full share too"


# 5.1: how many nodes a smaller overlay pod CIDR holds, with a 50 % surge ------------------
POD_CIDR_51, SURGE_51 = "10.244.0.0/18", "50%"


def _largest_pool(capacity: int, surge: Surge) -> int:
    """The largest pool whose nodes plus surge nodes fit in ``capacity`` node shares (0 when none fits)."""
    return max((n for n in range(capacity + 1) if n + surge.nodes(n) <= capacity), default=0)


def _overlay_nodes(answer: Any) -> Feedback:
    p = plan(cluster("overlay", [pool("system", 0, max_surge=SURGE_51)], pod_cidr=POD_CIDR_51))
    assert p.pod_cidr is not None  # overlay always plans a pod CIDR
    blocks, correct = p.pod_cidr.blocks_available or 0, p.pod_cidr.max_nodes or 0
    surge = parse_surge(SURGE_51)
    floor_surge = max(n for n in range(blocks + 1) if n + n * surge.value // 100 <= blocks)
    default = plan(cluster("overlay", [pool("system", 0, max_surge=SURGE_51)])).pod_cidr
    mistakes: dict[int, str] = {}
    note_mistake(mistakes, blocks, f"{blocks} is the number of /24 blocks in {POD_CIDR_51}; {_SURGE}.")
    note_mistake(
        mistakes,
        _largest_pool(blocks, Surge(facts.LEGACY_MAX_SURGE_NODES, False)),
        f"that allows one surge node, the old default; this pool's max surge is {SURGE_51} of the pool.",
    )
    note_mistake(
        mistakes,
        floor_surge,
        f"surge nodes round up: {SURGE_51} of {floor_surge} nodes is {floor_surge * surge.value / 100:g}, "
        f"so {surge.nodes(floor_surge)} surge nodes, one block too many.",
    )
    note_mistake(
        mistakes,
        blocks - facts.AZURE_RESERVED_IPS,
        "the pod CIDR is not an Azure subnet: Azure's 5 reserved addresses do not apply to it, and it is "
        "counted in /24 blocks, not addresses.",
    )
    note_mistake(
        mistakes,
        IPv4Network(POD_CIDR_51).num_addresses // facts.MAX_PODS_HIGHEST,
        "each node takes a whole /24 whatever its max pods, so count /24 blocks, not addresses divided by max pods.",
    )
    shown = plan(cluster("overlay", [pool("system", 0)])).pod_cidr  # section 1's figure: the default /16, 10 %
    for other in (default, shown):
        if other is not None and other.max_nodes is not None:
            note_mistake(
                mistakes,
                other.max_nodes,
                f"that is for the default {facts.DEFAULT_POD_CIDR}; this pod CIDR is {POD_CIDR_51}, a quarter of "
                f"the size, and max surge is {SURGE_51}.",
            )
    return expect_number_with_hint(
        answer,
        correct,
        unit="nodes",
        why=f"{POD_CIDR_51} holds {blocks} /24 blocks, one per node, and the surge nodes ({SURGE_51} of the "
        f"pool, rounded up) need theirs too: {correct} + {surge.nodes(correct)} = "
        f"{correct + surge.nodes(correct)} fits.",
        mistakes=mistakes,
        hint=f"count the /24 blocks in {POD_CIDR_51}, then find the largest n with n + ⌈{SURGE_51} × n⌉ "
        "no more than that.",
    )


# 5.2: static block pod-subnet IPs for N nodes at M max pods -----------------------------
NODES_52, MAX_PODS_52, SURGE_52 = 40, 48, 2


def _static_ips(answer: Any) -> Feedback:
    p = plan(cluster("pod-subnet-static", [pool("user", NODES_52, max_pods=MAX_PODS_52, max_surge=SURGE_52)]))
    assert p.pod_subnet is not None  # a pod-subnet model always plans a pod subnet
    correct, planned = p.pod_subnet.ips_required, p.planned_nodes
    per_node = STATIC.pod_subnet_ips_per_node(MAX_PODS_52)
    # Forgetting the node's own IP is the same as rounding max pods up to whole 16s (the old dynamic rule).
    rounded = STATIC.pod_subnet_ips_per_node(MAX_PODS_52 - 1)
    own_ip = (
        f"one IP of each node's blocks is the node's own, so {MAX_PODS_52} pods need "
        f"{MAX_PODS_52} + 1 IPs, which takes one more /28 block"
    )
    mistakes: dict[int, str] = {}
    note_mistake(mistakes, NODES_52 * per_node, f"{_SURGE}.")
    note_mistake(mistakes, planned * rounded, f"{own_ip}.")
    note_mistake(mistakes, NODES_52 * rounded, f"two terms are missing: {own_ip}; and {_SURGE}.")
    note_mistake(
        mistakes, planned * (MAX_PODS_52 + 1), "static allocation hands out whole /28 blocks of 16 IPs, not single IPs."
    )
    note_mistake(
        mistakes,
        planned * rounded,
        "rounding max pods up to a multiple of 16 is not a rule of either mode: static blocks keep one IP per node, "
        "and dynamic allocation keeps 8 spare.",
    )
    note_mistake(
        mistakes,
        planned * DYNAMIC.pod_subnet_ips_per_node(MAX_PODS_52),
        "that is dynamic allocation with every pod slot used (16 at start, 16 more whenever fewer than 8 are "
        "free); this pool uses static blocks: max pods + 1 rounded up to whole /28s.",
    )
    note_mistake(
        mistakes,
        planned * DYNAMIC.pod_subnet_ips_at_start(MAX_PODS_52),
        "that is dynamic allocation's floor at node start (one batch of 16 per node); static blocks hand each "
        "node all its /28 blocks at once, for the node's lifetime.",
    )
    return expect_number_with_hint(
        answer,
        correct,
        unit="IPs",
        why=f"{planned} nodes with surge, each holding {per_node // facts.STATIC_BLOCK_IPS} whole /28 blocks "
        f"({per_node} IPs): max pods + 1 rounded up to 16s.",
        mistakes=mistakes,
        hint="IPs per node first (max pods + 1, rounded up to whole /28 blocks of 16), then nodes with surge.",
    )


# 5.3: the largest max pods at or below a target that wastes no static-block IP -----------
TARGET_53 = 100


def _waste(max_pods: int) -> int:
    return STATIC.pod_subnet_ips_per_node(max_pods) - 1 - max_pods


def _waste_reason(value: int, best: int) -> str:
    if value > TARGET_53:
        return f"{value} is above the {TARGET_53} the team asked for."
    if _waste(value) == 0:
        return f"{value} wastes nothing, but a larger value up to {TARGET_53} wastes nothing too."
    ips = STATIC.pod_subnet_ips_per_node(value)
    common = {
        best + 1: " A multiple of 16 is the worst case: the node's own IP needs one more block.",
        TARGET_53: f" {TARGET_53} is the target, not a block boundary.",
    }
    return (
        f"max pods {value} needs {value} + 1 IPs (the node keeps one), which takes {ips // 16} blocks of 16 = "
        f"{ips} IPs: {_waste(value)} per node go unused. Look for max pods + 1 that is a multiple of 16."
        + common.get(value, "")
    )


def _no_waste(answer: Any) -> Feedback:
    allowed = range(facts.MAX_PODS_LOWEST, facts.MAX_PODS_HIGHEST + 1)
    correct = max(m for m in range(facts.MAX_PODS_LOWEST, TARGET_53 + 1) if _waste(m) == 0)
    value = as_whole_number(answer)
    if value is not None and value != correct and value not in allowed:
        return Feedback(
            False, f"AKS accepts max pods {facts.MAX_PODS_LOWEST} to {facts.MAX_PODS_HIGHEST} (got {value})."
        )
    return expect_number(
        answer,
        correct,
        unit="max pods",
        why=f"{correct} + 1 = {correct + 1} IPs, exactly {(correct + 1) // 16} blocks: nothing unused.",
        mistakes={m: _waste_reason(m, correct) for m in allowed if m != correct},
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


# 5.5: a diagnosis: the dynamic pod subnet that fills up only when the pods do ----------------
POD_SUBNET_55, MAX_PODS_55, SURGE_55 = "10.240.0.0/22", 30, "10%"


def _dynamic_nodes(answer: Any) -> Feedback:
    p = plan(
        cluster("pod-subnet", [pool("system", 0, max_pods=MAX_PODS_55, max_surge=SURGE_55)], pod_subnet=POD_SUBNET_55)
    )
    assert p.pod_subnet is not None  # a pod-subnet model always plans a pod subnet
    assert p.pod_subnet.usable_ips is not None  # the subnet was given
    usable, correct, surge = p.pod_subnet.usable_ips, p.pod_subnet.max_nodes or 0, parse_surge(SURGE_55)
    per_node = DYNAMIC.pod_subnet_ips_per_node(MAX_PODS_55)

    def fit(ips_per_node: int) -> int:
        return _largest_pool(usable // ips_per_node, surge)

    mistakes: dict[int, str] = {}
    note_mistake(mistakes, usable // per_node, f"that many nodes fit with every slot used, but {_SURGE}.")
    note_mistake(
        mistakes,
        _largest_pool(usable // per_node, Surge(facts.LEGACY_MAX_SURGE_NODES, False)),
        f"that allows one surge node, the old default; this pool's max surge is {SURGE_55} of the pool, rounded up.",
    )
    note_mistake(
        mistakes,
        fit(DYNAMIC.pod_subnet_ips_at_start(MAX_PODS_55)),
        "that is the floor at node start (16 per node): it is why nodes joined fine. Size for every pod slot in "
        "use: 16 × ⌈(max pods + 8) / 16⌉ per node.",
    )
    note_mistake(
        mistakes,
        fit(MAX_PODS_55 + 1),
        "max pods + 1 per node is Node Subnet's rule; dynamic allocation hands out batches of 16 and keeps 8 spare.",
    )
    note_mistake(
        mistakes,
        fit(MAX_PODS_55 + 8),
        "max pods + 8 is right as a minimum, but addresses come in whole batches of 16: round up to a multiple of 16.",
    )
    note_mistake(
        mistakes,
        fit(STATIC.pod_subnet_ips_per_node(MAX_PODS_55 - 1)),
        "rounding max pods up to a multiple of 16 forgets the 8 spare addresses, which here add a whole batch "
        "per node.",
    )
    return expect_number_with_hint(
        answer,
        correct,
        unit="nodes",
        why=f"{POD_SUBNET_55} has {usable:,} usable addresses; each node holds {per_node} with every slot used, so "
        f"{usable // per_node} nodes fit, surge included: {correct} + {surge.nodes(correct)}. At start each node "
        "took only 16, which is why the pool grew without trouble.",
        mistakes=mistakes,
        hint=f"three steps: usable addresses in {POD_SUBNET_55} (Azure keeps 5), addresses per node with every slot "
        "used, then the largest pool whose nodes plus surge nodes fit.",
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "5.1",
        f"Azure CNI Overlay with the pod CIDR {POD_CIDR_51} and max surge {SURGE_51}: the largest pool (nodes "
        "before surge) that can still be upgraded?",
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
    Exercise(
        "5.5",
        f"Dynamic Pod Subnet, pod subnet {POD_SUBNET_55}, max pods {MAX_PODS_55}, max surge {SURGE_55}: the largest "
        "pool (nodes before surge) that can be upgraded with every pod slot in use?",
        _dynamic_nodes,
    ),
)
