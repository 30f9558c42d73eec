"""Notebook 07 (when AKS says no): right answers pass, anticipated slips are explained, the texts are the real ones.

Expected values are worked by hand here from the published error texts and Microsoft's rules, not read
from the checkers:

* a subnet loses 5 addresses (/24: 251, /23: 507, /22: 1,019): https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq
* Azure CNI Node Subnet reserves max pods + 1 per node (default max pods 30):
  https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning
* Overlay gives each node a /24 of the pod CIDR: https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay
* at create the autoscaler's max count is counted, without surge ("the max-count from each nodepool is counted
  towards this total"):
  https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/connectivity/insufficientsubnetsize-error-advanced-networking
* surge: 10 % by default, a percentage rounded up: https://learn.microsoft.com/en-us/azure/aks/upgrade-options
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from pathlib import Path

import pytest

import akskit
from akskit.course import explain_error, with_plan
from akskit.exercises import EXERCISES, NOT_ANSWERED, PREDICTIONS, QUESTIONS, check, nb07
from akskit.exercises.nb07 import predictions

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "07_when_aks_says_no.ipynb"
TESTS = Path(__file__).resolve().parent

#: Each question's answer, worked by hand.
RIGHT: dict[str, object] = {
    "7.p1": 310 // (30 + 1),  # Azure/AKS#456: 10 nodes
    "7.p2": 1280 // 256,  # AKS-Construction#701: 5 nodes, one /24 each
    "7.p3": "b",  # the surge nodes
    "7.p4": "b",  # 10.244.0.0/16 is the default pod CIDR
    "7.1": "b",  # the autoscaler maximum
    "7.2": 3 * (30 + 1) + 20 * (50 + 1),  # 1,113
    "7.3": math.ceil(12 * 33 / 100) * (40 + 1),  # 4 surge nodes x 41 = 164
    "7.4": "/18",  # 30 + 3 surge = 33 /24 blocks; a /19 holds 32, a /18 64
}

#: The slips each numeric question must explain, worked by hand.
SLIPS: dict[str, list[object]] = {
    "7.p1": [math.ceil(310 / 30), 10 - 1, 251 // 31, 310],  # no +1, minus a surge node, what fits, the IPs
    "7.p2": [1024 // 256, 1280, 1280 // 31],  # what fits, the IPs, Node Subnet's rule
    "7.2": [3 * 31 + 11 * 51, 4 * 31 + 22 * 51, 3 * 30 + 20 * 50, 1113 + 5, 20 * 51],  # 654, 1,246, 1,090, ...
    "7.3": [3 * 41, 1 * 41, 4 * 40, 16 * 41, 164 - (507 - 12 * 41)],  # 123, 41, 160, 656, 149
    "7.4": ["/19", "/20", "/24", 7680],
}


def test_the_notebook_has_four_predictions_and_four_exercises() -> None:
    assert [p.id for p in nb07.PREDICTIONS] == ["7.p1", "7.p2", "7.p3", "7.p4"]
    assert [e.id for e in nb07.EXERCISES] == ["7.1", "7.2", "7.3", "7.4"]
    assert set(RIGHT) == {i for i in QUESTIONS if i.startswith("7.")}


@pytest.mark.parametrize("question_id", sorted(RIGHT))
def test_right_answer_passes(question_id: str) -> None:
    feedback = check(question_id, RIGHT[question_id])
    assert feedback, feedback.message


@pytest.mark.parametrize("question_id", sorted(RIGHT))
def test_unanswered_reveals_nothing(question_id: str) -> None:
    feedback = check(question_id, ...)
    assert not feedback
    assert feedback.message == NOT_ANSWERED


@pytest.mark.parametrize(("question_id", "wrong"), [(q, w) for q, slips in SLIPS.items() for w in slips])
def test_the_slips_are_anticipated(question_id: str, wrong: object) -> None:
    """Forgot the +1 per node, counted surge at create, gave IPs where a prefix was asked, the shortfall, ..."""
    question = QUESTIONS[question_id]
    feedback = check(question_id, wrong)
    assert not feedback
    key = int(str(wrong).lstrip("/"))
    assert feedback.message == question.mistakes[key]


@pytest.mark.parametrize("question_id", ["7.1", "7.p3", "7.p4"])
def test_every_wrong_letter_explains_itself(question_id: str) -> None:
    for letter in "abcd":
        if letter != RIGHT[question_id]:
            feedback = check(question_id, letter)
            assert not feedback
            assert not feedback.message.startswith("answer with one letter"), letter


class TestTheTextsAreTheRealOnes:
    """The predictions quote the golden texts of tests/test_aks_errors.py, and the notebook shows them."""

    @pytest.mark.parametrize(
        ("name", "golden"),
        [
            ("NODE_SUBNET_TEXT", "OLD_FORM"),
            ("POD_CIDR_TEXT", "OVERLAY_POD_CIDR"),
            ("UPGRADE_TEXT", "UPGRADE_FULL"),
            ("VNET_OVERLAP_TEXT", "VNET_OVERLAP"),
        ],
    )
    def test_quoted_from_the_golden_texts(self, name: str, golden: str) -> None:
        """Each text is a part of a published one (tests/test_aks_errors.py names the source)."""
        spec = importlib.util.spec_from_file_location("golden_aks_errors", TESTS / "test_aks_errors.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert getattr(predictions, name) in getattr(module, golden).replace('\\"', '"')

    @pytest.mark.parametrize("name", ["NODE_SUBNET_TEXT", "POD_CIDR_TEXT", "UPGRADE_TEXT", "VNET_OVERLAP_TEXT"])
    def test_the_notebook_shows_and_explains_each(self, name: str) -> None:
        source = NOTEBOOK.read_text(encoding="utf-8")
        text = getattr(predictions, name)
        assert json.dumps(text)[1:-1] in source
        assert explain_error(text).recognized

    def test_each_cause_links_back_to_notebooks_03_to_05(self) -> None:
        cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        for notebook in ("notebook 03", "notebook 04", "notebook 05"):
            assert notebook in markdown


class TestCreateTimeIsAksNumber:
    """A plan at moment="create" (every pool at its max count, no surge) reproduces AKS's create-time number."""

    def test_node_subnet_text(self) -> None:
        """Azure/AKS#456: 10 Azure CNI nodes at max pods 30 pre-allocate 310, and a /24 has 251."""
        spec = akskit.cluster(
            "azure-cni", [akskit.pool("system", 10, max_pods=30)], node_subnet="10.0.0.0/24", moment="create"
        )
        p = akskit.plan(spec)
        assert (p.node_subnet.ips_required, p.node_subnet.usable_ips) == (310, 251)
        e = explain_error(predictions.NODE_SUBNET_TEXT)
        assert (e.values["requested"], e.values["available"]) == (310, 251)

    def test_with_plan_gives_the_same_number(self) -> None:
        """Section 2: the plan beside the text says 310, AKS's own number; 11 x 31 = 341 with the upgrade's surge."""
        spec = akskit.cluster(
            "azure-cni", [akskit.pool("system", 10, max_pods=30)], node_subnet="10.224.0.0/24", moment="create"
        )
        e = with_plan(explain_error(predictions.NODE_SUBNET_TEXT), spec)
        beside = e.values["plan"]
        assert (beside["moment"], beside["requested"], beside["matches"]) == ("create", 310, True)
        assert beside["upgrade_requested"] == 11 * 31
        assert "the same number AKS gave (310)" in e.cause

    def test_exercise_72_at_create(self) -> None:
        """7.2's folded akskit line: 3 x 31 + 20 x 51 = 1,113 at create; the default surge adds 1 + 2 nodes (1,246)."""
        pools = [akskit.pool("system", 3, max_pods=30), akskit.pool("apps", 11, max_count=20, max_pods=50)]
        sizes = {
            moment: akskit.plan(
                akskit.cluster("azure-cni", pools, node_subnet="10.50.0.0/22", moment=moment)
            ).node_subnet.ips_required
            for moment in ("create", "upgrade")
        }
        assert sizes == {"create": RIGHT["7.2"], "upgrade": 4 * 31 + 22 * 51}

    def test_the_notebook_plans_create_time_with_moment(self) -> None:
        """Section 2 and 7.2's solution plan with moment="create", not the old max_surge=0 stand-in."""
        cells = ["".join(c["source"]) for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]]
        section_2 = next(c for c in cells if 'node_subnet="10.224.0.0/24"' in c)
        solution_72 = next(c for c in cells if "**1,113**" in c)
        assert 'moment="create"' in section_2
        assert 'moment="create"' in solution_72
        assert any("with_plan(explanation, spec)" in c for c in cells)
        assert not any("max_surge=0" in c for c in cells)

    def test_the_fixed_plan_fits_the_upgrade(self) -> None:
        """Section 6: the /23 the explanation suggests holds 10 nodes plus one surge node: 11 x 31 = 341 of 507."""
        assert explain_error(predictions.NODE_SUBNET_TEXT).fix["prefix"] == "/23"
        spec = akskit.cluster("azure-cni", [akskit.pool("system", 10, max_pods=30)], node_subnet="10.224.0.0/23")
        p = akskit.plan(spec)
        assert (p.node_subnet.ips_required, p.node_subnet.usable_ips, p.node_subnet.fits) == (341, 507, True)

    def test_exercise_71_fits_at_today_s_count(self) -> None:
        """7.1's diagnosis: 654 fit in a /22's 1,019; the max count's 1,113 do not."""
        assert 3 * 31 + 11 * 51 <= 1019 < RIGHT["7.2"]  # type: ignore[operator]


def test_spoilers_of_small_answers_carry_a_unit() -> None:
    """A one-digit answer would match everywhere: the predictions' spoilers name the nodes."""
    assert PREDICTIONS["7.p1"].spoilers == ("10 nodes",)
    assert PREDICTIONS["7.p2"].spoilers == ("5 nodes",)
    assert EXERCISES["7.4"].spoilers == ("/18",)


def test_notebook_asks_each_question_once_in_order() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    calls = [
        m for c in cells if c["cell_type"] == "code" for m in re.findall(r'check\("([^"]+)"', "".join(c["source"]))
    ]
    assert calls == ["7.p1", "7.p2", "7.p3", "7.p4", "7.1", "7.2", "7.3", "7.4"]
