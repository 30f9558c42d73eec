"""Notebook 06 checkers: right answers pass, wrong ones say why (from the real checks) without the answer."""

from __future__ import annotations

import re
from typing import Any

import pytest

from akskit.course.scenario import design, load_scenario
from akskit.engine.errors import SpecError
from akskit.engine.explain import explanations
from akskit.engine.plans import plan
from akskit.exercises import check, nb06

# The scenario's peak, by hand (akskit/course/data/capstone.toml; 33% surge rounded up per pool, ROLLING_UPGRADE_URL):
# system 3+1, user 40+14, win 6+2, growth 10 = 76 nodes; + 4 private endpoints + 2 internal LBs = 82 node-subnet
# addresses. Usable = size - 5 (VNET_FAQ_URL): /26 = 59 < 82 <= 123 = /25, so /25 is the smallest node subnet.
# Overlay gives each node a /24 of the pod CIDR (OVERLAY_URL): 76 blocks need a /17 (128); a /18 has 64.
SMALLEST_NODE_PREFIX = 25
#: How akskit's fixes hand over a value: "use 10.1.0.0/16", "use a /25 or larger", "move the ... to 10.1.0.0/16".
GIVEAWAY = re.compile(r"\buse (a )?/?\d|\bmove the .* to ")


class TestModel:
    """6.1: a model for the Windows pool within a /24 VNet budget."""

    @pytest.mark.parametrize(
        "answer", ["overlay", "Azure-CNI-Overlay", "--network-plugin azure --network-plugin-mode overlay"]
    )
    def test_overlay(self, answer: str) -> None:
        """Overlay, however it is spelled, is right, and the feedback gives its VNet cost."""
        feedback = check("6.1", answer)
        assert feedback.correct
        assert "82 VNet addresses" in feedback.message

    def test_kubenet(self) -> None:
        """kubenet is refused for the Windows pool, in the checks' own words, without naming the answer."""
        feedback = check("6.1", "kubenet")
        assert not feedback.correct
        assert "Windows" in feedback.message
        assert "Overlay" not in feedback.message

    @pytest.mark.parametrize(("answer", "ips"), [("azure-cni", "3,642"), ("pod-subnet", "4,754")])
    def test_vnet_models_over_budget(self, answer: str, ips: str) -> None:
        """Models whose pods take VNet addresses blow the /24 budget (azure-cni: 76x51 + ... = 3,642 by hand)."""
        # azure-cni by hand: (4 + 8) x 31 + 54 x 51 + 10 growth x 51 + 6 = 372 + 2,754 + 510 + 6 = 3,642
        # pod-subnet (dynamic, 16 x ceil((max pods + 8) / 16) per node, configure-azure-cni-dynamic-ip-allocation):
        # 82 node-subnet + 12 x 48 + (54 + 10) x 64 = 82 + 576 + 4,096 = 4,754
        feedback = check("6.1", answer)
        assert not feedback.correct
        assert ips in feedback.message
        assert "251 usable" in feedback.message

    def test_cilium_dataplane(self) -> None:
        """Cilium with a Windows pool is refused: Cilium is Linux only."""
        feedback = check("6.1", "--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium")
        assert not feedback.correct
        assert "Linux" in feedback.message

    def test_byo(self) -> None:
        """Bring your own CNI is not documented for Windows: a warning is enough to say not yet."""
        assert "do not say" in check("6.1", "none").message

    @pytest.mark.parametrize(
        ("answer", "text"), [("cilium", "data plane, not a network model"), ("calico", "not known")]
    )
    def test_not_a_model(self, answer: str, text: str) -> None:
        """Unknown names get the library's message, not a traceback."""
        feedback = check("6.1", answer)
        assert not feedback.correct
        assert text in feedback.message


