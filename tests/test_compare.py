"""The all-model comparison: table cells, per-model IP math, limits and the curves' data.

Expected values are hand calculations from Microsoft's rules, each with its source:

* Azure CNI Node Subnet: ``(nodes + surge) x (max pods + 1)``; 50 nodes, surge 1, max
  pods 30 need 1,581 IPs, a /21
  (https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning).
* Dynamic Pod Subnet: 16 IPs at node start and another 16 whenever fewer than 8 are
  unallocated, so with every pod slot used a node holds ``16 x ceil((max pods + 8) / 16)``
  (max pods 30: 48)
  (https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation;
  worked example 25 pods -> 48 in Azure/azure-container-networking
  docs/feature/ipammath/1-ipam-math.md).
* Static block: max pods 30, 31, 32 take 2, 2, 3 /28 blocks, wasting 1, 0, 15 IPs per node
  (https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation).
* kubenet and overlay: one node-subnet IP and one pod-CIDR /24 per node; kubenet stops at
  400 nodes (https://learn.microsoft.com/en-us/azure/aks/configure-kubenet).
* A node pool holds 1,000 nodes including surge
  (https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions).
"""

from __future__ import annotations

import pytest

from akskit import CidrError, SpecError, cluster, plan, pool
from akskit.course.comparison import (
    COLUMNS,
    compare,
    comparison_rows,
    comparison_view,
    smallest_subnets_addresses,
    static_block_table,
)
from akskit.engine.models import NetworkModel, traits

#: Microsoft's worked example: 50 nodes, max surge 1, max pods 30 (51 nodes at once).
SPEC = cluster("overlay", [pool("system", 50, max_pods=30, max_surge=1)])
LABELS = {m: traits(m).label for m in NetworkModel}


def row(table: object, model: NetworkModel) -> dict[str, str]:
    """One model's cells by column name."""
    header, rows = table.header, table.rows  # type: ignore[attr-defined]
    found = [dict(zip(header, r, strict=True)) for r in rows if r[0] == LABELS[model]]
    assert len(found) == 1
    return found[0]


