"""The rolling-upgrade timeline and the autoscaler table: steps, peaks, and agreement with the planner.

Expected values are hand calculations from Microsoft's rules, not copies of the code.
Rolling upgrades (https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling):
buffer nodes are added first, then as many old nodes as there are buffer nodes are
drained and reimaged at a time; a percentage surge is rounded up; a surge larger
than the nodes to upgrade is capped at them; 5 pools of 4 nodes at 50% need
2 x 5 = 10 extra nodes. Azure CNI Node Subnet nodes take max pods + 1 IPs, and
Microsoft's example (50 nodes, surge 1, 30 max pods) needs 1,581
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akskit import SpecError, cluster, plan, pool
from akskit.course.upgrade import autoscale_table, model_timeline, upgrade_timeline

MODELS = ("kubenet", "azure-cni", "overlay")
SURGES = ("0", "1", "2", "5", "10%", "20%", "33%", "50%", "100%")


class TestUpgradeTimeline:
    """upgrade_timeline: the pool after each step."""

    def test_microsoft_surge_example(self) -> None:
        """Four nodes at 50% surge add two nodes (Microsoft's 5 pools x 4 nodes example: 10 extra)."""
        per_pool = upgrade_timeline(4, "50%", ips_per_node=1).surge_nodes
        assert 5 * per_pool == 10

    def test_percentage_rounds_up(self) -> None:
        """33% of 12 is 3.96 nodes, rounded up to 4; the peak is 16 nodes."""
        t = upgrade_timeline(12, "33%", ips_per_node=1)
        assert t.surge_nodes == math.ceil(12 * 33 / 100) == 4
        assert t.peak_nodes == 16

    def test_surge_capped_at_pool(self) -> None:
        """A surge of 5 on a pool of 3 adds only 3 nodes (the nodes still to upgrade)."""
        t = upgrade_timeline(3, 5, ips_per_node=1)
        assert t.surge_nodes == 3
        assert t.peak_nodes == 6

    def test_steps_of_the_canonical_example(self) -> None:
        """12 nodes at 33%: start, add 4, three batches of 4, remove 4; IPs 12, 16, 16, 16, 16, 12 x 31."""
        t = model_timeline("azure-cni", 12, "33%", max_pods=30)
        assert [(s.old, s.total) for s in t.steps] == [(12, 12), (12, 16), (8, 16), (4, 16), (0, 16), (0, 12)]
        assert [s.ips for s in t.steps] == [n * 31 for n in (12, 16, 16, 16, 16, 12)]
        assert t.batches == 3
        assert [s.drained for s in t.steps] == [0, 0, 4, 4, 4, 0]

    def test_last_batch_is_smaller(self) -> None:
        """10 nodes in batches of 4 drain 4, 4, then the remaining 2."""
        t = upgrade_timeline(10, 4, ips_per_node=1)
        assert [s.drained for s in t.steps if s.drained] == [4, 4, 2]

    def test_in_place_upgrade(self) -> None:
        """Max surge 0 adds no node: one node reimaged at a time, IPs flat at N x per node."""
        t = upgrade_timeline(5, 0, ips_per_node=31)
        assert t.surge_nodes == 0
        assert t.batches == 5
        assert {s.total for s in t.steps} == {5}
        assert t.peak_ips == t.baseline_ips == 5 * 31
        assert "in place" in t.summary

    @given(size=st.integers(1, 300), surge=st.sampled_from(SURGES), per_node=st.integers(1, 251))
    def test_invariants(self, size: int, surge: str, per_node: int) -> None:
        """Every timeline starts and ends at the pool size, all old -> all new, batches no larger than the surge."""
        t = upgrade_timeline(size, surge, ips_per_node=per_node)
        first, last = t.steps[0], t.steps[-1]
        assert (first.old, first.new, last.old, last.new) == (size, 0, 0, size)
        assert all(s.old + s.new == s.total and s.ips == s.total * per_node for s in t.steps)
        assert all(s.total <= size + t.surge_nodes for s in t.steps)
        assert all(a.old >= b.old for a, b in zip(t.steps, t.steps[1:], strict=False))
        assert all(s.drained <= max(t.surge_nodes, 1) for s in t.steps)
        assert sum(s.drained for s in t.steps) == size
        assert t.batches == math.ceil(size / max(t.surge_nodes, 1))

    def test_thousand_node_limit_in_verdict(self) -> None:
        """A full 1,000-node pool cannot surge: a pool holds at most 1,000 nodes including surge."""
        assert "block" in upgrade_timeline(1000, 1, ips_per_node=1).verdict
        assert "block" not in upgrade_timeline(999, 1, ips_per_node=1).verdict

    def test_summary_states_the_rise_and_fall(self) -> None:
        """The summary names the pool, the surge and the IPs before and at the peak."""
        s = model_timeline("azure-cni", 12, "33%", max_pods=30).summary
        for part in ("12 Azure CNI Node Subnet nodes", "33%", "372", "496"):
            assert part in s


class TestAgreesWithThePlanner:
    """The timeline's peak is what akskit.plan sizes the node subnet for."""

    def test_microsoft_ip_planning_example(self) -> None:
        """50 Azure CNI nodes, surge 1, 30 max pods peak at (50 + 1) x (30 + 1) = 1,581 IPs."""
        assert model_timeline("azure-cni", 50, 1, max_pods=30).peak_ips == 1581

    @given(
        model=st.sampled_from(MODELS),
        size=st.integers(1, 400),
        surge=st.sampled_from(SURGES),
        max_pods=st.integers(10, 250),
    )
    def test_peak_equals_plan(self, model: str, size: int, surge: str, max_pods: int) -> None:
        """For any pool, peak IPs and nodes equal the plan's node-subnet IPs and planned nodes."""
        t = model_timeline(model, size, surge, max_pods=max_pods)
        p = plan(cluster(model, [pool("user", size, max_pods=max_pods, max_surge=surge)]))
        assert t.peak_ips == p.node_subnet.ips_required
        assert t.peak_nodes == p.planned_nodes

    def test_model_sets_ips_per_node(self) -> None:
        """kubenet and overlay nodes take 1 node-subnet IP; Azure CNI Node Subnet max pods + 1."""
        assert model_timeline("kubenet", 3, 1, max_pods=250).ips_per_node == 1
        assert model_timeline("overlay", 3, 1, max_pods=250).ips_per_node == 1
        assert model_timeline("azure-cni", 3, 1, max_pods=250).ips_per_node == 251

    def test_default_max_pods(self) -> None:
        """Without max pods, Azure CNI Node Subnet uses its default of 30 (IP planning page): 31 IPs a node."""
        assert model_timeline("azure-cni", 3, 1).ips_per_node == 31


class TestBadInput:
    """Errors quote the value, state the rule and come without a chained traceback."""

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"pool_size": 0}, r"pool size must be a whole number from 1 to 1,000 \(got 0\): an upgrade needs"),
            ({"pool_size": 1001}, r"pool size must be a whole number from 1 to 1,000 \(got 1001\)"),
            ({"pool_size": True}, r"pool size must be a whole number from 1 to 1,000 \(got True, a bool\)"),
            ({"ips_per_node": 0}, r"IPs per node must be a whole number from 1 to 251 \(got 0\)"),
            ({"max_surge": "150%"}, r"max surge percentage must be 0% to 100% \(got '150%'\)"),
            ({"max_surge": "lots"}, r"max surge must be a whole node count .* \(got 'lots'\)"),
        ],
    )
    def test_upgrade_timeline(self, kwargs: dict[str, object], match: str) -> None:
        """Each bad argument raises SpecError with its value in the message."""
        args: dict[str, object] = {"pool_size": 3, "max_surge": 1, "ips_per_node": 1, **kwargs}
        with pytest.raises(SpecError, match=match) as info:
            upgrade_timeline(**args)  # type: ignore[arg-type]
        assert info.value.__cause__ is None

    def test_max_pods_out_of_range(self) -> None:
        """Max pods below 10 is outside the range AKS accepts."""
        with pytest.raises(SpecError, match=r"max pods must be a whole number from 10 to 250 \(got 5\)"):
            model_timeline("azure-cni", 3, 1, max_pods=5)

    def test_unknown_model(self) -> None:
        """An unknown model is the models module's error."""
        with pytest.raises(ValueError, match="calico"):
            model_timeline("calico", 3, 1)


class TestAutoscaleTable:
    """autoscale_table: IPs at today's count versus the autoscaler's max count."""

    def test_hand_calculation(self) -> None:
        """5 nodes today, max 20, surge 1, 30 pods: (5+1) x 31 = 186 today, (20+1) x 31 = 651 at max count."""
        t = autoscale_table(["kubenet", "azure-cni"], nodes=5, max_count=20, max_pods=30, node_subnet="10.224.0.0/24")
        kubenet, cni = t.rows
        assert cni[1].endswith("= 186")
        assert cni[2].endswith("= 651")
        assert kubenet[1].endswith("= 6")
        assert kubenet[2].endswith("= 21")
        # 651 IPs: a /23 has 512 - 5 = 507 usable, a /22 has 1,019, so /22; a /24 (251) holds kubenet only.
        assert cni[3] == "/22"
        assert cni[4] == "no"
        assert kubenet[4] == "yes"

    def test_without_subnet(self) -> None:
        """With no subnet, the fit column shows a dash."""
        t = autoscale_table(["overlay"], nodes=3, max_count=10)
        assert t.rows[0][4] == "-"
        assert "max count" in str(t)
