"""Predictions 6.p1-6.p3 of notebook 06 (the capstone), asked before the notebook computes the answer."""

from __future__ import annotations

from typing import Any

from akskit.course.scenario import load_scenario
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number
from akskit.exercises.nb06._peak import misread_values, peak_plan
from akskit.exercises.nb06.findings import guarded

__all__ = ["PREDICTIONS"]


# 6.p1 -----------------------------------------------------------------------------------------


def _peak_addresses(answer: Any) -> Feedback:
    """The node-subnet addresses the scenario needs at its peak, with one address per node."""
    scenario = load_scenario()
    p = peak_plan(scenario)
    need = p.node_subnet.ips_required
    mistakes = {
        got: f"{got:,} is what you get if {what}: the peak counts all of it."
        for got, what in misread_values(scenario, lambda q: q.node_subnet.ips_required, need).items()
    }
    mistakes.setdefault(
        p.planned_nodes,
        f"{p.planned_nodes:,} is the node count at the peak: the node subnet also holds the private endpoints and "
        f"internal load balancers.",
    )
    return expect_number(
        answer,
        need,
        unit="addresses",
        why=f"{p.planned_nodes} nodes at the peak (every pool at its autoscaler maximum plus its surge, rounded "
        f"up per pool, plus {scenario.scale_out} growth), plus {scenario.extra_ips} private endpoints and load "
        f"balancers.",
        mistakes=mistakes,
    )


# 6.p2 and 6.p3 --------------------------------------------------------------------------------


def _default_service_range(answer: Any) -> Feedback:
    """What AKS's default service CIDR does in this scenario."""
    return expect_choice(
        answer,
        "c",
        why="on premises already uses 10.0.0.0/16: nodes take traffic for those machines as service traffic, "
        "and it never arrives.",
        wrong={
            "a": "service addresses are virtual, but the nodes still route them: a service range that shadows a "
            "network the cluster talks to swallows the traffic meant for it. Compare the draft's ranges with the "
            "scenario's peered ranges.",
            "b": "the VNet is 10.224.0.0/12, from 10.224.0.0 to 10.239.255.255: 10.0.0.0/16 lies outside it. "
            "Compare it with the peered ranges.",
            "d": "AKS checks the service range against the VNet's subnets (ServiceCidrOverlapExistingSubnetsCidr), "
            "but a range on premises is not a subnet of the VNet: nothing stops the cluster being created.",
        },
    )


def _windows_pool(answer: Any) -> Feedback:
    """What the Windows pool does to the draft's kubenet."""
    return expect_choice(
        answer,
        "b",
        why="kubenet has no Windows support: the Windows pool cannot join, so the model must change.",
        wrong={
            "a": "kubenet runs Linux nodes only: Microsoft's kubenet page says it does not support Windows pools.",
            "c": "route tables are kubenet's scaling limit for Linux nodes, but a Windows pool never gets that far.",
            "d": "one VNet address per pod is Azure CNI Node Subnet's cost; kubenet gives pods addresses outside "
            "the VNet, but it cannot run Windows at all.",
        },
    )


PREDICTIONS: tuple[Exercise, ...] = (
    Exercise(
        "6.p1",
        "How many node-subnet addresses does the scenario need at its peak, with one address per node?",
        guarded(_peak_addresses),
    ),
    Exercise("6.p2", "What does AKS's default service CIDR do in this scenario?", _default_service_range),
    Exercise("6.p3", "What does the Windows pool do to the draft's kubenet?", _windows_pool),
)
