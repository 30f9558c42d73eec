"""Every network model on one workload: IPs, limits, source address, Windows and Cilium, side by side.

:func:`compare` plans the same node pools under each model and returns a
:class:`~akskit.engine.tables.Table`; :func:`comparison_view` adds the curves of VNet
IPs against nodes that :func:`akskit.plots.comparison_figure` draws.

>>> from akskit import cluster, pool
>>> t = compare(cluster("overlay", [pool("system", 50, max_pods=30, max_surge=1)]),
...             columns=("model", "node-subnet IPs", "VNet IPs"))
>>> print(t.rows[1])
('Azure CNI Node Subnet', '1,581 (/21)', '1,581')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from akskit.course.curves import ip_usage_by_nodes
from akskit.course.traffic import source_ip
from akskit.course.usage import Ceiling
from akskit.engine import facts
from akskit.engine.errors import SpecError, quote
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec, cluster, pool
from akskit.engine.surge import Surge, parse_surge
from akskit.engine.tables import Table

__all__ = [
    "COLUMNS",
    "ComparisonView",
    "ModelRow",
    "compare",
    "comparison_rows",
    "comparison_view",
    "smallest_subnets_addresses",
    "static_block_table",
]

#: Windows detail beyond yes/no/not documented, per model. Static block: no page states Windows support
#: (CNI_OVERVIEW_URL's table says "Pod Subnet", no mode); POD_SUBNET_URL rules out Windows Server 2019.
_WINDOWS_NOTE = {
    NetworkModel.OVERLAY: " (Windows Server 2022, 2025)",  # OVERLAY_URL
    NetworkModel.POD_SUBNET: " (not Windows Server 2019)",  # POD_SUBNET_URL
    NetworkModel.POD_SUBNET_STATIC: " (only Windows Server 2019 is ruled out)",  # POD_SUBNET_URL
}

COLUMNS = (
    "model",
    "max pods",
    "node-subnet IPs",
    "pod-subnet IPs",
    "pod-CIDR /24s",
    "VNet IPs",
    "max nodes",
    "pods per cluster",
    "source IP seen (VNet / peered)",
    "Windows",
    "Cilium",
    "plan errors",
)


@dataclass(frozen=True, slots=True)
class ModelRow:
    """One model's answer for the workload: what it takes, what it allows, how it behaves."""

    model: NetworkModel
    plan: Plan
    max_nodes: int
    pods_per_cluster: tuple[tuple[int, str], ...]
    source_vnet: str
    source_peered: str
    windows: bool | None
    cilium: bool

    @property
    def label(self) -> str:
        """The model's name in Microsoft's docs."""
        return traits(self.model).label

    def cells(self) -> dict[str, str]:
        """The row's table cells by column name."""
        p, t = self.plan, traits(self.model)

        def ips(subnet: object) -> str:
            if subnet is None:
                return "-"
            need, prefix = subnet.ips_required, subnet.smallest_prefix  # type: ignore[attr-defined]
            return f"{need:,} ({'none fits' if prefix is None else f'/{prefix}'})"

        ceilings = " or ".join(f"{n:,}" for n, _ in self.pods_per_cluster)
        if len(self.pods_per_cluster) > 1:
            ceilings += " (pages disagree)"
        windows = {True: "yes", False: "no", None: "not documented"}[self.windows] + _WINDOWS_NOTE.get(self.model, "")
        return {
            "model": self.label,
            "max pods": "/".join(str(m) for m in sorted({q.max_pods for q in p.pools})),
            "node-subnet IPs": ips(p.node_subnet),
            "pod-subnet IPs": ips(p.pod_subnet),
            "pod-CIDR /24s": "-" if p.pod_cidr is None else f"{p.pod_cidr.blocks_required:,}",
            "VNet IPs": f"{p.vnet_ips_required:,}",
            "max nodes": f"{self.max_nodes:,}" + (" (route table)" if t.max_nodes == facts.KUBENET_MAX_NODES else ""),
            "pods per cluster": ceilings or ("set by your CNI" if self.model is NetworkModel.NONE else "not stated"),
            "source IP seen (VNet / peered)": f"{_short(self.source_vnet)} / {_short(self.source_peered)}",
            "Windows": windows,
            "Cilium": t.cilium.note,
            "plan errors": ", ".join(f.code for f in p.errors) or "none",
        }


def _short(seen: str) -> str:
    head = seen.split(" (")[0]
    return head + " (unconfirmed)" if "not stated" in seen else head


