"""``akskit import``: plan a real cluster from ``az aks show -o json``, its ARM body, or ``terraform show -json``.

The format is recognised by content: ``az aks show`` prints the cluster's fields at the
top level (``agentPoolProfiles``, ``networkProfile``); the ARM/REST body of
``Microsoft.ContainerService/managedClusters`` holds them under ``properties``, at the top
or in a template's ``resources``; ``terraform show -json`` of a plan or state holds
``planned_values`` or ``values`` with a ``root_module``
(:mod:`akskit.engine.cluster_import_terraform` turns its azurerm resources into the REST
shape). ``az aks nodepool list -o json`` (``--pools``) replaces
the pools. Subnets are resource IDs there, so their CIDRs come from ``--subnet`` and
``--pod-subnet``. The plan is :func:`akskit.engine.plans.plan`'s, rendered as ``plan``
renders it, with the import's own findings added.

>>> doc = {"networkProfile": {"networkPlugin": "kubenet"},
...        "agentPoolProfiles": [{"name": "nodepool1", "count": 3, "mode": "System"}]}
>>> imported = import_cluster(doc)
>>> imported.source, imported.spec.model.value, imported.spec.pools[0].nodes
('az-aks-show', 'kubenet', 3)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from akskit.engine.cluster_export import FORMATS, run_export
from akskit.engine.cluster_import_fields import cluster_mapping, field, pool_list
from akskit.engine.cluster_import_network import NetworkRanges, network_ranges
from akskit.engine.cluster_import_terraform import UNKNOWN_ID, is_terraform, terraform_cluster
from akskit.engine.errors import AksKitError, SpecError, one_line, quote
from akskit.engine.findings import Finding
from akskit.engine.plans import plan
from akskit.engine.report import emit, render
from akskit.engine.results import Plan
from akskit.engine.spec import MOMENTS, ClusterSpec
from akskit.engine.spec_mapping import spec_from_mapping
from akskit.engine.specfile import nesting, read_regular_file

__all__ = ["IMPORT_MAX_BYTES", "SOURCES", "Imported", "add_import_parser", "import_cluster", "read_json", "run_import"]

#: What ``source`` names: the formats recognised.
SOURCES = {
    "az-aks-show": "az aks show -o json",
    "arm": "ARM/REST Microsoft.ContainerService/managedClusters",
    "terraform": "terraform show -json",
}
#: A 100-pool cluster prints about 300 KB: anything over this is refused before parsing.
IMPORT_MAX_BYTES = 4 << 20
_MAX_DEPTH = 64
_TYPE = "microsoft.containerservice/managedclusters"


@dataclass(frozen=True, slots=True)
class Imported:
    """A cluster read from a document: the spec, the format it came in, and what akskit could not plan."""

    spec: ClusterSpec
    source: str
    findings: tuple[Finding, ...] = ()
    node_subnet_id: str | None = None
    pod_subnet_id: str | None = None


def read_json(name: str, what: str = "import") -> Any:
    """The JSON document in file ``name`` (``-``: standard input), bounded in size and nesting."""
    shown = f"{what} {quote(name)}"
    limit = f"{IMPORT_MAX_BYTES:,}-byte limit"
    if name == "-":
        raw = sys.stdin.buffer.read(IMPORT_MAX_BYTES + 1)
        if len(raw) > IMPORT_MAX_BYTES:
            raise SpecError(f"{shown} is over the {limit}")
    else:
        raw = read_regular_file(name, shown, IMPORT_MAX_BYTES, limit_text=limit, expected="a JSON file or - for stdin")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpecError(f"{shown} is not UTF-8 text: save the az or ARM output as UTF-8 JSON") from None
    deepest = nesting(text)
    if deepest > _MAX_DEPTH:
        raise SpecError(f"{shown} nests {deepest:,} deep: over the limit of {_MAX_DEPTH}")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise SpecError(f"{shown} is not valid JSON: {quote(str(exc))[1:-1]}") from None


def _locate(doc: object) -> tuple[Mapping[str, Any], str, str]:
    """The object holding the cluster's fields, its JSON path, and the format's name."""
    if isinstance(doc, Mapping):
        if field(doc, "agentPoolProfiles") is not None:
            return doc, "", "az-aks-show"
        props = field(doc, "properties")
        if isinstance(props, Mapping) and field(props, "agentPoolProfiles") is not None:
            return props, "properties", "arm"
        resources = field(doc, "resources")
        if isinstance(resources, list):
            for i, res in enumerate(resources):
                if isinstance(res, Mapping) and str(field(res, "type") or "").lower() == _TYPE:
                    inner = field(res, "properties")
                    if not isinstance(inner, Mapping):
                        raise SpecError(f"resources[{i}].properties must be an object (got {quote(inner)})")
                    return inner, f"resources[{i}].properties", "arm"
    shape = "a list" if isinstance(doc, list) else f"a {type(doc).__name__}"
    hint = " (az aks nodepool list output goes with --pools, beside az aks show)" if isinstance(doc, list) else ""
    raise SpecError(
        f"import input is {shape} that is not a cluster akskit recognises{hint}: give the output of "
        f"'az aks show -o json', an ARM managedClusters body (with agentPoolProfiles) or 'terraform show -json'"
    )


def _flat(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """A pool from ``az aks nodepool list`` (flat) or the REST list (``name`` beside ``properties``)."""
    inner = field(item, "properties")
    return {"name": field(item, "name"), **inner} if isinstance(inner, Mapping) else item


def import_cluster(
    doc: object,
    pools: object = None,
    *,
    node_subnet: str | None = None,
    pod_subnet: str | None = None,
    vnet: str | None = None,
    peers: tuple[str, ...] = (),
    networks: Sequence[tuple[str, object]] = (),
    cluster: str | None = None,
    moment: str = "upgrade",
) -> Imported:
    """Read a cluster document (and, optionally, ``az aks nodepool list`` output) into an :class:`Imported`.

    ``cluster`` is the Terraform address of the cluster to plan when a terraform document holds several;
    ``moment`` what the plan sizes for (``"create"``: no surge, as AKS checks at creation).
    """
    early: list[Finding] = []
    props: Mapping[str, Any]
    if is_terraform(doc):
        if pools is not None:
            raise SpecError("--pools goes with az aks show: a terraform document lists its node pools itself")
        props, early = terraform_cluster(doc, cluster)
        path, source = "", "terraform"
    elif cluster is not None:
        raise SpecError(f"--cluster {quote(cluster)} picks a cluster in a terraform document only")
    else:
        props, path, source = _locate(doc)
    if pools is not None:
        listed = [_flat(item) for item in pool_list(pools, "--pools")]
        props = {**props, "agentPoolProfiles": listed}
    mapping, found = cluster_mapping(props, path)
    subnets = mapping.pop("_subnets")
    ranges = network_ranges(networks, subnets["node"], subnets["pod"]) if networks else NetworkRanges()
    given = (("node_subnet", node_subnet), ("pod_subnet", pod_subnet), ("vnet", vnet))
    for key, value in given:  # a flag wins over the network files
        value = value if value is not None else getattr(ranges, key)
        if value is not None:
            mapping[key] = value
    if peers or ranges.peers:
        mapping["peers"] = list(dict.fromkeys([*ranges.peers, *peers]))
    mapping["moment"] = moment
    try:
        spec = spec_from_mapping(mapping)
    except AksKitError as exc:
        raise type(exc)(f"the imported cluster cannot be planned: {exc}") from None
    return Imported(spec, source, tuple(early + found), subnets["node"], subnets["pod"])


def plan_imported(imported: Imported) -> Plan:
    """The plan of an imported cluster, with the import's findings after the planner's."""
    result = plan(imported.spec)
    return replace(result, findings=result.findings + imported.findings)


def render_imported(imported: Imported, result: Plan, fmt: str, shown: str) -> str:
    """``plan``'s rendering; JSON gains ``source``, the table a first line naming the input."""
    if fmt == "json":
        data = json.loads(render(result, "json"))
        data = {"source": imported.source, **data}
        return json.dumps(data, indent=2)
    head = f"Imported from {SOURCES[imported.source]} ({shown})"
    if imported.node_subnet_id == UNKNOWN_ID and imported.spec.node_subnet is None:
        head += "; node subnet ID is known only after apply: give its CIDR with --subnet to check the fit"
    elif imported.node_subnet_id and imported.spec.node_subnet is None:
        head += "; node subnet is a resource ID: give its CIDR with --subnet or --network to check the fit"
    return head + "\n" + render(result, fmt)


