"""Explain an error that AKS returned: which range, how many addresses, how many were asked for, the fix.

``akskit explain`` reads the text of a failed ``az aks`` command or deployment (as an
argument or on standard input), recognises the AKS error code in it, pulls out the
numbers, and answers with the cause in numbers, the smallest fix, the az flag to
change and Microsoft's troubleshooting page. Without a plan it works from the numbers
in the text alone. (:mod:`akskit.engine.explain` explains akskit's own findings.)

>>> e = explain_error("Pre-allocated IPs 310 exceeds IPs available in Subnet 251")
>>> e.code, e.values["requested"], e.fix["prefix"]
('InsufficientSubnetSize', 310, '/23')
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from akskit.engine.aks_error_causes import (
    cidr_parse_error,
    dns_ip_out_of_range,
    insufficient_subnet_size,
    service_cidr_overlap,
    subnet_delegated,
    subnet_is_full,
    vnet_overlap,
)
from akskit.engine.aks_error_context import with_plan
from akskit.engine.aks_error_types import (
    CIDR,
    DNS_SERVICE_IP_OUT_OF_RANGE_URL,
    INSUFFICIENT_SUBNET_SIZE_URL,
    IP,
    KNOWN_CODES,
    MAX_INPUT_BYTES,
    NAME,
    NUM,
    SERVICE_CIDR_OVERLAP_URL,
    SUBNET_IS_DELEGATED_URL,
    SUBNET_IS_FULL_URL,
    AksErrorExplanation,
    group,
)
from akskit.engine.cluster_import import import_cluster, read_json
from akskit.engine.errors import AksKitError, SpecError, one_line
from akskit.engine.facts import (
    IP_PLANNING_URL,
    OVERLAY_URL,
)
from akskit.engine.report import emit
from akskit.engine.spec import ClusterSpec
from akskit.engine.spec_mapping import spec_from_mapping
from akskit.engine.specfile import load_spec_file

__all__ = [
    "KNOWN_CODES",
    "MAX_INPUT_BYTES",
    "AksErrorExplanation",
    "add_explain_parser",
    "explain_error",
    "run_explain",
]


_Handler = Callable[[re.Match[str], str], AksErrorExplanation]
#: (literal that must appear, pattern, handler): the literal keeps a regex off text that cannot match.
_PATTERNS: tuple[tuple[str, re.Pattern[str], _Handler], ...] = (
    (
        "Pre-allocated IPs",
        re.compile(
            rf"Pre-allocated IPs {group('req', NUM)} exceeds IPs available "
            rf"(?:{group('avail', NUM)} in Subnet Cidr {group('cidr', CIDR)}"
            rf"(?:, Subnet Name {group('name', NAME)}\.?(?=[\s\"'\\]|$))?"
            rf"|in Subnet (?P<avail2>\d{{1,12}}))"
        ),
        insufficient_subnet_size,
    ),
    (
        "with address prefix",
        re.compile(
            rf"(?:Subnet )?{group('name', NAME)} with address prefix {group('cidr', CIDR)}"
            rf"\\?'? does(?: not|n't) have enough (?:available IP addresses to satisfy the request|capacity) "
            rf"for (?:{group('count', NUM)} )?IP addresses"
        ),
        subnet_is_full,
    ),
    (
        "overlaps with reserved VNET CIDR",
        re.compile(rf"CIDR {group('a', CIDR)} overlaps with reserved VNET CIDR {group('b', CIDR)}"),
        vnet_overlap,
    ),
    (
        "is conflicted with an existing subnet CIDR",
        re.compile(
            rf"service CIDR {group('a', CIDR)} is conflicted with an existing subnet CIDR "
            rf"{group('b', CIDR)}"
        ),
        service_cidr_overlap,
    ),
    (
        "is out of the range defined by service CIDR",
        re.compile(
            rf"DNS service IP {group('ip', IP)} is out of the range defined by service CIDR "
            rf"{group('cidr', CIDR)}"
        ),
        dns_ip_out_of_range,
    ),
    (
        "delegated subnet",
        re.compile(
            r"(?:subnet with id|VnetSubnetID)\s+(?P<id>[^\s\"'\\]{1,1000}?)\s+cannot be used as it\\?'?s a delegated"
        ),
        subnet_delegated,
    ),
    (
        "Cidr",
        re.compile(
            r"(?:CidrStringParseError|Cidr is invalid)(?:.{0,200}?Target=\\?\"?(?P<target>[A-Za-z.]{1,100}))?",
            re.DOTALL,
        ),
        cidr_parse_error,
    ),
)


_CODE_FIX = {
    "InsufficientSubnetSize": ("node subnet", INSUFFICIENT_SUBNET_SIZE_URL),
    "SubnetIsFull": ("node subnet", SUBNET_IS_FULL_URL),
    "NetworkProfileCIDROverlapVNET": ("pod or service CIDR", OVERLAY_URL),
    "ServiceCidrOverlapExistingSubnetsCidr": ("service CIDR", SERVICE_CIDR_OVERLAP_URL),
    "DnsServiceIpOutOfServiceCidr": ("DNS service IP", DNS_SERVICE_IP_OUT_OF_RANGE_URL),
    "SubnetIsDelegated": ("node subnet", SUBNET_IS_DELEGATED_URL),
    "CidrStringParseError": ("the CIDR field", IP_PLANNING_URL),
}


def explain_error(text: str) -> AksErrorExplanation:
    """Recognise an AKS error in ``text`` and explain it from the numbers the text holds.

    A text naming a known code without the numbers is recognised with an empty ``values``;
    any other text is not (``recognized`` false, ``code`` ``None``).

    >>> explain_error("NetworkProfile CIDR 10.244.0.0/16 overlaps with reserved VNET CIDR 10.0.0.0/8").fix["cidr"]
    '172.16.0.0/16'
    """
    text = text[: MAX_INPUT_BYTES * 4]
    for literal, pattern, handler in _PATTERNS:
        if literal in text:
            m = pattern.search(text)
            if m is not None:
                return handler(m, text)
    for code in KNOWN_CODES:
        if code.lower() in text.lower():
            what, url = _CODE_FIX[code]
            cause = (
                f"AKS returned {code}, but the text holds none of the numbers akskit reads for it; "
                "paste the whole message (Code, Message and Target) for the cause in numbers."
            )
            return AksErrorExplanation(code, True, {}, cause, {"range": what}, url)
    return AksErrorExplanation(
        None, False, {}, f"akskit does not recognise this error; it explains {', '.join(KNOWN_CODES)}.", {}, None
    )


def render_explanation(e: AksErrorExplanation, fmt: str = "table") -> str:
    """The explanation as text (``table``) or JSON."""
    if fmt == "json":
        return json.dumps(e.to_dict(), indent=2)
    if not e.recognized:
        return "not recognised: akskit explains these AKS error codes:\n" + "\n".join(f"  {c}" for c in KNOWN_CODES)
    lines = [f"{e.code}", f"cause: {e.cause}"]
    for key in ("range", "cidr", "prefix", "az"):
        if key in e.fix:
            lines.append(f"fix {key}: {e.fix[key]}")
    if e.url:
        lines.append(f"docs: {e.url}")
    return "\n".join(lines)


def add_explain_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``akskit explain`` on the CLI's subparsers."""
    text = "explain an AKS error (InsufficientSubnetSize, SubnetIsFull, ...) in numbers, with the fix"
    p: argparse.ArgumentParser = sub.add_parser("explain", help=text, description=text)
    p.add_argument("text", nargs="*", help="the error text (leave out, or give '-', to read standard input)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--spec", metavar="FILE", help="the cluster as a spec file (TOML or JSON): reproduce the number")
    where.add_argument(
        "--import",
        dest="import_file",
        metavar="FILE",
        help="the cluster as az aks show, ARM or terraform show JSON: reproduce the number",
    )
    return p


