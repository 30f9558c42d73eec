"""Predictions and exercises for notebook 03 (kubenet). Expected answers come from the planner.

Predictions (``3.pK``) are asked before the notebook shows the answer; exercises (``3.K``)
ask for new work: numbers the notebook never shows, a diagnosis, a fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from akskit.engine.cidr import parse_network, pod_cidr_blocks, smallest_subnet_prefix, usable_ips
from akskit.engine.errors import AksKitError
from akskit.engine.facts import DEFAULT_POD_CIDR, KUBENET_MAX_NODES, ROUTE_TABLE_LIMIT
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import LEGACY_SURGE, parse_surge
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix

#: The surge every question here uses: AKS's default, 10 % of the pool rounded up.
_SURGE = "10%"
#: The "first three addresses" that Microsoft's kubenet page says a subnet reserves (the VNet FAQ says five).
_KUBENET_PAGE_RESERVED = 3


def _most_nodes(room: int, surge: str | int = _SURGE) -> int:
    """The largest pool whose nodes plus upgrade surge fit in ``room`` addresses or blocks."""
    rule = parse_surge(surge)
    return max((n for n in range(room + 1) if n + rule.nodes(n) <= room), default=0)


def _whole(answer: Any) -> int | None:
    """The answer as a whole number (``53``, ``"53"``, ``53.0``), or None."""
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    try:
        return whole_number(answer, "answer")
    except (AksKitError, TypeError, ValueError):
        return None


def _number(answer: Any, correct: int, *, why: str, mistakes: Mapping[int, str], unit: str, hint: str) -> Feedback:
    """``expect_number``, with this question's next step (never the answer) for an unanticipated value."""
    feedback = expect_number(answer, correct, why=why, mistakes=mistakes, unit=unit)
    value = _whole(answer)
    if feedback.correct or value is None or value in mistakes:
        return feedback
    direction = "too high" if value > correct else "too low"
    return Feedback(False, f"{value:,} {unit} is {direction}. Next step: {hint}")


# --- Predictions: asked before the notebook shows the answer -------------------------------


def _vnet_addresses_for_50(answer: Any) -> Feedback:
    nodes, max_pods = 50, 110
    result = plan(cluster("kubenet", [pool("system", nodes, max_pods=max_pods, max_surge=_SURGE)]))
    need = result.node_subnet.ips_required
    return _number(
        answer,
        need,
        unit="addresses",
        why=f"{nodes} nodes plus {need - nodes} surge nodes, one VNet address each; kubenet pods take none.",
        mistakes={
            nodes: "that counts today's nodes; an upgrade adds surge nodes, and each takes a VNet address too.",
            nodes + LEGACY_SURGE.nodes(nodes): "that is the old surge of one node; today's default is 10 % of the "
            "pool, rounded up.",
            nodes * max_pods: "with kubenet, pods take their addresses from the pod CIDR, not from the VNet.",
            need * max_pods: "with kubenet, pods take their addresses from the pod CIDR, not from the VNet.",
            need * (max_pods + 1): "that is Azure CNI's rule (every node reserves an address per pod); kubenet's "
            "pods live outside the VNet.",
        },
        hint="count one address per node, then add the surge nodes (10 % of 50, rounded up).",
    )


def _default_pod_cidr_nodes(answer: Any) -> Feedback:
    blocks = pod_cidr_blocks(DEFAULT_POD_CIDR)
    return _number(
        answer,
        blocks,
        unit="nodes",
        why=f"each node takes a whole /24 of {DEFAULT_POD_CIDR}, and a /16 holds 2^(24-16) of them.",
        mistakes={
            DEFAULT_POD_CIDR.num_addresses: "that counts addresses; each node takes a whole /24 block of them.",
            usable_ips(DEFAULT_POD_CIDR.prefixlen): "Azure's 5 reserved addresses apply to VNet subnets; the pod "
            "CIDR is not a VNet subnet, and each node takes a whole /24.",
            blocks - 5: "the 5 reserved addresses belong to VNet subnets; none are taken out of the pod CIDR.",
            _most_nodes(blocks): "that is the pool size once surge is set aside; the question counts the surge "
            "nodes too.",
            ROUTE_TABLE_LIMIT: "that is a different ceiling (you will meet it in section 3); this one is the pod "
            "CIDR's.",
        },
        hint="how many /24 blocks fit in a /16? Each extra prefix bit doubles the count.",
    )


def _what_runs_out_first(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "c",
        why="the route table: one route per node, and a route table holds a fixed number of routes.",
        wrong={
            "a": "the /22 has over a thousand usable addresses and each node takes one; something else fills up "
            "well before that.",
            "b": "a /15 holds 512 per-node /24 blocks; something else fills up before the pod CIDR does.",
        },
    )


def _source_seen_by_vm(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="the node rewrites the source to its own IP (NAT), because the VNet does not know the pod CIDR.",
        wrong={
            "a": "pods on two nodes do see each other's IPs, but a VM could not reply to a pod CIDR address: "
            "the VNet does not know that range.",
            "c": "the outbound public IP only appears for traffic to the internet, not inside the VNet.",
        },
    )