class TestNodePrefix:
    """6.2: the smallest node subnet for the peak, with overlay."""

    @pytest.mark.parametrize("answer", [SMALLEST_NODE_PREFIX, 25.0, "/25", "25", "10.224.0.0/25", "10.230.0.0/25"])
    def test_right(self, answer: Any) -> None:
        """/25 (as a number, a prefix or a CIDR inside the VNet) is right."""
        assert check("6.2", answer).correct

    def test_forgot_surge_and_growth(self) -> None:
        """/26 is what the usual mistakes give; the feedback names them, not the answer."""
        feedback = check("6.2", "/26")
        assert not feedback.correct
        assert "59 usable" in feedback.message
        assert "surge" in feedback.message
        assert "autoscaler maximums" in feedback.message
        assert "/25" not in feedback.message

    def test_far_too_small(self) -> None:
        """A /28 (no known slip gives it) gets the next step (compare usable with the need), not the answer."""
        feedback = check("6.2", 28)
        assert not feedback.correct
        assert "size minus 5" in feedback.message
        assert "25" not in feedback.message

    @pytest.mark.parametrize(
        ("answer", "text"),
        [
            (82, "number of addresses the peak needs"),
            (76, "node count"),
            ("/26", "59 usable"),
            (24, "not the smallest"),
        ],
    )
    def test_anticipated(self, answer: Any, text: str) -> None:
        """The address count, the node count, the /26 of the usual slips and the roomy /24 each get their own words."""
        feedback = check("6.2", answer)
        assert not feedback.correct
        assert text in feedback.message
        assert "/25" not in feedback.message

    def test_larger_than_needed(self) -> None:
        """A /24 fits but is not the smallest."""
        feedback = check("6.2", "/24")
        assert not feedback.correct
        assert "not the smallest" in feedback.message

    @pytest.mark.parametrize(
        ("answer", "text"),
        [
            ("10.250.0.0/25", "not inside the VNet"),
            ("10.224.0.1/25", "host bits set"),
            (8, "larger than the whole VNet"),
            (30, "Azure subnets run from /2 to /29"),
            ("/33", "prefix length such as /24"),
            ("big", "not a valid CIDR"),
        ],
    )
    def test_misplaced_or_malformed(self, answer: Any, text: str) -> None:
        """Subnets outside the VNet, bad CIDRs and impossible prefixes are explained."""
        feedback = check("6.2", answer)
        assert not feedback.correct
        assert text in feedback.message


class TestPodCidr:
    """6.3: an overlay pod CIDR that holds the peak and collides with nothing."""

    @pytest.mark.parametrize("answer", ["10.244.0.0/17", "100.64.0.0/17", "172.16.128.0/17", "/17", 17])
    def test_right(self, answer: Any) -> None:
        """A /17 (76 nodes need 76 /24 blocks; a /17 holds 128, a /18 64) clear of the scenario is right."""
        assert check("6.3", answer).correct

    @pytest.mark.parametrize(
        ("answer", "text"),
        [
            ("10.244.0.0/16", "not the smallest"),
            ("10.244.0.0/19", "today's node counts"),
            ("100.64.0.0/18", "upgrade surge"),
            ("/24", "one node's block"),
            (76, "number of per-node /24 blocks"),
        ],
    )
    def test_anticipated(self, answer: Any, text: str) -> None:
        """The default /16, the slips that give a /19 or a /18, one node's /24 and the block count: each explained."""
        feedback = check("6.3", answer)
        assert not feedback.correct
        assert text in feedback.message
        assert "/17" not in feedback.message

    @pytest.mark.parametrize(
        ("answer", "text"),
        [
            ("192.168.0.0/16", "stores and warehouses"),
            ("10.0.0.0/16", "on-premises data centre"),
            ("10.240.0.0/14", "hub VNet"),
            ("10.224.0.0/16", "overlaps pod CIDR"),
            ("10.226.0.0/16", "overlaps the VNet"),
            ("172.16.0.0/12", "172.30.0.0/16"),
            ("8.8.0.0/16", "outside the private ranges"),
        ],
    )
    def test_collisions(self, answer: str, text: str) -> None:
        """Each collision names what it collides with (peers by name) and never suggests a replacement."""
        feedback = check("6.3", answer)
        assert not feedback.correct
        assert text in feedback.message
        assert not GIVEAWAY.search(feedback.message), feedback.message

    def test_too_small(self) -> None:
        """A /18 holds 64 /24s: too few, said without the node count."""
        feedback = check("6.3", "10.244.0.0/18")
        assert not feedback.correct
        assert "64 per-node /24 blocks" in feedback.message
        assert "76" not in feedback.message


