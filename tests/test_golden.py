"""Microsoft's published worked examples, each with the page it comes from.

Every row here is a number printed on a Microsoft page (or in the project's
fact sheet, which cites it). If one of these fails, akskit disagrees with
Microsoft, not with itself.
"""

from __future__ import annotations

import pytest

from akskit import cluster, plan, pool, reverse, traits, usable_ips
from akskit.engine.models import NetworkModel

IPPLAN = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning"
KUBENET = "https://learn.microsoft.com/en-us/azure/aks/configure-kubenet"
LEGACY = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni"
SBLOCK = "https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation"
CNIOV = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview"
VNETFAQ = "https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq"
ROLL = "https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling"
SUPPR = "https://github.com/MicrosoftDocs/SupportArticles-docs/pull/2101"
OVLC = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay"
OVLEXP = "https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay-pod-expand"
ISS13444 = "https://github.com/MicrosoftDocs/azure-docs/issues/13444"
DYN = "https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation"
PODSUB = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-pod-subnet"
ACN_MATH = "https://github.com/Azure/azure-container-networking/blob/master/docs/feature/ipammath/1-ipam-math.md"
H_CNI_2019 = (
    "https://github.com/MicrosoftDocs/azure-aks-docs/blob/8dea29103d0c36d932af1cc0ceb0319fa69219a7/"
    "articles/aks/configure-azure-cni.md"
)


class TestAzureCniFormula:
    """(N + S + A) x (M + 1) node-subnet IPs, and the prefix that holds them."""

    @pytest.mark.parametrize(
        ("nodes", "scale_out", "ips", "prefix", "source"),
        [
            (50, 0, 1581, 21, IPPLAN),  # "50 nodes ... 1,581 IPs ... /21 or larger"
            (50, 10, 1891, 21, IPPLAN),  # the same cluster planning 10 more nodes
        ],
        ids=["50-nodes", "50-plus-10-nodes"],
    )
    def test_worked_example(self, nodes: int, scale_out: int, ips: int, prefix: int, source: str) -> None:
        """Microsoft's worked example: surge 1, 30 max pods."""
        p = plan(cluster("azure-cni", [pool("system", nodes, max_pods=30, max_surge=1)], scale_out=scale_out))
        assert p.node_subnet.ips_required == ips, source
        assert p.node_subnet.smallest_prefix == prefix, source

    def test_slash_22_is_too_small_for_1581(self) -> None:
        """A /22 has 1,019 usable IPs, so 1,581 needs the /21 the docs name."""
        p = plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/22"))
        assert p.node_subnet.usable_ips == 1019
        assert p.node_subnet.fits is False
        assert [f.code for f in p.errors] == ["node-subnet-too-small"]
        assert p.errors[0].prevents == "InsufficientSubnetSize"


class TestSlash24:
    """A /24 holds 251 kubenet nodes but only 8 Azure CNI nodes (KUBENET, LEGACY)."""

    def test_kubenet_251_nodes_27610_pods(self) -> None:
        """kubenet: only nodes take VNet IPs; 251 nodes x 110 pods = 27,610 pods (KUBENET)."""
        p = reverse(cluster("kubenet", [pool("system", 0, max_surge=0)], node_subnet="10.240.0.0/24"))
        assert p.pools[0].nodes == 251, KUBENET
        assert p.pod_capacity == 27_610, KUBENET

    def test_azure_cni_8_nodes_240_pods(self) -> None:
        """Azure CNI: each node takes 31 IPs; 8 nodes x 30 pods = 240 pods (KUBENET, LEGACY)."""
        p = reverse(cluster("azure-cni", [pool("system", 0, max_pods=30, max_surge=0)], node_subnet="10.240.0.0/24"))
        assert p.pools[0].nodes == 8, LEGACY
        assert p.pod_capacity == 240, LEGACY

    @pytest.mark.parametrize(("prefix", "usable"), [(24, 251), (29, 3)])
    def test_usable_addresses(self, prefix: int, usable: int) -> None:
        """Azure keeps 5 addresses per subnet: /24 -> 251, /29 -> 3 (VNETFAQ)."""
        assert usable_ips(prefix) == usable, VNETFAQ


