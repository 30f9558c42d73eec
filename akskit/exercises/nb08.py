"""The end-of-course check (notebook 08): ten questions across notebooks 01-06, each with new numbers.

Every expected answer is computed by the library; every numeric question anticipates at
least three plausible mistakes, each computed from the same inputs with one step done wrong.

>>> from akskit.exercises import check
>>> bool(check("8.1", "b")), bool(check("8.1", "a"))
(True, False)
>>> check("8.2", ...).correct
False
"""

from __future__ import annotations

import math
from typing import Any

from akskit.engine import facts
from akskit.engine.cidr import parse_network, pod_cidr_blocks, smallest_subnet_prefix, usable_ips
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import LEGACY_SURGE, parse_surge
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix

__all__ = ["EXERCISES", "PREDICTIONS"]

PREDICTIONS: tuple[Exercise, ...] = ()


# 8.1 (notebook 01) ---------------------------------------------------------------------------


def _no_vnet_address(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="the control plane runs in a subscription AKS manages, outside your VNet; only a private cluster or "
        "API Server VNet Integration brings an address of it into your network.",
        wrong={
            "a": "every node is an Azure VM in your node subnet, so each takes one address from it.",
            "c": "with Azure CNI (node subnet) every pod takes a VNet address, reserved up front per node.",
            "d": "an internal load balancer's front end is an address in your subnet.",
        },
    )


# 8.2 (notebook 02) ---------------------------------------------------------------------------

_SURGE_POOL = 14


def _surge_nodes(answer: Any) -> Feedback:
    default = parse_surge(f"{facts.DEFAULT_MAX_SURGE_PERCENT}%")
    correct = default.nodes(_SURGE_POOL)
    exact = _SURGE_POOL * facts.DEFAULT_MAX_SURGE_PERCENT / 100
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"{default} of {_SURGE_POOL} is {exact:g}, and AKS rounds a percentage up to whole nodes.",
        mistakes={
            math.floor(exact): f"{default} of {_SURGE_POOL} is {exact:g}: AKS rounds a surge percentage up, not down "
            f"(and the legacy surge of {LEGACY_SURGE} node is no longer the default).",
            parse_surge(facts.PRODUCTION_MAX_SURGE).nodes(_SURGE_POOL): f"that is Microsoft's production advice, "
            f"{facts.PRODUCTION_MAX_SURGE}; the question asks for the default.",
            _SURGE_POOL
            + correct: "that counts every node during the upgrade; the question asks only for the extra ones.",
        },
    )


# 8.3 (notebook 03) ---------------------------------------------------------------------------

_KUBENET_NODES = 300


def _kubenet_pod_cidr(answer: Any) -> Feedback:
    p = plan(cluster("kubenet", [pool("system", _KUBENET_NODES)]))
    blocks = p.planned_nodes
    correct = p.pod_cidr.largest_prefix if p.pod_cidr is not None else 0
    return expect_prefix(
        answer,
        correct,
        why=f"{_KUBENET_NODES} nodes plus the default surge make {blocks} nodes, each taking one "
        f"/{facts.POD_CIDR_BLOCK_PREFIX}; a /{correct} holds {pod_cidr_blocks(parse_network(f'10.0.0.0/{correct}'))}.",
        mistakes={
            correct + 1: f"a /{correct + 1} holds {1 << (facts.POD_CIDR_BLOCK_PREFIX - correct - 1)} blocks of "
            f"/{facts.POD_CIDR_BLOCK_PREFIX}: fewer than the nodes (did you forget the upgrade surge, or count "
            "addresses instead of per-node blocks?).",
            smallest_subnet_prefix(blocks) or 0: "that would be the node subnet (one address per node); the pod "
            f"CIDR gives every node a whole /{facts.POD_CIDR_BLOCK_PREFIX}.",
            blocks: "that is the number of blocks; the question asks for the prefix length of the range that holds "
            "them.",
            _KUBENET_NODES: "that is the node count before surge, and a count, not a prefix.",
        },
    )


# 8.4 (notebook 03) ---------------------------------------------------------------------------


def _kubenet_limit(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "c",
        why=f"kubenet adds one route per node to one route table, and a route table holds {facts.ROUTE_TABLE_LIMIT} "
        "routes: the pod CIDR and the subnet still have room.",
        wrong={
            "a": f"a /20 has {usable_ips(20):,} usable addresses and kubenet takes one per node: room to spare.",
            "b": f"a /14 pod CIDR holds {pod_cidr_blocks(parse_network('10.0.0.0/14')):,} per-node blocks: room to "
            "spare.",
            "d": f"a pool may have {facts.MAX_NODES_PER_POOL:,} nodes; something else stops this one first.",
        },
    )


