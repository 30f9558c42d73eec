"""``akskit import``: az aks show and ARM managedClusters documents planned like ``plan``.

Fixtures are written here from Microsoft's documented shapes:

- ARM/REST casing (``dnsServiceIP``, ``vnetSubnetID``, ``podSubnetID``, ``podIPAllocationMode``,
  ``upgradeSettings.maxSurge``/``maxUnavailable``): the OpenAPI definitions and examples in
  Azure/azure-rest-api-specs,
  specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-10-01/
  (managedClusters.json; examples/ManagedClustersCreate_DualStackNetworking.json, whose 200
  response body is :data:`ARM_DUAL_STACK` cut to its network fields; examples/AgentPoolsGet.json
  for a pool's ``name`` beside ``properties``), and https://learn.microsoft.com/en-us/rest/api/aks/agent-pools/create-or-update.
- az CLI casing (``dnsServiceIp``, ``vnetSubnetId``, ``podIpAllocationMode``, ``enableAutoScaling``,
  ``minCount``/``maxCount``): the az CLI prints the same model with its snake_case names turned
  into camelCase (https://learn.microsoft.com/en-us/cli/azure/aks#az-aks-show,
  https://learn.microsoft.com/en-us/cli/azure/aks/nodepool#az-aks-nodepool-list).

Golden numbers are worked by hand from Microsoft's formulas (IP_PLANNING_URL:
Azure CNI node subnet = nodes x (max pods + 1), nodes counting the autoscaler maximum and upgrade
surge; overlay: one node-subnet IP per node and one /24 of the pod CIDR per node, OVERLAY_URL).
"""

from __future__ import annotations

import copy
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from akskit.cli import main
from akskit.engine.cluster_export import export
from akskit.engine.cluster_import import IMPORT_MAX_BYTES, import_cluster, plan_imported
from akskit.engine.errors import SpecError

SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network"
NODE_SUBNET_ID = f"{SUB}/virtualNetworks/vnet1/subnets/nodes"
POD_SUBNET_ID = f"{SUB}/virtualNetworks/vnet1/subnets/pods"

#: az aks show -o json of an Azure CNI (node subnet) cluster: a user pool with the autoscaler listed
#: first, the System pool second, a Windows pool third.
AZ_SHOW: dict[str, Any] = {
    "name": "aks1",
    "type": "Microsoft.ContainerService/ManagedClusters",
    "location": "westeurope",
    "agentPoolProfiles": [
        {
            "name": "user",
            "count": 5,
            "enableAutoScaling": True,
            "minCount": 3,
            "maxCount": 10,
            "maxPods": 50,
            "mode": "User",
            "osType": "Linux",
            "vnetSubnetId": NODE_SUBNET_ID,
            "podSubnetId": None,
            "upgradeSettings": {"maxSurge": "33%", "maxUnavailable": None},
            "vmSize": "Standard_D4s_v5",
        },
        {
            "name": "system",
            "count": 3,
            "enableAutoScaling": False,
            "minCount": None,
            "maxCount": None,
            "maxPods": 30,
            "mode": "System",
            "osType": "Linux",
            "vnetSubnetId": NODE_SUBNET_ID,
            "upgradeSettings": {"maxSurge": "1"},
        },
        {
            "name": "win1",
            "count": 2,
            "enableAutoScaling": False,
            "maxPods": 30,
            "mode": "User",
            "osType": "Windows",
            "vnetSubnetId": NODE_SUBNET_ID,
            "upgradeSettings": {"maxSurge": "10%"},
        },
    ],
    "networkProfile": {
        "networkPlugin": "azure",
        "networkPluginMode": None,
        "networkDataplane": "azure",
        "networkPolicy": "azure",
        "podCidr": None,
        "serviceCidr": "10.0.0.0/16",
        "dnsServiceIp": "10.0.0.10",
        "ipFamilies": ["IPv4"],
        "loadBalancerSku": "standard",
        "outboundType": "loadBalancer",
    },
}
# Hand-worked (IP_PLANNING_URL): system 3 + surge 1 = 4 nodes x 31 = 124; user at max count 10 +
# ceil(33% of 10) = 4 -> 14 x 51 = 714; win1 2 + ceil(10% of 2) = 1 -> 3 x 31 = 93. Total 931 IPs,
# + Azure's 5 reserved = 936 -> smallest subnet /22.
AZ_SHOW_IPS, AZ_SHOW_PREFIX, AZ_SHOW_NODES = 931, 22, 21

