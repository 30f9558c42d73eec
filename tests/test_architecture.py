"""Architecture data (who operates and pays), the toggle diagram, and the exercises of notebook 01.

Expected values come from the pages the data cites, not from the implementation:

* Kubernetes components: https://kubernetes.io/docs/concepts/overview/components/
* AKS division of responsibility (AKS against on-premises Kubernetes):
  https://learn.microsoft.com/en-us/azure/aks/support-policies
* AKS core concepts (cloud-controller-manager in the Azure managed control plane; nodes billed as VMs):
  https://learn.microsoft.com/en-us/azure/aks/core-aks-concepts
* AKS pricing tiers: https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers
"""

from __future__ import annotations

import pytest

from akskit.course import architecture as arch
from akskit.course import tiers
from akskit.course.architecture import MODES, DeploymentModeError, Party, Plane
from akskit.exercises import check
from akskit.plots import architecture_figure, static_html, summary, update_architecture_figure
from akskit.plots.architecture import PARTY_COLOURS

# Kubernetes' own lists, plus the node machine itself (where the bill lands).
CONTROL_PLANE = {"kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager", "cloud-controller-manager"}
WORKER = {"node VM", "kubelet", "kube-proxy", "container runtime", "pods"}


def _rgb(colour: str) -> tuple[int, int, int]:
    """The red, green, blue of '#RRGGBB' or 'rgba(r,g,b,a)'."""
    if colour.startswith("#"):
        return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
    r, g, b = colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]
    return int(r), int(g), int(b)


def _box(shapes: object, name: str) -> dict[str, object]:
    """The shape called ``name`` in a button's shapes list or a figure's layout.shapes."""
    for shape in shapes:  # type: ignore[attr-defined]
        as_dict = shape if isinstance(shape, dict) else shape.to_plotly_json()
        if as_dict.get("name") == name:
            return as_dict
    raise AssertionError(f"no shape named {name!r}")


class TestComponents:
    def test_planes_hold_the_kubernetes_components(self) -> None:
        """The control plane and the worker side hold Kubernetes' own component lists."""
        assert {c.name for c in arch.components(Plane.CONTROL)} == CONTROL_PLANE
        assert {c.name for c in arch.components(Plane.WORKER)} == WORKER

    @pytest.mark.parametrize("mode", MODES)
    def test_every_component_has_an_operator_and_a_payer(self, mode: str) -> None:
        """Every part, in every mode, says who operates it and who pays, why, and where that is written."""
        for c in arch.components():
            r = c.role(mode)
            assert isinstance(r.operator, Party)
            assert isinstance(r.payer, Party)
            assert r.operates.strip()
            assert r.pays.strip()
            assert r.sources
            assert all(s.startswith("https://") for s in r.sources)

    def test_aks_control_plane_is_operated_by_microsoft(self) -> None:
        """support-policies: 'Kubernetes control plane (API server, etcd, scheduler, controllers)': Microsoft."""
        for name in CONTROL_PLANE:
            assert arch.role(name, "aks").operator is Party.MICROSOFT, name

    def test_aks_node_software_microsoft_node_shared_pods_yours(self) -> None:
        """support-policies: containerd, kubelet, kube-proxy Microsoft; node patching shared; workloads customer."""
        for name in ("kubelet", "kube-proxy", "container runtime"):
            assert arch.role(name, "aks").operator is Party.MICROSOFT
        assert arch.role("node VM", "aks").operator is Party.SHARED
        assert arch.role("pods", "aks").operator is Party.YOU

    def test_on_aks_you_pay_for_the_nodes(self) -> None:
        """core-aks-concepts: agent nodes are billed as standard VMs; what runs on them rides on that bill."""
        for c in arch.components(Plane.WORKER):
            assert c.role("aks").payer is Party.YOU, c.name

    def test_aks_control_plane_bill_depends_on_the_tier(self) -> None:
        """pricing tiers: Free has free cluster management, Standard and Premium charge for it."""
        for name in CONTROL_PLANE:
            r = arch.role(name, "aks")
            assert r.payer is Party.SHARED
            assert "Free" in r.pays
            assert "Standard" in r.pays
            assert "Premium" in r.pays

    def test_self_managed_is_all_yours(self) -> None:
        """support-policies: the on-premises column is 'Customer' for every Kubernetes part."""
        for c in arch.components():
            r = c.role("self-managed")
            assert (r.operator, r.payer) == (Party.YOU, Party.YOU), c.name

    def test_minikube_runs_no_cloud_controller_manager(self) -> None:
        """Kubernetes docs: a learning environment on your own PC has no cloud controller manager."""
        assert not arch.role("cloud-controller-manager", "minikube").runs
        assert arch.operated_by("minikube") == {
            Party.YOU: tuple(c.name for c in arch.components() if c.name != "cloud-controller-manager"),
            Party.NOBODY: ("cloud-controller-manager",),
        }

    def test_operator_counts_add_up_to_every_component(self) -> None:
        """Counting by operator covers each of the ten parts exactly once, in every mode."""
        for mode in MODES:
            assert sum(arch.operator_counts(mode).values()) == len(CONTROL_PLANE | WORKER)
        assert arch.operator_counts("aks") == {"you": 1, "Microsoft": 8, "shared": 1}

    def test_tables_have_a_row_per_component_with_sources(self) -> None:
        """The responsibility table lists all ten parts, each with a source URL; the caption is the summary."""
        table = arch.responsibility_table("AKS")
        assert [row[0] for row in table.rows] == [c.name for c in arch.components()]
        assert all("https://" in row[3] for row in table.rows)
        assert table.caption == arch.mode("aks").summary
        assert len(arch.component_table().rows) == 10

    def test_tiers_free_standard_premium(self) -> None:
        """pricing tiers: AKS offers three tiers for cluster management, Free, Standard and Premium."""
        assert [t.name for t in tiers.TIERS] == ["Free", "Standard", "Premium"]
        assert "free" in tiers.TIERS[0].cluster_management
        assert "99.95%" in tiers.TIERS[1].uptime_sla
        # "Standard tier ... up to 5,000 nodes"; Free for "fewer than 10 nodes" (free-standard-pricing-tiers)
        assert "5,000 nodes" in tiers.TIERS[1].use_for
        assert "fewer than 10 nodes" in tiers.TIERS[0].use_for

    def test_tier_table_links_name_their_pages(self) -> None:
        """Each tier's source is a Markdown link labelled with the page's name, not its bare URL."""
        table = tiers.tier_table()
        assert table.rows[1][4] == (
            "[AKS pricing tiers](https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers)"
        )
        assert "[Azure's price list](https://azure.microsoft.com/pricing/details/kubernetes-service/)" in table.caption


