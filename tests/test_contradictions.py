"""Where Microsoft's pages disagree: every side sourced, and the library consistent with the table.

The figures below are those on the pages themselves (the fact sheet, section 11):
overlay pods per cluster 200,000
(https://learn.microsoft.com/en-us/azure/aks/best-practices-performance-scale-large) vs
250,000 (https://learn.microsoft.com/en-us/azure/aks/plan-pod-networking); dynamic Pod
Subnet default max pods 110
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning) vs 250
(https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation).
"""

from __future__ import annotations

import pytest

from akskit import SpecError
from akskit.course.comparison import static_block_table
from akskit.course.contradictions import CONTRADICTIONS, contradiction, contradictions_table
from akskit.engine import facts
from akskit.engine.models import NetworkModel, traits


def test_every_contradiction_has_two_sourced_sides() -> None:
    """At least two claims each, every claim with at least one https source; keys unique."""
    assert len({c.key for c in CONTRADICTIONS}) == len(CONTRADICTIONS)
    for c in CONTRADICTIONS:
        assert len(c.claims) >= 2, c.key
        assert c.akskit_uses
        for claim in c.claims:
            assert claim.sources
            assert all(s.url.startswith("https://") for s in claim.sources)


def test_the_fact_sheet_list_is_complete() -> None:
    """All eleven of the fact sheet's contradictions are there."""
    assert len(CONTRADICTIONS) == 11


@pytest.mark.parametrize(
    ("key", "figures", "pages"),
    [
        (
            "overlay-pods-per-cluster",
            ("200,000", "250,000"),
            ("best-practices-performance-scale-large", "plan-pod-networking"),
        ),
        (
            "flat-pods-per-cluster",
            ("64,000", "65K", "50,000"),
            (
                "plan-pod-networking",
                "configure-azure-cni-static-block-allocation",
                "best-practices-performance-scale-large",
            ),
        ),
        (
            "pod-subnet-default-max-pods",
            ("110", "250"),
            ("concepts-network-ip-address-planning", "configure-azure-cni-dynamic-ip-allocation"),
        ),
        ("default-network-plugin", ("Overlay", "kubenet"), ("azure-cni-overlay", "choose-network-plugin-aks")),
        ("overlay-pod-cidr-overlap", ("VNet", "subnets"), ("update-azure-cni", "Azure/AKS/pull/4760")),
    ],
)
def test_named_contradictions(key: str, figures: tuple[str, ...], pages: tuple[str, ...]) -> None:
    """Each side states its figure and links the page that gives it, in order."""
    c = contradiction(key)
    for claim, figure, page in zip(c.claims, figures, pages, strict=False):
        assert figure in claim.says
        assert page in claim.source.url


def test_library_agrees_with_what_it_says_it_does() -> None:
    """The model traits carry both sides of the pods-per-cluster figures, and the defaults match the table."""
    overlay = {n for n, _ in traits(NetworkModel.OVERLAY).pods_per_cluster}
    assert overlay == {200_000, 250_000}
    dynamic = {n for n, _ in traits(NetworkModel.POD_SUBNET).pods_per_cluster}
    assert dynamic == {64_000, 65_000, 50_000}
    assert (
        str(traits(NetworkModel.POD_SUBNET).default_max_pods)
        in contradiction("pod-subnet-default-max-pods").akskit_uses
    )
    assert f"{facts.DEFAULT_MAX_SURGE_PERCENT}%" in contradiction("default-max-surge").akskit_uses
    assert f"{facts.AZURE_RESERVED_IPS}" in contradiction("reserved-addresses").akskit_uses


def test_static_blocks_follow_the_examples_not_the_enum_text() -> None:
    """Max pods 32 takes 3 blocks (the docs' example), where 'blocks >= maxPods / 16' would allow 2."""
    assert static_block_table([32]).rows[0][1] == "3"
    assert "(max pods + 1) / 16" in contradiction("static-blocks-per-node").akskit_uses


def test_table_one_row_each_with_links() -> None:
    """The table has a row per contradiction and every side as a Markdown link."""
    t = contradictions_table()
    assert len(t.rows) == len(CONTRADICTIONS)
    assert t.header == ("question", "what Microsoft's pages say", "what akskit does")
    for r, c in zip(t.rows, CONTRADICTIONS, strict=True):
        assert all(f"]({s.url})" in r[1] for claim in c.claims for s in claim.sources)
    assert "| Pods per cluster, Azure CNI Overlay |" in str(t)


def test_unknown_key() -> None:
    """An unknown key is quoted and the known ones listed."""
    with pytest.raises(SpecError, match=r"contradiction 'overlay' is not known: choose one of reserved-addresses"):
        contradiction("overlay")


class TestEachPageSaysWhatItSays:
    """Issue 7: a claim is attributed to the pages that make it, in their own words."""

    NETCON = "https://learn.microsoft.com/en-us/azure/aks/concepts-network"
    CNIOV = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview"
    RELEASE = "https://github.com/Azure/AKS/pull/3491"

    def test_flat_snat_quotes_each_page_separately(self) -> None:
        """concepts-network says "isn't SNAT'd", the CNI overview "is not SNAT'd": one claim per page."""
        claims = {
            tuple(s.url for s in claim.sources): claim.says for claim in contradiction("flat-network-snat").claims
        }
        assert "Any traffic leaving your clusters isn't SNAT'd" in claims[(self.NETCON,)]
        assert "traffic leaving your clusters is not SNAT'd" in claims[(self.CNIOV,)]
        assert "isn't" not in claims[(self.CNIOV,)]

    def test_new_pools_is_the_release_notes_wording_only(self) -> None:
        """Only Azure/AKS PR 3491 says 10 % for new pools from 1.27; the large-cluster page says 10 %."""
        for claim in contradiction("default-max-surge").claims:
            urls = {s.url for s in claim.sources}
            mentions_pools = "1.27" in claim.says or "pools" in claim.says
            assert mentions_pools == (urls == {self.RELEASE}), claim

    def test_max_pods_update_quotes_the_reduce_example(self) -> None:
        """upgrade-capacity-cost-planning shows az aks nodepool update --max-pods 50 to reduce max pods."""
        ucap = contradiction("max-pods-changeable").claims[1]
        assert ucap.source.url == "https://learn.microsoft.com/en-us/azure/aks/upgrade-capacity-cost-planning"
        assert "az aks nodepool update --max-pods 50" in ucap.says
        assert "Reduce" in ucap.says