#: The ARM/REST body (GET managedClusters) of an Azure CNI Overlay cluster with Cilium.
ARM_OVERLAY: dict[str, Any] = {
    "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/"
    "Microsoft.ContainerService/managedClusters/clustername1",
    "name": "clustername1",
    "type": "Microsoft.ContainerService/ManagedClusters",
    "properties": {
        "agentPoolProfiles": [
            {
                "name": "nodepool1",
                "count": 3,
                "maxPods": 110,
                "mode": "System",
                "osType": "Linux",
                "vnetSubnetID": NODE_SUBNET_ID,
                "upgradeSettings": {"maxSurge": "1"},
            },
            {
                "name": "apps",
                "count": 4,
                "enableAutoScaling": True,
                "minCount": 2,
                "maxCount": 20,
                "maxPods": 250,
                "mode": "User",
                "osType": "Linux",
                "vnetSubnetID": NODE_SUBNET_ID,
                "upgradeSettings": {"maxSurge": "10%"},
            },
        ],
        "networkProfile": {
            "networkPlugin": "azure",
            "networkPluginMode": "overlay",
            "networkDataplane": "cilium",
            "podCidr": "192.168.0.0/16",
            "serviceCidr": "10.0.0.0/16",
            "dnsServiceIP": "10.0.0.10",
        },
    },
}
# Hand-worked (OVERLAY_URL): 3 + 1 = 4 nodes; 20 + ceil(10% of 20) = 2 -> 22; 26 nodes, one node-subnet
# IP and one /24 pod block each.
ARM_OVERLAY_NODES = 26

#: examples/ManagedClustersCreate_DualStackNetworking.json (2025-10-01), 200 response body, network fields.
ARM_DUAL_STACK: dict[str, Any] = {
    "name": "clustername1",
    "type": "Microsoft.ContainerService/ManagedClusters",
    "properties": {
        "agentPoolProfiles": [
            {
                "name": "nodepool1",
                "type": "VirtualMachineScaleSets",
                "count": 3,
                "maxPods": 110,
                "mode": "System",
                "osType": "Linux",
                "vmSize": "Standard_DS1_v2",
            }
        ],
        "networkProfile": {
            "dnsServiceIP": "10.0.0.10",
            "ipFamilies": ["IPv4", "IPv6"],
            "loadBalancerSku": "basic",
            "networkPlugin": "kubenet",
            "outboundType": "loadBalancer",
            "podCidr": "10.244.0.0/16",
            "podCidrs": ["10.244.0.0/16", "fd11:1234::/64"],
            "serviceCidr": "10.0.0.0/16",
            "serviceCidrs": ["10.0.0.0/16", "fd00:1234::/108"],
        },
    },
}


def _arm_template(body: dict[str, Any]) -> dict[str, Any]:
    """An ARM template (as Bicep compiles to) holding the cluster among other resources."""
    return {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet1"},
            {
                "type": "Microsoft.ContainerService/managedClusters",
                "apiVersion": "2025-10-01",
                "name": "aks1",
                "properties": body["properties"],
            },
        ],
    }


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: object, *flags: str) -> tuple[int, str, str]:
    path = tmp_path / "cluster.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code = main(["import", str(path), *flags])
    out, err = capsys.readouterr()
    return code, out, err


