"""``akskit export``: a planned cluster as ``az`` commands, an ARM template, Bicep or Terraform.

Every document carries the plan's key figures as comments (ARM JSON has none: they sit in
the template's ``metadata``). Shapes come from Microsoft's REST API definitions
(Azure/azure-rest-api-specs, ``specification/containerservice/resource-manager/
Microsoft.ContainerService/aks/stable/2026-08-01/managedClusters.json``: ``ManagedCluster``,
``ManagedClusterAgentPoolProfileProperties``, ``ContainerServiceNetworkProfile``,
``AgentPoolUpgradeSettings``) and the azurerm provider's ``kubernetes_cluster`` and
``kubernetes_cluster_node_pool`` pages (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs).
Subnet IDs and names are parameters (ARM, Bicep) or variables (Terraform); a pool's VM size and node
labels are written where the spec sets them (``vmSize``, ``nodeLabels``; ``vm_size``, ``node_labels``),
and a pool without a VM size takes AKS's default (ARM, Bicep) or ``var.vm_size`` (Terraform).

>>> from akskit import cluster, pool
>>> spec = cluster("overlay", [pool("system", 3, max_pods=30)], node_subnet="10.224.0.0/24")
>>> props = managed_cluster(spec)["properties"]
>>> props["networkProfile"]["networkPluginMode"], props["agentPoolProfiles"][0]["mode"]
('overlay', 'System')
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from akskit.engine import facts
from akskit.engine.azcli import shell_script
from akskit.engine.checks import system_pool_problem
from akskit.engine.errors import AksKitError, SpecError, one_line
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.report import emit, upgrade_setting
from akskit.engine.results import Plan, SubnetPlan
from akskit.engine.spec import ClusterSpec

__all__ = [
    "API_VERSION",
    "FORMATS",
    "add_export_arguments",
    "arm_template",
    "bicep",
    "export",
    "key_figures",
    "managed_cluster",
    "run_export",
    "terraform",
]

FORMATS = ("az", "arm", "bicep", "terraform")
#: The stable REST API version whose definitions the ARM and Bicep exports follow.
API_VERSION = "2026-08-01"
_TYPE = "Microsoft.ContainerService/managedClusters"
_ARM_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
_PLUGIN = {
    NetworkModel.KUBENET: "kubenet",
    NetworkModel.NONE: "none",
}


def _param(name: str) -> str:
    return f"[parameters('{name}')]"


def _subnet_line(what: str, sub: SubnetPlan) -> str:
    smallest = "none fits" if sub.smallest_prefix is None else f"/{sub.smallest_prefix}"
    head = f"{what}: needs {sub.ips_required} IPs (smallest prefix {smallest})"
    if sub.cidr is None:
        return f"{head}; no CIDR given"
    return f"{head}; {sub.cidr} has {sub.usable_ips} usable, headroom {sub.headroom}"


def key_figures(planned: Plan) -> list[str]:
    """The plan's key figures, one line each: model, nodes, every pool, subnets, pod CIDR, services.

    >>> from akskit import cluster, pool
    >>> key_figures(plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)],
    ...                         node_subnet="10.224.0.0/16")))[3]
    'node subnet: needs 1581 IPs (smallest prefix /21); 10.224.0.0/16 has 65531 usable, headroom 63950'
    """
    moment = planned.spec.moment
    extra = "no surge (sized at create time)" if moment == "create" else "upgrade surge"
    lines = [
        f"akskit plan: {traits(planned.model).label}, {planned.dataplane.value} data plane",
        f"planned nodes: {planned.planned_nodes} (pools at max count plus {extra}, plus scale-out)",
    ]
    for p in planned.pools:
        size = f"{p.nodes} nodes" + ("" if p.max_count is None else f", autoscaler max {p.max_count}")
        lines.append(
            f"pool {p.name} ({p.os}, {p.mode}): {size}, max pods {p.max_pods}, upgrade "
            f"{upgrade_setting(p, moment)}, planned {p.planned_nodes}"
        )
        if p.upgrade_strategy == "bluegreen":
            lines.append(
                f"pool {p.name} upgrades blue-green (a preview API field, not in this document): "
                f"az aks nodepool update --upgrade-strategy bluegreen (aks-preview extension)"
            )
    lines.append(_subnet_line("node subnet", planned.node_subnet))
    if planned.pod_subnet is not None:
        lines.append(_subnet_line("pod subnet", planned.pod_subnet))
    pc = planned.pod_cidr
    if pc is not None:
        where = "" if pc.cidr is None else f"; {pc.cidr} holds {pc.blocks_available}"
        lines.append(f"pod CIDR: needs {pc.blocks_required} /24 blocks (largest prefix /{pc.largest_prefix}){where}")
    dns = f", DNS service IP {planned.services.dns_service_ip}" if planned.services.dns_available else ""
    lines.append(f"service CIDR {planned.services.cidr}{dns}")
    return lines


def _network_profile(spec: ClusterSpec, planned: Plan) -> dict[str, Any]:
    profile: dict[str, Any] = {"networkPlugin": _PLUGIN.get(spec.model, "azure")}
    if spec.model is NetworkModel.OVERLAY:
        profile["networkPluginMode"] = "overlay"
    profile["networkDataplane"] = spec.dataplane.value
    if planned.pod_cidr is not None and planned.pod_cidr.cidr is not None:
        profile["podCidr"] = str(planned.pod_cidr.cidr)
    elif spec.model is NetworkModel.NONE:  # as azcli: bring your own CNI still sets a pod CIDR
        profile["podCidr"] = str(spec.pod_cidr or facts.DEFAULT_POD_CIDR)
    profile["serviceCidr"] = str(planned.services.cidr)
    if planned.services.dns_available:
        profile["dnsServiceIP"] = str(planned.services.dns_service_ip)
    return profile


def _subnets(spec: ClusterSpec) -> tuple[bool, bool]:
    """Whether pools join a node subnet and a pod subnet (the same rule as the az export)."""
    pod = traits(spec.model).uses_pod_subnet
    return spec.node_subnet is not None or pod, pod


def _pools(spec: ClusterSpec, planned: Plan) -> list[dict[str, Any]]:
    node_subnet, pod_subnet = _subnets(spec)
    profiles = []
    for p in planned.pools:
        profile: dict[str, Any] = {"name": p.name, "count": p.nodes, "enableAutoScaling": p.max_count is not None}
        if p.max_count is not None:
            profile |= {"minCount": p.nodes, "maxCount": p.max_count}
        profile |= {"maxPods": p.max_pods, "osType": p.os.capitalize(), "mode": p.mode.capitalize()}
        if p.vm_size is not None:
            profile["vmSize"] = p.vm_size
        if p.labels:
            profile["nodeLabels"] = dict(p.labels)
        if node_subnet:
            profile["vnetSubnetID"] = _param("nodeSubnetId")
        if pod_subnet:
            profile["podSubnetID"] = _param("podSubnetId")
            static = spec.model is NetworkModel.POD_SUBNET_STATIC
            profile["podIPAllocationMode"] = "StaticBlock" if static else "DynamicIndividual"
        upgrade = {} if p.surge_defaulted else {"maxSurge": p.max_surge}
        if p.max_unavailable is not None:
            upgrade["maxUnavailable"] = p.max_unavailable
        if upgrade:
            profile["upgradeSettings"] = upgrade
        profiles.append(profile)
    return profiles


def _planned(spec: ClusterSpec) -> Plan:
    problem = system_pool_problem(spec)
    if problem is not None:
        raise SpecError(f"{problem[0]} ({problem[1]})")
    return plan(spec)


def managed_cluster(spec: ClusterSpec, planned: Plan | None = None) -> dict[str, Any]:
    """The ``Microsoft.ContainerService/managedClusters`` resource (ARM casing) for ``spec``."""
    planned = planned or _planned(spec)
    return {
        "type": _TYPE,
        "apiVersion": API_VERSION,
        "name": _param("clusterName"),
        "location": _param("location"),
        "identity": {"type": "SystemAssigned"},
        "properties": {
            "dnsPrefix": _param("clusterName"),
            "agentPoolProfiles": _pools(spec, planned),
            "networkProfile": _network_profile(spec, planned),
        },
    }


def _parameters(spec: ClusterSpec) -> dict[str, dict[str, Any]]:
    node_subnet, pod_subnet = _subnets(spec)
    params: dict[str, dict[str, Any]] = {
        "clusterName": {"type": "string"},
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
    }
    if node_subnet:
        text = f"node subnet resource ID ({spec.node_subnet or 'size it from the figures in metadata'})"
        params["nodeSubnetId"] = {"type": "string", "metadata": {"description": text}}
    if pod_subnet:
        text = f"pod subnet resource ID ({spec.pod_subnet or 'size it from the figures in metadata'})"
        params["podSubnetId"] = {"type": "string", "metadata": {"description": text}}
    return params


def arm_template(spec: ClusterSpec, planned: Plan | None = None) -> str:
    """An ARM deployment template holding the cluster; the plan's figures sit in ``metadata.akskit``."""
    planned = planned or _planned(spec)
    template = {
        "$schema": _ARM_SCHEMA,
        "contentVersion": "1.0.0.0",
        "metadata": {"_generator": {"name": "akskit"}, "akskit": key_figures(planned)},
        "parameters": _parameters(spec),
        "resources": [managed_cluster(spec, planned)],
    }
    return json.dumps(template, indent=2)


