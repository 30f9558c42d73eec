"""``akskit export --to terraform``: the planned cluster as azurerm resources.

``azurerm_kubernetes_cluster`` holds the first system pool as ``default_node_pool``; every
other pool is an ``azurerm_kubernetes_cluster_node_pool`` with its ``mode``. A pool's
``vm_size`` is its own where the spec sets one, else ``var.vm_size``; ``node_labels`` is
written where it has labels. Argument names are the azurerm provider's
(https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster and
.../kubernetes_cluster_node_pool). :mod:`akskit.engine.cluster_export` builds the resource this reads.

>>> from akskit import cluster, plan, pool
>>> spec = cluster("overlay", [pool("system", 3, vm_size="Standard_D4s_v5", labels={"tier": "core"})])
>>> [line.strip() for line in terraform_document(spec, plan(spec)).splitlines() if "node_labels" in line]
['node_labels = { "tier" = "core" }']
"""

from __future__ import annotations

import json
from typing import Any

from akskit.engine.cluster_export import _subnets, key_figures, managed_cluster
from akskit.engine.node_pool import system_pool_first
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec

__all__ = ["terraform_document"]


def _hcl(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return f"{name} = {'true' if value else 'false'}"
    if isinstance(value, int) or (isinstance(value, str) and value.startswith(("var.", "azurerm_"))):
        return f"{name} = {value}"
    if isinstance(value, dict):  # a map of strings: { "key" = "value" } (labels)
        return f"{name} = {{ " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()) + " }"
    return f"{name} = {json.dumps(value)}"


def _tf_pool(profile: dict[str, Any], default: bool) -> list[str]:
    lines = [_hcl("name", profile["name"])]
    if not default:
        lines += [_hcl("kubernetes_cluster_id", "azurerm_kubernetes_cluster.aks.id"), _hcl("mode", profile["mode"])]
        lines.append(_hcl("os_type", profile["osType"]))
    lines += [_hcl("vm_size", profile.get("vmSize", "var.vm_size")), _hcl("node_count", profile["count"])]
    if "nodeLabels" in profile:
        lines.append(_hcl("node_labels", profile["nodeLabels"]))
    lines.append(_hcl("auto_scaling_enabled", profile["enableAutoScaling"]))
    if profile["enableAutoScaling"]:
        lines += [_hcl("min_count", profile["minCount"]), _hcl("max_count", profile["maxCount"])]
    lines.append(_hcl("max_pods", profile["maxPods"]))
    if "vnetSubnetID" in profile:
        lines.append(_hcl("vnet_subnet_id", "var.node_subnet_id"))
    if "podSubnetID" in profile:
        lines.append(_hcl("pod_subnet_id", "var.pod_subnet_id"))
        if profile["podIPAllocationMode"] == "StaticBlock":
            lines.append(
                "# podIPAllocationMode StaticBlock: the azurerm pages document no argument for it; set it after"
                " creation (az aks nodepool update) or with azapi"
            )
    upgrade = profile.get("upgradeSettings", {})
    if "maxSurge" in upgrade:
        lines += ["upgrade_settings {", "  " + _hcl("max_surge", upgrade["maxSurge"]), "}"]
    if "maxUnavailable" in upgrade:
        lines.append(
            f"# max unavailable {upgrade['maxUnavailable']}: the azurerm pages document no argument for it; set it "
            f"after creation (az aks nodepool update --max-unavailable {upgrade['maxUnavailable']}) or with azapi"
        )
    return lines


_TF_NETWORK = {
    "networkPlugin": "network_plugin",
    "networkPluginMode": "network_plugin_mode",
    "networkDataplane": "network_data_plane",
    "podCidr": "pod_cidr",
    "serviceCidr": "service_cidr",
    "dnsServiceIP": "dns_service_ip",
}


def terraform_document(spec: ClusterSpec, planned: Plan) -> str:
    """The Terraform document for ``spec`` and its plan (the figures as ``#`` comments, then variables, resources)."""
    resource = managed_cluster(spec, planned)
    node_subnet, pod_subnet = _subnets(spec)
    out = ["\n".join(f"# {line}" for line in key_figures(planned))]
    profiles = resource["properties"]["agentPoolProfiles"]
    names = ["cluster_name", "location", "resource_group_name"]
    names += ["vm_size"] * any("vmSize" not in p for p in profiles)
    names += ["node_subnet_id"] * node_subnet + ["pod_subnet_id"] * pod_subnet
    out += [f'variable "{n}" {{\n  type = string\n}}' for n in names]
    pools = system_pool_first(profiles, lambda p: p["mode"] == "System")  # default_node_pool: a system pool
    network = resource["properties"]["networkProfile"]
    cluster = ['resource "azurerm_kubernetes_cluster" "aks" {']
    body = [
        _hcl("name", "var.cluster_name"),
        _hcl("location", "var.location"),
        _hcl("resource_group_name", "var.resource_group_name"),
        _hcl("dns_prefix", "var.cluster_name"),
        "identity {",
        '  type = "SystemAssigned"',
        "}",
        "default_node_pool {",
        *("  " + line for line in _tf_pool(pools[0], default=True)),
        "}",
        "network_profile {",
        *("  " + _hcl(_TF_NETWORK[k], v) for k, v in network.items()),
        "}",
    ]
    cluster += ["  " + line for line in body] + ["}"]
    out.append("\n".join(cluster))
    for profile in pools[1:]:
        block = [f'resource "azurerm_kubernetes_cluster_node_pool" "{profile["name"]}" {{']
        block += ["  " + line for line in _tf_pool(profile, default=False)] + ["}"]
        out.append("\n".join(block))
    return "\n\n".join(out) + "\n"
