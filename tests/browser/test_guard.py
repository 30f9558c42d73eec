"""The test browser keeps every page on this machine: a request bound elsewhere fails before it leaves."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from conftest import Server, free_port


def test_off_machine_requests_fail_and_are_logged(context: tuple, scratch: Path) -> None:
    """A host name and an IP literal both fail at Chromium's dead proxy; a loopback request still succeeds."""
    ctx, log = context
    (scratch / "guard").mkdir()
    (scratch / "guard" / "ok.txt").write_text("here", encoding="utf-8")
    port = free_port()
    server = Server(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(scratch / "guard"), str(port)],
        f"http://127.0.0.1:{port}/ok.txt", cwd=scratch, log=scratch / "guard-http.log",
    )  # fmt: skip
    try:
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{port}/ok.txt")
        outcomes = page.evaluate(
            "async (urls) => Promise.all(urls.map(u => fetch(u, {mode: 'no-cors'}).then(() => 'ok', () => 'failed')))",
            ["http://example.com/", "http://93.184.215.14/", f"http://127.0.0.1:{port}/ok.txt"],
        )
        deadline = time.monotonic() + 10  # the failure events reach the log after the page's own promise
        while len(log.blocked) < 2 and time.monotonic() < deadline:
            page.wait_for_timeout(20)
    finally:
        server.stop()
    assert outcomes == ["failed", "failed", "ok"]
    assert sorted(log.blocked) == ["http://93.184.215.14/", "http://example.com/"]
    assert sorted(log.off_loopback()) == sorted(log.blocked)
