"""Reproduce an AKS error's number from akskit's plan of the cluster it came from.

``akskit explain`` works from the numbers in the text alone; given the cluster too
(``--spec FILE`` or ``--import FILE``), it plans that cluster at the moment the error
came from and lays the two numbers side by side, pool by pool. AKS checks
InsufficientSubnetSize when it creates a cluster or adds a pool, counting every pool
at its autoscaler maximum (or node count) with no surge (aks_error_types.
INSUFFICIENT_SUBNET_SIZE_URL); SubnetIsFull comes from a scale or an upgrade, when the
surge is in.

>>> from akskit import cluster, pool
>>> from akskit.engine.aks_errors import explain_error
>>> e = explain_error("Pre-allocated IPs 310 exceeds IPs available in Subnet 251")
>>> with_plan(e, cluster("azure-cni", [pool("system", 10)])).values["plan"]["requested"]
310
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from akskit.engine.aks_error_types import POD_BLOCK, AksErrorExplanation
from akskit.engine.errors import quote
from akskit.engine.plans import plan
from akskit.engine.results import Plan, PoolPlan
from akskit.engine.spec import ClusterSpec

__all__ = ["with_plan"]


def _per_pool(planned: Plan, what: str) -> list[tuple[PoolPlan, int]]:
    """Each pool's share of ``what`` (node subnet, pod subnet or pod CIDR) in addresses."""
    if what == "pod subnet":
        return [(p, p.pod_subnet_ips) for p in planned.pools]
    if what == "pod CIDR":
        return [(p, p.pod_cidr_blocks * POD_BLOCK) for p in planned.pools]
    return [(p, p.node_subnet_ips) for p in planned.pools]


def _total(planned: Plan, what: str) -> tuple[int, int | None]:
    """The range's whole need in addresses and its smallest prefix (the pod CIDR's largest, for the pod CIDR)."""
    if what == "pod subnet" and planned.pod_subnet is not None:
        return planned.pod_subnet.ips_required, planned.pod_subnet.smallest_prefix
    if what == "pod CIDR" and planned.pod_cidr is not None:
        return planned.pod_cidr.blocks_required * POD_BLOCK, planned.pod_cidr.largest_prefix
    return planned.node_subnet.ips_required, planned.node_subnet.smallest_prefix


def with_plan(e: AksErrorExplanation, spec: ClusterSpec) -> AksErrorExplanation:
    """``e`` with akskit's plan of ``spec`` beside AKS's number (``values["plan"]``).

    For InsufficientSubnetSize (planned at create time) and an upgrade's SubnetIsFull (the surge
    nodes' addresses); other codes and texts without a count come back with ``values["plan"]`` None.
    """
    requested = e.values.get("requested")
    upgrade = e.code == "SubnetIsFull" and e.values.get("operation") == "upgrade"
    if not (e.code == "InsufficientSubnetSize" or upgrade) or not isinstance(requested, int):
        return replace(e, values={**e.values, "plan": None})  # a scale's count depends on how far it scaled
    moment = "upgrade" if upgrade else "create"
    what = str(e.values.get("range", "node subnet"))
    planned = plan(replace(spec, moment=moment))
    total, prefix = _total(planned, what)
    shares = _per_pool(planned, what)
    pools = [{"name": p.name, "nodes": p.planned_nodes, "ips": ips} for p, ips in shares]
    if upgrade:  # the text counts what the upgrade asked for: the surge nodes' addresses, not the whole range
        total = sum(ips * p.surge_nodes // max(p.planned_nodes, 1) for p, ips in shares)
    matches = total == requested
    parts = ", ".join(f"pool {quote(p.name)} {p.planned_nodes:,} nodes: {ips:,}" for p, ips in shares)
    when = "during an upgrade (pools plus surge)" if upgrade else "at create time (pools at max count, no surge)"
    verdict = (
        f"the same number AKS gave ({requested:,})"
        if matches
        else f"AKS gave {requested:,}: the cluster described is not the one AKS checked (a pool added or resized, "
        f"another max pods or max count?)"
    )
    note = f" akskit's plan of your cluster {when} needs {total:,} addresses in the {what} ({parts}): {verdict}."
    data: dict[str, Any] = {"moment": moment, "range": what, "requested": total, "matches": matches, "pools": pools}
    fix = dict(e.fix)
    if matches and prefix is not None:
        upgraded = plan(replace(spec, moment="upgrade"))
        need, room = _total(upgraded, what)
        data["upgrade_requested"] = need
        if room is not None:
            fix["prefix"] = f"/{room}"
            note += f" With upgrade surge it needs {need:,}: a /{room} holds that, so pick /{room} or a larger range."
    return replace(e, values={**e.values, "plan": data}, cause=e.cause + note, fix=fix)
