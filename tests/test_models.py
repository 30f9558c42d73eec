"""Network models: names, az CLI spellings, and per-node costs."""

from __future__ import annotations

import pytest

from akskit import Dataplane, ModelError, NetworkModel, parse_dataplane, parse_model, traits
from akskit.engine.model_names import model_and_dataplane


class TestParseModel:
    """Every spelling a user may type maps to one model."""

    @pytest.mark.parametrize(
        ("text", "model"),
        [
            ("kubenet", NetworkModel.KUBENET),
            ("azure", NetworkModel.AZURE_CNI),
            ("Azure-CNI", NetworkModel.AZURE_CNI),
            ("overlay", NetworkModel.OVERLAY),
            ("pod_subnet", NetworkModel.POD_SUBNET),
            ("DynamicIndividual", NetworkModel.POD_SUBNET),
            ("StaticBlock", NetworkModel.POD_SUBNET_STATIC),
            ("none", NetworkModel.NONE),
            ("--network-plugin kubenet", NetworkModel.KUBENET),
            ("--network-plugin azure", NetworkModel.AZURE_CNI),
            ("--network-plugin azure --network-plugin-mode overlay", NetworkModel.OVERLAY),
            ("--network-plugin=azure --network-plugin-mode=overlay", NetworkModel.OVERLAY),
            ("--network-plugin azure --pod-subnet-id /subscriptions/x/subnets/pods", NetworkModel.POD_SUBNET),
            (
                "--network-plugin azure --pod-subnet-id x --pod-ip-allocation-mode StaticBlock",
                NetworkModel.POD_SUBNET_STATIC,
            ),
            ("--network-plugin none", NetworkModel.NONE),
        ],
    )
    def test_spellings(self, text: str, model: NetworkModel) -> None:
        """akskit names, aliases and az CLI flags all parse."""
        assert parse_model(text) is model

    def test_az_flags_carry_the_dataplane(self) -> None:
        """--network-dataplane in az flags sets the data plane."""
        text = "--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium"
        assert model_and_dataplane(text) == (NetworkModel.OVERLAY, Dataplane.CILIUM)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("calico", "'calico' is not known"),
            ("--network-plugin azure --network-plugin-mode vxlan", "'vxlan' is not known"),
            ("--network-dataplane cilium", "names no --network-plugin"),
            ("--network-plugin 'azure", "unbalanced quotes"),
        ],
    )
    def test_unknown_spellings(self, text: str, message: str) -> None:
        """Unknown spellings raise ModelError quoting the value."""
        with pytest.raises(ModelError, match=message):
            parse_model(text)

    def test_dataplane(self) -> None:
        """Data plane defaults to azure and refuses unknown names."""
        assert parse_dataplane(None) is Dataplane.AZURE
        with pytest.raises(ModelError, match="'ebpf'"):
            parse_dataplane("ebpf")


class TestPerNodeCosts:
    """What one node takes from each address space."""

    @pytest.mark.parametrize(
        ("model", "node", "pod", "blocks"),
        [
            (NetworkModel.KUBENET, 1, 0, 1),
            (NetworkModel.AZURE_CNI, 31, 0, 0),
            (NetworkModel.OVERLAY, 1, 0, 1),
            (NetworkModel.POD_SUBNET, 1, 48, 0),  # 16 x ceil((30 + 8) / 16): DYNAMIC_URL
            (NetworkModel.POD_SUBNET_STATIC, 1, 32, 0),
            (NetworkModel.NONE, 1, 0, 0),
        ],
    )
    def test_at_30_max_pods(self, model: NetworkModel, node: int, pod: int, blocks: int) -> None:
        """Node-subnet IPs, pod-subnet IPs and pod-CIDR /24s for one node at max pods 30."""
        t = traits(model)
        assert (t.node_subnet_ips_per_node(30), t.pod_subnet_ips_per_node(30), t.pod_cidr_blocks_per_node()) == (
            node,
            pod,
            blocks,
        )

    @pytest.mark.parametrize(
        ("max_pods", "ips"), [(8, 16), (9, 32), (10, 32), (24, 32), (25, 48), (110, 128), (250, 272)]
    )
    def test_dynamic_keeps_8_free_in_16_ip_batches(self, max_pods: int, ips: int) -> None:
        """Dynamic: 16 IPs at start, 16 more whenever fewer than 8 are free (DYNAMIC_URL, POD_SUBNET_URL)."""
        assert traits(NetworkModel.POD_SUBNET).pod_subnet_ips_per_node(max_pods) == ips

    @pytest.mark.parametrize("max_pods", [10, 30, 31, 110, 250])
    def test_floor_at_node_start(self, max_pods: int) -> None:
        """A dynamic node starts with one batch of 16; a static-block node gets every block at start."""
        dynamic, static = traits(NetworkModel.POD_SUBNET), traits(NetworkModel.POD_SUBNET_STATIC)
        assert dynamic.pod_subnet_ips_at_start(max_pods) == 16
        assert static.pod_subnet_ips_at_start(max_pods) == static.pod_subnet_ips_per_node(max_pods)


