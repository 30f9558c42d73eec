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

from akskit.engine.errors import AksKitError, one_line
from akskit.engine.models import NetworkModel
from akskit.engine.plans import plan, reverse
from akskit.engine.report import emit, render, render_comparison
from akskit.engine.spec_args import spec_from_args, take_peers
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    rest, peers = (words, []) if words[:1] == ["explain"] else take_peers(words)
    command = rest[0] if rest and not rest[0].startswith("-") else None  # "-h plan" lists every command
    args = _parser(command).parse_args(rest)
    if args.command == "explain":
        return _run(args)
    args.peer = [*peers, *args.peer]
    if args.command == "import":
        return _run(args)
    try:
        spec, reverse_mode = spec_from_args(args)
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
