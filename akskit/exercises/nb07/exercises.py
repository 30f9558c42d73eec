"""Exercises 7.1-7.4 of notebook 07 (when AKS says no): new errors to diagnose and fix.

Create-time numbers plan the cluster at ``moment="create"``: when it creates a cluster or adds a
pool, AKS counts each pool's autoscaler maximum (or count) without surge. 7.3's upgrade plans the
running pool (``max_surge=0``) against the pool with its surge. Expected answers come from the library.
"""

from __future__ import annotations

from typing import Any

from akskit.engine import facts
from akskit.engine.cidr import parse_network, usable_ips
from akskit.engine.plans import plan
from akskit.engine.spec import ClusterSpec, cluster, pool
from akskit.engine.surge import Surge, parse_surge
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_prefix
from akskit.exercises.nb05._mistakes import expect_number_with_hint, note_mistake

__all__ = ["EXERCISES"]

# 7.1 and 7.2: a create that fails at 11 nodes ----------------------------------------------
SUBNET_71 = "10.50.0.0/22"
SYSTEM_71, APPS_71, APPS_MAX_71, PODS_SYSTEM_71, PODS_APPS_71 = 3, 11, 20, 30, 50


def _create_spec(*, max_count: int | None = APPS_MAX_71, moment: str = "create") -> ClusterSpec:
    """The 7.1 cluster, planned when AKS creates it (``"create"``: no surge) or upgrades it (the default surge)."""
    return cluster(
        "azure-cni",
        [
            pool("system", SYSTEM_71, max_pods=PODS_SYSTEM_71),
            pool("apps", APPS_71, max_count=max_count, max_pods=PODS_APPS_71),
        ],
        node_subnet=SUBNET_71,
        moment=moment,
    )


def _which_setting(answer: Any) -> Feedback:
    today = plan(_create_spec(max_count=None)).node_subnet
    return expect_choice(
        answer,
        "b",
        why="at create AKS pre-allocates for each pool's autoscaler maximum, not today's count: the apps pool is "
        f"counted at {APPS_MAX_71} nodes, and that no longer fits the /22.",
        wrong={
            "a": f"at today's {APPS_71} nodes the two pools take {today.ips_required:,} addresses, and the /22 has "
            f"{today.usable_ips:,} usable: they fit.",
            "c": "at create AKS counts no surge; surge comes with upgrades.",
            "d": f"the system pool's {SYSTEM_71} nodes take {SYSTEM_71} × ({PODS_SYSTEM_71} + 1) addresses, a small "
            "share; look at the pool that can grow.",
        },
    )


def _pre_allocated(answer: Any) -> Feedback:
    correct = plan(_create_spec()).node_subnet.ips_required
    pools = _create_spec().pools
    mistakes: dict[int, str] = {}
    note_mistake(
        mistakes,
        plan(_create_spec(max_count=None)).node_subnet.ips_required,
        "that uses the apps pool's count today; with the autoscaler on, AKS counts its max count (and that "
        "number would have fitted).",
    )
    note_mistake(
        mistakes,
        plan(_create_spec(moment="upgrade")).node_subnet.ips_required,
        "that adds the default surge (10 %, rounded up per pool); at create AKS counts no surge.",
    )
    note_mistake(
        mistakes,
        sum(p.size * p.max_pods for p in pools if p.max_pods is not None),
        "each node also takes one address of its own: max pods + 1 per node.",
    )
    note_mistake(
        mistakes,
        correct + facts.AZURE_RESERVED_IPS,
        "Azure's 5 reserved addresses are already off the 'IPs available' side of the message; the "
        "pre-allocated side counts only the pools.",
    )
    note_mistake(
        mistakes,
        APPS_MAX_71 * (PODS_APPS_71 + 1),
        "that is the apps pool alone; AKS adds up every pool on the subnet.",
    )
    return expect_number_with_hint(
        answer,
        correct,
        unit="addresses",
        why=f"system: {SYSTEM_71} × ({PODS_SYSTEM_71} + 1); apps at its max count: {APPS_MAX_71} × "
        f"({PODS_APPS_71} + 1); no surge at create.",
        mistakes=mistakes,
        hint="per pool, the nodes AKS counts at create (max count if the autoscaler is on, no surge) × "
        "(max pods + 1); then add the pools.",
    )


# 7.3: SubnetIsFull at upgrade ---------------------------------------------------------------
SUBNET_73, NODES_73, PODS_73, SURGE_73 = "10.60.0.0/23", 12, 40, "33%"


