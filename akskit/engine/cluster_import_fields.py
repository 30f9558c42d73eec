"""Reading one AKS cluster document's network fields into a spec mapping, path by path.

The az CLI (``az aks show -o json``) and the ARM/REST body of
``Microsoft.ContainerService/managedClusters`` name the same fields with different
casing (``dnsServiceIp`` and ``dnsServiceIP``, ``vnetSubnetId`` and ``vnetSubnetID``),
so keys are matched without regard to case. Every value is checked here, and a bad
one raises a :class:`SpecError` that starts with its JSON path
(``agentPoolProfiles[1].maxPods``). Fields akskit does not plan but that change the IP
answer come back as findings, never dropped silently. :mod:`akskit.engine.cluster_import`
reads files and plans.

>>> doc = {"networkProfile": {"networkPlugin": "azure", "networkPluginMode": "overlay"},
...        "agentPoolProfiles": [{"name": "system", "count": 3, "mode": "System", "maxPods": 250}]}
>>> mapping, found = cluster_mapping(doc, "")
>>> mapping["plugin"], mapping["pools"][0]["max_pods"], found
('--network-plugin azure --network-plugin-mode overlay', 250, [])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from akskit.engine import facts
from akskit.engine.errors import SpecError, quote
from akskit.engine.facts import API_SERVER_VNET_URL, DUAL_STACK_URL, NODE_AUTOPROVISION_URL
from akskit.engine.findings import Finding, Severity
from akskit.engine.node_pool import system_pool_first
from akskit.engine.pool_labels import check_vm_size, parse_labels
from akskit.engine.surge import parse_surge

__all__ = [
    "bad_field",
    "choice_field",
    "cluster_mapping",
    "count_field",
    "field",
    "flag_field",
    "pool_list",
    "table_field",
    "text_field",
]

_PLUGINS = ("azure", "kubenet", "none")
_ALLOCATION = ("DynamicIndividual", "StaticBlock")


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def field(obj: Mapping[str, Any], key: str) -> Any:
    """``obj[key]`` matched without regard to case (``vnetSubnetId`` finds ``vnetSubnetID``); ``None`` if absent.

    >>> field({"dnsServiceIP": "10.0.0.10"}, "dnsServiceIp")
    '10.0.0.10'
    """
    if key in obj:
        return obj[key]
    low = key.lower()
    return next((v for k, v in obj.items() if isinstance(k, str) and k.lower() == low), None)


def bad_field(path: str, rule: str, value: object) -> SpecError:
    return SpecError(f"{path} must be {rule} (got {quote(value)}); correct it, or print the cluster again")


def text_field(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    value = field(obj, key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_field(_join(path, key), "text", value)
    return value.strip() or None


def count_field(obj: Mapping[str, Any], key: str, path: str, low: int = 0) -> int | None:
    value = field(obj, key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= 1_000_000:
        raise bad_field(_join(path, key), f"a whole number from {low} to 1,000,000", value)
    return value


def flag_field(obj: Mapping[str, Any], key: str, path: str) -> bool:
    value = field(obj, key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise bad_field(_join(path, key), "true or false", value)
    return value


def table_field(obj: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
    value = field(obj, key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise bad_field(_join(path, key), "an object", value)
    return value


def choice_field(obj: Mapping[str, Any], key: str, path: str, choices: tuple[str, ...]) -> str | None:
    value = text_field(obj, key, path)
    if value is None:
        return None
    match = next((c for c in choices if c.lower() == value.lower()), None)
    if match is None:
        raise SpecError(f"{_join(path, key)} {quote(value)} is not a value akskit plans: use {', '.join(choices)}")
    return match


def _finding(code: str, severity: Severity, message: str, url: str) -> Finding:
    return Finding(f"import-{code}", severity, message, url)


def pool_list(value: object, path: str) -> list[Mapping[str, Any]]:
    """The node pools at ``path``: a non-empty list of objects."""
    if not isinstance(value, list) or not value:
        raise bad_field(path, "a non-empty list of node pools", value)
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise bad_field(_join(path, i), "an object describing one node pool", item)
    return value


def _pool(raw: Mapping[str, Any], path: str, found: list[Finding]) -> dict[str, Any]:
    """One pool's spec keys (plus ``_subnet``, ``_pod_subnet``, ``_allocation`` for the caller)."""
    name = text_field(raw, "name", path)
    if name is None:
        raise bad_field(_join(path, "name"), "the pool's name", field(raw, "name"))
    count = count_field(raw, "count", path)
    out: dict[str, Any] = {"name": name, "nodes": 0 if count is None else count}
    autoscale = flag_field(raw, "enableAutoScaling", path)
    max_count = count_field(raw, "maxCount", path)
    count_field(raw, "minCount", path)
    if autoscale:
        if max_count is None:
            raise bad_field(_join(path, "maxCount"), "the autoscaler maximum when enableAutoScaling is true", None)
        out["max_count"] = max_count
    max_pods = count_field(raw, "maxPods", path, low=1)
    if max_pods is not None:
        out["max_pods"] = max_pods
    os_type = choice_field(raw, "osType", path, ("Linux", "Windows"))
    out["os"] = (os_type or "Linux").lower()
    upgrade = table_field(raw, "upgradeSettings", path)
    up_path = _join(path, "upgradeSettings")
    for key, name in (("max_surge", "maxSurge"), ("max_unavailable", "maxUnavailable")):
        value = text_field(upgrade, name, up_path)
        if value is not None:  # parsed here so that a bad value's message starts with its path
            out[key] = parse_surge(value, _join(up_path, name))
    strategy = choice_field(raw, "upgradeStrategy", path, ("Rolling", "BlueGreen"))
    if strategy is not None:
        out["upgrade_strategy"] = strategy.lower()
    mode = choice_field(raw, "mode", path, ("System", "User", "Gateway"))
    if mode == "Gateway":
        found.append(
            _finding(
                "gateway-pool",
                Severity.INFO,
                f"{_join(path, 'mode')} 'Gateway': a gateway pool's nodes take node-subnet addresses like a user "
                f"pool's; akskit plans it as a user pool",
                facts.NODE_POOLS_URL,
            )
        )
    out["mode"] = "system" if mode == "System" else "user"
    vm_size = field(raw, "vmSize")
    if vm_size is not None:
        out["vm_size"] = check_vm_size(vm_size, _join(path, "vmSize"))
    labels = table_field(raw, "nodeLabels", path)
    if labels:
        out["labels"] = parse_labels(labels, _join(path, "nodeLabels"))
    out["_subnet"] = text_field(raw, "vnetSubnetId", path)
    out["_pod_subnet"] = text_field(raw, "podSubnetId", path)
    out["_allocation"] = choice_field(raw, "podIpAllocationMode", path, _ALLOCATION)
    return out


