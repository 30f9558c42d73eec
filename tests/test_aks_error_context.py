"""``akskit explain --spec/--import``: AKS's number reproduced from akskit's plan of the cluster.

Golden cases, each a published text with the cluster it came from:
- https://github.com/Azure/AKS/issues/456: "Pre-allocated IPs 310 exceeds IPs available in Subnet 251",
  10 nodes of Azure CNI at the default 30 max pods on a /24. At create AKS counts no surge:
  10 x (30 + 1) = 310 (INSUFFICIENT_SUBNET_SIZE_URL: "the max-count from each nodepool is counted").
- https://github.com/Azure/AKS-Construction/issues/701: "Pre-allocated IPs 1280 exceeds IPs available 1024
  in Subnet Cidr 10.240.100.0/22, Subnet Name networkProfile.podCIDR": 5 overlay nodes, a /24 each:
  5 x 256 = 1,280 of a /22's 1,024.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_aks_errors import NODE_SUBNET, OLD_FORM, OVERLAY_POD_CIDR, SCALE_FULL, run

from akskit import cluster, pool
from akskit.engine.aks_error_context import with_plan
from akskit.engine.aks_errors import explain_error

AZ_SHOW_10_CNI = {  # az aks show -o json, the fields that matter: one pool of 10, Azure CNI, max pods 30
    "networkProfile": {"networkPlugin": "azure", "serviceCidr": "10.0.0.0/16", "dnsServiceIp": "10.0.0.10"},
    "agentPoolProfiles": [{"name": "nodepool1", "count": 10, "maxPods": 30, "mode": "System", "osType": "Linux"}],
}


class TestReproduced:
    def test_node_subnet_at_create(self) -> None:
        """Azure/AKS#456: akskit's create-time plan gives AKS's 310, and the fix prefix leaves room to upgrade."""
        e = with_plan(explain_error(OLD_FORM), cluster("azure-cni", [pool("system", 10)]))
        data = e.values["plan"]
        assert (data["moment"], data["requested"], data["matches"]) == ("create", 310, True)
        assert data["pools"] == [{"name": "system", "nodes": 10, "ips": 310}]
        assert data["upgrade_requested"] == 341  # 11 x 31 with the default 10 % surge
        assert e.fix["prefix"] == "/23"  # 341 + 5 reserved > 256
        assert "the same number AKS gave (310)" in e.cause

    def test_overlay_pod_cidr_at_create(self) -> None:
        """AKS-Construction#701: 5 overlay nodes take 5 x 256 = 1,280 pod addresses at create."""
        e = with_plan(
            explain_error(OVERLAY_POD_CIDR), cluster("overlay", [pool("system", 5)], pod_cidr="10.240.100.0/22")
        )
        assert (e.values["plan"]["range"], e.values["plan"]["requested"], e.values["plan"]["matches"]) == (
            "pod CIDR",
            1280,
            True,
        )

    def test_autoscaler_maximum_counts(self) -> None:
        """With an autoscaler, the create-time count is the max count: 3 + 7 max = 10 nodes x 31 = 310."""
        spec = cluster("azure-cni", [pool("system", 3), pool("apps", 2, max_count=7)])
        assert with_plan(explain_error(OLD_FORM), spec).values["plan"]["matches"] is True

    def test_a_different_cluster_says_so(self) -> None:
        """Azure/AKS#3653's 255 is not what 3 nodes of max pods 30 need (93): the mismatch is named, not hidden."""
        e = with_plan(explain_error(NODE_SUBNET), cluster("azure-cni", [pool("system", 3)]))
        assert e.values["plan"]["matches"] is False
        assert "AKS gave 255" in e.cause

    def test_other_codes_are_unchanged(self) -> None:
        """A scale's count depends on how far it scaled: the text-only explanation stands, plan None."""
        plain = explain_error(SCALE_FULL)
        e = with_plan(plain, cluster("kubenet", [pool("system", 3)]))
        assert (e.cause, e.fix, e.values["plan"]) == (plain.cause, plain.fix, None)

    def test_upgrade_counts_the_surge_nodes(self) -> None:
        """An upgrade's SubnetIsFull asks for the surge nodes: 2 pools with surge 1 on Azure CNI max pods 30:
        2 x 31 = 62 addresses (ROLLING_UPGRADE_URL: surge nodes take IPs like any node)."""
        text = (
            "Code: SubnetIsFull. Message: VMSSAgentPoolReconciler retry failed: Subnet aks with address prefix "
            "10.0.0.0/24 does not have enough capacity for 62 IP addresses."
        )
        e = explain_error(text)
        assert e.values["operation"] == "upgrade"
        spec = cluster("azure-cni", [pool("system", 3, max_surge=1), pool("user", 4, max_surge=1)])
        data = with_plan(e, spec).values["plan"]
        assert (data["moment"], data["requested"], data["matches"]) == ("upgrade", 62, True)


class TestCli:
    def test_spec_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        spec = tmp_path / "cluster.toml"
        spec.write_text('plugin = "azure-cni"\n[[pools]]\nname = "system"\nnodes = 10\nmax_pods = 30\n')
        code, out, _ = run(capsys, "explain", OLD_FORM, "--spec", str(spec), "--format", "json")
        assert code == 0
        assert json.loads(out)["values"]["plan"]["requested"] == 310

    def test_imported_cluster(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        show = tmp_path / "show.json"
        show.write_text(json.dumps(AZ_SHOW_10_CNI))
        code, out, _ = run(capsys, "explain", OLD_FORM, "--import", str(show))
        assert code == 0
        assert "akskit's plan of your cluster at create time" in out
        assert "fix prefix: /23" in out

    @pytest.mark.parametrize(
        ("flag", "content", "message"),
        [
            ("--spec", "plugin = [", "--spec"),
            ("--import", "{", "--import"),
            ("--import", '{"networkProfile": {}, "agentPoolProfiles": [{"name": 3}]}', "agentPoolProfiles[0].name"),
        ],
    )
    def test_bad_context_is_exit_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, flag: str, content: str, message: str
    ) -> None:
        bad = tmp_path / "bad"
        bad.write_text(content)
        code, out, err = run(capsys, "explain", OLD_FORM, flag, str(bad))
        assert (code, out) == (2, "")
        assert message in err
        assert len(err.strip().splitlines()) == 1

    def test_spec_and_import_together_are_refused(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as exc:
            run(capsys, "explain", OLD_FORM, "--spec", "a", "--import", "b")
        assert exc.value.code == 2
