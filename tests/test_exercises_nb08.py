"""The end-of-course check (notebook 08): right answers pass, anticipated slips are explained, nothing leaks.

Expected values are Microsoft's rules worked by hand here (pages cited), not read from the checkers:

* surge: 10 % default, rounded up: https://learn.microsoft.com/en-us/azure/aks/upgrade-options
* kubenet: one /24 per node, 400 routes per route table: https://learn.microsoft.com/en-us/azure/aks/configure-kubenet
* Azure CNI: (nodes + surge) x (max pods + 1): https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning
* dynamic: batches of 16, another below 8 free: https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation
* static block: /28 blocks, max pods + 1: https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

import akskit
from akskit.exercises import EXERCISES, NOT_ANSWERED, check, nb08

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "08_end_of_course_check.ipynb"

#: (answer worked by hand, the notebook it checks)
RIGHT = {
    "8.1": ("b", 1),
    "8.2": (math.ceil(14 * 10 / 100), 2),  # 2
    "8.3": ("/15", 3),  # 300 + 30 nodes = 330 /24 blocks; /16 holds 256, /15 512
    "8.4": ("c", 3),
    "8.5": ((14 + 2) * (40 + 1), 4),  # 656
    "8.6": ("a", 4),
    "8.7": (40 + 4, 5),  # 44
    "8.8": ((10 + 1) * 16 * math.ceil((50 + 8) / 16), 5),  # 704
    "8.9": (math.ceil((48 + 1) / 16), 5),  # 4
    "8.10": ("b", 6),
}


def test_ten_questions_across_the_course() -> None:
    ids = [e.id for e in nb08.EXERCISES]
    assert ids == [f"8.{k}" for k in range(1, 11)]
    assert {notebook for _, notebook in RIGHT.values()} == {1, 2, 3, 4, 5, 6}


@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_right_answer_passes(exercise_id: str) -> None:
    assert check(exercise_id, RIGHT[exercise_id][0]), check(exercise_id, RIGHT[exercise_id][0]).message


@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_unanswered_reveals_nothing(exercise_id: str) -> None:
    feedback = check(exercise_id, ...)
    assert not feedback
    assert feedback.message == NOT_ANSWERED


@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_anticipated_mistakes_get_their_own_explanation(exercise_id: str) -> None:
    """At least three per question; each one is wrong, explained specifically, and never states the answer."""
    exercise = EXERCISES[exercise_id]
    mistakes = dict(exercise.mistakes)
    assert len(mistakes) >= 3, mistakes
    right = RIGHT[exercise_id][0]
    generic = check(exercise_id, 999_999).message if isinstance(right, int) else ""
    for wrong, why in mistakes.items():
        feedback = check(exercise_id, wrong)
        assert not feedback, wrong
        assert feedback.message == why
        assert feedback.message != generic
        if isinstance(right, int) and right > 9:
            assert not re.search(rf"(?<![\d,]){right:,}(?![\d,])", why), why


@pytest.mark.parametrize(
    ("exercise_id", "wrong"),
    [("8.2", 1), ("8.2", 5), ("8.3", 16), ("8.3", 330), ("8.5", 574), ("8.5", 615), ("8.5", 640),
     ("8.7", 40), ("8.7", 1_364), ("8.8", 176), ("8.8", 640), ("8.9", 3), ("8.9", 64)],
)  # fmt: skip
def test_the_classic_slips_are_anticipated(exercise_id: str, wrong: object) -> None:
    """Forgot the surge, legacy surge of 1, forgot the +1 per node, counted IPs where blocks or a prefix were asked."""
    assert wrong in EXERCISES[exercise_id].mistakes
    assert not check(exercise_id, wrong)


@pytest.mark.parametrize("exercise_id", ["8.2", "8.5", "8.7", "8.8", "8.9"])
def test_unanticipated_answer_hints_without_the_answer(exercise_id: str) -> None:
    right = RIGHT[exercise_id][0]
    feedback = check(exercise_id, right + 123)  # type: ignore[operator]
    assert not feedback
    assert "too high" in feedback.message
    assert str(right) not in re.sub(rf"\b{right + 123:,}\b", "", feedback.message)  # type: ignore[operator]


def test_the_diagnoses_are_what_akskit_finds() -> None:
    """8.4: the route table refuses 450 kubenet nodes (not the /20, not the /14); 8.6: 8 nodes fit a /24 until surge."""
    p = akskit.plan(
        akskit.cluster("kubenet", [akskit.pool("system", 450)], node_subnet="10.224.0.0/20", pod_cidr="10.240.0.0/14")
    )
    assert [f.code for f in p.errors] == ["kubenet-node-limit"]
    cni = akskit.plan(akskit.cluster("azure-cni", [akskit.pool("system", 8, max_pods=30)], node_subnet="10.224.0.0/24"))
    assert cni.node_subnet.fits is False
    assert cni.node_subnet.max_nodes_no_surge == 8
    assert 8 * 31 <= 251 < 9 * 31


def test_spoilers_are_declared_for_small_numbers() -> None:
    """A one-digit answer would match everywhere: its spoilers carry a unit instead."""
    assert EXERCISES["8.2"].spoilers == ("2 extra", "2 surge", "2 nodes")
    assert "4 blocks" in EXERCISES["8.9"].spoilers
    assert EXERCISES["8.3"].spoilers == ("/15",)


def test_notebook_asks_each_question_once_in_order() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    calls = [
        m for c in cells if c["cell_type"] == "code" for m in re.findall(r'check\("([^"]+)"', "".join(c["source"]))
    ]
    assert calls == [f"8.{k}" for k in range(1, 11)]
