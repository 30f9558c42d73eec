"""``akskit export --to terraform`` read back by a real HCL parser (python-hcl2), checked against the provider's docs.

For hand-picked specs (multi-pool, a Windows pool, an autoscaler, every network model) and
random ones (hypothesis, the round trip's strategy), the Terraform output

- parses as HCL2 (python-hcl2, https://pypi.org/project/python-hcl2/, a Lark grammar of HCL2);
- holds one ``azurerm_kubernetes_cluster`` and one ``azurerm_kubernetes_cluster_node_pool`` per
  pool after the first, and variables only;
- uses only argument and block names that the azurerm provider documents for the block they sit
  in (the sets below, copied from the "Argument Reference" of hashicorp/terraform-provider-azurerm
  ``website/docs/r/kubernetes_cluster.html.markdown``, commit 00378cfc2806c8f85c9f09462bfdd05ff8135bc5,
  and ``website/docs/r/kubernetes_cluster_node_pool.html.markdown``, commit
  006f87e316b3f5bfa59fbd4e2b9ef6fdbb3211e2; blocks akskit never writes are left out of the sets);
- carries the plan's values: node counts, autoscaler bounds, max pods, surge, CIDRs, plugin and mode,
  each pool's ``vm_size`` (its own, else ``var.vm_size``) and ``node_labels``;
- read back as a ``terraform show -json`` state by ``akskit import``, gives each pool's VM size,
  labels and mode again.
"""

from __future__ import annotations

from typing import Any

import hcl2
import lark
import pytest
from hypothesis import HealthCheck, given, settings
from test_roundtrip import specs

from akskit import cluster, plan, pool
from akskit.engine.cluster_export import export
from akskit.engine.cluster_import import import_cluster
from akskit.engine.models import NetworkModel
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec

_OPTIONS = hcl2.SerializationOptions(with_comments=False, strip_string_quotes=True)  # keeps __is_block__