class TestAzFlags:
    """az CLI model strings: every flag is planned or refused by name, never dropped."""

    @pytest.mark.parametrize(
        ("text", "named"),
        [
            ("--network-plugin azure --network-plugin-mode overlay --ip-families ipv4,ipv6", "IPv4 only"),
            ("--network-plugin azure --network-plugin-mode overlay --ip-families=IPv6", "IPv4 only"),
            ("--network-plugin azure --network-plugin-mode overlay --pod-cidrs 10.244.0.0/16,fd00::/64", "IPv4 only"),
            ("--network-plugin azure --network-policy calico", "'--network-policy'"),
            ("--network-plugin azure --pod-cidr 10.0.0.0/16", "akskit's own --pod-cidr"),
            ("--network-plugin azure --vnet-subnet-id /x", "--subnet"),
            ("--network-plugin azure --enable-cilium-dataplane", "--network-dataplane cilium"),
            ("--network-plugin azure --network-plugin kubenet", "given twice"),
            ("--network-plugin azure overlay", "'overlay' where an az flag"),
            ("--network-plugin", "--network-plugin has no value"),
            ("--network-plugin azure --x\x1b[31m 1", "'--x\\x1b[31m'"),
        ],
    )
    def test_refused_by_name(self, text: str, named: str) -> None:
        """A flag akskit does not plan is a ModelError naming it, on one line."""
        with pytest.raises(ModelError) as caught:
            model_and_dataplane(text)
        assert named in str(caught.value)
        assert "\n" not in str(caught.value)
        assert "\x1b" not in str(caught.value)

    def test_ipv4_family_is_what_akskit_plans(self) -> None:
        """--ip-families ipv4 alone is accepted: it is what akskit plans anyway."""
        assert parse_model("--network-plugin azure --network-plugin-mode overlay --ip-families ipv4") is (
            NetworkModel.OVERLAY
        )

    def test_every_model_has_a_source(self) -> None:
        """Each model links the Microsoft page that describes it."""
        assert all(traits(m).url.startswith("https://learn.microsoft.com/") for m in NetworkModel)


class TestCiliumSupport:
    """The managed Cilium data plane, per model: one field on the traits, used by checks and the course."""

    @pytest.mark.parametrize(
        ("model", "managed"),
        [
            # https://learn.microsoft.com/en-us/azure/aks/azure-cni-powered-by-cilium:
            # "works with Overlay, Pod Subnet, or Node Subnet"
            (NetworkModel.AZURE_CNI, True),
            (NetworkModel.OVERLAY, True),
            (NetworkModel.POD_SUBNET, True),
            # https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation
            (NetworkModel.POD_SUBNET_STATIC, True),
            # https://learn.microsoft.com/en-us/azure/aks/update-azure-cni: kubenet goes to overlay first
            (NetworkModel.KUBENET, False),
            # bring your own CNI: Cilium is then yours to install
            (NetworkModel.NONE, False),
        ],
    )
    def test_managed_per_model(self, model: NetworkModel, managed: bool) -> None:
        """Which models run ``--network-dataplane cilium``; a "no" says what to do instead."""
        support = traits(model).cilium
        assert support.managed is managed
        if managed:
            assert support.note == "yes"
        else:
            assert support.note.startswith("no: ")
        assert support.url.startswith("https://learn.microsoft.com/en-us/azure/aks/")

    def test_kubenet_points_at_the_migration_page(self) -> None:
        """kubenet's way to Cilium is the overlay migration, so its source is that page."""
        assert traits(NetworkModel.KUBENET).cilium.url == "https://learn.microsoft.com/en-us/azure/aks/update-azure-cni"
