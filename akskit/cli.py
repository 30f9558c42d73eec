"""The ``akskit`` command: plan or compare AKS address space from the shell.

Exit status: 0 the plan is valid and fits; 1 it has error findings; 2 the
input is unusable (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from akskit.engine.errors import AksKitError, SpecError, one_line, quote
from akskit.engine.models import NetworkModel
from akskit.engine.numbers import whole_number
from akskit.engine.plans import plan, reverse
from akskit.engine.report import emit, render, render_comparison
from akskit.engine.spec import ClusterSpec
from akskit.engine.spec_mapping import canonical_key, spec_from_mapping
from akskit.engine.surge import parse_surge
from akskit.engine.values import replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a plan never needs it)
if TYPE_CHECKING:
    from typing import Any, NoReturn

__all__ = ["main"]

#: The subcommands whose code loads only when they run: name -> (module, its parser hook, its runner, help).
#: ``akskit --help`` lists them from this table; tests/test_import.py checks each help against its module's.
LAZY_COMMANDS = {
    "import": (
        "akskit.engine.cluster_import",
        "add_import_parser",
        "run_import",
        "plan a real cluster from 'az aks show -o json', an ARM managedClusters body or 'terraform show -json'",
    ),
    "explain": (
        "akskit.engine.aks_errors",
        "add_explain_parser",
        "run_explain",
        "explain an AKS error (InsufficientSubnetSize, SubnetIsFull, ...) in numbers, with the fix",
    ),
}
#: The commands built on plan's flags: name -> help.
_PLAN_COMMANDS = {
    "plan": "plan one cluster (leave out --nodes and give --subnet for reverse mode)",
    "compare": "the same workload under every network model, side by side",
    "export": "the planned cluster as az commands, an ARM template, Bicep or Terraform (--to)",
}
_EXPORT_MODULE = "akskit.engine.cluster_export"  # export shares plan's flags; its own (--to) load with it


def _lazy(module: str, name: str) -> Any:
    return getattr(importlib.import_module(module), name)


def _run(args: argparse.Namespace) -> int:
    """Run a lazy subcommand (import, explain) through its module's runner."""
    module, _, runner, _ = LAZY_COMMANDS[args.command]
    status: int = _lazy(module, runner)(args)
    return status


EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_POOL_FLAGS = ("nodes", "max_count", "max_pods", "max_surge", "os", "max_unavailable", "upgrade_strategy")
_POOL_KEYS = ("name", *_POOL_FLAGS, "mode")
_CLUSTER_FLAGS = (
    "moment",
    "dataplane",
    "scale_out",
    "extra_ips",
    "pod_subnet",
    "pod_cidr",
    "service_cidr",
    "dns_service_ip",
    "vnet",
)


def _columns() -> int:
    """``shutil.get_terminal_size().columns`` (the same rule), without importing shutil and its compressors."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, its width found as argparse finds it (argparse builds one per parser and flag)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # one line, exit 2: the documented contract
        self.exit(EXIT_USAGE, f"akskit: error: {one_line(message, 300)} (see '{self.prog} --help')\n")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line for ``command``: argparse's cost grows with every parser and flag, so only what runs is built.

    A known command gets its parser alone (its module, for import, explain and export, imported
    then). Any other word gets every subcommand listed without flags, so the error names them all,
    as ``akskit --help`` (``command`` ``None``) does; ``None`` also builds plan's, compare's and export's flags.
    """
    root = _Parser(prog="akskit", description="Plan AKS IP address space for every network model.")
    sub = root.add_subparsers(dest="command", required=True, parser_class=_Parser)
    known = command in (*_PLAN_COMMANDS, *LAZY_COMMANDS)
    for name, text in _PLAN_COMMANDS.items():
        if known and name != command:
            continue
        p = sub.add_parser(name, help=text, description=text)
        if command is not None and name != command:
            continue  # an unknown command: listed only
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
        g.add_argument("--max-unavailable", help="nodes upgraded in place at once: N or P%% (user pools; default 0)")
        g.add_argument("--upgrade-strategy", help="rolling (default) or bluegreen (a second copy of the pool)")
        g.add_argument(
            "--pool",
            action="append",
            default=[],
            metavar="K=V,...",
            help="a pool: name=user,nodes=10,max-count=20,max-pods=50,max-surge=33%%,os=windows,mode=user,"
            "max-unavailable=1,upgrade-strategy=bluegreen (repeatable)",
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
            "--moment",
            choices=("upgrade", "create"),
            help="size for an upgrade (pools plus surge; the default) or for creation (no surge, as AKS checks)",
        )
        c.add_argument(
            "--peer", action="append", default=[], metavar="CIDR", help="peered or on-premises range (repeatable)"
        )
        p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
        if name == "export" and command == "export":
            _lazy(_EXPORT_MODULE, "add_export_arguments")(p)
    for name, (module, hook, _, text) in LAZY_COMMANDS.items():
        if name == command:
            _lazy(module, hook)(sub)
        elif not known:  # listed by --help with the same text; the real parser is built when the command runs
            sub.add_parser(name, help=text, description=text)
    return root