def comparison_rows(spec: ClusterSpec, models: Iterable[str | NetworkModel] | None = None) -> tuple[ModelRow, ...]:
    """Plan ``spec``'s pools under each model (all six unless ``models`` is given).

    Pools that leave max pods unset get each model's own default, as AKS would.
    """
    if not isinstance(spec, ClusterSpec):
        raise SpecError(f"compare needs a ClusterSpec from akskit.cluster(...) (got {type(spec).__name__})")
    chosen = tuple(NetworkModel) if models is None else tuple(parse_model(m) for m in models)
    rows = []
    for m in chosen:
        t = traits(m)
        rows.append(
            ModelRow(
                model=m,
                plan=plan(replace(spec, model=m)),
                max_nodes=t.max_nodes or facts.MAX_NODES_PER_CLUSTER,
                pods_per_cluster=t.pods_per_cluster,
                source_vnet=source_ip(m, "vnet").seen,
                source_peered=source_ip(m, "peered").seen,
                windows=t.windows,
                cilium=t.cilium.managed,
            )
        )
    return tuple(rows)


def compare(
    spec: ClusterSpec,
    *,
    models: Iterable[str | NetworkModel] | None = None,
    columns: Iterable[str] | None = None,
) -> Table:
    """The workload in ``spec`` under every model, as one table (renders as Markdown).

    ``columns`` picks and orders columns from :data:`COLUMNS` (all by default).
    """
    chosen = COLUMNS if columns is None else tuple(columns)
    unknown = [c for c in chosen if c not in COLUMNS]
    if unknown:
        raise SpecError(f"comparison column {quote(unknown[0])} is not known: choose from {', '.join(COLUMNS)}")
    return _table(comparison_rows(spec, models), spec, chosen)


def _table(rows: tuple[ModelRow, ...], spec: ClusterSpec, columns: tuple[str, ...] = COLUMNS) -> Table:
    """The comparison table of rows already planned."""
    cells = [r.cells() for r in rows]
    planned = spec.planned_nodes
    caption = f"One workload, {planned:,} nodes at once (pools at max count plus upgrade surge), under every model"
    return Table(columns, [[c[name] for name in columns] for c in cells], caption=caption)


def smallest_subnets_addresses(p: Plan) -> int | None:
    """VNet addresses the smallest node and pod subnets for ``p`` take (``None``: no subnet is big enough).

    Subnets come in powers of two, so 1,581 IPs take a /21 of 2,048 addresses.

    >>> from akskit import cluster, pool
    >>> smallest_subnets_addresses(plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)])))
    2048
    """
    total = 0
    for subnet in (p.node_subnet, p.pod_subnet):
        if subnet is None:
            continue
        if subnet.smallest_prefix is None:
            return None
        total += 1 << (32 - subnet.smallest_prefix)
    return total


