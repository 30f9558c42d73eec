"""Fleet policy: each rule on small hand-built clusters, the example fleet, the loader and the tables.

Expected outcomes are hand calculations from Microsoft's rules, not copies of the code:
a /24 has 256 - 5 = 251 usable IPs and holds 8 Azure CNI nodes at 30 max pods
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni); an upgrade
adds max-surge nodes, a percentage rounded up, and 33% is the production advice
(https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling); kubenet
retires on March 31, 2028 and has no Windows pools
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview); the
service CIDR must not be within the cluster's VNet
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from akskit import CidrError, SpecError
from akskit.course import policy
from akskit.course.policy import RULES, RULES_BY_ID, check_fleet, fleet_failures, fleet_member, load_fleet, rules_table

ROOT = Path(__file__).resolve().parent.parent
FLEET = ROOT / "akskit" / "course" / "data" / "fleet.toml"


def outcome(rule: str, spec: dict[str, Any], environment: str = "production") -> str:
    """The mark ``rule`` gives a cluster built from ``spec``."""
    return fleet_member("c", environment, spec).outcome(RULES_BY_ID[rule]).mark


def cni(nodes: int, surge: object, subnet: str = "10.50.0.0/24", **pool: object) -> dict[str, Any]:
    """An Azure CNI Node Subnet cluster of one pool at 30 max pods."""
    return {
        "plugin": "azure-cni",
        "node_subnet": subnet,
        "pools": [{"name": "user", "nodes": nodes, "max_pods": 30, "max_surge": surge, **pool}],
    }


class TestRules:
    """Each rule passes, fails or does not apply where a hand calculation says it should."""

    def test_rules_are_data(self) -> None:
        """Every rule has a unique id, a description, a severity and a Microsoft (or AKS GitHub) source."""
        assert len(RULES_BY_ID) == len(RULES) >= 6
        for r in RULES:
            assert r.description.endswith(".")
            assert r.source.startswith(("https://learn.microsoft.com/", "https://github.com/Azure/AKS/"))

    def test_surge_headroom(self) -> None:
        """8 nodes x 31 = 248 fit a /24 (251), but 9 x 31 = 279 with one surge node do not."""
        assert outcome("subnet-surge-headroom", cni(8, 0)) == "pass"
        assert outcome("subnet-surge-headroom", cni(8, 1)) == "fail"
        assert outcome("subnet-surge-headroom", cni(7, 1)) == "pass"  # 8 x 31 = 248

    def test_surge_headroom_without_subnet(self) -> None:
        """With no subnet given, AKS sizes it: the rule does not apply."""
        spec = cni(8, 1)
        del spec["node_subnet"]
        assert outcome("subnet-surge-headroom", spec) == "n/a"

    def test_kubenet_retiring(self) -> None:
        """kubenet fails, overlay passes."""
        assert outcome("kubenet-retiring", {"plugin": "kubenet"}) == "fail"
        assert outcome("kubenet-retiring", {"plugin": "overlay"}) == "pass"

    @pytest.mark.parametrize(
        ("plugin", "dataplane", "mark"),
        [
            ("kubenet", None, "fail"),
            ("overlay", None, "pass"),
            ("overlay", "cilium", "fail"),
            ("azure-cni", None, "pass"),
        ],
    )
    def test_windows(self, plugin: str, dataplane: str | None, mark: str) -> None:
        """Windows pools need a model that supports them and a data plane that is not Linux-only Cilium."""
        spec = {
            "plugin": plugin,
            "dataplane": dataplane,
            "pools": [{"name": "system", "nodes": 2}, {"name": "win1", "nodes": 2, "max_pods": 30, "os": "windows"}],
        }
        assert outcome("windows-supported-model", spec) == mark

    def test_windows_on_undocumented_model(self) -> None:
        """Bring-your-own CNI: Microsoft's pages don't say Windows works, so the policy does not accept it."""
        spec = {"plugin": "none", "pools": [{"name": "win1", "nodes": 3, "max_pods": 30, "os": "windows"}]}
        member = fleet_member("c", "test", spec)
        result = member.outcome(RULES_BY_ID["windows-supported-model"])
        assert result.mark == "fail"
        assert "no Microsoft page" in result.detail

    def test_windows_not_applicable(self) -> None:
        """A Linux-only cluster has nothing to check."""
        assert outcome("windows-supported-model", {"plugin": "kubenet"}) == "n/a"

    def test_service_cidr(self) -> None:
        """A service range inside the VNet or a peer fails; AKS's default 10.0.0.0/16 outside them passes."""
        base = {"plugin": "overlay", "vnet": "10.60.0.0/16", "node_subnet": "10.60.0.0/22"}
        assert outcome("service-cidr-outside-vnet", {**base, "service_cidr": "10.60.128.0/20"}) == "fail"
        assert outcome("service-cidr-outside-vnet", base) == "pass"
        assert outcome("service-cidr-outside-vnet", {**base, "peers": ["10.0.0.0/8"]}) == "fail"

    def test_service_cidr_against_subnet_without_vnet(self) -> None:
        """With no VNet given, the node subnet stands in for it."""
        spec = {"plugin": "overlay", "node_subnet": "10.0.0.0/24"}
        assert outcome("service-cidr-outside-vnet", spec) == "fail"

    def test_production_surge(self) -> None:
        """12 nodes: 33% is 4 nodes; 10% (2 nodes) fails, 33% or a count of 4 passes; dev is not covered."""
        assert outcome("production-surge-33", cni(12, "10%", "10.50.0.0/16")) == "fail"
        assert outcome("production-surge-33", cni(12, "33%", "10.50.0.0/16")) == "pass"
        assert outcome("production-surge-33", cni(12, 4, "10.50.0.0/16")) == "pass"
        assert outcome("production-surge-33", cni(12, 3, "10.50.0.0/16")) == "fail"
        assert outcome("production-surge-33", cni(12, "10%", "10.50.0.0/16"), "development") == "n/a"

    def test_autoscaler_max_count(self) -> None:
        """Today 5 + 1 surge = 186 IPs fit a /24; at max count 20 + 1 = 651 do not; without max count: n/a."""
        assert outcome("autoscaler-max-count-planned", cni(5, 1, max_count=20)) == "fail"
        assert outcome("subnet-surge-headroom", cni(5, 1, max_count=20)) == "pass"
        assert outcome("autoscaler-max-count-planned", cni(5, 1, "10.50.0.0/22", max_count=20)) == "pass"
        assert outcome("autoscaler-max-count-planned", cni(5, 1)) == "n/a"


