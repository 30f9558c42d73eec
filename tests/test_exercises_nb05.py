"""Notebook 05's checkers: golden answers from Microsoft's rules, anticipated mistakes, hints that never tell.

Golden values, worked by hand from the published rules:
* Overlay: one /24 of the pod CIDR per node, surge nodes included
  (https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay); max surge in
  percent rounds up (https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-cluster). A /18 holds
  64 blocks; n + ceil(0.5 n) <= 64 gives 42 (42 + 21 = 63; 43 + 22 = 65).
* Dynamic Pod Subnet: 16 at start, 16 more whenever fewer than 8 are free
  (https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation): 30 pods in
  use -> 48 per node (25 in use -> 48 in
  https://github.com/Azure/azure-container-networking/blob/master/docs/feature/ipammath/1-ipam-math.md).
  A /22 has 1,024 - 5 = 1,019 usable; 1,019 // 48 = 21 nodes with surge; 19 + ceil(1.9) = 21 -> 19.
* Static blocks: ceil((max pods + 1) / 16) /28 blocks; max pods 32 -> 3 blocks
  (https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation).
"""

from __future__ import annotations

import re

import pytest

from akskit.exercises import QUESTIONS, check
from akskit.exercises.nb05 import EXERCISES, PREDICTIONS

NUMERIC = [q.id for q in (*EXERCISES, *PREDICTIONS) if (e := q.expected()) is not None and e.kind == "number"]


def _has_token(text: str, value: int) -> bool:
    """``value`` as a whole number token (``1,019`` or ``1019``), not inside a longer number."""
    return any(re.search(rf"(?<![\w.,]){re.escape(s)}(?![\w]|[.,]\d)", text) for s in {f"{value:,}", str(value)})


class TestGoldenAnswers:
    """Each question's answer, worked by hand from Microsoft's rules (module docstring)."""

    @pytest.mark.parametrize(
        ("qid", "answer"),
        [("5.p1", 55), ("5.p2", 48), ("5.p3", 3), ("5.p4", "b"), ("5.1", 42), ("5.2", 2_688), ("5.3", 95),
         ("5.4", "c"), ("5.5", 19)],
    )  # fmt: skip
    def test_right_answer_is_accepted(self, qid: str, answer: object) -> None:
        assert check(qid, answer).correct, check(qid, answer).message

    def test_four_predictions_in_order(self) -> None:
        """5.p1 to 5.p4 are registered as predictions, the exercises as exercises."""
        assert [p.id for p in PREDICTIONS] == ["5.p1", "5.p2", "5.p3", "5.p4"]
        assert all(QUESTIONS[p.id].is_prediction for p in PREDICTIONS)
        assert [e.id for e in EXERCISES] == ["5.1", "5.2", "5.3", "5.4", "5.5"]


class TestMistakes:
    """Every numeric question anticipates at least three wrong answers, each with its own reason."""

    @pytest.mark.parametrize("qid", NUMERIC)
    def test_at_least_three(self, qid: str) -> None:
        assert len(QUESTIONS[qid].mistakes) >= 3

    @pytest.mark.parametrize("qid", NUMERIC)
    def test_feedback_is_specific_and_keeps_the_answer(self, qid: str) -> None:
        """Each anticipated value gets its own message (no generic 'too high'), and none states the answer."""
        q = QUESTIONS[qid]
        expected = q.expected()
        assert expected is not None
        for wrong in q.mistakes:
            feedback = check(qid, wrong)
            assert not feedback.correct
            assert "recheck each term" not in feedback.message, (wrong, feedback.message)
            assert not _has_token(feedback.message, int(expected.value)), (wrong, feedback.message)

    @pytest.mark.parametrize(
        ("qid", "wrong", "words"),
        [
            ("5.1", 64, "surge"),  # the /18's blocks, surge forgotten
            ("5.1", 63, "old default"),  # the legacy surge of one node
            ("5.1", 43, "round up"),  # 50 % of 43 rounded down
            ("5.1", 232, "default 10.244.0.0/16"),  # the /16 of section 1's figure
            ("5.5", 21, "surge"),
            ("5.5", 20, "old default"),
            ("5.5", 57, "floor at node start"),  # 1,019 // 16 = 63 shares
            ("5.5", 29, "Node Subnet"),  # 1,019 // 31 = 32 shares
            ("5.5", 28, "8 spare"),  # 1,019 // 32 = 31 shares
            ("5.p1", 50, "surge"),
            ("5.p1", 13_805, "Node Subnet"),  # (50 + 5) x (250 + 1)
            ("5.p1", 14_080, "pod CIDR"),  # 55 x 256: the /24 blocks
            ("5.p2", 32, "8 spare"),
            ("5.p2", 31, "Node Subnet"),
            ("5.p2", 38, "batches of 16"),
            ("5.p2", 16, "starts"),
            ("5.p3", 2, "its own"),
            ("5.p3", 48, "number of addresses"),
            ("5.p3", 33, "whole"),
            ("5.3", 96, "own IP needs one more block"),
            ("5.3", 100, "target"),
            ("5.3", 111, "above"),
        ],
    )
    def test_named_slip(self, qid: str, wrong: int, words: str) -> None:
        assert words in check(qid, wrong).message

    def test_prediction_choice_explains_every_wrong_letter(self) -> None:
        """5.p4: Node Subnet (1,705) is the tempting answer; the dynamic Pod Subnet's 2,695 is the most."""
        for letter in "acd":
            feedback = check("5.p4", letter)
            assert not feedback.correct
            assert "not the most" in feedback.message
        assert "2,695" in check("5.p4", "b").message


class TestHints:
    """An answer nobody anticipated gets the next step, never the answer."""

    @pytest.mark.parametrize("qid", NUMERIC)
    def test_unanticipated_answer_gets_a_next_step(self, qid: str) -> None:
        q = QUESTIONS[qid]
        expected = q.expected()
        assert expected is not None
        value = int(expected.value)
        odd = next(v for v in (value + 7, value + 13, value * 3 + 1) if v not in q.mistakes and v != value)
        message = check(qid, odd).message
        assert "Next step:" in message or qid == "5.3", message
        assert not _has_token(message.replace(f"{odd:,}", "").replace(str(odd), ""), value), message

    @pytest.mark.parametrize("qid", [q.id for q in (*EXERCISES, *PREDICTIONS)])
    def test_not_answered_reveals_nothing(self, qid: str) -> None:
        feedback = check(qid, ...)
        assert not feedback.answered
        assert feedback.message.startswith("Not answered yet")

    @pytest.mark.parametrize("answer", ["1" * 5000, 10**400, "<b>x</b>", None, 42.5, [1] * 20])
    @pytest.mark.parametrize("qid", ["5.1", "5.5", "5.p1", "5.p3"])
    def test_any_input_gets_feedback(self, qid: str, answer: object) -> None:
        assert not check(qid, answer).correct


def test_spoilers_are_the_answers() -> None:
    """The no-spoiler test looks for these above each exercise: the new 5.1 is not the /16 figure's 232."""
    spoilers = {q.id: q.spoilers for q in EXERCISES}
    assert spoilers["5.1"] == ("42",)
    assert spoilers["5.5"] == ("19",)
    assert spoilers["5.2"] == ("2,688", "2688")
