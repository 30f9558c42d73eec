"""Helpers shared by notebook 05's exercises and predictions: the two pod-subnet models and the mistake tables."""

from __future__ import annotations

from typing import Any

from akskit.engine.models import NetworkModel, traits
from akskit.exercises._core import Feedback, expect_number
from akskit.exercises._expect import as_whole_number

__all__ = ["DYNAMIC", "STATIC", "expect_number_with_hint", "note_mistake"]

#: Pod Subnet with static block allocation: whole /28 blocks per node, for the node's lifetime.
STATIC = traits(NetworkModel.POD_SUBNET_STATIC)
#: Pod Subnet with dynamic allocation: batches of 16, topped up when fewer than 8 are free.
DYNAMIC = traits(NetworkModel.POD_SUBNET)


def expect_number_with_hint(
    answer: Any, correct: int, *, why: str, mistakes: dict[int, str], hint: str, unit: str = ""
) -> Feedback:
    """``expect_number``, with the anticipated mistakes minus the right value; any other wrong answer gets ``hint``."""
    known = {value: reason for value, reason in mistakes.items() if value != correct}
    feedback = expect_number(answer, correct, why=why, mistakes=known, unit=unit)
    value = as_whole_number(answer)
    if feedback.correct or value is None or value in known:
        return feedback
    return Feedback(False, f"{feedback.message} Next step: {hint}")


def note_mistake(mistakes: dict[int, str], value: int, reason: str) -> None:
    """Record a known wrong answer; two slips that give the same number share one explanation."""
    mistakes[value] = f"{mistakes[value]} Or: {reason}" if value in mistakes else reason
