"""Notebook 04's exercise checkers: right answers pass, known slips get their explanation, nothing leaks.

The expected answers are hand calculations from Microsoft's pages, not copies
of the checker code:

* node-subnet IPs = (nodes + surge) + (nodes + surge) x max pods
  (https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning);
* Azure keeps 5 addresses of every subnet
  (https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq);
* in the same VNet the pod IP shows, outside it the node IP
  (https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni).
"""

from __future__ import annotations

import re

import pytest

from akskit.exercises import EXERCISES, check

# 4.1: 20 nodes, max pods 40, surge 2 -> 22 x 41.
RIGHT_41 = (20 + 2) * (40 + 1)  # 902
# 4.2: 32 nodes, max pods 30, surge 1 -> 33 x 31 = 1,023 > 1,019 usable in a /22 -> a /21 (2,043 usable).
RIGHT_42 = 21
# 4.3: a /23 has 512 - 5 = 507 usable; (n + 1) x 51 <= 507 -> n + 1 = 9 -> n = 8.
RIGHT_43 = 507 // 51 - 1  # 8


def _mentions_number(message: str, number: int) -> bool:
    """The message shows ``number`` as a number of its own (plain or with thousands commas)."""
    return any(re.search(rf"(?<![\d,/.]){re.escape(text)}(?![\d,])", message) for text in {str(number), f"{number:,}"})


def test_ids_in_order() -> None:
    """Notebook 04 has five exercises, 4.1 to 4.5, registered with check()."""
    assert [k for k in EXERCISES if k.startswith("4.")] == ["4.1", "4.2", "4.3", "4.4", "4.5"]


@pytest.mark.parametrize(
    ("exercise", "answer"),
    [
        ("4.1", RIGHT_41),
        ("4.1", f"{RIGHT_41:,}"),
        ("4.1", float(RIGHT_41)),
        ("4.2", RIGHT_42),
        ("4.2", f"/{RIGHT_42}"),
        ("4.2", f"10.224.0.0/{RIGHT_42}"),
        ("4.3", RIGHT_43),
        ("4.3", str(RIGHT_43)),
        ("4.4", "b"),
        ("4.4", " B) "),
        ("4.5", "b"),
    ],
)
def test_right_answers_pass(exercise: str, answer: object) -> None:
    """The right answer, in any accepted spelling, is correct."""
    assert check(exercise, answer).correct


@pytest.mark.parametrize("exercise", ["4.1", "4.2", "4.3", "4.4", "4.5"])
def test_empty_answer_nudges(exercise: str) -> None:
    """The notebook's placeholder gets a nudge, not a verdict."""
    feedback = check(exercise, ...)
    assert not feedback.correct
    assert "replace `...`" in feedback.message


class TestKnownSlips:
    """Each known slip gets an explanation that names it."""

    @pytest.mark.parametrize(
        ("answer", "names"),
        [
            (22 * 40, ["own IP"]),  # forgot the node's own IP: N x M with surge
            (20 * 41, ["surge"]),  # forgot surge
            (20 * 40, ["own IP", "surge"]),  # nodes x max pods
            (RIGHT_41 + 5, ["reserved"]),  # added Azure's reserved 5 to an IP count
        ],
    )
    def test_node_subnet_ips(self, answer: int, names: list[str]) -> None:
        """4.1: forgetting the node's own IP, the surge, or both, or adding the reserved 5."""
        feedback = check("4.1", answer)
        assert not feedback.correct
        for name in names:
            assert name in feedback.message

    def test_prefix_without_reserved(self) -> None:
        """4.2: 1,023 IPs 'fit' a /22 only if the 5 reserved addresses are forgotten; so say."""
        feedback = check("4.2", "/22")
        assert not feedback.correct
        assert "Azure keeps 5 addresses" in feedback.message
        assert "own IP" in feedback.message  # 33 x 30 = 990 also gives /22
        assert "surge" in feedback.message  # 32 x 31 = 992 also gives /22

    @pytest.mark.parametrize("answer", [9, 10])
    def test_nodes_in_a_slash_23(self, answer: int) -> None:
        """4.3: 9 is one missing term (surge, own IP or reserved), 10 two; each is named."""
        feedback = check("4.3", answer)
        assert not feedback.correct
        for name in ("surge", "own IP", "Azure keeps 5"):
            assert name in feedback.message

    @pytest.mark.parametrize(("answer", "names"), [("a", "own VNet"), ("c", "internet")])
    def test_source_address(self, answer: str, names: str) -> None:
        """4.4: the pod IP is the in-VNet answer; the public IP is the internet's."""
        feedback = check("4.4", answer)
        assert not feedback.correct
        assert names in feedback.message

    @pytest.mark.parametrize("answer", ["a", "c", "d"])
    def test_advantages_are_not_disadvantages(self, answer: str) -> None:
        """4.5: each advantage offered as a disadvantage is called an advantage."""
        feedback = check("4.5", answer)
        assert not feedback.correct
        assert "advantage" in feedback.message


class TestNoLeaks:
    """Wrong-answer messages never contain the right answer."""

    @pytest.mark.parametrize("answer", [22 * 40, 20 * 41, 20 * 40, RIGHT_41 + 5, RIGHT_41 - 1, RIGHT_41 + 1, 1, "x"])
    def test_node_subnet_ips(self, answer: object) -> None:
        """4.1."""
        message = check("4.1", answer).message
        assert not _mentions_number(message, RIGHT_41)

    @pytest.mark.parametrize("answer", ["/22", "/23", "/20", "/16", "/29", "nonsense"])
    def test_prefix(self, answer: str) -> None:
        """4.2: neither the prefix nor its usable count (2,043) appears."""
        message = check("4.2", answer).message
        assert f"/{RIGHT_42}" not in message
        assert not _mentions_number(message, 2043)

    @pytest.mark.parametrize("answer", [9, 10, 7, 0, 100, "eight"])
    def test_nodes_in_a_slash_23(self, answer: object) -> None:
        """4.3."""
        message = check("4.3", answer).message
        assert not _mentions_number(message, RIGHT_43)

    @pytest.mark.parametrize(("exercise", "answer"), [("4.4", "a"), ("4.4", "c"), ("4.4", "z")])
    def test_source_address(self, exercise: str, answer: str) -> None:
        """4.4: a wrong letter's message does not name the node IP."""
        assert "node IP" not in check(exercise, answer).message

    @pytest.mark.parametrize("answer", ["a", "c", "d"])
    def test_disadvantage(self, answer: str) -> None:
        """4.5: a wrong letter's message does not name the up-front reservation."""
        message = check("4.5", answer).message
        assert "up front" not in message
        assert "max pods + 1" not in message


def test_unknown_letter_lists_the_choices() -> None:
    """An answer that is no letter on offer lists the letters, not the answer."""
    message = check("4.5", "e").message
    assert "a, b, c, d" in message