PREDICTIONS: tuple[Exercise, ...] = (
    Exercise(
        "3.p1",
        "kubenet, 50 nodes, max pods 110, 10% surge: how many node-subnet (VNet) addresses?",
        _vnet_addresses_for_50,
    ),
    Exercise(
        "3.p2", "How many nodes (surge included) can the default pod CIDR 10.244.0.0/16 serve?", _default_pod_cidr_nodes
    ),
    Exercise(
        "3.p3",
        "A /22 node subnet and a /15 pod CIDR: what runs out first? a) the subnet, b) the pod CIDR, c) something else",
        _what_runs_out_first,
    ),
    Exercise(
        "3.p4",
        "A kubenet pod calls a VM in the VNet. Which source does the VM see? "
        "a) the pod IP, b) the node IP, c) the outbound public IP",
        _source_seen_by_vm,
    ),
)


# --- Exercises: new work, answers not on the screen ----------------------------------------


def _usable_slash_26(answer: Any) -> Feedback:
    size = 2 ** (32 - 26)
    return _number(
        answer,
        usable_ips(26),
        unit="addresses",
        why=f"a /26 has {size} addresses and Azure keeps 5 of them (network, gateway, two DNS, broadcast).",
        mistakes={
            size: "that is every address in the /26; Azure keeps some for itself in every subnet.",
            size - 2: "that is the classic network-and-broadcast rule; Azure keeps more than two.",
            size - _KUBENET_PAGE_RESERVED: "the kubenet page says 'the first three', but that text disagrees with "
            "Azure's own virtual network FAQ (and with its own /24 example): count again.",
        },
        hint="a /26 has 2^(32-26) addresses; take away the ones Azure keeps in every subnet.",
    )


def _autoscaled_prefix(answer: Any) -> Feedback:
    today, most, max_pods = 20, 56, 110
    need = plan(cluster("kubenet", [pool("system", today, max_count=most, max_surge=_SURGE)])).node_subnet.ips_required
    prefix = smallest_subnet_prefix(need) or 0
    today_need = plan(cluster("kubenet", [pool("system", today, max_surge=_SURGE)])).node_subnet.ips_required
    # Sizing for the maximum without surge, with the old surge of one node, or with all 64 addresses of a
    # /26 all land on the same too-small prefix.
    short = smallest_subnet_prefix(most) or 0
    return expect_prefix(
        answer,
        prefix,
        why=f"plan for the autoscaler maximum plus surge: {need} node IPs (pods take none), and the smallest "
        "subnet whose usable addresses (size minus 5) hold them.",
        mistakes={
            smallest_subnet_prefix(today_need) or 0: "that fits today's 20 nodes, but the autoscaler may grow "
            "the pool to its maximum: size for that.",
            short: "too small by a little: check the three usual slips: surge is 10 % of the maximum, rounded "
            "up (not one node); Azure keeps 5 addresses of every subnet.",
            smallest_subnet_prefix(need * max_pods) or 0: "kubenet pods do not take VNet addresses; only nodes do.",
            need: "that is the number of addresses; the question asks for a prefix length such as /24.",
        },
    )


def _slash_18_diagnosis(answer: Any) -> Feedback:
    pod_cidr = "10.244.0.0/18"
    result = plan(
        cluster("kubenet", [pool("system", 0, max_surge=_SURGE)], node_subnet="10.224.0.0/22", pod_cidr=pod_cidr)
    )
    most = result.capacity.max_nodes or 0  # limited by the pod CIDR (the test checks it)
    blocks = pod_cidr_blocks(parse_network(pod_cidr))
    return _number(
        answer,
        most,
        unit="nodes",
        why=f"a /18 holds {blocks} per-node /24 blocks; {most} nodes plus their {blocks - most} surge nodes "
        "take them all.",
        mistakes={
            blocks: "that is every /24 block of the /18; an upgrade's surge nodes need blocks too.",
            blocks - LEGACY_SURGE.nodes(blocks): "that leaves one block for surge (the old default); today's is "
            "10 % of the pool, rounded up.",
            _most_nodes(blocks - 5): "the 5 reserved addresses belong to VNet subnets, not to the pod CIDR.",
            2 ** (32 - 18): "that counts addresses; each node takes a whole /24 block.",
            KUBENET_MAX_NODES: "that is the route table's ceiling; this cluster hits another one long before.",
            _most_nodes(ROUTE_TABLE_LIMIT): "that is the route table's ceiling with surge; this cluster hits "
            "another one long before.",
        },
        hint="count the /24 blocks in a /18, then find the largest pool whose 10 % surge, rounded up, still fits.",
    )


def _slash_18_fix(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "c",
        why="a kubenet pod CIDR can't be changed after deployment; migrating to Azure CNI Overlay can take a "
        "new, larger pod CIDR (`--pod-cidr`), or you build a new cluster.",
        wrong={
            "a": "a kubenet cluster's pod CIDR can't be changed after deployment (configure kubenet page).",
            "b": "every node pool of a kubenet cluster takes its /24 blocks from the same, single pod CIDR.",
            "d": "the node subnet is not what ran out: a /22 has room for hundreds of nodes. Which range did run out?",
        },
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("3.1", "How many usable addresses does a /26 node subnet have?", _usable_slash_26),
    Exercise(
        "3.2",
        "kubenet, 20 nodes autoscaling to 56, 10% surge: the smallest node-subnet prefix?",
        _autoscaled_prefix,
    ),
    Exercise(
        "3.3",
        "kubenet with pod CIDR 10.244.0.0/18 and 10% surge stops scaling: how many nodes at most?",
        _slash_18_diagnosis,
    ),
    Exercise(
        "3.4",
        "The /18 cluster must reach 100 nodes: what fixes it? a) az aks update the pod CIDR, b) a second "
        "node pool, c) migrate to Azure CNI Overlay with a larger pod CIDR, d) a larger node subnet",
        _slash_18_fix,
    ),
)