class TestServiceRange:
    """6.4: a service CIDR and DNS service IP that collide with nothing."""

    @pytest.mark.parametrize("answer", [("172.16.0.0/16", "172.16.0.10"), ["10.1.0.0/16", "10.1.0.53"]])
    def test_right(self, answer: Any) -> None:
        """A clear range with a DNS IP inside it is right."""
        assert check("6.4", answer).correct

    def test_the_dns_ip_must_move_too(self) -> None:
        """A clear range alone is not enough: the draft's DNS IP 10.0.0.10 stays in the old range."""
        feedback = check("6.4", "172.16.0.0/16")
        assert not feedback.correct
        assert "10.0.0.10" in feedback.message
        assert "pair" in feedback.message

    def test_the_default_trap(self) -> None:
        """AKS's default 10.0.0.0/16 collides with on-premises, named as such."""
        feedback = check("6.4", "10.0.0.0/16")
        assert not feedback.correct
        assert "on-premises data centre" in feedback.message
        assert not GIVEAWAY.search(feedback.message), feedback.message

    @pytest.mark.parametrize(
        ("answer", "text"),
        [
            (("172.16.0.0/16", "172.16.0.1"), "first address"),
            (("172.16.0.0/16", "10.0.0.10"), "outside service CIDR"),
            ("10.225.0.0/16", "overlaps the VNet"),
            ("10.244.0.0/16", "overlaps service CIDR"),
            ("10.0.0.0/8", "smaller than a /12"),
            ("172.31.0.0/16", "AKS reserves"),
            (("172.16.0.0/16", "172.16.0.10/32"), "not an IPv4 address"),
        ],
    )
    def test_wrong(self, answer: Any, text: str) -> None:
        """Overlaps, reserved ranges, a bad DNS IP and a too-large range are each explained."""
        feedback = check("6.4", answer)
        assert not feedback.correct
        assert text in feedback.message