class TestAzShow:
    """az aks show -o json, CLI casing."""

    def test_recognised_and_the_system_pool_comes_first(self) -> None:
        """The format is named, and the mode System pool is planned as the first pool."""
        imported = import_cluster(AZ_SHOW)
        assert imported.source == "az-aks-show"
        assert [p.name for p in imported.spec.pools] == ["system", "user", "win1"]
        assert imported.spec.model.value == "azure-cni"
        assert imported.node_subnet_id == NODE_SUBNET_ID

    def test_pools_map_count_autoscaler_max_pods_os_surge(self) -> None:
        """count, maxCount (only with enableAutoScaling), maxPods, osType and maxSurge each land in the pool."""
        system, user, win = import_cluster(AZ_SHOW).spec.pools
        assert (system.nodes, system.max_count, system.max_pods, str(system.surge)) == (3, None, 30, "1")
        assert (user.nodes, user.max_count, user.max_pods, str(user.surge)) == (5, 10, 50, "33%")
        assert (win.os, win.nodes, str(win.surge)) == ("windows", 2, "10%")

    def test_golden_plan(self) -> None:
        """The plan's node-subnet figure is the hand-worked one."""
        result = plan_imported(import_cluster(AZ_SHOW, node_subnet="10.224.0.0/22"))
        assert result.planned_nodes == AZ_SHOW_NODES
        assert result.node_subnet.ips_required == AZ_SHOW_IPS
        assert result.node_subnet.smallest_prefix == AZ_SHOW_PREFIX
        assert result.node_subnet.fits is True

    def test_cli_table_and_exit_codes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The table is plan's, under a line naming the source; /22 fits (0), /23 does not (1)."""
        code, out, err = _run(capsys, tmp_path, AZ_SHOW, "--subnet", "10.224.0.0/22")
        assert (code, err) == (0, "")
        assert out.startswith("Imported from az aks show -o json")
        assert f"{AZ_SHOW_IPS:,} IPs needed" in out
        code, out, _ = _run(capsys, tmp_path, AZ_SHOW, "--subnet", "10.224.0.0/23")
        assert code == 1
        assert "DOES NOT FIT" in out

    def test_cli_json_has_source(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """JSON is plan's JSON with a source key."""
        code, out, _ = _run(capsys, tmp_path, AZ_SHOW, "--format", "json")
        data = json.loads(out)
        assert code == 0
        assert data["source"] == "az-aks-show"
        assert data["node_subnet"]["ips_required"] == AZ_SHOW_IPS

    def test_subnet_id_without_cidr_is_said(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A node subnet known only by its resource ID is named as such, with the flag to give."""
        _, out, _ = _run(capsys, tmp_path, AZ_SHOW)
        assert "resource ID: give its CIDR with --subnet" in out.splitlines()[0]

    def test_stdin(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """- reads standard input."""
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(json.dumps(AZ_SHOW).encode())))
        assert main(["import", "-", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["source"] == "az-aks-show"

    def test_nodepool_list_replaces_the_pools(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--pools takes az aks nodepool list (flat) or the REST list (name beside properties)."""
        pools = tmp_path / "pools.json"
        rest_item = {"name": "big", "properties": {"count": 40, "maxPods": 30, "mode": "User", "osType": "Linux"}}
        pools.write_text(json.dumps([AZ_SHOW["agentPoolProfiles"][1], rest_item]), encoding="utf-8")
        code, out, _ = _run(capsys, tmp_path, AZ_SHOW, "--pools", str(pools), "--format", "json")
        names = [p["name"] for p in json.loads(out)["pools"]]
        assert code == 0
        assert names == ["system", "big"]


class TestArm:
    """The ARM/REST managedClusters body, ARM casing, at the top or in a template."""

    def test_overlay_cilium_golden(self) -> None:
        """Plugin, mode and data plane map to overlay + cilium; the pod CIDR gets one /24 per node."""
        imported = import_cluster(ARM_OVERLAY, node_subnet="10.224.0.0/24")
        assert imported.source == "arm"
        assert (imported.spec.model.value, imported.spec.dataplane.value) == ("overlay", "cilium")
        assert str(imported.spec.dns_service_ip) == "10.0.0.10"  # dnsServiceIP, ARM casing
        result = plan_imported(imported)
        assert result.planned_nodes == ARM_OVERLAY_NODES
        assert result.node_subnet.ips_required == ARM_OVERLAY_NODES
        assert result.pod_cidr is not None
        assert result.pod_cidr.blocks_required == ARM_OVERLAY_NODES
        assert result.pod_cidr.blocks_available == 256  # a /16 holds 256 /24s

    def test_template_resources(self) -> None:
        """A template's managedClusters resource is found among the others; paths name it."""
        assert import_cluster(_arm_template(ARM_OVERLAY)).spec.pools[1].max_count == 20
        bad = _arm_template(copy.deepcopy(ARM_OVERLAY))
        bad["resources"][1]["properties"]["agentPoolProfiles"][1]["maxPods"] = "250"
        with pytest.raises(SpecError, match=r"^resources\[1\]\.properties\.agentPoolProfiles\[1\]\.maxPods must"):
            import_cluster(bad)

    def test_pod_subnet_static_block(self) -> None:
        """podSubnetID with podIPAllocationMode StaticBlock (ARM casing) is the static block model."""
        body = copy.deepcopy(ARM_OVERLAY)
        body["properties"]["networkProfile"] = {"networkPlugin": "azure", "serviceCidr": "10.0.0.0/16"}
        for p in body["properties"]["agentPoolProfiles"]:
            p["podSubnetID"], p["podIPAllocationMode"] = POD_SUBNET_ID, "StaticBlock"
        imported = import_cluster(body)
        assert imported.spec.model.value == "pod-subnet-static"
        assert imported.pod_subnet_id == POD_SUBNET_ID

    def test_dual_stack_example_warns(self) -> None:
        """Microsoft's dual-stack example plans its IPv4 side, with a warning naming ipFamilies."""
        result = plan_imported(import_cluster(ARM_DUAL_STACK))
        assert result.model.value == "kubenet"
        codes = {f.code: f for f in result.findings}
        assert "ipFamilies" in codes["import-dual-stack"].message


class TestNotDroppedSilently:
    """Fields akskit does not plan but that change the IP answer become findings."""

    @pytest.mark.parametrize(
        ("where", "key", "value", "code"),
        [
            ("properties", "nodeProvisioningProfile", {"mode": "Auto"}, "import-node-auto-provisioning"),
            (
                "properties",
                "apiServerAccessProfile",
                {"enableVnetIntegration": True},
                "import-api-server-vnet-integration",
            ),
            ("pool", "mode", "Gateway", "import-gateway-pool"),
            ("pool", "vnetSubnetID", f"{SUB}/virtualNetworks/vnet1/subnets/other", "import-several-node-subnets"),
        ],
    )
    def test_finding(self, where: str, key: str, value: object, code: str) -> None:
        """Each unmodelled field gives its finding."""
        body = copy.deepcopy(ARM_OVERLAY)
        target = body["properties"] if where == "properties" else body["properties"]["agentPoolProfiles"][1]
        target[key] = value
        assert code in {f.code for f in plan_imported(import_cluster(body)).findings}

    def test_upgrade_settings_are_planned(self) -> None:
        """maxUnavailable, upgradeStrategy and mode become the pool's own settings (facts.ROLLING_UPGRADE_URL).

        Hand-worked, Overlay (one node-subnet IP per node): the system pool 3 + surge 1 = 4; the apps pool
        at max count 20 upgrading blue-green doubles to 40: 44 nodes during an upgrade, 23 at create time.
        """
        body = copy.deepcopy(ARM_OVERLAY)
        apps = body["properties"]["agentPoolProfiles"][1]
        apps |= {"upgradeStrategy": "BlueGreen", "upgradeSettings": {"maxSurge": "0", "maxUnavailable": "2"}}
        spec = import_cluster(body).spec
        assert (spec.pools[1].upgrade_strategy, str(spec.pools[1].max_unavailable)) == ("bluegreen", "2")
        assert [spec.is_system(i) for i in range(2)] == [True, False]
        result = plan_imported(import_cluster(body))
        assert result.node_subnet.ips_required == 44
        assert "blue-green-max-unavailable" in {f.code for f in result.errors}  # blue-green has no in-place step
        created = plan_imported(replace(import_cluster(body), spec=replace(spec, moment="create")))
        assert created.node_subnet.ips_required == 23

    def test_max_unavailable_on_a_system_pool_is_an_error(self) -> None:
        """AKS refuses max unavailable on system pools (ROLLING_UPGRADE_URL): the plan says so."""
        body = copy.deepcopy(ARM_OVERLAY)
        body["properties"]["agentPoolProfiles"][0]["upgradeSettings"] = {"maxSurge": "0", "maxUnavailable": "1"}
        result = plan_imported(import_cluster(body))
        assert [f.code for f in result.errors] == ["max-unavailable-system-pool"]

    def test_bad_max_unavailable_names_the_field(self) -> None:
        """A max unavailable that is no count or percentage is refused, quoting the value."""
        body = copy.deepcopy(ARM_OVERLAY)
        body["properties"]["agentPoolProfiles"][1]["upgradeSettings"] = {"maxUnavailable": "two"}
        with pytest.raises(SpecError, match=r"agentPoolProfiles\[1\]\.upgradeSettings\.maxUnavailable must be .*'two'"):
            import_cluster(body)

    def test_max_surge_zero_plans_no_surge(self) -> None:
        """maxSurge 0 with maxUnavailable 1 plans no surge nodes for that pool."""
        body = copy.deepcopy(ARM_OVERLAY)
        body["properties"]["agentPoolProfiles"][1]["upgradeSettings"] = {"maxSurge": "0", "maxUnavailable": "1"}
        assert import_cluster(body).spec.pools[1].planned_nodes == 20

    def test_no_plugin_is_said(self) -> None:
        """A missing networkPlugin is planned as overlay, and said."""
        body = copy.deepcopy(ARM_OVERLAY)
        del body["properties"]["networkProfile"]
        imported = import_cluster(body)
        assert imported.spec.model.value == "overlay"
        assert [f.code for f in imported.findings] == ["import-no-plugin"]


def _err(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str | bytes, *flags: str) -> str:
    path = tmp_path / "bad.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    code = main(["import", str(path), *flags])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "Traceback" not in err
    return err


class TestHostile:
    """Unusable input: exit 2, one line naming the JSON path, no traceback."""

    def test_truncated_json(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Half a document is not valid JSON."""
        assert "is not valid JSON" in _err(capsys, tmp_path, json.dumps(AZ_SHOW)[:300])

    @pytest.mark.parametrize(
        ("pool", "key", "value", "path"),
        [
            (1, "maxPods", "30", "agentPoolProfiles[1].maxPods"),
            (0, "count", -1, "agentPoolProfiles[0].count"),
            (0, "count", True, "agentPoolProfiles[0].count"),
            (2, "osType", "Plan9", "agentPoolProfiles[2].osType"),
            (0, "enableAutoScaling", "yes", "agentPoolProfiles[0].enableAutoScaling"),
            (0, "upgradeSettings", "33%", "agentPoolProfiles[0].upgradeSettings"),
            (0, "podIpAllocationMode", "Sometimes", "agentPoolProfiles[0].podIpAllocationMode"),
        ],
    )
    def test_wrong_pool_field(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, pool: int, key: str, value: object, path: str
    ) -> None:
        """The message starts with the bad field's path."""
        doc = copy.deepcopy(AZ_SHOW)
        doc["agentPoolProfiles"][pool][key] = value
        assert f"akskit: error: {path}" in _err(capsys, tmp_path, json.dumps(doc))

    @pytest.mark.parametrize(
        ("key", "value"), [("networkPlugin", "calico"), ("networkPluginMode", "underlay"), ("networkDataplane", "ebpf")]
    )
    def test_unknown_plugin_values(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, value: str
    ) -> None:
        """An unknown plugin, mode or data plane is named with the values akskit plans."""
        doc = copy.deepcopy(ARM_OVERLAY)
        doc["properties"]["networkProfile"][key] = value
        err = _err(capsys, tmp_path, json.dumps(doc))
        assert f"properties.networkProfile.{key} '{value}' is not a value akskit plans" in err

    def test_bad_cidr(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A malformed service CIDR is refused (the planner's CIDR rules)."""
        doc = copy.deepcopy(AZ_SHOW)
        doc["networkProfile"]["serviceCidr"] = "10.0.0.1/16"
        assert "host bits set" in _err(capsys, tmp_path, json.dumps(doc))

    def test_ten_megabytes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A 10 MB file is refused by its size, before parsing."""
        text = json.dumps({**AZ_SHOW, "padding": "x" * (10 * 1024 * 1024)})
        assert f"over the {IMPORT_MAX_BYTES:,}-byte limit" in _err(capsys, tmp_path, text)

    def test_nesting_bomb(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Deep nesting is refused before json sees it."""
        assert "nests 100,000 deep" in _err(capsys, tmp_path, "[" * 100_000)

    @pytest.mark.parametrize(
        ("doc", "says"),
        [
            ({"hello": "world"}, "not a cluster akskit recognises"),
            ([{"name": "nodepool1"}], "goes with --pools"),
            (42, "not a cluster akskit recognises"),
            ({"agentPoolProfiles": []}, "agentPoolProfiles must be a non-empty list"),
            ({"agentPoolProfiles": [{"count": 3}]}, "agentPoolProfiles[0].name must be"),
        ],
    )
    def test_not_a_cluster(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: object, says: str) -> None:
        """Valid JSON that is no cluster says which outputs to give."""
        assert says in _err(capsys, tmp_path, json.dumps(doc))

    def test_not_utf8_and_missing(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Bytes that are not UTF-8, and a file that is not there."""
        assert "not UTF-8" in _err(capsys, tmp_path, b"\xff\xfe{")
        assert main(["import", str(tmp_path / "nope.json")]) == 2
        assert "cannot be read" in capsys.readouterr().err

    def test_escapes_quoted(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A terminal escape in a bad value stays escaped on its one line."""
        doc = copy.deepcopy(AZ_SHOW)
        doc["networkProfile"]["networkPlugin"] = "\x1b[31mred\n"
        assert "\x1b" not in _err(capsys, tmp_path, json.dumps(doc))


def test_hundred_pools() -> None:
    """A 100-pool cluster (AKS's most, facts.MAX_POOLS_PER_CLUSTER) imports whole: every pool planned, in order.

    Its speed (under 50 ms) is measured by benchmarks/bench.py, never by a timed test.
    """
    doc = copy.deepcopy(AZ_SHOW)
    doc["agentPoolProfiles"] = [
        {**AZ_SHOW["agentPoolProfiles"][1], "name": f"pool{i}", "mode": "System" if i == 0 else "User"}
        for i in range(100)
    ]
    result = plan_imported(import_cluster(doc))
    assert [p.name for p in result.pools] == [f"pool{i}" for i in range(100)]
    assert result.node_subnet.ips_required == 100 * 4 * 31  # each: 3 nodes + surge 1, x (30 + 1)


class TestMomentAndExport:
    """--moment create sizes as AKS does at creation; --to prints the imported cluster as a document."""

    def test_create_time_drops_the_surge(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """AZ_SHOW at create: system 3 x 31 + user 10 x 51 + win1 2 x 31 = 665 (no surge), 931 at upgrade."""
        code, out, _ = _run(capsys, tmp_path, AZ_SHOW, "--moment", "create", "--format", "json")
        data = json.loads(out)
        assert (code, data["moment"], data["node_subnet"]["ips_required"]) == (0, "create", 665)

    @pytest.mark.parametrize("to", ["az", "arm", "bicep", "terraform"])
    def test_export_from_an_import(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, to: str) -> None:
        """The imported cluster exported: the same pools and figures as exporting its spec."""
        code, out, err = _run(capsys, tmp_path, AZ_SHOW, "--to", to)
        assert (code, err) == (0, "")
        assert out.rstrip("\n") == export(import_cluster(AZ_SHOW).spec, to).rstrip("\n")
        assert f"planned nodes: {AZ_SHOW_NODES}" in out

    def test_export_names_what_it_cannot_carry(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An import finding (here dual-stack) goes to standard error: nothing dropped silently."""
        doc = copy.deepcopy(AZ_SHOW)
        doc["networkProfile"]["ipFamilies"] = ["IPv4", "IPv6"]
        code, out, err = _run(capsys, tmp_path, doc, "--to", "arm")
        assert code == 0
        assert err.startswith("akskit: import warning: networkProfile.ipFamilies")
        assert json.loads(out)["resources"]


#: az network vnet show -o json (https://learn.microsoft.com/en-us/cli/azure/network/vnet#az-network-vnet-show):
#: addressSpace.addressPrefixes and subnets[] each with id and addressPrefix; cut to those fields.
VNET_SHOW: dict[str, Any] = {
    "id": f"{SUB}/virtualNetworks/vnet1",
    "name": "vnet1",
    "type": "Microsoft.Network/virtualNetworks",
    "addressSpace": {"addressPrefixes": ["10.224.0.0/12", "fd00:db8::/48"]},
    "subnets": [
        {"id": NODE_SUBNET_ID, "name": "nodes", "addressPrefix": "10.224.0.0/22"},
        {"id": f"{SUB}/virtualNetworks/vnet1/subnets/db", "name": "db", "addressPrefix": "10.225.0.0/24"},
    ],
}


class TestNetworkFiles:
    """--network: the CIDRs behind the subnet resource IDs."""

    def test_vnet_show_gives_the_node_subnet_vnet_and_peers(self) -> None:
        """The node subnet is found by ID (any case), its VNet prefix is the VNet, the rest are peers."""
        vnet = copy.deepcopy(VNET_SHOW)
        vnet["subnets"][0]["id"] = NODE_SUBNET_ID.upper()
        spec = import_cluster(AZ_SHOW, networks=[("vnet.json", vnet)]).spec
        assert (str(spec.node_subnet), str(spec.vnet)) == ("10.224.0.0/22", "10.224.0.0/12")
        assert [str(p) for p in spec.peers] == ["10.225.0.0/24"]
        assert plan_imported(import_cluster(AZ_SHOW, networks=[("v", vnet)])).node_subnet.fits is True

    def test_subnet_show_and_flag_wins(self) -> None:
        """az network vnet subnet show alone works; --subnet wins over a network file."""
        subnet = {"id": NODE_SUBNET_ID, "name": "nodes", "addressPrefixes": ["10.224.0.0/23"]}
        assert str(import_cluster(AZ_SHOW, networks=[("s", subnet)]).spec.node_subnet) == "10.224.0.0/23"
        given = import_cluster(AZ_SHOW, node_subnet="10.224.0.0/21", networks=[("s", subnet)])
        assert str(given.spec.node_subnet) == "10.224.0.0/21"

    def test_cli(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--network FILE on the command line: the /22 from the VNet file fits."""
        vnet = tmp_path / "vnet.json"
        vnet.write_text(json.dumps(VNET_SHOW), encoding="utf-8")
        code, out, _ = _run(capsys, tmp_path, AZ_SHOW, "--network", str(vnet), "--format", "json")
        assert code == 0
        assert json.loads(out)["node_subnet"]["cidr"] == "10.224.0.0/22"

    @pytest.mark.parametrize(
        ("doc", "says"),
        [
            ({"hello": 1}, "is not az network vnet show or az network vnet subnet show output"),
            ({"subnets": [{"id": "x", "addressPrefix": 24}]}, ".subnets[0].addressPrefix(es)[0] must be a CIDR"),
            ({"subnets": "nodes"}, ".subnets must be a list"),
            ({"addressSpace": {"addressPrefixes": ["10.0.0.1/8"]}}, "host bits set"),
        ],
    )
    def test_bad_network_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: object, says: str) -> None:
        """A bad network file is exit 2 naming the file and the path."""
        net = tmp_path / "net.json"
        net.write_text(json.dumps(doc), encoding="utf-8")
        cluster = tmp_path / "c.json"
        cluster.write_text(json.dumps(AZ_SHOW), encoding="utf-8")
        assert main(["import", str(cluster), "--network", str(net)]) == 2
        err = capsys.readouterr().err
        assert f"--network '{net}'" in err
        assert says in err
