"""Issue 7, "Wrong answers": each answer akskit used to get wrong, now right, through the library and the CLI."""

from __future__ import annotations

import json
from ipaddress import IPv4Address, IPv4Network

import pytest

from akskit import cluster, plan, pool, reverse
from akskit.cli import main
from akskit.engine import facts
from akskit.engine.models import NetworkModel

IPPLAN = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning"
NODE_POOLS = "https://learn.microsoft.com/en-us/azure/aks/create-node-pools"  # "Limitations": Linux system pool
SYSTEM_POOLS = "https://learn.microsoft.com/en-us/azure/aks/use-system-pools"
ROLL = "https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestDynamicPodSubnetOutput:
    """Item 1: both ends of the dynamic pod subnet in every output, and the MaxIPCount note."""

    ARGS = ("plan", "--plugin", "pod-subnet", "--nodes", "10", "--max-pods", "30", "--max-surge", "1")
    ARGS += ("--subnet", "10.224.0.0/24", "--pod-subnet", "10.225.0.0/22", "--service-cidr", "10.0.0.0/16")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON: 11 planned nodes x 48 worst case, x 16 at node start, and the info note citing both sources."""
        code, out, _ = run(capsys, *self.ARGS, "--format", "json")
        data = json.loads(out)
        assert code == 0
        assert (data["pod_subnet"]["ips_required"], data["pod_subnet"]["ips_minimum"]) == (528, 176)
        note = next(f for f in data["findings"] if f["code"] == "dynamic-ip-max-count")
        assert note["severity"] == "info"
        assert facts.DYNAMIC_URL in note["message"]
        assert facts.CNS_IPAM_MONITOR_URL in note["message"]
        assert "MaxIPCount" in note["message"]

    @pytest.mark.parametrize("fmt", ["table", "markdown"])
    def test_table_and_markdown(self, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
        """Table and Markdown say both figures."""
        _, out, _ = run(capsys, *self.ARGS, "--format", fmt)
        assert "528 IPs needed with every pod slot in use (176 at node start)" in out

    def test_reverse_mode(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Reverse mode states the pod subnet's two ends at the size it found."""
        _, out, _ = run(capsys, *(a for a in self.ARGS if a not in ("--nodes", "10")), "--format", "table")
        assert "the pod subnet takes" in out
        assert "at node start and" in out

    def test_static_block_gets_no_dynamic_note(self) -> None:
        """The MaxIPCount note is about dynamic allocation only."""
        p = plan(cluster("pod-subnet-static", [pool("system", 3, max_pods=31, max_surge=1)]))
        assert "dynamic-ip-max-count" not in {f.code for f in p.findings}


