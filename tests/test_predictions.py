"""Predict, then reveal: the shape of every prediction, and checkers that anticipate mistakes.

* Every course notebook from 02 on asks at least three predictions, each in the exact shape:
  a Markdown cell starting ``**Predict.**``, then a code cell that is exactly
  ``answer = ...`` / ``check("N.pK", answer)``, then a code cell that computes the answer.
  Each id is registered, belongs to that notebook, and ``answer = ...`` says "Not answered yet".
* Every numeric exercise (its checker ends in ``expect_number`` or ``expect_prefix``) declares at
  least three anticipated mistakes, and an unanticipated wrong answer's feedback shows none of
  the exercise's spoilers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from akskit.exercises import EXERCISES, PREDICTIONS, QUESTIONS, Exercise, check
from akskit.exercises._core import expect_number, expect_prefix, spoiler_pattern

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
#: Course notebooks that must ask predictions: numbered 02 and up, except those listed in EXEMPT.
EXEMPT = {"08": "the end-of-course check only asks questions; there is nothing to reveal"}
ASKING = [
    p
    for p in sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    if p.name[:2].isdigit() and int(p.name[:2]) >= 2 and p.name[:2] not in EXEMPT
]
MIN_PREDICTIONS = 3
MIN_MISTAKES = 3
PREDICT = "**Predict.**"
CELL = re.compile(r'answer = \.\.\.\ncheck\("(?P<id>(?P<notebook>[0-9A-Z]+)\.p[1-9][0-9]*)", answer\)')
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([^"']+)["']""")
NUMERIC = ("number", "prefix")