#: kubernetes_cluster.html.markdown, "The following arguments are supported" (top level).
CLUSTER_ARGS = {
    "name", "location", "resource_group_name", "default_node_pool", "dns_prefix", "dns_prefix_private_cluster",
    "aci_connector_linux", "automatic_upgrade_channel", "api_server_access_profile", "auto_scaler_profile",
    "azure_active_directory_role_based_access_control", "azure_policy_enabled", "confidential_computing",
    "cost_analysis_enabled", "custom_ca_trust_certificates_base64", "disk_encryption_set_id", "edge_zone",
    "http_application_routing_enabled", "http_proxy_config", "identity", "image_cleaner_enabled",
    "image_cleaner_interval_hours", "ingress_application_gateway", "key_management_service",
    "key_vault_secrets_provider", "kubelet_identity", "kubernetes_version", "linux_profile", "local_account_disabled",
    "maintenance_window", "maintenance_window_auto_upgrade", "maintenance_window_node_os", "microsoft_defender",
    "monitor_metrics", "network_profile", "bootstrap_profile", "node_os_upgrade_channel", "node_resource_group",
    "oidc_issuer_enabled", "oms_agent", "open_service_mesh_enabled", "private_cluster_enabled", "private_dns_zone_id",
    "private_cluster_public_fqdn_enabled", "service_mesh_profile", "workload_autoscaler_profile",
    "workload_identity_enabled", "role_based_access_control_enabled", "run_command_enabled", "service_principal",
    "sku_tier", "storage_profile", "support_plan", "tags", "upgrade_override", "web_app_routing", "windows_profile",
}  # fmt: skip
#: kubernetes_cluster.html.markdown, "A default_node_pool block supports the following".
DEFAULT_NODE_POOL_ARGS = {
    "name", "vm_size", "capacity_reservation_group_id", "auto_scaling_enabled", "host_encryption_enabled",
    "node_public_ip_enabled", "gpu_instance", "host_group_id", "kubelet_config", "linux_os_config", "fips_enabled",
    "kubelet_disk_type", "max_pods", "node_network_profile", "node_public_ip_prefix_id", "node_labels",
    "only_critical_addons_enabled", "orchestrator_version", "os_disk_size_gb", "os_disk_type", "os_sku",
    "pod_subnet_id", "proximity_placement_group_id", "scale_down_mode", "snapshot_id", "temporary_name_for_rotation",
    "type", "tags", "ultra_ssd_enabled", "upgrade_settings", "vnet_subnet_id", "workload_runtime", "zones",
    "max_count", "min_count", "node_count",
}  # fmt: skip
#: kubernetes_cluster.html.markdown, "A network_profile block supports the following".
NETWORK_PROFILE_ARGS = {
    "network_plugin", "network_mode", "network_policy", "dns_service_ip", "network_data_plane", "network_plugin_mode",
    "outbound_type", "pod_cidr", "pod_cidrs", "service_cidr", "service_cidrs", "ip_versions", "load_balancer_sku",
    "load_balancer_profile", "nat_gateway_profile", "advanced_networking",
}  # fmt: skip
#: kubernetes_cluster.html.markdown, "An identity block supports the following".
IDENTITY_ARGS = {"type", "identity_ids"}
#: both pages, "A upgrade_settings block supports the following" (the same three names on each).
UPGRADE_SETTINGS_ARGS = {"drain_timeout_in_minutes", "node_soak_duration_in_minutes", "max_surge"}
#: kubernetes_cluster_node_pool.html.markdown, "The following arguments are supported".
NODE_POOL_ARGS = {
    "name", "kubernetes_cluster_id", "vm_size", "capacity_reservation_group_id", "auto_scaling_enabled",
    "host_encryption_enabled", "node_public_ip_enabled", "eviction_policy", "host_group_id", "kubelet_config",
    "linux_os_config", "fips_enabled", "gpu_instance", "kubelet_disk_type", "max_pods", "mode", "node_network_profile",
    "node_labels", "node_public_ip_prefix_id", "node_taints", "orchestrator_version", "os_disk_size_gb", "os_disk_type",
    "pod_subnet_id", "os_sku", "os_type", "priority", "proximity_placement_group_id", "spot_max_price", "snapshot_id",
    "tags", "scale_down_mode", "temporary_name_for_rotation", "ultra_ssd_enabled", "upgrade_settings",
    "vnet_subnet_id", "windows_profile", "workload_runtime", "zones", "max_count", "min_count", "node_count",
}  # fmt: skip
#: Which documented set governs a block, by where it sits: (resource type or parent block, block name).
DOCUMENTED = {
    ("resource", "azurerm_kubernetes_cluster"): CLUSTER_ARGS,
    ("resource", "azurerm_kubernetes_cluster_node_pool"): NODE_POOL_ARGS,
    ("azurerm_kubernetes_cluster", "default_node_pool"): DEFAULT_NODE_POOL_ARGS,
    ("azurerm_kubernetes_cluster", "network_profile"): NETWORK_PROFILE_ARGS,
    ("azurerm_kubernetes_cluster", "identity"): IDENTITY_ARGS,
    ("default_node_pool", "upgrade_settings"): UPGRADE_SETTINGS_ARGS,
    ("azurerm_kubernetes_cluster_node_pool", "upgrade_settings"): UPGRADE_SETTINGS_ARGS,
}
#: A Terraform ``variable`` block's arguments (developer.hashicorp.com/terraform/language/values/variables).
VARIABLE_ARGS = {"type", "default", "description", "validation", "sensitive", "nullable", "ephemeral"}
PLUGIN = {NetworkModel.KUBENET: "kubenet", NetworkModel.NONE: "none"}  # every other model: "azure"

