"""The guided choice: recommend() picks a model and data plane and explains every decision.

Rules under test, with their sources:

* General recommendation Azure CNI Overlay; Pod Subnet for direct pod IP access (dynamic
  for efficiency, static block for scale); Node Subnet for simple management
  (https://learn.microsoft.com/en-us/azure/aks/plan-pod-networking).
* kubenet retires on March 31, 2028 (https://github.com/Azure/AKS/issues/4859) and has no
  Windows node pools; overlay and kubenet pods are reachable only pod-initiated
  (https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview).
* Cilium is Linux only (https://learn.microsoft.com/en-us/azure/aks/azure-cni-powered-by-cilium).
* Node Subnet and dynamic Pod Subnet: 64,000 IPs (plan-pod-networking), 65K pods
  (static block page), 50,000 pods (large-cluster best practices).
"""

from __future__ import annotations

import itertools

import pytest

from akskit import SpecError
from akskit.course.constraints import ruled_out
from akskit.course.recommender import Constraints, Recommendation, recommend, recommend_for
from akskit.engine.models import Dataplane, NetworkModel

ALL = set(NetworkModel)
FLAGS = ("windows", "pods_routable_from_vnet", "cilium", "pods_over_65k")


def every_combination(**fixed: object) -> list[Recommendation]:
    """recommend() for 50 nodes at max pods 30 under every combination of the boolean constraints."""
    found = []
    for values in itertools.product((False, True), repeat=len(FLAGS)):
        kwargs = {**dict(zip(FLAGS, values, strict=True)), **fixed}
        found.append(recommend(50, max_pods=30, **kwargs))  # type: ignore[arg-type]
    return found


class TestEveryDecisionIsExplained:
    """Reasons and rejections."""

    def test_every_other_model_has_a_reason_with_a_source(self) -> None:
        """The chosen model plus the rejected ones are all six; each rejection cites a page."""
        for rec in every_combination():
            assert rec.model not in rec.rejected
            assert set(rec.rejected) | {rec.model} == ALL
            for why in rec.rejected.values():
                assert why.strip()
                assert "https://" in why

    def test_every_reason_cites_a_source(self) -> None:
        """Each reason for the chosen model carries the URL of the page stating its rule."""
        for rec in every_combination():
            assert rec.reasons
            assert all("https://" in r for r in rec.reasons)

    def test_outranked_models_break_no_constraint(self) -> None:
        """``outranked`` names exactly the rejected models that no constraint rules out."""
        c = Constraints(nodes=50, max_pods=30)
        rec = recommend_for(c)
        plans = c.plans()
        assert rec.outranked, "with no constraints some model is merely outranked"
        for m in rec.rejected:
            assert (m in rec.outranked) is (not ruled_out(m, plans[m], c))

    def test_kubenet_rejected_for_its_retirement(self) -> None:
        """kubenet is never chosen, and the reason gives the retirement date."""
        for rec in every_combination():
            assert rec.model is not NetworkModel.KUBENET
            assert "March 31, 2028" in rec.rejected[NetworkModel.KUBENET]


