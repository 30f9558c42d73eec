"""Notebook 02's exercise and prediction checkers: right answers pass, known slips get their explanation, nothing leaks.

The expected answers are hand calculations from Microsoft's pages, not copies of the checker code:

* a rolling upgrade adds max-surge nodes, a percentage rounded up, per pool
  (https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling);
* Azure CNI Node Subnet: each node takes max pods + 1 node-subnet IPs; plan for the autoscaler's max count
  plus surge (https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning);
* Azure keeps 5 addresses of every subnet
  (https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq);
* each pod on a virtual node takes one address of the delegated subnet
  (https://learn.microsoft.com/en-us/azure/aks/virtual-nodes-cli);
* the Azure Policy add-on checks for new assignments every 15 minutes
  (https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes).
"""

from __future__ import annotations

import pytest
from _shared import mentions_number

from akskit.exercises import EXERCISES, PREDICTIONS, QUESTIONS, check

# 2.p1: 12 nodes at 33 %: ceil(3.96) = 4 surge; 16 x 31.
RIGHT_P1 = 16 * 31  # 496
# 2.p2: max count 20 plus a surge of 1, 31 IPs each.
RIGHT_P2 = 21 * 31  # 651
# 2.p4: 252 pod IPs + 5 reserved = 257 > 256 (a /24) -> a /23.
RIGHT_P4 = 23
# 2.1: ceil(0.99) = 1 and ceil(6.6) = 7 surge nodes; 3 + 1 + 20 + 7 = 31 nodes x 41.
RIGHT_21 = 31 * 41  # 1,271
# 2.2: ceil(5.0) = 5 surge; 15 nodes x 51.
RIGHT_22 = 15 * 51  # 765
# 2.3: 30 + ceil(9.9) = 40 nodes x 31 = 1,240 IPs; a /22 has 1,019 usable, a /21 2,043.
RIGHT_23 = 21


def test_ids_in_order() -> None:
    """Notebook 02 has five exercises, 2.1 to 2.5, and four predictions, 2.p1 to 2.p4, registered with check()."""
    assert [k for k in EXERCISES if k.startswith("2.")] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert [k for k in PREDICTIONS if k.startswith("2.")] == ["2.p1", "2.p2", "2.p3", "2.p4"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("2.p1", RIGHT_P1),
        ("2.p2", f"{RIGHT_P2}"),
        ("2.p3", "c"),
        ("2.p3", " C) "),
        ("2.p4", f"/{RIGHT_P4}"),
        ("2.p4", f"10.241.0.0/{RIGHT_P4}"),
        ("2.1", RIGHT_21),
        ("2.1", f"{RIGHT_21:,}"),
        ("2.2", float(RIGHT_22)),
        ("2.3", RIGHT_23),
        ("2.3", f"/{RIGHT_23}"),
        ("2.4", "production-surge-33"),
        ("2.4", "'Production-Surge-33'"),
        ("2.5", "b"),
    ],
)
def test_right_answers_pass(question: str, answer: object) -> None:
    """The right answer, in any accepted spelling, is correct."""
    assert check(question, answer).correct


@pytest.mark.parametrize("question", [*(f"2.{k}" for k in range(1, 6)), *(f"2.p{k}" for k in range(1, 5))])
def test_empty_answer_says_not_answered(question: str) -> None:
    """The notebook's placeholder gets 'Not answered yet', not a verdict."""
    feedback = check(question, ...)
    assert not feedback.correct
    assert feedback.message.startswith("Not answered yet")