def _model(network: Mapping[str, Any], net_path: str, pools: list[dict[str, Any]], found: list[Finding]) -> str:
    """The az flags that name the network model (``cluster()`` reads them)."""
    plugin = choice_field(network, "networkPlugin", net_path, _PLUGINS)
    mode = choice_field(network, "networkPluginMode", net_path, ("overlay",))
    dataplane = choice_field(network, "networkDataplane", net_path, ("azure", "cilium"))
    if plugin is None:
        plugin = "azure"
        mode = mode or "overlay"
        found.append(
            _finding(
                "no-plugin",
                Severity.INFO,
                f"{_join(net_path, 'networkPlugin')} is not given: planned as Azure CNI Overlay, the az CLI's default",
                facts.OVERLAY_URL,
            )
        )
    flags = f"--network-plugin {plugin}" + (f" --network-plugin-mode {mode}" if mode else "")
    pod_subnets = [p for p in pools if p["_pod_subnet"]]
    if pod_subnets:
        allocations = {p["_allocation"] or "DynamicIndividual" for p in pod_subnets}
        chosen = pod_subnets[0]["_allocation"] or "DynamicIndividual"
        if len(allocations) > 1:
            found.append(
                _finding(
                    "mixed-allocation",
                    Severity.WARNING,
                    f"pools mix pod IP allocation modes ({', '.join(sorted(allocations))}): akskit plans one "
                    f"model per cluster and uses pool {quote(pod_subnets[0]['name'])}'s, {chosen}",
                    facts.POD_SUBNET_URL,
                )
            )
        flags += f" --pod-ip-allocation-mode {chosen}"
    return flags + (f" --network-dataplane {dataplane}" if dataplane else "")


