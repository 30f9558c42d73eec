"""Notebook 03's predictions and exercises: right answers pass, known slips get their explanation, nothing leaks.

The expected answers are hand calculations from Microsoft's pages, not copies of the checker code:

* kubenet: only nodes take node-subnet addresses; each node takes one /24 of the pod CIDR; a route
  table holds 400 routes, one per node; pod traffic to the VNet is NATed to the node's IP; the pod
  CIDR can't be changed after deployment (https://learn.microsoft.com/en-us/azure/aks/configure-kubenet);
* Azure keeps 5 addresses of every subnet
  (https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq);
* max surge defaults to 10 % of the pool, rounded up (https://learn.microsoft.com/en-us/azure/aks/upgrade-options);
* migrating kubenet to Azure CNI Overlay takes a new pod CIDR with ``--pod-cidr``
  (https://learn.microsoft.com/en-us/azure/aks/update-azure-cni).
"""

from __future__ import annotations

import re

import pytest
from _shared import mentions_number

import akskit
from akskit.exercises import EXERCISES, PREDICTIONS, QUESTIONS, check

# 3.p1: 50 nodes + ceil(5.0) = 55 node-subnet addresses; pods take none.
RIGHT_P1 = 50 + 5
# 3.p2: a /16 holds 2^(24-16) = 256 blocks of /24, one per node, surge included.
RIGHT_P2 = 2 ** (24 - 16)
# 3.1: a /26 has 64 - 5 = 59 usable addresses.
RIGHT_31 = 64 - 5
# 3.2: 56 + ceil(5.6) = 62 node IPs > 59 usable in a /26 -> a /25 (123 usable).
RIGHT_32 = 25
# 3.3: a /18 holds 64 blocks; 58 + ceil(5.8) = 64 fits, 59 + ceil(5.9) = 65 does not.
RIGHT_33 = 58


def test_ids_in_order() -> None:
    """Notebook 03 has four predictions (3.p1-3.p4) and four exercises (3.1-3.4), registered with check()."""
    assert [k for k in PREDICTIONS if k.startswith("3.")] == ["3.p1", "3.p2", "3.p3", "3.p4"]
    assert [k for k in EXERCISES if k.startswith("3.")] == ["3.1", "3.2", "3.3", "3.4"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("3.p1", RIGHT_P1),
        ("3.p1", str(RIGHT_P1)),
        ("3.p2", RIGHT_P2),
        ("3.p2", float(RIGHT_P2)),
        ("3.p3", "c"),
        ("3.p3", " C) "),
        ("3.p4", "b"),
        ("3.1", RIGHT_31),
        ("3.2", RIGHT_32),
        ("3.2", f"/{RIGHT_32}"),
        ("3.2", f"10.224.0.0/{RIGHT_32}"),
        ("3.3", RIGHT_33),
        ("3.3", str(RIGHT_33)),
        ("3.4", "c"),
    ],
)
def test_right_answers_pass(question: str, answer: object) -> None:
    """The right answer, in any accepted spelling, is correct."""
    assert check(question, answer).correct


@pytest.mark.parametrize(
    ("question", "answer", "says"),
    [
        # 3.p1: forgot surge; the legacy surge of one node; counted pods; Azure CNI's (n+1) x max pods.
        ("3.p1", 50, "surge nodes"),
        ("3.p1", 51, "old surge of one node"),
        ("3.p1", 50 * 110, "pod CIDR, not from the VNet"),
        ("3.p1", 55 * 111, "Azure CNI's rule"),
        # 3.p2: addresses instead of blocks; the 5 reserved; surge set aside; the route table's limit.
        ("3.p2", 65_536, "counts addresses"),
        ("3.p2", 256 - 5, "belong to VNet subnets"),
        ("3.p2", 232, "counts the surge nodes too"),
        ("3.p2", 400, "different ceiling"),
        ("3.p3", "a", "something else fills up"),
        ("3.p3", "b", "something else fills up"),
        ("3.p4", "a", "could not reply"),
        ("3.p4", "c", "internet"),
        # 3.1: all addresses; the classic two; the kubenet page's "first three".
        ("3.1", 64, "every address"),
        ("3.1", 62, "network-and-broadcast"),
        ("3.1", 61, "first three"),
        # 3.2: sized for today; forgot surge / legacy surge / forgot the 5 reserved; counted pods; IP count.
        ("3.2", 27, "today's 20 nodes"),
        ("3.2", "/26", "three usual slips"),
        ("3.2", 19, "pods do not take VNet addresses"),
        ("3.2", 62, "number of addresses"),
        # 3.3: forgot surge; legacy surge; reserved taken off the pod CIDR; addresses; the route table.
        ("3.3", 64, "surge nodes need blocks"),
        ("3.3", 63, "one block for surge"),
        ("3.3", 53, "not to the pod CIDR"),
        ("3.3", 16_384, "counts addresses"),
        ("3.3", 400, "route table"),
        ("3.3", 363, "route table"),
        ("3.4", "a", "can't be changed after deployment"),
        ("3.4", "b", "same, single pod CIDR"),
        ("3.4", "d", "not what ran out"),
    ],
)
def test_known_slips_explained(question: str, answer: object, says: str) -> None:
    """Each anticipated mistake is wrong and gets its own explanation."""
    feedback = check(question, answer)
    assert not feedback.correct
    assert says in feedback.message, feedback.message


