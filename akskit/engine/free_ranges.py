"""Free private ranges: the one sweep behind every "move it to X" that akskit suggests.

Checks (:mod:`akskit.engine.cidr_checks`), the explanation of an AKS error
(:mod:`akskit.engine.aks_error_causes`) and the capstone's checkers ask it for a
private range of a given size that overlaps none of the ranges in use nor AKS's
reserved ones; a service range comes with the DNS service IP that moves with it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from ipaddress import IPv4Network

from akskit.engine import facts
from akskit.engine.cidr import default_dns_service_ip

__all__ = ["FreeRanges", "first_free_range", "free_range", "service_suggestion", "use_service"]


def free_range(prefixlen: int, used: Iterable[IPv4Network]) -> str:
    """A private /``prefixlen`` that overlaps none of ``used`` nor AKS's reserved ranges.

    >>> free_range(16, [IPv4Network("10.0.0.0/16")])
    '10.1.0.0/16'
    """
    return FreeRanges(used).suggest(prefixlen)


def first_free_range(prefixlen: int, used: Iterable[IPv4Network]) -> IPv4Network | None:
    """The network :func:`free_range` suggests, or ``None`` when no private range has room.

    >>> first_free_range(16, [IPv4Network("10.0.0.0/8")])
    IPv4Network('172.16.0.0/16')
    """
    return FreeRanges(used).first(prefixlen)


class FreeRanges:
    """Free private ranges around a set of used ones: merged once, each answer a sweep of the gaps.

    A candidate blocked by a used range jumps past that range's end, so a suggestion
    costs at most one step per used range (log n each), however the ranges are laid out.
    """

    def __init__(self, used: Iterable[IPv4Network]) -> None:
        spans = sorted((int(n.network_address), int(n.broadcast_address)) for n in (*used, *facts.FORBIDDEN_RANGES))
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._spans = merged
        self._starts = [start for start, _ in merged]
        self._cache: dict[int, str] = {}

    def suggest(self, prefixlen: int) -> str:
        if prefixlen not in self._cache:
            hit = self.first(prefixlen)
            self._cache[prefixlen] = str(hit) if hit else f"a /{prefixlen} that overlaps none of the ranges above"
        return self._cache[prefixlen]

    def first(self, prefixlen: int) -> IPv4Network | None:
        found = (self._first_free(pool, prefixlen) for pool in facts.SUPPORTED_POD_CIDR_RANGES)
        return next((c for c in found if c is not None), None)

    def _first_free(self, pool: IPv4Network, prefixlen: int) -> IPv4Network | None:
        if not 0 <= prefixlen <= 32 or prefixlen < pool.prefixlen:
            return None
        size = 1 << (32 - prefixlen)
        candidate, last = int(pool.network_address), int(pool.broadcast_address)
        while candidate + size - 1 <= last:
            k = bisect_right(self._starts, candidate + size - 1) - 1
            if k < 0 or self._spans[k][1] < candidate:
                return IPv4Network((candidate, prefixlen))
            candidate = -(-(self._spans[k][1] + 1) // size) * size  # past the blocker, aligned
        return None


#: The longest service-range prefix a suggestion uses: a /30 still holds one address the DNS rule allows.
_LONGEST_SERVICE_SUGGESTION = 30


def service_suggestion(prefixlen: int, free: FreeRanges) -> tuple[str, str]:
    """A free service range and the DNS service IP that moves with it, both as text.

    The DNS service IP must sit inside the service range, so a fix that moves the range moves
    the DNS IP too; it comes from the one rule, :func:`akskit.engine.cidr.default_dns_service_ip`.

    >>> service_suggestion(16, FreeRanges([IPv4Network("10.0.0.0/16")]))
    ('10.1.0.0/16', '10.1.0.10')
    """
    suggested = free.suggest(min(prefixlen, _LONGEST_SERVICE_SUGGESTION))
    try:
        dns = default_dns_service_ip(IPv4Network(suggested))
    except ValueError:  # no free range: free_range's text asks for one
        dns = None
    return suggested, str(dns) if dns is not None else "an address inside it (not its first)"


def use_service(prefixlen: int, used: Iterable[IPv4Network]) -> str:
    """The fix "use <service CIDR> with DNS service IP <ip>" (the two flags move together)."""
    cidr, dns = service_suggestion(prefixlen, FreeRanges(used))
    return f"use {cidr} with DNS service IP {dns} (--service-cidr, --dns-service-ip)"
