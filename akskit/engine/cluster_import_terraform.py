"""``terraform show -json`` (a plan or state) with azurerm AKS resources, in the REST shape ``cluster_mapping`` reads.

A plan holds its resources in ``planned_values.root_module``, a state in
``values.root_module`` (both with ``child_modules`` nested). The cluster is an
``azurerm_kubernetes_cluster``: its ``default_node_pool`` block is the System pool; each
``azurerm_kubernetes_cluster_node_pool`` whose ``kubernetes_cluster_id`` names it (the same
ID in a state; in a plan, where the ID is known only after apply, a reference to it in
``configuration``) is one more pool with its own ``mode``. Nested blocks are lists of one
object. Values a plan knows only after apply are absent (``after_unknown`` in
``resource_changes``): an unknown count or max pods becomes a finding, never a crash.
Every value is checked here, and a bad one names its Terraform path
(``values.root_module.resources[0].values.default_node_pool[0].max_pods``). Argument
names are the azurerm provider's (:data:`CLUSTER_DOC_URL`, :data:`NODE_POOL_DOC_URL`):
``auto_scaling_enabled`` (4.x) or ``enable_auto_scaling`` (3.x), ``network_data_plane``
(4.x) or ``ebpf_data_plane`` (3.x), ``upgrade_settings.max_unavailable`` (node pools,
provider PR 30563).

>>> state = {"values": {"root_module": {"resources": [{"address": "azurerm_kubernetes_cluster.aks",
...     "type": "azurerm_kubernetes_cluster", "name": "aks", "values": {
...     "network_profile": [{"network_plugin": "azure", "network_plugin_mode": "overlay"}],
...     "default_node_pool": [{"name": "system", "node_count": 3, "max_pods": 250}]}}]}}}
>>> props, found = terraform_cluster(state)
>>> props["networkProfile"]["networkPluginMode"], props["agentPoolProfiles"][0]["maxPods"], found
('overlay', 250, [])
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from akskit.engine.cluster_import_fields import bad_field, choice_field, count_field, flag_field, text_field
from akskit.engine.errors import SpecError, quote
from akskit.engine.findings import Finding, Severity
from akskit.engine.pool_labels import check_vm_size, parse_labels

__all__ = ["CLUSTER_DOC_URL", "NODE_POOL_DOC_URL", "UNKNOWN_ID", "is_terraform", "terraform_cluster"]

CLUSTER_DOC_URL = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster"
NODE_POOL_DOC_URL = (
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool"
)
#: Stands for a subnet ID a plan knows only after apply (one text, so pools sharing it count once).
UNKNOWN_ID = "(known after apply)"
_CLUSTER = "azurerm_kubernetes_cluster"
_POOL = "azurerm_kubernetes_cluster_node_pool"
_MODULE = re.compile(r"module\.([^.\[]+)")


@dataclass(frozen=True, slots=True)
class _Resource:
    address: str
    module: str  # the module address without instance keys ("" at the root)
    type: str
    name: str
    values: Mapping[str, Any]
    path: str  # the Terraform path of ``values``
    unknown: Any  # this resource's ``after_unknown`` (plans only)


def is_terraform(doc: object) -> TypeGuard[Mapping[str, Any]]:
    """``doc`` is ``terraform show -json`` output (a plan or a state)."""
    if not isinstance(doc, Mapping):
        return False
    if isinstance(doc.get("planned_values"), Mapping) or "resource_changes" in doc:
        return True
    values = doc.get("values")
    return (isinstance(values, Mapping) and "root_module" in values) or "terraform_version" in doc


def _static(address: str) -> str:
    """A module address without instance keys (``module.a["x"]`` -> ``module.a``)."""
    return re.sub(r"\[[^\]]*\]", "", address)


def _obj(value: object, path: str, rule: str = "an object") -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise bad_field(path, rule, value)
    return value


def _list(value: object, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad_field(path, "a list", value)
    return value


def _unknowns(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Each resource address's ``change.after_unknown`` in a plan."""
    out: dict[str, Any] = {}
    for i, change in enumerate(_list(doc.get("resource_changes"), "resource_changes")):
        where = f"resource_changes[{i}]"
        change = _obj(change, where)
        body = _obj(change.get("change", {}), f"{where}.change")
        if isinstance(change.get("address"), str):
            out[change["address"]] = body.get("after_unknown")
    return out


