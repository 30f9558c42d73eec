"""Nodes that AKS adds for you, and the IPs they cost: upgrade surge and the cluster autoscaler.

A rolling upgrade follows the steps in Microsoft's rolling-upgrade page
(https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling):
add the surge (buffer) nodes, cordon and drain as many old nodes at a time as
there are buffer nodes, reimage them to the new version (they become the next
buffers), repeat, then remove the remaining buffer nodes. Max surge as a
percentage of the pool is rounded up, and capped at the nodes still to upgrade.

The canonical teaching example: a pool of 12 Azure CNI nodes at 30 max pods,
max surge 33 %, adds 4 nodes, so the node subnet peaks at 16 x 31 = 496 IPs.

>>> t = model_timeline("azure-cni", 12, "33%", max_pods=30)
>>> t.surge_nodes, t.batches, t.peak_nodes, t.peak_ips
(4, 3, 16, 496)
>>> [s.total for s in t.steps]
[12, 16, 16, 16, 16, 12]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from akskit.engine import facts
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import Surge, parse_surge
from akskit.engine.tables import Table

__all__ = ["Timeline", "UpgradeStep", "autoscale_table", "model_timeline", "upgrade_timeline"]


@dataclass(frozen=True, slots=True)
class UpgradeStep:
    """The node pool after one step of a rolling upgrade.

    Attributes:
        label: what happened in this step, in words.
        short: a short label for an axis tick.
        old: nodes still on the old version.
        new: nodes on the new version (surge nodes included).
        extra: nodes above the pool size (the surge nodes present).
        drained: old nodes cordoned and drained in this step.
        ips: node-subnet IPs the pool holds after this step.
    """

    label: str
    short: str
    old: int
    new: int
    extra: int
    drained: int
    ips: int

    @property
    def total(self) -> int:
        """All nodes present: old plus new version."""
        return self.old + self.new


@dataclass(frozen=True, slots=True)
class Timeline:
    """A rolling upgrade of one node pool, step by step.

    Attributes:
        pool_size: nodes in the pool before and after the upgrade.
        surge: max surge as given.
        surge_nodes: buffer nodes the upgrade adds (0: an in-place upgrade, one node at a time).
        ips_per_node: node-subnet IPs each node takes (the network model's cost).
        steps: the pool after each step, from the start to the end.
        label: the network model's name, when the timeline was built for one.
    """

    pool_size: int
    surge: Surge
    surge_nodes: int
    ips_per_node: int
    steps: tuple[UpgradeStep, ...]
    label: str = ""

    @property
    def batches(self) -> int:
        """Drain-and-reimage rounds: the pool size divided by the batch size, rounded up."""
        return sum(1 for s in self.steps if s.drained)

    @property
    def peak_nodes(self) -> int:
        """The most nodes present at once."""
        return max(s.total for s in self.steps)

    @property
    def peak_ips(self) -> int:
        """The most node-subnet IPs held at once: what the subnet must have room for."""
        return max(s.ips for s in self.steps)

    @property
    def baseline_ips(self) -> int:
        """Node-subnet IPs before and after the upgrade."""
        return self.steps[0].ips

    @property
    def summary(self) -> str:
        """One plain sentence describing the timeline (the figure's text summary, read aloud by screen readers)."""
        who = f"{self.pool_size:,} {self.label} nodes" if self.label else f"a pool of {self.pool_size:,} nodes"
        if not self.surge_nodes:
            return (
                f"Upgrading {who} with max surge {self.surge} adds no nodes: each node is upgraded in place, one at "
                f"a time, so the addresses they take in the node subnet stay at {self.baseline_ips:,}, and the pool "
                f"runs one node short at each step."
            )
        batches = f"{self.batches:,} batch{'es' if self.batches != 1 else ''}"
        return (
            f"Upgrading {who} with max surge {self.surge} adds {self.surge_nodes:,} "
            f"node{'s' if self.surge_nodes != 1 else ''}, so the addresses they take in the node subnet rise from "
            f"{self.baseline_ips:,} to {self.peak_ips:,} during the {batches} and fall back to "
            f"{self.baseline_ips:,} at the end."
        )

    @property
    def verdict(self) -> str:
        """One line for an explorer's status bar."""
        text = (
            f"peak {self.peak_nodes:,} nodes = {self.pool_size:,} + {self.surge_nodes:,} surge, "
            f"{self.peak_ips:,} node-subnet IPs at {self.ips_per_node} per node; "
            f"{self.batches:,} batch{'es' if self.batches != 1 else ''} of up to {max(self.surge_nodes, 1):,}"
        )
        if self.peak_nodes > facts.MAX_NODES_PER_POOL:
            text += (
                f"; AKS would block this upgrade: a pool holds at most {facts.MAX_NODES_PER_POOL:,} nodes "
                f"including surge"
            )
        return text


def upgrade_timeline(pool_size: int, max_surge: int | str | Surge, ips_per_node: int, label: str = "") -> Timeline:
    """The rolling upgrade of a pool of ``pool_size`` nodes that each take ``ips_per_node`` IPs.

    Max surge 0 is the in-place upgrade that AKS runs with max unavailable 1:
    no buffer nodes, one node cordoned, drained and reimaged at a time.

    >>> [s.ips for s in upgrade_timeline(3, 1, ips_per_node=31).steps]
    [93, 124, 124, 124, 124, 93]
    """
    size = whole_number(
        pool_size,
        "pool size",
        low=1,
        high=facts.MAX_NODES_PER_POOL,
        why="an upgrade needs at least one node, and a node pool (a VM scale set) holds at most that many",
    )
    per_node = whole_number(
        ips_per_node,
        "IPs per node",
        low=1,
        high=1 + facts.MAX_PODS_HIGHEST,
        why="a node takes its own IP, plus max pods (up to 250) on flat Azure CNI",
    )
    surge = parse_surge(max_surge)
    extra = surge.nodes(size)
    batch = extra or 1
    steps = [UpgradeStep("before the upgrade: every node on the old version", "start", size, 0, 0, 0, size * per_node)]
    if extra:
        steps.append(
            UpgradeStep(
                f"add {extra} surge node{'s' if extra != 1 else ''} on the new version",
                f"add {extra}",
                size,
                extra,
                extra,
                0,
                (size + extra) * per_node,
            )
        )
    old, new, k = size, extra, 0
    while old:
        k += 1
        b = min(batch, old)
        old, new = old - b, new + b
        how = (
            "reimage them to the new version (they become the next buffers)"
            if extra
            else "reimage it in place (no buffer node: capacity drops meanwhile)"
        )
        steps.append(
            UpgradeStep(
                f"batch {k}: cordon and drain {b} old node{'s' if b != 1 else ''}, {how}",
                f"batch {k}",
                old,
                new,
                extra,
                b,
                (old + new) * per_node,
            )
        )
    if extra:
        steps.append(
            UpgradeStep(
                f"remove the {extra} remaining buffer node{'s' if extra != 1 else ''}",
                f"remove {extra}",
                0,
                size,
                0,
                0,
                size * per_node,
            )
        )
    return Timeline(size, surge, extra, per_node, tuple(steps), label)


def model_timeline(
    model: str | NetworkModel, pool_size: int, max_surge: int | str | Surge, max_pods: int | None = None
) -> Timeline:
    """The rolling upgrade of a pool under ``model``: IPs per node from :func:`akskit.engine.models.traits`.

    ``max_pods`` defaults to the model's default; only flat Azure CNI spends it in the node subnet.

    >>> model_timeline("kubenet", 12, "33%").peak_ips, model_timeline("overlay", 12, "33%").peak_ips
    (16, 16)
    """
    t = traits(parse_model(model) if isinstance(model, str) else model)
    pods = t.default_max_pods if max_pods is None else max_pods
    pods = whole_number(
        pods, "max pods", low=facts.MAX_PODS_LOWEST, high=facts.MAX_PODS_HIGHEST, why="the range AKS accepts per node"
    )
    return upgrade_timeline(pool_size, max_surge, t.node_subnet_ips_per_node(pods), label=t.label)


def autoscale_table(
    models: Iterable[str | NetworkModel],
    *,
    nodes: int,
    max_count: int,
    max_pods: int | None = None,
    max_surge: int | str | Surge = 1,
    node_subnet: str | None = None,
) -> Table:
    """Node-subnet IPs each model needs today and at the autoscaler's max count, from :func:`akskit.plan`.

    >>> t = autoscale_table(["azure-cni"], nodes=5, max_count=20, max_pods=30, max_surge=1)
    >>> t.rows[0][1:4]
    ('6 x 31 = 186', '21 x 31 = 651', '/22')
    """
    rows = []
    subnet_label = f"fits {node_subnet}?" if node_subnet else "subnet given?"
    for m in models:
        model = parse_model(m) if isinstance(m, str) else m
        today = plan(cluster(model, [pool("user", nodes, max_pods=max_pods, max_surge=max_surge)]))
        grown = plan(
            cluster(
                model,
                [pool("user", nodes, max_count=max_count, max_pods=max_pods, max_surge=max_surge)],
                node_subnet=node_subnet,
            )
        )
        per_node = traits(model).node_subnet_ips_per_node(grown.pools[0].max_pods)
        verdict = "-" if grown.node_subnet.fits is None else ("yes" if grown.node_subnet.fits else "no")
        rows.append(
            (
                traits(model).label,
                f"{today.pools[0].planned_nodes} x {per_node} = {today.node_subnet.ips_required:,}",
                f"{grown.pools[0].planned_nodes} x {per_node} = {grown.node_subnet.ips_required:,}",
                f"/{grown.node_subnet.smallest_prefix}",
                verdict,
            )
        )
    return Table(
        (
            "model",
            f"today: ({nodes} nodes + surge) x IPs per node",
            f"max count: ({max_count} + surge) x IPs per node",
            "smallest subnet at max count",
            subnet_label,
        ),
        rows,
        caption=f"Node-subnet IPs for one pool of {nodes} nodes that the autoscaler may grow to {max_count}",
    )