class TestParsing:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("AKS", "aks"),
            (" Self managed ", "self-managed"),
            ("self_managed", "self-managed"),
            ("Minikube", "minikube"),
        ],
    )
    def test_spellings(self, text: str, expected: str) -> None:
        """Case, spaces and underscores are forgiven."""
        assert arch.parse_mode(text) == expected

    def test_unknown_mode_quotes_value_lists_rule_suggests_fix(self) -> None:
        """A bad mode names the value, the allowed modes and the closest one, with no chained traceback."""
        with pytest.raises(DeploymentModeError) as info:
            arch.parse_mode("minikub")
        message = str(info.value)
        assert "'minikub'" in message
        assert "minikube, self-managed, aks" in message
        assert "did you mean 'minikube'?" in message
        assert info.value.__cause__ is None
        assert info.value.__context__ is None
        assert isinstance(info.value, ValueError)

    def test_unknown_component(self) -> None:
        """A misspelt component is quoted, with a suggestion."""
        with pytest.raises(DeploymentModeError, match=r"component 'kubelett' .* did you mean 'kubelet'\?"):
            arch.component("kubelett")


class TestDiagram:
    def test_three_buttons_that_update(self) -> None:
        """The figure carries one button per mode, each a plain plotly 'update' (no kernel needed)."""
        fig = architecture_figure()
        buttons = fig.layout.updatemenus[0].buttons
        assert [b.label for b in buttons] == ["minikube", "self-managed", "AKS"]
        assert all(b.method == "update" for b in buttons)
        assert fig.layout.updatemenus[0].active == MODES.index("aks")

    def test_buttons_recolour_each_box_by_its_operator(self) -> None:
        """Each button paints every box in its operator's colour; minikube and AKS differ on the control plane."""
        fig = architecture_figure("aks")
        for mode, button in zip(MODES, fig.layout.updatemenus[0].buttons, strict=True):
            shapes = button.args[1]["shapes"]
            for c in arch.components():
                expected = PARTY_COLOURS[c.role(mode).operator]
                box = _box(shapes, c.name)
                assert _rgb(box["fillcolor"]) == _rgb(expected), (mode, c.name)  # type: ignore[arg-type]
        minikube, _, aks = (b.args[1]["shapes"] for b in fig.layout.updatemenus[0].buttons)
        assert _box(minikube, "etcd")["fillcolor"] != _box(aks, "etcd")["fillcolor"]
        assert _rgb(_box(aks, "etcd")["fillcolor"]) == _rgb(PARTY_COLOURS[Party.MICROSOFT])  # type: ignore[arg-type]

    def test_update_matches_building_and_the_button(self) -> None:
        """update_architecture gives the same boxes, labels and summary as building that mode, or clicking it."""
        built = architecture_figure("self-managed")
        updated = architecture_figure("minikube")
        update_architecture_figure(updated, "self-managed")
        assert [s.fillcolor for s in updated.layout.shapes] == [s.fillcolor for s in built.layout.shapes]
        assert updated.data[0].text == built.data[0].text
        assert summary(updated) == summary(built) == arch.mode("self-managed").summary
        button = updated.layout.updatemenus[0].buttons[1]
        assert list(updated.data[0].hovertext) == button.args[0]["hovertext"][0]
        assert button.args[1]["meta"]["summary"] == summary(built)

    def test_every_trace_present_from_the_start(self) -> None:
        """Switching modes changes trace data, never the number of traces."""
        fig = architecture_figure("aks")
        count = len(fig.data)
        for mode in MODES:
            update_architecture_figure(fig, mode)
            assert len(fig.data) == count

    @pytest.mark.parametrize("mode", MODES)
    def test_summary_and_hover(self, mode: str) -> None:
        """Each mode has a one-sentence summary, shown in the figure too, and a hover saying who pays."""
        fig = architecture_figure(mode)
        text = summary(fig)
        assert text
        assert text.endswith(".")
        assert text == arch.mode(mode).summary
        assert any((a.text or "").replace("<br>", " ") == text for a in fig.layout.annotations)
        assert all("paid by" in h for h in fig.data[0].hovertext)

    def test_aks_labels_name_the_operator(self) -> None:
        """The box text says the operator in words, so the diagram reads without colour."""
        fig = architecture_figure("aks")
        labels = dict(zip([c.name for c in arch.components()], fig.data[0].text, strict=True))
        assert labels["etcd"].endswith("Microsoft")
        assert labels["pods"].endswith("you")

    def test_static_export_keeps_the_buttons(self) -> None:
        """The HTML export embeds the update menus, so the toggle still works without a kernel."""
        html = static_html(architecture_figure("aks"))
        assert '"updatemenus"' in html
        assert '"label":"minikube"' in html.replace(" ", "")
        assert "akskit-summary" in html

    def test_bad_mode(self) -> None:
        """An unknown mode is the library's error, not a plotly one."""
        with pytest.raises(DeploymentModeError, match="'gke'"):
            architecture_figure("gke")


