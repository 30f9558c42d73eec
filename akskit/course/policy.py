"""Policies across a fleet: a small rule set, as data, checked against every cluster's plan.

A managed service lets one team run many clusters; a policy says what every
one of them must get right. Each :class:`Rule` is data (an id, a description,
a severity, the Microsoft page behind it) plus a check over an
:class:`akskit.Plan`; :func:`check_fleet` marks every cluster against every rule.

These rules are akskit's own *pre-flight* checks: they run on your laptop, on a
plan, before anything exists in Azure. They are not Azure Policy, which
evaluates resources in Azure; :func:`policy_tools_table` sets the two side by side.

>>> member = fleet_member("demo", "production", {"plugin": "kubenet", "node_subnet": "10.224.0.0/24",
...                       "pools": [{"name": "system", "nodes": 3, "max_surge": "33%"}]})
>>> [RULES_BY_ID[r].check(member.plan).mark for r in ("kubenet-retiring", "subnet-surge-headroom")]
['fail', 'pass']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from ipaddress import IPv4Network
from pathlib import Path
from typing import Any

from akskit.course.datafiles import read_data_file
from akskit.engine import facts
from akskit.engine.errors import AksKitError, SpecError, quote
from akskit.engine.findings import Severity
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec
from akskit.engine.spec_mapping import spec_from_mapping
from akskit.engine.surge import parse_surge
from akskit.engine.tables import Table

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

#: Environments a fleet file may name; rules can apply to some of them only.
ENVIRONMENTS = ("production", "staging", "test", "development")
#: The example fleet's file name (it ships with the course, in ``akskit/course/data/``).
FLEET_FILE = "fleet.toml"

_MARKS = {True: "pass", False: "fail", None: "n/a"}
_SYMBOLS = {"pass": "\u2713 pass", "fail": "\u2717 fail", "n/a": "- n/a"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """One rule's verdict on one cluster: passed (``None``: the rule does not apply) and why."""

    passed: bool | None
    detail: str

    @property
    def mark(self) -> str:
        """``"pass"``, ``"fail"`` or ``"n/a"``."""
        return _MARKS[self.passed]


@dataclass(frozen=True, slots=True)
class Rule:
    """A policy rule as data.

    Attributes:
        id: a stable kebab-case identifier, such as ``kubenet-retiring``.
        description: what every cluster must do, in one sentence.
        check: the test over a plan, returning an :class:`Outcome`.
        severity: how much a failure matters (error: blocks; warning: costs later).
        source: the Microsoft page that states the rule behind the policy.
        environments: the environments the rule covers (empty: all).
    """

    id: str
    description: str
    check: Callable[[Plan], Outcome]
    severity: Severity
    source: str
    environments: tuple[str, ...] = ()

    def applies_to(self, environment: str) -> bool:
        """Whether the rule covers clusters of ``environment``."""
        return not self.environments or environment in self.environments


def _shortfall(p: Plan) -> str | None:
    """The first given range that is too small for ``p``, in words; ``None`` when all fit."""
    for name, r in (("node subnet", p.node_subnet), ("pod subnet", p.pod_subnet)):
        if r is not None and r.fits is False:
            return f"{name} {r.cidr} has {r.usable_ips:,} usable IPs; {r.ips_required:,} needed"
    c = p.pod_cidr
    if c is not None and c.fits is False and not c.defaulted:
        return f"pod CIDR {c.cidr} holds {c.blocks_available:,} /24 blocks; {c.blocks_required:,} needed"
    return None


def _without_autoscaler(spec: ClusterSpec) -> ClusterSpec:
    return replace(spec, pools=tuple(replace(p, max_count=None) for p in spec.pools))


def _surge_headroom(p: Plan) -> Outcome:
    if p.spec.node_subnet is None:
        return Outcome(None, "no node subnet given, so AKS sizes it")
    today = plan(_without_autoscaler(p.spec))
    short = _shortfall(today)
    surge = sum(x.surge_nodes for x in today.pools)
    if short:
        return Outcome(False, f"today's nodes plus {surge} surge node(s) do not fit: {short}")
    return Outcome(True, f"today's nodes plus {surge} surge node(s) fit ({today.node_subnet.ips_required:,} IPs)")


