"""App mode in real headless Chromium: Voila serves ``app/calculator.ipynb`` on 127.0.0.1 (as ``make app`` does).

The page is opened, the calculator's widgets are driven with the keyboard and by typing a
subnet, and the result is read back from the DOM: the results panel's text and the plotly
graph's data. Voila's page asks a CDN for Font Awesome (icons only); the test context aborts
that request before it leaves, and the test proves it was the only one bound off loopback.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, Server, free_port, planner_parts, record_timing

from akskit.engine.cidr import parse_network
from akskit.engine.errors import AksKitError

# Page-side probes: when the plot's data and the results panel last changed after a control moved.
WATCH = """([gd, panel]) => {
  const snap = () => JSON.stringify(gd.data.map(t => [t.x, t.y]));
  window.__arm = () => { window.__w = {start: performance.now(), plot: null, panel: null,
                                       base: snap(), text: panel.innerText}; };
  gd.on('plotly_afterplot', () => {
    const w = window.__w;
    if (w && w.plot === null && snap() !== w.base) w.plot = performance.now();
  });
  new MutationObserver(() => {
    const w = window.__w;
    if (w && w.panel === null && panel.innerText !== w.text) w.panel = performance.now();
  }).observe(panel, {subtree: true, childList: true, characterData: true});
}"""
BOTH_CHANGED = "() => window.__w.plot !== null && window.__w.panel !== null"


@pytest.fixture(scope="module")
def voila(scratch: Path) -> Iterator[tuple[str, Server]]:
    """Voila on a free port of 127.0.0.1 serving the app notebook; ready when the page answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = Server(
        [
            str(Path(sys.executable).with_name("voila")),
            "app/calculator.ipynb",
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
        ],
        url,
        cwd=ROOT,
        log=scratch / "voila.log",
    )
    yield url, server
    server.stop()


def _traces(plot: object) -> str:
    return plot.evaluate("gd => JSON.stringify(gd.data.map(t => [t.x, t.y]))")  # type: ignore[attr-defined]


def _change(page: object, act: object) -> tuple[float, float]:
    """Arm the probes, act (press a key, type), wait for plot and panel to change: (to plot, to panel) in ms."""
    page.evaluate("window.__arm()")  # type: ignore[attr-defined]
    act()  # type: ignore[operator]
    page.wait_for_function(BOTH_CHANGED, timeout=30_000)  # type: ignore[attr-defined]
    w = page.evaluate("window.__w")  # type: ignore[attr-defined]
    return w["plot"] - w["start"], w["panel"] - w["start"]


def test_app_mode_in_voila(voila: tuple[str, Server], context: tuple, artifacts: Path) -> None:
    """Slider and typed subnet change the results and the plot; a bad CIDR shows its message and keeps both."""
    url, server = voila
    ctx, log = context
    page = ctx.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))

    start = time.perf_counter()
    page.goto(url)
    app, panel, plot, handle = planner_parts(page)
    panel.get_by_text("1,581 IPs").wait_for(timeout=120_000)  # Microsoft's 50-node example, computed in the kernel
    plot.locator(".scatterlayer .trace").first.wait_for(timeout=120_000)
    handle.wait_for(timeout=120_000)
    interactive = (time.perf_counter() - start) * 1000
    record_timing(
        artifacts, f"Voila app: page to interactive (server ready in {server.ready_after:.1f} s)", [interactive]
    )

    plot.evaluate("(gd, panel) => (" + WATCH + ")([gd, panel])", panel.element_handle())

    # The nodes slider, moved with the keyboard: 50 -> 58, one step at a time.
    to_plot, to_panel = [], []
    for _ in range(8):
        before = (_traces(plot), panel.inner_text())
        a, b = _change(page, lambda: (handle.focus(), page.keyboard.press("ArrowRight")))
        to_plot.append(a)
        to_panel.append(b)
        assert (_traces(plot), panel.inner_text()) != before, "the slider changed nothing"
    assert handle.get_attribute("aria-valuenow") == "58.0"
    assert "59 (pool at max count plus upgrade surge)" in panel.inner_text()  # 58 nodes + 1 surge
    record_timing(artifacts, "Voila app: nodes slider to plot redrawn", to_plot)
    record_timing(artifacts, "Voila app: nodes slider to results panel updated", to_panel)

    # A typed node subnet (Enter applies it): 59 x 31 = 1,829 IPs do not fit a /22's 1,019.
    box = app.locator(".widget-text", has_text="node subnet").locator("input")
    typed = []
    for subnet in ("10.224.0.0/22", "10.224.0.0/20", "10.224.0.0/23", "10.224.0.0/21"):
        before = (_traces(plot), panel.inner_text())
        box.fill(subnet)
        typed.append(max(_change(page, lambda: box.press("Enter"))))
        assert _traces(plot) != before[0]
        assert subnet in panel.inner_text()
        if subnet == "10.224.0.0/22":
            assert "does not fit" in panel.inner_text()
            assert "node-subnet-too-small" in panel.inner_text()
    record_timing(artifacts, "Voila app: typed subnet to plot and panel updated", typed)
    assert panel.inner_text().startswith("Result: fits")  # 1,829 of a /21's 2,043

    # A bad CIDR: the library's message in the status line; plot and panel stay as they were.
    good = (_traces(plot), panel.inner_text())
    box.fill("10.224.0.1/24")
    box.press("Enter")
    with pytest.raises(AksKitError) as parsed:  # the library's own message for this input
        parse_network("10.224.0.1/24", "node subnet")
    message = str(parsed.value)
    app.locator(".widget-html", has_text="has host bits set").wait_for(timeout=30_000)
    assert message in app.inner_text()
    assert (_traces(plot), panel.inner_text()) == good, "a bad CIDR changed the result; the last good one must stay"
    page.set_viewport_size({"width": 1280, "height": 1500})  # the whole app, findings included
    page.screenshot(path=str(artifacts / "app-calculator.png"))

    assert page_errors == []
    off = log.off_loopback()
    assert off == [u for u in off if u in log.blocked], "a request left 127.0.0.1 without being aborted"
    assert all(re.match(r"https://cdn\.jsdelivr\.net/npm/@fortawesome/", u) for u in log.blocked), log.blocked
