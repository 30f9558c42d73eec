"""Per-node reservation: what each node takes from the node subnet, and what its pods use.

Microsoft: under Azure CNI Node Subnet "each node has a configuration parameter
for the maximum number of pods that it supports. The equivalent number of IP
addresses per node are then reserved up front for that node"
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni); with
kubenet "only the nodes receive an IP address in the virtual network subnet"
(https://learn.microsoft.com/en-us/azure/aks/configure-kubenet).
"""

from __future__ import annotations

import pytest

from akskit import ModelError, SpecError, cluster, plan, pool
from akskit.course.reservation import reservation_view


class TestReservationView:
    def test_cni_node_takes_max_pods_plus_one_whatever_runs(self) -> None:
        """An Azure CNI node takes 1 + 30 IPs at 30 max pods, with 0, 12 or 30 pods running."""
        view = reservation_view([0, 12, 30], max_pods=30)
        assert [n.taken for n in view.nodes] == [31, 31, 31]
        assert [n.pod_ips_in_use for n in view.nodes] == [0, 12, 30]
        assert [n.pod_ips_idle for n in view.nodes] == [30, 18, 0]
        assert view.per_node == 31

    def test_totals(self) -> None:
        """3 nodes at 30 max pods take 93; 46 pods run, so 93 - 3 node IPs - 46 = 44 sit idle."""
        view = reservation_view([30, 12, 4], max_pods=30)
        assert (view.taken, view.pods_running, view.idle) == (93, 46, 44)
        assert view.idle_share == pytest.approx(44 / 93)

    def test_matches_the_planner(self) -> None:
        """The pool's reservation equals what akskit.plan asks of the node subnet (no surge)."""
        view = reservation_view([5] * 8, max_pods=30)
        p = plan(cluster("azure-cni", [pool("system", 8, max_pods=30, max_surge=0)]))
        assert view.taken == p.node_subnet.ips_required == 248

    def test_kubenet_takes_one_per_node(self) -> None:
        """kubenet nodes take one node-subnet IP each; pods take none of it."""
        view = reservation_view([100, 3], max_pods=110, model="kubenet")
        assert view.taken == 2
        assert view.idle == 0
        assert view.pods_running == 103
        assert "outside the node subnet" in view.summary

    def test_node_names_follow_aks(self) -> None:
        """Nodes are named like AKS scale-set instances, counting from 0."""
        names = [n.name for n in reservation_view([1, 1], max_pods=30).nodes]
        assert names == ["aks-nodepool1-vmss000000", "aks-nodepool1-vmss000001"]

    def test_summary_states_the_waste(self) -> None:
        """The summary gives the IPs taken, the pods running and the idle share."""
        text = reservation_view([30, 12, 4], max_pods=30).summary
        assert "93 addresses in the node subnet" in text
        assert "46 pods" in text
        assert "44 addresses (47%)" in text

    @pytest.mark.parametrize(
        ("running", "max_pods", "message"),
        [
            ([31], 30, r"node 0 \(aks-nodepool1-vmss000000\) runs 31 pods but max pods is 30"),
            ([-1], 30, r"pods running must be a whole number from 0 to 250 \(got -1\)"),
            ([1.5], 30, r"whole number .* \(got 1\.5, a float\)"),
            ([True], 30, r"whole number .* \(got True, a bool\)"),
            ([], 30, r"at least one node"),
            ("30", 30, r"one count per node.*got '30'"),
            ([1], 9, r"max pods must be a whole number from 10 to 250 \(got 9\): AKS's range per node"),
            ([1], 251, r"\(got 251\)"),
            ([1], "thirty", r"max pods must be a whole number from 10 to 250 \(got 'thirty'\)"),
            ([0] * 1001, 30, r"1,001 nodes: a node pool has at most 1,000"),
        ],
    )
    def test_bad_input(self, running: object, max_pods: object, message: str) -> None:
        """Bad input raises SpecError quoting the value and stating the rule."""
        with pytest.raises(SpecError, match=message):
            reservation_view(running, max_pods=max_pods)  # type: ignore[arg-type]

    def test_unknown_model(self) -> None:
        """An unknown model is the model parser's error."""
        with pytest.raises(ModelError):
            reservation_view([1], model="flannel")
