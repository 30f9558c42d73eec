"""What the offline site costs before akskit does anything: the floor under issue 11's offline targets.

Two parts run one after the other when a learner opens a notebook: JupyterLite's own page (until
the notebook's cells show, before any kernel exists) and then the kernel, which starts with
Pyodide booting. This test times both with nothing of akskit's: JupyterLite opening notebook 03
without running it, and a bare page that boots the site's own Pyodide (no package, one line of
Python), each alone (JupyterLite starts its kernel as soon as the notebook shows, so the bare boot
goes first). Each is timed in a fresh browser profile (cold) and again in the same profile (warm).
Their sum is the least any explorer can take on this machine with this stack; timings.txt prints
it beside the targets. Nothing is asserted about time; the test checks that Python really ran and
that nothing left 127.0.0.1.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import LITE_SITE, VISIBLE, built_lite_site, profile_context, static_server

SITE = LITE_SITE
NOTEBOOK = "03_kubenet.ipynb"
#: boots the site's Pyodide with no package and runs one line; publishes the seconds it took
BOOT = """<!doctype html><meta charset="utf-8"><title>bare Pyodide</title><pre id="out">booting</pre>
<script type="module">
const started = performance.now();
const { loadPyodide } = await import("./static/pyodide/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: "./static/pyodide/" });
const version = pyodide.runPython("import sys; sys.version");
window.__booted = { seconds: (performance.now() - started) / 1000, version };
document.getElementById("out").textContent = version;
</script>
"""
#: issue 11's targets for the whole path (these floors are only its first part)
TARGET_COLD_S = 8.0
TARGET_WARM_S = 4.0


@pytest.fixture(scope="module")
def floor_site(scratch: Path) -> Iterator[str]:
    """The built site, linked into a scratch folder beside the bare boot page, served on 127.0.0.1."""
    built_lite_site()
    folder = scratch / "floor-site"
    folder.mkdir()
    for entry in SITE.iterdir():
        (folder / entry.name).symlink_to(entry)
    (folder / "bare-pyodide.html").write_text(BOOT, encoding="utf-8")
    with static_server(folder, "index.html", scratch / "floor-http.log") as url:
        yield url


def test_offline_floor(floor_site: str, browser: object, artifacts: Path) -> None:
    """JupyterLite to the notebook shown, and a bare Pyodide boot, cold then warm; their sums printed."""
    profile = Path(tempfile.mkdtemp(prefix="akskit-floor-profile-"))
    ui: list[float] = []
    boot: list[float] = []
    for _ in ("cold", "warm"):
        with profile_context(browser, profile) as (ctx, log):
            bare = ctx.pages[0] if ctx.pages else ctx.new_page()  # type: ignore[attr-defined]
            started = time.perf_counter()
            bare.goto(f"{floor_site}/bare-pyodide.html")
            bare.wait_for_function("window.__booted", timeout=120_000)
            boot.append(time.perf_counter() - started)
            booted = bare.evaluate("window.__booted")
            page = ctx.new_page()  # type: ignore[attr-defined]
            bare.close()  # its Python would compete with the page timed next
            started = time.perf_counter()
            page.goto(f"{floor_site}/lab/index.html?path={NOTEBOOK}")
            page.wait_for_selector(f"{VISIBLE} .jp-Notebook .jp-Cell", timeout=120_000)
            ui.append(time.perf_counter() - started)
        assert booted["version"].startswith("3."), booted
        assert log.off_loopback() == [], log.off_loopback()
        assert log.blocked == [], log.blocked
    with (artifacts / "timings.txt").open("a") as f:
        for visit, target, u, b in (("cold", TARGET_COLD_S, ui[0], boot[0]), ("warm", TARGET_WARM_S, ui[1], boot[1])):
            f.write(
                f"offline floor, {visit} (nothing of akskit's): JupyterLite to {NOTEBOOK} shown {u:.1f} s + bare "
                f"Pyodide boot {b:.1f} s = {u + b:.1f} s before any package loads "
                f"(whole-path target <= {target:.0f} s)\n"
            )
