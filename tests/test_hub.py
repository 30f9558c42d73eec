"""The classroom on a local JupyterHub, end to end: a 3-learner load test (hub/classroom_load.py).

The script starts its own hub (configurable-http-proxy from _output/hub/proxy, which
`make hub`, `make classroom-load` and `make test` install with npm ci), then three learners
log in, start a server, run notebooks/03_kubenet.ipynb over the kernel protocol and move the
explorer's slider. The test asserts what happened, never how long it took.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.kernel  # starts a hub, servers and kernels: `make test`, not the fast `make check`

ROOT = Path(__file__).resolve().parents[1]
PROXY = ROOT / "_output" / "hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNERS = 3
SLIDER_MOVES = 5  # hub/classroom_load.py moves the "nodes" slider five times per learner


def code_cells(notebook: Path) -> int:
    """Code cells of a notebook, counted here from its JSON (the script counts from the contents API)."""
    return sum(cell["cell_type"] == "code" for cell in json.loads(notebook.read_text())["cells"])


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    if not PROXY.exists():
        pytest.fail(f"configurable-http-proxy missing at {PROXY}: `make test` installs it (npm ci from hub/)")
    out = tmp_path_factory.mktemp("classroom")
    command = [sys.executable, str(ROOT / "hub" / "classroom_load.py"), "--learners", str(LEARNERS),
               "--out", str(out), "--timeout", "600", "--pause", "0.2"]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # fmt: skip
    try:
        stdout, stderr = proc.communicate(timeout=900)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return subprocess.CompletedProcess(command, proc.returncode, stdout, stderr), out


def test_every_learner_ran_every_cell_and_moved_the_explorer(
    run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, out = run
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = list(csv.DictReader((out / "learners.csv").open()))
    cells = code_cells(ROOT / "notebooks" / "03_kubenet.ipynb")
    assert [r["learner"] for r in rows] == [f"learner{i:03d}" for i in range(1, LEARNERS + 1)]
    for r in rows:
        assert (r["ok"], r["error"]) == ("True", ""), r
        assert (int(r["cells_run"]), int(r["cells_total"])) == (cells, cells), r
        assert int(r["explorer_updates"]) == SLIDER_MOVES, r
        # measured, not assumed: a running server and kernel hold memory and spent CPU
        assert float(r["server_rss_mib"]) > 0, r
        assert float(r["kernel_rss_mib"]) > 0, r
        assert float(r["peak_rss_mib"]) == pytest.approx(
            float(r["server_rss_mib"]) + float(r["kernel_rss_mib"]), abs=0.2
        )
        assert float(r["cpu_s"]) > 0, r
    figures = json.loads((out / "summary.json").read_text())
    assert (figures["learners"], figures["failures"]) == (LEARNERS, 0)
    assert "learners per GiB" in result.stdout
    assert "learners per core" in result.stdout
    assert (out / "classroom.html").stat().st_size > 1_000_000  # plotly.js inlined: nothing fetched


def test_nothing_listened_beyond_loopback(run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = run
    figures = json.loads((out / "summary.json").read_text())
    # hub, proxy (public and API), three servers and their kernels' ZMQ ports at least
    assert len(figures["listening"]) >= 2 + LEARNERS
    assert [a for a in figures["listening"] if not a.startswith("127.0.0.1:")] == []


def test_every_process_it_started_is_gone(run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = run
    figures = json.loads((out / "summary.json").read_text())
    started = figures["pids_started"]
    # at least the hub, the proxy, the culler, and a server and a kernel per learner
    assert len(started) >= 3 + 2 * LEARNERS
    assert figures["left_running"] == []
    alive = []
    for pid, created in started.items():
        try:
            p = psutil.Process(int(pid))
            if p.create_time() == created and p.status() != psutil.STATUS_ZOMBIE:
                alive.append((pid, p.cmdline()))
        except psutil.NoSuchProcess:
            pass
    assert alive == []


def test_runtime_state_stays_out_of_the_repository(run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = run
    assert (out / "hub" / "jupyterhub.sqlite").exists()
    assert sorted(p.name for p in (out / "hub" / "users").iterdir()) == [f"learner{i:03d}" for i in range(1, 4)]
    assert (out / "hub" / "users" / "learner001" / "notebooks" / "03_kubenet.ipynb").exists()
    assert not list((ROOT / "hub").glob("*.sqlite"))
    assert not (ROOT / "hub" / "jupyterhub_cookie_secret").exists()


def test_learner_count_is_bounded() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "hub" / "classroom_load.py"), "--learners", "201"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == "classroom-load: --learners must be between 1 and 200 (got 201)"
