"""Checkers that say what is right, what is wrong and why, without giving the answer away.

How a notebook module (``nbNN.py``, or the package ``nbNN/``) declares its questions
------------------------------------------------------------------------------------
Two tuples of :class:`Exercise`, built the same way::

    EXERCISES: tuple[Exercise, ...] = (
        Exercise("3.1", "How many usable addresses does a /26 have?", _usable_slash_26),
    )
    PREDICTIONS: tuple[Exercise, ...] = (
        Exercise("3.p1", "How many nodes fit before the route table is full?", _route_limit),
    )

* Ids: ``"N.K"`` for an exercise, ``"N.pK"`` for a prediction (notebook N, question K).
  Every public module of ``akskit.exercises`` is read at import; its ``EXERCISES`` and
  ``PREDICTIONS`` land in one registry, so ``check("3.1", answer)`` and
  ``check("3.p1", answer)`` both work. An id in the wrong tuple, or twice, fails the import.
* A checker is a function of the learner's answer that returns ``expect_number(answer, ...)``,
  ``expect_prefix(answer, ...)`` or ``expect_choice(answer, ...)`` (or any :class:`Feedback`).
  Compute the expected value inside it, from the library, as today.
* Anticipated mistakes: pass ``mistakes={wrong value: "why it is wrong"}`` to
  ``expect_number`` / ``expect_prefix`` (``wrong=`` for ``expect_choice``). Numeric exercises
  need at least three (forgot the surge, the legacy surge of 1, forgot the +1 per node, the
  IP count where a prefix was asked, off by one at the boundary, ...). ``expect_prefix``
  also matches a mistake keyed by a whole number above 32 when the learner answers that number
  (an IP count instead of a prefix). :attr:`Exercise.mistakes` reads them back for the tests.
* Spoilers: :attr:`Exercise.spoilers` are the strings that must not appear above the question
  (in a cell's source or output). By default they come from the expected value: a number
  gives ``"1,891"`` and ``"1891"``, a prefix gives ``"/21"``, a letter gives none. Override
  per question with ``Exercise(..., spoilers=("1,891", "1891", "/21"))``, e.g. for a checker
  that does not end in one of the ``expect_*`` helpers or whose answer is a tiny number.
* ``answer = ...`` left as it is: every question answers ``Not answered yet: ...`` and
  reveals nothing (:data:`NOT_ANSWERED`), so Run All stays clean.

How the introspection works: :meth:`Exercise.expected` calls the checker with a probe
answer; the first ``expect_*`` helper the probe reaches raises the expected value and the
mistakes back to it (never seen by a learner). A checker that inspects the answer before
calling a helper yields ``None``: declare ``spoilers=`` (and ``mistakes=``) on the Exercise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from types import MappingProxyType
from typing import Any

from akskit.engine.errors import AksKitError, quote
from akskit.exercises._expect import (
    LARGEST_ANSWER,
    PROBE,
    Expected,
    Feedback,
    Reveal,
    expect_choice,
    expect_number,
    expect_prefix,
)

# A question module's one import: the question type, and (from _expect) the helpers its checkers end in.
__all__ = [
    "LARGEST_ANSWER",
    "NOT_ANSWERED",
    "Exercise",
    "Expected",
    "Feedback",
    "expect_choice",
    "expect_number",
    "expect_prefix",
    "spoiler_pattern",
    "spoilers_of",
]

#: What every question says to ``answer = ...`` (or an empty answer): nothing about the answer.
NOT_ANSWERED = "Not answered yet: replace `...` with your answer (your prediction), then run this cell."
#: Longer text is not an answer (the longest expected is an az command line).
LONGEST_ANSWER = 1_000
#: What an answer can be: text, a number, an address or range, a model; or a short list of them.
_ANSWER_TYPES = (str, int, float, Enum, IPv4Address, IPv4Network, IPv6Address, IPv6Network)
#: ``"3.1"`` (exercise) or ``"3.p1"`` (prediction); the notebook part may be letters too (``"A1.p2"``).
_ID = re.compile(r"(?P<notebook>[0-9A-Z]+)\.(?P<prediction>p?)(?P<number>[1-9][0-9]*)", re.ASCII)


def _unreadable(answer: Any) -> str | None:
    """Why ``answer`` can't be checked (too large, too long, an object), or None when a checker may read it."""
    if isinstance(answer, (list, tuple)):
        if len(answer) > 10:
            return f"that answer is a list of {len(answer):,} items: answer with a value, or a pair such as (cidr, ip)."
        return next((why for why in map(_unreadable, answer) if why), None)
    if not isinstance(answer, _ANSWER_TYPES):
        return f"answer with a number, a letter or text such as a CIDR (got a {type(answer).__name__})."
    if isinstance(answer, int) and not isinstance(answer, bool) and abs(answer) > LARGEST_ANSWER:
        return f"{quote(answer)} is far beyond any answer here (at most {LARGEST_ANSWER:,})."
    if isinstance(answer, float) and not math.isfinite(answer):
        return f"expected a finite number (got {quote(answer)})."
    if isinstance(answer, str) and len(answer) > LONGEST_ANSWER:
        return f"that answer is {len(answer):,} characters long: answer with a number, a letter or a CIDR."
    return None