# 8.5 (notebook 04) ---------------------------------------------------------------------------

_CNI_NODES, _CNI_PODS = 14, 40


def _cni_pool(answer: Any) -> Feedback:
    def need(surge: int | str | None, model: str = "azure-cni") -> int:
        return plan(cluster(model, [pool("system", _CNI_NODES, max_pods=_CNI_PODS, max_surge=surge)])).vnet_ips_required

    correct = need(None)
    surge = parse_surge(f"{facts.DEFAULT_MAX_SURGE_PERCENT}%").nodes(_CNI_NODES)
    return expect_number(
        answer,
        correct,
        unit="addresses",
        why=f"{_CNI_NODES} nodes plus {surge} surge nodes, each with its own address and {_CNI_PODS} reserved for "
        "pods.",
        mistakes={
            need(0): "that leaves out the upgrade's surge nodes, which take addresses too.",
            need("legacy"): "that uses the legacy surge of one node; today's default is a percentage, rounded up.",
            (_CNI_NODES + surge) * _CNI_PODS: "each node also takes one address for itself, besides its pods'.",
            correct + facts.AZURE_RESERVED_IPS: "Azure's 5 reserved addresses matter when you pick the subnet's "
            "size; the question asks what the pool takes.",
            need(None, "overlay"): "that would be Overlay or kubenet; with Azure CNI (node subnet) pods take VNet "
            "addresses too.",
        },
    )


# 8.6 (notebook 04) ---------------------------------------------------------------------------


def _cni_upgrade_fails(answer: Any) -> Feedback:
    cni = traits(NetworkModel.AZURE_CNI)
    per_node = cni.node_subnet_ips_per_node(cni.default_max_pods)
    return expect_choice(
        answer,
        "a",
        why=f"each node reserves {per_node} addresses, and the upgrade's surge node needs its {per_node} before an "
        f"old node leaves: one node more than a /24's {usable_ips(24)} usable addresses can hold.",
        wrong={
            "b": "Azure CNI (node subnet) writes no per-node routes: the route-table limit is kubenet's.",
            "c": "Azure CNI (node subnet) has no pod CIDR: pods take addresses from the node subnet.",
            "d": "an upgrade moves one minor version at a time, and the question's cluster did; look at the addresses.",
        },
    )


# 8.7 (notebook 05) ---------------------------------------------------------------------------

_OVERLAY_START, _OVERLAY_NODES = 3, 40


def _overlay_ips(answer: Any) -> Feedback:
    def need(
        surge: int | str | None, model: str = "overlay", pods: int | None = None, max_count: int | None = _OVERLAY_NODES
    ) -> int:
        spec = cluster(model, [pool("system", _OVERLAY_START, max_count=max_count, max_pods=pods, max_surge=surge)])
        return plan(spec).vnet_ips_required

    correct = need(None)
    return expect_number(
        answer,
        correct,
        unit="addresses",
        why="with Overlay pods take addresses from the private pod CIDR; the node subnet holds one address per "
        "node at the autoscaler's maximum, plus the surge nodes.",
        mistakes={
            need(0): "that leaves out the upgrade's surge nodes, which take node-subnet addresses too.",
            need("legacy"): "that uses the legacy surge of one node; the default is a percentage, rounded up.",
            need(None, max_count=None): "plan for the autoscaler's maximum, not the starting node count.",
            need(None, "azure-cni", 30): "that counts pods in the node subnet, as Azure CNI (node subnet) does; "
            "Overlay's pods live in the pod CIDR.",
            correct + facts.AZURE_RESERVED_IPS: "Azure's 5 reserved addresses matter when you pick the subnet's size; "
            "the question asks what the cluster takes.",
        },
    )


# 8.8 (notebook 05) ---------------------------------------------------------------------------

_DYN_NODES, _DYN_PODS, _DYN_SURGE = 10, 50, 1


