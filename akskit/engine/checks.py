"""Checks that turn a draft plan into findings: sizes, pools, limits and model rules.

The CIDR rules (reserved ranges, overlaps, service range, DNS IP) live in
:mod:`akskit.engine.cidr_checks`. Each finding quotes the value, states the rule,
suggests a fix and links the page that states the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from akskit.engine import facts
from akskit.engine.cidr import smallest_subnet_prefix
from akskit.engine.cidr_checks import cidr_findings
from akskit.engine.errors import quote
from akskit.engine.findings import Finding, Severity
from akskit.engine.models import Dataplane, NetworkModel, traits

if TYPE_CHECKING:
    from akskit.engine.results import Plan, PoolPlan, SubnetPlan
    from akskit.engine.spec import ClusterSpec

__all__ = ["check", "system_pool_problem"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def check(plan: Plan) -> tuple[Finding, ...]:
    """Every finding for ``plan``, errors first, in a stable order."""
    found = [
        *_model_findings(plan),
        *_system_pool_findings(plan),
        *(f for p in plan.pools for f in _pool_findings(plan, p)),
        *_scale_findings(plan),
        *_size_findings(plan),
        *_capacity_findings(plan),
        *cidr_findings(plan),
        *_teaching_notes(plan),
    ]
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return tuple(sorted(found, key=lambda f: order[f.severity]))


def _model_findings(plan: Plan) -> list[Finding]:
    model, found = plan.model, []
    cilium = traits(model).cilium
    if plan.dataplane is Dataplane.CILIUM and not cilium.managed:
        label = traits(model).label
        found.append(
            Finding(
                "cilium-unsupported-model",
                ERROR,
                f"data plane cilium with {model.value!r}: Cilium runs only with Azure CNI "
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

    The first pool is the system pool (``az aks create`` makes it one) and must run
    Linux; a cluster of Windows pools alone can't be created. The planner's finding
    and :mod:`akskit.engine.azcli` both use this one rule.

    >>> from akskit import cluster, pool
    >>> system_pool_problem(cluster("overlay", [pool("win", 3, os="windows")]))[0]  # doctest: +ELLIPSIS
    "the cluster has no Linux node pool (pool 'win' runs windows): AKS needs a Linux system pool..."
    """
    first = spec.pools[0]
    if first.os == "linux":
        return None
    linux = next((p for p in spec.pools if p.os == "linux"), None)
    if linux is None:
        return (
            f"the cluster has no Linux node pool (pool {quote(first.name)} runs {first.os}): AKS needs a Linux system "
            f"pool and can't create a cluster with Windows pools alone; add a Linux pool and list it first",
            facts.NODE_POOLS_URL,
        )
    return (
        f"pool {quote(first.name)} runs {first.os} but comes first: the first pool is the system pool "
        f"(az aks create makes it one), and a system pool must run Linux; list pool {quote(linux.name)} first",
        facts.SYSTEM_POOLS_URL,
    )


def _system_pool_findings(plan: Plan) -> list[Finding]:
    problem = system_pool_problem(plan.spec)
    return [] if problem is None else [Finding("no-linux-system-pool", ERROR, *problem)]


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