class TestRules:
    """Which constraint leads where."""

    def test_default_is_overlay(self) -> None:
        """No special needs: Microsoft's general recommendation, Azure CNI Overlay on the Azure data plane."""
        rec = recommend(50, max_pods=30)
        assert (rec.model, rec.dataplane) == (NetworkModel.OVERLAY, Dataplane.AZURE)
        assert "general recommendation" in rec.reasons[0]

    def test_windows_never_gets_kubenet_or_cilium(self) -> None:
        """With Windows pools: never kubenet, never the Cilium data plane, and the reasons say why."""
        for rec in every_combination(windows=True):
            assert rec.model is not NetworkModel.KUBENET
            assert rec.dataplane is Dataplane.AZURE
            assert "Windows" in rec.rejected[NetworkModel.KUBENET]
        rec = recommend(50, max_pods=30, windows=True, cilium=True)
        assert any("Linux only" in r for r in rec.reasons)

    def test_cilium_runs_on_overlay(self) -> None:
        """Cilium without Windows: overlay with the Cilium data plane, in the az flags too."""
        rec = recommend(50, max_pods=30, cilium=True)
        assert (rec.model, rec.dataplane) == (NetworkModel.OVERLAY, Dataplane.CILIUM)
        assert rec.az_flags.endswith("--network-dataplane cilium")

    def test_only_overlay_fits_a_small_vnet_budget(self) -> None:
        """55 nodes (50 + 10%) need a /26 (64 addresses): only node-only models fit 64; overlay wins."""
        rec = recommend(50, max_pods=30, vnet_ips_available=64)
        assert rec.model is NetworkModel.OVERLAY
        for model in (NetworkModel.AZURE_CNI, NetworkModel.POD_SUBNET, NetworkModel.POD_SUBNET_STATIC):
            assert "only 64 are available" in rec.rejected[model]

    def test_routable_pods_get_a_pod_subnet(self) -> None:
        """Pods reachable from the VNet: a flat model, dynamic Pod Subnet for a small cluster; overlay rejected."""
        rec = recommend(50, max_pods=30, pods_routable_from_vnet=True)
        assert rec.model is NetworkModel.POD_SUBNET
        assert "node IP" in rec.rejected[NetworkModel.OVERLAY]

    def test_over_65k_pods_routable_gets_static_block(self) -> None:
        """More than 65,000 routable pods: static block; dynamic and Node Subnet cite their ceilings."""
        rec = recommend(300, max_pods=250, pods_routable_from_vnet=True, pods_over_65k=True)
        assert rec.model is NetworkModel.POD_SUBNET_STATIC
        assert "64,000" in rec.rejected[NetworkModel.POD_SUBNET]
        assert "50,000" in rec.rejected[NetworkModel.POD_SUBNET]
        assert "64,000" in rec.rejected[NetworkModel.AZURE_CNI]

    def test_over_65k_pods_not_routable_stays_overlay(self) -> None:
        """Overlay's documented ceiling (200,000 or 250,000) is above 65,000: it stays the choice."""
        rec = recommend(300, max_pods=250, pods_over_65k=True)
        assert rec.model is NetworkModel.OVERLAY
        assert any("200,000" in r and "250,000" in r for r in rec.reasons)

    def test_large_pod_subnet_prefers_static_block(self) -> None:
        """330 nodes x 256 IPs = 84,480 pod IPs need a /15: larger than /16, so static block ranks first."""
        rec = recommend(300, max_pods=250, pods_routable_from_vnet=True)
        assert rec.model is NetworkModel.POD_SUBNET_STATIC
        assert "/16" in rec.rejected[NetworkModel.POD_SUBNET]

    def test_node_subnet_when_only_it_fits_the_budget(self) -> None:
        """Routable, 2,048 addresses: Node Subnet's /21 fits; a pod subnet's /26 + /20 (51 x 48 IPs) does not."""
        rec = recommend(50, max_pods=30, pods_routable_from_vnet=True, vnet_ips_available=2048)
        assert rec.model is NetworkModel.AZURE_CNI
        assert "4,160" in rec.rejected[NetworkModel.POD_SUBNET]

    def test_kubenet_node_limit_named(self) -> None:
        """400 nodes plus surge exceed kubenet's 400 routes; the rejection says so."""
        rec = recommend(400, max_pods=30)
        assert "400" in rec.rejected[NetworkModel.KUBENET]
        assert "route" in rec.rejected[NetworkModel.KUBENET]

    def test_own_cni(self) -> None:
        """Asking for your own CNI gives --network-plugin none; with Cilium you install it yourself."""
        rec = recommend(50, max_pods=30, own_cni=True, cilium=True)
        assert rec.model is NetworkModel.NONE
        assert rec.dataplane is Dataplane.AZURE
        assert rec.az_flags == "--network-plugin none"
        assert any("install Cilium yourself" in r for r in rec.reasons)


class TestBadInput:
    """Errors quote the value and state the rule."""

    def test_no_model_fits(self) -> None:
        """Routable pods in 256 addresses: nothing fits; the message explains each and names the closest."""
        with pytest.raises(SpecError, match=r"no network model meets every constraint: .*the closest is") as info:
            recommend(50, max_pods=30, pods_routable_from_vnet=True, vnet_ips_available=256)
        assert "only 256 are available" in str(info.value)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"nodes": 0}, r"nodes must be a whole number from 1 to 1,000,000 \(got 0\)"),
            ({"nodes": 50, "max_pods": 5}, r"max_pods must be a whole number from 10 to 250 \(got 5\): the range AKS"),
            ({"nodes": 50, "vnet_ips_available": -1}, r"vnet_ips_available must be .* \(got -1\)"),
            ({"nodes": 4900}, r"4,900 nodes plus surge make 5,390: AKS allows at most 5,000"),
        ],
    )
    def test_bad_values(self, kwargs: dict[str, int], message: str) -> None:
        """Each bad value is refused with its own message."""
        with pytest.raises(SpecError, match=message):
            recommend(**kwargs)  # type: ignore[arg-type]