def _source(cell: Mapping[str, Any]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


def prediction_problems(cells: list[Mapping[str, Any]], notebook: str) -> tuple[list[str], list[str]]:
    """The prediction ids found in shape, and one line per cell that breaks the shape."""
    found: list[str] = []
    problems: list[str] = []
    for index, cell in enumerate(cells):
        text = _source(cell)
        if cell["cell_type"] == "markdown" and text.lstrip().startswith(PREDICT):
            ask = cells[index + 1] if index + 1 < len(cells) else None
            reveal = cells[index + 2] if index + 2 < len(cells) else None
            match = CELL.fullmatch(_source(ask).strip()) if ask and ask["cell_type"] == "code" else None
            if not match:
                problems.append(
                    f"cell {index}: a **Predict.** cell must be followed by a code cell that is exactly "
                    f"'answer = ...\\ncheck(\"{notebook}.pK\", answer)' (got {_source(ask)[:80] if ask else None!r})"
                )
                continue
            if match["notebook"] != notebook:
                problems.append(f"cell {index + 1}: prediction {match['id']} sits in notebook {notebook}")
            if match["id"] in found:
                problems.append(f"cell {index + 1}: prediction {match['id']} is asked twice")
            if not reveal or reveal["cell_type"] != "code":
                problems.append(f"cell {index + 2}: prediction {match['id']} needs a code cell after it that reveals")
            found.append(match["id"])
        elif cell["cell_type"] == "code":
            for question_id in CHECK_CALL.findall(text):
                if ".p" in question_id and not (
                    index > 0
                    and cells[index - 1]["cell_type"] == "markdown"
                    and _source(cells[index - 1]).lstrip().startswith(PREDICT)
                ):
                    problems.append(f"cell {index}: check({question_id!r}) must follow a **Predict.** Markdown cell")
    return found, problems


@pytest.mark.parametrize("path", ASKING, ids=lambda p: p.stem)
def test_notebook_asks_predictions_in_shape(path: Path) -> None:
    """At least three predictions, each **Predict.** / answer = ... + check / a reveal cell, ids registered."""
    notebook = str(int(path.name[:2]))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found, problems = prediction_problems(cells, notebook)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
    assert len(found) >= MIN_PREDICTIONS, f"{path.name} asks {len(found)} predictions ({found}); it needs 3 or more"
    unregistered = [i for i in found if i not in PREDICTIONS]
    assert not unregistered, f"{path.name}: {unregistered} are not in any PREDICTIONS tuple"
    declared = sorted(i for i, q in PREDICTIONS.items() if q.notebook == notebook)
    assert sorted(found) == declared, f"{path.name} asks {sorted(found)}; the module declares {declared}"


@pytest.mark.parametrize("question_id", sorted(QUESTIONS))
def test_an_unanswered_question_says_so_and_nothing_more(question_id: str) -> None:
    """``answer = ...`` left as is: "Not answered yet", not correct, no spoiler in the message."""
    feedback = check(question_id, ...)
    assert not feedback.correct
    assert not feedback.answered
    assert feedback.message.lower().startswith("not answered yet")
    assert not _spoilers_in(feedback.message, QUESTIONS[question_id])


def _spoilers_in(text: str, question: Exercise) -> list[str]:
    return [s for s in question.spoilers if spoiler_pattern(s).search(text)]


def _numeric(question: Exercise) -> bool:
    expected = question.expected()
    return expected is not None and expected.kind in NUMERIC


NUMERIC_EXERCISES = sorted(i for i, q in EXERCISES.items() if _numeric(q))
NUMERIC_QUESTIONS = sorted(i for i, q in QUESTIONS.items() if _numeric(q))  # predictions too


@pytest.mark.parametrize("exercise_id", NUMERIC_QUESTIONS)
def test_numeric_exercise_anticipates_three_mistakes(exercise_id: str) -> None:
    """Forgot the surge, legacy surge of 1, forgot the +1 per node, ...: at least three, each explained."""
    exercise = QUESTIONS[exercise_id]
    mistakes = exercise.mistakes
    assert len(mistakes) >= MIN_MISTAKES, f"{exercise_id} anticipates {len(mistakes)} mistakes: {dict(mistakes)}"
    for wrong, why in mistakes.items():
        feedback = exercise.check(wrong)
        assert not feedback.correct, f"{exercise_id}: the mistake {wrong!r} is accepted"
        assert feedback.message == why, f"{exercise_id}: {wrong!r} does not get its own explanation"
        assert not _spoilers_in(why, exercise), f"{exercise_id}: the explanation of {wrong!r} gives the answer"


def unanticipated(exercise: Exercise) -> Any:
    """A wrong answer the exercise does not anticipate: a number or prefix near the right one."""
    expected = exercise.expected()
    assert expected is not None
    taken = {expected.value, *exercise.mistakes}
    if expected.kind == "prefix":
        return next(f"/{p}" for p in (*range(int(expected.value) + 2, 31), *range(8, 30)) if p not in taken)
    value = int(expected.value)
    return next(v for v in (value * 3 + 7, value + 13, value * 7 + 3, value + 101) if v not in taken and v > 0)


@pytest.mark.parametrize("exercise_id", NUMERIC_EXERCISES)
def test_an_unanticipated_wrong_answer_gets_a_hint_not_the_answer(exercise_id: str) -> None:
    """The next step, never the expected value or any of its spoilers."""
    exercise = EXERCISES[exercise_id]
    answer = unanticipated(exercise)
    feedback = exercise.check(answer)
    assert not feedback.correct, f"{exercise_id}: {answer!r} is accepted"
    assert not _spoilers_in(feedback.message, exercise), f"{exercise_id}: {feedback.message!r} gives the answer"
    assert feedback.message.strip()


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_exercise_has_spoilers_to_scan_or_is_a_choice(exercise_id: str) -> None:
    """The no-spoiler scan needs something to look for: spoilers read from the checker or declared.

    A multiple-choice letter has none by nature; any other checker the probe cannot read
    (it parses the answer first) must declare ``spoilers=`` (an explicit ``()`` is a decision too).
    """
    exercise = EXERCISES[exercise_id]
    expected = exercise.expected()
    assert exercise.spoilers_declared or (expected is not None and (exercise.spoilers or expected.kind == "choice")), (
        f"{exercise_id}: its checker does not end in an expect_* helper; declare spoilers=(...) on the Exercise"
    )


# The rules themselves, proven on small synthetic cases ------------------------------------


def _md(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "source": text}


def _code(text: str) -> dict[str, Any]:
    return {"cell_type": "code", "source": text, "outputs": []}


def test_shape_accepts_the_contract() -> None:
    cells = [_md("**Predict.** How many?"), _code('answer = ...\ncheck("9.p1", answer)'), _code("x")]
    assert prediction_problems(cells, "9") == (["9.p1"], [])


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([_md("**Predict.** ?"), _code('answer = 4\ncheck("9.p1", answer)'), _code("x")], "exactly"),
        ([_md("**Predict.** ?"), _md("text"), _code('answer = ...\ncheck("9.p1", answer)')], "exactly"),
        ([_md("**Predict.** ?"), _code('answer = ...\ncheck("9.p1", answer)')], "reveals"),
        ([_md("**Predict.** ?"), _code('answer = ...\ncheck("9.p1", answer)'), _md("text")], "reveals"),
        ([_md("**Predict.** ?"), _code('answer = ...\ncheck("8.p1", answer)'), _code("x")], "sits in notebook 9"),
        ([_md("Guess:"), _code('answer = ...\ncheck("9.p1", answer)'), _code("x")], "must follow"),
    ],
    ids=["answer-filled-in", "no-code-cell", "nothing-after", "markdown-after", "wrong-notebook", "no-predict-cell"],
)
def test_shape_rejects(cells: list[dict[str, Any]], message: str) -> None:
    _, problems = prediction_problems(cells, "9")
    assert any(message in problem for problem in problems), problems


def test_mistake_rules_on_a_synthetic_exercise() -> None:
    """Mistakes are read back from the checker; the fallback for an unanticipated answer hides the answer."""
    slips = {64: "Azure keeps 5.", 62: "more than 2.", 61: "count again."}
    exercise = Exercise("9.1", "?", lambda a: expect_number(a, 59, why="", mistakes=slips))
    assert dict(exercise.mistakes) == slips
    answer = unanticipated(exercise)
    assert answer == 59 * 3 + 7
    assert _spoilers_in(exercise.check(answer).message, exercise) == []
    leaky = Exercise("9.2", "?", lambda a: expect_number(a, 59, why="", mistakes={64: "it is 59, not 64"}))
    assert _spoilers_in(leaky.check(64).message, leaky) == ["59"]


def test_prefix_exercises_get_a_prefix_they_do_not_anticipate() -> None:
    exercise = Exercise("9.1", "?", lambda a: expect_prefix(a, 21, why="", mistakes={22: "a", 23: "b", 2043: "c"}))
    assert unanticipated(exercise) == "/24"
    assert exercise.check("2,043").message == "c"