def _pool_findings(plan: Plan, p: PoolPlan) -> list[Finding]:
    found, who, model = [], f"pool {quote(p.name)}", plan.model
    if not facts.MAX_PODS_LOWEST <= p.max_pods <= facts.MAX_PODS_HIGHEST:
        fix = facts.MAX_PODS_LOWEST if p.max_pods < facts.MAX_PODS_LOWEST else facts.MAX_PODS_HIGHEST
        found.append(
            Finding(
                "max-pods-out-of-range",
                ERROR,
                f"{who} max pods {p.max_pods} is outside {facts.MAX_PODS_LOWEST}-{facts.MAX_PODS_HIGHEST}, "
                f"the range AKS accepts; use {fix}",
                facts.IP_PLANNING_URL,
                "InvalidParameter",
            )
        )
    elif p.max_pods < facts.MIN_PODS_PER_POOL and p.nodes * p.max_pods < facts.MIN_PODS_PER_POOL:
        need = -(-facts.MIN_PODS_PER_POOL // p.max_pods)
        found.append(
            Finding(
                "pool-pod-room",
                ERROR,
                f"{who} has room for {p.nodes * p.max_pods} pods ({p.nodes} nodes x {p.max_pods} max pods): "
                f"max pods below {facts.MIN_PODS_PER_POOL} needs room for at least {facts.MIN_PODS_PER_POOL} "
                f"pods per pool; use {need} nodes or more, or max pods {facts.MIN_PODS_PER_POOL}",
                facts.IP_PLANNING_URL,
                "InvalidParameter",
            )
        )
    if p.planned_nodes > facts.MAX_NODES_PER_POOL:
        found.append(
            Finding(
                "pool-node-limit",
                ERROR,
                f"{who} plans {p.planned_nodes:,} nodes "
                f"({p.planned_nodes - p.surge_nodes:,} + {p.surge_nodes:,} surge): "
                f"a node pool (a VM scale set) holds at most {facts.MAX_NODES_PER_POOL:,} including surge; "
                f"split it into {-(-p.planned_nodes // facts.MAX_NODES_PER_POOL)} pools or lower max count or surge",
                facts.ROLLING_UPGRADE_URL,
            )
        )
    if p.os == "windows":
        found.extend(_windows_findings(plan, p))
    if p.max_surge in ("0", "0%"):
        found.append(
            Finding(
                "surge-zero",
                WARNING,
                f"{who} max surge {p.max_surge} adds no upgrade nodes: AKS accepts it only with "
                f"max unavailable 1 or more, which upgrades in place and drains capacity; "
                f"keep a surge (33% is Microsoft's production advice) if the subnet has room",
                facts.ROLLING_UPGRADE_URL,
            )
        )
    if model is NetworkModel.POD_SUBNET_STATIC and (p.max_pods + 1) % facts.STATIC_BLOCK_IPS:
        per_node = traits(model).pod_subnet_ips_per_node(p.max_pods)
        waste = per_node - 1 - p.max_pods
        best = per_node - 1
        found.append(
            Finding(
                "static-block-waste",
                WARNING,
                f"{who} max pods {p.max_pods} leaves {waste} of each node's {per_node} static-block IPs unused "
                f"({waste * p.planned_nodes:,} in the pool): static block allocation gives whole /28 blocks "
                f"and keeps one IP per node, so max pods should be 16k-1; use {best}"
                + (
                    f" or {best - facts.STATIC_BLOCK_IPS}"
                    if best - facts.STATIC_BLOCK_IPS >= facts.MAX_PODS_LOWEST
                    else ""
                ),
                facts.STATIC_BLOCK_URL,
            )
        )
    return found


def _windows_findings(plan: Plan, p: PoolPlan) -> list[Finding]:
    who, model = f"pool {quote(p.name)}", plan.model
    if model is NetworkModel.KUBENET:
        return [
            Finding(
                "kubenet-windows",
                ERROR,
                f"{who} runs Windows, which kubenet does not support; use Azure CNI Overlay "
                f"(Windows Server 2022 and 2025 pools are supported there)",
                facts.KUBENET_URL,
            )
        ]
    if plan.dataplane is Dataplane.CILIUM:
        return [
            Finding(
                "cilium-windows",
                ERROR,
                f"{who} runs Windows, but the Cilium data plane is Linux only; "
                f"use data plane azure, or move Windows workloads to another cluster",
                facts.CILIUM_URL,
            )
        ]
    found = []
    if traits(model).windows is None:
        found.append(
            Finding(
                "windows-unconfirmed",
                WARNING,
                f"{who} runs Windows with {traits(model).label}: Microsoft's pages do not say whether "
                f"this is supported; check with your CNI's vendor before relying on it",
                traits(model).url,
            )
        )
    if p.max_pods > facts.WINDOWS_MAX_PODS_RECOMMENDED:
        found.append(
            Finding(
                "windows-max-pods",
                WARNING,
                f"{who} runs Windows at max pods {p.max_pods}: Microsoft recommends at most "
                f"{facts.WINDOWS_MAX_PODS_RECOMMENDED} on Windows nodes; "
                f"use {facts.WINDOWS_MAX_PODS_RECOMMENDED} or fewer",
                facts.OVERLAY_URL,
            )
        )
    return found


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
    if ceilings and plan.pod_capacity > min(c for c, _ in ceilings):
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


def _prefix_fix(need: int) -> str:
    prefix = smallest_subnet_prefix(need)
    if prefix is None:
        largest = facts.LARGEST_SUBNET_PREFIX
        return f"no Azure subnet holds {need:,} IPs (the largest, a /{largest}, holds fewer); cut nodes or max pods"
    return f"use a /{prefix} or larger"


def _size_findings(plan: Plan) -> list[Finding]:
    found = []
    for name, subnet in (("node subnet", plan.node_subnet), ("pod subnet", plan.pod_subnet)):
        if subnet is None:
            continue
        if subnet.smallest_prefix is None:
            found.append(
                Finding(
                    "no-prefix-fits",
                    ERROR,
                    f"the {name} needs {subnet.ips_required:,} IPs: {_prefix_fix(subnet.ips_required)}",
                    facts.VNET_FAQ_URL,
                )
            )
        if subnet.cidr is not None:
            found.extend(_subnet_size_findings(plan, name, subnet))
    pod_cidr = plan.pod_cidr
    if pod_cidr is not None and pod_cidr.fits is False:
        default = " (AKS's default, used because no pod CIDR was given)" if pod_cidr.defaulted else ""
        found.append(
            Finding(
                "pod-cidr-too-small",
                ERROR,
                f"pod CIDR {pod_cidr.cidr}{default} holds {pod_cidr.blocks_available:,} per-node /24 blocks; "
                f"{plan.planned_nodes:,} nodes with surge and scale-out need {pod_cidr.blocks_required:,}: "
                f"use /{pod_cidr.largest_prefix} or larger",
                facts.OVERLAY_URL if plan.model is NetworkModel.OVERLAY else facts.KUBENET_URL,
            )
        )
    return found


def _subnet_size_findings(plan: Plan, name: str, subnet: SubnetPlan) -> list[Finding]:
    found, cidr = [], subnet.cidr
    assert cidr is not None
    if not facts.LARGEST_SUBNET_PREFIX <= cidr.prefixlen <= facts.SMALLEST_SUBNET_PREFIX:
        found.append(
            Finding(
                "subnet-size-invalid",
                ERROR,
                f"{name} {cidr} is a /{cidr.prefixlen}: Azure subnets run from /{facts.LARGEST_SUBNET_PREFIX} "
                f"to /{facts.SMALLEST_SUBNET_PREFIX}; {_prefix_fix(subnet.ips_required)}",
                facts.VNET_FAQ_URL,
            )
        )
    elif subnet.fits is False:
        capacity = (
            ""
            if subnet.max_nodes is None
            else f"; it holds at most {subnet.max_nodes:,} nodes in the first pool with surge"
        )
        found.append(
            Finding(
                f"{name.replace(' ', '-')}-too-small",
                ERROR,
                f"{name} {cidr} has {subnet.usable_ips:,} usable IPs ({cidr.num_addresses:,} minus Azure's "
                f"{facts.AZURE_RESERVED_IPS} reserved); the plan needs {subnet.ips_required:,}: "
                f"{_prefix_fix(subnet.ips_required)}{capacity}",
                facts.IP_PLANNING_URL,
                "InsufficientSubnetSize",
            )
        )
    if (
        plan.model is NetworkModel.POD_SUBNET_STATIC
        and name == "pod subnet"
        and cidr.prefixlen < facts.STATIC_POD_SUBNET_LARGEST_PREFIX
    ):
        found.append(
            Finding(
                "static-pod-subnet-too-large",
                ERROR,
                f"pod subnet {cidr} is a /{cidr.prefixlen}: static block allocation takes a pod subnet of "
                f"at most /{facts.STATIC_POD_SUBNET_LARGEST_PREFIX}; "
                f"use a /{facts.STATIC_POD_SUBNET_LARGEST_PREFIX} or smaller",
                facts.STATIC_BLOCK_URL,
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
