"""Policies across a fleet: a small rule set, as data, checked against every cluster's plan.

A managed service lets one team run many clusters; a policy says what every
one of them must get right. Each :class:`Rule` is data (an id, a description,
a severity, the Microsoft page behind it) plus a check over an
:class:`akskit.Plan`; :func:`check_fleet` marks every cluster against every rule.

These rules are akskit's own *pre-flight* checks: they run on your laptop, on a
plan, before anything exists in Azure. They are not Azure Policy, which
evaluates resources in Azure; :func:`policy_tools_table` sets the two side by side.

:mod:`.rules` holds the rule set, :mod:`.fleet` the fleet and its compliance tables,
:mod:`.azure_policy` the comparison with Azure Policy.

>>> member = fleet_member("demo", "production", {"plugin": "kubenet", "node_subnet": "10.224.0.0/24",
...                       "pools": [{"name": "system", "nodes": 3, "max_surge": "33%"}]})
>>> [RULES_BY_ID[r].check(member.plan).mark for r in ("kubenet-retiring", "subnet-surge-headroom")]
['fail', 'pass']
"""

from __future__ import annotations

from akskit.course.policy.azure_policy import policy_tools_table
from akskit.course.policy.fleet import (
    ENVIRONMENTS,
    FLEET_FILE,
    FleetCluster,
    check_fleet,
    fleet_failures,
    fleet_from_mapping,
    fleet_member,
    load_fleet,
)
from akskit.course.policy.rules import RULES, RULES_BY_ID, Outcome, Rule, rules_table

__all__ = [
    "ENVIRONMENTS",
    "FLEET_FILE",
    "RULES",
    "RULES_BY_ID",
    "FleetCluster",
    "Outcome",
    "Rule",
    "check_fleet",
    "fleet_failures",
    "fleet_from_mapping",
    "fleet_member",
    "load_fleet",
    "policy_tools_table",
    "rules_table",
]
