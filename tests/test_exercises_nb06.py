"""Notebook 06 checkers: right answers pass, wrong ones say why (from the real checks) without the answer."""

from __future__ import annotations

import re
from typing import Any

import pytest

from akskit.course.scenario import design, load_scenario
from akskit.engine.errors import SpecError
from akskit.engine.explain import explanations
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
        """A /28 gets the whole recipe."""
        feedback = check("6.2", 28)
        assert not feedback.correct
        assert "Count one address per node" in feedback.message

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

    @pytest.mark.parametrize("answer", ["10.244.0.0/16", "100.64.0.0/16", "172.16.0.0/16", "10.244.0.0/17"])
    def test_right(self, answer: str) -> None:
        """Private ranges clear of the scenario, /17 or larger, are right."""
        assert check("6.3", answer).correct

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

    @pytest.mark.parametrize(
        "answer", ["172.16.0.0/16", ("172.16.0.0/16", "172.16.0.10"), ["10.1.0.0/16", "10.1.0.53"]]
    )
    def test_right(self, answer: Any) -> None:
        """A clear range, with or without an explicit DNS IP inside it, is right."""
        assert check("6.4", answer).correct

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
        [("6.1", "overlay"), ("6.2", SMALLEST_NODE_PREFIX), ("6.3", "10.244.0.0/16"), ("6.4", "172.16.0.0/16")],
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

    @pytest.mark.parametrize("exercise", ["6.1", "6.2", "6.3", "6.4"])
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

        monkeypatch.setattr(nb06, "load_scenario", missing)
        feedback = check("6.2", 25)
        assert not feedback.correct
        assert "not found" in feedback.message

    def test_four_exercises(self) -> None:
        """Notebook 06 has at least three exercises (CONTRIBUTING), numbered 6.1 to 6.4."""
        assert [e.id for e in nb06.EXERCISES] == ["6.1", "6.2", "6.3", "6.4"]
