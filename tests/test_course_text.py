"""Course sentences that were wrong (issue 7, "Wrong sentences in the course"): each now checked.

Every check reads the committed notebooks (or the library they call) and fails on the old text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import akskit
from akskit.course.scenario import design, load_scenario
from akskit.course.traffic import walk_table

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
IPPLAN = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning"
UPCAP = "https://learn.microsoft.com/en-us/azure/aks/upgrade-capacity-cost-planning"
NETCON = "https://learn.microsoft.com/en-us/azure/aks/concepts-network)"
CNIOV = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview"
RELEASE_3491 = "https://github.com/Azure/AKS/pull/3491"


def _cells(stem: str) -> list[dict]:  # type: ignore[type-arg]
    (path,) = NOTEBOOKS.glob(f"{stem}_*.ipynb")
    return json.loads(path.read_text(encoding="utf-8"))["cells"]  # type: ignore[no-any-return]


def _markdown(stem: str) -> str:
    return "\n\n".join("".join(c["source"]) for c in _cells(stem) if c["cell_type"] == "markdown")


def _code(stem: str) -> str:
    return "\n\n".join("".join(c["source"]) for c in _cells(stem) if c["cell_type"] == "code")


def _paragraphs(text: str) -> list[str]:
    return [p.replace("\n> ", " ").replace("\n", " ") for p in re.split(r"\n\s*\n", text)]


class TestNotebook04:
    """04_azure_cni: attributions, the surge difference, the node subnet, max pods on an existing pool."""

    def test_the_snat_quote_names_both_pages_and_the_nuance(self) -> None:
        """The "isn't SNAT'd" sentence is attributed to both pages that print it, then qualified for Node Subnet."""
        text = " ".join(_paragraphs(_markdown("04")))
        at = text.index("isn't SNAT'd")
        before = text[max(0, at - 400) : at]
        assert NETCON in before
        assert CNIOV.removesuffix(")") in before
        assert "https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni" in text[at : at + 500]

    def test_surge_difference_is_computed_not_typed(self) -> None:
        """4 more surge nodes than Microsoft's example, not 5: 55 x 31 - 1,581 = 124 (IPPLAN's 51-node example)."""
        md = _markdown("04")
        assert "155" not in md
        assert "5 × 31" not in md
        assert "ips_required - example.node_subnet.ips_required" in _code("04")
        default = akskit.plan(akskit.cluster("azure-cni", [akskit.pool("system", 50, max_pods=30)]))
        assert default.node_subnet.ips_required - 1_581 == 124, IPPLAN

    def test_new_pools_only_with_the_release_notes(self) -> None:
        """A sentence about 10 % for new pools cites Azure/AKS PR 3491, not the large-cluster or upgrade pages."""
        for paragraph in _paragraphs(_markdown("04")):
            for sentence in re.split(r"(?<=[.;])\s", paragraph):
                if re.search(r"new (node )?pools|pools created", sentence) and "10" in sentence:
                    assert RELEASE_3491 in sentence, sentence

    def test_pod_addresses_in_the_course_node_subnet(self) -> None:
        """The walk's node subnet is the /24 used everywhere else, and the text names the same one."""
        md = _markdown("04")
        assert "node subnet `10.224.0.0/16`" not in md
        assert "node subnet 10.224.0.0/24" in walk_table("azure-cni", "pod-to-pod").caption
        assert "node subnet, `10.224.0.0/24`" in md

    def test_max_pods_on_an_existing_pool_shows_both_pages(self) -> None:
        """No flat "can't be raised": the disadvantage cites both IP planning and upgrade capacity planning."""
        md = _markdown("04")
        assert "Max pods can't be raised on an existing pool" not in md
        row = next(line for line in md.splitlines() if line.startswith("| Max pods"))
        assert IPPLAN in row
        assert UPCAP in row
        guide = (NOTEBOOKS / "README.md").read_text(encoding="utf-8")
        assert 'contradictions_table(("max-pods-changeable",))' in guide  # the whole story sits in the guide


def test_notebook_01_puts_the_control_plane_in_an_aks_managed_subscription() -> None:
    """Not "an AKS-managed resource group" (learners know the MC_ one: their own), but Microsoft's subscription."""
    md = _markdown("01")
    assert "AKS-managed resource group" not in md
    assert "(AKS)-managed Azure subscription" in md
    assert "https://learn.microsoft.com/en-us/azure/aks/private-clusters" in md


def test_notebook_02_quotes_the_virtual_nodes_note() -> None:
    """The add-on page's opening note (azure-aks-docs articles/aks/virtual-nodes.md) is quoted and linked."""
    md = " ".join(_paragraphs(_markdown("02")))
    assert "now opens with a note pointing to" not in md
    assert '"Virtual Nodes v2 (preview) is the latest serverless experience for AKS.' in md
    assert "azure-aks-docs/blob/main/articles/aks/virtual-nodes.md" in md


def test_notebook_06_pod_subnet_totals_follow_the_dynamic_rule() -> None:
    """The capstone quotes dynamic allocation's total (8 spare per node), which is more than static block's."""
    scenario = load_scenario("capstone.toml")
    static = akskit.plan(design(scenario, model="pod-subnet-static")).vnet_ips_required
    dynamic = akskit.plan(design(scenario, model="pod-subnet")).vnet_ips_required
    assert f"{dynamic:,} in all with dynamic" in " ".join(_paragraphs(_markdown("06")))
    assert dynamic > static
