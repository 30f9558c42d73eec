"""Reading a spec file: TOML or JSON, bounded before it is parsed.

A spec is a few KB. A device, a FIFO, a huge file or a nesting bomb is refused
with a one-line :class:`~akskit.engine.errors.SpecError` before any parser sees
it; the mapping it returns goes to
:func:`akskit.engine.spec_mapping.spec_from_mapping`.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from akskit.engine.errors import SpecError, quote

__all__ = ["SPEC_MAX_BYTES", "SPEC_MAX_DEPTH", "load_spec_file", "nesting", "read_regular_file"]

#: These stop /dev/zero, a huge file or a nesting bomb before parsing.
SPEC_MAX_BYTES = 1 << 20
SPEC_MAX_DEPTH = 16


_SPEC_LIMIT = f"{SPEC_MAX_BYTES:,}-byte (1 MiB) limit for a spec file"


def read_regular_file(
    path: str | Path,
    shown: str,
    limit: int = SPEC_MAX_BYTES,
    *,
    limit_text: str = _SPEC_LIMIT,
    expected: str = "a TOML or JSON file",
) -> bytes:
    """The file's bytes: a regular file (checked before opening, so a FIFO never blocks) of at most ``limit``.

    ``shown`` starts every message (``--spec 'x.toml'``); ``limit_text`` names the limit and
    ``expected`` what to give instead.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, FIFO or socket)"
            raise SpecError(f"{shown} cannot be read: it is {kind}; give {expected}")
        if info.st_size > limit:
            raise SpecError(f"{shown} is {info.st_size:,} bytes: over the {limit_text}")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the stat
                raise SpecError(f"{shown} cannot be read: it is not a regular file")
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise SpecError(f"{shown} cannot be read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise SpecError(f"{shown} is over the {limit_text}")
    return raw


_TOKENS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')


def nesting(text: str) -> int:
    """How deep brackets and braces nest outside strings and comments (TOML or JSON).

    >>> nesting('{"a": [[1], "]]]"]}  # [[[')
    3
    """
    depth = deepest = 0
    for token in _TOKENS.finditer(text):
        c = token.group()
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (TOML refuses it itself)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise SpecError(f"gives the key {quote(key)} twice: keep one")
        seen[key] = value
    return seen


def load_spec_file(path: Path, what: str = "spec file") -> dict[str, Any]:
    """The mapping a TOML or JSON spec file holds (JSON when its name ends ``.json``).

    Every refusal is a :class:`SpecError` that starts with ``what`` and the quoted path
    (the CLI passes ``"--spec"``): not a regular file, over :data:`SPEC_MAX_BYTES`, not UTF-8,
    nested deeper than :data:`SPEC_MAX_DEPTH`, a JSON key given twice, not valid TOML or JSON,
    or not one table.
    """
    shown = f"{what} {quote(str(path))}"
    raw = read_regular_file(path, shown)
    try:
        text = raw.decode("utf-8-sig")  # a UTF-8 byte-order mark (BOM) is accepted
    except UnicodeDecodeError:
        raise SpecError(f"{shown} is not UTF-8 text: save it as UTF-8 TOML or JSON") from None
    depth = nesting(text)
    if depth > SPEC_MAX_DEPTH:
        raise SpecError(
            f"{shown} nests lists or tables {depth:,} deep: over the limit of {SPEC_MAX_DEPTH} for a spec file"
        )
    kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates) if kind == "JSON" else tomllib.loads(text)
    except SpecError as exc:  # a JSON key given twice
        raise SpecError(f"{shown} {exc}") from None
    except RecursionError:
        raise SpecError(
            f"{shown} nests lists or tables too deep: over the limit of {SPEC_MAX_DEPTH} for a spec file"
        ) from None
    except ValueError as exc:  # JSONDecodeError, TOMLDecodeError, and json's digit limit
        raise SpecError(f"{shown} is not valid {kind}: {quote(str(exc))[1:-1]}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{shown} must hold one object (table) describing the cluster")
    return data
