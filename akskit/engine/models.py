"""The AKS network models and what each one spends per node.

A *model* is the IPAM choice (where pod IPs come from). The *data plane*
(Azure or Cilium) is a separate choice that leaves the IP math unchanged.
Reading a model from what people type (names, aliases, az CLI flags) is
:mod:`akskit.engine.model_names`.

>>> from akskit.engine.models import NetworkModel, traits
>>> traits(NetworkModel.AZURE_CNI).node_subnet_ips_per_node(30)
31
"""

from __future__ import annotations

from enum import StrEnum

from akskit.engine import facts

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes without importing dataclasses (akskit.engine.values says why)
    from akskit.engine.values import dataclass

__all__ = [
    "CiliumSupport",
    "Dataplane",
    "ModelTraits",
    "NetworkModel",
    "traits",
]


class NetworkModel(StrEnum):
    """Where pod IP addresses come from."""

    KUBENET = "kubenet"
    AZURE_CNI = "azure-cni"
    OVERLAY = "overlay"
    POD_SUBNET = "pod-subnet"
    POD_SUBNET_STATIC = "pod-subnet-static"
    NONE = "none"


class Dataplane(StrEnum):
    """The data plane that moves packets: Azure's, or Cilium's eBPF one."""

    AZURE = "azure"
    CILIUM = "cilium"


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


@dataclass(frozen=True, slots=True)
class CiliumSupport:
    """Whether the managed Cilium data plane runs on a model, in short, and where that is said.

    Attributes:
        managed: ``--network-dataplane cilium`` is supported on the model.
        note: the short answer shown in tables (``"yes"``, or ``"no: ..."`` with the way out).
        url: the page that says so.
    """

    managed: bool
    note: str
    url: str


@dataclass(frozen=True, slots=True)
class ModelTraits:
    """What one network model spends per node and where.

    Attributes:
        model: the model described.
        label: the name Microsoft's docs use.
        default_max_pods: max pods per node when the pool does not set it.
        pods_from_node_subnet: pods take VNet IPs from the node subnet (flat Azure CNI).
        uses_pod_subnet: pods take VNet IPs from a separate pod subnet.
        uses_pod_cidr: AKS carves one /24 per node from a private pod CIDR.
        windows: Windows node pools are supported (``None``: not documented).
        max_nodes: a model-specific cluster node limit, if any.
        pods_per_cluster: documented pod ceilings per cluster, as (figure, source URL) pairs.
        az_flags: the ``az aks create`` flags that select the model.
        url: the model's main documentation page.
        cilium: whether the managed Cilium data plane runs on the model, and where that is said.
    """

    model: NetworkModel
    label: str
    default_max_pods: int
    pods_from_node_subnet: bool
    uses_pod_subnet: bool
    uses_pod_cidr: bool
    windows: bool | None
    max_nodes: int | None
    pods_per_cluster: tuple[tuple[int, str], ...]
    az_flags: str
    url: str
    cilium: CiliumSupport

    def node_subnet_ips_per_node(self, max_pods: int) -> int:
        """Node-subnet IPs one node takes: its own, plus max pods for flat Azure CNI."""
        return 1 + max_pods if self.pods_from_node_subnet else 1

    def pod_subnet_ips_per_node(self, max_pods: int) -> int:
        """Pod-subnet IPs one node takes with every pod slot in use (the worst case to plan).

        Dynamic allocation: 16 IPs at node start, another 16 whenever fewer than 8
        are unallocated, so ``16 x ceil((max pods + 8) / 16)`` (30 max pods: 48).
        Static block: ``ceil((max pods + 1) / 16)`` /28 blocks (one IP is the node's).

        >>> traits(NetworkModel.POD_SUBNET).pod_subnet_ips_per_node(30)
        48
        """
        if self.model is NetworkModel.POD_SUBNET:
            batch = facts.DYNAMIC_BATCH_IPS
            return batch * _ceil_div(max_pods + facts.DYNAMIC_MIN_FREE_IPS, batch)
        if self.model is NetworkModel.POD_SUBNET_STATIC:
            return facts.STATIC_BLOCK_IPS * _ceil_div(max_pods + 1, facts.STATIC_BLOCK_IPS)
        return 0

    def pod_subnet_ips_at_start(self, max_pods: int) -> int:
        """Pod-subnet IPs one node takes when it starts (the floor).

        Dynamic allocation: one batch of 16. Static block: every block at once, for
        the node's lifetime, so the same as :meth:`pod_subnet_ips_per_node`.

        >>> traits(NetworkModel.POD_SUBNET).pod_subnet_ips_at_start(30)
        16
        """
        if self.model is NetworkModel.POD_SUBNET:
            return facts.DYNAMIC_BATCH_IPS
        return self.pod_subnet_ips_per_node(max_pods)

    def pod_cidr_blocks_per_node(self) -> int:
        """Per-node /24 blocks carved from the pod CIDR (kubenet and overlay: one)."""
        return 1 if self.uses_pod_cidr else 0


