"""Checkers that say what is right, what is wrong and why, without giving the answer away."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from typing import Any

from akskit.engine.errors import AksKitError, quote
from akskit.engine.numbers import whole_number

__all__ = ["Exercise", "Feedback", "expect_choice", "expect_number", "expect_prefix"]


@dataclass(frozen=True, slots=True)
class Feedback:
    """A checker's verdict: rendered as a short Markdown line in a notebook.

    >>> Feedback(True, "Right.")
    Feedback(correct=True, message='Right.')
    """

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        return ("Correct: " if self.correct else "Not yet: ") + self.message

    def _repr_markdown_(self) -> str:
        """The verdict as Markdown; ``<``, ``>`` and ``&`` are escaped, so a learner's text never becomes HTML."""
        return ("**Correct.** " if self.correct else "**Not yet.** ") + html.escape(self.message, quote=False)


#: No answer in the course is anywhere near this; larger ones are refused before any checker runs.
LARGEST_ANSWER = 10**12
#: Longer text is not an answer (the longest expected is an az command line).
LONGEST_ANSWER = 1_000
#: What an answer can be: text, a number, an address or range, a model; or a short list of them.
_ANSWER_TYPES = (str, int, float, Enum, IPv4Address, IPv4Network, IPv6Address, IPv6Network)


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


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: an id such as ``"3.2"``, the question, and its checker."""

    id: str
    question: str
    checker: Callable[[Any], Feedback]

    def check(self, answer: Any) -> Feedback:
        """Check ``answer``; an empty answer (``...`` or ``None``) gets a nudge, not an error."""
        if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
            return Feedback(False, "replace `...` with your answer, then run the cell again.")
        if isinstance(answer, str) and type(answer) is not str and not isinstance(answer, Enum):
            answer = str.__str__(answer)  # a str subclass's own repr never reaches the feedback
        why = _unreadable(answer)
        if why is not None:
            return Feedback(False, why)
        try:
            return self.checker(answer)
        except AksKitError as exc:  # a bad CIDR or number in the answer: the library's message is the feedback
            return Feedback(False, f"{exc}.")


def _as_int(answer: Any) -> int | None:
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
    value = _as_int(answer)
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

    >>> expect_prefix("/21", 21, why="1,581 IPs need 2,043 usable").correct
    True
    """
    if isinstance(answer, float) and math.isfinite(answer) and answer.is_integer():
        answer = int(answer)
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
    letter = answer.strip().lower().rstrip(").") if isinstance(answer, str) else ""
    if letter == correct:
        return Feedback(True, why)
    if letter in wrong:
        return Feedback(False, wrong[letter])
    choices = ", ".join(sorted([correct, *wrong]))
    return Feedback(False, f"answer with one letter: {choices} (got {quote(answer)}).")
