"""The test browser keeps every page on this machine: a request bound elsewhere fails before it leaves."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import static_server


def test_off_machine_requests_fail_and_are_logged(context: tuple, scratch: Path) -> None:
    """A host name and an IP literal both fail at Chromium's dead proxy; a loopback request still succeeds."""
    ctx, log = context
    (scratch / "guard").mkdir()
    (scratch / "guard" / "ok.txt").write_text("here", encoding="utf-8")
    with static_server(scratch / "guard", "ok.txt", scratch / "guard-http.log") as base:
        page = ctx.new_page()
        page.goto(f"{base}/ok.txt")
        outcomes = page.evaluate(
            "async (urls) => Promise.all(urls.map(u => fetch(u, {mode: 'no-cors'}).then(() => 'ok', () => 'failed')))",
            ["http://example.com/", "http://93.184.215.14/", f"{base}/ok.txt"],
        )
        deadline = time.monotonic() + 10  # the failure events reach the log after the page's own promise
        while len(log.blocked) < 2 and time.monotonic() < deadline:
            page.wait_for_timeout(20)
    assert outcomes == ["failed", "failed", "ok"]
    assert sorted(log.blocked) == ["http://93.184.215.14/", "http://example.com/"]
    assert sorted(log.off_loopback()) == sorted(log.blocked)
