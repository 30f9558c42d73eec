"""IP usage curves: how each network model's address use grows with nodes or max pods.

Plain columns (tuples of ints) so the course runs where pandas does not
(the browser-only build); :meth:`Curves.to_pandas` exports when pandas is there.

>>> c = ip_usage_by_nodes(range(1, 51), max_pods=30, max_surge=1)
>>> c.series["azure-cni"][-1], c.series["kubenet"][-1]
(1581, 51)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from akskit.engine import facts
from akskit.engine.errors import SpecError, quote
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel, traits
from akskit.engine.numbers import LARGEST_COUNT, whole_number
from akskit.engine.surge import Surge, parse_surge

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["METRICS", "Curves", "ip_usage_by_max_pods", "ip_usage_by_nodes"]

Metric = Literal["vnet", "node_subnet", "pod_subnet", "pod_cidr_blocks"]
#: What a curve can count: VNet IPs (node + pod subnet), either subnet alone, or pod-CIDR /24s.
METRICS: tuple[Metric, ...] = ("vnet", "node_subnet", "pod_subnet", "pod_cidr_blocks")


@dataclass(frozen=True, slots=True)
class Curves:
    """One x column and one y column per network model.

    Attributes:
        x_name: ``"nodes"`` or ``"max_pods"``.
        x: the x values.
        metric: what the y values count (see :data:`METRICS`).
        series: y values per network model (a ``StrEnum``: ``series["kubenet"]`` finds it too).
    """

    x_name: str
    x: tuple[int, ...]
    metric: Metric
    series: Mapping[NetworkModel, tuple[int, ...]]

    def columns(self) -> dict[str, tuple[int, ...]]:
        """The x column and every series, as plain columns."""
        return {self.x_name: self.x, **{m.value: ys for m, ys in self.series.items()}}

    def to_pandas(self) -> pd.DataFrame:
        """A :class:`pandas.DataFrame` with one column per model, indexed by x (needs pandas)."""
        import pandas as pd

        return pd.DataFrame({m.value: ys for m, ys in self.series.items()}, index=pd.Index(self.x, name=self.x_name))


def _models(models: Iterable[str | NetworkModel] | None) -> tuple[NetworkModel, ...]:
    return tuple(NetworkModel) if models is None else tuple(parse_model(m) for m in models)


def _per_node(model: NetworkModel, max_pods: int, metric: Metric) -> tuple[int, int]:
    """(cost per planned node, counts extra IPs?) for one model and metric."""
    t = traits(model)
    node, pod, blocks = (
        t.node_subnet_ips_per_node(max_pods),
        t.pod_subnet_ips_per_node(max_pods),
        t.pod_cidr_blocks_per_node(),
    )
    return {
        "vnet": (node + pod, 1),
        "node_subnet": (node, 1),
        "pod_subnet": (pod, 0),
        "pod_cidr_blocks": (blocks, 0),
    }[metric]


#: Points on one curve at most: a figure's x axis, not a data set.
_MOST_POINTS = 100_000


def _points(values: Iterable[int], what: str, low: int, high: int) -> tuple[int, ...]:
    """The x values, each read by :func:`~akskit.engine.numbers.whole_number`, at most :data:`_MOST_POINTS`."""
    xs = []
    for i, v in enumerate(values):
        if i == _MOST_POINTS:
            raise SpecError(f"{what}: more than {_MOST_POINTS:,} points on one curve; use a coarser step")
        xs.append(whole_number(v, f"{what}[{i}]", low=low, high=high))
    return tuple(xs)


def _max_pods(value: object) -> int:
    return whole_number(value, "max pods", low=facts.MAX_PODS_LOWEST, high=facts.MAX_PODS_HIGHEST)


def _check_metric(metric: str) -> Metric:
    if metric not in METRICS:
        raise SpecError(f"curve metric {quote(metric)} is not known: choose one of {', '.join(METRICS)}")
    return metric


def ip_usage_by_nodes(
    nodes: Iterable[int] = range(1, 5001),
    *,
    max_pods: int | None = None,
    max_surge: int | str | Surge = "10%",
    scale_out: int = 0,
    extra_ips: int = 0,
    metric: Metric = "vnet",
    models: Iterable[str | NetworkModel] | None = None,
) -> Curves:
    """IP usage against node count (one pool of ``n`` nodes plus surge), for each model.

    ``max_pods`` of ``None`` gives each model its own default max pods.
    The values equal :func:`akskit.plan` on the same one-pool cluster.
    """
    metric = _check_metric(metric)
    surge = parse_surge(max_surge)
    xs = _points(nodes, "nodes", 0, LARGEST_COUNT)
    max_pods = None if max_pods is None else _max_pods(max_pods)
    scale_out = whole_number(scale_out, "scale-out nodes")
    extra_ips = whole_number(extra_ips, "extra node-subnet IPs")
    planned = [n + surge.nodes(n) + scale_out for n in xs]
    series = {}
    for model in _models(models):
        cost, extra = _per_node(model, traits(model).default_max_pods if max_pods is None else max_pods, metric)
        fixed = extra * extra_ips
        series[model] = tuple(p * cost + fixed for p in planned)
    return Curves("nodes", xs, metric, series)


def ip_usage_by_max_pods(
    max_pods: Iterable[int] = range(10, 251),
    *,
    nodes: int = 50,
    max_surge: int | str | Surge = "10%",
    scale_out: int = 0,
    extra_ips: int = 0,
    metric: Metric = "vnet",
    models: Iterable[str | NetworkModel] | None = None,
) -> Curves:
    """IP usage against max pods per node for a fixed node count, for each model.

    >>> ip_usage_by_max_pods([30], nodes=50, max_surge=1).series["azure-cni"]
    (1581,)
    """
    metric = _check_metric(metric)
    nodes = whole_number(nodes, "nodes")
    scale_out = whole_number(scale_out, "scale-out nodes")
    extra_ips = whole_number(extra_ips, "extra node-subnet IPs")
    planned = nodes + parse_surge(max_surge).nodes(nodes) + scale_out
    xs = _points(max_pods, "max pods", facts.MAX_PODS_LOWEST, facts.MAX_PODS_HIGHEST)
    series = {}
    for model in _models(models):
        values = []
        for m in xs:
            cost, extra = _per_node(model, m, metric)
            values.append(planned * cost + extra * extra_ips)
        series[model] = tuple(values)
    return Curves("max_pods", xs, metric, series)