def test_markdown_rendering() -> None:
    """In a notebook the recommendation shows the model, the flags and a table of what was not chosen."""
    text = recommend(50, max_pods=30)._repr_markdown_()
    assert text.startswith("**Recommended: Azure CNI Overlay, data plane azure**")
    assert "`--network-plugin azure --network-plugin-mode overlay`" in text
    assert "| not chosen | why |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "not chosen" not in line]
    assert len(rows) == 5  # the five models not chosen
    assert not any(line.startswith("| Azure CNI Overlay |") for line in rows)


def test_static_block_windows_is_not_documented_with_both_sources() -> None:
    """Fact sheet section 8: the CNI overview says Pod Subnet supports Windows (no mode named); the Pod Subnet
    page rules out Windows Server 2019 only; no page states Windows with static block. The reason says so."""
    rec = recommend(300, windows=True, pods_routable_from_vnet=True, pods_over_65k=True)
    assert rec.model is NetworkModel.POD_SUBNET_STATIC
    (reason,) = [r for r in rec.reasons if "Windows" in r]
    assert "do not document Windows node pools" in reason
    assert "https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview" in reason
    assert "https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-pod-subnet" in reason
    assert "vendor" not in reason  # Microsoft is the vendor of this CNI


class TestConstraints:
    """Constraints: one frozen value for the recommender's question."""

    def test_recommend_and_recommend_for_agree(self) -> None:
        """recommend(...) with keywords is recommend_for(Constraints(...))."""
        c = Constraints(50, max_pods=30, pods_routable_from_vnet=True, vnet_ips_available=2048)
        by_value = recommend_for(c)
        by_keywords = recommend(50, max_pods=30, pods_routable_from_vnet=True, vnet_ips_available=2048)
        assert (by_value.model, by_value.rejected) == (by_keywords.model, by_keywords.rejected)

    def test_frozen(self) -> None:
        """A Constraints value cannot be changed after it is built."""
        c = Constraints(50)
        with pytest.raises(AttributeError):
            c.nodes = 60  # type: ignore[misc]

    def test_bad_value_refused_when_built(self) -> None:
        """Constraints checks its counts itself, with the argument's name in the message."""
        with pytest.raises(SpecError, match=r"max_pods must be a whole number from 10 to 250 \(got 300\)"):
            Constraints(50, max_pods=300)

    def test_own_cni_lifts_only_its_own_veto(self) -> None:
        """own_cni=True lifts bring-your-own-CNI's veto (and managed Cilium's: you install Cilium yourself)."""
        c = Constraints(50, max_pods=30, own_cni=True, cilium=True)
        assert ruled_out(NetworkModel.NONE, c.plans()[NetworkModel.NONE], c) == []
        without = Constraints(50, max_pods=30)
        assert "own_cni=True" in ruled_out(NetworkModel.NONE, without.plans()[NetworkModel.NONE], without)[0]

    def test_own_cni_still_has_to_fit_the_vnet(self) -> None:
        """55 nodes (50 + 10%) need a /26 of 64 addresses even with your own CNI: 32 is too few, so no
        model is recommended (before, the budget was silently ignored for bring your own CNI)."""
        with pytest.raises(SpecError, match=r"no network model meets every constraint: .*only 32 are available"):
            recommend(50, max_pods=30, own_cni=True, vnet_ips_available=32)


def test_markdown_links_name_github_issues_by_number() -> None:
    """kubenet's retirement cites Azure/AKS issue 4859; the Markdown link is labelled Azure/AKS#4859."""
    text = recommend(50, max_pods=30)._repr_markdown_()
    assert "([Azure/AKS#4859](https://github.com/Azure/AKS/issues/4859))" in text
