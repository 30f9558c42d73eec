"""Exercises for notebook 02 (why AKS): surge, upgrade peaks, the autoscaler and fleet policy.

Expected answers come from the library (:mod:`akskit.course.upgrade`, :func:`akskit.plan`,
:mod:`akskit.course.policy`); known slips are recomputed with that term left out, so each
wrong value they produce gets its own explanation.

>>> from akskit.exercises.nb02 import EXERCISES
>>> [e.id for e in EXERCISES]
['2.1', '2.2', '2.3', '2.4']
"""

from __future__ import annotations

from typing import Any

from akskit.course.policy import RULES, RULES_BY_ID, fleet_member
from akskit.course.upgrade import model_timeline
from akskit.engine.errors import quote
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import parse_surge
from akskit.exercises._core import Exercise, Feedback, expect_number


def _mistakes(correct: int, slips: list[tuple[int, str]]) -> dict[int, str]:
    """Wrong values and why, leaving out any slip that happens to land on the right answer."""
    found: dict[int, str] = {}
    for value, reason in slips:
        if value != correct:
            found.setdefault(value, reason if reason.endswith(".") else reason + ".")
    return found


# 2.1: surge nodes for a pool of 12 at 33 % ------------------------------------------------
POOL_21, SURGE_21 = 12, "33%"


def _surge_nodes(answer: Any) -> Feedback:
    surge = parse_surge(SURGE_21)
    correct = surge.nodes(POOL_21)
    rounded_down = POOL_21 * surge.value // 100
    return expect_number(
        answer,
        correct,
        unit="nodes",
        why=f"{surge.value}% of {POOL_21} is {POOL_21 * surge.value / 100:g} nodes, and AKS rounds a percentage up.",
        mistakes=_mistakes(
            correct,
            [
                (rounded_down, "you rounded down: AKS rounds a max-surge percentage *up* to a whole node"),
                (POOL_21 + correct, "that is the peak node count; the question asks for the extra (surge) nodes only"),
                (1, "1 is the legacy default surge, not 33%: work out 33% of the pool"),
            ],
        ),
    )


# 2.2: peak node-subnet IPs while upgrading Azure CNI nodes ---------------------------------
MODEL_22, POOL_22, SURGE_22, MAX_PODS_22 = "azure-cni", 10, "50%", 30


def _peak_ips(answer: Any) -> Feedback:
    t = model_timeline(MODEL_22, POOL_22, SURGE_22, max_pods=MAX_PODS_22)
    correct = t.peak_ips
    return expect_number(
        answer,
        correct,
        unit="IPs",
        why=f"{t.peak_nodes} nodes are up at once, each holding its own IP plus {MAX_PODS_22} pod IPs.",
        mistakes=_mistakes(
            correct,
            [
                (t.baseline_ips, "that is the pool before the upgrade: add the surge nodes, which take IPs too"),
                (t.peak_nodes * MAX_PODS_22, "each node also takes its own IP, on top of one IP per pod slot"),
                (t.peak_nodes, "on Azure CNI Node Subnet every node reserves IPs for its pods too, not one IP each"),
                (POOL_22 * MAX_PODS_22, "two terms are missing: the surge nodes, and each node's own IP"),
            ],
        ),
    )


# 2.3: IPs to plan for a pool the autoscaler may grow ----------------------------------------
NODES_23, MAX_COUNT_23, MAX_PODS_23, SURGE_23 = 5, 20, 30, 1


def _autoscaler_ips(answer: Any) -> Feedback:
    def need(nodes: int, max_count: int | None, surge: int) -> int:
        spec = cluster("azure-cni", [pool("user", nodes, max_count=max_count, max_pods=MAX_PODS_23, max_surge=surge)])
        return plan(spec).node_subnet.ips_required

    correct = need(NODES_23, MAX_COUNT_23, SURGE_23)
    per_node = MAX_PODS_23 + 1
    return expect_number(
        answer,
        correct,
        unit="IPs",
        why="plan for the autoscaler's max count plus the upgrade surge, each node taking max pods + 1 IPs.",
        mistakes=_mistakes(
            correct,
            [
                (need(NODES_23, None, SURGE_23), "that is today's count: the autoscaler may add nodes up to max count"),
                (need(NODES_23, MAX_COUNT_23, 0), "an upgrade at max count still adds its surge node"),
                (correct - correct // per_node, "each node also takes its own IP, on top of one IP per pod slot"),
            ],
        ),
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


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "2.1",
        f"How many surge nodes does an upgrade add to a pool of {POOL_21} nodes at max surge {SURGE_21}?",
        _surge_nodes,
    ),
    Exercise(
        "2.2",
        f"A pool of {POOL_22} Azure CNI Node Subnet nodes at max pods {MAX_PODS_22} upgrades with max surge "
        f"{SURGE_22}. How many node-subnet IPs does it hold at the upgrade's peak?",
        _peak_ips,
    ),
    Exercise(
        "2.3",
        f"An Azure CNI Node Subnet pool runs {NODES_23} nodes today; the autoscaler may grow it to {MAX_COUNT_23}. "
        f"At max pods {MAX_PODS_23} and max surge {SURGE_23}, how many node-subnet IPs must you plan for?",
        _autoscaler_ips,
    ),
    Exercise(
        "2.4",
        f"The {ENVIRONMENT_24} cluster {NAME_24} runs Azure CNI Overlay in VNet {SPEC_24['vnet']} with node subnet "
        f"{SPEC_24['node_subnet']}: a system pool of 3 nodes at max surge 33% and a user pool of 20 nodes at max "
        f"surge 2. Which rule of the fleet policy does it break? Answer with the rule id.",
        _broken_rule,
    ),
)
