"""Checkers that say what is right, what is wrong and why, without giving the answer away."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

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
        return ("**Correct.** " if self.correct else "**Not yet.** ") + self.message


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
        return self.checker(answer)


def _as_int(answer: Any) -> int | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        return answer
    if isinstance(answer, float) and answer.is_integer():
        return int(answer)
    text = str(answer).strip().replace(",", "").replace("_", "")
    return int(text) if re.fullmatch(r"-?\d+", text) else None


def expect_number(
    answer: Any, correct: int, *, why: str, mistakes: Mapping[int, str] | None = None, unit: str = ""
) -> Feedback:
    """Check a whole-number answer; known wrong values get their own explanation.

    >>> expect_number(64, 59, why="a /26 has 64 addresses minus 5", mistakes={64: "Azure keeps 5."}).message
    'Azure keeps 5.'
    """
    value = _as_int(answer)
    if value is None:
        return Feedback(False, f"expected a whole number{' of ' + unit if unit else ''} (got {answer!r}).")
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
    match = re.fullmatch(r"\s*(?:[\d.]*/)?(\d{1,2})\s*", str(answer))
    if not match or not 0 <= int(match.group(1)) <= 32:
        return Feedback(False, f"expected a prefix length such as /24 (got {answer!r}).")
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
    letter = str(answer).strip().lower().rstrip(").")
    if letter == correct:
        return Feedback(True, why)
    if letter in wrong:
        return Feedback(False, wrong[letter])
    choices = ", ".join(sorted([correct, *wrong]))
    return Feedback(False, f"answer with one letter: {choices} (got {answer!r}).")