class TestExampleFleet:
    """The course's fleet.toml: invented clusters, each built to pass or break chosen rules."""

    def test_provenance_header(self) -> None:
        """The file says it is invented for teaching, before any data."""
        head = FLEET.read_text(encoding="utf-8").split("[[cluster]]")[0]
        assert "INVENTED FOR TEACHING" in head
        assert "not real clusters" in head

    def test_size_and_names(self) -> None:
        """Five to eight clusters with unique names and known environments."""
        fleet = load_fleet(FLEET)
        assert 5 <= len(fleet) <= 8
        assert len({c.name for c in fleet}) == len(fleet)
        assert {c.environment for c in fleet} <= set(policy.ENVIRONMENTS)

    def test_designed_failures(self) -> None:
        """The failures each cluster was designed to show (hand calculations in the comments)."""
        failed = {c.name: {r.id for r in RULES if c.outcome(r).passed is False} for c in load_fleet(FLEET)}
        assert failed["shop-prod"] == set()
        # (3 + 1) x 31 + (30 + 3) x 31 = 1,147 > 1,019 usable in a /22; 10% of 30 = 3 < 33% of 30 = 10.
        assert failed["payments-prod"] == {"autoscaler-max-count-planned", "production-surge-33"}
        assert failed["legacy-batch"] == {"kubenet-retiring"}
        assert failed["win-apps-dev"] == {"kubenet-retiring", "windows-supported-model"}
        # (8 + 1) x 31 = 279 > 251.
        assert failed["analytics-dev"] == {"subnet-surge-headroom"}
        assert failed["data-prod"] == {"service-cidr-outside-vnet"}
        assert failed["edge-test"] == set()