def _kubenet(p: Plan) -> Outcome:
    if p.model is NetworkModel.KUBENET:
        return Outcome(False, f"kubenet retires on {facts.KUBENET_RETIREMENT}: migrate to Azure CNI Overlay")
    return Outcome(True, f"uses {traits(p.model).label}")


def _windows(p: Plan) -> Outcome:
    windows = [x.name for x in p.pools if x.os == "windows"]
    if not windows:
        return Outcome(None, "no Windows pools")
    label = traits(p.model).label
    if p.dataplane is Dataplane.CILIUM:
        return Outcome(False, f"Windows pool(s) {', '.join(windows)} with the Cilium data plane, which is Linux only")
    if traits(p.model).windows is None:
        return Outcome(
            False, f"Windows pool(s) {', '.join(windows)} on {label}: no Microsoft page says it supports them"
        )
    if not traits(p.model).windows:
        return Outcome(False, f"Windows pool(s) {', '.join(windows)} on {label}, which does not support Windows")
    return Outcome(True, f"Windows pool(s) {', '.join(windows)} on {label}, which supports them")


def _service_cidr(p: Plan) -> Outcome:
    svc, spec = p.services.cidr, p.spec
    ranges = [("the VNet", spec.vnet)] if spec.vnet else [("the node subnet", spec.node_subnet)]
    ranges += [("the pod subnet", spec.pod_subnet), *(("peered range", peer) for peer in spec.peers)]
    hits = [f"{name} {net}" for name, net in ranges if isinstance(net, IPv4Network) and svc.overlaps(net)]
    if hits:
        return Outcome(False, f"service CIDR {svc} overlaps {', '.join(hits)}")
    return Outcome(True, f"service CIDR {svc} is outside the VNet and its peers")


def _production_surge(p: Plan) -> Outcome:
    advice = parse_surge(facts.PRODUCTION_MAX_SURGE)
    low = []
    for x in p.pools:
        size = x.planned_nodes - x.surge_nodes
        if x.surge_nodes < advice.nodes(size):
            low.append(
                f"{x.name} (max surge {x.max_surge}: {x.surge_nodes} of {size} nodes; {advice} is {advice.nodes(size)})"
            )
    if low:
        return Outcome(False, f"surge below {advice} in pool(s) {', '.join(low)}")
    return Outcome(True, f"every pool surges at least {advice}")


def _max_count(p: Plan) -> Outcome:
    scaled = [x.name for x in p.pools if x.max_count is not None]
    if not scaled:
        return Outcome(None, "no pool uses the cluster autoscaler")
    if p.spec.node_subnet is None:
        return Outcome(None, "no node subnet given, so AKS sizes it")
    short = _shortfall(p)
    if short:
        return Outcome(False, f"at max count plus surge ({p.planned_nodes:,} nodes) it does not fit: {short}")
    return Outcome(True, f"max count plus surge ({p.planned_nodes:,} nodes) fits")


RULES: tuple[Rule, ...] = (
    Rule(
        "subnet-surge-headroom",
        "The node subnet (and pod subnet or pod CIDR) holds today's nodes plus upgrade surge.",
        _surge_headroom,
        Severity.ERROR,
        facts.ROLLING_UPGRADE_URL,
    ),
    Rule(
        "kubenet-retiring",
        f"No cluster uses kubenet, which AKS stops supporting on {facts.KUBENET_RETIREMENT}.",
        _kubenet,
        Severity.WARNING,
        facts.KUBENET_RETIREMENT_URL,
    ),
    Rule(
        "windows-supported-model",
        "Windows node pools run on a network model and data plane that support Windows.",
        _windows,
        Severity.ERROR,
        facts.CNI_OVERVIEW_URL,
    ),
    Rule(
        "service-cidr-outside-vnet",
        "The service CIDR overlaps neither the cluster's VNet nor any peered range.",
        _service_cidr,
        Severity.ERROR,
        facts.LEGACY_CNI_URL,
    ),
    Rule(
        "production-surge-33",
        "Production node pools surge at least 33% during upgrades (Microsoft's production advice).",
        _production_surge,
        Severity.WARNING,
        facts.ROLLING_UPGRADE_URL,
        ("production",),
    ),
    Rule(
        "autoscaler-max-count-planned",
        "Pools with the cluster autoscaler fit their subnets at max count plus surge, not just today.",
        _max_count,
        Severity.ERROR,
        facts.IP_PLANNING_URL,
    ),
)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


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