class TestKnownSlips:
    """Each known slip gets an explanation that names it."""

    @pytest.mark.parametrize(
        ("answer", "name"),
        [
            (12 * 31, "before the upgrade"),  # forgot the surge
            (15 * 31, "*up*"),  # 3.96 rounded down to 3
            (13 * 31, "old default"),  # the legacy surge of 1
            (16 * 30, "own IP"),  # forgot the node's own IP
            (16, "node count"),  # nodes, not IPs
        ],
    )
    def test_upgrade_peak_prediction(self, answer: int, name: str) -> None:
        """2.p1: each left-out or mistaken term is named."""
        assert name in check("2.p1", answer).message

    @pytest.mark.parametrize(("answer", "name"), [(6 * 31, "today"), (20 * 31, "surge node"), (21 * 30, "own IP")])
    def test_autoscaler_prediction(self, answer: int, name: str) -> None:
        """2.p2: today's count, max count without surge, the missing own IP."""
        assert name in check("2.p2", answer).message

    @pytest.mark.parametrize(("answer", "name"), [("a", "deny"), ("b", "audit"), ("d", "pre-flight")])
    def test_which_tool_prediction(self, answer: str, name: str) -> None:
        """2.p3: each wrong letter is answered on its own terms."""
        feedback = check("2.p3", answer)
        assert not feedback.correct
        assert name in feedback.message

    @pytest.mark.parametrize(("answer", "name"), [("/24", "reserved"), (252, "pod count"), (257, "address count")])
    def test_burst_prediction(self, answer: object, name: str) -> None:
        """2.p4: forgot the 5 reserved (a /24 holds 251), the pod count, the address count."""
        message = check("2.p4", answer).message
        assert name in message or "Azure keeps 5" in message

    @pytest.mark.parametrize(
        ("answer", "name"),
        [
            (23 * 41, "before the upgrade"),  # no surge
            (29 * 41, "*up*"),  # 0.99 -> 0 and 6.6 -> 6
            (30 * 41, "system pool"),  # only the user pool surges
            (25 * 41, "old default"),  # one node per pool
            (31 * 40, "own IP"),
        ],
    )
    def test_two_pools(self, answer: int, name: str) -> None:
        """2.1: each left-out or mistaken term is named."""
        assert name in check("2.1", answer).message

    @pytest.mark.parametrize(
        ("answer", "name"), [(10 * 51, "before the upgrade"), (15 * 50, "own IP"), (11 * 51, "old default")]
    )
    def test_peak_at_50_percent(self, answer: int, name: str) -> None:
        """2.2: no surge, no own IP, the legacy surge of 1."""
        assert name in check("2.2", answer).message

    @pytest.mark.parametrize(("answer", "name"), [("/23", "today"), ("/22", "surge"), (1240, "IP count")])
    def test_autoscaler_prefix(self, answer: object, name: str) -> None:
        """2.3: today's 14 nodes (434 IPs fit a /23), max count without surge (930 or 961 fit a /22), the IP count."""
        assert name in check("2.3", answer).message

    @pytest.mark.parametrize(
        ("answer", "name"),
        [("kubenet-retiring", "passes"), ("windows-supported-model", "does not apply"), ("nonsense", "rule id")],
    )
    def test_fleet_rule(self, answer: str, name: str) -> None:
        """2.4: a rule it passes, a rule that does not apply, and text that is no rule id."""
        feedback = check("2.4", answer)
        assert not feedback.correct
        assert name in feedback.message

    @pytest.mark.parametrize(("answer", "name"), [("a", "pick it up"), ("c", "upgrades"), ("d", "plan")])
    def test_policy_timing(self, answer: str, name: str) -> None:
        """2.5: each wrong letter is answered on its own terms."""
        assert name in check("2.5", answer).message


class TestNoLeaks:
    """Wrong-answer messages never contain the right answer."""

    @pytest.mark.parametrize(
        ("question", "right", "answers"),
        [
            ("2.p1", RIGHT_P1, [372, 465, 403, 480, 16, 497, 1, "x"]),
            ("2.p2", RIGHT_P2, [186, 620, 630, 652, 0]),
            ("2.1", RIGHT_21, [943, 1189, 1230, 1025, 1240, 1272, 5]),
            ("2.2", RIGHT_22, [510, 750, 15, 561, 500, 766]),
        ],
    )
    def test_numbers(self, question: str, right: int, answers: list[object]) -> None:
        """No wrong answer's message shows the expected number."""
        for answer in answers:
            assert not mentions_number(check(question, answer).message, right), answer

    @pytest.mark.parametrize(("question", "right"), [("2.p4", "/23"), ("2.3", "/21")])
    def test_prefixes(self, question: str, right: str) -> None:
        """No wrong prefix's message shows the expected prefix."""
        for answer in ("/20", "/21", "/22", "/23", "/24", "/25", 252, 257, 1240, "nonsense"):
            feedback = check(question, answer)
            if not feedback.correct:
                assert right not in feedback.message, answer

    def test_fleet_rule(self) -> None:
        """2.4: no wrong answer's message names the broken rule."""
        for answer in ("kubenet-retiring", "subnet-surge-headroom", "windows-supported-model", "x"):
            assert "production-surge-33" not in check("2.4", answer).message


def test_spoilers_declared_where_the_checker_reads_the_answer() -> None:
    """2.4's checker reads the answer itself, so its spoiler (the failure's own detail line) is declared."""
    assert QUESTIONS["2.4"].spoilers == ("2 of 20 nodes; 33% is 7",)
    assert QUESTIONS["2.1"].spoilers == ("1,271", "1271")
    assert QUESTIONS["2.p4"].spoilers == ("/23",)
