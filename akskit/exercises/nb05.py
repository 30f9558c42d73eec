"""Exercises for notebook 05 (modern networking). Expected answers come from the library.

>>> from akskit.exercises.nb05 import EXERCISES
>>> [e.id for e in EXERCISES]
['5.1', '5.2', '5.3', '5.4', '5.5']
>>> EXERCISES[1].check(1920).message.startswith("two terms are missing")  # 40 x 48: both slips at once
True
>>> from akskit.exercises.nb05 import PREDICTIONS
>>> [p.id for p in PREDICTIONS]
['5.p1', '5.p2', '5.p3', '5.p4']
"""

from __future__ import annotations

from ipaddress import IPv4Network
from typing import Any

from akskit.course.recommender import recommend
from akskit.engine import facts
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import Surge, parse_surge
from akskit.exercises._core import Exercise, Feedback, _as_int, expect_choice, expect_number

_SURGE = "an upgrade adds the max-surge nodes, and each of them takes a full share too"
_STATIC = traits(NetworkModel.POD_SUBNET_STATIC)


_DYNAMIC = traits(NetworkModel.POD_SUBNET)


def _number(answer: Any, correct: int, *, why: str, mistakes: dict[int, str], hint: str, unit: str = "") -> Feedback:
    """``expect_number``, with the anticipated mistakes minus the right value; any other wrong answer gets ``hint``."""
    known = {value: reason for value, reason in mistakes.items() if value != correct}
    feedback = expect_number(answer, correct, why=why, mistakes=known, unit=unit)
    value = _as_int(answer)
    if feedback.correct or value is None or value in known:
        return feedback
    return Feedback(False, f"{feedback.message} Next step: {hint}")


