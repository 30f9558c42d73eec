"""``akskit export``: ARM validated against the REST API definitions, Bicep parsed and matched to ARM, Terraform names.

Sources:
- ARM shapes: Azure/azure-rest-api-specs,
  specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-08-01/managedClusters.json
  (info.version 2026-08-01; definitions ManagedClusterAgentPoolProfile, ManagedClusterAgentPoolProfileProperties,
  ContainerServiceNetworkProfile, AgentPoolUpgradeSettings, AgentPoolMode, PodIPAllocationMode, NetworkDataplane).
- Terraform names: hashicorp/terraform-provider-azurerm, website/docs/r/kubernetes_cluster.html.markdown
  (commit 00378cfc2806c8f85c9f09462bfdd05ff8135bc5) and kubernetes_cluster_node_pool.html.markdown
  (commit 006f87e316b3f5bfa59fbd4e2b9ef6fdbb3211e2), Argument Reference sections.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest

from akskit import cluster, pool
from akskit.cli import main
from akskit.engine.cluster_export import arm_template, bicep, export, terraform

_CIDR = r"^([0-9]{1,3}\.){3}[0-9]{1,3}(\/([0-9]|[1-2][0-9]|3[0-2]))?$"  # podCidr / serviceCidr pattern
_IP = r"^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$"
_POOL = {  # ManagedClusterAgentPoolProfile: name pattern + the properties akskit writes (additionalProperties off)
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9]{0,11}$"},
        "count": {"type": "integer"},
        "enableAutoScaling": {"type": "boolean"},
        "minCount": {"type": "integer"},
        "maxCount": {"type": "integer"},
        "maxPods": {"type": "integer"},
        "osType": {"enum": ["Linux", "Windows"]},
        "mode": {"enum": ["System", "User", "Gateway"]},
        "vnetSubnetID": {"type": "string"},
        "podSubnetID": {"type": "string"},
        "podIPAllocationMode": {"enum": ["DynamicIndividual", "StaticBlock"]},
        "upgradeSettings": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"maxSurge": {"type": "string"}, "maxUnavailable": {"type": "string"}},
        },
    },
}
_NETWORK = {  # ContainerServiceNetworkProfile
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "networkPlugin": {"enum": ["azure", "kubenet", "none"]},
        "networkPluginMode": {"enum": ["overlay"]},
        "networkDataplane": {"enum": ["azure", "cilium"]},
        "podCidr": {"type": "string", "pattern": _CIDR},
        "serviceCidr": {"type": "string", "pattern": _CIDR},
        "dnsServiceIP": {"type": "string", "pattern": _IP},
    },
}
_CLUSTER = {  # ManagedCluster (TrackedResource: location required) with ManagedClusterProperties
    "type": "object",
    "required": ["type", "apiVersion", "name", "location", "properties"],
    "properties": {
        "type": {"const": "Microsoft.ContainerService/managedClusters"},
        "apiVersion": {"const": "2026-08-01"},
        "properties": {
            "type": "object",
            "properties": {
                "dnsPrefix": {"type": "string"},
                "agentPoolProfiles": {"type": "array", "items": _POOL, "minItems": 1},
                "networkProfile": _NETWORK,
            },
        },
    },
}
_TEMPLATE = {  # deploymentTemplate.json: the top-level keys akskit writes
    "type": "object",
    "required": ["$schema", "contentVersion", "resources"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "contentVersion": {"type": "string"},
        "metadata": {"type": "object"},
        "parameters": {"type": "object"},
        "resources": {"type": "array", "items": _CLUSTER},
    },
}

_TF_DOCUMENTED = {  # argument names from the azurerm pages cited above (only those akskit may write)
    "azurerm_kubernetes_cluster": {
        "name",
        "location",
        "resource_group_name",
        "dns_prefix",
        "default_node_pool",
        "identity",
        "network_profile",
    },
    "identity": {"type", "identity_ids"},
    "default_node_pool": {
        "name",
        "vm_size",
        "auto_scaling_enabled",
        "max_pods",
        "pod_subnet_id",
        "vnet_subnet_id",
        "max_count",
        "min_count",
        "node_count",
        "upgrade_settings",
    },
    "network_profile": {
        "network_plugin",
        "network_mode",
        "network_policy",
        "dns_service_ip",
        "network_data_plane",
        "network_plugin_mode",
        "outbound_type",
        "pod_cidr",
        "pod_cidrs",
        "service_cidr",
        "service_cidrs",
    },
    "azurerm_kubernetes_cluster_node_pool": {
        "name",
        "kubernetes_cluster_id",
        "vm_size",
        "auto_scaling_enabled",
        "max_pods",
        "mode",
        "os_type",
        "pod_subnet_id",
        "vnet_subnet_id",
        "upgrade_settings",
        "max_count",
        "min_count",
        "node_count",
    },
    "upgrade_settings": {"drain_timeout_in_minutes", "node_soak_duration_in_minutes", "max_surge"},
    "variable": {"type"},
}

SPECS = {
    "overlay": cluster("overlay", [pool("system", 3, max_pods=30, max_surge="33%")], node_subnet="10.224.0.0/24"),
    "multi": cluster(
        "pod-subnet-static",
        [pool("system", 3, max_pods=30), pool("win", 2, max_count=6, max_pods=30, max_surge="33%", os="windows")],
        node_subnet="10.224.0.0/24",
        pod_subnet="10.225.0.0/20",
    ),
    "kubenet": cluster("kubenet", [pool("system", 5)], dataplane=None, service_cidr="172.16.0.0/16"),
    "cilium": cluster("pod-subnet", [pool("system", 3), pool("user", 4, max_count=10)], dataplane="cilium"),
    "none": cluster("none", [pool("system", 2)]),
}


def _bicep_parse(text: str) -> tuple[dict[str, str], dict[str, Any]]:
    """Parse akskit's Bicep subset: params and the one resource body, back to JSON values (idents as parameters)."""
    params = dict(re.findall(r"^param (\w+) (\w+)", text, flags=re.MULTILINE))
    _head, _, body = text.partition("\nresource aks 'Microsoft.ContainerService/managedClusters@2026-08-01' = ")
    assert body, "no managedClusters resource line"
    tokens = re.findall(r"'(?:[^'\\]|\\.)*'|[{}\[\]:]|[\w.()]+|\n", body)
    pos = 0

    def value() -> Any:
        nonlocal pos
        while tokens[pos] == "\n":
            pos += 1
        tok = tokens[pos]
        pos += 1
        if tok == "{":
            out: dict[str, Any] = {}
            while True:
                while tokens[pos] == "\n":
                    pos += 1
                if tokens[pos] == "}":
                    pos += 1
                    return out
                key = tokens[pos]
                assert tokens[pos + 1] == ":", f"expected ':' after {key}"
                pos += 2
                out[key] = value()
        if tok == "[":
            items = []
            while True:
                while tokens[pos] == "\n":
                    pos += 1
                if tokens[pos] == "]":
                    pos += 1
                    return items
                items.append(value())
        if tok.startswith("'"):
            return tok[1:-1].replace("\\'", "'").replace("\\\\", "\\")
        if tok in ("true", "false"):
            return tok == "true"
        if tok.isdigit():
            return int(tok)
        assert tok in params, f"identifier {tok} is not a declared param"
        return f"[parameters('{tok}')]"

    parsed = value()
    assert all(t == "\n" for t in tokens[pos:]), "text after the resource"
    return params, parsed


