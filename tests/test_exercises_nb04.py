"""Notebook 04's exercise and prediction checkers: right answers pass, known slips get their explanation, nothing leaks.

The expected answers are hand calculations from Microsoft's pages, not copies
of the checker code:

* node-subnet IPs = (nodes + surge) + (nodes + surge) x max pods
  (https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning);
* max surge left unset: 10 % of the pool, rounded up
  (https://learn.microsoft.com/en-us/azure/aks/upgrade-options; https://github.com/Azure/AKS/pull/3491);
* max pods at most 250 per node (https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions);
* Azure keeps 5 addresses of every subnet
  (https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq);
* a /24 holds 8 nodes at 30 max pods (https://learn.microsoft.com/en-us/azure/aks/configure-kubenet);
* kubenet: one /24 per node from the pod CIDR, 400 routes per table
  (https://learn.microsoft.com/en-us/azure/aks/configure-kubenet);
* in the same VNet the pod IP shows, outside it the node IP
  (https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni).
"""

from __future__ import annotations

import pytest
from _shared import mentions_number

from akskit.exercises import EXERCISES, PREDICTIONS, check

# 4.1: 24 nodes, max pods 40, default surge: 10 % of 24 = 2.4 -> 3 surge nodes; 27 x 41.
RIGHT_41 = 27 * 41  # 1,107
# 4.2: 19 nodes, max pods 200, default surge 2: 21 x 201 = 4,221 > 4,091 usable in a /20 -> a /19 (8,187 usable).
RIGHT_42 = 19
# 4.3: a /19 has 8,192 - 5 = 8,187 usable; 8,187 // 251 = 32 nodes at once; 29 + 3 = 32 fits, 30 + 3 = 33 does not.
RIGHT_43 = 29
# 4.p1: 3 nodes x (30 + 1).
RIGHT_P1 = 93
# 4.p2: Microsoft: "a maximum of 8 nodes" in a /24 at 30 max pods.
RIGHT_P2 = 8
# 4.p3: a /21 has 2,043 usable; (n + 1) x 31 <= 2,043 -> n + 1 <= 65 -> n = 64.
RIGHT_P3 = 2043 // 31 - 1
# 4.p4: kubenet on a /22 (1,019 usable) under 400 routes, but the default /16 pod CIDR holds 2^(24-16) /24 blocks.
RIGHT_P4 = 2 ** (24 - 16)


def test_ids_in_order() -> None:
    """Notebook 04 has five exercises, 4.1 to 4.5, and four predictions, 4.p1 to 4.p4, registered with check()."""
    assert [k for k in EXERCISES if k.startswith("4.")] == ["4.1", "4.2", "4.3", "4.4", "4.5"]
    assert [k for k in PREDICTIONS if k.startswith("4.")] == ["4.p1", "4.p2", "4.p3", "4.p4"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("4.1", RIGHT_41),
        ("4.1", f"{RIGHT_41:,}"),
        ("4.1", float(RIGHT_41)),
        ("4.2", RIGHT_42),
        ("4.2", f"/{RIGHT_42}"),
        ("4.2", f"10.224.0.0/{RIGHT_42}"),
        ("4.3", RIGHT_43),
        ("4.3", str(RIGHT_43)),
        ("4.4", "c"),
        ("4.4", " C) "),
        ("4.5", "b"),
        ("4.p1", RIGHT_P1),
        ("4.p2", RIGHT_P2),
        ("4.p3", RIGHT_P3),
        ("4.p4", RIGHT_P4),
    ],
)
def test_right_answers_pass(question: str, answer: object) -> None:
    """The right answer, in any accepted spelling, is correct."""
    assert check(question, answer).correct


@pytest.mark.parametrize("question", ["4.1", "4.2", "4.3", "4.4", "4.5", "4.p1", "4.p2", "4.p3", "4.p4"])
def test_empty_answer_says_not_answered(question: str) -> None:
    """The notebook's placeholder gets 'Not answered yet', not a verdict."""
    feedback = check(question, ...)
    assert not feedback.correct
    assert not feedback.answered
    assert feedback.message.startswith("Not answered yet")


