"""The ``akskit`` command: plan or compare AKS address space from the shell.

Exit status: 0 the plan is valid and fits; 1 it has error findings; 2 the
input is unusable (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from akskit.errors import AksKitError, SpecError
from akskit.models import NetworkModel
from akskit.plans import plan, reverse
from akskit.report import render, render_comparison
from akskit.spec import ClusterSpec, spec_from_mapping

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_POOL_FLAGS = ("nodes", "max_count", "max_pods", "max_surge", "os")
_CLUSTER_FLAGS = (
    "dataplane",
    "scale_out",
    "extra_ips",
    "pod_subnet",
    "pod_cidr",
    "service_cidr",
    "dns_service_ip",
    "vnet",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2: the documented contract
        self.exit(EXIT_USAGE, f"akskit: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    root = _Parser(prog="akskit", description="Plan AKS IP address space for every network model.")
    sub = root.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, text in (
        ("plan", "plan one cluster (leave out --nodes and give --subnet for reverse mode)"),
        ("compare", "the same workload under every network model, side by side"),
    ):
        p = sub.add_parser(name, help=text, description=text)
        m = p.add_argument_group("network model")
        m.add_argument("--plugin", "--model", help="kubenet, azure-cni, overlay, pod-subnet, pod-subnet-static or none")
        m.add_argument("--network-plugin", help="az CLI spelling: kubenet, azure or none")
        m.add_argument("--network-plugin-mode", help="az CLI spelling: overlay")
        m.add_argument("--pod-ip-allocation-mode", help="az CLI spelling: DynamicIndividual or StaticBlock")
        m.add_argument("--dataplane", "--network-dataplane", dest="dataplane", help="azure (default) or cilium")
        g = p.add_argument_group("one node pool")
        g.add_argument("--nodes", help="node count (leave out with --subnet for reverse mode)")
        g.add_argument("--max-count", help="autoscaler maximum: the plan sizes for it")
        g.add_argument("--max-pods", help="max pods per node (default: the model's)")
        g.add_argument("--max-surge", help="upgrade surge: N nodes or P%% (default 10%%; 'legacy' = 1)")
        g.add_argument("--os", help="linux (default) or windows")
        g.add_argument(
            "--pool",
            action="append",
            default=[],
            metavar="K=V,...",
            help="a pool: name=user,nodes=10,max-count=20,max-pods=50,max-surge=33%%,os=windows (repeatable)",
        )
        g.add_argument("--spec", type=Path, metavar="FILE", help="a whole cluster from TOML or JSON")
        c = p.add_argument_group("cluster")
        c.add_argument("--scale-out", help="extra nodes you may add by hand beyond the pools")
        c.add_argument("--extra-ips", help="other node-subnet IPs: internal LB front ends, private endpoints")
        c.add_argument("--subnet", "--node-subnet", dest="subnet", metavar="CIDR", help="node subnet")
        c.add_argument("--pod-subnet", metavar="CIDR", help="pod subnet (pod-subnet models)")
        c.add_argument("--pod-cidr", metavar="CIDR", help="pod CIDR (kubenet, overlay, none; default 10.244.0.0/16)")
        c.add_argument("--service-cidr", metavar="CIDR", help="service CIDR (default 10.0.0.0/16)")
        c.add_argument("--dns-service-ip", metavar="IP", help="DNS service IP (default 10.0.0.10)")
        c.add_argument("--vnet", metavar="CIDR", help="VNet address space")
        c.add_argument(
            "--peer", action="append", default=[], metavar="CIDR", help="peered or on-premises range (repeatable)"
        )
        p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    return root


def _parse_pool(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in filter(None, (s.strip() for s in text.split(","))):
        key, eq, value = part.partition("=")
        if not eq or not value.strip():
            raise SpecError(f"--pool {text!r}: {part!r} is not key=value; write name=user,nodes=10,max-pods=50")
        fields[key.strip().replace("-", "_")] = value.strip()
    unknown = sorted(set(fields) - {"name", *_POOL_FLAGS})
    if unknown:
        raise SpecError(
            f"--pool {text!r} has unknown keys {', '.join(unknown)}: "
            f"use name, nodes, max-count, max-pods, max-surge, os"
        )
    return fields


def _model_text(args: argparse.Namespace) -> str | None:
    """The model as one string: --plugin's value, or the az CLI flags joined (validated by models)."""
    pairs = [
        (flag, value)
        for flag, value in (
            ("network-plugin", args.network_plugin),
            ("network-plugin-mode", args.network_plugin_mode),
            ("pod-ip-allocation-mode", args.pod_ip_allocation_mode),
        )
        if value is not None
    ]
    az = [f"--{flag} {shlex.quote(value)}" for flag, value in pairs]
    given = [value for _, value in pairs]
    if az and args.plugin is not None:
        shown = ", ".join(f"{flag.split()[0]} {value!r}" for flag, value in zip(az, given, strict=True))
        raise SpecError(f"give --plugin {args.plugin!r} or the az CLI flags ({shown}), not both")
    return " ".join(az) if az else args.plugin


