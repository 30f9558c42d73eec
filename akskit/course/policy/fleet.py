"""A fleet: clusters with an environment, read from a fleet file, and checked against the rule set."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akskit.course.datafiles import read_data_file
from akskit.course.policy.rules import RULES, Outcome, Rule
from akskit.engine.errors import AksKitError, SpecError, quote
from akskit.engine.findings import Severity
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec
from akskit.engine.spec_mapping import spec_from_mapping
from akskit.engine.tables import Table

__all__ = [
    "ENVIRONMENTS",
    "FLEET_FILE",
    "FleetCluster",
    "check_fleet",
    "fleet_failures",
    "fleet_from_mapping",
    "fleet_member",
    "load_fleet",
]

#: Environments a fleet file may name; rules can apply to some of them only.
ENVIRONMENTS = ("production", "staging", "test", "development")
#: The example fleet's file name (it ships with the course, in ``akskit/course/data/``).
FLEET_FILE = "fleet.toml"
_SYMBOLS = {"pass": "\u2713 pass", "fail": "\u2717 fail", "n/a": "- n/a"}


@dataclass(frozen=True, slots=True)
class FleetCluster:
    """One cluster of a fleet: its name, environment, a note, its spec and the planner's answer."""

    name: str
    environment: str
    description: str
    spec: ClusterSpec
    plan: Plan

    def outcome(self, rule: Rule) -> Outcome:
        """``rule``'s verdict on this cluster (``n/a`` outside the rule's environments)."""
        if not rule.applies_to(self.environment):
            return Outcome(None, f"applies to {', '.join(rule.environments)} clusters only")
        return rule.check(self.plan)


def fleet_member(name: str, environment: str, spec: Mapping[str, Any], description: str = "") -> FleetCluster:
    """Build a :class:`FleetCluster` from a spec mapping (the keys of :func:`akskit.spec_from_mapping`)."""
    if environment not in ENVIRONMENTS:
        raise SpecError(
            f"fleet cluster {quote(name)} environment must be one of {', '.join(ENVIRONMENTS)} "
            f"(got {quote(environment)})"
        )
    try:
        built = spec_from_mapping(spec)
    except AksKitError as exc:
        raise type(exc)(f"fleet cluster {quote(name)}: {exc}") from None
    return FleetCluster(name, environment, description, built, plan(built))


def fleet_from_mapping(data: Mapping[str, Any]) -> tuple[FleetCluster, ...]:
    """A fleet from a parsed document: a list ``cluster`` of tables with name, environment, description, spec."""
    entries = data.get("cluster")
    if not isinstance(entries, list) or not entries:
        raise SpecError(f"a fleet needs a non-empty list 'cluster' of tables (got {quote(entries)})")
    fleet, seen = [], set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            raise SpecError(f"fleet cluster {i + 1} must be a table (got {quote(entry)})")
        unknown = sorted(map(str, set(entry) - {"name", "environment", "description", "spec"}))
        if unknown or "name" not in entry or "spec" not in entry:
            keys = sorted(map(str, entry))
            shown = ", ".join(map(quote, keys[:6])) + (f" and {len(keys) - 6:,} more" if len(keys) > 6 else "")
            raise SpecError(
                f"fleet cluster {i + 1} has keys {shown or 'none'}: it needs name and spec, and may have "
                f"environment and description"
            )
        name = str(entry["name"])
        if name in seen:
            raise SpecError(f"fleet cluster names must be unique (got {quote(name)} twice)")
        seen.add(name)
        member = fleet_member(name, entry.get("environment", "production"), entry["spec"], entry.get("description", ""))
        fleet.append(member)
    return tuple(fleet)


def load_fleet(path: str | Path | None = None) -> tuple[FleetCluster, ...]:
    """Read a fleet file (TOML, or JSON if its name ends in ``.json``); with no path, the course's ``fleet.toml``.

    The course's file ships inside the package and is found from any working directory;
    ``path`` reads your own file (or ``fleet.toml`` in a folder) instead.

    >>> [c.name for c in load_fleet()][:2]
    ['shop-prod', 'payments-prod']
    """
    data, _ = read_data_file(FLEET_FILE, path, what="fleet file")
    return fleet_from_mapping(data)


def check_fleet(fleet: Iterable[FleetCluster], rules: Sequence[Rule] = RULES) -> Table:
    """The compliance table: one row per cluster, one column per rule, a pass/fail/n-a mark in each cell.

    >>> print(check_fleet(load_fleet()[:1], RULES[:2]))  # doctest: +NORMALIZE_WHITESPACE
    *Compliance of 1 cluster with 2 rules: 0 failures (0 errors)*
    <BLANKLINE>
    | cluster | environment | subnet-surge-headroom | kubenet-retiring |
    |---|---|---|---|
    | shop-prod | production | ✓ pass | ✓ pass |
    """
    members = list(fleet)
    rows, failures, errors = [], 0, 0
    for c in members:
        marks = []
        for r in rules:
            mark = c.outcome(r).mark
            failures += mark == "fail"
            errors += mark == "fail" and r.severity is Severity.ERROR
            marks.append(_SYMBOLS[mark])
        rows.append((c.name, c.environment, *marks))
    caption = (
        f"Compliance of {len(members)} cluster{'s' if len(members) != 1 else ''} with {len(rules)} rules: "
        f"{failures} failure{'s' if failures != 1 else ''} ({errors} error{'s' if errors != 1 else ''})"
    )
    return Table(("cluster", "environment", *(r.id for r in rules)), rows, caption=caption)


def fleet_failures(fleet: Iterable[FleetCluster], rules: Sequence[Rule] = RULES) -> Table:
    """Every failed rule, one row each: cluster, rule, severity, why, and the page behind the rule."""
    rows = [
        (c.name, r.id, r.severity.value, c.outcome(r).detail, r.source)
        for c in fleet
        for r in rules
        if c.outcome(r).passed is False
    ]
    return Table(("cluster", "rule", "severity", "why it fails", "source"), rows, caption="What each failure means")
