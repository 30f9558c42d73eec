"""Real-browser fixtures: Debian's Chromium driven by Playwright, servers on 127.0.0.1 only.

Without Chromium the browser tests skip with a loud reason on a developer's machine and
fail under CI (``CI=true``), where a missing browser means a broken install step.
Screenshots and timings land in ``_output/browser/`` as test artifacts.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "_output" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).is_file()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Flags that keep Chromium off the network (see shared/ecosystem.md and the env notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
    # Anything bound off this machine goes to a proxy on a closed loopback port and fails there,
    # before it leaves (host names and IP literals alike); Chromium never proxies loopback. This
    # replaces intercepting every request in the test process, which added 0.5-1 s of round trips
    # to each page load that the timings then reported as the page's.
    f"--proxy-server=http://127.0.0.1:{(NOWHERE := 9)}",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
# JupyterLab (and JupyterLite) page helpers: the open notebook, and "every code cell has run".
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
ALL_RAN = f"""() => {{
  const prompts = [...document.querySelectorAll('{VISIBLE} .jp-CodeCell .jp-InputPrompt')];
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}}"""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test here is a browser test: skip loudly without Chromium, or fail under CI."""
    here = Path(__file__).parent
    browser_items = [i for i in items if Path(str(i.fspath)).is_relative_to(here)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if HAVE_CHROMIUM or not browser_items:
        return
    reason = f"BROWSER TESTS NOT RUN: no Chromium at {CHROMIUM}; install it with 'apt-get install -y chromium'"
    if IN_CI:
        raise pytest.UsageError(reason + " (CI=true: a missing browser is a failure)")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Repeat the skip reason at the end of the run, where nobody can miss it."""
    if not HAVE_CHROMIUM:
        terminalreporter.write_sep("!", "browser tests skipped: Chromium is not installed", red=True, bold=True)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A server started as a subprocess in its own process group, stopped with it."""

    def __init__(
        self,
        command: Sequence[str],
        ready_url: str,
        *,
        cwd: Path,
        env: dict[str, str] | None = None,
        log: Path,
        timeout: float = 90,
    ) -> None:
        self.url = ready_url
        self.log = log
        self._log = log.open("w")
        self.process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started = time.perf_counter()
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {self.process.returncode}: see {log}")
            try:
                with urllib.request.urlopen(ready_url, timeout=2):  # noqa: S310 - loopback URL we built
                    break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{ready_url} did not answer within {timeout} s: see {log}") from None
                time.sleep(0.2)
        self.ready_after = time.perf_counter() - self.started

    def stop(self) -> None:
        """Stop the whole process group (the server and any kernels it started)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


LITE_SITE = ROOT / "_output" / "lite"


def built_lite_site() -> Path:
    """The browser-only site ``make lite`` built; without it, skip (fail under CI=true, which builds it first)."""
    if not (LITE_SITE / "index.html").is_file():
        reason = f"BROWSER-ONLY SITE NOT BUILT: no {LITE_SITE / 'index.html'}; run 'make lite' first"
        if IN_CI:
            pytest.fail(reason + " (CI=true: the site must be built before the tests)")
        pytest.skip(reason)
    return LITE_SITE


@contextlib.contextmanager
def static_server(folder: Path, ready: str, log: Path) -> Iterator[str]:
    """``folder`` served by ``python -m http.server`` on 127.0.0.1 once ``ready`` answers; yields the base URL."""
    port = free_port()
    server = Server(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(folder), str(port)],
        f"http://127.0.0.1:{port}/{ready}", cwd=folder, log=log,
    )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and timings go (``_output/browser``)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:  # the proxy that swallows off-machine requests must have no listener
        assert probe.connect_ex(("127.0.0.1", NOWHERE)) != 0, f"something listens on 127.0.0.1:{NOWHERE}"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _off_loopback(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOOPBACK


class RequestLog:
    """Every request a page (and its workers) made, and which of those bound off loopback failed (so never left)."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.blocked: list[str] = []

    def __call__(self, request: object) -> None:
        self.urls.append(request.url)  # type: ignore[attr-defined]

    def failed(self, request: object) -> None:
        """A request that did not complete: off loopback, that is Chromium's dead proxy refusing it."""
        if _off_loopback(request.url):  # type: ignore[attr-defined]
            self.blocked.append(request.url)  # type: ignore[attr-defined]

    def off_loopback(self) -> list[str]:
        """Requests to any host but 127.0.0.1 / localhost (data: and blob: URLs are local)."""
        return [u for u in self.urls if _off_loopback(u)]


def _guarded(ctx: object) -> RequestLog:
    log = RequestLog()
    ctx.on("request", log)  # type: ignore[attr-defined]
    ctx.on("requestfailed", log.failed)  # type: ignore[attr-defined]
    return log


@contextlib.contextmanager
def fresh_context(browser: object) -> Iterator[tuple[object, RequestLog]]:
    """A new browser context (no cache, no storage): every request logged (workers included), none allowed
    off loopback; closed on exit."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})  # type: ignore[attr-defined]
    try:
        yield ctx, _guarded(ctx)
    finally:
        ctx.close()


@pytest.fixture
def context(browser: object) -> Iterator[tuple[object, RequestLog]]:
    """A fresh browser context for one test (see :func:`fresh_context`)."""
    with fresh_context(browser) as (ctx, log):
        yield ctx, log


@contextlib.contextmanager
def profile_context(browser: object, profile: Path) -> Iterator[tuple[object, RequestLog]]:
    """Chromium on its own profile folder (a second launch on the same folder finds the first's caches: a
    warm visit), every request logged and none allowed off loopback; closed on exit."""
    ctx = browser.browser_type.launch_persistent_context(  # type: ignore[attr-defined]
        str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 1000},
    )  # fmt: skip
    try:
        yield ctx, _guarded(ctx)
    finally:
        ctx.close()


def lab_settings(base: Path) -> dict[str, str]:
    """JupyterLab user settings for tests: no news toast, every cell rendered, no kernel dialog."""
    settings = base / "user-settings" / "@jupyterlab"
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false"})
    )
    (settings / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none", "autoStartDefaultKernel": True})
    )
    (base / "workspaces").mkdir(exist_ok=True)
    return {
        "JUPYTERLAB_SETTINGS_DIR": str(base / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
    }


def course_copy(base: Path) -> Path:
    """A throw-away copy of the notebooks, so running them never touches the repo (data ships in akskit)."""
    shutil.copytree(ROOT / "notebooks", base / "notebooks")
    return base


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))]


def record_timing(artifacts: Path, name: str, values: Sequence[float]) -> str:
    """Write median/p95 milliseconds to the artifacts folder and return the line."""
    line = (
        f"{name}: median {percentile(values, 50):.0f} ms, p95 {percentile(values, 95):.0f} ms "
        f"over {len(values)} sample{'s' if len(values) != 1 else ''}"
    )
    with (artifacts / "timings.txt").open("a") as f:
        f.write(line + "\n")
    print(line, file=sys.stderr)
    return line


@pytest.fixture(scope="session")
def scratch() -> Iterator[Path]:
    """A scratch folder for servers' copies and settings, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="akskit-browser-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def planner_parts(page: object) -> tuple[object, object, object, object]:
    """The planner app, its results panel, its plot and its nodes slider handle, found as a learner sees them."""
    app = page.locator(".akskit-planner")  # type: ignore[attr-defined]
    handle = (
        app.locator(".widget-hslider")
        .filter(has=page.locator("label", has_text=re.compile(r"^nodes$")))  # type: ignore[attr-defined]
        .locator(".noUi-handle")
    )
    return app, app.locator(".akskit-planner-results"), app.locator(".js-plotly-plot").first, handle