def static_block_table(max_pods: Iterable[int] = (30, 31, 32)) -> Table:
    """Static block allocation per node: /28 blocks, IPs, pod IPs and waste for each max pods value.

    One IP across a node's blocks is the node's own, so ``16 x blocks - 1`` are left for pods.
    The default values are Microsoft's three examples (STATIC_BLOCK_URL).

    >>> static_block_table().rows[2]
    ('32', '3', '48', '47', '15')
    """
    t = traits(NetworkModel.POD_SUBNET_STATIC)
    rows = []
    for m in max_pods:
        ips = t.pod_subnet_ips_per_node(m)
        rows.append((m, ips // facts.STATIC_BLOCK_IPS, ips, ips - 1, ips - 1 - m))
    return Table(
        ("max pods", "/28 blocks per node", "pod-subnet IPs per node", "usable for pods", "wasted per node"),
        rows,
        caption="Static block allocation: whole /28 blocks, one IP kept for the node",
    )


@dataclass(frozen=True, slots=True)
class ComparisonView:
    """Everything the all-model comparison figure and explorer show for one set of inputs.

    Attributes:
        x: node counts (pool size before surge), sampled up to the figure's right edge.
        series: per model, VNet IPs at each x up to the model's node limit (so shorter for kubenet).
        limits: per model, the largest pool size whose nodes plus surge stay within its node limits.
        ceilings: horizontal limits: Microsoft's 64,000-IP limit for flat models, and the VNet if given.
        nodes: the node count chosen.
        table: :func:`compare` for the chosen workload.
        verdict: one line: which models fit and which do not, and why.
        summary: one sentence describing the figure.
    """

    x: tuple[int, ...]
    series: dict[NetworkModel, tuple[int, ...]]
    limits: dict[NetworkModel, int]
    ceilings: tuple[Ceiling, ...]
    nodes: int
    table: Table
    verdict: str
    summary: str


def _pool_size_limit(model: NetworkModel, surge: Surge) -> int:
    """Largest pool whose nodes plus surge fit the model's node limit and the 1,000-node pool limit."""
    cap = min(traits(model).max_nodes or facts.MAX_NODES_PER_CLUSTER, facts.MAX_NODES_PER_POOL)
    n = cap
    while n > 0 and n + surge.nodes(n) > cap:
        n -= 1
    return n


def comparison_view(
    nodes: int = 50,
    *,
    max_pods: int = 30,
    max_surge: int | str | Surge = "10%",
    vnet: str | None = None,
    x_max: int = facts.MAX_NODES_PER_POOL,
    models: Iterable[str | NetworkModel] | None = None,
) -> ComparisonView:
    """Compute the all-model comparison for one pool of ``nodes`` at ``max_pods`` (same for every model).

    >>> v = comparison_view(50, max_pods=30, max_surge=1)
    >>> v.limits["kubenet"], v.series["azure-cni"][v.x.index(50)]
    (399, 1581)
    """
    x_max = whole_number(x_max, "x_max", low=1, high=facts.MAX_NODES_PER_CLUSTER, why="AKS's nodes per cluster")
    nodes = whole_number(nodes, "nodes", low=1, high=x_max, why="the comparison's x axis")
    chosen = tuple(NetworkModel) if models is None else tuple(parse_model(m) for m in models)
    surge = parse_surge(max_surge)
    spec = cluster(NetworkModel.OVERLAY, [pool("system", nodes, max_pods=max_pods, max_surge=surge)], vnet=vnet)
    rows = comparison_rows(spec, chosen)
    limits = {m: _pool_size_limit(m, surge) for m in chosen}
    step = max(1, x_max // 250)
    xs = tuple(sorted({*range(1, x_max + 1, step), x_max, nodes, *(n for n in limits.values() if n >= 1)}))
    curves = ip_usage_by_nodes(xs, max_pods=max_pods, max_surge=surge, metric="vnet", models=chosen)
    series = {m: tuple(y for x, y in zip(xs, ys, strict=True) if x <= limits[m]) for m, ys in curves.series.items()}
    ceilings = [
        Ceiling(
            f"{facts.FLAT_IP_LIMIT:,} IPs: Microsoft's limit for Node Subnet and dynamic Pod Subnet",
            facts.FLAT_IP_LIMIT,
        )
    ]
    if spec.vnet is not None:
        ceilings.append(Ceiling(f"VNet {spec.vnet}: {spec.vnet.num_addresses:,} addresses", spec.vnet.num_addresses))
    return ComparisonView(
        x=xs,
        series=series,
        limits=limits,
        ceilings=tuple(ceilings),
        nodes=nodes,
        table=_table(rows, spec),
        verdict=_verdict(rows, spec),
        summary=_summary(rows, limits, max_pods),
    )


def _verdict(rows: tuple[ModelRow, ...], spec: ClusterSpec) -> str:
    good, bad = [], []
    for r in rows:
        addresses = smallest_subnets_addresses(r.plan)
        if r.plan.errors:
            bad.append(f"{r.label} ({r.plan.errors[0].code})")
        elif spec.vnet is not None and (addresses is None or addresses > spec.vnet.num_addresses):
            bad.append(f"{r.label} (its subnets need more than the VNet's {spec.vnet.num_addresses:,} addresses)")
        else:
            good.append(r.label)
    where = f" in VNet {spec.vnet}" if spec.vnet is not None else ""
    return f"{spec.planned_nodes:,} nodes with surge{where}: fits: {', '.join(good) or 'none'}" + (
        f"; does not fit: {', '.join(bad)}" if bad else ""
    )


def _summary(rows: tuple[ModelRow, ...], limits: dict[NetworkModel, int], max_pods: int) -> str:
    """The figure in one plain sentence a screen reader can read aloud."""
    first = rows[0].plan.pools[0]
    surge = first.surge_nodes
    nodes = first.planned_nodes - surge
    with_surge = f", {surge:,} more for the upgrade surge" if surge else ", no upgrade surge"
    head, *rest = rows
    first_ips = head.plan.vnet_ips_required
    takes = [f"{head.label} takes {first_ips:,} VNet address{'' if first_ips == 1 else 'es'}"]
    takes += [f"{r.label} {r.plan.vnet_ips_required:,}" for r in rest]
    listed = ", ".join(takes[:-1]) + f" and {takes[-1]}" if len(takes) > 1 else takes[0]
    stops = "; ".join(
        f"{r.label} stops at {limits[r.model]:,} nodes, because {_limit_name(r.model)}"
        for r in rows
        if r.model is NetworkModel.KUBENET
    )
    return f"With {nodes:,} node{'' if nodes == 1 else 's'}{with_surge} and max pods {max_pods}, {listed}" + (
        f"; {stops}." if stops else "."
    )


def _limit_name(model: NetworkModel) -> str:
    if traits(model).max_nodes == facts.KUBENET_MAX_NODES:
        return f"its route table holds {facts.ROUTE_TABLE_LIMIT} routes, one per node"
    return f"a pool holds {facts.MAX_NODES_PER_POOL:,} nodes including surge"
