"""The capstone scenario at its peak, and the ways people misread the peak (each gives its own wrong answer)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from akskit.course.scenario import Scenario, design
from akskit.engine.models import NetworkModel
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec
from akskit.engine.surge import parse_surge

__all__ = ["misread_values", "misreadings", "peak_plan"]


def misreadings(scenario: Scenario) -> dict[str, ClusterSpec]:
    """The scenario as people often misread it: each variant gets one part of the peak wrong."""

    def pools(**change: Any) -> Scenario:
        return replace(scenario, pools=tuple(replace(n, pool=replace(n.pool, **change)) for n in scenario.pools))

    def rounded_down(s: Scenario) -> Scenario:
        """Each pool's percentage surge rounded down, not up (AKS rounds up: ROLLING_UPGRADE_URL)."""

        def down(n: Any) -> Any:
            size, surge = n.pool.max_count or n.pool.nodes, n.pool.max_surge
            nodes = math.floor(size * surge.value / 100) if surge.percent else surge.value
            return replace(n, pool=replace(n.pool, max_surge=parse_surge(nodes)))

        return replace(s, pools=tuple(down(n) for n in s.pools))

    def spec(s: Scenario) -> ClusterSpec:
        return design(s, model=NetworkModel.OVERLAY)

    no_surge = pools(max_surge=parse_surge(0))
    return {
        "you size the pools at today's node counts, not at their autoscaler maximums": spec(pools(max_count=None)),
        "you leave out both the upgrade surge and the growth nodes": spec(replace(no_surge, scale_out=0)),
        "you leave out the upgrade surge": spec(no_surge),
        "you leave out the growth nodes": spec(replace(scenario, scale_out=0)),
        "you leave out the private endpoints and load balancers": spec(
            replace(scenario, private_endpoints=0, internal_load_balancers=0)
        ),
        "you use a surge of one node per pool (the old default), not 33 %": spec(pools(max_surge=parse_surge(1))),
        "you round each pool's 33 % surge down (AKS rounds it up, per pool)": spec(rounded_down(scenario)),
    }


def misread_values(scenario: Scenario, value: Callable[[Plan], int | None], correct: int) -> dict[int, str]:
    """Each wrong value a misreading gives, with every misreading that gives it."""
    found: dict[int, list[str]] = {}
    for what, spec in misreadings(scenario).items():
        got = value(plan(spec))
        if got is not None and got != correct:
            found.setdefault(got, []).append(what)
    return {got: ", or ".join(whats) for got, whats in found.items()}


def peak_plan(scenario: Scenario) -> Plan:
    return plan(design(scenario, model=NetworkModel.OVERLAY))