class TestReverseFitsNoNodeWithSurge:
    """Item 2: zero nodes with surge is an error: created, never upgraded."""

    ARGS = ("plan", "--plugin", "azure-cni", "--subnet", "10.0.0.0/24", "--max-surge", "1", "--max-pods", "250")
    ARGS += ("--service-cidr", "10.1.0.0/16", "--dns-service-ip", "10.1.0.10")

    def test_the_issue_command_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A /24 has 251 usable IPs; one node at 250 max pods takes 251, two (with surge) 502 (IPPLAN)."""
        code, out, _ = run(capsys, *self.ARGS)
        assert code == 1
        assert "no-node-fits" in out
        assert "can be created but never upgraded" in out
        assert "fits 1 node of pool 'nodepool1' without surge but none with" in out
        assert "Result: valid" not in out

    def test_nothing_fits_even_without_surge(self) -> None:
        """When not even one node fits, the error says the cluster can't be created."""
        spec = cluster("azure-cni", [pool("system", 0, max_pods=250, max_surge=1)], node_subnet="10.224.0.0/25")
        errors = {f.code: f.message for f in reverse(spec).errors}
        assert "can't be created" in errors["no-node-fits"]

    def test_room_with_surge_is_valid(self) -> None:
        """A /25 (123 usable) at 31 IPs per node holds 2 nodes + 1 surge (93), not 3 + 1 (124): valid (IPPLAN)."""
        spec = cluster("azure-cni", [pool("system", 0, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/25")
        p = reverse(spec)
        assert p.capacity.max_nodes == 2, IPPLAN
        assert p.valid
        assert "no-node-fits" not in {f.code for f in p.findings}


class TestLinuxSystemPool:
    """Item 3: AKS needs a Linux system pool, listed first (NODE_POOLS, SYSTEM_POOLS)."""

    def test_windows_only_cluster(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The issue's command: a Windows-only cluster is an error, exit 1."""
        code, out, _ = run(capsys, "plan", "--plugin", "overlay", "--pool", "name=win,nodes=3,os=windows")
        assert code == 1
        assert "no-linux-system-pool" in out

    def test_windows_pool_first(self) -> None:
        """A Linux pool after a Windows one: the error names the Linux pool to list first."""
        p = plan(cluster("overlay", [pool("win", 3, os="windows"), pool("system", 3)]))
        finding = next(f for f in p.errors if f.code == "no-linux-system-pool")
        assert "list pool 'system' first" in finding.message
        assert finding.url == SYSTEM_POOLS

    def test_linux_first_is_fine(self) -> None:
        """A Linux system pool followed by Windows pools passes this check."""
        p = plan(cluster("overlay", [pool("system", 3), pool("win", 3, os="windows")]))
        assert "no-linux-system-pool" not in {f.code for f in p.findings}
        assert facts.NODE_POOLS_URL == NODE_POOLS


class TestDefaultDnsServiceIp:
    """Item 4: the default DNS service IP is always one the checks accept."""

    @pytest.mark.parametrize(
        ("service_cidr", "dns"),
        [
            ("10.0.0.0/16", "10.0.0.10"),
            ("10.0.0.0/28", "10.0.0.10"),
            ("10.0.0.0/29", "10.0.0.2"),
            ("10.0.0.0/30", "10.0.0.2"),
        ],
    )
    def test_default_is_accepted(self, service_cidr: str, dns: str) -> None:
        """The .10 address where the range has it, else the first address that is not network, first or broadcast."""
        p = plan(cluster("overlay", [pool("system", 3, max_surge=1)], service_cidr=service_cidr))
        assert p.services.dns_service_ip == IPv4Address(dns)
        assert not [f for f in p.findings if f.code.startswith("dns-ip")]

    @pytest.mark.parametrize("service_cidr", ["10.0.0.0/31", "10.0.0.0/32"])
    def test_no_address_is_one_error(self, service_cidr: str) -> None:
        """A range with no acceptable address gives one error saying so, not a complaint about a placeholder."""
        p = plan(cluster("overlay", [pool("system", 3, max_surge=1)], service_cidr=service_cidr))
        dns = [f for f in p.findings if f.code.startswith("dns-ip")]
        assert [f.code for f in dns] == ["dns-ip-no-address"]
        assert "none can be the DNS service IP" in dns[0].message
        assert p.to_dict()["dns_service_ip"] is None

    def test_every_small_range_agrees_with_the_check(self) -> None:
        """For every prefix /8-/32, a defaulted DNS IP never triggers dns-ip-reserved or dns-ip-outside."""
        for prefix in range(13, 33):
            net = IPv4Network(f"10.0.0.0/{prefix}")
            p = plan(cluster("overlay", [pool("system", 3, max_surge=1)], service_cidr=str(net)))
            codes = {f.code for f in p.findings}
            assert not codes & {"dns-ip-reserved", "dns-ip-outside-service-cidr"}, prefix

    def test_given_address_still_checked(self) -> None:
        """A DNS IP the user gives is still checked: the first address is refused (IPPLAN)."""
        p = plan(cluster("overlay", [pool("system", 3)], service_cidr="10.0.0.0/29", dns_service_ip="10.0.0.1"))
        assert "dns-ip-reserved" in {f.code for f in p.errors}, IPPLAN


class TestPodCapacity:
    """Item 5: pod capacity is steady state; surge pods are shown apart."""

    def test_surge_not_counted(self) -> None:
        """10 nodes + 1 surge at 30 max pods: 300 pods in steady state, 30 more during an upgrade (ROLL)."""
        p = plan(cluster("azure-cni", [pool("system", 10, max_pods=30, max_surge=1)]))
        assert (p.pod_capacity, p.surge_pod_capacity) == (300, 30), ROLL
        data = p.to_dict()
        assert (data["pod_capacity"], data["surge_pod_capacity"]) == (300, 30)

    def test_autoscaler_maximum_counts(self) -> None:
        """The autoscaler maximum is steady state; 33 % surge of 20 is 7 nodes (ROLL)."""
        p = plan(cluster("overlay", [pool("system", 10, max_count=20, max_pods=50, max_surge="33%")]))
        assert (p.pod_capacity, p.surge_pod_capacity) == (20 * 50, 7 * 50), ROLL

    def test_pods_per_cluster_uses_steady_state(self) -> None:
        """1,000 nodes x 64 pods = 64,000, at the 64,000 ceiling: no finding, however large the surge."""
        spec = cluster(
            NetworkModel.AZURE_CNI,
            [pool(f"p{i}", 250, max_pods=64, max_surge="100%") for i in range(4)],
            node_subnet="10.0.0.0/8",
        )
        p = plan(spec)
        assert p.pod_capacity == 64_000
        assert "pods-per-cluster" not in {f.code for f in p.findings}


class TestUnplannedAzFlags:
    """Item 6: an az flag akskit does not plan is exit 2, one line, naming it."""

    @pytest.mark.parametrize(
        ("model", "named"),
        [
            ("--network-plugin azure --network-plugin-mode overlay --ip-families ipv4,ipv6", "akskit plans IPv4 only"),
            ("--network-plugin azure --network-policy cilium", "--network-policy"),
            ("--network-plugin azure --network-plugin-mode overlay --pod-cidr 10.244.0.0/16", "--pod-cidr"),
        ],
    )
    def test_exit_2(self, capsys: pytest.CaptureFixture[str], model: str, named: str) -> None:
        """The CLI turns the ModelError into one stderr line and exit 2."""
        code, out, err = run(capsys, "plan", "--plugin", model, "--nodes", "3")
        assert code == 2
        assert out == ""
        assert len(err.splitlines()) == 1
        assert named in err
