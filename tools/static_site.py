"""Render the course to a static HTML site: executed notebooks, figures drawn, no kernel, no network.

Each notebook runs from a fresh kernel without widget state, so every explorer falls back
to its static figure and one-sentence summary; the pages load one local copy of plotly.js
and no CDN script. The calculator (``app/calculator.ipynb``, what ``make app`` serves) gets a
page too: its figure, summary and results panel, the plan rendered by
``akskit.engine.report.render(plan, "html")`` as in the app. The glossary
(``notebooks/glossary.md``) becomes ``glossary.html`` (the notebooks' ``glossary.md#term`` links are
pointed at it) and the cheat sheet (``akskit.course.cheatsheet``) ``cheatsheet.html``, a printable
page. Run ``make site`` (or
``python tools/static_site.py [OUT]``); the site lands in ``_output/site`` and opens from
any static web server.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import plotly
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from akskit.course.cheatsheet import cheatsheet_html

ROOT = Path(__file__).resolve().parent.parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CDN_SCRIPT = re.compile(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>\s*')
STYLE = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
#: the notebooks link glossary terms as ``glossary.md#term``; on the site the glossary is a page of its own
GLOSSARY_LINK = re.compile(r'href="glossary\.md(#[^"]*)?"')


def _title(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """The notebook's H1 title and its stated minutes."""
    first = nb.cells[0].source
    title = next((line[2:].strip() for line in first.splitlines() if line.startswith("# ")), "untitled")
    minutes = re.search(r"(\d+)\s*minutes", first)
    return title, f"{minutes.group(1)} min" if minutes else ""


def render_notebook(notebook: Path, workdir: Path, exporter: HTMLExporter) -> tuple[str, str, str]:
    """Execute one notebook in ``workdir`` and return (html, title, minutes)."""
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", store_widget_state=False, resources={"metadata": {"path": str(workdir)}}
    ).execute()
    body, _ = exporter.from_notebook_node(nb)
    body = CDN_SCRIPT.sub("", body)  # require.js and MathJax: unused here, and unreachable offline
    body = body.replace("</head>", '<script src="plotly.min.js"></script>\n</head>', 1)
    body = GLOSSARY_LINK.sub(lambda m: f'href="glossary.html{m.group(1) or ""}"', body)
    return (body, *_title(nb))


def glossary_page(markdown: Path) -> str:
    """The glossary as a page; its explicit ``<a id="term">`` anchors keep ``glossary.html#term`` working."""
    body = markdown2html_mistune(markdown.read_text(encoding="utf-8"))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>akskit course: glossary</title>"
        f"<style>{STYLE}</style></head><body><nav><a href='index.html'>← the course</a></nav>{body}</body></html>"
    )


def build(out: Path) -> list[Path]:
    """Build the site into ``out`` and return the pages written."""
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    pages, rows, appendix = [], [], []
    with tempfile.TemporaryDirectory(prefix="akskit-site-") as tmp:
        course = Path(tmp)
        shutil.copytree(ROOT / "notebooks", course / "notebooks")
        for notebook in sorted((course / "notebooks").glob("*.ipynb")):
            body, title, minutes = render_notebook(notebook, notebook.parent, exporter)
            page = out / f"{notebook.stem}.html"
            page.write_text(body, encoding="utf-8")
            pages.append(page)
            row = f'<li><a href="{page.name}">{html.escape(title)}</a> <small>{minutes}</small></li>'
            (rows if notebook.stem[:1].isdigit() else appendix).append(row)
        body, _, _ = render_notebook(ROOT / "app" / "calculator.ipynb", course, exporter)
        calculator = out / "calculator.html"
        calculator.write_text(body, encoding="utf-8")
        pages.append(calculator)
    for name, text in (
        ("glossary.html", glossary_page(ROOT / "notebooks" / "glossary.md")),
        ("cheatsheet.html", cheatsheet_html(back="index.html")),
    ):
        (out / name).write_text(text, encoding="utf-8")
        pages.append(out / name)
    shutil.copy2(PLOTLY_JS, out / "plotly.min.js")
    (out / "index.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>akskit course</title>"
        f"<style>{STYLE}</style></head><body><h1>akskit: how AKS networking spends IP addresses</h1>"
        "<p>The course rendered for reading without a kernel: every figure is drawn and summarised; "
        "the explorers show their first state. Run the notebooks for the live versions.</p>"
        f"<ol>{''.join(rows)}</ol>"
        + (f"<p>Appendix:</p><ul>{''.join(appendix)}</ul>" if appendix else "")
        + '<p>To keep at hand: the <a href="glossary.html">glossary</a> (every term in plain words) and the '
        '<a href="cheatsheet.html">cheat sheet</a> (the formulas and limits on one printable page).</p>'
        f'<p>The calculator on its own, at its defaults: <a href="{calculator.name}">AKS IP planner</a> '
        "(run <code>make app</code> for the live one).</p></body></html>",
        encoding="utf-8",
    )
    (out / "manifest.json").write_text(json.dumps([p.name for p in pages]))
    return pages


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_output" / "site"
    start = time.perf_counter()
    pages = build(out)
    size = sum(f.stat().st_size for f in out.iterdir()) / 1e6
    print(f"static site: {len(pages)} pages in {out} ({size:.1f} MB) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