def _parse_pool(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    spelt: dict[str, str] = {}
    for part in filter(None, (s.strip() for s in text.split(","))):
        key, eq, value = part.partition("=")
        if not eq or not value.strip():
            raise SpecError(
                f"--pool {quote(text)}: {quote(part)} is not key=value; write name=user,nodes=10,max-pods=50"
            )
        name = key.strip().replace("-", "_")
        if name in fields:
            raise SpecError(f"--pool {quote(text)} gives {quote(spelt[name])} and {quote(key.strip())}: keep one")
        fields[name], spelt[name] = value.strip(), key.strip()
    unknown = [spelt[k] for k in fields if k not in _POOL_KEYS]
    if unknown:
        raise SpecError(
            f"--pool {quote(text)} has unknown keys {', '.join(map(quote, unknown))}: "
            f"use {', '.join(k.replace('_', '-') for k in _POOL_KEYS)}"
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
    if pairs:
        import shlex  # only the az CLI spelling needs it

    az = [f"--{flag} {shlex.quote(value)}" for flag, value in pairs]
    if az and args.plugin is not None:
        shown = ", ".join(f"--{flag} {quote(value)}" for flag, value in pairs)
        raise SpecError(f"give --plugin {quote(args.plugin)} or the az CLI flags ({shown}), not both")
    return " ".join(az) if az else args.plugin


def _numbers(args: argparse.Namespace) -> dict[str, object]:
    """Every count flag given, parsed and bounded here so the message names the flag."""
    values: dict[str, object] = {}
    for key in ("nodes", "max_count", "max_pods", "scale_out", "extra_ips"):
        text = getattr(args, key)
        if text is not None:
            values[key] = whole_number(text, f"--{key.replace('_', '-')}", low=1 if key == "max_pods" else 0)
    for key, what in (("max_surge", "max surge"), ("max_unavailable", "max unavailable")):
        if getattr(args, key) is not None:
            try:
                values[key] = parse_surge(getattr(args, key), what)
            except SpecError as exc:
                raise SpecError(f"--{key.replace('_', '-')}: {exc}") from None
    return values


def _override(data: dict[str, Any], key: str, value: object) -> None:
    """Set ``key`` in a spec mapping, removing every other spelling of it first (flags override the spec)."""
    for k in [k for k in data if canonical_key(k) == key]:
        del data[k]
    data[key] = value


def _fill(pools: list[dict[str, Any]], flags: dict[str, object], source: str) -> None:
    """One-pool flags as defaults for every pool that does not set the key; a flag that fits none is refused."""
    for key, value in flags.items():
        flag = f"--{key.replace('_', '-')} {quote(str(value))}"
        if key in ("nodes", "max_count") and len(pools) > 1:
            raise SpecError(
                f"{flag} describes one pool but {source} gives {len(pools)} pools: put {key.replace('_', '-')} "
                f"inside each pool instead"
            )
        targets = [p for p in pools if not any(canonical_key(k) == key for k in p)]
        if not targets:
            raise SpecError(
                f"{flag} applies to no pool: every pool in {source} sets {key.replace('_', '-')}; "
                f"drop the flag or the key"
            )
        for p in targets:
            p[key] = value


def _merged_pools(
    args: argparse.Namespace, spec_pools: list[dict[str, Any]] | None, pool_flags: dict[str, object]
) -> list[dict[str, Any]]:
    """The spec's pools, each --pool merged by name (its keys win) or added, then one-pool flags as defaults."""
    pools = [dict(p) for p in spec_pools] if spec_pools is not None else []
    from_spec = list(pools)
    for text in args.pool:
        given = _parse_pool(text)
        name = given.get("name", "nodepool1")
        same = next((p for p in from_spec if str(p.get("name", "nodepool1")) == name), None)
        if same is None:
            pools.append(given)
            continue
        for key, value in given.items():  # flags override the spec key by key
            for k in [k for k in same if canonical_key(k) == key]:
                del same[k]
            same[key] = value
    source = "--pool"
    if spec_pools is not None:
        source = f"--spec {quote(str(args.spec))}" + (" and --pool" if args.pool else "")
    if not pools:
        pools, source = [{"name": "nodepool1"}], "the default pool"
    _fill(pools, pool_flags, source)
    return pools


def _spec(args: argparse.Namespace) -> tuple[ClusterSpec, bool]:
    """The cluster the arguments describe, and whether this is reverse mode."""
    for key, value in vars(args).items():
        if isinstance(value, str) and not value.strip():
            raise SpecError(f"--{key.replace('_', '-')} is empty: give a value or leave the flag out")
    for flag, texts in (("--pool", args.pool), ("--peer", args.peer)):
        if any(not text.strip() for text in texts):
            raise SpecError(f"{flag} is empty: give a value or leave the flag out")
    numbers = _numbers(args)
    data: dict[str, Any] = {}
    if args.spec:
        data = _lazy("akskit.engine.specfile", "load_spec_file")(args.spec, "--spec")
    model = _model_text(args)
    if model is not None:
        _override(data, "plugin", model)
    for key in _CLUSTER_FLAGS:
        if getattr(args, key) is not None:
            _override(data, key, numbers.get(key, getattr(args, key)))
    if args.subnet is not None:
        _override(data, "node_subnet", args.subnet)
    if args.peer:
        _override(data, "peers", args.peer)
    pool_flags = {k: numbers.get(k, getattr(args, k)) for k in _POOL_FLAGS if getattr(args, k) is not None}
    spec_pools = data.get("pools")
    if args.pool or pool_flags or spec_pools is None:
        if spec_pools is not None and not (
            isinstance(spec_pools, list) and spec_pools and all(isinstance(p, dict) for p in spec_pools)
        ):
            return spec_from_mapping(data), False  # the spec's own message says what is wrong with its pools
        data["pools"] = _merged_pools(args, spec_pools, pool_flags)
    reverse_mode = not args.pool and not args.spec and args.nodes is None and data.get("node_subnet") is not None
    if reverse_mode:
        if args.max_count is not None:
            raise SpecError(
                f"--max-count {quote(args.max_count)} has no meaning in reverse mode (no --nodes: akskit finds the "
                f"largest pool that fits --subnet): give --nodes for a forward plan, or drop --max-count"
            )
        data["pools"][0]["nodes"] = 0
    return spec_from_mapping(data), reverse_mode


def _take_peers(argv: list[str]) -> tuple[list[str], list[str]]:
    """Pull ``--peer X`` and ``--peer=X`` out before argparse, whose option scan is quadratic in their number.

    Thousands of peered ranges (a hub with many spokes) would otherwise take seconds to
    parse; anything else, including a ``--peer`` with no value or after ``--``, is left to argparse.
    """
    rest: list[str] = []
    peers: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--peer" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            peers.append(argv[i + 1])
            i += 2
            continue
        if arg.startswith("--peer="):
            peers.append(arg.partition("=")[2])
        else:
            rest.append(arg)
        i += 1
    return rest, peers


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    rest, peers = (words, []) if words[:1] == ["explain"] else _take_peers(words)
    command = rest[0] if rest and not rest[0].startswith("-") else None  # "-h plan" lists every command
    args = _parser(command).parse_args(rest)
    if args.command == "explain":
        return _run(args)
    args.peer = [*peers, *args.peer]
    if args.command == "import":
        return _run(args)
    try:
        spec, reverse_mode = _spec(args)
        if args.command == "export":
            status: int = _lazy(_EXPORT_MODULE, "run_export")(args, spec, reverse_mode)
            return status
        if args.command == "compare":
            plans = [plan(replace(spec, model=m)) for m in NetworkModel]
            emit(render_comparison(plans, args.format))
            return EXIT_OK if any(p.valid for p in plans) else EXIT_FINDINGS
        result = reverse(spec) if reverse_mode else plan(spec)
    except AksKitError as exc:
        print(f"akskit: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    emit(render(result, args.format, reverse=reverse_mode))
    return EXIT_OK if result.valid and result.fits is not False else EXIT_FINDINGS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