class TestKnownSlips:
    """Each known slip gets an explanation that names it."""

    @pytest.mark.parametrize(
        ("answer", "names"),
        [
            (27 * 40, ["own IP"]),  # forgot the node's own IP
            (24 * 41, ["surge"]),  # forgot surge
            (25 * 41, ["old default"]),  # used the legacy surge of 1
            (26 * 41, ["rounded up"]),  # 10 % of 24 rounded down to 2
            (24 * 40, ["own IP", "surge"]),  # nodes x max pods
            (RIGHT_41 + 5, ["reserved"]),  # added Azure's reserved 5 to an IP count
        ],
    )
    def test_node_subnet_ips(self, answer: int, names: list[str]) -> None:
        """4.1: each left-out or mistaken term is named."""
        feedback = check("4.1", answer)
        assert not feedback.correct
        for name in names:
            assert name in feedback.message

    def test_prefix_one_size_short(self) -> None:
        """4.2: /20 comes from forgetting surge, the legacy surge of 1 or rounding 1.9 down; all three are named."""
        message = check("4.2", "/20").message
        for name in ("surge", "old default", "rounded up"):
            assert name in message

    def test_prefix_given_as_ip_count(self) -> None:
        """4.2: the IP count (21 x 201) where a prefix was asked is called an IP count."""
        message = check("4.2", 21 * 201).message
        assert "number of IPs" in message
        assert "prefix" in message

    def test_prefix_given_as_host_bits(self) -> None:
        """4.2: 32 - 19 = 13 host bits is recognised as host bits."""
        assert "host bits" in check("4.2", 13).message

    @pytest.mark.parametrize(("answer", "name"), [(32, "surge"), (31, "old default"), (30, "off by one")])
    def test_nodes_at_250(self, answer: int, name: str) -> None:
        """4.3: 32 forgets the surge, 31 uses a surge of 1, 30 is one past the boundary."""
        feedback = check("4.3", answer)
        assert not feedback.correct
        assert name in feedback.message

    @pytest.mark.parametrize(("answer", "name"), [("a", "per node"), ("b", "max pods"), ("d", "route table")])
    def test_upgrade_diagnosis(self, answer: str, name: str) -> None:
        """4.4: each wrong cause is answered on its own terms."""
        feedback = check("4.4", answer)
        assert not feedback.correct
        assert name in feedback.message

    @pytest.mark.parametrize(("answer", "name"), [("a", "change"), ("c", "directly"), ("d", "internet")])
    def test_firewall_diagnosis(self, answer: str, name: str) -> None:
        """4.5: each wrong cause is answered on its own terms."""
        feedback = check("4.5", answer)
        assert not feedback.correct
        assert name in feedback.message

    @pytest.mark.parametrize(("answer", "name"), [(3, "kubenet"), (90, "own IP"), (0, "up front"), (98, "reserved")])
    def test_reservation_prediction(self, answer: int, name: str) -> None:
        """4.p1: kubenet's one-per-node, the missing own IP, 'nothing until pods run', the reserved 5."""
        assert name in check("4.p1", answer).message

    @pytest.mark.parametrize(("answer", "name"), [(251, "kubenet"), (9, "rounded up"), (240, "pod count")])
    def test_slash_24_prediction(self, answer: int, name: str) -> None:
        """4.p2: one address per node, rounding up, pods for nodes."""
        assert name in check("4.p2", answer).message

    @pytest.mark.parametrize(("answer", "name"), [(65, "surge"), (67, "own IP"), (63, "off by one")])
    def test_cliff_prediction(self, answer: int, name: str) -> None:
        """4.p3: the /21 cliff without surge, without the own IP, and one below it."""
        assert name in check("4.p3", answer).message

    @pytest.mark.parametrize(("answer", "name"), [(400, "route table"), (1019, "only limit"), (32, "Azure CNI")])
    def test_kubenet_prediction(self, answer: int, name: str) -> None:
        """4.p4: the route table, the node subnet alone, Azure CNI's count."""
        assert name in check("4.p4", answer).message


class TestNoLeaks:
    """Wrong-answer messages never contain the right answer."""

    @pytest.mark.parametrize(
        ("question", "right", "answers"),
        [
            ("4.1", RIGHT_41, [27 * 40, 24 * 41, 25 * 41, 26 * 41, 24 * 40, RIGHT_41 + 5, RIGHT_41 + 1, 1, "x"]),
            ("4.3", RIGHT_43, [32, 31, 30, 28, 0, 100, "eight"]),
            ("4.p1", RIGHT_P1, [3, 90, 0, 98, 94, 1000]),
            ("4.p2", RIGHT_P2, [251, 256, 9, 7, 240, 100]),
            ("4.p3", RIGHT_P3, [65, 66, 67, 68, 63, 10, 1000]),
            ("4.p4", RIGHT_P4, [400, 1019, 1024, 32, 251, 5000]),
        ],
    )
    def test_numbers(self, question: str, right: int, answers: list[object]) -> None:
        """No wrong answer's message shows the expected number."""
        for answer in answers:
            assert not mentions_number(check(question, answer).message, right), answer

    @pytest.mark.parametrize("answer", ["/20", "/21", "/18", "/16", "/29", 4221, 13, "nonsense"])
    def test_prefix(self, answer: object) -> None:
        """4.2: neither the prefix nor its usable count (8,187) appears."""
        message = check("4.2", answer).message
        assert f"/{RIGHT_42}" not in message
        assert not mentions_number(message, 8187)

    @pytest.mark.parametrize("answer", ["a", "b", "d", "z"])
    def test_upgrade_diagnosis(self, answer: str) -> None:
        """4.4: a wrong letter's message does not name the surge node's reservation as the cause."""
        assert "reservation does not fit" not in check("4.4", answer).message

    @pytest.mark.parametrize("answer", ["a", "c", "d", "z"])
    def test_firewall_diagnosis(self, answer: str) -> None:
        """4.5: a wrong letter's message does not name the node IP."""
        assert "node IP" not in check("4.5", answer).message


def test_unknown_letter_lists_the_choices() -> None:
    """An answer that is no letter on offer lists the letters, not the answer."""
    message = check("4.4", "e").message
    assert "a, b, c, d" in message
