"""Every exercise checker answers every input with feedback, and never puts the learner's text in raw.

Issue 7: ``check("3.1", "1" * 5000)`` raised in 11 of 25 exercises,
``check("3.1", 10**5000)`` in the formatting, and
``check("3.1", "<img src=x onerror=alert(1)>")`` put raw HTML into the Markdown.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from ipaddress import IPv4Network
from pathlib import Path
from typing import Any

import pytest

from akskit.exercises import EXERCISES, PREDICTIONS, QUESTIONS, Feedback, check

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: "3.2" (exercise 2 of notebook 3) or "3.p1" (prediction 1 of notebook 3)
QUESTION_ID = re.compile(r"(\d+)\.(p?)(\d+)")
#: "### Exercise 3.2" in a notebook's Markdown
EXERCISE_HEADING = re.compile(r"^#+ Exercise (\d+\.\d+)\b", re.M)


class _EvilRepr:
    def __repr__(self) -> str:
        return "<script>alert(1)</script>\n"

    __str__ = __repr__


class _EvilStr(str):
    __slots__ = ()

    def __repr__(self) -> str:
        return "\n<script>alert(1)</script>"

    __str__ = __repr__


HOSTILE: list[tuple[str, Any]] = [
    ("5000-ones", "1" * 5000),
    ("int-5001-digits", 10**5000),
    ("negative-huge-int", -(10**40)),
    ("html", "<img src=x onerror=alert(1)>"),
    ("markdown-html-in-list", ["<img src=x>", "10.0.0.10"]),
    ("object", object()),
    ("evil-repr", _EvilRepr()),
    # "q": a letter no choice question offers (so the answer must be judged wrong, whatever the question)
    ("evil-str-subclass", _EvilStr("q")),
    ("nan", float("nan")),
    ("inf", float("inf")),
    ("huge-float", 1e308),
    ("fraction", 3.5),
    ("bool", True),
    ("bytes", b"a"),
    ("dict", {"a": 1}),
    ("set", {1, 2}),
    ("list-of-huge-int", [10**5000]),
    ("nested-lists", [[[[]]]]),
    ("pair-of-none", (None, None)),
    ("long-list", list(range(10_000))),
    ("arabic-indic-digits", "١٢"),
    ("netmask", "10.0.0.0/0.0.0.255"),
    ("prefix-99", "/99"),
    ("cidr-5000-digit-prefix", "10.0.0.0/" + "9" * 5000),
    ("nul", "\x00"),
    ("terminal-escape", "\x1b[31mred"),
    ("newline", "a\nb"),
    ("100000-chars", "a" * 100_000),
    ("network-object", IPv4Network("10.0.0.0/8")),
]


def _numbers_by_notebook(prediction: bool) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for question_id in QUESTIONS:
        match = QUESTION_ID.fullmatch(question_id)
        assert match, f"{question_id!r} is not an id such as '3.2' or '3.p1'"
        if bool(match.group(2)) == prediction:
            found[int(match.group(1))].append(int(match.group(3)))
    return found


def test_every_question_is_filed_under_its_own_id() -> None:
    """QUESTIONS is keyed by each question's id, and holds exactly the exercises and the predictions, once each."""
    assert all(key == question.id for key, question in QUESTIONS.items())
    assert set(EXERCISES).isdisjoint(PREDICTIONS)
    assert set(EXERCISES) | set(PREDICTIONS) == set(QUESTIONS)
    assert all(".p" in key for key in PREDICTIONS)
    assert not any(".p" in key for key in EXERCISES)


@pytest.mark.parametrize("prediction", [False, True], ids=["exercises", "predictions"])
def test_each_notebook_numbers_its_questions_without_gaps(prediction: bool) -> None:
    """Notebook N's exercises are N.1 .. N.K and its predictions N.p1 .. N.pK: no gap, no repeat, none numbered 0."""
    found = _numbers_by_notebook(prediction)
    assert found, "no questions of this kind at all"
    for notebook, numbers in found.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (notebook, sorted(numbers))


def test_the_notebooks_ask_exactly_the_registered_exercises() -> None:
    """Each "### Exercise N.K" heading in a notebook is a checked exercise, and each exercise has one heading."""
    headings: list[str] = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                headings += EXERCISE_HEADING.findall(source)
    assert len(headings) == len(set(headings)), sorted(h for h in headings if headings.count(h) > 1)
    assert set(headings) == set(EXERCISES)


@pytest.mark.parametrize("question_id", sorted(QUESTIONS))
@pytest.mark.parametrize(("label", "answer"), HOSTILE, ids=[label for label, _ in HOSTILE])
def test_every_checker_answers_hostile_input(question_id: str, label: str, answer: Any) -> None:
    """Feedback (never an exception), judged wrong, one line, not long, and no raw HTML or control characters.

    Every exercise and every prediction: a prediction's checker meets the same learners.
    """
    feedback = check(question_id, answer)
    assert isinstance(feedback, Feedback)
    assert not feedback.correct
    text, markdown = str(feedback), feedback._repr_markdown_()
    assert "\n" not in text
    assert "\x1b" not in text
    assert "\x00" not in text
    assert len(text) < 2000
    assert "<img" not in markdown
    assert "<script" not in markdown


def test_html_is_escaped_in_markdown() -> None:
    """The learner's text appears, escaped: &lt;img ...&gt;, so the notebook shows it instead of running it."""
    markdown = check("3.1", "<img src=x onerror=alert(1)>")._repr_markdown_()
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown


def test_huge_int_is_answered() -> None:
    """10**5000 gets feedback that says it is far too large."""
    assert "far beyond any answer" in str(check("3.1", 10**5000))


def test_right_answers_still_right() -> None:
    """The screen lets real answers through: the /26 question takes 59 as int, text and float."""
    assert all(check("3.1", a).correct for a in (59, "59", 59.0, " 59 "))


@pytest.mark.parametrize(
    "exercise_id", [["3.1"], None, 3.1, "<b>\n", "9" * 5000], ids=["list", "none", "float", "html", "long"]
)
def test_unknown_exercise_id_is_feedback(exercise_id: Any) -> None:
    """An id that is not an exercise (or not text) is answered, quoted escaped, never raised."""
    feedback = check(exercise_id, 1)
    assert not feedback.correct
    assert "there is no exercise" in str(feedback)
    assert "\n" not in str(feedback)
    assert "<b>" not in feedback._repr_markdown_()
