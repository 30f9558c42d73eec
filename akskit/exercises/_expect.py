"""The ``expect_*`` helpers a checker ends in, and the :class:`Feedback` they return.

Each helper first offers its expected value to :meth:`akskit.exercises._core.Exercise.expected`:
called with the probe answer (:data:`PROBE`), it raises :class:`Reveal` carrying an
:class:`Expected` (kind, value, anticipated mistakes) instead of checking. A question module
imports these from :mod:`akskit.exercises._core`, its one import for declaring questions.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from akskit.engine.errors import AksKitError, quote
from akskit.engine.numbers import whole_number

__all__ = [
    "LARGEST_ANSWER",
    "PROBE",
    "Expected",
    "Feedback",
    "Reveal",
    "as_whole_number",
    "expect_choice",
    "expect_number",
    "expect_prefix",
]

#: No answer in the course is anywhere near this; larger ones are refused before any checker runs.
LARGEST_ANSWER = 10**12


@dataclass(frozen=True, slots=True)
class Feedback:
    """A checker's verdict: rendered as a short Markdown line in a notebook.

    >>> Feedback(True, "Right.")
    Feedback(correct=True, message='Right.', answered=True)
    >>> str(Feedback(False, "Not answered yet: replace `...` with your answer.", answered=False))
    'Not answered yet: replace `...` with your answer.'
    """

    correct: bool
    message: str
    answered: bool = True

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        if not self.answered:
            return self.message
        return ("Correct: " if self.correct else "Not yet: ") + self.message

    def _repr_markdown_(self) -> str:
        """The verdict as Markdown; ``<``, ``>`` and ``&`` are escaped, so a learner's text never becomes HTML."""
        if not self.answered:
            head, _, rest = self.message.partition(": ")
            return f"**{head}:** " + html.escape(rest, quote=False)
        return ("**Correct.** " if self.correct else "**Not yet.** ") + html.escape(self.message, quote=False)


@dataclass(frozen=True, slots=True)
class Expected:
    """What a checker expects, read back by :meth:`Exercise.expected` (tests only, never shown to a learner).

    ``kind`` is ``"number"``, ``"prefix"`` or ``"choice"``; ``mistakes`` maps each anticipated
    wrong answer to its explanation.
    """

    kind: str
    value: int | str
    mistakes: Mapping[Any, str]
    unit: str = ""


class _Probe:
    """The answer :meth:`Exercise.expected` passes to a checker; a helper that receives it raises :class:`Reveal`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<probe>"


#: The answer :meth:`Exercise.expected` passes to a checker: the helper it reaches raises :class:`Reveal`.
PROBE = _Probe()


class Reveal(BaseException):  # a BaseException, so a checker's ``except Exception`` lets it through
    """Carries a helper's expected value back out of a checker called with the probe."""

    def __init__(self, expected: Expected) -> None:
        super().__init__(expected.kind)
        self.expected = expected


def _reveal_if_probe(answer: Any, expected: Expected) -> None:
    if answer is PROBE:
        raise Reveal(expected)


def as_whole_number(answer: Any) -> int | None:
    """A whole-number answer (``64``, ``"1,581"``, ``64.0``) read by ``whole_number``, or None."""
    if isinstance(answer, float):
        if not (math.isfinite(answer) and answer.is_integer()):
            return None
        answer = int(answer)
    try:
        return whole_number(answer, "answer", low=-LARGEST_ANSWER, high=LARGEST_ANSWER)
    except AksKitError:
        return None


def expect_number(
    answer: Any, correct: int, *, why: str, mistakes: Mapping[int, str] | None = None, unit: str = ""
) -> Feedback:
    """Check a whole-number answer; known wrong values get their own explanation.

    >>> expect_number(64, 59, why="a /26 has 64 addresses minus 5", mistakes={64: "Azure keeps 5."}).message
    'Azure keeps 5.'
    """
    _reveal_if_probe(answer, Expected("number", correct, dict(mistakes or {}), unit))
    value = as_whole_number(answer)
    if value is None:
        return Feedback(False, f"expected a whole number{' of ' + unit if unit else ''} (got {quote(answer)}).")
    if value == correct:
        return Feedback(True, why)
    for wrong, reason in (mistakes or {}).items():
        if value == wrong and wrong != correct:
            return Feedback(False, reason)
    direction = "too high" if value > correct else "too low"
    return Feedback(False, f"{value:,}{' ' + unit if unit else ''} is {direction}; recheck each term of the formula.")


def expect_prefix(answer: Any, correct: int, *, why: str, mistakes: Mapping[int, str] | None = None) -> Feedback:
    """Check a prefix length given as ``21``, ``"/21"`` or ``"10.0.0.0/21"``.

    A mistake keyed by a number above 32 matches that whole number (an IP count where a prefix was asked).

    >>> expect_prefix("/21", 21, why="1,581 IPs need 2,043 usable").correct
    True
    >>> expect_prefix(1581, 21, why="", mistakes={1581: "that is the IP count; which prefix holds it?"}).message
    'that is the IP count; which prefix holds it?'
    """
    _reveal_if_probe(answer, Expected("prefix", correct, dict(mistakes or {})))
    if isinstance(answer, float) and math.isfinite(answer) and answer.is_integer():
        answer = int(answer)
    counts = {wrong: reason for wrong, reason in (mistakes or {}).items() if wrong > 32}
    if counts and not isinstance(answer, bool) and isinstance(answer, (int, str)):
        number = as_whole_number(answer)
        if number in counts:
            return Feedback(False, counts[number])
    text = answer if isinstance(answer, str) else str(answer) if isinstance(answer, int) else ""
    match = re.fullmatch(r"\s*(?:[0-9.]*/)?([0-9]{1,2})\s*", text, re.ASCII)
    if not match or not 0 <= int(match.group(1)) <= 32:
        return Feedback(False, f"expected a prefix length such as /24 (got {quote(answer)}).")
    value = int(match.group(1))
    if value == correct:
        return Feedback(True, why)
    for wrong, reason in (mistakes or {}).items():
        if value == wrong and wrong != correct:
            return Feedback(False, reason)
    size = "too small a subnet (too few addresses)" if value > correct else "larger than needed"
    return Feedback(False, f"/{value} is {size}; compare the usable addresses (size minus 5) with the need.")


def expect_choice(answer: Any, correct: str, *, why: str, wrong: Mapping[str, str]) -> Feedback:
    """Check a multiple-choice letter; every wrong letter explains itself.

    >>> expect_choice("b", "a", why="yes", wrong={"b": "no: b is the pod IP"}).message
    'no: b is the pod IP'
    """
    _reveal_if_probe(answer, Expected("choice", correct, dict(wrong)))
    letter = answer.strip().lower().rstrip(").") if isinstance(answer, str) else ""
    if letter == correct:
        return Feedback(True, why)
    if letter in wrong:
        return Feedback(False, wrong[letter])
    choices = ", ".join(sorted([correct, *wrong]))
    return Feedback(False, f"answer with one letter: {choices} (got {quote(answer)}).")
