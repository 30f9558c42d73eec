"""Max surge (the extra nodes a node pool adds during an upgrade) and max unavailable.

Each is a node count or a percentage of the pool rounded up. AKS's default max
surge for new pools is 10 % (:data:`DEFAULT_SURGE`), the legacy default one
node; max unavailable (nodes upgraded in place, without a replacement) defaults
to 0 (facts.ROLLING_UPGRADE_URL).

>>> parse_surge("33%").nodes(10)
4
"""

from __future__ import annotations

import re

from akskit.engine import facts
from akskit.engine.errors import SpecError, SpecTypeError, quote
from akskit.engine.numbers import int_field, whole_number

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes without importing dataclasses (akskit.engine.values says why)
    from akskit.engine.values import dataclass

__all__ = ["DEFAULT_SURGE", "LEGACY_SURGE", "Surge", "parse_surge"]


@dataclass(frozen=True, slots=True)
class Surge:
    """Max surge (or max unavailable) of a node pool: a node count, or a percentage rounded up.

    >>> parse_surge("33%").nodes(10), parse_surge(1).nodes(10), parse_surge("10%").nodes(8)
    (4, 1, 1)
    """

    value: int
    percent: bool

    def __post_init__(self) -> None:
        if not isinstance(self.percent, bool):
            raise SpecTypeError(f"Surge percent must be True or False (got {quote(self.percent)})")
        if not self.percent:
            int_field(self.value, "max surge node count")
            return
        try:
            int_field(self.value, "max surge percentage", high=100)
        except SpecTypeError:
            raise
        except SpecError:
            raise _percentage_error(f"{self.value}%") from None

    def nodes(self, pool_size: int) -> int:
        """Extra nodes an upgrade adds to a pool of ``pool_size``, capped at the pool size."""
        extra = -(-pool_size * self.value // 100) if self.percent else self.value
        return extra if extra < pool_size else pool_size

    def __str__(self) -> str:
        return f"{self.value}%" if self.percent else str(self.value)


DEFAULT_SURGE = Surge(facts.DEFAULT_MAX_SURGE_PERCENT, percent=True)
LEGACY_SURGE = Surge(facts.LEGACY_MAX_SURGE_NODES, percent=False)


def parse_surge(value: str | int | Surge, what: str = "max surge") -> Surge:
    """Read max surge: ``1``, ``"3"``, ``"33%"`` or ``"legacy"`` (one node); ``what`` names the setting.

    >>> parse_surge("legacy")
    Surge(value=1, percent=False)
    >>> parse_surge("50%", "max unavailable").nodes(5)
    3
    """
    if isinstance(value, Surge):
        return value
    rule = f"{what} must be a whole node count or a whole percentage such as 1 or 33%"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SpecTypeError(f"{rule} (got {quote(value)}, a {type(value).__name__})")
    if isinstance(value, int):
        return Surge(whole_number(value, f"{what} node count"), False)
    text = value.strip().lower()
    if text == "legacy" and what == "max surge":
        return LEGACY_SURGE
    number, percent = (text[:-1].rstrip(), True) if text.endswith("%") else (text, False)
    if not re.fullmatch(r"[0-9][0-9,_]*", number, re.ASCII):
        raise SpecError(f"{rule} (got {quote(value)})")
    if percent:
        try:
            return Surge(whole_number(number, f"{what} percentage", high=100), True)
        except SpecError:
            raise _percentage_error(value, what) from None
    return Surge(whole_number(number, f"{what} node count"), False)


def _percentage_error(given: object, what: str = "max surge") -> SpecError:
    """The one message for a percentage outside 0-100, whichever way it was given."""
    advice = f"; {facts.PRODUCTION_MAX_SURGE} is Microsoft's production advice" if what == "max surge" else ""
    return SpecError(f"{what} percentage must be 0% to 100% (got {quote(given)}){advice}")
