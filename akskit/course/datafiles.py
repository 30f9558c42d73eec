"""The course's data files: found in the installed package (or at a path you give) and read as TOML or JSON.

The files (``capstone.toml``, ``fleet.toml``) ship inside the package, in
``akskit/course/data/``, and are found with :mod:`importlib.resources`, so the
loaders work from any working directory, from an installed wheel and in the
browser-only build. Pass ``path`` to read your own copy instead.

>>> data, source = read_data_file("capstone.toml", what="scenario file")
>>> data["network"]["vnet"], source.endswith("capstone.toml")
('10.224.0.0/12', True)
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from akskit.engine.errors import SpecError, quote

__all__ = ["data_file", "read_data_file"]


def _is(test: str, path: Path) -> bool:
    """``path.is_file()`` or ``path.is_dir()``, false where the OS refuses the name itself (too long, a NUL byte)."""
    try:
        return bool(getattr(path, test)())
    except (OSError, ValueError):
        return False


def data_file(name: str, path: str | Path | None = None, *, what: str = "data file") -> Traversable:
    """The file called ``name``: at ``path`` if given (a file, or a folder holding ``name``), else the course's copy.

    Raises:
        SpecError: the file is not there (the message says where it looked and how to fix it).

    >>> data_file("fleet.toml").name
    'fleet.toml'
    """
    if path is not None:
        given = Path(path).expanduser()
        candidate = given / name if _is("is_dir", given) else given
        if not _is("is_file", candidate):
            raise SpecError(
                f"{what} {quote(str(candidate))} not found: check the path, or leave it out to read the course's "
                f"own {quote(name)}"
            )
        return candidate
    folder = files("akskit.course") / "data"
    shipped = {f.name: f for f in folder.iterdir() if f.is_file()}  # never ask the OS about a hostile name
    if name not in shipped:
        known = ", ".join(sorted(n for n in shipped if n.endswith((".toml", ".json"))))
        raise SpecError(
            f"{what} {quote(name)} is not one of the course's data files ({known}): pass path=... to read your own"
        )
    return shipped[name]


def read_data_file(
    name: str, path: str | Path | None = None, *, what: str = "data file"
) -> tuple[Mapping[str, Any], str]:
    """Parse :func:`data_file` ``(name, path)``: JSON if its name ends in ``.json``, else TOML.

    Returns:
        The parsed document and where it was read from (for messages and ``source`` fields).

    Raises:
        SpecError: the file is missing, unreadable or not valid TOML/JSON (the message names the file).
    """
    file = data_file(name, path, what=what)
    source = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise SpecError(f"{what} {quote(source)} cannot be read ({reason}); check the path") from None
    is_json = file.name.endswith(".json")
    try:
        data = json.loads(text) if is_json else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if is_json else "TOML"
        raise SpecError(f"{what} {quote(source)} is not valid {kind} ({exc}): fix the line it names") from None
    if not isinstance(data, Mapping):
        raise SpecError(f"{what} {quote(source)} must hold a table of keys (got {quote(data)})")
    return data, source