def _load_spec_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"--spec {str(path)!r} cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise SpecError(f"--spec {str(path)!r} is not UTF-8 text: save it as UTF-8 TOML or JSON") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except ValueError as exc:  # JSONDecodeError, TOMLDecodeError, and json's digit limit
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise SpecError(f"--spec {str(path)!r} is not valid {kind}: {exc}") from None
    if not isinstance(data, dict):
        raise SpecError(f"--spec {str(path)!r} must hold one object (table) describing the cluster")
    return data


def _spec(args: argparse.Namespace) -> tuple[ClusterSpec, bool]:
    """The cluster the arguments describe, and whether this is reverse mode."""
    data: dict[str, Any] = _load_spec_file(args.spec) if args.spec else {}
    model = _model_text(args)
    if model is not None:
        data.pop("model", None)
        data["plugin"] = model
    for key in _CLUSTER_FLAGS:
        if getattr(args, key) is not None:
            data[key] = getattr(args, key)
    if args.subnet is not None:
        data.pop("subnet", None)
        data["node_subnet"] = args.subnet
    if args.peer:
        data["peers"] = args.peer
    pool_args = {k: getattr(args, k) for k in _POOL_FLAGS if getattr(args, k) is not None}
    if args.pool:
        clash = " ".join(f"--{k.replace('_', '-')} {pool_args[k]}" for k in ("nodes", "max_count") if k in pool_args)
        if clash:
            raise SpecError(
                f"{clash} describes one pool but --pool {args.pool[0]!r} was given too: "
                f"put nodes and max-count inside each --pool instead"
            )
        data["pools"] = [{**pool_args, **_parse_pool(text)} for text in args.pool]
    elif pool_args or "pools" not in data:
        data["pools"] = [{"name": "nodepool1", **pool_args}]
    reverse_mode = not args.pool and args.nodes is None and not args.spec and data.get("node_subnet") is not None
    if reverse_mode:
        data["pools"][0]["nodes"] = 0
    return spec_from_mapping(data), reverse_mode


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        spec, reverse_mode = _spec(args)
        if args.command == "compare":
            plans = [plan(replace(spec, model=m)) for m in NetworkModel]
            _emit(render_comparison(plans, args.format))
            return EXIT_OK if any(p.valid for p in plans) else EXIT_FINDINGS
        result = reverse(spec) if reverse_mode else plan(spec)
    except AksKitError as exc:
        print(f"akskit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _emit(render(result, args.format, reverse=reverse_mode))
    return EXIT_OK if result.valid and result.fits is not False else EXIT_FINDINGS


def _emit(text: str) -> None:
    """Print, staying quiet when the reader has gone (``akskit plan | head -1``)."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