def _dynamic(answer: Any) -> Feedback:
    spec = cluster("pod-subnet", [pool("system", _DYN_NODES, max_pods=_DYN_PODS, max_surge=_DYN_SURGE)])
    p = plan(spec)
    correct = p.pod_subnet.ips_required if p.pod_subnet is not None else 0
    nodes = _DYN_NODES + _DYN_SURGE
    per_node = traits(NetworkModel.POD_SUBNET).pod_subnet_ips_per_node(_DYN_PODS)
    return expect_number(
        answer,
        correct,
        unit="addresses",
        why=f"each of the {nodes} nodes (surge included) ends up holding {per_node}: batches of "
        f"{facts.DYNAMIC_BATCH_IPS}, another whenever fewer than {facts.DYNAMIC_MIN_FREE_IPS} are free.",
        mistakes={
            nodes * facts.DYNAMIC_BATCH_IPS: "that is the floor, one batch per node at start; plan for every pod "
            "slot in use.",
            _DYN_NODES * per_node: "that leaves out the upgrade's surge node, which takes pod-subnet addresses too.",
            nodes * _DYN_PODS: "addresses arrive in batches of 16, and a node asks for another batch before it runs "
            "out: round up.",
            nodes * (_DYN_PODS + 1): "that is Azure CNI (node subnet)'s count; here the node's own address is in the "
            "node subnet and pod addresses come in batches.",
        },
    )


# 8.9 (notebook 05) ---------------------------------------------------------------------------

_STATIC_PODS = 48


def _static_answer() -> int:
    return traits(NetworkModel.POD_SUBNET_STATIC).pod_subnet_ips_per_node(_STATIC_PODS) // facts.STATIC_BLOCK_IPS


def _static_blocks(answer: Any) -> Feedback:
    ips = traits(NetworkModel.POD_SUBNET_STATIC).pod_subnet_ips_per_node(_STATIC_PODS)
    correct = _static_answer()
    return expect_number(
        answer,
        correct,
        unit="blocks",
        why=f"{_STATIC_PODS} pods plus one address make {_STATIC_PODS + 1}; blocks of {facts.STATIC_BLOCK_IPS} "
        "round up.",
        mistakes={
            _STATIC_PODS // facts.STATIC_BLOCK_IPS: "one more address than the pods is needed per node: count it "
            "before you divide.",
            ips: "that is the addresses; the question asks for /28 blocks.",
            _STATIC_PODS + 1: "that is the addresses needed; blocks hold 16 each.",
        },
    )


# 8.10 (notebook 06) --------------------------------------------------------------------------


def _service_fix(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="the DNS service IP must sit inside the service CIDR, so moving the range moves it too "
        "(AKS's convention is the range's .10).",
        wrong={
            "a": "the DNS service IP stays at its default, 10.0.0.10, which is now outside the new range: AKS "
            "refuses the cluster.",
            "c": "the pod CIDR does not clash here; the service CIDR does, and it stays where it was.",
            "d": "Services' addresses never leave the cluster, but packets to the peered range would be captured by "
            "the cluster's own service rules: they must not overlap.",
        },
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("8.1", "Which part of an AKS cluster takes no address from your VNet by default?", _no_vnet_address),
    Exercise(
        "8.2",
        f"A pool of {_SURGE_POOL} nodes upgrades with AKS's default max surge: how many extra nodes at once?",
        _surge_nodes,
        spoilers=tuple(
            f"{parse_surge(f'{facts.DEFAULT_MAX_SURGE_PERCENT}%').nodes(_SURGE_POOL)} {w}"
            for w in ("extra", "surge", "nodes")
        ),
    ),
    Exercise("8.3", f"Smallest pod CIDR for a kubenet cluster of {_KUBENET_NODES} nodes?", _kubenet_pod_cidr),
    Exercise("8.4", "What stops a kubenet cluster from growing to 450 nodes?", _kubenet_limit),
    Exercise("8.5", f"VNet addresses for an Azure CNI pool of {_CNI_NODES} nodes, max pods {_CNI_PODS}?", _cni_pool),
    Exercise("8.6", "Why does an upgrade of 8 Azure CNI nodes fail in a /24?", _cni_upgrade_fails),
    Exercise("8.7", f"Node-subnet addresses for Overlay with an autoscaler maximum of {_OVERLAY_NODES}?", _overlay_ips),
    Exercise("8.8", "Pod-subnet addresses with dynamic allocation, worst case?", _dynamic),
    Exercise(
        "8.9",
        f"/28 blocks one node takes with static block allocation and max pods {_STATIC_PODS}?",
        _static_blocks,
        spoilers=tuple(f"{_static_answer()} {w}" for w in ("blocks", "/28", "blocks of /28")),
    ),
    Exercise("8.10", "The complete fix for a service CIDR that overlaps a peered network?", _service_fix),
)
