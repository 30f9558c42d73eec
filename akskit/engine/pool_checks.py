"""Checks on one node pool: max pods, pod room, pool size, reserved labels, surge, Windows and static-block fit.

Each finding quotes the pool, states the rule, suggests a fix and links the page
that states the rule (see :mod:`akskit.engine.checks`, which runs them).
"""

from __future__ import annotations

from akskit.engine import facts
from akskit.engine.errors import quote
from akskit.engine.findings import Finding, Severity
from akskit.engine.models import Dataplane, NetworkModel, traits

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from akskit.engine.results import Plan, PoolPlan

__all__ = ["pool_findings"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _who(p: PoolPlan) -> str:
    """The pool as messages name it (built only when a finding is)."""
    return f"pool {quote(p.name)}"


def pool_findings(plan: Plan, p: PoolPlan) -> list[Finding]:
    """The findings for node pool ``p`` of ``plan``: max pods, size, surge, Windows, static-block fit."""
    found, model = [], plan.model
    if not facts.MAX_PODS_LOWEST <= p.max_pods <= facts.MAX_PODS_HIGHEST:
        fix = facts.MAX_PODS_LOWEST if p.max_pods < facts.MAX_PODS_LOWEST else facts.MAX_PODS_HIGHEST
        found.append(
            Finding(
                "max-pods-out-of-range",
                ERROR,
                f"{_who(p)} max pods {p.max_pods} is outside {facts.MAX_PODS_LOWEST}-{facts.MAX_PODS_HIGHEST}, "
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
                f"{_who(p)} has room for {p.nodes * p.max_pods} pods ({p.nodes} nodes x {p.max_pods} max pods): "
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
                f"{_who(p)} plans {p.planned_nodes:,} nodes "
                f"({p.planned_nodes - p.surge_nodes:,} + {p.surge_nodes:,} surge): "
                f"a node pool (a VM scale set) holds at most {facts.MAX_NODES_PER_POOL:,} including surge; "
                f"split it into {-(-p.planned_nodes // facts.MAX_NODES_PER_POOL)} pools or lower max count or surge",
                facts.ROLLING_UPGRADE_URL,
            )
        )
    reserved = [key for key, _ in p.labels if key.startswith(facts.RESERVED_LABEL_PREFIXES)]
    if reserved:
        found.append(
            Finding(
                "reserved-label-prefix",
                ERROR,
                f"{_who(p)} label {quote(reserved[0])}"
                + (f" (and {len(reserved) - 1} more)" if len(reserved) > 1 else "")
                + f" uses a prefix AKS reserves for itself ({', '.join(facts.RESERVED_LABEL_PREFIXES)}); "
                f"move them under a prefix of your own, such as example.com/",
                facts.USE_LABELS_URL,
            )
        )
    if p.os == "windows":
        found.extend(_windows_findings(plan, p))
    found.extend(_upgrade_findings(p))
    if model is NetworkModel.POD_SUBNET_STATIC and (p.max_pods + 1) % facts.STATIC_BLOCK_IPS:
        per_node = traits(model).pod_subnet_ips_per_node(p.max_pods)
        waste = per_node - 1 - p.max_pods
        best = per_node - 1
        found.append(
            Finding(
                "static-block-waste",
                WARNING,
                f"{_who(p)} max pods {p.max_pods} leaves {waste} of each node's {per_node} static-block IPs unused "
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


def _upgrade_findings(p: PoolPlan) -> list[Finding]:
    """How the pool upgrades: max unavailable on a system pool, nothing to upgrade with, blue-green limits."""
    unavailable = p.max_unavailable not in (None, "0", "0%")
    if unavailable and p.mode == "system":
        return [
            Finding(
                "max-unavailable-system-pool",
                ERROR,
                f"{_who(p)} is a system pool with max unavailable {p.max_unavailable}: AKS refuses max unavailable "
                f"on system pools; use a max surge instead (33% is Microsoft's production advice)",
                facts.ROLLING_UPGRADE_URL,
            )
        ]
    if unavailable and p.upgrade_strategy == "bluegreen":
        return [
            Finding(
                "blue-green-max-unavailable",
                ERROR,
                f"{_who(p)} upgrades blue-green with max unavailable {p.max_unavailable}: blue-green upgrades do not "
                f"support max unavailable; drop it, or upgrade rolling",
                facts.BLUE_GREEN_URL,
            )
        ]
    if p.upgrade_strategy == "rolling" and p.max_surge in ("0", "0%") and not unavailable:
        return [
            Finding(
                "surge-zero",
                WARNING,
                f"{_who(p)} max surge {p.max_surge} adds no upgrade nodes: AKS accepts it only with "
                f"max unavailable 1 or more, which upgrades in place and drains capacity; "
                f"keep a surge (33% is Microsoft's production advice) if the subnet has room",
                facts.ROLLING_UPGRADE_URL,
            )
        ]
    return []


def _windows_findings(plan: Plan, p: PoolPlan) -> list[Finding]:
    model = plan.model
    if model is NetworkModel.KUBENET:
        return [
            Finding(
                "kubenet-windows",
                ERROR,
                f"{_who(p)} runs Windows, which kubenet does not support; use Azure CNI Overlay "
                f"(Windows Server 2022 and 2025 pools are supported there)",
                facts.KUBENET_URL,
            )
        ]
    if plan.dataplane is Dataplane.CILIUM:
        return [
            Finding(
                "cilium-windows",
                ERROR,
                f"{_who(p)} runs Windows, but the Cilium data plane is Linux only; "
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
                f"{_who(p)} runs Windows with {traits(model).label}: Microsoft's pages do not say whether "
                f"this is supported; check with your CNI's vendor before relying on it",
                traits(model).url,
            )
        )
    if p.max_pods > facts.WINDOWS_MAX_PODS_RECOMMENDED:
        found.append(
            Finding(
                "windows-max-pods",
                WARNING,
                f"{_who(p)} runs Windows at max pods {p.max_pods}: Microsoft recommends at most "
                f"{facts.WINDOWS_MAX_PODS_RECOMMENDED} on Windows nodes; "
                f"use {facts.WINDOWS_MAX_PODS_RECOMMENDED} or fewer",
                facts.OVERLAY_URL,
            )
        )
    return found