class TestStaticBlock:
    """Static block allocation: ceil((max pods + 1) / 16) /28 blocks per node (SBLOCK)."""

    @pytest.mark.parametrize(("max_pods", "blocks"), [(30, 2), (31, 2), (32, 3)])
    def test_blocks_per_node(self, max_pods: int, blocks: int) -> None:
        """The docs' three examples: 30 and 31 max pods take 2 blocks, 32 takes 3."""
        per_node = traits(NetworkModel.POD_SUBNET_STATIC).pod_subnet_ips_per_node(max_pods)
        assert per_node == 16 * blocks, SBLOCK

    @pytest.mark.parametrize("max_pods", [15, 31, 47, 63, 111, 127, 239])
    def test_recommended_max_pods_waste_nothing(self, max_pods: int) -> None:
        """Max pods of 16k - 1 use every block IP, so no static-block-waste warning (SBLOCK)."""
        spec = cluster("pod-subnet-static", [pool("system", 3, max_pods=max_pods, max_surge=1)])
        assert "static-block-waste" not in {f.code for f in plan(spec).findings}, SBLOCK


class TestDynamicPodSubnet:
    """Dynamic allocation: 16 IPs at node start, 16 more whenever fewer than 8 are unallocated (DYN, PODSUB)."""

    @pytest.mark.parametrize("max_pods", [25, 30])
    def test_every_pod_slot_used_holds_48(self, max_pods: int) -> None:
        """25 pods in use -> 48 IPs (ACN_MATH's worked example); 30 max pods too: 16 x ceil(38 / 16) = 48 (DYN)."""
        assert traits(NetworkModel.POD_SUBNET).pod_subnet_ips_per_node(max_pods) == 48, ACN_MATH

    def test_subnet_reports_both_ends(self) -> None:
        """10 nodes + 1 surge at 30 max pods: 11 x 48 = 528 worst case, 11 x 16 = 176 at node start (DYN)."""
        p = plan(cluster("pod-subnet", [pool("system", 10, max_pods=30, max_surge=1)], pod_subnet="10.1.0.0/22"))
        assert p.pod_subnet is not None
        assert (p.pod_subnet.ips_required, p.pod_subnet.ips_minimum) == (11 * 48, 11 * 16), DYN


class TestSurge:
    """Max surge: an integer, or a percentage of the pool rounded up (ROLL)."""

    def test_ten_percent_of_8_nodes_is_1(self) -> None:
        """10 % surge on 8 nodes rounds up to 1 node (SUPPR's 8-node example)."""
        assert plan(cluster("overlay", [pool("system", 8, max_surge="10%")])).pools[0].surge_nodes == 1, SUPPR

    def test_five_pools_of_four_at_50_percent(self) -> None:
        """5 pools x 4 nodes at 50 % surge = 2 x 5 = 10 extra nodes (ROLL)."""
        pools = [pool(f"pool{i}", 4, max_surge="50%") for i in range(5)]
        p = plan(cluster("overlay", pools))
        assert sum(q.surge_nodes for q in p.pools) == 10, ROLL
        assert p.planned_nodes == 30, ROLL


