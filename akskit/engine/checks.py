"""Checks that turn a draft plan into findings: every rule, and the cluster-wide ones.

This module runs them all (:func:`check`) and holds the cluster-wide rules: the model
and data plane, a CIDR the model doesn't use, the system pool, node and pod limits, and
teaching notes. Each node pool's rules live in :mod:`akskit.engine.pool_checks`; subnet and pod-CIDR sizes in
:mod:`akskit.engine.size_checks`; the CIDR rules (reserved ranges, overlaps, service
range, DNS IP) in :mod:`akskit.engine.cidr_checks`. Each finding quotes the value,
states the rule, suggests a fix and links the page that states the rule.
"""

from __future__ import annotations

from akskit.engine import facts
from akskit.engine.cidr_checks import cidr_findings
from akskit.engine.errors import quote
from akskit.engine.findings import Finding, Severity
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.pool_checks import pool_findings
from akskit.engine.size_checks import size_findings

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from akskit.engine.results import Plan, SubnetPlan
    from akskit.engine.spec import ClusterSpec

__all__ = ["check", "system_pool_problem"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def check(plan: Plan) -> tuple[Finding, ...]:
    """Every finding for ``plan``, errors first, in a stable order."""
    found = _model_findings(plan)
    found += _system_pool_findings(plan)
    for p in plan.pools:
        found += pool_findings(plan, p)
    found += _scale_findings(plan)
    found += size_findings(plan)
    found += _capacity_findings(plan)
    found += _unused_cidrs(plan)
    found += cidr_findings(plan)
    found += _teaching_notes(plan)
    return tuple(sorted(found, key=lambda f: _ORDER[f.severity])) if found else ()


def _model_findings(plan: Plan) -> list[Finding]:
    model, found = plan.model, []
    cilium = traits(model).cilium
    if plan.dataplane is Dataplane.CILIUM and not cilium.managed:
        label = traits(model).label
        found.append(
            Finding(
                "cilium-unsupported-model",
                ERROR,
                f"data plane cilium with {quote(model.value)}: Cilium runs only with Azure CNI "
                f"(overlay, pod subnet or node subnet), not with {label}; "
                + (
                    "migrate kubenet to overlay first, then enable Cilium"
                    if model is NetworkModel.KUBENET
                    else "choose overlay, or run Cilium yourself as your own CNI with data plane azure"
                ),
                cilium.url,
            )
        )
    if model is NetworkModel.KUBENET:
        found.append(
            Finding(
                "kubenet-retirement",
                INFO,
                f"kubenet retires on {facts.KUBENET_RETIREMENT}: AKS stops supporting it then; "
                f"plan new clusters on Azure CNI Overlay, which keeps kubenet's small VNet footprint",
                facts.KUBENET_RETIREMENT_URL,
            )
        )
    return found


def system_pool_problem(spec: ClusterSpec) -> tuple[str, str] | None:
    """Why ``spec`` has no Linux system pool, and the page that says it must: ``None`` when it has one.

    A pool's mode says whether it is a system pool; without one, the first pool is
    (``az aks create`` makes it one). A cluster needs a system pool, every system
    pool must run Linux, and a cluster of Windows pools alone can't be created. The planner's finding
    and :mod:`akskit.engine.azcli` both use this one rule.

    >>> from akskit import cluster, pool
    >>> system_pool_problem(cluster("overlay", [pool("win", 3, os="windows")]))[0]  # doctest: +ELLIPSIS
    "the cluster has no Linux node pool (pool 'win' runs windows): AKS needs a Linux system pool..."
    """
    systems = [p for i, p in enumerate(spec.pools) if spec.is_system(i)]
    windows = next((p for p in systems if p.os != "linux"), None)
    if systems and windows is None:
        return None
    first = spec.pools[0]
    linux = next((p for p in spec.pools if p.os == "linux"), None)
    if linux is None:
        return (
            f"the cluster has no Linux node pool (pool {quote(first.name)} runs {first.os}): AKS needs a Linux system "
            f"pool and can't create a cluster with Windows pools alone; add a Linux pool and list it first",
            facts.NODE_POOLS_URL,
        )
    if windows is None:
        return (
            f"no pool is a system pool (every pool has mode user): AKS needs at least one Linux system pool; "
            f"set pool {quote(linux.name)} to mode system",
            facts.SYSTEM_POOLS_URL,
        )
    if windows is first and first.mode is None:
        return (
            f"pool {quote(first.name)} runs {first.os} but comes first: the first pool is the system pool "
            f"(az aks create makes it one), and a system pool must run Linux; list pool {quote(linux.name)} first",
            facts.SYSTEM_POOLS_URL,
        )
    return (
        f"pool {quote(windows.name)} is a system pool but runs {windows.os}: a system pool must run Linux; "
        f"set it to mode user",
        facts.SYSTEM_POOLS_URL,
    )


def _system_pool_findings(plan: Plan) -> list[Finding]:
    problem = system_pool_problem(plan.spec)
    return [] if problem is None else [Finding("no-linux-system-pool", ERROR, *problem)]


def _unused_cidrs(plan: Plan) -> list[Finding]:
    """A pod subnet or pod CIDR given to a model that takes none."""
    spec, t, found = plan.spec, traits(plan.model), []
    if spec.pod_subnet is not None and not t.uses_pod_subnet:
        found.append(
            Finding(
                "cidr-not-used",
                WARNING,
                f"pod subnet {spec.pod_subnet} is not used by {t.label}: only the pod subnet models "
                f"(pod-subnet, pod-subnet-static) take pod IPs from a second subnet; drop it or change the model",
                facts.CNI_OVERVIEW_URL,
            )
        )
    if spec.pod_cidr is not None and not (t.uses_pod_cidr or plan.model is NetworkModel.NONE):
        found.append(
            Finding(
                "cidr-not-used",
                WARNING,
                f"pod CIDR {spec.pod_cidr} is not used by {t.label}: pods there take VNet IPs, "
                f"so only kubenet, overlay and bring-your-own CNI take a pod CIDR; drop it",
                facts.CNI_OVERVIEW_URL,
            )
        )
    return found


def _capacity_findings(plan: Plan) -> list[Finding]:
    """An error when the first pool fits no node with its surge: never upgradable, or never creatable.

    Only for a first pool planned at 0 nodes (reverse mode): a pool with nodes that does not fit
    already has the error of the range or limit it overflows (capacity comes from those same ones).
    """
    c, first = plan.capacity, plan.pools[0]
    if c.max_nodes or first.planned_nodes:
        return []
    without = c.max_nodes_no_surge or 0
    if without:
        message = (
            f"{c.limited_by} fits {without:,} node{'s' if without != 1 else ''} of pool {quote(first.name)} "
            "without surge "
            f"but none with its max surge {first.max_surge}: the cluster can be created but never upgraded "
            f"(an upgrade adds the surge nodes before it drains old ones); use a larger range or lower max pods"
        )
    else:
        message = (
            f"{c.limited_by} fits no node of pool {quote(first.name)}, even without surge: the cluster can't be "
            f"created; use a larger range, or lower max pods or the other pools"
        )
    return [Finding("no-node-fits", ERROR, message, facts.UPGRADE_OPTIONS_URL if without else facts.IP_PLANNING_URL)]


def _scale_findings(plan: Plan) -> list[Finding]:
    found, spec, total = [], plan.spec, plan.planned_nodes
    if len(spec.pools) > facts.MAX_POOLS_PER_CLUSTER:
        found.append(
            Finding(
                "pool-count-limit",
                ERROR,
                f"the cluster has {len(spec.pools)} node pools: "
                f"AKS allows at most {facts.MAX_POOLS_PER_CLUSTER}; merge pools",
                facts.QUOTAS_URL,
            )
        )
    if total > facts.MAX_NODES_PER_CLUSTER:
        found.append(
            Finding(
                "cluster-node-limit",
                ERROR,
                f"the cluster plans {total:,} nodes with surge and scale-out: AKS allows at most "
                f"{facts.MAX_NODES_PER_CLUSTER:,} per cluster; split the workload across clusters",
                facts.QUOTAS_URL,
            )
        )
    if plan.model is NetworkModel.KUBENET and total > facts.KUBENET_MAX_NODES:
        found.append(
            Finding(
                "kubenet-node-limit",
                ERROR,
                f"kubenet plans {total:,} nodes with surge: it writes one route per node and a route table "
                f"holds {facts.ROUTE_TABLE_LIMIT}, so kubenet stops at {facts.KUBENET_MAX_NODES} nodes; "
                f"use Azure CNI Overlay (up to {facts.MAX_NODES_PER_CLUSTER:,} nodes)",
                facts.KUBENET_URL,
            )
        )
    ceilings = traits(plan.model).pods_per_cluster
    if ceilings and plan.pod_capacity > min([c for c, _ in ceilings]):
        figures = " vs ".join(f"{c:,} ({url})" for c, url in ceilings)
        over_all = plan.pod_capacity > max(c for c, _ in ceilings)
        found.append(
            Finding(
                "pods-per-cluster",
                WARNING if over_all else INFO,
                f"the plan has room for {plan.pod_capacity:,} pods: "
                + ("that is above every" if over_all else "Microsoft's pages disagree on the")
                + f" documented ceiling for {traits(plan.model).label}: {figures}; "
                + (
                    "lower max pods or nodes, or use static block allocation for very large pod counts"
                    if over_all
                    else "stay under the lowest figure to be safe"
                ),
                ceilings[0][1],
            )
        )
    return found


def _teaching_notes(plan: Plan) -> list[Finding]:
    found = []
    if any(p.surge_defaulted for p in plan.pools):
        found.append(
            Finding(
                "default-surge-contradiction",
                INFO,
                f"max surge defaulted to {facts.DEFAULT_MAX_SURGE_PERCENT}% rounded up: Microsoft's pages disagree "
                f"on the default (1 node in {facts.ROLLING_UPGRADE_URL}; {facts.DEFAULT_MAX_SURGE_PERCENT}% in "
                f"{facts.UPGRADE_OPTIONS_URL} and {facts.LARGE_CLUSTERS_URL}; the release notes in "
                f"{facts.SURGE_DEFAULT_CHANGE_URL} say {facts.DEFAULT_MAX_SURGE_PERCENT}% for new node pools from "
                f"Kubernetes 1.27); set max surge to be sure",
                facts.UPGRADE_OPTIONS_URL,
            )
        )
    defaulted = [p for p in plan.pools if p.max_pods_defaulted]
    if defaulted:
        found.append(_default_max_pods_note(plan, defaulted[0].max_pods))
    if plan.model is NetworkModel.POD_SUBNET and plan.pod_subnet is not None:
        found.append(_dynamic_cap_note(plan, plan.pod_subnet))
    return found


def _dynamic_cap_note(plan: Plan, pod_subnet: SubnetPlan) -> Finding:
    t = traits(plan.model)
    per_node = {m: t.pod_subnet_ips_per_node(m) for m in sorted({p.max_pods for p in plan.pools})}
    shown = ", ".join(f"max pods {m}: {ips}" for m, ips in per_node.items())
    above = [m for m, ips in per_node.items() if ips > facts.CNS_MAX_IP_COUNT]
    beyond = (
        f" (at max pods {above[0]} the rule asks for more than that cap, so the real use may be lower)" if above else ""
    )
    return Finding(
        "dynamic-ip-max-count",
        INFO,
        f"the pod subnet is planned for every pod slot in use: a node starts with {facts.DYNAMIC_BATCH_IPS} IPs "
        f"and takes {facts.DYNAMIC_BATCH_IPS} more whenever fewer than {facts.DYNAMIC_MIN_FREE_IPS} are free "
        f"({facts.DYNAMIC_URL}), so {shown} IPs per node, {pod_subnet.ips_required:,} in all "
        f"({pod_subnet.ips_minimum:,} at node start); Azure CNS also caps a node's request at its MaxIPCount, "
        f"at most {facts.CNS_MAX_IP_COUNT} ({facts.CNS_IPAM_MONITOR_URL}){beyond}, and no page says whether "
        f"that cap equals max pods; plan the documented rule, as akskit does",
        facts.DYNAMIC_URL,
    )


def _default_max_pods_note(plan: Plan, default: int) -> Finding:
    model, label = plan.model, traits(plan.model).label
    conflict = {
        NetworkModel.POD_SUBNET: f"{facts.DYNAMIC_URL} says 250, {facts.IP_PLANNING_URL} says 110",
        NetworkModel.POD_SUBNET_STATIC: "no page states it; the docs' examples pass --max-pods 250",
        NetworkModel.KUBENET: "the CLI and ARM give 110; pages disagree on the portal's (30 or 110)",
        NetworkModel.AZURE_CNI: "the CLI and ARM give 30; pages disagree on the portal's (30 or 110)",
    }.get(model, "the CLI, ARM and portal agree")
    return Finding(
        "default-max-pods",
        INFO,
        f"max pods defaulted to {default} for {label}: {conflict}; set max pods to be sure",
        facts.IP_PLANNING_URL,
    )