class TestExercises:
    def test_1_1_etcd(self) -> None:
        """etcd keeps the cluster state (Kubernetes components page); each wrong letter explains itself."""
        assert check("1.1", "b")
        assert check("1.1", " B) ")
        messages = {letter: check("1.1", letter).message for letter in "acd"}
        assert len(set(messages.values())) == 3
        assert not any("one letter" in m for m in messages.values())

    def test_1_2_microsoft_patches_the_api_server(self) -> None:
        """support-policies: the AKS team patches managed components with a security flaw."""
        assert check("1.2", "b")
        assert not check("1.2", "a")
        feedback = check("1.2", "a").message
        assert "subscription that AKS manages" in feedback  # private-clusters: an AKS-managed Azure subscription
        assert "MC_" in feedback  # the node resource group is the learner's own, not the control plane's
        assert not check("1.2", "c")

    def test_1_3_upgrades_are_shared(self) -> None:
        """support-policies: Kubernetes version upgrades are shared (Microsoft supplies, you trigger)."""
        assert check("1.3", "c")
        assert not check("1.3", "a")
        assert not check("1.3", "b")

    def test_1_4_vnet_addresses(self) -> None:
        """IP planning, Azure CNI: (N + S) × (M + 1) = 4 × 51 = 204 (new numbers: section 5 shows 3 × 31 = 93)."""
        assert check("1.4", 204)
        assert check("1.4", "204")
        assert not check("1.4", 93)  # the section's worked example is not this pool
        assert "every node also needs one" in check("1.4", 200).message
        assert "kubenet" in check("1.4", 4).message
        assert "reserved" in check("1.4", 209).message

    def test_empty_answer_is_nudged(self) -> None:
        """The notebook's placeholder `...` gets a nudge, not an error."""
        assert "replace `...`" in check("1.1", ...).message


def test_control_plane_lives_in_an_aks_managed_subscription() -> None:
    """private-clusters: "The control plane or API server is in an ... (AKS)-managed Azure subscription"."""
    where = arch.mode("aks").control_plane_lives
    assert "AKS-managed Azure subscription" in where
    assert "resource group" not in where  # the MC_ node resource group holds the learner's own nodes