class TestRangeRules:
    """Reserved ranges, the service range and the DNS IP (CNIOV, IPPLAN)."""

    def test_pod_cidr_172_16_slash_12_rejected(self) -> None:
        """172.16.0.0/12 contains 172.30.0.0/16 and 172.31.0.0/16, so AKS rejects it (CNIOV)."""
        p = plan(cluster("overlay", [pool("system", 3)], pod_cidr="172.16.0.0/12"))
        assert [f.code for f in p.errors] == ["reserved-range-overlap"], CNIOV
        assert "172.16.0.0/12" in p.errors[0].message

    @pytest.mark.parametrize(("service", "ok"), [("10.0.0.0/12", False), ("10.0.0.0/13", True)])
    def test_service_cidr_smaller_than_slash_12(self, service: str, ok: bool) -> None:
        """'Smaller than /12' means fewer addresses than a /12: /13 passes, /12 fails (ISS13444)."""
        dns = service.split("/")[0][:-1] + "10"
        p = plan(cluster("overlay", [pool("system", 3)], service_cidr=service, dns_service_ip=dns))
        assert ("service-cidr-too-large" not in {f.code for f in p.errors}) is ok, ISS13444

    def test_dns_ip_dot_1_rejected(self) -> None:
        """The first address is kubernetes.default's, 'such as .1' (H_CNI_2019, IPPLAN)."""
        p = plan(cluster("overlay", [pool("system", 3)], service_cidr="10.0.0.0/16", dns_service_ip="10.0.0.1"))
        assert [f.code for f in p.errors] == ["dns-ip-reserved"], H_CNI_2019


class TestPodCidr:
    """kubenet and overlay take one /24 per node from the pod CIDR (OVLC, KUBENET)."""

    def test_default_pod_cidr_holds_256_nodes(self) -> None:
        """10.244.0.0/16 holds 256 nodes including surge (OVLC)."""
        spec = cluster("overlay", [pool("system", 0, max_surge=0)], node_subnet="10.224.0.0/16")
        p = plan(spec)
        assert p.pod_cidr is not None
        assert p.pod_cidr.blocks_available == 256, OVLC
        assert p.capacity.max_nodes == 256
        assert p.capacity.limited_by == "the pod CIDR 10.244.0.0/16"

    def test_expand_example_slash_18_to_slash_16(self) -> None:
        """Expanding 10.244.0.0/18 to /16 takes a cluster from 64 to 256 nodes (OVLEXP)."""
        sizes = [
            plan(cluster("overlay", [pool("system", 1)], pod_cidr=c)).pod_cidr.blocks_available  # type: ignore[union-attr]
            for c in ("10.244.0.0/18", "10.244.0.0/16")
        ]
        assert sizes == [64, 256], OVLEXP

    def test_kubenet_stops_at_400_nodes(self) -> None:
        """One route per node and 400 routes per table: kubenet stops at 400 (KUBENET)."""
        ok = plan(cluster("kubenet", [pool("system", 400, max_surge=0)], pod_cidr="10.244.0.0/15"))
        over = plan(cluster("kubenet", [pool("system", 400, max_surge=1)], pod_cidr="10.244.0.0/15"))
        assert "kubenet-node-limit" not in {f.code for f in ok.errors}, KUBENET
        assert "kubenet-node-limit" in {f.code for f in over.errors}, KUBENET
        assert over.route_table_entries == 401


class TestMaxPods:
    """Max pods 10..250, below 30 only with room for 30 pods per pool (IPPLAN)."""

    @pytest.mark.parametrize(("nodes", "ok"), [(2, False), (3, True)])
    def test_max_pods_10_needs_3_nodes(self, nodes: int, ok: bool) -> None:
        """'maxPods 10 => pool of at least 3 nodes' (IPPLAN)."""
        p = plan(cluster("azure-cni", [pool("system", nodes, max_pods=10)]))
        assert ("pool-pod-room" not in {f.code for f in p.errors}) is ok, IPPLAN

    @pytest.mark.parametrize(
        ("model", "default"),
        [("kubenet", 110), ("azure-cni", 30), ("overlay", 250), ("none", 250)],
    )
    def test_defaults_by_model(self, model: str, default: int) -> None:
        """Default max pods: kubenet 110, node subnet 30, overlay 250, BYO 250 (IPPLAN, OVLC)."""
        assert plan(cluster(model, [pool("system", 3)])).pools[0].max_pods == default, IPPLAN
