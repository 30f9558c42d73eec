"""The course in real JupyterLab, in real headless Chromium: every notebook, and two explorers driven.

nbval never runs the widgets' JavaScript; this does. Each notebook is opened in a
throw-away copy of the course, run with Run All, saved, and its saved outputs checked
for errors. The kubenet and Azure CNI explorers are then driven with the keyboard and
by typing CIDRs, found by their role and accessible name as a screen reader finds them,
and the plot is read back from the DOM.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ALL_RAN, ARTIFACTS, ROOT, VISIBLE, Server, course_copy, free_port, lab_settings, record_timing

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def lab(scratch: Path) -> Iterator[tuple[str, Path]]:
    """JupyterLab on 127.0.0.1 serving a copy of the course; yields (base URL, served folder)."""
    root = course_copy(scratch / "lab")
    port = free_port()
    server = Server(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--allow-root",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={root}",
        ],
        f"http://127.0.0.1:{port}/api/status",
        cwd=root,
        env=lab_settings(scratch / "lab-settings"),
        log=scratch / "lab.log",
    )
    yield f"http://127.0.0.1:{port}", root
    server.stop()


STARTED = f"""() => [...document.querySelectorAll('{VISIBLE} .jp-CodeCell .jp-InputPrompt')]
  .some(p => /\\[(\\d+|\\*)\\]/.test(p.textContent))"""


def run_all(page: object, base: str, name: str) -> None:
    """Open ``name`` in a fresh workspace, wait for a connected idle kernel, Run All, wait until every cell ran."""
    page.goto(f"{base}/lab/tree/notebooks/{name}?reset")  # type: ignore[attr-defined]
    page.wait_for_selector(f"{VISIBLE} .jp-Notebook .jp-Cell", timeout=90_000)  # type: ignore[attr-defined]
    page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(timeout=90_000)  # type: ignore[attr-defined]
    for attempt in range(3):  # a Run All clicked while the session is still connecting can be dropped
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")  # type: ignore[attr-defined]
        page.click("li.lm-Menu-item[data-command='runmenu:run-all']")  # type: ignore[attr-defined]
        try:
            page.wait_for_function(STARTED, timeout=15_000)  # type: ignore[attr-defined]
            break
        except Exception:
            if attempt == 2:
                raise
    try:
        page.wait_for_function(ALL_RAN, timeout=120_000)  # type: ignore[attr-defined]
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"lab-timeout-{Path(name).stem}.png"))  # type: ignore[attr-defined]
        raise


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_clean_in_jupyterlab(name: str, lab: tuple[str, Path], context: tuple, artifacts: Path) -> None:
    """Run All in JupyterLab leaves no error output in any cell, and nothing leaves 127.0.0.1."""
    base, root = lab
    ctx, log = context
    page = ctx.new_page()
    run_all(page, base, name)
    code = _save(page, root / "notebooks" / name)
    page.screenshot(path=str(artifacts / f"lab-{Path(name).stem}.png"))
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == [], [f"{e['ename']}: {e['evalue']}" for e in errors]
    assert all(c["execution_count"] for c in code)
    assert log.off_loopback() == [], log.off_loopback()


def _save(page: object, path: Path, attempts: int = 3) -> list[dict]:  # type: ignore[type-arg]
    """Save the open notebook and return its code cells as written, once every one has an execution count.

    The save goes through JupyterLab's own command (File > Save), not a key press that
    can land outside the notebook, and is repeated if the file on disk still lacks a
    count: a save issued while the last outputs are still arriving writes what it had.
    """
    cells: list[dict] = []  # type: ignore[type-arg]
    for _ in range(attempts):
        page.click(".lm-MenuBar-itemLabel:text-is('File')")  # type: ignore[attr-defined]
        page.click("li.lm-Menu-item[data-command='docmanager:save']")  # type: ignore[attr-defined]
        cells = _saved_code_cells(path, timeout=10)
        if all(c["execution_count"] for c in cells):
            break
    return cells


def _saved_code_cells(path: Path, timeout: float = 30) -> list[dict]:  # type: ignore[type-arg]
    """The code cells of the notebook as saved, once the server has finished writing every output."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
            if all(c["execution_count"] for c in cells) or time.monotonic() > deadline:
                return cells
        except json.JSONDecodeError:  # caught mid-write
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


def _explorer(page: object, marker: str) -> object:
    """The output area of the cell that builds the explorer named ``marker``."""
    cell = page.locator(f"{VISIBLE} .jp-CodeCell", has_text=marker).last  # type: ignore[attr-defined]
    plot = cell.locator(".js-plotly-plot")
    plot.wait_for(timeout=60_000)
    cell.scroll_into_view_if_needed()
    return cell


def _traces(plot: object) -> str:
    return plot.evaluate("gd => JSON.stringify(gd.data.map(t => [t.x, t.y]))")  # type: ignore[attr-defined]


