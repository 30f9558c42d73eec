"""Predictions and exercises for notebook 02 (why AKS): surge, upgrade peaks, the autoscaler, policy, virtual nodes.

Expected answers come from the library (:mod:`akskit.course.upgrade`, :func:`akskit.plan`,
:mod:`akskit.course.policy`, :func:`akskit.smallest_subnet_prefix`); known slips are
recomputed with that term left out, so each wrong value they produce gets its own explanation.
The predictions ask before the notebook shows the answer; the exercises use numbers the
notebook never shows.

>>> from akskit.exercises.nb02 import EXERCISES, PREDICTIONS
>>> [e.id for e in PREDICTIONS], [e.id for e in EXERCISES]
(['2.p1', '2.p2', '2.p3', '2.p4'], ['2.1', '2.2', '2.3', '2.4', '2.5'])
"""

from __future__ import annotations

from typing import Any

from akskit.course.policy import RULES, RULES_BY_ID, fleet_member
from akskit.course.upgrade import model_timeline
from akskit.engine.cidr import smallest_subnet_prefix, usable_ips
from akskit.engine.errors import quote
from akskit.engine.plans import plan
from akskit.engine.spec import ClusterSpec, cluster, pool
from akskit.engine.surge import parse_surge
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix


def _mistakes(correct: int, slips: list[tuple[int, str]]) -> dict[int, str]:
    """Wrong values and why, leaving out any slip that happens to land on the right answer."""
    found: dict[int, str] = {}
    for value, reason in slips:
        if value != correct:
            found.setdefault(value, reason if reason.endswith(".") else reason + ".")
    return found


def _node_ips(spec: ClusterSpec) -> int:
    return plan(spec).node_subnet.ips_required


def _prefix(ips: int) -> int:
    """The smallest subnet prefix for ``ips`` addresses (every count here fits a subnet)."""
    prefix = smallest_subnet_prefix(ips)
    if prefix is None:  # pragma: no cover - the counts in this module are a few hundred or thousand
        raise ValueError(f"ips must fit one subnet (got {ips:,})")
    return prefix


# 2.p1: the peak of one upgrade (the notebook's worked example, asked first) ------------------
POOL_P1, SURGE_P1, MAX_PODS_P1 = 12, "33%", 30


def _peak_p1(answer: Any) -> Feedback:
    t = model_timeline("azure-cni", POOL_P1, SURGE_P1, max_pods=MAX_PODS_P1)
    per_node = MAX_PODS_P1 + 1
    rounded_down = POOL_P1 * parse_surge(SURGE_P1).value // 100
    return expect_number(
        answer,
        t.peak_ips,
        unit="IPs",
        why=f"{t.surge_nodes} surge nodes join the {POOL_P1}, and each of the {t.peak_nodes} takes {per_node} IPs.",
        mistakes=_mistakes(
            t.peak_ips,
            [
                (t.baseline_ips, "that is the pool before the upgrade: the surge nodes take IPs too"),
                ((POOL_P1 + rounded_down) * per_node, "AKS rounds a max-surge percentage *up* to a whole node"),
                ((POOL_P1 + 1) * per_node, "a surge of 1 node is the old default; here max surge is 33% of the pool"),
                (t.peak_nodes * MAX_PODS_P1, "each node also takes its own IP, on top of one per pod slot"),
                (t.peak_nodes, "that is the node count; on Azure CNI Node Subnet each node takes max pods + 1 IPs"),
            ],
        ),
    )


# 2.p2: the autoscaler's max count (asked before the notebook's table) ------------------------
NODES_P2, MAX_COUNT_P2, MAX_PODS_P2, SURGE_P2 = 5, 20, 30, 1