def _one_subnet(pools: list[dict[str, Any]], key: str, what: str, found: list[Finding]) -> None:
    ids = list(dict.fromkeys(p[key] for p in pools if p[key]))
    if len(ids) > 1:
        found.append(
            _finding(
                f"several-{what.replace(' ', '-')}s",
                Severity.WARNING,
                f"the pools use {len(ids)} different {what}s: akskit plans one {what} shared by every pool, "
                f"so its figure is for all pools together; plan each subnet's pools separately to size each",
                facts.IP_PLANNING_URL,
            )
        )


def _cluster_findings(props: Mapping[str, Any], network: Mapping[str, Any], path: str, found: list[Finding]) -> None:
    """Cluster-level fields that change the IP answer but that akskit does not plan."""
    families = field(network, "ipFamilies")
    if families is not None:
        if not isinstance(families, list) or not all(isinstance(f, str) for f in families):
            raise bad_field(_join(_join(path, "networkProfile"), "ipFamilies"), "a list such as ['IPv4']", families)
        if any(f.lower() == "ipv6" for f in families):
            found.append(
                _finding(
                    "dual-stack",
                    Severity.WARNING,
                    f"networkProfile.ipFamilies {quote(families)}: dual-stack; akskit plans the IPv4 side only",
                    DUAL_STACK_URL,
                )
            )
    nap = table_field(props, "nodeProvisioningProfile", path)
    nap_mode = text_field(nap, "mode", _join(path, "nodeProvisioningProfile"))
    if nap_mode is not None and nap_mode.lower() == "auto":
        found.append(
            _finding(
                "node-auto-provisioning",
                Severity.WARNING,
                "nodeProvisioningProfile.mode 'Auto': node auto-provisioning adds nodes outside these pools; "
                "akskit's node and pod figures cover the listed pools only",
                NODE_AUTOPROVISION_URL,
            )
        )
    api = table_field(props, "apiServerAccessProfile", path)
    if flag_field(api, "enableVnetIntegration", _join(path, "apiServerAccessProfile")):
        found.append(
            _finding(
                "api-server-vnet-integration",
                Severity.INFO,
                "apiServerAccessProfile.enableVnetIntegration: the API server takes a delegated subnet of its own "
                "in the VNet; akskit does not plan it (leave room for it beside the node subnet)",
                API_SERVER_VNET_URL,
            )
        )


def cluster_mapping(props: Mapping[str, Any], path: str) -> tuple[dict[str, Any], list[Finding]]:
    """A spec mapping (for ``spec_from_mapping``) and import findings from the object holding the cluster's fields.

    ``props`` is ``az aks show``'s top level, or the ARM body's ``properties`` (``path`` is where it sits,
    for messages). The system pool (``mode: System``) is listed first, as akskit plans the first pool as it.
    """
    found: list[Finding] = []
    net_path = _join(path, "networkProfile")
    network = table_field(props, "networkProfile", path)
    pools_path = _join(path, "agentPoolProfiles")
    raw_pools = pool_list(field(props, "agentPoolProfiles"), pools_path)
    pools = [_pool(raw, _join(pools_path, i), found) for i, raw in enumerate(raw_pools)]
    pools = system_pool_first(pools, lambda p: p["mode"] == "system")
    mapping: dict[str, Any] = {"plugin": _model(network, net_path, pools, found)}
    for key, name in (("pod_cidr", "podCidr"), ("service_cidr", "serviceCidr"), ("dns_service_ip", "dnsServiceIp")):
        value = text_field(network, name, net_path)
        if value is not None:
            mapping[key] = value
    _one_subnet(pools, "_subnet", "node subnet", found)
    _one_subnet(pools, "_pod_subnet", "pod subnet", found)
    _cluster_findings(props, network, path, found)
    mapping["pools"] = [{k: v for k, v in p.items() if not k.startswith("_")} for p in pools]
    mapping["_subnets"] = {
        "node": next((p["_subnet"] for p in pools if p["_subnet"]), None),
        "pod": next((p["_pod_subnet"] for p in pools if p["_pod_subnet"]), None),
    }
    return mapping, found