def _resources(doc: Mapping[str, Any]) -> list[_Resource]:
    """Every managed resource in the plan's or state's root module and its child modules."""
    base = "planned_values" if "planned_values" in doc else "values"
    top = doc.get(base)
    if top is None:
        return []
    root = _obj(top, base).get("root_module")
    if root is None:
        return []
    unknown = _unknowns(doc)
    found: list[_Resource] = []
    stack = [(root, f"{base}.root_module", "")]
    while stack:
        module, path, address = stack.pop()
        module = _obj(module, path)
        for i, res in enumerate(_list(module.get("resources"), f"{path}.resources")):
            where = f"{path}.resources[{i}]"
            res = _obj(res, where)
            kind, name = res.get("type"), res.get("name")
            if kind not in (_CLUSTER, _POOL) or res.get("mode", "managed") != "managed":
                continue
            values = _obj(res.get("values", {}), f"{where}.values")
            own = res.get("address")
            own = own if isinstance(own, str) else f"{address + '.' if address else ''}{kind}.{name}"
            found.append(_Resource(own, _static(address), kind, str(name), values, f"{where}.values", unknown.get(own)))
        children = _list(module.get("child_modules"), f"{path}.child_modules")
        for i, child in reversed(list(enumerate(children))):
            child_path = f"{path}.child_modules[{i}]"
            child_address = _obj(child, child_path).get("address")
            stack.append((child, child_path, child_address if isinstance(child_address, str) else address))
    return found


def _is_unknown(unknown: Any, *keys: str | int) -> bool:
    """The plan knows the value at ``keys`` only after apply (``after_unknown`` marks it, or a parent, true)."""
    for key in keys:
        if unknown is True:
            return True
        if isinstance(key, int):
            unknown = unknown[key] if isinstance(unknown, list) and len(unknown) > key else None
        else:
            unknown = unknown.get(key) if isinstance(unknown, Mapping) else None
    return unknown is True


