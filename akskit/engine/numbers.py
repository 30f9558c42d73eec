"""Whole numbers from loose input, parsed and bounded in one place.

Every count akskit reads (nodes, max pods, surge, scale-out, extra IPs, an
exercise answer) goes through :func:`whole_number`: ASCII digits only, an
optional sign and ``,`` or ``_`` between digit groups, never a float, and a
range checked before Python ever converts a long digit string (so a
5,000-digit value is a message, not a traceback).

>>> whole_number("1,200", "pool 'user' nodes")
1200
>>> whole_number("١٢", "nodes")
Traceback (most recent call last):
...
akskit.engine.errors.SpecError: nodes must be a whole number from 0 to 1,000,000 written with the digits 0-9 (got '١٢')
"""

from __future__ import annotations

import re

from akskit.engine.errors import SpecError, SpecTypeError, quote

__all__ = ["LARGEST_COUNT", "int_field", "whole_number"]

#: Counts beyond this are typing mistakes, not clusters: AKS stops at 5,000 nodes per
#: cluster and 250 pods per node (akskit.engine.facts), and the findings still report values
#: between those limits and this one.
LARGEST_COUNT = 1_000_000

_DIGITS = re.compile(r"[+-]?[0-9]+(?:[,_][0-9]+)*", re.ASCII)


def whole_number(value: object, what: str, *, low: int = 0, high: int = LARGEST_COUNT, why: str = "") -> int:
    """``value`` as an int in ``[low, high]``, from an int or a string of ASCII digits.

    Args:
        value: an ``int`` (not ``bool``) or text such as ``"12"``, ``" 1,000 "`` or ``"-3"``.
        what: the argument's name, quoted at the start of any message ("--nodes").
        low: the smallest value allowed.
        high: the largest value allowed.
        why: the reason for the range, appended after the value ("AKS's range per node").

    Raises:
        SpecTypeError: ``value`` is neither an int nor text (a float, a bool, a list).
        SpecError: the text is not a whole number, or the number is outside ``[low, high]``.

    >>> whole_number(" 30 ", "max pods", low=1)
    30
    """
    rule = f"{what} must be a whole number from {low:,} to {high:,}"
    reason = f": {why}" if why else ""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SpecTypeError(f"{rule} (got {quote(value)}, a {type(value).__name__}){reason}")
    if isinstance(value, str):
        text = value.strip()
        if not _DIGITS.fullmatch(text):
            hint = " written with the digits 0-9" if any(c.isdigit() for c in text) else ""
            raise SpecError(f"{rule}{hint} (got {quote(value)}){reason}")
        digits = text.lstrip("+-").replace(",", "").replace("_", "").lstrip("0")
        if len(digits) > len(str(max(abs(low), abs(high)))):
            raise SpecError(f"{rule} (got {quote(value)}){reason}")
        number = int(text.replace(",", "").replace("_", ""))
    else:
        number = value
    if not low <= number <= high:
        raise SpecError(f"{rule} (got {quote(value)}){reason}")
    return number


def int_field(value: object, what: str, *, low: int = 0, high: int = LARGEST_COUNT) -> int:
    """``value`` set on a typed object directly (a dataclass field): an int already, bounded as by :func:`whole_number`.

    Raises:
        SpecTypeError: ``value`` is not an int (text belongs in the builders, which parse it).
        SpecError: the number is outside ``[low, high]``.

    >>> int_field("3", "pool 'a' nodes")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    akskit.engine.errors.SpecTypeError: pool 'a' nodes must be an int (got '3', a str); akskit.pool(...), ... read text
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecTypeError(
            f"{what} must be an int (got {quote(value)}, a {type(value).__name__}); "
            f"akskit.pool(...), akskit.cluster(...) and akskit.parse_surge(...) read text"
        )
    return whole_number(value, what, low=low, high=high)
