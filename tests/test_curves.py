"""IP usage curves: plain columns, every model, lazy pandas."""

from __future__ import annotations

import pytest

from akskit import SpecError
from akskit.course.curves import METRICS, ip_usage_by_max_pods, ip_usage_by_nodes


def test_all_models_by_default() -> None:
    """A curve has one series per network model, each as long as x."""
    c = ip_usage_by_nodes(range(1, 101))
    assert set(c.series) == {"kubenet", "azure-cni", "overlay", "pod-subnet", "pod-subnet-static", "none"}
    assert all(len(v) == 100 for v in c.series.values())


def test_metrics_split_vnet_usage() -> None:
    """VNet IPs = node-subnet IPs + pod-subnet IPs, for every model."""
    parts = {m: ip_usage_by_nodes(range(1, 20), max_pods=30, metric=m).series for m in METRICS}
    for model, vnet in parts["vnet"].items():
        assert vnet == tuple(
            a + b for a, b in zip(parts["node_subnet"][model], parts["pod_subnet"][model], strict=True)
        )
    assert parts["pod_cidr_blocks"]["overlay"] == parts["node_subnet"]["overlay"]


def test_by_max_pods() -> None:
    """Azure CNI grows with max pods; kubenet does not."""
    c = ip_usage_by_max_pods([10, 30, 250], nodes=50, max_surge=1)
    assert c.series["azure-cni"] == (51 * 11, 51 * 31, 51 * 251)
    assert c.series["kubenet"] == (51, 51, 51)


def test_columns_and_pandas() -> None:
    """columns() gives plain tuples; to_pandas() a frame indexed by x."""
    pytest.importorskip("pandas")
    c = ip_usage_by_nodes([1, 2, 3], models=["kubenet"], max_surge=0)
    assert c.columns() == {"nodes": (1, 2, 3), "kubenet": (1, 2, 3)}
    frame = c.to_pandas()
    assert frame.index.name == "nodes"
    assert frame.loc[3, "kubenet"] == 3


def test_bad_metric() -> None:
    """An unknown metric names the choices."""
    with pytest.raises(SpecError, match=r"'ips'.*vnet"):
        ip_usage_by_nodes([1], metric="ips")  # type: ignore[arg-type]