class TestFromAnyDirectory:
    """The checkers read the packaged scenario: they work outside notebooks/ (before, "scenario file
    'capstone.toml' not found")."""

    @pytest.mark.parametrize(
        ("exercise", "answer"),
        [
            ("6.p1", 82),
            ("6.1", "overlay"),
            ("6.2", SMALLEST_NODE_PREFIX),
            ("6.3", "10.244.0.0/17"),
            ("6.4", ("172.16.0.0/16", "172.16.0.10")),
        ],
    )
    def test_right_answer_from_a_fresh_folder(
        self, exercise: str, answer: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """From an empty working directory each exercise still accepts a right answer."""
        monkeypatch.chdir(tmp_path)
        feedback = check(exercise, answer)
        assert feedback.correct, feedback.message


class TestNoGiveaway:
    """The guard above would catch akskit's own fixes, so its silence means something."""

    def test_guard_matches_the_library_fixes(self) -> None:
        """The fixes of the naive draft (which hold the answers) all trip the GIVEAWAY pattern."""
        naive = design(load_scenario(), model="kubenet", node_subnet="10.224.0.0/26", pod_cidr="10.0.0.0/16")
        fixes = [e.fix for e in explanations(naive) if e.code != "kubenet-windows" and e.severity.value == "error"]
        assert len(fixes) >= 3
        assert all(GIVEAWAY.search(fix) for fix in fixes), fixes


class TestRobustness:
    """No input makes a checker raise."""

    @pytest.mark.parametrize("exercise", ["6.p1", "6.p2", "6.p3", "6.1", "6.2", "6.3", "6.4", "6.5"])
    @pytest.mark.parametrize("answer", [None, ..., "", 3.5, "abc", ("a", "b"), [], {"x": 1}, -1, "10.0.0.0/99"])
    def test_junk(self, exercise: str, answer: Any) -> None:
        """Junk answers get a 'not yet' with a message."""
        feedback = check(exercise, answer)
        assert not feedback.correct
        assert feedback.message

    def test_missing_scenario(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """If the scenario cannot be read, the learner reads the library's message."""

        def missing(*_: object) -> None:
            raise SpecError("scenario file '/nowhere/capstone.toml' not found: check the path")

        monkeypatch.setattr(nb06.exercises, "load_scenario", missing)
        feedback = check("6.2", 25)
        assert not feedback.correct
        assert "not found" in feedback.message

    def test_questions(self) -> None:
        """Notebook 06 has six exercises (6.6: the room's own cluster, issue 12) and three predictions."""
        assert [e.id for e in nb06.EXERCISES] == ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6"]
        assert [e.id for e in nb06.PREDICTIONS] == ["6.p1", "6.p2", "6.p3"]


class TestPredictions:
    """6.p1 to 6.p3: asked before the notebook computes the answer."""

    # The peak by hand (header comment): 82. Each slip, by hand (33% rounded up per pool unless said otherwise):
    # today's counts 3+1 + 10+4 + 2+1 + 10 growth = 31 nodes + 6 = 37; no surge, no growth 49 + 6 = 55;
    # no surge 59 + 6 = 65; no growth 66 + 6 = 72; nodes only 76; surge of 1 per pool 49 + 3 + 10 = 62 + 6 = 68;
    # surge rounded down 0 + 13 + 1 = 14: 49 + 14 + 10 = 73 + 6 = 79.
    @pytest.mark.parametrize(
        ("answer", "text"),
        [
            (37, "today's node counts"),
            (55, "both the upgrade surge and the growth"),
            (65, "leave out the upgrade surge"),
            (72, "growth nodes"),
            (76, "private endpoints"),
            (68, "one node per pool"),
            (79, "round each pool's 33 % surge down"),
        ],
    )
    def test_peak_mistakes(self, answer: int, text: str) -> None:
        """Every slip in the peak count gets its own explanation, never the answer."""
        feedback = check("6.p1", answer)
        assert not feedback.correct
        assert text in feedback.message
        assert "82" not in feedback.message

    def test_peak(self) -> None:
        """82 (by hand above) is right; an unforeseen answer gets a next step, not the number."""
        assert check("6.p1", 82).correct
        assert check("6.p1", "82").correct
        hint = check("6.p1", 90).message
        assert "too high" in hint
        assert "82" not in hint
        assert len(nb06.PREDICTIONS[0].mistakes) >= 3

    @pytest.mark.parametrize(("qid", "right"), [("6.p2", "c"), ("6.p3", "b")])
    def test_choices(self, qid: str, right: str) -> None:
        """The right letter passes; every wrong one explains itself."""
        assert check(qid, right).correct
        for letter in "abcd":
            if letter != right:
                feedback = check(qid, letter)
                assert not feedback.correct
                assert len(feedback.message) > 40

    def test_not_answered(self) -> None:
        """``answer = ...`` reveals nothing."""
        for question in (*nb06.PREDICTIONS, *nb06.EXERCISES):
            feedback = check(question.id, ...)
            assert not feedback.answered
            assert all(spoiler not in feedback.message for spoiler in question.spoilers)


class TestAnticipatedMistakes:
    """Each numeric question anticipates at least three wrong answers (issue 9)."""

    @pytest.mark.parametrize("qid", ["6.p1", "6.2", "6.3"])
    def test_at_least_three(self, qid: str) -> None:
        """Three or more wrong values, each with its own reason, none of them the answer."""
        question = next(q for q in (*nb06.PREDICTIONS, *nb06.EXERCISES) if q.id == qid)
        expected = question.expected()
        assert expected is not None
        assert len(question.mistakes) >= 3
        for wrong, reason in question.mistakes.items():
            assert wrong != expected.value
            assert not check(qid, wrong).correct
            assert check(qid, wrong).message == reason


class TestWholeDesign:
    """6.5: the five choices together."""

    def test_right(self) -> None:
        """Overlay, a /25 node subnet, a /17 pod CIDR and a clear service range pass every check."""
        feedback = check("6.5", ("overlay", "10.224.0.0/25", "100.64.0.0/17", "172.16.0.0/16", "172.16.0.10"))
        assert feedback.correct, feedback.message

    def test_the_draft(self) -> None:
        """The first draft fails on Windows and the service range, in the checks' words, without akskit's fixes."""
        feedback = check("6.5", ("kubenet", "10.224.0.0/24", "10.244.0.0/16", "10.0.0.0/16", "10.0.0.10"))
        assert not feedback.correct
        assert "Windows" in feedback.message
        assert "on-premises data centre" in feedback.message
        assert not GIVEAWAY.search(feedback.message), feedback.message

    def test_shape(self) -> None:
        """Anything but five values asks for the five, in order."""
        assert "model, node subnet, pod CIDR, service CIDR, DNS service IP" in check("6.5", ("overlay",)).message


class TestDiagnosis:
    """The draft's findings shown above the exercises: what and why, never akskit's fix."""

    def test_no_fixes(self) -> None:
        """The draft's table names the Windows and service-range problems but no value to use instead."""
        draft = plan(design(load_scenario(), model="kubenet", node_subnet="10.224.0.0/24"))
        text = str(nb06.diagnosis(draft))
        assert "does not support" in text
        assert "10.0.0.0/16" in text
        assert "Overlay" not in text
        assert "10.1.0.0/16" not in text
        assert not GIVEAWAY.search(text), text


class TestRoomCluster:
    """6.6: the node-subnet addresses of a 120-learner room on Azure CNI Node Subnet (issue 12).

    By hand from classroom.toml: a Standard_D4s_v5 user node (4 vCPU, 16 GiB, max pods 50) keeps
    20 x 50 + 50 = 1,050 MiB kube-reserved and 100 MiB for eviction: 16,384 - 1,150 = 15,234 MiB, / 347 MiB
    (231 x 1.5, rounded up) = 43 learners; CPU 4,000 - 140 = 3,860 m / 3 m (4.99 s over 50 minutes, x 1.5,
    rounded up) = 1,286; pod slots 50 - 7 = 43: 43 per node.
    120 learners + 12 placeholders = 132 -> 4 user nodes + 2 surge; system 2 + 1: 9 nodes x 51 = 459.
    Slips: no placeholders 120 -> 3 + 1 surge + 3 = 7 x 51 = 357; CPU alone 132 / 1,286 -> 1 + 1 + 3 = 5 x 51
    = 255; no surge (4 + 2) x 51 = 306; no system pool 6 x 51 = 306; no own address 9 x 50 = 450; a node
    count: 9. (Memory alone and forgetting the DaemonSet pods both give 43 per node here: the right answer.)
    """

    def test_right(self) -> None:
        """459 is right, and the feedback says why."""
        feedback = check("6.6", 459)
        assert feedback.correct
        assert "12 placeholders" in feedback.message

    @pytest.mark.parametrize(
        ("answer", "slip"),
        [
            (357, "placeholders"),
            (255, "CPU alone"),
            (306, "surge"),
            (306, "system pool"),
            (450, "own address"),
            (9, "node count"),
        ],
    )
    def test_slips_are_named(self, answer: int, slip: str) -> None:
        """Each slip gets its own explanation, and none gives the answer."""
        feedback = check("6.6", answer)
        assert not feedback.correct
        assert slip in feedback.message
        assert "459" not in feedback.message

    @pytest.mark.parametrize("answer", [460, 0, "a lot", "/23", -5, 3.5])
    def test_anything_else(self, answer: Any) -> None:
        """Any other answer is refused without the answer."""
        feedback = check("6.6", answer)
        assert not feedback.correct
        assert "459" not in feedback.message
