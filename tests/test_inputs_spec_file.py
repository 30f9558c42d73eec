"""``--spec``: what may be read (regular files, 1 MiB, 16 levels) and how flags combine with its pools.

Issue 7: ``/dev/zero`` read until memory ran out, a FIFO blocked forever, and
``--spec cluster.toml --max-pods 50`` planned one invented pool instead of the
README's two.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

import akskit
from akskit.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_cluster_toml() -> str:
    """The README's own ``cluster.toml`` example, as printed there."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"A spec file \(`cluster\.toml`\):\s*```toml\n(.*?)```", text, re.DOTALL)
    assert match, "the README no longer shows cluster.toml"
    return match.group(1)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _limited() -> None:  # pragma: no cover - runs in the child process
    """Cap the child's memory at 1 GiB so the old unbounded read fails fast instead of exhausting the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _akskit(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    source_root = str(Path(akskit.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (source_root, os.environ.get("PYTHONPATH"))))}
    return subprocess.run(
        [sys.executable, "-m", "akskit", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
        preexec_fn=_limited,  # a memory cap only, set in the child before exec
    )


class TestWhatIsRead:
    """Only regular files of at most 1 MiB are read; a FIFO is refused before it is opened."""

    @pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
    def test_device_is_refused(self, device: str) -> None:
        """A character device is not a spec: exit 2 at once, naming it, without reading it."""
        if not os.path.exists(device):
            pytest.skip(f"{device} does not exist here")
        proc = _akskit("plan", "--spec", device)
        assert "Traceback" not in proc.stderr
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1
        assert f"'{device}'" in proc.stderr
        assert "not a regular file" in proc.stderr

    def test_fifo_without_writer_does_not_block(self, tmp_path: Path) -> None:
        """A FIFO with no writer is refused from its stat, never opened (opening would block)."""
        fifo = tmp_path / "spec.toml"
        os.mkfifo(fifo)
        proc = _akskit("plan", "--spec", str(fifo), timeout=20)
        assert proc.returncode == 2
        assert "not a regular file" in proc.stderr

    def test_utf8_bom_is_accepted(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A UTF-8 byte-order mark, as some Windows editors write, is read as UTF-8."""
        path = tmp_path / "bom.json"
        path.write_bytes(b'\xef\xbb\xbf{"plugin": "kubenet"}')
        status, out, err = _run(capsys, "plan", "--spec", str(path), "--format", "json")
        assert (status, err) == (0, "")
        assert json.loads(out)["plugin"] == "kubenet"

    def test_exactly_1_mib_is_read(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The limit is inclusive: a 1,048,576-byte spec (a long comment) plans."""
        head = 'plugin = "kubenet"\n# '
        path = tmp_path / "edge.toml"
        path.write_text(head + "x" * ((1 << 20) - len(head) - 1) + "\n", encoding="utf-8")
        assert path.stat().st_size == 1 << 20
        assert _run(capsys, "plan", "--spec", str(path))[0] == 0


class TestFlagsWithSpecPools:
    """Flags never drop the spec's pools: one-pool flags are defaults for each pool that leaves the key out."""

    @pytest.fixture
    def readme_spec(self, tmp_path: Path) -> Path:
        path = tmp_path / "cluster.toml"
        path.write_text(_readme_cluster_toml(), encoding="utf-8")
        return path

    def _pools(self, capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
        status, out, err = _run(capsys, "plan", *argv, "--format", "json")
        assert status in (0, 1), err
        assert err == "", err
        pools: list[dict[str, object]] = json.loads(out)["pools"]
        return pools

    def test_max_pods_fills_the_pool_without_it(self, readme_spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """README: system sets no max_pods (gets 50), win sets 110 (keeps it); both pools stay."""
        pools = self._pools(capsys, "--spec", str(readme_spec), "--max-pods", "50")
        assert [(p["name"], p["max_pods"]) for p in pools] == [("system", 50), ("win", 110)]

    def test_max_surge_fills_the_pool_without_it(self, readme_spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """README: system keeps its 33%, win (no max_surge) takes the flag's 1."""
        pools = self._pools(capsys, "--spec", str(readme_spec), "--max-surge", "1")
        assert [(p["name"], p["max_surge"]) for p in pools] == [("system", "33%"), ("win", "1")]

    def test_cluster_flags_override_key_by_key(self, readme_spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--subnet and --plugin replace those keys only; the pools, VNet and peers stay as written."""
        args = ("plan", "--spec", str(readme_spec), "--subnet", "10.224.1.0/24", "--plugin", "kubenet")
        data = json.loads(_run(capsys, *args, "--format", "json")[1])
        assert data["plugin"] == "kubenet"
        assert data["node_subnet"]["cidr"] == "10.224.1.0/24"
        assert [p["name"] for p in data["pools"]] == ["system", "win"]
        assert data["extra_ips"] == 4

    def test_pool_flag_overrides_a_spec_pool_by_name(
        self, readme_spec: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--pool name=win,nodes=4 changes win's nodes and keeps its other keys; a new name is added."""
        pools = self._pools(capsys, "--spec", str(readme_spec), "--pool", "name=win,nodes=4", "--pool", "name=user")
        assert [(p["name"], p["nodes"], p["max_count"], p["max_pods"]) for p in pools][:2] == [
            ("system", 3, None, pools[0]["max_pods"]),
            ("win", 4, 10, 110),
        ]
        assert pools[2]["name"] == "user"

    @pytest.mark.parametrize(
        ("flags", "expected"),
        [
            (("--nodes", "5"), ("--nodes '5'", "2 pools")),
            (("--max-count", "9"), ("--max-count '9'", "2 pools")),
        ],
    )
    def test_one_pool_count_with_several_pools_is_refused(
        self, readme_spec: Path, flags: tuple[str, ...], expected: tuple[str, ...], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--nodes or --max-count can't say which of the spec's pools they mean: exit 2 naming the conflict."""
        status, out, err = _run(capsys, "plan", "--spec", str(readme_spec), *flags)
        assert (status, out) == (2, "")
        assert err.count("\n") == 1
        assert all(text in err for text in expected), err

    def test_flag_that_every_pool_sets_is_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--max-pods when every pool sets max_pods would apply nowhere: exit 2, not silently ignored."""
        path = tmp_path / "set.toml"
        path.write_text('[[pools]]\nname = "sys"\nmax_pods = 30\n', encoding="utf-8")
        status, _, err = _run(capsys, "plan", "--spec", str(path), "--max-pods", "50")
        assert status == 2
        assert "--max-pods '50' applies to no pool" in err

    def test_single_pool_spec_takes_nodes(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """One pool without a node count: --nodes fills it, the pool keeps its name."""
        path = tmp_path / "one.toml"
        path.write_text('[[pools]]\nname = "sys"\nmax_pods = 30\n', encoding="utf-8")
        pools = self._pools(capsys, "--spec", str(path), "--nodes", "7")
        assert [(p["name"], p["nodes"], p["max_pods"]) for p in pools] == [("sys", 7, 30)]
