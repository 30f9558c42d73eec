"""Predictions 5.p1-5.p4 of notebook 05, asked before the notebook shows the answer; answers from the library."""

from __future__ import annotations

from typing import Any

from akskit.engine import facts
from akskit.engine.models import NetworkModel
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.exercises._core import Exercise, Feedback, expect_choice
from akskit.exercises.nb05._mistakes import DYNAMIC, STATIC, expect_number_with_hint, note_mistake

__all__ = ["PREDICTIONS"]

NODES_P, MAX_PODS_P1, MAX_PODS_P = 50, 250, 30


def _overlay_vnet(answer: Any) -> Feedback:
    """5.p1: overlay's VNet addresses for the pool that Node Subnet would give (N + S) x (M + 1)."""
    p = plan(cluster("overlay", [pool("system", NODES_P, max_pods=MAX_PODS_P1)]))
    flat = plan(cluster("azure-cni", [pool("system", NODES_P, max_pods=MAX_PODS_P1)]))
    planned, correct = p.planned_nodes, p.vnet_ips_required
    mistakes: dict[int, str] = {}
    note_mistake(
        mistakes,
        NODES_P,
        "an upgrade adds the max-surge nodes (10 % of the pool, rounded up), and each takes its VNet address too.",
    )
    note_mistake(
        mistakes,
        NODES_P + facts.LEGACY_MAX_SURGE_NODES,
        "one surge node is the old default; this pool's max surge is 10 % of the pool, rounded up.",
    )
    note_mistake(
        mistakes,
        flat.vnet_ips_required,
        "that is Node Subnet, where every pod slot takes a VNet address; in "
        "overlay the pods take theirs from the private pod CIDR, outside the VNet.",
    )
    note_mistake(
        mistakes,
        planned * MAX_PODS_P1,
        "pod slots take no VNet address in overlay: their addresses come from the private pod CIDR.",
    )
    note_mistake(
        mistakes,
        planned * 2 ** (32 - facts.POD_CIDR_BLOCK_PREFIX),
        "the /24 blocks come from the pod CIDR, which is not part of the VNet.",
    )
    note_mistake(
        mistakes,
        planned + facts.AZURE_RESERVED_IPS,
        "close: Azure's 5 reserved addresses matter when you "
        "choose the subnet's size, but the nodes themselves take one address each.",
    )
    return expect_number_with_hint(
        answer,
        correct,
        unit="VNet IPs",
        why=f"{NODES_P} nodes + {planned - NODES_P} surge nodes, one VNet address each; the pods use the pod CIDR.",
        mistakes=mistakes,
        hint="what in an overlay cluster takes an address from the VNet: the nodes, the pods, or both?",
    )


def _dynamic_per_node(answer: Any) -> Feedback:
    """5.p2: addresses a dynamic pod-subnet node holds with every pod slot in use."""
    correct = DYNAMIC.pod_subnet_ips_per_node(MAX_PODS_P)
    mistakes: dict[int, str] = {}
    note_mistake(
        mistakes,
        STATIC.pod_subnet_ips_per_node(MAX_PODS_P - 1),
        "rounding max pods up to a multiple of 16 "
        "forgets the 8 spare: with 30 in use, 2 are free, fewer than 8, so the node asks for another batch.",
    )
    note_mistake(mistakes, MAX_PODS_P + 1, "max pods + 1 is Node Subnet's rule; here addresses come in batches of 16.")
    note_mistake(
        mistakes,
        MAX_PODS_P + 8,
        "30 in use plus 8 spare is the minimum, but addresses come in whole batches of 16: round up.",
    )
    note_mistake(
        mistakes,
        DYNAMIC.pod_subnet_ips_at_start(MAX_PODS_P),
        "16 is what a node holds just after it starts; as pods arrive it tops up whenever fewer than 8 are free.",
    )
    note_mistake(mistakes, MAX_PODS_P, "the node also keeps spare addresses, and it asks for them 16 at a time.")
    return expect_number_with_hint(
        answer,
        correct,
        unit="IPs",
        why=f"30 in use + 8 spare = 38, in whole batches of 16: {correct}.",
        mistakes=mistakes,
        hint="step through it: 16 at start; each time fewer than 8 are free, add 16. Stop when 30 are used.",
    )


def _static_blocks(answer: Any) -> Feedback:
    """5.p3: /28 blocks per node at max pods 32 under static block allocation."""
    blocks = STATIC.pod_subnet_ips_per_node(MAX_PODS_P + 2) // facts.STATIC_BLOCK_IPS
    mistakes: dict[int, str] = {}
    note_mistake(
        mistakes,
        (MAX_PODS_P + 2) // facts.STATIC_BLOCK_IPS,
        "32 pods fill two blocks exactly, but the node keeps one address of its blocks as its own.",
    )
    note_mistake(
        mistakes,
        blocks * facts.STATIC_BLOCK_IPS,
        "that is the number of addresses; the question asks for /28 blocks of 16.",
    )
    note_mistake(
        mistakes,
        MAX_PODS_P + 3,
        "that is the addresses the node needs (max pods + 1); they come in whole /28 blocks: how many blocks?",
    )
    note_mistake(mistakes, 1, "one /28 holds 16 addresses; 32 pods need more than that.")
    return expect_number_with_hint(
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