def _context(args: argparse.Namespace) -> ClusterSpec | None:
    """The cluster ``--spec`` or ``--import`` names, if either was given."""
    if getattr(args, "spec", None):
        return spec_from_mapping(load_spec_file(Path(args.spec), "--spec"))
    if getattr(args, "import_file", None):
        if args.import_file == "-" and (not args.text or args.text == ["-"]):
            raise SpecError("the error text and --import cannot both be - (standard input): give one as a file")
        return import_cluster(read_json(args.import_file, "--import")).spec
    return None


class _InputError(Exception):
    pass


def _read_input(args: argparse.Namespace, stdin: Any) -> str:
    if args.text and args.text != ["-"]:
        text = " ".join(args.text)
        if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
            raise _InputError(f"the error text is over {MAX_INPUT_BYTES:,} bytes: give the error message alone")
        return text
    if stdin is None:
        raise _InputError("no error text: give it as an argument or on standard input")
    if getattr(stdin, "isatty", lambda: False)() and not args.text:
        raise _InputError("no error text: give it as an argument or pipe it in (az ... 2>&1 | akskit explain)")
    raw = getattr(stdin, "buffer", stdin).read(MAX_INPUT_BYTES + 1)
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogateescape")
    if len(data) > MAX_INPUT_BYTES:
        raise _InputError(f"standard input is over {MAX_INPUT_BYTES:,} bytes: give the error message alone")
    if b"\x00" in data:
        raise _InputError(f"standard input is binary (a NUL byte at offset {data.index(0):,}): give the error text")
    return data.decode("utf-8", "replace")


def run_explain(args: argparse.Namespace, stdin: Any = None) -> int:
    """Run ``akskit explain``: 0 explained, 1 not recognised, 2 unusable input (one stderr line)."""
    try:
        spec = _context(args)
        text = _read_input(args, sys.stdin if stdin is None else stdin)
    except (_InputError, AksKitError) as exc:
        print(f"akskit: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    if not text.strip():
        print("akskit: error: the error text is empty: give the message AKS returned", file=sys.stderr)
        return 2
    result = explain_error(text)
    if spec is not None and result.recognized:
        result = with_plan(result, spec)
    emit(render_explanation(result, args.format))
    return 0 if result.recognized else 1