def _tf_blocks(text: str) -> list[tuple[str, set[str]]]:
    """(block kind, argument names) for every block in akskit's Terraform, nested blocks included; braces balance."""
    stack: list[tuple[str, set[str]]] = []
    done: list[tuple[str, set[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if m := re.fullmatch(r'(resource|variable) "(\w+)"(?: "(\w+)")? \{', line):
            stack.append((m[2] if m[1] == "resource" else "variable", set()))
        elif m := re.fullmatch(r"(\w+) \{", line):
            stack[-1][1].add(m[1])
            stack.append((m[1], set()))
        elif line == "}":
            done.append(stack.pop())
        elif m := re.fullmatch(
            r'(\w+) = (".*"|\d+|true|false|string|var\.\w+|azurerm_kubernetes_cluster\.aks\.id)', line
        ):
            stack[-1][1].add(m[1])
        else:
            pytest.fail(f"not HCL akskit writes: {line!r}")
    assert not stack, "unbalanced braces"
    return done


class TestArm:
    @pytest.mark.parametrize("name", SPECS)
    def test_validates_against_the_rest_definitions(self, name):
        """Each export is a deployment template whose managedClusters resource fits the 2026-08-01 definitions."""
        template = json.loads(arm_template(SPECS[name]))
        jsonschema.validate(template, _TEMPLATE)

    def test_schema_catches_cli_casing(self):
        """The schema refuses the az CLI casing (vnetSubnetId): strict enough for the test above to mean something."""
        template = json.loads(arm_template(SPECS["multi"]))
        pool0 = template["resources"][0]["properties"]["agentPoolProfiles"][0]
        pool0["vnetSubnetId"] = pool0.pop("vnetSubnetID")
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(template, _TEMPLATE)

    def test_multi_pool_fields(self):
        """First pool System, others User; autoscaler min/max; Windows osType; static block mode; surge string."""
        props = json.loads(arm_template(SPECS["multi"]))["resources"][0]["properties"]
        system, win = props["agentPoolProfiles"]
        assert (system["mode"], win["mode"], win["osType"]) == ("System", "User", "Windows")
        assert (win["enableAutoScaling"], win["minCount"], win["maxCount"]) == (True, 2, 6)
        assert win["podIPAllocationMode"] == "StaticBlock"
        assert win["upgradeSettings"] == {"maxSurge": "33%"}
        assert "upgradeSettings" not in system  # default surge: left to AKS (10 %)
        assert props["networkProfile"] == {
            "networkPlugin": "azure",
            "networkDataplane": "azure",
            "serviceCidr": "10.0.0.0/16",  # AKS's default, spelled out
            "dnsServiceIP": "10.0.0.10",
        }

    def test_figures_in_metadata(self):
        """Subnet prefixes, planned nodes and headroom sit in metadata (JSON has no comments).

        50 nodes, 30 max pods, surge 1, Azure CNI: (50 + 1) x (30 + 1) = 1581 IPs, a /21 (2043 usable);
        a /16 has 65,536 - 5 reserved = 65,531 usable (IP_PLANNING_URL, VNET_FAQ_URL in akskit.engine.facts).
        """
        spec = cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/16")
        lines = json.loads(arm_template(spec))["metadata"]["akskit"]
        assert "planned nodes: 51 (pools at max count plus upgrade surge, plus scale-out)" in lines
        assert any("1581 IPs (smallest prefix /21)" in s and "65531 usable, headroom 63950" in s for s in lines)


class TestBicep:
    @pytest.mark.parametrize("name", SPECS)
    def test_matches_arm_field_for_field(self, name):
        """Parsing the Bicep gives back the ARM resource (less type/apiVersion, which sit in the resource line)."""
        arm = json.loads(arm_template(SPECS[name]))
        params, resource = _bicep_parse(bicep(SPECS[name]))
        expected = {k: v for k, v in arm["resources"][0].items() if k not in ("type", "apiVersion")}
        assert resource == expected
        assert set(params) == set(arm["parameters"])

    def test_figures_as_comments(self):
        text = bicep(SPECS["multi"])
        assert "// pod subnet: needs " in text
        assert "headroom" in text
        assert "// planned nodes: " in text


class TestTerraform:
    @pytest.mark.parametrize("name", SPECS)
    def test_only_documented_arguments(self, name):
        """Every argument and nested block is in the azurerm provider's documented list for its block."""
        blocks = _tf_blocks(terraform(SPECS[name]))
        for kind, args in blocks:
            assert args <= _TF_DOCUMENTED[kind], f"{kind}: undocumented {args - _TF_DOCUMENTED[kind]}"

    def test_pools_and_network(self):
        """The first pool is default_node_pool; every other pool is its own node pool resource."""
        text = terraform(SPECS["multi"])
        assert text.count('resource "azurerm_kubernetes_cluster_node_pool"') == 1
        assert 'os_type = "Windows"' in text
        assert 'mode = "User"' in text
        assert "max_count = 6" in text
        assert 'max_surge = "33%"' in text
        assert 'network_plugin = "azure"' in text
        assert "# pod subnet: needs" in text
        kinds = [k for k, _ in _tf_blocks(text)]
        assert kinds.count("default_node_pool") == 1
        assert kinds.count("network_profile") == 1

    def test_figures_are_one_comment_block(self):
        """The figures open the file as one block of comment lines, no blank line between them."""
        head = terraform(SPECS["multi"]).split("\n\n")[0].splitlines()
        assert len(head) > 3
        assert all(line.startswith("# ") for line in head)

    def test_overlay_profile(self):
        text = terraform(SPECS["overlay"])
        assert 'network_plugin_mode = "overlay"' in text
        assert 'pod_cidr = "10.244.0.0/16"' in text


class TestAz:
    def test_reuses_azcli_with_figures(self):
        text = export(SPECS["multi"], "az")
        assert text.startswith("# akskit plan: ")
        assert "az aks nodepool add" in text
        assert "--pod-ip-allocation-mode StaticBlock" in text


class TestCli:
    def test_each_format_exits_0(self, capsys):
        for to in ("az", "arm", "bicep", "terraform"):
            assert main(["export", "--to", to, "--plugin", "overlay", "--nodes", "3", "--subnet", "10.224.0.0/24"]) == 0
        assert "managedClusters" in capsys.readouterr().out

    def test_same_options_as_plan(self, capsys):
        """--pool, --max-surge and az CLI spellings go through plan's own spec building."""
        argv = ["--network-plugin", "azure", "--network-plugin-mode", "overlay", "--pool", "name=sys,nodes=4"]
        assert main(["export", "--to", "arm", *argv]) == 0
        props = json.loads(capsys.readouterr().out)["resources"][0]["properties"]
        assert props["agentPoolProfiles"][0]["name"] == "sys"
        assert props["agentPoolProfiles"][0]["count"] == 4

    @pytest.mark.parametrize(
        ("argv", "needle"),
        [
            (["export", "--to", "arm", "--subnet", "10.224.0.0/24"], "export needs pool sizes"),
            (["export", "--to", "arm", "--nodes", "3", "--format", "json"], "--format 'json' does not apply"),
            (["export", "--to", "arm", "--nodes", "x"], "--nodes"),
            (["export", "--to", "arm", "--pool", "name=win,nodes=2,os=windows"], "Linux"),
        ],
    )
    def test_unusable_input_exit_2(self, capsys, argv, needle):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert needle in err
        assert err.count("\n") == 1
        assert "Traceback" not in err

    def test_missing_or_unknown_to_exit_2(self, capsys):
        for argv in (["export", "--nodes", "3"], ["export", "--to", "yaml", "--nodes", "3"]):
            with pytest.raises(SystemExit) as exc:
                main(argv)
            assert exc.value.code == 2
        assert "--to" in capsys.readouterr().err

    def test_error_findings_exit_1_and_print_nothing(self, capsys):
        """A /28 node subnet holds 11 usable IPs; 50 Azure CNI nodes need far more: AKS would refuse it."""
        assert (
            main(["export", "--to", "bicep", "--plugin", "azure-cni", "--nodes", "50", "--subnet", "10.0.0.0/28"]) == 1
        )
        out, err = capsys.readouterr()
        assert out == ""
        assert "nothing exported" in err