def add_import_parser(sub: Any) -> None:
    """Register ``akskit import`` on the CLI's subparsers."""
    text = "plan a real cluster from 'az aks show -o json', an ARM managedClusters body or 'terraform show -json'"
    p = sub.add_parser("import", help=text, description=text)
    p.add_argument("file", metavar="FILE", help="the JSON file, or - for standard input")
    p.add_argument("--pools", metavar="FILE", help="'az aks nodepool list -o json' output: replaces the pools")
    p.add_argument("--subnet", "--node-subnet", dest="subnet", metavar="CIDR", help="the node subnet's CIDR")
    p.add_argument("--pod-subnet", metavar="CIDR", help="the pod subnet's CIDR (pod subnet models)")
    p.add_argument("--vnet", metavar="CIDR", help="VNet address space")
    p.add_argument("--peer", action="append", default=[], metavar="CIDR", help="peered range (repeatable)")
    p.add_argument(
        "--network",
        action="append",
        default=[],
        metavar="FILE",
        help="'az network vnet show' or 'az network vnet subnet show' JSON: the subnet IDs' CIDRs (repeatable)",
    )
    p.add_argument(
        "--cluster", metavar="ADDRESS", help="terraform: the azurerm_kubernetes_cluster to plan (default: the first)"
    )
    p.add_argument(
        "--moment",
        choices=MOMENTS,
        default="upgrade",
        help="size for an upgrade (pools plus surge; the default) or for creation (no surge, as AKS checks)",
    )
    p.add_argument("--to", choices=FORMATS, help="print the cluster as az commands, ARM, Bicep or Terraform instead")
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")