def rules_table(rules: Sequence[Rule] = RULES) -> Table:
    """The rule set itself: id, severity, where it applies, what it asks, and its source."""
    return Table(
        ("rule", "severity", "applies to", "what every cluster must do", "source"),
        [(r.id, r.severity.value, ", ".join(r.environments) or "all", r.description, r.source) for r in rules],
        caption="The fleet's policy: rules as data",
    )


#: Azure Policy for AKS, from Microsoft's pages (each row's source is in its last column).
AZURE_POLICY_URL = "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes"
AKS_POLICY_BUILTINS_URL = "https://learn.microsoft.com/en-us/azure/aks/policy-reference"
AKS_POLICY_KINDS_URL = (
    "https://learn.microsoft.com/en-us/training/modules/aks-governance-azure-policy/4-built-in-policies-for-aks"
)
AZURE_POLICY_EFFECTS_URL = "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/effect-basics"
AZ_POLICY_ASSIGNMENT_URL = "https://learn.microsoft.com/en-us/cli/azure/policy/assignment"

#: (question, akskit's pre-flight checks, Azure Policy for AKS, source of the Azure Policy column).
_POLICY_TOOLS: tuple[tuple[str, str, str, str], ...] = (
    (
        "where it runs",
        "on your laptop or in CI, in Python",
        "in Azure (the Azure Policy service); workload rules also inside the cluster, through the "
        "Azure Policy add-on (Gatekeeper)",
        AZURE_POLICY_URL,
    ),
    (
        "when it runs",
        "before you deploy: the cluster does not exist yet",
        "when a resource is created or changed, and in compliance scans of what already exists "
        "(the add-on checks for new assignments and scans the cluster every 15 minutes)",
        AZURE_POLICY_URL,
    ),
    (
        "what it looks at",
        "the whole plan at once: pools, surge, max count, subnets and ranges, with the IP arithmetic",
        "the settings of an Azure resource such as the AKS cluster (cluster policies), or the Kubernetes "
        "objects sent to the cluster, such as pods (workload policies)",
        AKS_POLICY_KINDS_URL,
    ),
    (
        "what it can do",
        "report pass or fail with the reason and the page behind the rule; it changes nothing",
        "audit (mark non-compliant), deny (refuse the request), or deploy or modify settings",
        AZURE_POLICY_EFFECTS_URL,
    ),
    (
        "examples",
        "subnet-surge-headroom, autoscaler-max-count-planned, service-cidr-outside-vnet",
        "built-in definitions such as 'Authorized IP ranges should be defined on Kubernetes Services' "
        "(cluster) and 'Kubernetes cluster should not allow privileged containers' (workload)",
        AKS_POLICY_BUILTINS_URL,
    ),
)


def policy_tools_table() -> Table:
    """akskit's pre-flight checks beside Azure Policy for AKS: where, when, what each looks at and can do.

    >>> t = policy_tools_table()
    >>> t.header[1:3], t.rows[0][0]
    (("akskit's pre-flight checks", 'Azure Policy for AKS'), 'where it runs')
    """
    return Table(
        ("", "akskit's pre-flight checks", "Azure Policy for AKS", "source (Azure Policy)"),
        _POLICY_TOOLS,
        caption="Two kinds of policy: akskit checks a plan before you deploy; "
        "Azure Policy evaluates resources in Azure",
    )