def spoilers_of(expected: Expected | None) -> tuple[str, ...]:
    """The default spoilers of an expected value: a number as ``"1,891"`` and ``"1891"``, a prefix as ``"/21"``.

    >>> spoilers_of(Expected("number", 1891, {}))
    ('1,891', '1891')
    >>> spoilers_of(Expected("prefix", 21, {}))
    ('/21',)
    >>> spoilers_of(Expected("choice", "b", {}))
    ()
    """
    if expected is None:
        return ()
    if expected.kind == "number" and isinstance(expected.value, int):
        return tuple(dict.fromkeys((f"{expected.value:,}", str(expected.value))))
    if expected.kind == "prefix":
        return (f"/{expected.value}",)
    return ()


def spoiler_pattern(spoiler: str) -> re.Pattern[str]:
    """A regex that finds ``spoiler`` as a whole token: "8" is not in "18", "1,8", "8.5" or "8th", but is in "8 nodes".

    Letters match in any case; a spoiler starting or ending with a symbol ("/21") has no boundary on that side.

    >>> [bool(spoiler_pattern("8").search(t)) for t in ("18", "1,8", "8.5", "8,000", "8th", "at 8 nodes", "is 8.")]
    [False, False, False, False, False, True, True]
    >>> [bool(spoiler_pattern("/21").search(t)) for t in ("10.0.0.0/21", "a /21.", "/210", "/2")]
    [True, True, False, False]
    """
    left = r"(?<![0-9A-Za-z_])(?<![0-9][.,])" if spoiler[:1].isalnum() else ""
    right = r"(?![0-9A-Za-z_])(?![.,][0-9])" if spoiler[-1:].isalnum() else ""
    return re.compile(left + re.escape(spoiler) + right, re.IGNORECASE)


@dataclass(frozen=True, slots=True, init=False)
class Exercise:
    """One question: an id such as ``"3.2"`` (exercise) or ``"3.p1"`` (prediction), the question, its checker.

    ``spoilers`` and ``mistakes`` are read from the checker unless given (see the module docstring).

    >>> from akskit.exercises._core import expect_number
    >>> e = Exercise("9.1", "Usable IPs in a /26?", lambda a: expect_number(a, 59, why="64 - 5", mistakes={64: "-5"}))
    >>> e.spoilers, dict(e.mistakes), e.is_prediction
    (('59',), {64: '-5'}, False)
    >>> str(e.check(...))
    'Not answered yet: replace `...` with your answer (your prediction), then run this cell.'
    """

    id: str
    question: str
    checker: Callable[[Any], Feedback]
    _spoilers: tuple[str, ...] | None = field(repr=False, compare=False)
    _mistakes: Mapping[Any, str] | None = field(repr=False, compare=False)

    def __init__(
        self,
        id: str,
        question: str,
        checker: Callable[[Any], Feedback],
        *,
        spoilers: tuple[str, ...] | None = None,
        mistakes: Mapping[Any, str] | None = None,
    ) -> None:
        if not isinstance(id, str) or not _ID.fullmatch(id):
            raise ValueError(
                f"id {quote(id)} is not a question id: use 'N.K' for an exercise or 'N.pK' for a prediction "
                "(such as '3.2' or '3.p1')"
            )
        if spoilers is not None and (isinstance(spoilers, str) or not all(isinstance(s, str) and s for s in spoilers)):
            raise ValueError(
                f"spoilers of {id} must be a tuple of non-empty strings (got {quote(spoilers)}); "
                "write spoilers=('1,891', '1891')"
            )
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "question", question)
        object.__setattr__(self, "checker", checker)
        object.__setattr__(self, "_spoilers", None if spoilers is None else tuple(spoilers))
        object.__setattr__(self, "_mistakes", None if mistakes is None else MappingProxyType(dict(mistakes)))

    @property
    def is_prediction(self) -> bool:
        """True for a prediction (``"N.pK"``), False for an exercise (``"N.K"``)."""
        match = _ID.fullmatch(self.id)
        return bool(match and match.group("prediction"))

    @property
    def notebook(self) -> str:
        """The notebook part of the id: ``"3"`` for ``"3.p1"``."""
        return self.id.partition(".")[0]

    def expected(self) -> Expected | None:
        """What the checker expects (kind, value, mistakes), or None when no ``expect_*`` helper tells."""
        try:
            self.checker(PROBE)
        except Reveal as reveal:
            return reveal.expected
        except Exception:  # a checker that reads the answer first cannot be probed
            return None
        return None

    @property
    def spoilers(self) -> tuple[str, ...]:
        """Strings that must not appear above this question in its notebook (declared, or from the expected value)."""
        return self._spoilers if self._spoilers is not None else spoilers_of(self.expected())

    @property
    def spoilers_declared(self) -> bool:
        """True when the Exercise was given ``spoilers=`` (even ``()``), False when they are read from the checker."""
        return self._spoilers is not None

    @property
    def mistakes(self) -> Mapping[Any, str]:
        """The anticipated wrong answers and their explanations (declared, or read from the checker's helper)."""
        if self._mistakes is not None:
            return self._mistakes
        expected = self.expected()
        if expected is None:
            return MappingProxyType({})
        return MappingProxyType({k: v for k, v in expected.mistakes.items() if k != expected.value})

    def check(self, answer: Any) -> Feedback:
        """Check ``answer``; an empty one (``...``, ``None``, blank text) says "Not answered yet" and nothing more."""
        if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
            return Feedback(False, NOT_ANSWERED, answered=False)
        if isinstance(answer, str) and type(answer) is not str and not isinstance(answer, Enum):
            answer = str.__str__(answer)  # a str subclass's own repr never reaches the feedback
        why = _unreadable(answer)
        if why is not None:
            return Feedback(False, why)
        try:
            return self.checker(answer)
        except AksKitError as exc:  # a bad CIDR or number in the answer: the library's message is the feedback
            return Feedback(False, f"{exc}.")
