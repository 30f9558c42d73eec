"""A small table that renders as Markdown in a notebook and as text elsewhere (no pandas needed),
and the one HTML table renderer (:func:`html_table`) that the app, the explorers and the report use.

>>> t = Table(("model", "VNet IPs"), [("kubenet", "51"), ("azure-cni", "1,581")])
>>> print(t)
| model | VNet IPs |
|---|---|
| kubenet | 51 |
| azure-cni | 1,581 |
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Html", "Table", "html_table"]

_CELL = "padding:2px 10px;text-align:left"


class Html(str):
    """Markup that is already safe (a link built with escaped parts): :func:`html_table` puts it in as it is."""

    __slots__ = ()


def html_table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    caption: str = "",
    *,
    row_ids: Sequence[str] = (),
    widths: Sequence[str] = (),
) -> str:
    """An HTML table with every header, cell and the caption escaped (a cell is any value, shown with ``str``;
    an :class:`Html` cell is trusted markup). ``row_ids`` anchor rows; ``widths`` set column widths (CSS).

    >>> t = html_table(("model", "IPs"), [("<kubenet>", 51)], caption="a & b")
    >>> "<td style='padding:2px 10px;text-align:left'>&lt;kubenet&gt;</td>" in t, "<i>a &amp; b</i>" in t
    (True, True)
    >>> '<tr id="kubenet">' in html_table(("model",), [("kubenet",)], row_ids=["kubenet"])
    True
    """

    def cells(tag: str, values: Sequence[object]) -> str:
        return "".join(
            f"<{tag} style='{_CELL}'>{v if isinstance(v, Html) else html.escape(str(v))}</{tag}>" for v in values
        )

    head = f"<caption style='text-align:left'><i>{html.escape(caption)}</i></caption>" if caption else ""
    cols = "".join(f"<col style='width:{html.escape(w)}'>" for w in widths)
    ids = list(row_ids)
    body = "".join(
        (f'<tr id="{html.escape(ids[i])}">' if i < len(ids) else "<tr>") + f"{cells('td', r)}</tr>"
        for i, r in enumerate(rows)
    )
    colgroup = f"<colgroup>{cols}</colgroup>" if cols else ""
    return f"<table style='border-collapse:collapse'>{head}{colgroup}<tr>{cells('th', header)}</tr>{body}</table>"


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of strings under a header; ``caption`` (optional) is printed above in italics."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    def __init__(self, header: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "") -> None:
        object.__setattr__(self, "header", tuple(header))
        object.__setattr__(self, "rows", tuple(tuple(str(c) for c in r) for r in rows))
        object.__setattr__(self, "caption", caption)

    def __str__(self) -> str:
        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        body = [line(self.header), "|" + "---|" * len(self.header), *(line(r) for r in self.rows)]
        return "\n".join(([f"*{self.caption}*", ""] if self.caption else []) + body)

    def _repr_markdown_(self) -> str:
        return str(self)

    def to_html(self) -> str:
        """The table as HTML, caption included, every value escaped (see :func:`html_table`)."""
        return html_table(self.header, self.rows, self.caption)