def _block(obj: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
    """A nested block: a list of one object (``network_profile[0]``); ``{}`` when absent."""
    value = obj.get(key)
    if value is None or value == []:
        return {}
    if not isinstance(value, list) or len(value) != 1 or not isinstance(value[0], Mapping):
        raise bad_field(f"{path}.{key}", "a list of one object (a Terraform nested block)", value)
    return value[0]


def _guess(found: list[Finding], path: str, what: str, planned: str, url: str) -> None:
    message = f"{path} is known only after apply: {what}; akskit {planned}"
    found.append(Finding("import-unknown-value", Severity.WARNING, message, url))


def _pool(res: _Resource, block: str | None, found: list[Finding]) -> dict[str, Any]:
    """One pool in the REST shape, from a ``default_node_pool`` block or a node pool resource."""
    url = CLUSTER_DOC_URL if block else NODE_POOL_DOC_URL
    raw = _block(res.values, block, res.path) if block else res.values
    path = f"{res.path}.{block}[0]" if block else res.path
    keys: tuple[str | int, ...] = (block, 0) if block else ()

    def unknown(*more: str | int) -> bool:
        return _is_unknown(res.unknown, *keys, *more)

    name = text_field(raw, "name", path)
    if name is None:
        raise bad_field(f"{path}.name", "the pool's name", raw.get("name"))
    new_key = "auto_scaling_enabled" if raw.get("auto_scaling_enabled") is not None else "enable_auto_scaling"
    autoscale = flag_field(raw, new_key, path)
    count, max_count = count_field(raw, "node_count", path), count_field(raw, "max_count", path)
    out: dict[str, Any] = {
        "name": name,
        "mode": "System" if block else choice_field(raw, "mode", path, ("System", "User")) or "User",
    }
    if unknown("auto_scaling_enabled") or unknown("enable_auto_scaling"):
        autoscale = max_count is not None
        _guess(found, f"{path}.auto_scaling_enabled", "whether the autoscaler is on", "plans its max_count", url)
    if autoscale and max_count is None:
        if not unknown("max_count"):
            raise bad_field(f"{path}.max_count", "the autoscaler maximum when auto_scaling_enabled is true", None)
        autoscale = False
        _guess(found, f"{path}.max_count", "the autoscaler maximum", f"plans node_count ({count or 0})", url)
    if count is None and not autoscale and unknown("node_count"):
        _guess(found, f"{path}.node_count", "the pool's node count", "counts no nodes for this pool", url)
    out.update(count=count or 0, enableAutoScaling=autoscale, maxCount=max_count if autoscale else None)
    out["minCount"] = count_field(raw, "min_count", path)
    out["maxPods"] = count_field(raw, "max_pods", path, low=1)
    if out["maxPods"] is None and unknown("max_pods"):
        _guess(found, f"{path}.max_pods", "the pool's max pods", "plans the network model's default", url)
    out["osType"] = "Linux" if block else choice_field(raw, "os_type", path, ("Linux", "Windows"))
    upgrade = _block(raw, "upgrade_settings", path)
    up_path = f"{path}.upgrade_settings[0]"
    out["upgradeSettings"] = {
        "maxSurge": _surge(upgrade, "max_surge", up_path),
        "maxUnavailable": _surge(upgrade, "max_unavailable", up_path),
    }
    for key, rest in (("vnet_subnet_id", "vnetSubnetID"), ("pod_subnet_id", "podSubnetID")):
        out[rest] = UNKNOWN_ID if unknown(key) else text_field(raw, key, path)
    vm_size = text_field(raw, "vm_size", path)  # checked here so that a bad one's message names its Terraform path
    out["vmSize"] = None if vm_size is None else check_vm_size(vm_size, f"{path}.vm_size")
    labels = raw.get("node_labels")
    if labels is not None and not isinstance(labels, Mapping):
        raise bad_field(f"{path}.node_labels", "a map of label keys to values", labels)
    out["nodeLabels"] = dict(parse_labels(labels, f"{path}.node_labels")) or None
    return out


def _surge(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    """``max_surge`` / ``max_unavailable``: a string (``"1"``, ``"33%"``); a number is read as its text."""
    value = obj.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text_field(obj, key, path)


def _first_v4(network: Mapping[str, Any], one: str, many: str, path: str) -> str | None:
    """``pod_cidr`` (or the IPv4 entry of ``pod_cidrs``, for dual-stack)."""
    value = text_field(network, one, path)
    listed = _list(network.get(many), f"{path}.{many}")
    for i, item in enumerate(listed):
        if not isinstance(item, str):
            raise bad_field(f"{path}.{many}[{i}]", "a CIDR such as '10.244.0.0/16'", item)
    return value or next((c for c in listed if ":" not in c), None)


def _network(res: _Resource, found: list[Finding]) -> dict[str, Any]:
    """``network_profile[0]`` in the REST shape; absent, the provider's default (kubenet)."""
    path = f"{res.path}.network_profile[0]"
    net = _block(res.values, "network_profile", res.path)
    plugin = choice_field(net, "network_plugin", path, ("azure", "kubenet", "none"))
    if plugin is None:
        later = _is_unknown(res.unknown, "network_profile") or _is_unknown(res.unknown, "network_profile", 0)
        said = "is known only after apply" if later else "is not given"
        message = f"{path}.network_plugin {said}: planned as kubenet, the provider's default without a network_profile"
        found.append(
            Finding("import-no-plugin", Severity.WARNING if later else Severity.INFO, message, CLUSTER_DOC_URL)
        )
        plugin = "kubenet"
    dataplane = choice_field(net, "network_data_plane", path, ("azure", "cilium"))
    versions = _list(net.get("ip_versions"), f"{path}.ip_versions")
    if not all(isinstance(v, str) for v in versions):
        raise bad_field(f"{path}.ip_versions", "a list such as ['IPv4']", versions)
    out = {
        "networkPlugin": plugin,
        "networkPluginMode": choice_field(net, "network_plugin_mode", path, ("overlay",)),
        "networkDataplane": dataplane or choice_field(net, "ebpf_data_plane", path, ("cilium",)),
        "podCidr": _first_v4(net, "pod_cidr", "pod_cidrs", path),
        "serviceCidr": _first_v4(net, "service_cidr", "service_cidrs", path),
        "dnsServiceIP": text_field(net, "dns_service_ip", path),
        "ipFamilies": versions or None,
    }
    return {k: v for k, v in out.items() if v is not None}


def _belongs(pool: _Resource, cluster: _Resource, config: Mapping[str, Any]) -> bool | None:
    """The pool's ``kubernetes_cluster_id`` names ``cluster``; ``None`` when the plan cannot tell."""
    sid, cid = pool.values.get("kubernetes_cluster_id"), cluster.values.get("id")
    if sid is not None and not isinstance(sid, str):
        raise bad_field(f"{pool.path}.kubernetes_cluster_id", "the cluster's resource ID", sid)
    if sid:
        return isinstance(cid, str) and sid.lower() == cid.lower()
    module = config.get("root_module")
    for name in _MODULE.findall(pool.module):
        call = module.get("module_calls", {}).get(name) if isinstance(module, Mapping) else None
        module = call.get("module") if isinstance(call, Mapping) else None
    listed = module.get("resources") if isinstance(module, Mapping) else None
    for res in listed if isinstance(listed, list) else []:
        if isinstance(res, Mapping) and res.get("address") == f"{pool.type}.{pool.name}":
            expr = res.get("expressions", {})
            ref = expr.get("kubernetes_cluster_id", {}) if isinstance(expr, Mapping) else {}
            refs = ref.get("references", []) if isinstance(ref, Mapping) else []
            target = f"{_CLUSTER}.{cluster.name}"
            return pool.module == cluster.module and any(r in (target, f"{target}.id") for r in refs)
    return None


def terraform_cluster(doc: Mapping[str, Any], address: str | None = None) -> tuple[dict[str, Any], list[Finding]]:
    """The REST-shaped cluster (``networkProfile``, ``agentPoolProfiles``, ...) and findings from a plan or state.

    ``address`` picks the cluster when the document holds several (default: the first).
    """
    resources = _resources(doc)
    clusters = [r for r in resources if r.type == _CLUSTER]
    if not clusters:
        kinds = sorted({r.type for r in resources}) or ["none of the azurerm AKS types"]
        raise SpecError(
            f"the terraform document holds no {_CLUSTER} resource (found {', '.join(kinds)}): give "
            f"'terraform show -json' of a plan or state that manages the cluster"
        )
    names = [c.address for c in clusters]
    if address is not None and address not in names:
        raise SpecError(f"--cluster {quote(address)} is not in the terraform document: use one of {', '.join(names)}")
    cluster = clusters[names.index(address)] if address is not None else clusters[0]
    found: list[Finding] = []
    if len(clusters) > 1:
        others = ", ".join(n for n in names if n != cluster.address)
        message = (
            f"the terraform document holds {len(clusters)} clusters: planned {cluster.address}; "
            f"not planned: {others} (give --cluster ADDRESS to plan another)"
        )
        found.append(Finding("import-several-clusters", Severity.WARNING, message, CLUSTER_DOC_URL))
    config = doc.get("configuration")
    config = config if isinstance(config, Mapping) else {}
    pools = [_pool(cluster, "default_node_pool", found)]
    for res in (r for r in resources if r.type == _POOL):
        owner = _belongs(res, cluster, config)
        if owner is None and len(clusters) == 1:
            owner = True
        elif owner is None:
            message = f"{res.address}: the plan does not say which cluster it joins; it is not planned"
            found.append(Finding("import-pool-unplaced", Severity.WARNING, message, NODE_POOL_DOC_URL))
        if owner:
            pools.append(_pool(res, None, found))
    props: dict[str, Any] = {"networkProfile": _network(cluster, found), "agentPoolProfiles": pools}
    api = _block(cluster.values, "api_server_access_profile", cluster.path)
    api_path = f"{cluster.path}.api_server_access_profile[0]"
    if flag_field(api, "virtual_network_integration_enabled", api_path):
        props["apiServerAccessProfile"] = {"enableVnetIntegration": True}
    aci = _block(cluster.values, "aci_connector_linux", cluster.path)
    subnet = text_field(aci, "subnet_name", f"{cluster.path}.aci_connector_linux[0]")
    if subnet is not None:
        message = (
            f"{cluster.address} aci_connector_linux: virtual nodes run pods in subnet {quote(subnet)}, "
            f"beside the node subnet; akskit does not plan that subnet"
        )
        found.append(Finding("import-virtual-nodes", Severity.INFO, message, CLUSTER_DOC_URL))
    return props, found