def _note(mistakes: dict[int, str], value: int, reason: str) -> None:
    """Record a known wrong answer; two slips that give the same number share one explanation."""
    mistakes[value] = f"{mistakes[value]} Or: {reason}" if value in mistakes else reason


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
    _note(mistakes, blocks, f"{blocks} is the number of /24 blocks in {POD_CIDR_51}; {_SURGE}.")
    _note(
        mistakes,
        _largest_pool(blocks, Surge(facts.LEGACY_MAX_SURGE_NODES, False)),
        f"that allows one surge node, the old default; this pool's max surge is {SURGE_51} of the pool.",
    )
    _note(
        mistakes,
        floor_surge,
        f"surge nodes round up: {SURGE_51} of {floor_surge} nodes is {floor_surge * surge.value / 100:g}, "
        f"so {surge.nodes(floor_surge)} surge nodes, one block too many.",
    )
    _note(
        mistakes,
        blocks - facts.AZURE_RESERVED_IPS,
        "the pod CIDR is not an Azure subnet: Azure's 5 reserved addresses do not apply to it, and it is "
        "counted in /24 blocks, not addresses.",
    )
    _note(
        mistakes,
        IPv4Network(POD_CIDR_51).num_addresses // facts.MAX_PODS_HIGHEST,
        "each node takes a whole /24 whatever its max pods, so count /24 blocks, not addresses divided by max pods.",
    )
    shown = plan(cluster("overlay", [pool("system", 0)])).pod_cidr  # section 1's figure: the default /16, 10 %
    for other in (default, shown):
        if other is not None and other.max_nodes is not None:
            _note(
                mistakes,
                other.max_nodes,
                f"that is for the default {facts.DEFAULT_POD_CIDR}; this pod CIDR is {POD_CIDR_51}, a quarter of "
                f"the size, and max surge is {SURGE_51}.",
            )
    return _number(
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
    return _number(
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
    return _STATIC.pod_subnet_ips_per_node(max_pods) - 1 - max_pods


def _waste_reason(value: int, best: int) -> str:
    if value > TARGET_53:
        return f"{value} is above the {TARGET_53} the team asked for."
    if _waste(value) == 0:
        return f"{value} wastes nothing, but a larger value up to {TARGET_53} wastes nothing too."
    ips = _STATIC.pod_subnet_ips_per_node(value)
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
    value = _as_int(answer)
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
    per_node = _DYNAMIC.pod_subnet_ips_per_node(MAX_PODS_55)

    def fit(ips_per_node: int) -> int:
        return _largest_pool(usable // ips_per_node, surge)

    mistakes: dict[int, str] = {}
    _note(mistakes, usable // per_node, f"that many nodes fit with every slot used, but {_SURGE}.")
    _note(
        mistakes,
        _largest_pool(usable // per_node, Surge(facts.LEGACY_MAX_SURGE_NODES, False)),
        f"that allows one surge node, the old default; this pool's max surge is {SURGE_55} of the pool, rounded up.",
    )
    _note(
        mistakes,
        fit(_DYNAMIC.pod_subnet_ips_at_start(MAX_PODS_55)),
        "that is the floor at node start (16 per node): it is why nodes joined fine. Size for every pod slot in "
        "use: 16 × ⌈(max pods + 8) / 16⌉ per node.",
    )
    _note(
        mistakes,
        fit(MAX_PODS_55 + 1),
        "max pods + 1 per node is Node Subnet's rule; dynamic allocation hands out batches of 16 and keeps 8 spare.",
    )
    _note(
        mistakes,
        fit(MAX_PODS_55 + 8),
        "max pods + 8 is right as a minimum, but addresses come in whole batches of 16: round up to a multiple of 16.",
    )
    _note(
        mistakes,
        fit(_STATIC.pod_subnet_ips_per_node(MAX_PODS_55 - 1)),
        "rounding max pods up to a multiple of 16 forgets the 8 spare addresses, which here add a whole batch "
        "per node.",
    )
    return _number(
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


# Predictions: asked before the notebook shows the answer ----------------------------------
NODES_P, MAX_PODS_P1, MAX_PODS_P = 50, 250, 30


def _overlay_vnet(answer: Any) -> Feedback:
    """5.p1: overlay's VNet addresses for the pool that Node Subnet would give (N + S) x (M + 1)."""
    p = plan(cluster("overlay", [pool("system", NODES_P, max_pods=MAX_PODS_P1)]))
    flat = plan(cluster("azure-cni", [pool("system", NODES_P, max_pods=MAX_PODS_P1)]))
    planned, correct = p.planned_nodes, p.vnet_ips_required
    mistakes: dict[int, str] = {}
    _note(
        mistakes,
        NODES_P,
        "an upgrade adds the max-surge nodes (10 % of the pool, rounded up), and each takes its VNet address too.",
    )
    _note(
        mistakes,
        NODES_P + facts.LEGACY_MAX_SURGE_NODES,
        "one surge node is the old default; this pool's max surge is 10 % of the pool, rounded up.",
    )
    _note(
        mistakes,
        flat.vnet_ips_required,
        "that is Node Subnet, where every pod slot takes a VNet address; in "
        "overlay the pods take theirs from the private pod CIDR, outside the VNet.",
    )
    _note(
        mistakes,
        planned * MAX_PODS_P1,
        "pod slots take no VNet address in overlay: their addresses come from the private pod CIDR.",
    )
    _note(
        mistakes,
        planned * 2 ** (32 - facts.POD_CIDR_BLOCK_PREFIX),
        "the /24 blocks come from the pod CIDR, which is not part of the VNet.",
    )
    _note(
        mistakes,
        planned + facts.AZURE_RESERVED_IPS,
        "close: Azure's 5 reserved addresses matter when you "
        "choose the subnet's size, but the nodes themselves take one address each.",
    )
    return _number(
        answer,
        correct,
        unit="VNet IPs",
        why=f"{NODES_P} nodes + {planned - NODES_P} surge nodes, one VNet address each; the pods use the pod CIDR.",
        mistakes=mistakes,
        hint="what in an overlay cluster takes an address from the VNet: the nodes, the pods, or both?",
    )


def _dynamic_per_node(answer: Any) -> Feedback:
    """5.p2: addresses a dynamic pod-subnet node holds with every pod slot in use."""
    correct = _DYNAMIC.pod_subnet_ips_per_node(MAX_PODS_P)
    mistakes: dict[int, str] = {}
    _note(
        mistakes,
        _STATIC.pod_subnet_ips_per_node(MAX_PODS_P - 1),
        "rounding max pods up to a multiple of 16 "
        "forgets the 8 spare: with 30 in use, 2 are free, fewer than 8, so the node asks for another batch.",
    )
    _note(mistakes, MAX_PODS_P + 1, "max pods + 1 is Node Subnet's rule; here addresses come in batches of 16.")
    _note(
        mistakes,
        MAX_PODS_P + 8,
        "30 in use plus 8 spare is the minimum, but addresses come in whole batches of 16: round up.",
    )
    _note(
        mistakes,
        _DYNAMIC.pod_subnet_ips_at_start(MAX_PODS_P),
        "16 is what a node holds just after it starts; as pods arrive it tops up whenever fewer than 8 are free.",
    )
    _note(mistakes, MAX_PODS_P, "the node also keeps spare addresses, and it asks for them 16 at a time.")
    return _number(
        answer,
        correct,
        unit="IPs",
        why=f"30 in use + 8 spare = 38, in whole batches of 16: {correct}.",
        mistakes=mistakes,
        hint="step through it: 16 at start; each time fewer than 8 are free, add 16. Stop when 30 are used.",
    )


def _static_blocks(answer: Any) -> Feedback:
    """5.p3: /28 blocks per node at max pods 32 under static block allocation."""
    blocks = _STATIC.pod_subnet_ips_per_node(MAX_PODS_P + 2) // facts.STATIC_BLOCK_IPS
    mistakes: dict[int, str] = {}
    _note(
        mistakes,
        (MAX_PODS_P + 2) // facts.STATIC_BLOCK_IPS,
        "32 pods fill two blocks exactly, but the node keeps one address of its blocks as its own.",
    )
    _note(
        mistakes,
        blocks * facts.STATIC_BLOCK_IPS,
        "that is the number of addresses; the question asks for /28 blocks of 16.",
    )
    _note(
        mistakes,
        MAX_PODS_P + 3,
        "that is the addresses the node needs (max pods + 1); they come in whole /28 blocks: how many blocks?",
    )
    _note(mistakes, 1, "one /28 holds 16 addresses; 32 pods need more than that.")
    return _number(
        answer,
        correct := blocks,
        unit="blocks",
        why=f"32 pods + the node's own address = 33, and ⌈33 / 16⌉ = {correct} blocks.",
        mistakes=mistakes,
        hint="count the addresses a node needs (pods plus one of its own), then divide by 16, rounding up.",
    )


_CHOICES_P4 = {
    "a": NetworkModel.AZURE_CNI,
    "b": NetworkModel.POD_SUBNET,
    "c": NetworkModel.POD_SUBNET_STATIC,
    "d": NetworkModel.OVERLAY,
}
_WHY_P4 = {
    NetworkModel.AZURE_CNI: "Node Subnet takes exactly max pods + 1 per node, and no other subnet",
    NetworkModel.POD_SUBNET: "dynamic allocation, at its worst, keeps 8 spare in batches of 16 (48 a node "
    "at max pods 30), plus a node subnet",
    NetworkModel.POD_SUBNET_STATIC: "static blocks round max pods + 1 up to whole /28s (32 a node at max pods "
    "30), plus a node subnet",
    NetworkModel.OVERLAY: "overlay takes one VNet address per node: its pods use the private pod CIDR",
}


def _most_vnet(answer: Any) -> Feedback:
    """5.p4: which model takes the most VNet addresses for the comparison's workload."""
    spec_pool = [pool("system", NODES_P, max_pods=MAX_PODS_P)]
    need = {letter: plan(cluster(m, spec_pool)).vnet_ips_required for letter, m in _CHOICES_P4.items()}
    correct = max(need, key=lambda letter: need[letter])
    wrong = {
        letter: f"not the most: {_WHY_P4[m]}. Which model keeps addresses spare on top of its pod slots?"
        for letter, m in _CHOICES_P4.items()
        if letter != correct
    }
    return expect_choice(
        answer,
        correct,
        why=f"{_WHY_P4[_CHOICES_P4[correct]]}: {need[correct]:,} VNet addresses, more than Node Subnet's "
        f"{need['a']:,}.",
        wrong=wrong,
    )


PREDICTIONS: tuple[Exercise, ...] = (
    Exercise(
        "5.p1",
        f"{NODES_P} nodes, max pods {MAX_PODS_P1}, 10 % max surge: how many VNet addresses under overlay?",
        _overlay_vnet,
    ),
    Exercise(
        "5.p2",
        f"Dynamic Pod Subnet, max pods {MAX_PODS_P}, every slot in use: how many addresses does a node hold?",
        _dynamic_per_node,
    ),
    Exercise(
        "5.p3",
        "Static block allocation, max pods 32: how many /28 blocks per node?",
        _static_blocks,
        spoilers=("3 blocks", "three blocks"),  # a bare "3" is no spoiler (section numbers)
    ),
    Exercise(
        "5.p4",
        f"{NODES_P} nodes, max pods {MAX_PODS_P}, 10 % surge: which model takes the most VNet addresses? "
        "a) Node Subnet, b) Pod Subnet dynamic, c) Pod Subnet static, d) Overlay",
        _most_vnet,
    ),
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