def _upgrade_ask(answer: Any) -> Feedback:
    def ips(surge: int | str) -> int:
        spec = cluster(
            "azure-cni", [pool("system", NODES_73, max_pods=PODS_73, max_surge=surge)], node_subnet=SUBNET_73
        )
        return plan(spec).node_subnet.ips_required

    running, peak = ips(0), ips(SURGE_73)
    correct = peak - running
    per_node = PODS_73 + 1
    surge = parse_surge(SURGE_73)
    exact = NODES_73 * surge.value / 100
    mistakes: dict[int, str] = {}
    note_mistake(
        mistakes,
        int(exact) * per_node,
        f"{SURGE_73} of {NODES_73} is {exact:g}: AKS rounds a surge percentage up to whole nodes, not down.",
    )
    note_mistake(
        mistakes,
        Surge(facts.LEGACY_MAX_SURGE_NODES, False).nodes(NODES_73) * per_node,
        f"that is the legacy surge of one node; this pool's max surge is {SURGE_73}.",
    )
    note_mistake(mistakes, correct - correct // per_node, "each surge node also takes one address of its own.")
    note_mistake(mistakes, peak, "that is the pool and its surge together; the running nodes already hold their share.")
    free = usable_ips(parse_network(SUBNET_73)) - running
    note_mistake(
        mistakes,
        correct - free,
        f"that is how far short the subnet falls ({free} are still free); the message counts what the upgrade asks.",
    )
    return expect_number_with_hint(
        answer,
        correct,
        unit="addresses",
        why=f"the upgrade adds {SURGE_73} of {NODES_73} nodes, rounded up, before removing any, and each new node "
        f"takes {PODS_73} + 1 addresses at once.",
        mistakes=mistakes,
        hint="how many surge nodes (the percentage of the pool, rounded up), then what each takes with Azure CNI "
        "Node Subnet.",
    )


# 7.4: the overlay pod CIDR, fixed for create and the first upgrade ---------------------------
POD_CIDR_74, NODES_74 = "10.244.0.0/20", 30


def _pod_cidr_fix(answer: Any) -> Feedback:
    def prefix(moment: str) -> int:
        p = plan(cluster("overlay", [pool("system", NODES_74)], pod_cidr=POD_CIDR_74, moment=moment))
        assert p.pod_cidr is not None  # overlay always plans a pod CIDR
        return p.pod_cidr.largest_prefix

    correct, create = prefix("upgrade"), prefix("create")
    block = 1 << (32 - facts.POD_CIDR_BLOCK_PREFIX)
    planned = plan(cluster("overlay", [pool("system", NODES_74)])).planned_nodes
    at_create = (
        f"a /{create} holds {1 << (facts.POD_CIDR_BLOCK_PREFIX - create)} nodes: enough at create, but the first "
        "upgrade adds surge nodes (10 % by default, rounded up), each with its own /24."
    )
    return expect_prefix(
        answer,
        correct,
        why=f"{NODES_74} nodes plus their default surge need one /24 each; a /{correct} is the smallest range with "
        "that many /24 blocks.",
        mistakes={
            create: at_create,
            parse_network(POD_CIDR_74).prefixlen: "that is the pod CIDR that failed.",
            facts.POD_CIDR_BLOCK_PREFIX: "a /24 is one node's block; the pod CIDR holds one per node.",
            NODES_74 * block: "that is the address count from the message; the question asks for a prefix.",
            planned * block: "that is an address count; the question asks for a prefix.",
            planned: "that is the node count with surge; which prefix holds that many /24 blocks?",
        },
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "7.1",
        f"Azure CNI, a {SUBNET_71}: the create fails with the apps pool at {APPS_71} nodes. Which setting pushed it "
        "over?",
        _which_setting,
    ),
    Exercise("7.2", "The number AKS printed as pre-allocated IPs for the 7.1 cluster?", _pre_allocated),
    Exercise(
        "7.3",
        f"Azure CNI, {NODES_73} nodes, max pods {PODS_73}, max surge {SURGE_73}: addresses the upgrade asks for?",
        _upgrade_ask,
    ),
    Exercise(
        "7.4",
        f"Overlay, {NODES_74} nodes, pod CIDR {POD_CIDR_74} too small: the smallest that survives the first upgrade?",
        _pod_cidr_fix,
    ),
)