HAND_PICKED = {
    "multi-windows-autoscaler": cluster(
        "pod-subnet-static",
        [
            pool("system", 3, max_pods=30),
            pool("win", 2, max_count=6, max_pods=30, max_surge="33%", os="windows"),
            pool("batch", 0, max_count=40, max_pods=110, max_surge=5),
        ],
        node_subnet="10.224.0.0/24",
        pod_subnet="10.225.0.0/20",
    ),
    "overlay-cilium": cluster(
        "overlay", [pool("system", 3, max_surge="33%"), pool("user", 10, max_count=50)], dataplane="cilium"
    ),
    "azure-cni-subnet": cluster(
        "azure-cni", [pool("system", 50, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/16"
    ),
    "kubenet-services": cluster(
        "kubenet",
        [pool("system", 5)],
        pod_cidr="10.100.0.0/16",
        service_cidr="172.16.0.0/16",
        dns_service_ip="172.16.0.10",
    ),
    **{f"model-{m.value}": cluster(m, [pool("system", 3), pool("user", 2, max_count=4)]) for m in NetworkModel},
    "classroom-sizes-labels": cluster(
        "overlay",
        [
            pool(
                "system", 2, mode="system", vm_size="Standard_D4s_v5", labels={"hub.jupyter.org/node-purpose": "core"}
            ),
            pool("user", 3, mode="user", vm_size="Standard_D4s_v5", labels={"hub.jupyter.org/node-purpose": "user"}),
            pool("gpu", 0, max_count=2, labels={"accelerator": "nvidia", "tier": ""}),
        ],
    ),
}


def parse(text: str) -> dict[str, Any]:
    """The Terraform text as python-hcl2 reads it (string quotes stripped, comments dropped)."""
    return hcl2.loads(text, serialization_options=_OPTIONS)


def blocks_of(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The nested blocks of a body by name (each akskit writes at most once)."""
    out = {}
    for key, value in body.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) and v.get("__is_block__") for v in value):
            assert len(value) == 1, f"block {key} repeated"
            out[key] = value[0]
    return out


def names_of(body: dict[str, Any]) -> set[str]:
    return {k for k in body if not k.startswith("__")}


def check_documented(kind: str, body: dict[str, Any], where: tuple[str, str]) -> None:
    """Every name in ``body`` is in the documented set for ``where``; nested blocks too."""
    allowed = DOCUMENTED[where]
    assert names_of(body) <= allowed, f"{where}: names the provider does not document: {names_of(body) - allowed}"
    for name, inner in blocks_of(body).items():
        check_documented(name, inner, (kind, name))


def resources(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(type, name, body) of each resource, in order."""
    out = []
    for entry in doc.get("resource", []):
        for rtype, named in entry.items():
            for rname, body in named.items():
                out.append((rtype.strip('"'), rname.strip('"'), body))
    return out


def check_terraform(spec: ClusterSpec) -> None:
    """Parse the export and check its structure, names and values against ``plan(spec)``."""
    planned = plan(spec)
    doc = parse(export(spec, "terraform"))
    assert set(doc) <= {"variable", "resource"}, f"unexpected top-level blocks {set(doc)}"
    declared = {name.strip('"') for entry in doc["variable"] for name in entry}
    for entry in doc["variable"]:
        for body in entry.values():
            assert names_of(body) <= VARIABLE_ARGS
    found = resources(doc)
    kinds = [rtype for rtype, _, _ in found]
    assert kinds == ["azurerm_kubernetes_cluster"] + ["azurerm_kubernetes_cluster_node_pool"] * (len(spec.pools) - 1)
    for rtype, _, body in found:
        check_documented(rtype, body, ("resource", rtype))
    cluster_body = found[0][2]
    references = _references(cluster_body) | {r for _, _, b in found[1:] for r in _references(b)}
    assert references <= declared, f"undeclared variables {references - declared}"
    _check_network(planned, blocks_of(cluster_body)["network_profile"])
    pool_bodies = [blocks_of(cluster_body)["default_node_pool"]] + [body for _, _, body in found[1:]]
    for i, (p, body) in enumerate(zip(planned.pools, pool_bodies, strict=True)):
        _check_pool(planned, i, p, body)


def _references(body: dict[str, Any]) -> set[str]:
    """``var.X`` names a body uses (python-hcl2 writes an expression as ``${...}``)."""
    out = set()
    for value in body.values():
        if isinstance(value, str) and value.startswith("${var."):
            out.add(value[len("${var.") : -1])
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    out |= _references(item)
    return out


def _check_network(planned: Plan, net: dict[str, Any]) -> None:
    assert net["network_plugin"] == PLUGIN.get(planned.model, "azure")
    assert net.get("network_plugin_mode") == ("overlay" if planned.model is NetworkModel.OVERLAY else None)
    assert net["network_data_plane"] == planned.dataplane.value
    assert net["service_cidr"] == str(planned.services.cidr)
    assert net.get("dns_service_ip") == (
        str(planned.services.dns_service_ip) if planned.services.dns_available else None
    )
    if planned.pod_cidr is not None and planned.pod_cidr.cidr is not None:
        assert net["pod_cidr"] == str(planned.pod_cidr.cidr)
    elif planned.model is not NetworkModel.NONE:
        assert "pod_cidr" not in net


def _check_pool(planned: Plan, index: int, p: Any, body: dict[str, Any]) -> None:
    assert body["name"] == p.name
    assert body["node_count"] == p.nodes
    assert body["max_pods"] == p.max_pods
    assert body["vm_size"] == (p.vm_size or "${var.vm_size}")  # the pool's own size, else the variable
    assert body.get("node_labels") == (dict(p.labels) or None)
    assert body["auto_scaling_enabled"] is (p.max_count is not None)
    if p.max_count is None:
        assert "min_count" not in body
        assert "max_count" not in body
    else:
        assert (body["min_count"], body["max_count"]) == (p.nodes, p.max_count)
    upgrade = blocks_of(body).get("upgrade_settings")
    assert (upgrade is None) is p.surge_defaulted  # a default surge is left to AKS
    if upgrade is not None:
        assert str(upgrade["max_surge"]) == p.max_surge
    if index:  # azurerm_kubernetes_cluster_node_pool: mode and OS are its own arguments
        assert body["kubernetes_cluster_id"] == "${azurerm_kubernetes_cluster.aks.id}"
        assert body["mode"] == p.mode.capitalize()
        assert body["os_type"] == p.os.capitalize()
    else:  # default_node_pool is the System pool and always Linux: the block has no os_type
        assert p.os == "linux"
    pod_subnet = planned.pod_subnet is not None
    assert body.get("pod_subnet_id") == ("${var.pod_subnet_id}" if pod_subnet else None)
    if planned.spec.node_subnet is not None or pod_subnet:
        assert body["vnet_subnet_id"] == "${var.node_subnet_id}"


def _state_values(body: dict[str, Any]) -> dict[str, Any]:
    """A parsed body as ``terraform show -json`` holds it: blocks as lists of one object, expressions unknown."""
    out: dict[str, Any] = {}
    for key, value in body.items():
        if key.startswith("__"):
            continue
        if key in blocks_of(body):
            out[key] = [_state_values(value[0])]
        elif isinstance(value, str) and value.startswith("${"):
            out[key] = CLUSTER_ID if key == "kubernetes_cluster_id" else None
        else:
            out[key] = value
    return out


CLUSTER_ID = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"


def terraform_state(spec: ClusterSpec) -> dict[str, Any]:
    """The export as a ``terraform show -json`` state, built from what python-hcl2 parsed (the parsed text, no code)."""
    listed = []
    for rtype, rname, body in resources(parse(export(spec, "terraform"))):
        values = _state_values(body) | ({"id": CLUSTER_ID} if rtype == "azurerm_kubernetes_cluster" else {})
        listed.append(
            {"address": f"{rtype}.{rname}", "mode": "managed", "type": rtype, "name": rname, "values": values}
        )
    return {"format_version": "1.0", "values": {"root_module": {"resources": listed}}}


class TestTerraformImport:
    """export --to terraform, parsed, then imported as a state: VM sizes, labels and modes come back."""

    @staticmethod
    def _settings(spec: ClusterSpec) -> list[tuple[str, str | None, tuple[tuple[str, str], ...], str]]:
        return [(p.name, p.vm_size, p.labels, p.mode) for p in plan(spec).pools]

    def test_classroom_pools(self) -> None:
        """Standard_D4s_v5 and hub.jupyter.org/node-purpose on both pools, the GPU pool's two labels (one empty)."""
        spec = HAND_PICKED["classroom-sizes-labels"]
        back = import_cluster(terraform_state(spec)).spec
        assert [(p.name, p.vm_size, dict(p.labels)) for p in back.pools] == [
            ("system", "Standard_D4s_v5", {"hub.jupyter.org/node-purpose": "core"}),
            ("user", "Standard_D4s_v5", {"hub.jupyter.org/node-purpose": "user"}),
            ("gpu", None, {"accelerator": "nvidia", "tier": ""}),
        ]

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(specs())
    def test_random_specs(self, spec: ClusterSpec) -> None:
        """Random specs: each pool's name, VM size, labels and mode survive export, HCL parsing and import."""
        back = import_cluster(terraform_state(spec)).spec
        assert self._settings(back) == self._settings(spec)


class TestTerraformParses:
    @pytest.mark.parametrize("name", HAND_PICKED)
    def test_hand_picked(self, name: str) -> None:
        """Multi-pool, Windows, autoscaler and every model: parses, documented names, the plan's values."""
        check_terraform(HAND_PICKED[name])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(specs())
    def test_random_specs(self, spec: ClusterSpec) -> None:
        """Random specs (1-6 pools, every model, CIDRs or not) pass the same checks."""
        check_terraform(spec)

    def test_windows_pool_values(self) -> None:
        """The Windows pool is a node pool resource with os_type Windows, User mode, autoscaler 2-6, surge 33%."""
        doc = parse(export(HAND_PICKED["multi-windows-autoscaler"], "terraform"))
        win = next(body for rtype, name, body in resources(doc) if name == "win")
        assert (win["os_type"], win["mode"], win["min_count"], win["max_count"]) == ("Windows", "User", 2, 6)
        assert blocks_of(win)["upgrade_settings"]["max_surge"] == "33%"

    def test_checks_catch_an_undocumented_name(self) -> None:
        """The name check fails on an undocumented argument (enable_auto_scaling: azurerm 3.x, gone in 4.x)."""
        text = export(HAND_PICKED["overlay-cilium"], "terraform").replace("auto_scaling_enabled", "enable_auto_scaling")
        body = resources(parse(text))[0][2]
        with pytest.raises(AssertionError, match="enable_auto_scaling"):
            check_documented("azurerm_kubernetes_cluster", body, ("resource", "azurerm_kubernetes_cluster"))

    def test_parser_refuses_broken_hcl(self) -> None:
        """The parser is real: an unbalanced brace is an error, not a partial result."""
        text = export(HAND_PICKED["overlay-cilium"], "terraform").rstrip().removesuffix("}")
        with pytest.raises(lark.exceptions.UnexpectedInput):  # python-hcl2 parses with lark
            parse(text)
