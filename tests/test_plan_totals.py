"""A plan's totals and the order of its findings, pinned where plan() was made faster (issue 11).

The totals are worked out by hand in each test's docstring; surge rounds a percentage up
(https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling).
"""

from __future__ import annotations

import pytest

from akskit import ClusterSpec, Severity, cluster, plan, pool


def _spec(moment: str = "upgrade") -> ClusterSpec:
    return cluster(
        "overlay",
        [
            pool("system", 10, max_pods=30, max_surge=2),
            pool("user", 5, max_count=8, max_pods=50, max_surge="50%", mode="user"),
        ],
        scale_out=3,
        moment=moment,
    )


class TestTotals:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            ("upgrade", 27),  # (10 + 2) + (8 + ceil(8 x 50 %) = 4) + 3 scale-out
            ("create", 21),  # 10 + 8 + 3: no surge at creation
        ],
    )
    def test_planned_nodes(self, moment: str, expected: int) -> None:
        """Pools at max count, their surge when upgrading, and scale-out: the plan's and the spec's alike."""
        p = plan(_spec(moment))
        assert p.planned_nodes == expected
        assert p.spec.planned_nodes == expected

    def test_pod_capacity(self) -> None:
        """10 x 30 + 8 x 50 = 700 pods in the pools, plus 3 scale-out nodes at the largest max pods (50): 850."""
        assert plan(_spec()).pod_capacity == 850

    def test_pod_capacity_without_scale_out(self) -> None:
        """The pools alone: 10 x 30 + 8 x 50 = 700."""
        p = plan(cluster("overlay", [pool("system", 10, max_pods=30), pool("user", 5, max_count=8, max_pods=50)]))
        assert p.pod_capacity == 700

    def test_surge_pod_capacity(self) -> None:
        """Surge nodes at their pool's max pods: 2 x 30 + 4 x 50 = 260."""
        assert plan(_spec()).surge_pod_capacity == 260


def test_warnings_keep_their_order() -> None:
    """A pool's warning, then a CIDR the model doesn't use, then the CIDR rules' warnings (errors first, stable).

    Static block allocation with max pods 30 wastes part of each /28 block; a pod CIDR means nothing to a
    pod subnet model; AKS's default service CIDR 10.0.0.0/16 lies in the VNet 10.0.0.0/8 but in none of its
    subnets.
    """
    spec = cluster(
        "pod-subnet-static",
        [pool("system", 3, max_pods=30, max_surge=1)],
        node_subnet="10.224.0.0/16",
        pod_subnet="10.225.0.0/16",
        pod_cidr="10.244.0.0/16",
        vnet="10.0.0.0/8",
    )
    warnings = [f.code for f in plan(spec).findings if f.severity is Severity.WARNING]
    assert warnings == ["static-block-waste", "cidr-not-used", "service-cidr-overlaps-vnet"]
