"""The fleet's policy as data: each :class:`Rule` is an id, a description, a severity, a source and a check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from ipaddress import IPv4Network

from akskit.engine import facts
from akskit.engine.findings import Severity
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec
from akskit.engine.surge import parse_surge
from akskit.engine.tables import Table

__all__ = ["RULES", "RULES_BY_ID", "Outcome", "Rule", "rules_table"]

_MARKS = {True: "pass", False: "fail", None: "n/a"}


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


def rules_table(rules: Sequence[Rule] = RULES) -> Table:
    """The rule set itself: id, severity, where it applies, what it asks, and its source."""
    return Table(
        ("rule", "severity", "applies to", "what every cluster must do", "source"),
        [(r.id, r.severity.value, ", ".join(r.environments) or "all", r.description, r.source) for r in rules],
        caption="The fleet's policy: rules as data",
    )
