"""The slips notebook 04's questions anticipate, and the Node Subnet plans they are recomputed from."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from akskit.engine import facts
from akskit.engine.plans import plan, reverse
from akskit.engine.results import Plan
from akskit.engine.spec import cluster, pool

__all__ = [
    "DEFAULT_SURGE",
    "LEGACY_SURGE",
    "OWN_IP",
    "RESERVED",
    "ROUND_DOWN",
    "SURGE",
    "mistakes_from_slips",
    "most_nodes",
    "node_subnet_plan",
    "nodes_fitting_slips",
    "surge_rounded_down",
]

OWN_IP = "each node also takes its own IP from the node subnet, on top of one IP per pod slot"
SURGE = "an upgrade adds the max-surge nodes, and each of them takes a full share of IPs too"
LEGACY_SURGE = (
    "a max surge of 1 node is the old default; left unset, max surge is 10 % of the pool, rounded up (section 4)"
)
ROUND_DOWN = "10 % of the pool is rounded up, not down: a fraction of a node is a whole surge node"
RESERVED = (
    f"Azure keeps {facts.AZURE_RESERVED_IPS} addresses of every subnet (network, gateway, two for DNS, "
    f"broadcast), so a subnet holds fewer usable addresses than its size"
)
DEFAULT_SURGE = f"{facts.DEFAULT_MAX_SURGE_PERCENT}%"


def node_subnet_plan(nodes: int, max_pods: int, surge: int | str, node_subnet: str | None = None) -> Plan:
    return plan(
        cluster("azure-cni", [pool("system", nodes, max_pods=max_pods, max_surge=surge)], node_subnet=node_subnet)
    )


def most_nodes(model: str, max_pods: int, surge: int | str, node_subnet: str) -> int:
    """The most nodes one pool can have on ``node_subnet`` (``akskit.reverse``)."""
    spec = cluster(model, [pool("system", 0, max_pods=max_pods, max_surge=surge)], node_subnet=node_subnet)
    return reverse(spec).pools[0].nodes


def surge_rounded_down(nodes: int) -> int:
    """The surge nodes of the default 10 % if a learner rounds down."""
    return nodes * facts.DEFAULT_MAX_SURGE_PERCENT // 100


def mistakes_from_slips(correct: int, candidates: Sequence[tuple[int | None, str]]) -> dict[int, str]:
    """Wrong values and why: slips that land on the same value share one explanation naming each."""
    reasons: dict[int, list[str]] = {}
    for value, reason in candidates:
        if value is not None and value != correct and reason not in reasons.get(value, []):
            reasons.setdefault(value, []).append(reason)
    return {
        value: (why[0] if len(why) == 1 else "one or more terms are missing; check each of these: " + "; ".join(why))
        + "."
        for value, why in reasons.items()
    }


def nodes_fitting_slips(usable: int, size: int, max_pods: int, surge: int) -> list[tuple[int | None, str]]:
    """Every combination of left-out terms (surge, own IP, reserved) in 'how many nodes fit', with its reasons."""
    slips: list[tuple[int | None, str]] = []
    for no_surge, no_own, no_reserved in product((False, True), repeat=3):
        value = (size if no_reserved else usable) // (max_pods + (0 if no_own else 1)) - (0 if no_surge else surge)
        for left_out, reason in ((no_surge, SURGE), (no_own, OWN_IP), (no_reserved, RESERVED)):
            if left_out:
                slips.append((value, reason))
    return slips
