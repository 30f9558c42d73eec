"""A small table that renders as Markdown in a notebook and as text elsewhere (no pandas needed).

>>> t = Table(("model", "VNet IPs"), [("kubenet", "51"), ("azure-cni", "1,581")])
>>> print(t)
| model | VNet IPs |
|---|---|
| kubenet | 51 |
| azure-cni | 1,581 |
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Table"]


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
