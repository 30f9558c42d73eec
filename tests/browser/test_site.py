"""The static HTML site: every notebook rendered, every figure drawn and summarised, no network."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, static_server

_spec = importlib.util.spec_from_file_location("static_site", ROOT / "tools" / "static_site.py")
static_site = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(static_site)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def site(scratch: Path) -> Iterator[str]:
    """The site built from the notebooks as they are, served on 127.0.0.1."""
    out = scratch / "site"
    static_site.build(out)
    with static_server(out, "index.html", scratch / "site.log") as url:
        yield url


def test_index_lists_every_notebook(site: str, context: tuple) -> None:
    """The index links one page per notebook, in course order."""
    ctx, _ = context
    page = ctx.new_page()
    page.goto(f"{site}/index.html")
    links = page.locator("li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links == [f"{p.stem}.html" for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]


@pytest.mark.parametrize("name", [p.stem for p in sorted((ROOT / "notebooks").glob("*.ipynb"))])
def test_page_draws_and_summarises_every_figure(name: str, site: str, context: tuple, artifacts: Path) -> None:
    """Every figure div is drawn by plotly.js, each has a summary, and no request leaves 127.0.0.1."""
    ctx, log = context
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site}/{name}.html")
    figures = page.locator(".plotly-graph-div")
    count = figures.count()
    draws = any(word in (ROOT / "notebooks" / f"{name}.ipynb").read_text() for word in ("plots.", "widgets."))
    assert (count >= 1) is draws, f"{name}: {count} figures on the page"  # the check and the appendix draw none
    page.wait_for_function(
        "n => document.querySelectorAll('.plotly-graph-div.js-plotly-plot .main-svg').length >= n",
        arg=count,
        timeout=30_000,
    )
    summaries = page.locator(".akskit-summary").evaluate_all("els => els.map(e => e.textContent.trim())")
    assert len([s for s in summaries if s]) >= count, json.dumps(summaries)[:300]
    assert errors == []
    assert log.off_loopback() == [], log.off_loopback()
    page.screenshot(path=str(artifacts / f"site-{name}.png"), full_page=False)
