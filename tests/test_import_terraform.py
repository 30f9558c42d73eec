"""``akskit import`` of ``terraform show -json`` (plan and state) with azurerm AKS resources.

Fixtures are written here from documented shapes:

- the JSON output format of ``terraform show -json``
  (https://developer.hashicorp.com/terraform/internals/json-format): a state's
  ``values.root_module``, a plan's ``planned_values.root_module``, ``child_modules`` with their
  ``address``, ``resource_changes[].change.after_unknown``, and ``configuration`` with
  ``module_calls`` and each resource's ``expressions.<arg>.references``; nested blocks are lists;
- the azurerm provider's argument names (hashicorp/terraform-provider-azurerm,
  website/docs/r/kubernetes_cluster.html.markdown and kubernetes_cluster_node_pool.html.markdown):
  ``default_node_pool`` (the System pool), ``auto_scaling_enabled`` (4.x; ``enable_auto_scaling``
  in 3.x), ``node_count``, ``min_count``, ``max_count``, ``max_pods``, ``os_type``, ``mode``,
  ``vnet_subnet_id``, ``pod_subnet_id``, ``upgrade_settings.max_surge``,
  ``network_profile.network_plugin`` / ``network_plugin_mode`` / ``network_data_plane`` (3.x
  ``ebpf_data_plane``) / ``pod_cidr`` / ``service_cidr`` / ``dns_service_ip`` / ``ip_versions``,
  ``api_server_access_profile.virtual_network_integration_enabled``,
  ``aci_connector_linux.subnet_name``; ``upgrade_settings.max_unavailable`` on node pools from
  provider PR https://github.com/hashicorp/terraform-provider-azurerm/pull/30563.

Golden numbers are worked by hand from Microsoft's formulas (IP_PLANNING_URL: Azure CNI node
subnet = nodes x (max pods + 1), nodes counting the autoscaler maximum and upgrade surge, surge
percentages rounded up; OVERLAY_URL: one node-subnet IP and one /24 of the pod CIDR per node).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from akskit.cli import main
from akskit.engine.cluster_import import IMPORT_MAX_BYTES, SOURCES, import_cluster, plan_imported
from akskit.engine.cluster_import_terraform import UNKNOWN_ID, terraform_cluster
from akskit.engine.errors import SpecError

RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers"
CLUSTER_ID = f"{RG}/Microsoft.ContainerService/managedClusters/aks1"
NODE_SUBNET_ID = f"{RG}/Microsoft.Network/virtualNetworks/vnet1/subnets/nodes"


def _res(kind: str, name: str, values: dict[str, Any], module: str = "") -> dict[str, Any]:
    address = f"{module + '.' if module else ''}{kind}.{name}"
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/azurerm",
        "schema_version": 2,
        "values": values,
        "sensitive_values": {},
    }


#: terraform show -json of a state (azurerm 4.x): an Azure CNI (node subnet) cluster with a
#: System default pool, a Linux user pool with the autoscaler, and a Windows pool.
STATE: dict[str, Any] = {
    "format_version": "1.0",
    "terraform_version": "1.9.5",
    "values": {
        "root_module": {
            "resources": [
                _res("azurerm_resource_group", "rg", {"name": "rg1", "location": "westeurope"}),
                _res("azurerm_subnet", "nodes", {"id": NODE_SUBNET_ID, "address_prefixes": ["10.224.0.0/22"]}),
                _res(
                    "azurerm_kubernetes_cluster",
                    "main",
                    {
                        "id": CLUSTER_ID,
                        "name": "aks1",
                        "dns_prefix": "aks1",
                        "default_node_pool": [
                            {
                                "name": "system",
                                "node_count": 3,
                                "auto_scaling_enabled": False,
                                "min_count": None,
                                "max_count": None,
                                "max_pods": 30,
                                "vm_size": "Standard_D4s_v5",
                                "vnet_subnet_id": NODE_SUBNET_ID,
                                "pod_subnet_id": None,
                                "upgrade_settings": [{"max_surge": "1", "drain_timeout_in_minutes": 0}],
                            }
                        ],
                        "network_profile": [
                            {
                                "network_plugin": "azure",
                                "network_plugin_mode": None,
                                "network_data_plane": "azure",
                                "network_policy": "azure",
                                "pod_cidr": None,
                                "pod_cidrs": [],
                                "service_cidr": "10.0.0.0/16",
                                "service_cidrs": ["10.0.0.0/16"],
                                "dns_service_ip": "10.0.0.10",
                                "ip_versions": ["IPv4"],
                                "load_balancer_sku": "standard",
                                "outbound_type": "loadBalancer",
                            }
                        ],
                        "api_server_access_profile": [],
                        "aci_connector_linux": [],
                    },
                ),
                _res(
                    "azurerm_kubernetes_cluster_node_pool",
                    "user",
                    {
                        "name": "user",
                        "kubernetes_cluster_id": CLUSTER_ID,
                        "auto_scaling_enabled": True,
                        "node_count": 5,
                        "min_count": 3,
                        "max_count": 10,
                        "max_pods": 50,
                        "mode": "User",
                        "os_type": "Linux",
                        "vnet_subnet_id": NODE_SUBNET_ID,
                        "upgrade_settings": [{"max_surge": "33%"}],
                    },
                ),
                _res(
                    "azurerm_kubernetes_cluster_node_pool",
                    "win",
                    {
                        "name": "win1",
                        "kubernetes_cluster_id": CLUSTER_ID,
                        "auto_scaling_enabled": False,
                        "node_count": 2,
                        "max_pods": 30,
                        "mode": "User",
                        "os_type": "Windows",
                        "vnet_subnet_id": NODE_SUBNET_ID,
                        "upgrade_settings": [{"max_surge": "10%"}],
                    },
                ),
            ]
        }
    },
}
# Hand-worked (IP_PLANNING_URL, Azure CNI node subnet): system 3 + surge 1 = 4 nodes x (30 + 1) = 124;
# user at max_count 10 + ceil(33% of 10) = 4 -> 14 x (50 + 1) = 714; win1 2 + ceil(10% of 2) = 1 -> 3 x 31 = 93.
# 21 nodes, 124 + 714 + 93 = 931 IPs; + Azure's 5 reserved = 936 > 512 -> smallest subnet /22 (1,024).
STATE_IPS, STATE_PREFIX, STATE_NODES = 931, 22, 21
CLUSTER_AT = "values.root_module.resources[2].values"


def _plan_of(state: dict[str, Any]) -> dict[str, Any]:
    """The same resources as a plan that creates them: IDs known only after apply, pools referring to the cluster."""
    resources = copy.deepcopy(state["values"]["root_module"]["resources"])
    changes, config = [], []
    for res in resources:
        values, unknown = res["values"], {"id": True}
        values.pop("id", None)
        if res["type"] == "azurerm_kubernetes_cluster":
            del values["default_node_pool"][0]["vnet_subnet_id"]
            unknown["default_node_pool"] = [{"vnet_subnet_id": True, "upgrade_settings": [{}]}]
        if res["type"] == "azurerm_kubernetes_cluster_node_pool":
            del values["kubernetes_cluster_id"], values["vnet_subnet_id"]
            unknown.update(kubernetes_cluster_id=True, vnet_subnet_id=True)
        changes.append(
            {
                "address": res["address"],
                "mode": "managed",
                "type": res["type"],
                "name": res["name"],
                "change": {"actions": ["create"], "before": None, "after": values, "after_unknown": unknown},
            }
        )
        refs = ["azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main"]
        expressions = {"kubernetes_cluster_id": {"references": refs}} if "node_pool" in res["type"] else {}
        config.append({"address": res["address"], "type": res["type"], "name": res["name"], "expressions": expressions})
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": changes,
        "configuration": {"root_module": {"resources": config}},
    }


#: terraform show -json of a plan (azurerm 3.x names) creating an Azure CNI Overlay + Cilium
#: cluster inside module.aks; the apps pool's node_count and the subnet IDs are known only after apply.
MODULE_PLAN: dict[str, Any] = {
    "format_version": "1.2",
    "terraform_version": "1.5.7",
    "planned_values": {
        "root_module": {
            "child_modules": [
                {
                    "address": "module.aks",
                    "resources": [
                        _res(
                            "azurerm_kubernetes_cluster",
                            "this",
                            {
                                "name": "aks2",
                                "default_node_pool": [
                                    {
                                        "name": "system",
                                        "node_count": 3,
                                        "enable_auto_scaling": False,
                                        "max_pods": 110,
                                        "upgrade_settings": [{"max_surge": "1"}],
                                    }
                                ],
                                "network_profile": [
                                    {
                                        "network_plugin": "azure",
                                        "network_plugin_mode": "overlay",
                                        "ebpf_data_plane": "cilium",
                                        "pod_cidr": "192.168.0.0/16",
                                        "service_cidr": "10.0.0.0/16",
                                        "dns_service_ip": "10.0.0.10",
                                    }
                                ],
                            },
                            "module.aks",
                        ),
                        _res(
                            "azurerm_kubernetes_cluster_node_pool",
                            "apps",
                            {
                                "name": "apps",
                                "enable_auto_scaling": True,
                                "min_count": 2,
                                "max_count": 20,
                                "max_pods": 250,
                                "mode": "User",
                                "os_type": "Linux",
                                "upgrade_settings": [{"max_surge": "10%"}],
                            },
                            "module.aks",
                        ),
                    ],
                }
            ]
        }
    },
    "resource_changes": [
        {
            "address": "module.aks.azurerm_kubernetes_cluster.this",
            "module_address": "module.aks",
            "change": {
                "actions": ["create"],
                "after_unknown": {"id": True, "default_node_pool": [{"vnet_subnet_id": True}]},
            },
        },
        {
            "address": "module.aks.azurerm_kubernetes_cluster_node_pool.apps",
            "module_address": "module.aks",
            "change": {
                "actions": ["create"],
                "after_unknown": {
                    "id": True,
                    "kubernetes_cluster_id": True,
                    "node_count": True,
                    "vnet_subnet_id": True,
                },
            },
        },
    ],
    "configuration": {
        "root_module": {
            "module_calls": {
                "aks": {
                    "source": "./modules/aks",
                    "module": {
                        "resources": [
                            {"address": "azurerm_kubernetes_cluster.this", "type": "azurerm_kubernetes_cluster"},
                            {
                                "address": "azurerm_kubernetes_cluster_node_pool.apps",
                                "type": "azurerm_kubernetes_cluster_node_pool",
                                "expressions": {
                                    "kubernetes_cluster_id": {
                                        "references": [
                                            "azurerm_kubernetes_cluster.this.id",
                                            "azurerm_kubernetes_cluster.this",
                                        ]
                                    }
                                },
                            },
                        ]
                    },
                }
            }
        }
    },
}
# Hand-worked (OVERLAY_URL): system 3 + surge 1 = 4 nodes; apps at max_count 20 + ceil(10% of 20) = 2 -> 22.
# 26 nodes: 26 node-subnet IPs (+5 reserved = 31 -> /27), and 26 /24 pod blocks in 192.168.0.0/16 (256 blocks).
MODULE_NODES, MODULE_NODE_IPS, MODULE_PREFIX = 26, 26, 27


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: object, *flags: str) -> tuple[int, str, str]:
    path = tmp_path / "tf.json"
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    code = main(["import", str(path), *flags])
    out, err = capsys.readouterr()
    return code, out, err


def _err(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: object, *flags: str) -> str:
    code, out, err = _run(capsys, tmp_path, doc, *flags)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    return err


def _codes(doc: object, **kw: Any) -> dict[str, str]:
    """Each finding code and its messages (joined by " | " when a code occurs more than once)."""
    out: dict[str, str] = {}
    for f in plan_imported(import_cluster(doc, **kw)).findings:
        out[f.code] = f"{out[f.code]} | {f.message}" if f.code in out else f.message
    return out


class TestState:
    """A state: every value known; pools join the cluster by its ID."""

    def test_recognised_and_named(self) -> None:
        """The format is recognised by content and named as terraform show -json."""
        imported = import_cluster(STATE)
        assert imported.source == "terraform"
        assert SOURCES["terraform"] == "terraform show -json"
        assert imported.node_subnet_id == NODE_SUBNET_ID

    def test_pools(self) -> None:
        """default_node_pool is the System pool; max_count counts only with the autoscaler; os_type and surge land."""
        system, user, win = import_cluster(STATE).spec.pools
        assert (system.name, system.nodes, system.max_count, system.max_pods, str(system.surge)) == (
            "system",
            3,
            None,
            30,
            "1",
        )
        assert (user.nodes, user.max_count, user.max_pods, str(user.surge)) == (5, 10, 50, "33%")
        assert (win.name, win.os, win.nodes, str(win.surge)) == ("win1", "windows", 2, "10%")
        assert import_cluster(STATE).spec.model.value == "azure-cni"

    def test_golden_plan(self) -> None:
        """The plan's node-subnet figure is the hand-worked one."""
        result = plan_imported(import_cluster(STATE, node_subnet="10.224.0.0/22"))
        assert result.planned_nodes == STATE_NODES
        assert result.node_subnet.ips_required == STATE_IPS
        assert result.node_subnet.smallest_prefix == STATE_PREFIX
        assert result.node_subnet.fits is True

    def test_cli(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Table under a line naming the format; /22 fits (0), /23 does not (1); JSON has source."""
        code, out, err = _run(capsys, tmp_path, STATE, "--subnet", "10.224.0.0/22")
        assert (code, err) == (0, "")
        assert out.startswith("Imported from terraform show -json")
        assert f"{STATE_IPS:,} IPs needed" in out
        assert _run(capsys, tmp_path, STATE, "--subnet", "10.224.0.0/23")[0] == 1
        code, out, _ = _run(capsys, tmp_path, STATE, "--format", "json")
        data = json.loads(out)
        assert (code, data["source"], data["node_subnet"]["ips_required"]) == (0, "terraform", STATE_IPS)

    def test_pool_of_another_cluster_is_left_out(self) -> None:
        """A node pool whose kubernetes_cluster_id names another cluster is not planned."""
        doc = copy.deepcopy(STATE)
        doc["values"]["root_module"]["resources"][4]["values"]["kubernetes_cluster_id"] = CLUSTER_ID + "-other"
        assert [p.name for p in import_cluster(doc).spec.pools] == ["system", "user"]

    def test_three_x_names(self) -> None:
        """enable_auto_scaling (3.x) reads like auto_scaling_enabled (4.x)."""
        doc = copy.deepcopy(STATE)
        pool = doc["values"]["root_module"]["resources"][3]["values"]
        pool["enable_auto_scaling"] = pool.pop("auto_scaling_enabled")
        assert import_cluster(doc).spec.pools[1].max_count == 10


class TestPlan:
    """A plan: IDs known only after apply; pools join the cluster through configuration references."""

    def test_plan_form_plans_like_the_state(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The same cluster as a plan gives the state's numbers, and says the subnet ID comes after apply."""
        plan_doc = _plan_of(STATE)
        imported = import_cluster(plan_doc, node_subnet="10.224.0.0/22")
        assert [p.name for p in imported.spec.pools] == ["system", "user", "win1"]
        assert plan_imported(imported).node_subnet.ips_required == STATE_IPS
        assert imported.node_subnet_id == UNKNOWN_ID
        code, out, _ = _run(capsys, tmp_path, plan_doc)
        assert code == 0
        assert "node subnet ID is known only after apply: give its CIDR with --subnet" in out.splitlines()[0]

    def test_module_nested_overlay_golden(self) -> None:
        """A cluster in module.aks, 3.x names (enable_auto_scaling, ebpf_data_plane): the hand-worked overlay plan."""
        imported = import_cluster(MODULE_PLAN, node_subnet="10.224.0.0/27")
        assert (imported.spec.model.value, imported.spec.dataplane.value) == ("overlay", "cilium")
        assert [p.name for p in imported.spec.pools] == ["system", "apps"]
        result = plan_imported(imported)
        assert result.planned_nodes == MODULE_NODES
        assert result.node_subnet.ips_required == MODULE_NODE_IPS
        assert result.node_subnet.smallest_prefix == MODULE_PREFIX
        assert result.pod_cidr is not None
        assert result.pod_cidr.blocks_required == MODULE_NODES
        assert [f.code for f in imported.findings] == []  # unknown node_count with the autoscaler: max_count counts

    def test_without_configuration_one_cluster_takes_the_pools(self) -> None:
        """With no configuration to follow, the only cluster in the plan takes the node pools."""
        doc = copy.deepcopy(MODULE_PLAN)
        del doc["configuration"]
        assert [p.name for p in import_cluster(doc).spec.pools] == ["system", "apps"]


class TestUnknowns:
    """A value known only after apply that changes the IP answer is a warning, never a crash."""

    @pytest.mark.parametrize(
        ("key", "planned"),
        [
            ("max_pods", "plans the network model's default"),
            ("max_count", "plans node_count (0)"),
            ("auto_scaling_enabled", "plans its max_count"),
        ],
    )
    def test_pool_value(self, key: str, planned: str) -> None:
        """The finding names the Terraform path and what akskit assumed."""
        doc = copy.deepcopy(MODULE_PLAN)
        pool = doc["planned_values"]["root_module"]["child_modules"][0]["resources"][1]["values"]
        if key != "auto_scaling_enabled":
            del pool[key]
        doc["resource_changes"][1]["change"]["after_unknown"][key] = True
        message = _codes(doc)["import-unknown-value"]
        path = f"planned_values.root_module.child_modules[0].resources[1].values.{key}"
        assert f"{path} is known only after apply" in message
        assert planned in message

    def test_node_count_without_autoscaler(self) -> None:
        """An unknown node_count on a fixed-size pool counts no nodes, and says so."""
        doc = copy.deepcopy(MODULE_PLAN)
        del doc["planned_values"]["root_module"]["child_modules"][0]["resources"][0]["values"]["default_node_pool"][0][
            "node_count"
        ]
        doc["resource_changes"][0]["change"]["after_unknown"]["default_node_pool"][0]["node_count"] = True
        message = _codes(doc)["import-unknown-value"]
        assert "default_node_pool[0].node_count is known only after apply" in message

    def test_network_profile_unknown(self) -> None:
        """A network_profile known only after apply is planned as the provider's default, kubenet, with a warning."""
        doc = copy.deepcopy(MODULE_PLAN)
        del doc["planned_values"]["root_module"]["child_modules"][0]["resources"][0]["values"]["network_profile"]
        doc["resource_changes"][0]["change"]["after_unknown"]["network_profile"] = True
        imported = import_cluster(doc)
        assert imported.spec.model.value == "kubenet"
        assert {f.code: f.severity.value for f in imported.findings}["import-no-plugin"] == "warning"


def _two_clusters() -> dict[str, Any]:
    doc = copy.deepcopy(STATE)
    second = copy.deepcopy(doc["values"]["root_module"]["resources"][2])
    second.update(address="azurerm_kubernetes_cluster.dev", name="dev")
    second["values"].update(id=CLUSTER_ID + "dev", name="aksdev")
    second["values"]["default_node_pool"][0]["node_count"] = 1
    doc["values"]["root_module"]["resources"].append(second)
    return doc


class TestSeveralClusters:
    """Several clusters: the first is planned, a warning names the others, --cluster picks one."""

    def test_first_planned_others_named(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The warning names the cluster not planned and the flag to plan it."""
        message = _codes(_two_clusters())["import-several-clusters"]
        assert "planned azurerm_kubernetes_cluster.main" in message
        assert "not planned: azurerm_kubernetes_cluster.dev" in message
        assert "--cluster ADDRESS" in message

    def test_cluster_flag(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--cluster plans the named cluster (its own pools only); a wrong address is exit 2 listing the right ones."""
        code, out, _ = _run(capsys, tmp_path, _two_clusters(), "--cluster", "azurerm_kubernetes_cluster.dev")
        assert "import-several-clusters" in out
        assert "not planned: azurerm_kubernetes_cluster.main" in out
        data = json.loads(
            _run(capsys, tmp_path, _two_clusters(), "--format", "json", "--cluster", "azurerm_kubernetes_cluster.dev")[
                1
            ]
        )
        assert code == 0
        assert [p["name"] for p in data["pools"]] == ["system"]
        err = _err(capsys, tmp_path, _two_clusters(), "--cluster", "azurerm_kubernetes_cluster.prod")
        assert "--cluster 'azurerm_kubernetes_cluster.prod' is not in the terraform document" in err
        assert "azurerm_kubernetes_cluster.main, azurerm_kubernetes_cluster.dev" in err
        assert "terraform document only" in _err(
            capsys, tmp_path, {"agentPoolProfiles": [{"name": "a"}]}, "--cluster", "x"
        )

    def test_unplaceable_pool(self) -> None:
        """In a plan with two clusters, a pool whose cluster cannot be told is a warning, not a guess."""
        doc = _plan_of(_two_clusters())
        del doc["configuration"]
        message = _codes(doc)["import-pool-unplaced"]
        assert message.startswith("azurerm_kubernetes_cluster_node_pool.user: the plan does not say which cluster")
        assert "azurerm_kubernetes_cluster_node_pool.win:" in message


class TestNotDroppedSilently:
    """Terraform arguments akskit does not plan but that change the IP answer become findings."""

    @pytest.mark.parametrize(
        ("block", "value", "code"),
        [
            ("network_profile", {"network_plugin": "kubenet", "ip_versions": ["IPv4", "IPv6"]}, "import-dual-stack"),
            (
                "api_server_access_profile",
                {"virtual_network_integration_enabled": True},
                "import-api-server-vnet-integration",
            ),
            ("aci_connector_linux", {"subnet_name": "virtual-nodes"}, "import-virtual-nodes"),
        ],
    )
    def test_cluster_block(self, block: str, value: dict[str, Any], code: str) -> None:
        """Each block gives its finding."""
        doc = copy.deepcopy(STATE)
        doc["values"]["root_module"]["resources"][2]["values"][block] = [value]
        assert code in _codes(doc)

    def test_max_unavailable_reaches_the_pool(self) -> None:
        """upgrade_settings.max_unavailable (PR 30563) is handed on as maxUnavailable."""
        doc = copy.deepcopy(STATE)
        doc["values"]["root_module"]["resources"][3]["values"]["upgrade_settings"] = [
            {"max_surge": "0", "max_unavailable": "1"}
        ]
        props, _ = terraform_cluster(doc)
        assert props["agentPoolProfiles"][1]["upgradeSettings"] == {"maxSurge": "0", "maxUnavailable": "1"}

    def test_dual_stack_pod_cidrs(self) -> None:
        """pod_cidrs with an IPv6 entry: the IPv4 one is planned."""
        doc = copy.deepcopy(STATE)
        doc["values"]["root_module"]["resources"][2]["values"]["network_profile"] = [
            {"network_plugin": "kubenet", "pod_cidrs": ["10.244.0.0/16", "fd11:1234::/64"]}
        ]
        assert str(import_cluster(doc).spec.pod_cidr) == "10.244.0.0/16"


def _set(path: str, value: object) -> dict[str, Any]:
    """STATE with the cluster (``c``), the user pool (``u``) or the root (``r``) changed at a dotted path."""
    doc = copy.deepcopy(STATE)
    root = doc["values"]["root_module"]
    target: Any = {"c": root["resources"][2]["values"], "u": root["resources"][3]["values"], "r": root}[path[0]]
    keys = [int(k) if k.isdigit() else k for k in path[2:].split(".")]
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value
    return doc


class TestHostile:
    """Broken, hostile or foreign input: exit 2 with one line naming the Terraform path."""

    def test_truncated(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Truncated JSON is refused with the parser's position."""
        text = json.dumps(STATE)
        assert "is not valid JSON" in _err(capsys, tmp_path, text[: len(text) // 2])

    @pytest.mark.parametrize(
        ("path", "value", "says"),
        [
            ("c.default_node_pool.0.max_pods", "30", f"{CLUSTER_AT}.default_node_pool[0].max_pods must be a whole"),
            ("c.default_node_pool", {"name": "system"}, f"{CLUSTER_AT}.default_node_pool must be a list of one object"),
            ("c.network_profile.0.network_plugin", 5, f"{CLUSTER_AT}.network_profile[0].network_plugin must be text"),
            ("u.upgrade_settings.0.max_surge", True, "resources[3].values.upgrade_settings[0].max_surge must be text"),
            ("u.auto_scaling_enabled", "yes", "resources[3].values.auto_scaling_enabled must be true or false"),
            ("u.kubernetes_cluster_id", 7, "resources[3].values.kubernetes_cluster_id must be the cluster's"),
            ("c.network_profile.0.ip_versions", [4], "network_profile[0].ip_versions must be a list such as"),
            ("r.child_modules", "module.aks", "values.root_module.child_modules must be a list"),
            ("r.resources", [1], "values.root_module.resources[0] must be an object"),
            ("u.max_count", None, "resources[3].values.max_count must be the autoscaler maximum"),
        ],
    )
    def test_wrong_types(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str, value: object, says: str
    ) -> None:
        """The message starts from the Terraform path of the bad value."""
        assert says in _err(capsys, tmp_path, _set(path, value))

    @pytest.mark.parametrize(
        ("path", "value", "says"),
        [
            ("c.network_profile.0.network_plugin", "flannel", "network_plugin 'flannel' is not a value akskit plans"),
            ("c.network_profile.0.network_plugin_mode", "bridge", "network_plugin_mode 'bridge'"),
            ("c.network_profile.0.network_data_plane", "calico", "network_data_plane 'calico'"),
            ("u.os_type", "FreeBSD", "os_type 'FreeBSD' is not a value akskit plans: use Linux, Windows"),
            ("u.mode", "Gateway", "mode 'Gateway' is not a value akskit plans: use System, User"),
        ],
    )
    def test_unknown_values(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str, value: object, says: str
    ) -> None:
        """A value the provider does not document is refused, naming the choices."""
        assert says in _err(capsys, tmp_path, _set(path, value))

    @pytest.mark.parametrize(
        "doc",
        [
            {"format_version": "1.0", "terraform_version": "1.9.5"},  # an empty state
            {"values": {"root_module": {"resources": [STATE["values"]["root_module"]["resources"][0]]}}},
        ],
    )
    def test_no_cluster(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: object) -> None:
        """A plan or state with no azurerm_kubernetes_cluster says so."""
        assert "holds no azurerm_kubernetes_cluster resource" in _err(capsys, tmp_path, doc)

    def test_pools_flag_refused(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--pools goes with az aks show, not with a terraform document."""
        pools = tmp_path / "pools.json"
        pools.write_text("[]", encoding="utf-8")
        assert "lists its node pools itself" in _err(capsys, tmp_path, STATE, "--pools", str(pools))

    def test_ten_megabytes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A 10 MB plan is refused by its size, before parsing."""
        doc = {**STATE, "padding": "x" * (10 * 1024 * 1024)}
        assert f"over the {IMPORT_MAX_BYTES:,}-byte limit" in _err(capsys, tmp_path, doc)

    def test_deep_modules(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Modules nested past the JSON depth limit are refused; 20 deep is read (the walk is iterative)."""

        def nest(depth: int) -> dict[str, Any]:
            module: dict[str, Any] = {"resources": copy.deepcopy(STATE["values"]["root_module"]["resources"])}
            for i in range(depth):
                module = {"address": f"module.m{i}", "child_modules": [module]}
            return {"values": {"root_module": module}}

        assert "deep: over the limit" in _err(capsys, tmp_path, nest(40))
        assert [p.name for p in import_cluster(nest(20)).spec.pools] == ["system", "user", "win1"]

    def test_library_raises_spec_error(self) -> None:
        """import_cluster raises SpecError (a ValueError) naming the path, without chaining."""
        with pytest.raises(SpecError, match=r"default_node_pool\[0\]\.max_pods must be") as info:
            import_cluster(_set("c.default_node_pool.0.max_pods", -1))
        assert info.value.__cause__ is None
