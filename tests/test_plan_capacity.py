"""Which AKS node limit binds reverse mode, around the point where the cluster's limit starts to matter.

AKS allows 1,000 nodes per pool and 5,000 per cluster
(https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions); surge nodes count too
(https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling). Pool 0 can grow
to 1,000 nodes with surge until the other pools and scale-out take more than 5,000 - 1,000 = 4,000
nodes; from then on the cluster's limit is lower. Each expected value is worked out by hand in
the test's docstring. The pod CIDR (a /10: 16,384 blocks of /24) is far from binding.
"""

from __future__ import annotations

import pytest

from akskit import ClusterSpec, cluster, plan, pool

POOL_LIMIT = "AKS's 1,000 nodes per pool"
CLUSTER_LIMIT = "AKS's 5,000 nodes per cluster"


def _spec(others: int, first_surge: int | str = 0, scale_out: int = 0) -> ClusterSpec:
    """Pool 0 empty, then pools of 1,000 nodes (no surge) and one remainder pool, ``others`` nodes in all."""
    sizes = [1000] * (others // 1000) + ([others % 1000] if others % 1000 else [])
    pools = [pool("system", 0, max_surge=first_surge)]
    pools += [pool(f"user{i}", n, max_surge=0, mode="user") for i, n in enumerate(sizes)]
    return cluster("overlay", pools, pod_cidr="100.64.0.0/10", scale_out=scale_out)


class TestClusterLimitBinding:
    def test_others_below_the_difference(self) -> None:
        """3,000 other nodes: the pool's 1,000 binds (the cluster's would allow 2,000)."""
        c = plan(_spec(3000)).capacity
        assert (c.max_nodes, c.max_nodes_no_surge, c.limited_by) == (1000, 1000, POOL_LIMIT)

    def test_others_at_the_difference(self) -> None:
        """4,000 other nodes: both limits allow 1,000; the pool's, listed first, is named."""
        c = plan(_spec(4000)).capacity
        assert (c.max_nodes, c.max_nodes_no_surge, c.limited_by) == (1000, 1000, POOL_LIMIT)

    def test_one_node_past_the_difference(self) -> None:
        """4,001 other nodes: the cluster's limit leaves 5,000 - 4,001 = 999."""
        c = plan(_spec(4001)).capacity
        assert (c.max_nodes, c.max_nodes_no_surge, c.limited_by) == (999, 999, CLUSTER_LIMIT)

    def test_scale_out_counts(self) -> None:
        """4,000 pooled nodes and 500 scale-out nodes: 5,000 - 4,500 = 500."""
        c = plan(_spec(4000, scale_out=500)).capacity
        assert (c.max_nodes, c.max_nodes_no_surge, c.limited_by) == (500, 500, CLUSTER_LIMIT)

    @pytest.mark.parametrize(
        ("others", "expected"),
        [
            # pool limit: n + ceil(n / 10) <= 1,000 -> 909 (909 + 91 = 1,000; 910 + 91 = 1,001)
            (4000, (909, 1000, POOL_LIMIT)),
            # cluster limit: n + ceil(n / 10) <= 999 -> 908 (908 + 91 = 999; 909 + 91 = 1,000); without surge 999
            (4001, (908, 999, CLUSTER_LIMIT)),
        ],
    )
    def test_with_surge(self, others: int, expected: tuple[int, int, str]) -> None:
        """Pool 0 with a 10 % surge (rounded up): the limits count its surge nodes."""
        c = plan(_spec(others, first_surge="10%")).capacity
        assert (c.max_nodes, c.max_nodes_no_surge, c.limited_by) == expected

    def test_all_nodes_past_the_cluster_limit(self) -> None:
        """5,001 other nodes: no size of pool 0 fits the cluster, with or without surge."""
        c = plan(_spec(5001)).capacity
        assert (c.max_nodes, c.max_nodes_no_surge, c.limited_by) == (None, None, CLUSTER_LIMIT)