# Page-side clocks: the key press as the page receives it (keydown, capture phase) and each redraw after it.
PROBES = """gd => {
  window.__redraws = [];
  gd.on('plotly_afterplot', () => window.__redraws.push(performance.now()));
  document.addEventListener('keydown', () => { window.__key = performance.now(); }, true);
}"""
CONTROL = re.compile(r"^\s*- (slider|textbox|combobox|checkbox)\b(.*)$", re.MULTILINE)


def _controls(cell: object) -> list[tuple[str, str]]:
    """Each control in the cell's accessibility tree as (role, accessible name); "" where it has none."""
    output = cell.locator(".jp-OutputArea").first  # type: ignore[attr-defined]
    output.get_by_role("slider").first.wait_for(timeout=30_000)
    page = output.page
    deadline = time.monotonic() + 15  # the slider names arrive a frame after the sliders
    while True:
        found = [(role, re.match(r'\s*"([^"]*)"', rest)) for role, rest in CONTROL.findall(output.aria_snapshot())]
        controls = [(role, m.group(1) if m else "") for role, m in found]
        if all(name for _, name in controls) or time.monotonic() > deadline:
            return controls
        page.wait_for_timeout(200)


def _drive(page: object, cell: object, artifacts: Path, label: str, subnet: str, names: list[tuple[str, str]]) -> None:
    controls = _controls(cell)
    assert [c for c in controls if not c[1]] == [], f"controls without an accessible name: {controls}"
    assert controls == names, controls
    plot = cell.locator(".js-plotly-plot").first  # type: ignore[attr-defined]
    plot.evaluate(PROBES)
    handle = cell.get_by_role("slider", name="nodes", exact=True)  # type: ignore[attr-defined]
    timings = []
    for _ in range(8):
        before = _traces(plot)
        handle.focus()  # found by its accessible name: Playwright's search, before the clock starts
        assert handle.evaluate("h => document.activeElement === h"), "the nodes slider does not take focus"
        count = page.evaluate("window.__redraws.length")  # type: ignore[attr-defined]
        page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
        page.wait_for_function("n => window.__redraws.length > n", arg=count, timeout=30_000)  # type: ignore[attr-defined]
        timings.append(page.evaluate("n => window.__redraws[n] - window.__key", count))  # type: ignore[attr-defined]
        assert _traces(plot) != before, "moving the nodes slider did not change the plot"
    record_timing(artifacts, f"JupyterLab {label}: slider to plot redrawn (target p95 <= 100 ms)", timings)

    box = cell.get_by_role("textbox", name="node subnet", exact=True)  # type: ignore[attr-defined]
    before = _traces(plot)
    box.fill(subnet)
    box.press("Enter")
    page.wait_for_function(  # type: ignore[attr-defined]
        "([gd, b]) => JSON.stringify(gd.data.map(t => [t.x, t.y])) !== b",
        arg=[plot.element_handle(), before],
        timeout=30_000,
    )

    good = _traces(plot)
    box.fill("10.224.0.1/24")
    box.press("Enter")
    cell.locator(".widget-html", has_text="has host bits set").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    assert "did you mean 10.224.0.0/24?" in cell.inner_text()  # type: ignore[attr-defined]
    assert _traces(plot) == good, "a bad CIDR changed the plot; the last good figure must stay"
    page.screenshot(path=str(artifacts / f"lab-explorer-{label}.png"))  # type: ignore[attr-defined]


SLIDERS = [("slider", "nodes"), ("slider", "max pods"), ("combobox", "max surge")]


@pytest.mark.parametrize(
    ("name", "marker", "label", "subnet", "names"),
    [
        (
            "03_kubenet.ipynb",
            "KubenetExplorer",
            "kubenet",
            "10.224.0.0/23",
            [*SLIDERS, ("textbox", "node subnet"), ("textbox", "pod CIDR")],
        ),
        (
            "04_azure_cni.ipynb",
            "AzureCniExplorer",
            "azure-cni",
            "10.224.0.0/22",
            [*SLIDERS, ("textbox", "node subnet")],
        ),
    ],
)
def test_explorer_in_jupyterlab(
    name: str,
    marker: str,
    label: str,
    subnet: str,
    names: list[tuple[str, str]],
    lab: tuple[str, Path],
    context: tuple,
    artifacts: Path,
) -> None:
    """Every control has an accessible name; the named slider moves with the keyboard and redraws the plot.

    A typed CIDR redraws the plot too; a bad CIDR shows its message and keeps the plot.
    """
    base, _ = lab
    ctx, log = context
    page = ctx.new_page()
    run_all(page, base, name)
    _drive(page, _explorer(page, marker), artifacts, label, subnet, names)
    assert log.off_loopback() == []