def _bicep_key(key: str) -> str:
    """An object key: bare when an identifier, else quoted (a label key such as 'hub.jupyter.org/node-purpose')."""
    return key if key.isidentifier() else _bicep_value(key, "")


def _bicep_value(value: Any, indent: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if value.startswith("[parameters('") and value.endswith("')]"):
            return value[len("[parameters('") : -len("')]")]
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    inner = indent + "  "
    if isinstance(value, list):
        return "[\n" + "".join(f"{inner}{_bicep_value(v, inner)}\n" for v in value) + f"{indent}]"
    body = "".join(f"{inner}{_bicep_key(k)}: {_bicep_value(v, inner)}\n" for k, v in value.items())
    return "{\n" + body + f"{indent}}}"


def bicep(spec: ClusterSpec, planned: Plan | None = None) -> str:
    """The same resource as :func:`arm_template` in Bicep, field for field, figures as ``//`` comments."""
    planned = planned or _planned(spec)
    resource = managed_cluster(spec, planned)
    lines = [f"// {line}" for line in key_figures(planned)]
    for name, p in _parameters(spec).items():
        default = " = resourceGroup().location" if "defaultValue" in p else ""
        if "metadata" in p:
            lines.append(f"@description({_bicep_value(p['metadata']['description'], '')})")
        lines.append(f"param {name} string{default}")
    body = {k: v for k, v in resource.items() if k not in ("type", "apiVersion")}
    lines.append(f"\nresource aks '{_TYPE}@{API_VERSION}' = {_bicep_value(body, '')}")
    return "\n".join(lines)


def terraform(spec: ClusterSpec, planned: Plan | None = None) -> str:
    """``azurerm_kubernetes_cluster`` (first pool as ``default_node_pool``) plus one node pool resource per pool.

    Written by :mod:`akskit.engine.cluster_export_terraform`.
    """
    from akskit.engine.cluster_export_terraform import terraform_document

    return terraform_document(spec, planned or _planned(spec))


def export(spec: ClusterSpec, to: str, planned: Plan | None = None) -> str:
    """``spec`` as the document ``to`` names: one of :data:`FORMATS` (``planned``: its plan, if already made)."""
    writers = {"arm": arm_template, "bicep": bicep, "terraform": terraform}
    if to != "az" and to not in writers:
        raise SpecError(f"--to {to!r} is not a format akskit exports: use one of {', '.join(FORMATS)}")
    planned = planned or _planned(spec)
    if to == "az":
        return "\n".join(f"# {line}" for line in key_figures(planned)) + "\n" + shell_script(spec, check=False)
    return writers[to](spec, planned)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--to`` to the ``export`` subcommand (the cluster options are ``plan``'s own)."""
    parser.add_argument("--to", choices=FORMATS, required=True, help="the document to print")


def run_export(args: argparse.Namespace, spec: ClusterSpec, reverse_mode: bool) -> int:
    """Print ``spec`` as ``args.to``: exit 0; 1 when the plan has error findings (nothing printed); 2 unusable."""
    try:
        if args.format != "table":
            raise SpecError(f"--format {args.format!r} does not apply to export: choose the document with --to")
        if reverse_mode:
            raise SpecError(
                "export needs pool sizes: give --nodes (or --pool or --spec); without them akskit plan finds "
                "the largest pool that fits --subnet"
            )
        planned = _planned(spec)
        if planned.errors:
            for finding in planned.errors:
                print(f"akskit: error finding: {one_line(finding.message)}", file=sys.stderr)
            print("akskit: nothing exported: AKS would refuse this design; fix the findings above", file=sys.stderr)
            return 1
        text = export(spec, args.to, planned)
    except AksKitError as exc:
        print(f"akskit: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    emit(text)
    return 0