class TestLoader:
    """load_fleet reads the packaged fleet.toml from any working directory, or the file you name."""

    def test_from_any_working_directory(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Outside the repository (a fresh folder) the packaged fleet is read, not ./data or ../data."""
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "fleet.toml").write_text(_one_cluster_toml("decoy"), encoding="utf-8")
        (tmp_path / "fleet.toml").write_text(_one_cluster_toml("decoy"), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert [c.name for c in load_fleet()] == [c.name for c in load_fleet(FLEET)]
        assert "decoy" not in {c.name for c in load_fleet()}

    def test_explicit_file_and_folder(self, tmp_path: Path) -> None:
        """A path may be the file itself or a folder holding fleet.toml."""
        (tmp_path / "fleet.toml").write_text(_one_cluster_toml("mine"), encoding="utf-8")
        assert [c.name for c in load_fleet(tmp_path / "fleet.toml")] == ["mine"]
        assert [c.name for c in load_fleet(tmp_path)] == ["mine"]

    def test_not_found(self, tmp_path: Path) -> None:
        """A wrong path: the message quotes it and says how to fix it."""
        with pytest.raises(SpecError, match=r"fleet file '.*typo\.toml' not found: check the path, or leave it out"):
            load_fleet(tmp_path / "typo.toml")

    def test_json(self, tmp_path: Path) -> None:
        """A .json fleet file reads the same keys."""
        path = tmp_path / "fleet.json"
        path.write_text(json.dumps({"cluster": [{"name": "j", "spec": {"plugin": "overlay"}}]}), encoding="utf-8")
        assert [c.spec.model.value for c in load_fleet(path)] == ["overlay"]

    def test_unreadable_and_invalid(self, tmp_path: Path) -> None:
        """Undecodable bytes and broken TOML or JSON give the path and the reason."""
        binary = tmp_path / "binary.toml"
        binary.write_bytes(b"\xff\xfe\x00")
        with pytest.raises(SpecError, match=r"binary\.toml' cannot be read \(UnicodeDecodeError\)"):
            load_fleet(binary)
        bad = tmp_path / "bad.toml"
        bad.write_text("[[cluster]\nname = 1", encoding="utf-8")
        with pytest.raises(SpecError, match=r"bad\.toml' is not valid TOML"):
            load_fleet(bad)
        bad_json = tmp_path / "bad.json"
        bad_json.write_text("{", encoding="utf-8")
        with pytest.raises(SpecError, match=r"bad\.json' is not valid JSON"):
            load_fleet(bad_json)
        listed = tmp_path / "list.json"
        listed.write_text("[1]", encoding="utf-8")
        with pytest.raises(SpecError, match=r"must hold a table of keys \(got \[1\]\)"):
            load_fleet(listed)


def _one_cluster_toml(name: str) -> str:
    return f'[[cluster]]\nname = "{name}"\nenvironment = "test"\n[cluster.spec]\nplugin = "overlay"\n'


class TestBadFleetData:
    """Errors name the cluster, quote the value and suppress the chained traceback."""

    def test_bad_spec_names_the_cluster(self) -> None:
        """A bad CIDR inside a cluster's spec is reported with the cluster's name."""
        with pytest.raises(CidrError, match=r"fleet cluster 'x': node subnet '10.0.0.1/24'") as info:
            fleet_member("x", "test", {"node_subnet": "10.0.0.1/24"})
        assert info.value.__cause__ is None
        assert info.value.__suppress_context__

    @pytest.mark.parametrize(
        ("data", "match"),
        [
            ({}, r"non-empty list 'cluster'"),
            ({"cluster": [{"name": "a"}]}, r"needs name and spec"),
            ({"cluster": [{"name": "a", "spec": {}, "owner": "me"}]}, r"keys 'name', 'owner', 'spec'"),
            ({"cluster": [{"name": "a", "spec": {}}, {"name": "a", "spec": {}}]}, r"unique \(got 'a' twice\)"),
            ({"cluster": [{"name": "a", "environment": "prod", "spec": {}}]}, r"one of production.* \(got 'prod'\)"),
        ],
    )
    def test_structure(self, data: dict[str, Any], match: str) -> None:
        """Missing, unknown, duplicate and misspelt entries each get a clear message."""
        with pytest.raises(SpecError, match=match):
            policy.fleet_from_mapping(data)


class TestTables:
    """The compliance table, the failure list and the rule list."""

    def test_compliance_table_shape(self) -> None:
        """One row per cluster, one column per rule, every cell a pass/fail/n-a mark; the caption counts."""
        fleet = load_fleet(FLEET)
        t = check_fleet(fleet)
        assert t.header == ("cluster", "environment", *(r.id for r in RULES))
        assert [r[0] for r in t.rows] == [c.name for c in fleet]
        cells = [cell for row in t.rows for cell in row[2:]]
        assert {c.split()[-1] for c in cells} <= {"pass", "fail", "n/a"}
        fails = sum(c.endswith("fail") for c in cells)
        assert f"{fails} failures" in t.caption
        assert len(fleet_failures(fleet).rows) == fails

    def test_failures_cite_sources(self) -> None:
        """Each failure row carries the rule's severity and source URL."""
        for row in fleet_failures(load_fleet(FLEET)).rows:
            rule = RULES_BY_ID[row[1]]
            assert row[2] == rule.severity.value
            assert row[4] == rule.source

    def test_rules_table(self) -> None:
        """The rule list shows where each rule applies."""
        rows = {r[0]: r for r in rules_table().rows}
        assert rows["production-surge-33"][2] == "production"
        assert rows["kubenet-retiring"][2] == "all"


class TestPolicyTools:
    """akskit's pre-flight checks beside Azure Policy for AKS: one table, each Azure Policy row with its page."""

    def test_rows_say_where_when_what(self) -> None:
        """Where each runs, when, what it looks at, what it can do, examples: in that order."""
        table = policy.policy_tools_table()
        assert [r[0] for r in table.rows] == [
            "where it runs",
            "when it runs",
            "what it looks at",
            "what it can do",
            "examples",
        ]

    def test_akskit_runs_before_deployment_azure_policy_in_azure(self) -> None:
        """The issue's plain statement: akskit before deployment on your laptop; Azure Policy in Azure."""
        where, when = policy.policy_tools_table().rows[:2]
        assert "laptop" in where[1]
        assert "before you deploy" in when[1]
        assert "in Azure" in where[2]
        assert "add-on" in where[2]
        assert "every 15 minutes" in when[2]  # policy-for-kubernetes: "every 15 minutes"

    def test_examples_are_real_rules_and_builtins(self) -> None:
        """akskit's examples are rule ids of RULES; Azure Policy's are built-in definition names."""
        examples = policy.policy_tools_table().rows[-1]
        for rule_id in examples[1].split(", "):
            assert rule_id in RULES_BY_ID
        assert "Kubernetes cluster should not allow privileged containers" in examples[2]

    def test_every_azure_policy_row_cites_microsoft(self) -> None:
        """The source column is a Microsoft Learn page."""
        for row in policy.policy_tools_table().rows:
            assert row[3].startswith("https://learn.microsoft.com/")