def run_import(args: argparse.Namespace) -> int:
    """Run ``akskit import``: 0 valid and fits, 1 findings, 2 unusable input (one line on stderr)."""
    try:
        if args.file == "-" and args.pools == "-":
            raise SpecError("import FILE and --pools cannot both be - (standard input): give one as a file")
        doc = read_json(args.file)
        pools = read_json(args.pools, "--pools") if args.pools else None
        if args.file == "-" and "-" in args.network:
            raise SpecError("import FILE and --network cannot both be - (standard input): give one as a file")
        networks = [(name, read_json(name, "--network")) for name in args.network]
        imported = import_cluster(
            doc,
            pools,
            node_subnet=args.subnet,
            pod_subnet=args.pod_subnet,
            vnet=args.vnet,
            peers=tuple(args.peer),
            networks=networks,
            cluster=args.cluster,
            moment=args.moment,
        )
        if args.to:
            for finding in imported.findings:  # what the document holds that the export cannot carry
                print(f"akskit: import {finding.severity.value}: {one_line(finding.message)}", file=sys.stderr)
            return run_export(args, imported.spec, reverse_mode=False)
        result = plan_imported(imported)
        text = render_imported(imported, result, args.format, "stdin" if args.file == "-" else args.file)
    except AksKitError as exc:
        print(f"akskit: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    emit(text)
    return 0 if result.valid and result.fits is not False else 1
