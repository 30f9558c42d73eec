"""The cluster a command line describes: ``plan``, ``compare`` and ``export``'s flags merged into one spec.

Flags, repeatable ``--pool`` texts and a ``--spec`` file combine key by key (a flag replaces
the spec's key; a ``--pool`` with a spec pool's name overrides its keys; one-pool flags fill
each pool that does not set them), and nothing the user wrote is dropped: a flag that would
apply to no pool, or describes one pool where there are several, is refused with its name.
:mod:`akskit.cli` builds the parser and runs the command.
"""

from __future__ import annotations

import argparse

from akskit.engine.errors import SpecError, quote
from akskit.engine.numbers import whole_number
from akskit.engine.spec import ClusterSpec
from akskit.engine.spec_mapping import canonical_key, spec_from_mapping
from akskit.engine.surge import parse_surge

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a plan never needs it)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["spec_from_args", "take_peers"]

_POOL_FLAGS = ("nodes", "max_count", "max_pods", "max_surge", "os", "max_unavailable", "upgrade_strategy")
_POOL_KEYS = ("name", *_POOL_FLAGS, "mode", "vm_size", "labels")
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


def _parse_pool(text: str) -> dict[str, str]:
    """``name=user,nodes=3,labels=a=b;c=d``: keys split at ``,``, each at its first ``=`` (labels join with ``;``)."""
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


def spec_from_args(args: argparse.Namespace) -> tuple[ClusterSpec, bool]:
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
        from akskit.engine.specfile import load_spec_file  # only with --spec: a plan from flags never reads a file

        data = load_spec_file(args.spec, "--spec")
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


def take_peers(argv: list[str]) -> tuple[list[str], list[str]]:
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
