"""Explaining findings: every check has plain words, messages split into what was found and the fix."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from akskit import Finding, Severity, cluster, plan, pool
from akskit.course.scenario import design, load_scenario
from akskit.engine.cidr_checks import _OVERLAP_CODES
from akskit.engine.explain import MEANINGS, explain, explanations, split_message
from akskit.engine.results import Plan

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = load_scenario(path=ROOT / "akskit" / "course" / "data" / "capstone.toml")

# Codes built at run time rather than written as literals in akskit/engine/*checks.py.
COMPUTED = {"node-subnet-too-small", "pod-subnet-too-small", "pod-cidr-overlaps-vnet", "service-cidr-overlaps-vnet"}


def emitted_codes() -> set[str]:
    """Every finding code the checks can emit, read from their source."""
    literal = re.compile(r'Finding\(\s*"([a-z0-9-]+)"')
    source = "".join(
        path.read_text(encoding="utf-8") for path in sorted((ROOT / "akskit" / "engine").glob("*checks.py"))
    )
    overlap = {code for code, _ in _OVERLAP_CODES.values()} | {"peer-overlap"}
    return set(literal.findall(source)) | overlap | COMPUTED


def corpus() -> list[Plan]:
    """Plans that, between them, raise every finding akskit has but one (see below)."""
    win = pool("win", 2, max_pods=200, os="windows")
    return [
        plan(design(SCENARIO, model="kubenet", node_subnet="10.224.0.0/26")),
        plan(
            design(SCENARIO, model="overlay", dataplane="cilium", node_subnet="10.224.0.0/24", pod_cidr="10.244.0.0/20")
        ),
        plan(design(SCENARIO, model="none", node_subnet="10.250.0.0/24", service_cidr="10.0.0.0/8")),
        plan(cluster("kubenet", [pool("system", 2, max_pods=10, max_surge=0), win], dataplane="cilium")),
        plan(cluster("azure-cni", [pool("system", 3), win], node_subnet="10.224.0.0/30", dns_service_ip="10.0.0.1")),
        plan(cluster("pod-subnet-static", [pool("system", 1200, max_pods=40)], pod_subnet="10.0.0.0/8")),
        plan(cluster("overlay", [pool("system", 3)], pod_cidr="8.8.0.0/16", service_cidr="172.30.0.0/16")),
        plan(cluster("overlay", [pool("system", 3)], pod_subnet="10.1.0.0/16", dns_service_ip="192.168.0.10")),
        plan(
            cluster(
                "azure-cni", [pool("a", 3)], node_subnet="10.1.0.0/24", pod_cidr="10.2.0.0/16", peers=["10.1.0.0/16"]
            )
        ),
        plan(cluster("kubenet", [pool("system", 450, max_pods=300)], pod_cidr="10.244.0.0/15")),
        plan(cluster("overlay", [pool(f"p{i}", 60) for i in range(101)])),
        plan(
            cluster("overlay", [pool("a", 3)], vnet="10.0.0.0/8", node_subnet="10.1.0.0/24", service_cidr="10.5.0.0/16")
        ),
        plan(cluster("overlay", [pool("a", 3)], node_subnet="10.244.0.0/24")),
        plan(cluster("pod-subnet", [pool("a", 3)], node_subnet="10.1.0.0/24", pod_subnet="10.1.0.0/28")),
        plan(cluster("azure-cni", [pool("a", 300, max_pods=250)], node_subnet="127.0.0.0/24")),
        plan(cluster("overlay", [pool("win", 3, os="windows")], service_cidr="172.16.0.0/31")),
        plan(cluster("azure-cni", [pool("a", 0, max_pods=250, max_surge=1)], node_subnet="10.224.0.0/24")),
        plan(cluster("overlay", [pool("system", 3, max_surge=0, max_unavailable=1)])),
        plan(cluster("overlay", [pool("system", 3), pool("user", 3, max_unavailable=1, upgrade_strategy="bluegreen")])),
        plan(cluster("overlay", [pool("system", 3, labels={"kubernetes.io/role": "agent"})])),
    ]


class TestCatalogue:
    """Every code the checks can emit has an explanation."""

    def test_every_code_is_explained(self) -> None:
        """No finding code lacks plain words or a general fix."""
        codes = emitted_codes()
        assert len(codes) >= 30  # the regex really read the checks
        assert codes - set(MEANINGS) == set()
        assert all(meaning and fix for meaning, fix in MEANINGS.values())

    def test_no_stale_entries(self) -> None:
        """Every explanation belongs to a code the checks still emit."""
        assert set(MEANINGS) - emitted_codes() == set()

    def test_corpus_codes_are_explained(self) -> None:
        """Codes seen in real plans are all in the catalogue (guards the source reading above)."""
        seen = {f.code for p in corpus() for f in p.findings}
        # no-prefix-fits needs more than a /2 holds (about 1.07 billion IPs): beyond any count akskit accepts
        assert seen == set(MEANINGS) - {"no-prefix-fits"}


class TestSplitMessage:
    """A message splits into what akskit saw and what to do."""

    def test_every_real_message_has_a_fix(self) -> None:
        """Each finding of the corpus yields a non-empty fix, and found + fix rebuild the message."""
        for p in corpus():
            for f in p.findings:
                found, fix = split_message(f.message)
                assert fix, f.message
                assert f.message == f"{found}{f.message[len(found) : len(f.message) - len(fix)]}{fix}"
                assert f.message[len(found) : len(f.message) - len(fix)] in ("; ", ": ")

    def test_no_fix(self) -> None:
        """A message with no fix clause is all 'found'."""
        assert split_message("pool 'a' is fine: nothing to do") == ("pool 'a' is fine: nothing to do", "")

    def test_fix_is_the_first_clause_that_acts(self) -> None:
        """Clauses that explain are kept in 'found'; the first that starts with a fix verb starts the fix."""
        text = "x overlaps y: each range must be distinct; move x to z; it holds 3"
        assert split_message(text) == ("x overlaps y: each range must be distinct", "move x to z; it holds 3")


class TestExplain:
    """The table a learner reads."""

    def test_naive_capstone(self) -> None:
        """The naive draft: three errors (Windows, subnet size, service CIDR) and one note, errors first."""
        p = plan(design(SCENARIO, model="kubenet", node_subnet="10.224.0.0/26"))
        table = explain(p)
        assert [row[0] for row in table.rows] == ["error", "error", "error", "info"]
        assert table.caption == "3 errors, 1 note"
        assert len(table.header) == 6
        by_code = {e.code: e for e in explanations(p)}
        assert set(by_code) == {
            "kubenet-windows",
            "node-subnet-too-small",
            "service-cidr-overlap",
            "kubenet-retirement",
        }
        assert by_code["node-subnet-too-small"].prevents == "InsufficientSubnetSize"
        assert by_code["service-cidr-overlap"].fix.startswith("move the service CIDR")
        assert "10.0.0.0/16" in by_code["service-cidr-overlap"].found

    def test_row_contents(self) -> None:
        """Each row: severity, what was found, plain meaning, fix, a Markdown link to the page, the error avoided."""
        p = plan(design(SCENARIO, model="kubenet", node_subnet="10.224.0.0/26"))
        for row, f in zip(explain(p).rows, p.findings, strict=True):
            severity, found, meaning, fix, docs, prevents = row
            assert severity == f.severity.value
            assert found in f.message
            assert fix in f.message
            assert meaning == MEANINGS[f.code][0]
            assert docs.startswith("[")
            assert docs.endswith(f"]({f.url})")
            assert prevents == (f.prevents or "-")

    def test_links(self) -> None:
        """Learn pages are named by their slug, GitHub issues as owner/repo#number."""
        rows = explain(plan(design(SCENARIO, model="kubenet", node_subnet="10.224.0.0/26"))).rows
        docs = {row[4] for row in rows}
        assert "[configure-kubenet](https://learn.microsoft.com/en-us/azure/aks/configure-kubenet)" in docs
        assert "[Azure/AKS#4859](https://github.com/Azure/AKS/issues/4859)" in docs

    def test_clean_plan(self) -> None:
        """A plan with no findings gives one row saying so."""
        spec = design(
            SCENARIO,
            model="overlay",
            node_subnet="10.224.0.0/24",
            service_cidr="172.16.0.0/16",
            pod_cidr="10.244.0.0/16",
        )
        table = explain(spec)
        assert plan(spec).findings == ()
        assert [row[1] for row in table.rows] == ["no findings"]

    def test_accepts_a_spec(self) -> None:
        """explain() plans a spec itself."""
        spec = design(SCENARIO, model="kubenet", node_subnet="10.224.0.0/26")
        assert explain(spec) == explain(plan(spec))

    def test_unknown_code_and_no_fix(self) -> None:
        """A finding akskit does not know still explains: its message is the meaning, the fix points to the page."""
        f = Finding("brand-new-check", Severity.WARNING, "something odd happened", "https://example.org/page")
        p = plan(cluster("overlay", [pool("system", 3, max_pods=30, max_surge=1)]))
        e = explanations(replace(p, findings=(f,)))[0]
        assert (e.found, e.meaning, e.fix) == (
            "something odd happened",
            "something odd happened",
            "see the linked page",
        )

    @pytest.mark.parametrize("severity", list(Severity))
    def test_caption_counts(self, severity: Severity) -> None:
        """The caption counts findings by severity, info findings called notes."""
        p = plan(cluster("overlay", [pool("system", 3, max_pods=30, max_surge=1)]))
        f = Finding("surge-zero", severity, "x: keep a surge", "https://example.org")
        caption = explain(replace(p, findings=(f, f))).caption
        assert caption == {"error": "2 errors", "warning": "2 warnings", "info": "2 notes"}[severity.value]
