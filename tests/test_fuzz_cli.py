"""Fuzz the command line and spec files: exit 0, 1 or 2, one stderr line on 2, never a traceback.

Runs ``akskit.cli.main`` in-process with stdout and stderr captured; about 10 s in all.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akskit.cli import main
from akskit.engine.spec_mapping import SPEC_KEYS

_NUMBER_FLAGS = ("--nodes", "--max-count", "--max-pods", "--scale-out", "--extra-ips", "--max-surge")
_CIDR_FLAGS = ("--subnet", "--pod-subnet", "--pod-cidr", "--service-cidr", "--vnet", "--peer")
_WORD_FLAGS = {
    "--plugin": ["kubenet", "azure-cni", "overlay", "pod-subnet", "pod-subnet-static", "none", "flannel", ""],
    "--dataplane": ["azure", "cilium", "ebpf"],
    "--os": ["linux", "windows", "macos"],
    "--network-plugin": ["azure", "kubenet", "none"],
    "--network-plugin-mode": ["overlay"],
    "--format": ["table", "json", "markdown"],
}

_hostile_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "١٢", "１０", "1e3", "3.5", "-1", "0", "10%", "150%", "legacy", "\x1b[31m", "a\nb"]),
    st.integers(1, 6000).map(lambda n: "9" * n),
)
_numbers = st.one_of(st.integers(-3, 3000).map(str), st.sampled_from(["33%", "0%", "100%", "1,000"]), _hostile_text)
_octet = st.integers(0, 300)
_cidrs = st.one_of(
    st.builds(lambda a, b, c, d, p: f"{a}.{b}.{c}.{d}/{p}", _octet, _octet, _octet, _octet, st.integers(0, 40)),
    st.sampled_from(["10.224.0.0/24", "10.0.0.0/16", "10.244.0.0/16", "192.168.0.0/16", "10.0.0.0/255.0.0.0"]),
    _hostile_text,
)
_pool_text = st.lists(
    st.tuples(
        st.sampled_from(["name", "nodes", "max-count", "max_pods", "max-surge", "os", "colour", ""]),
        st.one_of(st.sampled_from(["sys", "win", "a1", "windows", "3", "33%"]), _hostile_text),
    ),
    max_size=4,
).map(lambda kv: ",".join(f"{k}={v}" for k, v in kv))


@st.composite
def _argv(draw: st.DrawFn) -> list[str]:
    argv = [draw(st.sampled_from(["plan", "compare", "plan", "bogus"]))]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["number", "cidr", "word", "pool", "dns", "junk"]))
        if kind == "number":
            argv += [draw(st.sampled_from(_NUMBER_FLAGS)), draw(_numbers)]
        elif kind == "cidr":
            argv += [draw(st.sampled_from(_CIDR_FLAGS)), draw(_cidrs)]
        elif kind == "word":
            flag = draw(st.sampled_from(sorted(_WORD_FLAGS)))
            argv += [flag, draw(st.one_of(st.sampled_from(_WORD_FLAGS[flag]), _hostile_text))]
        elif kind == "pool":
            argv += ["--pool", draw(_pool_text)]
        elif kind == "dns":
            argv += ["--dns-service-ip", draw(st.one_of(st.just("10.0.0.10"), _hostile_text))]
        else:
            argv.append(draw(_hostile_text))
    return argv


_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**7),
    st.floats(allow_nan=False, allow_infinity=False),
    _hostile_text,
    _cidrs,
)
_json_value = st.recursive(
    _json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)
_pool_mapping = st.dictionaries(
    st.sampled_from(["name", "nodes", "max_count", "max-pods", "max_pods", "max_surge", "os", "zone"]),
    st.one_of(st.sampled_from(["sys", "win", 3, 30, "33%", "windows", "linux"]), _json_value),
    max_size=4,
)
_spec_mapping = st.dictionaries(
    st.sampled_from([*SPEC_KEYS, "colour"]),  # every known key, and one unknown
    st.one_of(
        st.sampled_from(["overlay", "kubenet", "azure-cni", "10.224.0.0/24", 3]),
        st.lists(_pool_mapping, max_size=3),
        st.lists(_cidrs, max_size=3),
        _json_value,
    ),
    max_size=6,
)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse's own errors
            status = exc.code if isinstance(exc.code, int) else -1
    return status, out.getvalue(), err.getvalue()


def _assert_contract(argv: list[str], status: int, out: str, err: str) -> None:
    assert "Traceback" not in out + err, (argv, err)
    assert status in (0, 1, 2), (argv, status, err)
    if status == 2:
        assert len(err.splitlines()) == 1, (argv, err)
        assert err.startswith(("akskit: error:", "usage:")) or "akskit: error:" in err, (argv, err)
    else:
        assert err == "", (argv, err)


_FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(_argv())
def test_fuzzed_command_lines_keep_the_exit_contract(argv: list[str]) -> None:
    """Any argument list: exit 0, 1 or 2; on 2 exactly one stderr line; no traceback."""
    _assert_contract(argv, *_run(argv))


_SPEC_DIR = Path(tempfile.mkdtemp(prefix="akskit-fuzz-"))


@_FAST
@given(_spec_mapping, st.sampled_from([".json", ".toml"]), _argv())
def test_fuzzed_spec_files_keep_the_exit_contract(data: dict[str, Any], suffix: str, flags: list[str]) -> None:
    """Any spec mapping (as JSON, or TOML-ish text) plus flags: the same contract."""
    path = _SPEC_DIR / f"spec{suffix}"
    text = json.dumps(data)
    if suffix == ".toml":  # not always valid TOML: invalid files must fail in one line too
        text = "\n".join(f"{k} = {json.dumps(v)}" for k, v in data.items())
    path.write_text(text, encoding="utf-8")
    argv = ["plan", "--spec", str(path), *flags[1:]]
    _assert_contract(argv, *_run(argv))
