"""The checker API: predictions beside exercises, "not answered yet", spoilers and mistakes read back."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

import akskit.exercises as registry
from akskit.engine.errors import AksKitError
from akskit.exercises import NOT_ANSWERED, PREDICTIONS, QUESTIONS, Exercise, Feedback, check
from akskit.exercises._core import expect_choice, expect_number, expect_prefix, spoilers_of

SLIPS = {1890: "off by one.", 1900: "rounded.", 945: "halved."}


def _number(answer: Any) -> Feedback:
    return expect_number(answer, 1891, why="right", mistakes=SLIPS, unit="IPs")


def test_not_answered_reveals_nothing_for_both_kinds() -> None:
    """``...`` gets the same message from an exercise and a prediction, answered=False, not correct."""
    for question_id in ("9.1", "9.p1"):
        feedback = Exercise(question_id, "?", _number).check(...)
        assert feedback == Feedback(False, NOT_ANSWERED, answered=False)
        assert str(feedback) == NOT_ANSWERED
        assert "1891" not in feedback.message
        assert feedback._repr_markdown_().startswith("**Not answered yet:** replace `...`")


@pytest.mark.parametrize("empty", [..., None, "", "   "])
def test_every_empty_answer_is_not_answered(empty: Any) -> None:
    assert not Exercise("9.1", "?", _number).check(empty).answered


def test_registry_holds_predictions_and_exercises() -> None:
    """check() reads one registry: an "N.pK" id is a prediction, "N.K" an exercise."""
    assert set(registry.EXERCISES) | set(PREDICTIONS) == set(QUESTIONS)
    assert all(q.is_prediction for q in PREDICTIONS.values())
    assert not any(q.is_prediction for q in registry.EXERCISES.values())
    for question_id in QUESTIONS:
        assert check(question_id, ...).message == NOT_ANSWERED
    assert "no exercise or prediction '9.p9'" in check("9.p9", 1).message


def test_a_module_is_read_for_both_tuples_and_refuses_a_misfiled_id() -> None:
    module = ModuleType("akskit.exercises.nb99")
    module.EXERCISES = (Exercise("99.1", "?", _number),)  # type: ignore[attr-defined]
    module.PREDICTIONS = (Exercise("99.p1", "?", _number),)  # type: ignore[attr-defined]
    assert list(registry._registry([module])) == ["99.1", "99.p1"]
    module.PREDICTIONS = (Exercise("99.2", "?", _number),)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"PREDICTIONS holds '99.2'; ids there look like 'N.pK'"):
        registry._registry([module])
    module.PREDICTIONS = (Exercise("99.1", "?", _number),)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"'N\.pK'"):
        registry._registry([module])
    module.PREDICTIONS = ()  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"declares '99\.1' a second time"):
        registry._registry([module, module])


@pytest.mark.parametrize("bad", ["3", "3.0", "3.p", "3.q1", "3.1a", " 3.1"])
def test_a_bad_id_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="is not a question id"):
        Exercise(bad, "?", _number)


def test_spoilers_come_from_the_expected_value() -> None:
    """A number in both spellings, a prefix with its slash, nothing for a letter."""
    assert Exercise("9.1", "?", _number).spoilers == ("1,891", "1891")
    assert Exercise("9.1", "?", lambda a: expect_number(a, 59, why="")).spoilers == ("59",)
    assert Exercise("9.1", "?", lambda a: expect_prefix(a, 21, why="")).spoilers == ("/21",)
    assert Exercise("9.1", "?", lambda a: expect_choice(a, "b", why="", wrong={"a": ""})).spoilers == ()


def test_declared_spoilers_win() -> None:
    exercise = Exercise("9.1", "?", _number, spoilers=("1,891", "about two thousand"))
    assert exercise.spoilers == ("1,891", "about two thousand")
    assert exercise.spoilers_declared
    assert not Exercise("9.1", "?", _number).spoilers_declared
    with pytest.raises(ValueError, match="tuple of non-empty strings"):
        Exercise("9.1", "?", _number, spoilers="1891")  # type: ignore[arg-type]


def test_mistakes_are_read_back_through_wrappers() -> None:
    """The probe passes through a checker's ``except Exception`` (as nb06's _guarded does)."""

    def guarded(answer: Any) -> Feedback:
        try:
            return _number(answer)
        except Exception:
            return Feedback(False, "caught")

    exercise = Exercise("9.1", "?", guarded)
    assert dict(exercise.mistakes) == SLIPS
    expected = exercise.expected()
    assert expected is not None
    assert (expected.kind, expected.value, expected.unit) == ("number", 1891, "IPs")


def test_a_checker_that_reads_the_answer_first_cannot_be_probed() -> None:
    """Its expected value is unknown, so it has no default spoilers: it must declare them."""
    exercise = Exercise("9.1", "?", lambda a: expect_number(int(a) + 0, 5, why=""))
    assert exercise.expected() is None
    assert exercise.spoilers == ()
    assert dict(exercise.mistakes) == {}
    assert Exercise("9.1", "?", lambda a: Feedback(True, "ok")).expected() is None


def test_declared_mistakes_win() -> None:
    exercise = Exercise("9.1", "?", _number, mistakes={7: "seven"})
    assert dict(exercise.mistakes) == {7: "seven"}


def test_prefix_mistake_for_an_ip_count() -> None:
    """The learner gives the IP count where a prefix was asked: an anticipated mistake above 32."""
    checker = lambda a: expect_prefix(a, 21, why="", mistakes={1581: "that is the IP count."})  # noqa: E731
    assert checker(1581).message == "that is the IP count."
    assert checker("1,581").message == "that is the IP count."
    assert "expected a prefix length" in checker(1582).message
    assert checker("/21").correct


def test_spoilers_of_nothing() -> None:
    assert spoilers_of(None) == ()


def test_the_library_error_is_still_feedback() -> None:
    def raises(answer: Any) -> Feedback:
        raise AksKitError("bad CIDR")

    assert Exercise("9.1", "?", raises).check("x").message == "bad CIDR."