_CILIUM_YES = CiliumSupport(managed=True, note="yes", url=facts.CILIUM_URL)

_TRAITS: dict[NetworkModel, ModelTraits] = {
    t.model: t
    for t in (
        ModelTraits(
            model=NetworkModel.KUBENET,
            label="kubenet",
            default_max_pods=110,  # KUBENET_URL, IP_PLANNING_URL
            pods_from_node_subnet=False,
            uses_pod_subnet=False,
            uses_pod_cidr=True,
            windows=False,  # KUBENET_URL
            max_nodes=facts.KUBENET_MAX_NODES,
            pods_per_cluster=(),
            az_flags="--network-plugin kubenet",
            url=facts.KUBENET_URL,
            cilium=CiliumSupport(managed=False, note="no: migrate to overlay first", url=facts.UPGRADE_CNI_URL),
        ),
        ModelTraits(
            model=NetworkModel.AZURE_CNI,
            label="Azure CNI Node Subnet",
            default_max_pods=30,  # IP_PLANNING_URL
            pods_from_node_subnet=True,
            uses_pod_subnet=False,
            uses_pod_cidr=False,
            windows=True,
            max_nodes=None,
            pods_per_cluster=((64_000, facts.PLAN_POD_NETWORKING_URL),),
            az_flags="--network-plugin azure",
            url=facts.LEGACY_CNI_URL,
            cilium=_CILIUM_YES,
        ),
        ModelTraits(
            model=NetworkModel.OVERLAY,
            label="Azure CNI Overlay",
            default_max_pods=250,  # OVERLAY_URL
            pods_from_node_subnet=False,
            uses_pod_subnet=False,
            uses_pod_cidr=True,
            windows=True,
            max_nodes=facts.MAX_NODES_PER_CLUSTER,
            # 200k vs 250k pods: the pages contradict each other
            pods_per_cluster=((200_000, facts.LARGE_CLUSTERS_URL), (250_000, facts.PLAN_POD_NETWORKING_URL)),
            az_flags="--network-plugin azure --network-plugin-mode overlay",
            url=facts.OVERLAY_URL,
            cilium=_CILIUM_YES,
        ),
        ModelTraits(
            model=NetworkModel.POD_SUBNET,
            label="Azure CNI Pod Subnet (dynamic)",
            default_max_pods=250,  # DYNAMIC_URL (IP_PLANNING_URL says 110: contradiction)
            pods_from_node_subnet=False,
            uses_pod_subnet=True,
            uses_pod_cidr=False,
            windows=True,
            max_nodes=None,
            pods_per_cluster=(
                (64_000, facts.PLAN_POD_NETWORKING_URL),
                (65_000, facts.STATIC_BLOCK_URL),
                (50_000, facts.LARGE_CLUSTERS_URL),
            ),
            az_flags="--network-plugin azure --pod-subnet-id <pod subnet id>",
            url=facts.DYNAMIC_URL,
            cilium=_CILIUM_YES,
        ),
        ModelTraits(
            model=NetworkModel.POD_SUBNET_STATIC,
            label="Azure CNI Pod Subnet (static block)",
            default_max_pods=250,  # not stated: the docs' examples pass --max-pods 250
            pods_from_node_subnet=False,
            uses_pod_subnet=True,
            uses_pod_cidr=False,
            windows=None,  # only "not Windows Server 2019" is documented (fact sheet section 8)
            max_nodes=None,
            pods_per_cluster=((1_000_000, facts.STATIC_BLOCK_URL),),
            az_flags="--network-plugin azure --pod-subnet-id <pod subnet id> --pod-ip-allocation-mode StaticBlock",
            url=facts.STATIC_BLOCK_URL,
            # STATIC_BLOCK_URL: "Cilium ... work with this"
            cilium=CiliumSupport(managed=True, note="yes", url=facts.STATIC_BLOCK_URL),
        ),
        ModelTraits(
            model=NetworkModel.NONE,
            label="Bring your own CNI",
            default_max_pods=250,  # az CLI help ("250 for none")
            pods_from_node_subnet=False,
            uses_pod_subnet=False,
            uses_pod_cidr=False,
            windows=None,
            max_nodes=None,
            pods_per_cluster=(),
            az_flags="--network-plugin none",
            url=facts.BYO_CNI_URL,
            # CILIUM_URL's FAQ: to run Cilium yourself, use bring-your-own CNI
            cilium=CiliumSupport(managed=False, note="no: install Cilium yourself", url=facts.CILIUM_URL),
        ),
    )
}


def traits(model: NetworkModel) -> ModelTraits:
    """The :class:`ModelTraits` of ``model``."""
    return _TRAITS[model]
