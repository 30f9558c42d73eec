"""Invariants that must hold for every input, checked with hypothesis."""

from __future__ import annotations

from ipaddress import IPv4Network

from hypothesis import given, settings
from hypothesis import strategies as st

from akskit import NetworkModel, cluster, plan, pool, reverse, smallest_subnet_prefix, usable_ips
from akskit.course.curves import ip_usage_by_nodes
from akskit.engine.spec import ClusterSpec
from akskit.engine.surge import Surge

models = st.sampled_from(list(NetworkModel))
surges = st.one_of(
    st.builds(Surge, st.integers(0, 100), st.just(True)),
    st.builds(Surge, st.integers(0, 20), st.just(False)),
)
max_pods = st.integers(10, 250)
nodes = st.integers(0, 1200)
extra = st.integers(0, 300)


def _spec(model: NetworkModel, n: int, m: int, s: Surge, x: int = 0, subnet: str | None = None):
    return cluster(model, [pool("system", n, max_pods=m, max_surge=s)], extra_ips=x, node_subnet=subnet)


def _vnet_ips(model: NetworkModel, n: int, m: int, s: Surge, x: int = 0) -> int:
    return plan(_spec(model, n, m, s, x)).vnet_ips_required


class TestMonotone:
    """IPs required never fall as nodes, max pods or surge grow."""

    @given(models, nodes, max_pods, surges, extra)
    def test_more_nodes(self, model: NetworkModel, n: int, m: int, s: Surge, x: int) -> None:
        """One more node never needs fewer IPs."""
        assert _vnet_ips(model, n + 1, m, s, x) >= _vnet_ips(model, n, m, s, x)

    @given(models, nodes, st.integers(10, 249), surges)
    def test_more_max_pods(self, model: NetworkModel, n: int, m: int, s: Surge) -> None:
        """One more max pod per node never needs fewer IPs."""
        assert _vnet_ips(model, n, m + 1, s) >= _vnet_ips(model, n, m, s)

    @given(models, nodes, max_pods, st.integers(0, 99), st.booleans())
    def test_more_surge(self, model: NetworkModel, n: int, m: int, v: int, percent: bool) -> None:
        """A larger surge never needs fewer IPs."""
        assert _vnet_ips(model, n, m, Surge(v + 1, percent)) >= _vnet_ips(model, n, m, Surge(v, percent))

    @given(nodes, surges)
    def test_surge_capped_at_pool_size(self, n: int, s: Surge) -> None:
        """Surge nodes never exceed the pool size, and a percentage rounds up."""
        extra = s.nodes(n)
        assert 0 <= extra <= n
        if s.percent and n:
            assert extra == min(n, -(-n * s.value // 100))


class TestReverseAgreesWithForward:
    """Reverse mode's max_nodes fits; one more node does not."""

    @settings(max_examples=150)
    @given(models, st.integers(16, 29), max_pods, surges, extra)
    def test_node_subnet(self, model: NetworkModel, prefix: int, m: int, s: Surge, x: int) -> None:
        """The node subnet's max_nodes is exact, with and without surge."""
        subnet = str(IPv4Network(f"10.224.0.0/{prefix}"))
        capacity = plan(_spec(model, 0, m, s, x, subnet)).node_subnet
        if capacity.max_nodes is None:  # not even zero nodes fit: the extra IPs overflow it
            assert x > usable_ips(prefix)
            return
        assert plan(_spec(model, capacity.max_nodes, m, s, x, subnet)).node_subnet.fits is True
        assert plan(_spec(model, capacity.max_nodes + 1, m, s, x, subnet)).node_subnet.fits is False
        no_surge = capacity.max_nodes_no_surge
        assert no_surge is not None
        assert plan(_spec(model, no_surge, m, Surge(0, False), x, subnet)).node_subnet.fits is True
        assert plan(_spec(model, no_surge + 1, m, Surge(0, False), x, subnet)).node_subnet.fits is False

    @given(st.sampled_from([NetworkModel.KUBENET, NetworkModel.OVERLAY]), st.integers(12, 24), surges)
    def test_pod_cidr(self, model: NetworkModel, prefix: int, s: Surge) -> None:
        """The pod CIDR's max_nodes is exact."""
        cidr = f"10.0.0.0/{prefix}"
        spec = cluster(
            model,
            [pool("system", 0, max_surge=s)],
            pod_cidr=cidr,
            service_cidr="192.168.0.0/16",
            dns_service_ip="192.168.0.10",
        )
        n = plan(spec).pod_cidr.max_nodes  # type: ignore[union-attr]
        assert n is not None
        assert plan(spec.with_pool(0, nodes=n)).pod_cidr.fits is True  # type: ignore[union-attr]
        assert plan(spec.with_pool(0, nodes=n + 1)).pod_cidr.fits is False  # type: ignore[union-attr]


# Findings that mean "the first pool is too big for a range or an AKS limit".
_SIZE_ERRORS = {"pool-node-limit", "cluster-node-limit", "kubenet-node-limit"}


def _fits(spec: ClusterSpec) -> bool:
    p = plan(spec)
    return p.fits is not False and not _SIZE_ERRORS & {f.code for f in p.errors}


class TestReverseModeIsExact:
    """reverse(): max_nodes fits every given range and AKS limit; max_nodes + 1 does not, for every model."""

    @settings(max_examples=40, deadline=None)
    @given(models, st.integers(20, 28), st.integers(20, 28), max_pods, surges, st.integers(0, 2))
    def test_max_nodes_is_the_edge(
        self, model: NetworkModel, node_prefix: int, pod_prefix: int, m: int, s: Surge, others: int
    ) -> None:
        """The reverse plan fits; the same spec with one more node in the first pool does not."""
        spec = cluster(
            model,
            [pool("system", 0, max_pods=m, max_surge=s), *(pool(f"user{i}", 2, max_pods=m) for i in range(others))],
            node_subnet=f"10.1.0.0/{node_prefix}",
            pod_subnet=f"10.2.0.0/{pod_prefix}"
            if model in (NetworkModel.POD_SUBNET, NetworkModel.POD_SUBNET_STATIC)
            else None,
            pod_cidr=f"10.128.0.0/{node_prefix - 8}" if model in (NetworkModel.KUBENET, NetworkModel.OVERLAY) else None,
            service_cidr="192.168.0.0/16",
            dns_service_ip="192.168.0.10",
        )
        n = reverse(spec).capacity.max_nodes
        if n is None:  # the other pools alone overflow a range
            assert not _fits(spec)
            return
        assert _fits(spec.with_pool(0, nodes=n))
        assert not _fits(spec.with_pool(0, nodes=n + 1))


class TestPodSubnetEnds:
    """The pod subnet's floor at node start never exceeds its worst case."""

    @given(st.sampled_from([NetworkModel.POD_SUBNET, NetworkModel.POD_SUBNET_STATIC]), nodes, max_pods, surges)
    def test_minimum_within_required(self, model: NetworkModel, n: int, m: int, s: Surge) -> None:
        """ips_minimum <= ips_required; dynamic starts at 16 per planned node, static at every block."""
        p = plan(_spec(model, n, m, s))
        assert p.pod_subnet is not None
        assert p.pod_subnet.ips_minimum is not None
        assert p.pod_subnet.ips_minimum <= p.pod_subnet.ips_required
        if model is NetworkModel.POD_SUBNET:
            assert p.pod_subnet.ips_minimum == 16 * p.planned_nodes

    @given(st.integers(10, 250))
    def test_dynamic_rule_matches_a_simulation(self, m: int) -> None:
        """Start with 16; whenever fewer than 8 are free, add 16; fill m pods: what the node holds is the plan's."""
        held = 16
        for used in range(1, m + 1):
            while held - used < 8:
                held += 16
        assert plan(_spec(NetworkModel.POD_SUBNET, 1, m, Surge(0, False))).pod_subnet.ips_required == held  # type: ignore[union-attr]


class TestFitsIsHonest:
    """A plan never reports fits when the subnet is smaller than the need."""

    @given(models, st.integers(0, 2000), max_pods, surges, extra, st.integers(16, 29))
    def test_fits_iff_need_within_usable(
        self, model: NetworkModel, n: int, m: int, s: Surge, x: int, prefix: int
    ) -> None:
        """fits is exactly ips_required <= 2**(32-prefix) - 5."""
        p = plan(_spec(model, n, m, s, x, f"10.224.0.0/{prefix}")).node_subnet
        assert p.fits is (p.ips_required <= 2 ** (32 - prefix) - 5)
        if not p.fits:
            assert "node-subnet-too-small" in {
                f.code for f in plan(_spec(model, n, m, s, x, f"10.224.0.0/{prefix}")).errors
            }

    @given(st.integers(0, 2**30))
    def test_smallest_prefix_is_smallest(self, ips: int) -> None:
        """The prefix holds the need and the next smaller subnet does not."""
        prefix = smallest_subnet_prefix(ips)
        if prefix is None:
            assert ips > usable_ips(2)
            return
        assert usable_ips(prefix) >= ips
        assert prefix == 29 or usable_ips(prefix + 1) < ips


class TestCurvesMatchPlans:
    """Curves are the planner's numbers, not a second formula that could drift."""

    @given(models, st.integers(1, 5000), max_pods, surges, extra)
    def test_curve_point_equals_plan(self, model: NetworkModel, n: int, m: int, s: Surge, x: int) -> None:
        """The curve's value at n equals plan(...).vnet_ips_required."""
        curve = ip_usage_by_nodes([n], max_pods=m, max_surge=s, extra_ips=x, models=[model])
        assert curve.series[model.value] == (_vnet_ips(model, n, m, s, x),)
