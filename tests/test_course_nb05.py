"""Notebook 05 and its checkers teach Microsoft's dynamic pod-subnet rule (issue 7, wrong answer 1).

Dynamic allocation: 16 IPs at node start, another 16 whenever fewer than 8 are unallocated
(https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation), so with
every pod slot used a node holds 16 x ceil((max pods + 8) / 16); 25 pods in use -> 48
(https://github.com/Azure/azure-container-networking/blob/master/docs/feature/ipammath/1-ipam-math.md).
Static block: ceil((max pods + 1) / 16) /28 blocks per node
(https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import akskit
from akskit.exercises import check

NOTEBOOK = next((Path(__file__).resolve().parent.parent / "notebooks").glob("05_*.ipynb"))


def _cells() -> list[dict]:  # type: ignore[type-arg]
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]  # type: ignore[no-any-return]


def _markdown() -> str:
    return "\n".join("".join(c["source"]) for c in _cells() if c["cell_type"] == "markdown")


def _code() -> str:
    return "\n".join("".join(c["source"]) for c in _cells() if c["cell_type"] == "code")


class TestExercise52:
    """5.2 (static block, 40 nodes, max pods 48, surge 2): right answer and known slips."""

    def test_answer_is_microsofts_static_rule(self) -> None:
        """42 nodes x 4 blocks of 16 (48 + 1 = 49 IPs) = 2,688."""
        assert check("5.2", 42 * 4 * 16).correct
        pool = akskit.pool("user", 40, max_pods=48, max_surge=2)
        assert akskit.plan(akskit.cluster("pod-subnet-static", [pool])).pod_subnet.ips_required == 2_688  # type: ignore[union-attr]

    def test_rounding_max_pods_up_to_16_is_named(self) -> None:
        """The old dynamic shortcut, 42 x 48 = 2,016, gets its own explanation (and the node's own IP)."""
        message = check("5.2", 2_016).message
        assert "rounding max pods up to a multiple of 16" in message
        assert "node's own" in message

    def test_dynamic_floor_is_named(self) -> None:
        """42 x 16 = 672 is dynamic allocation's floor at node start, not static blocks."""
        assert "floor at node start" in check("5.2", 42 * 16).message

    @pytest.mark.parametrize("answer", ["1" * 5000, 10**400, "<b>x</b>", None, 2_688.5])
    def test_any_input_gets_feedback(self, answer: object) -> None:
        """No exception, a one-line answer."""
        assert not check("5.2", answer).correct


class TestDynamicSection:
    """Notebook 05's dynamic section teaches the rule and takes its numbers from akskit."""

    def test_rule_and_both_ends_from_akskit(self) -> None:
        """The rule is stated; the plan cell asks for ips_required and ips_minimum; no old typed totals."""
        md, code = _markdown(), _code()
        assert "16 × ⌈(max pods + 8) / 16⌉" in md
        assert "fewer than **8**" in md
        assert "plan.pod_subnet.ips_required, plan.pod_subnet.ips_minimum" in code
        assert "pod_subnet_ips_per_node(30)" in code
        assert "rounded\nup to a multiple of 16. By hand" not in md
        assert "55 × 32" not in md
        assert "42 × 48 = 2,016" not in md

    def test_the_numbers_it_shows(self) -> None:
        """50 nodes + 10 % surge at max pods 30: 55 x 48 = 2,640 worst case, 55 x 16 = 880 at node start."""
        plan = akskit.plan(akskit.cluster("pod-subnet", [akskit.pool("system", 50, max_pods=30)]))
        assert plan.pod_subnet is not None
        assert (plan.pod_subnet.ips_required, plan.pod_subnet.ips_minimum) == (55 * 48, 55 * 16)
        assert any(f.code == "dynamic-ip-max-count" for f in plan.findings)

    def test_max_ip_count_caveat_left_to_the_guide(self) -> None:
        """Issue 9: CNS's undocumented MaxIPCount cap needs no action from a learner, so the instructor guide
        carries it; the planner still reports it as a finding."""
        assert "MaxIPCount" not in _markdown()
        assert 'f.code == "dynamic-ip-max-count"' not in _code()
        plan = akskit.plan(akskit.cluster("pod-subnet", [akskit.pool("system", 50, max_pods=30)]))
        assert any(f.code == "dynamic-ip-max-count" for f in plan.findings)


def test_exercise_54_does_not_claim_windows_on_static_blocks() -> None:
    """The solution says Windows on static blocks is not documented, as recommend and compare do."""
    md = _markdown()
    assert "Windows supported" not in md
    solution = md[md.index("### Exercise 5.4") :]
    assert "not documented" in solution
    assert "Windows Server 2019" in solution


class TestAsksFirst:
    """Issue 9: predictions at the moments that matter, each asked before its reveal."""

    def _sources(self) -> list[tuple[str, str]]:
        return [(c["cell_type"], "".join(c["source"])) for c in _cells()]

    def test_four_predictions_shaped_as_the_contract_says(self) -> None:
        """A **Predict.** cell, then exactly ``answer = ...`` and ``check("5.pK", answer)``, then the reveal."""
        cells = self._sources()
        asks = [i for i, (kind, text) in enumerate(cells) if kind == "markdown" and text.startswith("**Predict.**")]
        assert len(asks) == 4
        for k, i in enumerate(asks, start=1):
            assert cells[i + 1] == ("code", f'answer = ...\ncheck("5.p{k}", answer)')
            assert cells[i + 2][0] == "code"  # the reveal runs akskit

    @pytest.mark.parametrize(
        ("prediction", "before"),
        [
            ("5.p1", "By hand: 50 + ⌈0.10 × 50⌉ = 55"),  # overlay's VNet use is worked only after the ask
            ("5.p2", "16 × ⌈(max pods + 8) / 16⌉"),  # the dynamic worst case
            ("5.p3", "blocks = ⌈(max pods + 1) / 16⌉"),  # the /28 rounding
            ("5.p4", "compare(spec)"),  # the model comparison
        ],
    )
    def test_each_answer_is_worked_only_after_its_ask(self, prediction: str, before: str) -> None:
        text = "\n".join(t for _, t in self._sources())
        assert text.index(f'check("{prediction}"') < text.index(before)

    def test_exercise_51_is_not_the_figure_above_it(self) -> None:
        """The old 5.1 (default /16, 10 %: 232 nodes) was the section 1 figure's cross; the new one is not."""
        figure = akskit.plan(akskit.cluster("overlay", [akskit.pool("system", 0)])).pod_cidr
        assert figure is not None
        assert not check("5.1", figure.max_nodes).correct
        assert "10.244.0.0/18" in _markdown()[_markdown().index("### Exercise 5.1") :]


class TestFirstTimer:
    """Issue 9: optional sections marked, jargon linked at first use, at most 60 minutes."""

    def test_cilium_and_byo_cni_are_optional(self) -> None:
        md = _markdown()
        for heading in ("## 3. Optional: the Cilium data plane", "## 4. Optional: bring your own CNI"):
            section = md[md.index(heading) :]
            assert section.split("\n\n", 2)[1].startswith("> **Optional"), heading

    @pytest.mark.parametrize(
        ("anchor", "word"),
        [
            ("overlay", "Overlay"), ("subnet", "subnet"), ("pod-cidr", "pod CIDR"), ("max-pods", "max pods"),
            ("data-plane", "data plane"), ("cni", "CNI"), ("ipam", "IPAM"), ("cidr", "CIDR"), ("udr", "UDR"),
            ("node-pool", "node pool"), ("surge", "surge"), ("vnet", "VNet"), ("snat", "SNAT"),
            ("ip-masq-agent", "ip-masq-agent"), ("ebpf", "eBPF"), ("service-cidr", "service CIDR"),
        ],
    )  # fmt: skip
    def test_term_linked_in_the_cell_of_its_first_use(self, anchor: str, word: str) -> None:
        """The first Markdown cell (after the title) that uses a term also links it to the glossary."""
        cells = [t for kind, t in ((c["cell_type"], "".join(c["source"])) for c in _cells()) if kind == "markdown"]
        body = [cells[0].split("\n", 1)[1], *cells[1:]]
        first = next(t for t in body if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", t))
        assert f"](glossary.md#{anchor})" in first, (word, first[:200])

    def test_jargon_defined_where_linked(self) -> None:
        md = _markdown()
        assert "2^(32−28) = **16 addresses**" in md  # a /28
        assert "programs the\nLinux kernel runs on each packet" in md or "programs the Linux kernel" in md  # eBPF
        assert "(IP address management)" in md  # IPAM

    def test_at_most_an_hour(self) -> None:
        first = "".join(_cells()[0]["source"])
        minutes = int(re.search(r"\*\*Time:\*\* about (\d+) minutes", first).group(1))  # type: ignore[union-attr]
        assert minutes <= 60