def _autoscaler_p2(answer: Any) -> Feedback:
    def need(max_count: int | None, surge: int) -> int:
        return _node_ips(
            cluster("azure-cni", [pool("user", NODES_P2, max_count=max_count, max_pods=MAX_PODS_P2, max_surge=surge)])
        )

    correct = need(MAX_COUNT_P2, SURGE_P2)
    per_node = MAX_PODS_P2 + 1
    return expect_number(
        answer,
        correct,
        unit="IPs",
        why="plan for max count plus the surge node, each node taking max pods + 1 IPs.",
        mistakes=_mistakes(
            correct,
            [
                (need(None, SURGE_P2), "that is today's pool: the autoscaler may add nodes up to max count"),
                (need(MAX_COUNT_P2, 0), "an upgrade at max count still adds its surge node"),
                (correct - correct // per_node, "each node also takes its own IP, on top of one per pod slot"),
            ],
        ),
    )


# 2.p3: which tool catches a subnet that can't hold the upgrade? ------------------------------
def _which_tool_p3(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "c",
        why="akskit computes the upgrade's peak from the plan, before anything exists in Azure; "
        "none of Azure Policy's built-in AKS definitions does that arithmetic.",
        wrong={
            "a": "Azure Policy can deny a request whose settings break a rule, but none of its built-in AKS "
            "definitions compares a subnet's size with an upgrade's peak.",
            "b": "an audit marks resources that break a rule's conditions; no built-in AKS definition computes "
            "nodes + surge times IPs per node against the subnet.",
            "d": "that is what happens without a pre-flight check; one of the other tools does catch it. "
            "Which one sees the whole plan?",
        },
    )


# 2.p4: the virtual-node subnet for a burst -------------------------------------------------
BURST_P4 = 252


def _burst_prefix_p4(answer: Any) -> Feedback:
    correct = _prefix(BURST_P4)
    too_small = correct + 1
    return expect_prefix(
        answer,
        correct,
        why=f"{BURST_P4} pod IPs plus Azure's 5 reserved need {BURST_P4 + 5} addresses, one more than a "
        f"/{too_small} has.",
        mistakes={
            too_small: f"a /{too_small} has {2 ** (32 - too_small)} addresses but only {usable_ips(too_small)} "
            "usable: Azure keeps 5 of every subnet.",
            BURST_P4: "that is the pod count; the question asks for a prefix length such as /27.",
            BURST_P4 + 5: "that is the address count; which prefix holds that many?",
        },
    )


# 2.1: the peak of a two-pool cluster ------------------------------------------------------
SYSTEM_21, USER_21, SURGE_21, MAX_PODS_21 = 3, 20, "33%", 40


def _two_pools(answer: Any) -> Feedback:
    def spec(system_surge: int | str, user_surge: int | str, max_pods: int = MAX_PODS_21) -> ClusterSpec:
        return cluster(
            "azure-cni",
            [
                pool("system", SYSTEM_21, max_pods=max_pods, max_surge=system_surge),
                pool("user", USER_21, max_pods=max_pods, max_surge=user_surge),
            ],
        )

    correct = _node_ips(spec(SURGE_21, SURGE_21))
    pct = parse_surge(SURGE_21).value
    per_node = MAX_PODS_21 + 1
    down = (SYSTEM_21 + USER_21 + SYSTEM_21 * pct // 100 + USER_21 * pct // 100) * per_node
    return expect_number(
        answer,
        correct,
        unit="IPs",
        why="each pool surges by its own 33%, rounded up; every node up at the peak takes max pods + 1 IPs.",
        mistakes=_mistakes(
            correct,
            [
                (_node_ips(spec(0, 0)), "that is the cluster before the upgrade: both pools add surge nodes"),
                (down, "AKS rounds each pool's percentage *up*: even 33% of 3 nodes is one whole node"),
                (_node_ips(spec(0, SURGE_21)), "the system pool surges too: max surge is set per pool"),
                (_node_ips(spec(1, 1)), "a surge of 1 node per pool is the old default; here each pool surges 33%"),
                (correct - correct // per_node, "each node also takes its own IP, on top of one per pod slot"),
            ],
        ),
    )


# 2.2: peak node-subnet IPs while upgrading Azure CNI nodes ---------------------------------
POOL_22, SURGE_22, MAX_PODS_22 = 10, "50%", 50


def _peak_ips(answer: Any) -> Feedback:
    t = model_timeline("azure-cni", POOL_22, SURGE_22, max_pods=MAX_PODS_22)
    return expect_number(
        answer,
        t.peak_ips,
        unit="IPs",
        why=f"{t.peak_nodes} nodes are up at once, each holding its own IP plus {MAX_PODS_22} pod IPs.",
        mistakes=_mistakes(
            t.peak_ips,
            [
                (t.baseline_ips, "that is the pool before the upgrade: add the surge nodes, which take IPs too"),
                (t.peak_nodes * MAX_PODS_22, "each node also takes its own IP, on top of one IP per pod slot"),
                (t.peak_nodes, "on Azure CNI Node Subnet every node reserves IPs for its pods too, not one IP each"),
                ((POOL_22 + 1) * (MAX_PODS_22 + 1), "a surge of 1 node is the old default; here max surge is 50%"),
                (POOL_22 * MAX_PODS_22, "two terms are missing: the surge nodes, and each node's own IP"),
            ],
        ),
    )


# 2.3: the node-subnet prefix for a pool the autoscaler may grow ----------------------------
NODES_23, MAX_COUNT_23, MAX_PODS_23, SURGE_23 = 10, 30, 30, "33%"


def _autoscaler_prefix(answer: Any) -> Feedback:
    def need(max_count: int | None, surge: int | str) -> int:
        spec = cluster(
            "azure-cni", [pool("user", NODES_23, max_count=max_count, max_pods=MAX_PODS_23, max_surge=surge)]
        )
        return _node_ips(spec)

    ips = need(MAX_COUNT_23, SURGE_23)
    correct = _prefix(ips)
    at_max = MAX_COUNT_23 + parse_surge(SURGE_23).nodes(MAX_COUNT_23)
    slips = [
        (_prefix(need(None, SURGE_23)), "that prefix holds today's pool: size for the max count."),
        (
            _prefix(need(MAX_COUNT_23, 1)),
            f"that prefix holds max count with no surge or a surge of 1; a {SURGE_23} surge at max count "
            f"means {at_max} nodes up at once.",
        ),
        (_prefix(need(MAX_COUNT_23, 0)), "the upgrade at max count adds its surge nodes too."),
        (ips, "that is the IP count; which prefix has that many usable addresses?"),
    ]
    mistakes: dict[int, str] = {}
    for value, reason in slips:
        if value != correct:
            mistakes.setdefault(value, reason)
    return expect_prefix(
        answer,
        correct,
        why=f"max count plus 33% surge, at max pods + 1 IPs each, is {ips:,} IPs; "
        f"a /{correct} has {usable_ips(correct):,} usable.",
        mistakes=mistakes,
    )


# 2.4: which rule of the fleet policy does a new cluster break? ------------------------------
NAME_24, ENVIRONMENT_24 = "checkout-prod", "production"
SPEC_24: dict[str, Any] = {
    "plugin": "overlay",
    "vnet": "10.80.0.0/16",
    "node_subnet": "10.80.0.0/26",
    "pools": [
        {"name": "system", "nodes": 3, "max_surge": "33%"},
        {"name": "user", "nodes": 20, "max_surge": 2},
    ],
}


def _broken_rule(answer: Any) -> Feedback:
    member = fleet_member(NAME_24, ENVIRONMENT_24, SPEC_24)
    failed = [r.id for r in RULES if member.outcome(r).passed is False]
    given = str(answer).strip().strip("'\"").lower()
    if given in failed:
        return Feedback(True, f"{member.outcome(RULES_BY_ID[given]).detail}.")
    if given not in RULES_BY_ID:
        return Feedback(
            False,
            f"answer with one rule id from `policy.rules_table()`, such as 'kubenet-retiring' (got {quote(answer)}).",
        )
    outcome = member.outcome(RULES_BY_ID[given])
    if outcome.passed is None:
        return Feedback(False, f"{given} does not apply to {NAME_24}: {outcome.detail}; look at the rules that do.")
    return Feedback(
        False,
        f"{NAME_24} passes {given}: {outcome.detail}. Go through the other rules one at a time.",
    )


# 2.5: when does an Azure Policy assignment start to deny? -----------------------------------
def _policy_timing(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="the add-on checks Azure Policy for new assignments on its own schedule (every 15 minutes; Microsoft "
        "allows up to 20 to sync), so the pod may be admitted; from then on new privileged pods are refused, and "
        "pods already running stay but are reported as non-compliant.",
        wrong={
            "a": "the assignment is made in Azure; the add-on inside the cluster has to pick it up first. "
            "How often does it check for new assignments?",
            "c": "a workload policy is about objects sent to the cluster, such as pods; upgrades don't run it.",
            "d": "akskit's checks read a plan on your laptop: they never see the pods a cluster runs.",
        },
    )


PREDICTIONS: tuple[Exercise, ...] = (
    Exercise(
        "2.p1",
        f"A pool of {POOL_P1} Azure CNI Node Subnet nodes at max pods {MAX_PODS_P1} upgrades with max surge "
        f"{SURGE_P1}. How many node-subnet IPs does it hold at the upgrade's peak?",
        _peak_p1,
    ),
    Exercise(
        "2.p2",
        f"An Azure CNI Node Subnet pool runs {NODES_P2} nodes today; the autoscaler may grow it to {MAX_COUNT_P2}. "
        f"At max pods {MAX_PODS_P2} and max surge {SURGE_P2}, how many node-subnet IPs must you plan for?",
        _autoscaler_p2,
    ),
    Exercise(
        "2.p3",
        "analytics-dev's /24 holds its nodes today but not the surge node of its first upgrade. Which catches "
        "this first: (a) Azure Policy, denying the cluster when it is created; (b) Azure Policy, in its next "
        "compliance scan; (c) akskit's pre-flight check, before anything is deployed; (d) nothing, until the "
        "upgrade fails?",
        _which_tool_p3,
    ),
    Exercise(
        "2.p4",
        f"A virtual-node subnet must hold a burst of {BURST_P4} pods on ACI, one IP each. "
        "What is the smallest prefix length it can have?",
        _burst_prefix_p4,
    ),
)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "2.1",
        f"An Azure CNI Node Subnet cluster at max pods {MAX_PODS_21} has a system pool of {SYSTEM_21} nodes and a "
        f"user pool of {USER_21} nodes, both at max surge {SURGE_21}. Both pools upgrade. How many node-subnet "
        f"IPs must the subnet hold at the peak?",
        _two_pools,
    ),
    Exercise(
        "2.2",
        f"A pool of {POOL_22} Azure CNI Node Subnet nodes at max pods {MAX_PODS_22} upgrades with max surge "
        f"{SURGE_22}. How many node-subnet IPs does it hold at the upgrade's peak?",
        _peak_ips,
    ),
    Exercise(
        "2.3",
        f"An Azure CNI Node Subnet pool runs {NODES_23} nodes today and the autoscaler may grow it to "
        f"{MAX_COUNT_23}; max pods {MAX_PODS_23}, max surge {SURGE_23}. What is the smallest node-subnet "
        f"prefix length that still lets it upgrade at max count?",
        _autoscaler_prefix,
    ),
    Exercise(
        "2.4",
        f"The {ENVIRONMENT_24} cluster {NAME_24} runs Azure CNI Overlay in VNet {SPEC_24['vnet']} with node subnet "
        f"{SPEC_24['node_subnet']}: a system pool of 3 nodes at max surge 33% and a user pool of 20 nodes at max "
        f"surge 2. Which rule of the fleet policy does it break? Answer with the rule id.",
        _broken_rule,
        # The rule ids are all on screen (a choice among them); what would give the answer away is the
        # failure's own detail line, which only checking this cluster prints.
        spoilers=("2 of 20 nodes; 33% is 7",),
    ),
    Exercise(
        "2.5",
        "At 10:00 your platform team assigns the built-in definition 'Kubernetes cluster should not allow "
        "privileged containers', effect deny, to the resource group of a cluster with the Azure Policy add-on. "
        "At 10:05 a developer applies a pod with privileged: true. What happens?",
        _policy_timing,
    ),
)