class TestCompare:
    """compare(spec) -> Table."""

    def test_one_row_per_model_every_column(self) -> None:
        """Six rows, one per network model, under every column."""
        t = compare(SPEC)
        assert t.header == COLUMNS
        assert [r[0] for r in t.rows] == [LABELS[m] for m in NetworkModel]

    def test_microsoft_node_subnet_example(self) -> None:
        """Azure CNI Node Subnet: 51 x 31 = 1,581 node-subnet IPs, a /21; no pod subnet, no pod CIDR."""
        cells = row(compare(SPEC), NetworkModel.AZURE_CNI)
        assert cells["node-subnet IPs"] == "1,581 (/21)"
        assert cells["VNet IPs"] == "1,581"
        assert cells["pod-subnet IPs"] == cells["pod-CIDR /24s"] == "-"

    def test_node_only_models_take_one_ip_per_node(self) -> None:
        """kubenet, overlay and BYO CNI take one VNet IP per node: 51; kubenet and overlay one /24 each."""
        t = compare(SPEC)
        for model in (NetworkModel.KUBENET, NetworkModel.OVERLAY, NetworkModel.NONE):
            assert row(t, model)["VNet IPs"] == "51"
        for model in (NetworkModel.KUBENET, NetworkModel.OVERLAY):
            assert row(t, model)["pod-CIDR /24s"] == "51"

    def test_pod_subnet_batches_and_blocks(self) -> None:
        """Max pods 30: dynamic holds 3 batches (30 + 8 = 38 -> 48), static 2 blocks (32): 51 x 48, 51 x 32."""
        t = compare(SPEC)
        for model, pod_ips, prefix in (
            (NetworkModel.POD_SUBNET, 51 * 48, 20),
            (NetworkModel.POD_SUBNET_STATIC, 1632, 21),
        ):
            cells = row(t, model)
            assert cells["pod-subnet IPs"] == f"{pod_ips:,} (/{prefix})"
            assert cells["node-subnet IPs"] == "51 (/26)"
            assert cells["VNet IPs"] == f"{51 + pod_ips:,}"

    def test_static_block_costs_more_at_a_multiple_of_16(self) -> None:
        """Max pods 32: static 3 blocks (48) where 31 takes 2 (32), the node keeps one IP; dynamic 32 + 8 -> 48."""
        t = compare(cluster("overlay", [pool("system", 10, max_pods=32, max_surge=0)]))
        assert row(t, NetworkModel.POD_SUBNET)["pod-subnet IPs"].startswith("480 ")
        assert row(t, NetworkModel.POD_SUBNET_STATIC)["pod-subnet IPs"].startswith("480 ")
        t31 = compare(cluster("overlay", [pool("system", 10, max_pods=31, max_surge=0)]))
        assert row(t31, NetworkModel.POD_SUBNET_STATIC)["pod-subnet IPs"].startswith("320 ")

    def test_static_block_windows_not_documented(self) -> None:
        """Static block + Windows: no page states it (the Pod Subnet page rules out only Windows Server 2019)."""
        cell = row(compare(SPEC), NetworkModel.POD_SUBNET_STATIC)["Windows"]
        assert cell.startswith("not documented")
        assert "Windows Server 2019" in cell

    def test_limits_snat_windows_cilium(self) -> None:
        """The facts columns follow Microsoft's pages for the models they describe."""
        t = compare(SPEC)
        kubenet, overlay = row(t, NetworkModel.KUBENET), row(t, NetworkModel.OVERLAY)
        assert kubenet["max nodes"].startswith("400")
        assert overlay["max nodes"] == "5,000"
        assert "200,000" in overlay["pods per cluster"]
        assert "250,000" in overlay["pods per cluster"]
        assert "pages disagree" in overlay["pods per cluster"]
        assert overlay["source IP seen (VNet / peered)"] == "node IP / node IP"  # overlay concepts
        assert row(t, NetworkModel.POD_SUBNET)["source IP seen (VNet / peered)"] == "pod IP / pod IP"  # legacy FAQ
        assert row(t, NetworkModel.AZURE_CNI)["source IP seen (VNet / peered)"] == "pod IP / node IP"
        assert kubenet["Windows"] == "no"
        assert overlay["Windows"].startswith("yes")
        assert kubenet["Cilium"].startswith("no")
        assert overlay["Cilium"] == "yes"

    def test_each_model_uses_its_default_max_pods_when_unset(self) -> None:
        """Pools without max pods get each model's default: overlay 250, Node Subnet 30, kubenet 110."""
        t = compare(cluster("overlay", [pool("system", 3)]))
        assert row(t, NetworkModel.OVERLAY)["max pods"] == "250"
        assert row(t, NetworkModel.AZURE_CNI)["max pods"] == "30"
        assert row(t, NetworkModel.KUBENET)["max pods"] == "110"

    def test_plan_errors_column(self) -> None:
        """A Windows pool is an error on kubenet only; the others list none."""
        spec = cluster("overlay", [pool("system", 3), pool("win1", 3, os="windows", max_pods=30)])
        t = compare(spec)
        assert "kubenet-windows" in row(t, NetworkModel.KUBENET)["plan errors"]
        assert row(t, NetworkModel.OVERLAY)["plan errors"] == "none"

    def test_columns_and_models_subset(self) -> None:
        """columns picks and orders columns; models picks rows."""
        t = compare(SPEC, models=["overlay", "kubenet"], columns=("VNet IPs", "model"))
        assert t.header == ("VNet IPs", "model")
        assert t.rows == (("51", LABELS[NetworkModel.OVERLAY]), ("51", LABELS[NetworkModel.KUBENET]))

    def test_unknown_column(self) -> None:
        """An unknown column is quoted and the known ones are listed."""
        with pytest.raises(SpecError, match=r"'IPs' is not known: choose from model, max pods"):
            compare(SPEC, columns=("IPs",))

    def test_needs_a_spec(self) -> None:
        """Anything but a ClusterSpec is refused with a hint."""
        with pytest.raises(SpecError, match=r"akskit.cluster\(...\) \(got str\)"):
            compare("overlay")  # type: ignore[arg-type]

    def test_rows_agree_with_plan(self) -> None:
        """Each row carries the planner's own answer for that model."""
        for r in comparison_rows(SPEC):
            assert r.plan.vnet_ips_required == plan(cluster(r.model, list(SPEC.pools))).vnet_ips_required