@pytest.mark.parametrize("question", ["3.p1", "3.p2", "3.1", "3.3"])
def test_at_least_three_anticipated_numeric_mistakes(question: str) -> None:
    """Every numeric question anticipates at least three wrong answers, none of them the right one."""
    expected = QUESTIONS[question].expected()
    assert expected is not None
    assert expected.kind == "number"
    assert len(QUESTIONS[question].mistakes) >= 3
    assert expected.value not in QUESTIONS[question].mistakes


def test_prefix_exercise_anticipates_three_mistakes() -> None:
    """3.2 (a prefix) anticipates at least three wrong answers."""
    assert len(QUESTIONS["3.2"].mistakes) >= 3


@pytest.mark.parametrize(
    ("question", "answer", "right"),
    [
        ("3.p1", 7, RIGHT_P1),
        ("3.p1", 999, RIGHT_P1),
        ("3.p2", 100, RIGHT_P2),
        ("3.1", 40, RIGHT_31),
        ("3.3", 30, RIGHT_33),
        ("3.3", 200, RIGHT_33),
    ],
)
def test_unanticipated_answer_gets_a_next_step_not_the_answer(question: str, answer: int, right: int) -> None:
    """A wrong answer nobody anticipated gets a next step and never the right number."""
    feedback = check(question, answer)
    assert not feedback.correct
    assert "Next step:" in feedback.message
    assert not mentions_number(feedback.message, right), feedback.message


@pytest.mark.parametrize("question", ["3.p1", "3.p2", "3.p3", "3.p4", "3.1", "3.2", "3.3", "3.4"])
def test_wrong_answers_never_give_the_answer(question: str) -> None:
    """No anticipated-mistake message names the right answer."""
    expected = QUESTIONS[question].expected()
    assert expected is not None
    for wrong in QUESTIONS[question].mistakes:
        message = check(question, wrong).message
        if expected.kind == "choice":
            assert not re.search(rf"\b{expected.value}\)", message), message
        elif expected.kind == "prefix":
            assert f"/{expected.value}" not in message, message
        else:
            assert not mentions_number(message, int(expected.value)), message


@pytest.mark.parametrize("question", ["3.p1", "3.p2", "3.p3", "3.p4", "3.1", "3.2", "3.3", "3.4"])
def test_not_answered_reveals_nothing(question: str) -> None:
    """``answer = ...`` left as is: "Not answered yet", not an error and no answer."""
    feedback = check(question, ...)
    assert not feedback.correct
    assert feedback.message.startswith("Not answered yet")


def test_spoilers_declared() -> None:
    """The numeric and prefix questions declare their answers as spoilers, for the no-spoiler test."""
    assert {q: QUESTIONS[q].spoilers for q in ("3.1", "3.2", "3.3")} == {
        "3.1": (str(RIGHT_31),),
        "3.2": (f"/{RIGHT_32}",),
        "3.3": (str(RIGHT_33),),
    }


def test_the_diagnosis_cluster_is_limited_by_its_pod_cidr() -> None:
    """3.3's cluster stops at its pod CIDR, not at the /22 subnet or the route table (the exercise's premise)."""
    spec = akskit.cluster(
        "kubenet",
        [akskit.pool("system", 0, max_surge="10%")],
        node_subnet="10.224.0.0/22",
        pod_cidr="10.244.0.0/18",
    )
    capacity = akskit.plan(spec).capacity
    assert capacity.max_nodes == RIGHT_33
    assert "pod CIDR" in capacity.limited_by
