"""The plan as HTML (the app's and the static site's results panel) and the one HTML table renderer.

Expected values are Microsoft's worked example, not copies of the code: 50 nodes + 1 surge
node at 30 max pods take 51 x 31 = 1,581 node-subnet IPs, which need a /21 (2,048 - 5 =
2,043 usable) (https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning,
https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from akskit import cluster, plan, pool
from akskit.engine.errors import SpecError
from akskit.engine.report import FORMATS, render
from akskit.engine.tables import Table, html_table

ROOT = Path(__file__).resolve().parent.parent


class _Text(HTMLParser):
    """The text a browser shows (entities decoded), and the cells of every table row."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _read(markup: str) -> _Text:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return parser


class TestRenderHtml:
    def test_microsofts_worked_example(self) -> None:
        """The node-subnet row: 1,581 IPs, a /21, 2,043 usable with 462 headroom, and it fits."""
        p = plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/21"))
        page = _read(render(p, "html"))
        header, row = page.rows
        assert header[:3] == ["range", "needs", "smallest prefix"]
        assert row[:6] == ["node subnet", "1,581 IPs", "/21", "10.224.0.0/21", "2,043 (headroom 462)", "yes"]
        assert "No findings." in "".join(page.text)

    def test_every_finding_escaped_and_linked(self) -> None:
        """kubenet with Cilium: the finding's message reads back exactly, its quotes never raw in the markup."""
        p = plan(cluster("kubenet", [pool("system", 5)], dataplane="cilium"))
        finding = next(f for f in p.findings if f.code == "cilium-unsupported-model")
        markup = render(p, "html")
        assert finding.message in "".join(_read(markup).text)
        assert "'" in finding.message
        assert finding.message not in markup
        assert f"href='{finding.url}'" in markup

    def test_same_numbers_as_the_text_report(self) -> None:
        """The HTML and the text report state the same planned nodes and required IPs."""
        p = plan(cluster("overlay", [pool("system", 20, max_pods=50, max_surge="33%")]))
        text = render(p)
        shown = "".join(_read(render(p, "html")).text)
        assert f"Planned nodes: {p.planned_nodes:,}" in text
        assert f"Planned nodes: {p.planned_nodes:,}" in shown
        assert f"{p.node_subnet.ips_required:,} IPs" in shown

    def test_unknown_format_is_refused(self) -> None:
        """A format outside FORMATS names the value and the choices."""
        p = plan(cluster("overlay", [pool("system", 3)]))
        with pytest.raises(SpecError, match=r"report format 'pdf' is not known: choose one of table, markdown, html"):
            render(p, "pdf")
        assert "html" in FORMATS


class TestHtmlTable:
    def test_escapes_header_cells_and_caption(self) -> None:
        """Markup in any value is shown as text, never parsed as markup."""
        markup = html_table(("<th>", "a&b"), [("<script>x</script>", "'q'")], caption="<i>c</i>")
        assert "<script>" not in markup
        page = _read(markup)
        assert page.rows == [["<th>", "a&b"], ["<script>x</script>", "'q'"]]
        assert "<i>c</i>" in "".join(page.text)

    def test_table_to_html_is_the_same_renderer(self) -> None:
        """``Table.to_html`` is ``html_table`` of the table's header, rows and caption."""
        t = Table(("model", "VNet IPs"), [("kubenet", 51)], caption="one workload")
        assert t.to_html() == html_table(t.header, t.rows, t.caption)

    def test_one_html_table_renderer(self) -> None:
        """Only akskit/engine/tables.py writes a ``<table`` tag in the package and the tools."""
        writers = sorted(
            str(f.relative_to(ROOT))
            for folder in ("akskit", "tools")
            for f in (ROOT / folder).rglob("*.py")
            if re.search(r"<table", f.read_text(encoding="utf-8"))
        )
        assert writers == ["akskit/engine/tables.py"]