class TestHelpers:
    """smallest_subnets_addresses and static_block_table."""

    def test_smallest_subnets_addresses_round_up_to_subnet_sizes(self) -> None:
        """1,581 IPs take a /21 (2,048 addresses); a pod subnet adds its own power of two."""
        assert smallest_subnets_addresses(plan(cluster("azure-cni", list(SPEC.pools)))) == 2048
        pod_subnet = plan(cluster("pod-subnet", list(SPEC.pools)))
        assert smallest_subnets_addresses(pod_subnet) == 64 + 4096  # /26 + /20 (51 x 48)

    def test_ips_required_and_subnet_addresses_are_different_counts(self) -> None:
        """51 nodes x (30 pods + 1) = 1,581 IPs required (IP_PLANNING_URL's example); the /21 holding them has 2,048."""
        p = plan(cluster("azure-cni", list(SPEC.pools)))
        assert (p.vnet_ips_required, smallest_subnets_addresses(p)) == (51 * 31, 2**11)

    def test_static_block_table_matches_microsoft_examples(self) -> None:
        """Max pods 30, 31, 32: 2, 2, 3 blocks; 1, 0, 15 IPs wasted per node."""
        rows = static_block_table().rows
        assert [(r[0], r[1], r[4]) for r in rows] == [("30", "2", "1"), ("31", "2", "0"), ("32", "3", "15")]


class TestComparisonView:
    """comparison_view: the data under the all-model figure."""

    def test_values_at_the_chosen_nodes(self) -> None:
        """At 50 nodes with 10% surge (55 at once), max pods 30: Node Subnet 55 x 31, overlay 55."""
        v = comparison_view(50, max_pods=30, max_surge="10%")
        at = v.x.index(50)
        assert v.series["azure-cni"][at] == 55 * 31
        assert v.series["overlay"][at] == 55
        assert v.series["pod-subnet"][at] == 55 + 55 * 48

    def test_where_each_model_stops(self) -> None:
        """10% surge: kubenet 363 (363 + 37 = 400 routes); others 909 (909 + 91 = 1,000 nodes per pool)."""
        v = comparison_view(50, max_surge="10%")
        assert v.limits["kubenet"] == 363
        assert {v.limits[m.value] for m in NetworkModel if m is not NetworkModel.KUBENET} == {909}
        assert max(x for x in v.x[: len(v.series["kubenet"])]) == 363

    def test_ceilings(self) -> None:
        """The 64,000-IP flat-model limit always; the VNet's addresses when one is given."""
        assert [c.value for c in comparison_view(50).ceilings] == [64_000]
        v = comparison_view(50, vnet="10.224.0.0/20")
        assert [c.value for c in v.ceilings] == [64_000, 4096]

    def test_verdict_names_what_does_not_fit(self) -> None:
        """A /24 VNet (256 addresses) holds 55 nodes' node subnet (a /26) but not Node Subnet's /21."""
        v = comparison_view(50, max_pods=30, vnet="10.224.0.0/24")
        fits, _, misfits = v.verdict.partition("does not fit")
        assert "Azure CNI Overlay" in fits
        assert "Azure CNI Node Subnet" in misfits

    def test_summary_names_every_model(self) -> None:
        """The summary sentence gives each model's VNet IPs."""
        v = comparison_view(50, max_pods=30)
        assert all(label in v.summary for label in LABELS.values())
        assert "1,705" in v.summary  # 55 x 31

    @pytest.mark.parametrize("nodes", [0, 1001, 2.5, True])
    def test_bad_nodes(self, nodes: object) -> None:
        """Node counts outside 1-1,000 (or not whole) are refused with the value quoted."""
        with pytest.raises(SpecError, match=rf"nodes must be a whole number from 1 to 1,000 \(got {nodes!r}[,)]"):
            comparison_view(nodes)  # type: ignore[arg-type]

    def test_bad_vnet(self) -> None:
        """A malformed VNet is the CIDR parser's error."""
        with pytest.raises(CidrError, match=r"VNet address space '10.0.0.0/33'"):
            comparison_view(50, vnet="10.0.0.0/33")
