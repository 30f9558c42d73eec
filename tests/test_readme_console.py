"""The README's ``console`` examples are the CLI's real output, so the README cannot drift.

Each block starts with ``$ akskit ...`` (continued with a trailing backslash); the lines
after it are exactly what the command prints. ``| jq .key`` at the end selects one key of
the JSON output, printed the way jq prints it.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
from pathlib import Path
from unittest import mock

import pytest

from akskit.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    examples = []
    for block in _BLOCK.findall(README.read_text(encoding="utf-8")):
        lines = block.splitlines()
        command = [lines.pop(0)]
        while command[-1].endswith("\\"):
            command[-1] = command[-1][:-1]
            command.append(lines.pop(0))
        examples.append((" ".join(part.strip() for part in command), "\n".join(lines)))
    return examples


def _run(command: str) -> str:
    command, _, jq = command.removeprefix("$ ").partition(" | jq ")
    stdin = ""
    if command.startswith("echo "):  # echo 'text' | akskit ...: the text on standard input
        echoed, _, command = command.partition(" | ")
        stdin = shlex.split(echoed)[1] + "\n"
    argv = shlex.split(command)
    assert argv[0] == "akskit", command
    out = io.StringIO()
    with contextlib.redirect_stdout(out), mock.patch("sys.stdin", io.StringIO(stdin)):
        main(argv[1:])
    text = out.getvalue()
    if jq:
        assert re.fullmatch(r"\.\w+", jq.strip()), f"only '| jq .key' is supported (got {jq!r})"
        text = json.dumps(json.loads(text)[jq.strip()[1:]], indent=2) + "\n"
    return text


@pytest.mark.parametrize(("command", "printed"), [pytest.param(c, p, id=c[2:60]) for c, p in _examples()])
def test_console_example_is_the_real_output(command: str, printed: str) -> None:
    """What the README shows after ``$ akskit ...`` is what that command prints today."""
    assert _run(command).rstrip("\n") == printed.rstrip("\n")


def test_the_readme_has_console_examples() -> None:
    """The worked example, reverse mode and compare are all there to check."""
    assert len(_examples()) >= 3
