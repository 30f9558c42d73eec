"""The AKS network models and what each one spends per node.

A *model* is the IPAM choice (where pod IPs come from). The *data plane*
(Azure or Cilium) is a separate choice that leaves the IP math unchanged.

>>> from akskit.engine.models import parse_model, traits
>>> parse_model("--network-plugin azure --network-plugin-mode overlay")
<NetworkModel.OVERLAY: 'overlay'>
>>> traits(parse_model("azure-cni")).node_subnet_ips_per_node(30)
31
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from enum import StrEnum

from akskit.engine import facts
from akskit.engine.errors import ModelError, quote

__all__ = [
    "CiliumSupport",
    "Dataplane",
    "ModelTraits",
    "NetworkModel",
    "model_and_dataplane",
    "parse_dataplane",
    "parse_model",
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


_ALIASES = {
    "kubenet": NetworkModel.KUBENET,
    "azure": NetworkModel.AZURE_CNI,
    "azure-cni": NetworkModel.AZURE_CNI,
    "azurecni": NetworkModel.AZURE_CNI,
    "node-subnet": NetworkModel.AZURE_CNI,
    "overlay": NetworkModel.OVERLAY,
    "azure-overlay": NetworkModel.OVERLAY,
    "azure-cni-overlay": NetworkModel.OVERLAY,
    "pod-subnet": NetworkModel.POD_SUBNET,
    "dynamic": NetworkModel.POD_SUBNET,
    "dynamicindividual": NetworkModel.POD_SUBNET,
    "pod-subnet-dynamic": NetworkModel.POD_SUBNET,
    "pod-subnet-static": NetworkModel.POD_SUBNET_STATIC,
    "static": NetworkModel.POD_SUBNET_STATIC,
    "staticblock": NetworkModel.POD_SUBNET_STATIC,
    "static-block": NetworkModel.POD_SUBNET_STATIC,
    "none": NetworkModel.NONE,
    "byo": NetworkModel.NONE,
    "byo-cni": NetworkModel.NONE,
}


#: The az flags that select a model or data plane: the only ones a model string may carry.
_MODEL_AZ_FLAGS = frozenset(
    {"network-plugin", "network-plugin-mode", "pod-ip-allocation-mode", "pod-subnet-id", "network-dataplane"}
)
#: az flags akskit plans from its own options: where to give each instead.
_AZ_FLAGS_ELSEWHERE = {
    "vnet-subnet-id": "--subnet (the node subnet's CIDR)",
    "pod-cidr": "--pod-cidr",
    "service-cidr": "--service-cidr",
    "dns-service-ip": "--dns-service-ip",
    "max-pods": "--max-pods",
    "node-count": "--nodes",
    "max-count": "--max-count",
    "max-surge": "--max-surge",
}
_IPV6_FLAGS = frozenset({"ip-families", "pod-cidrs", "service-cidrs"})


def _refused(name: str, value: str | None) -> ModelError:
    """The error for an az flag a model string may not carry (akskit would plan without it)."""
    flag = f"--{name}"
    if name in _IPV6_FLAGS:
        shown = "" if value is None else f" {quote(value)}"
        return ModelError(
            f"{flag}{shown}: akskit plans IPv4 only (dual-stack and IPv6 clusters are not modelled); "
            f"drop {flag} to plan the IPv4 side alone"
        )
    if name in _AZ_FLAGS_ELSEWHERE:
        return ModelError(
            f"{flag} is not read in the network model: give it with akskit's own {_AZ_FLAGS_ELSEWHERE[name]} option"
        )
    if name in ("enable-cilium-dataplane", "enable-ebpf-dataplane"):
        return ModelError(f"{flag} is deprecated in the az CLI: use --network-dataplane cilium")
    allowed = ", ".join(f"--{k}" for k in sorted(_MODEL_AZ_FLAGS))
    return ModelError(f"az flag {quote(flag)} is not one akskit plans: a network model takes only {allowed}; drop it")


def _az_flag_values(text: str) -> dict[str, str]:
    """The flags and values of an az CLI model string; a flag akskit does not plan raises ModelError."""
    try:
        words = shlex.split(text)
    except ValueError:
        raise ModelError(f"network model {quote(text)} is not valid az CLI syntax (unbalanced quotes)") from None
    flags: dict[str, str] = {}
    i = 0
    while i < len(words):
        word = words[i]
        if not word.startswith("--"):
            raise ModelError(f"network model {quote(text)} has {quote(word)} where an az flag (--name) belongs")
        name, eq, value = word[2:].partition("=")
        name = name.lower()
        given: str | None = value if eq else None
        if given is None and i + 1 < len(words) and not words[i + 1].startswith("--"):
            given, i = words[i + 1], i + 1
        i += 1
        ipv4_only = name == "ip-families" and given is not None and given.strip().lower() == "ipv4"
        if name not in _MODEL_AZ_FLAGS and not ipv4_only:
            raise _refused(name, given)
        if name in flags:
            raise ModelError(f"--{name} is given twice in the network model {quote(text)}: give it once")
        if given is None:
            raise ModelError(f"--{name} has no value: write --{name} <value>")
        flags[name] = given
    flags.pop("ip-families", None)  # ipv4 alone: what akskit plans anyway
    return flags


def _from_az_flags(text: str) -> tuple[NetworkModel, Dataplane | None]:
    flags = _az_flag_values(text)
    plugin = flags.get("network-plugin", "azure" if "pod-subnet-id" in flags else "").lower()
    mode = flags.get("network-plugin-mode", "")
    allocation = flags.get("pod-ip-allocation-mode", "")
    dataplane = parse_dataplane(flags["network-dataplane"]) if "network-dataplane" in flags else None
    if not plugin:
        given = next(
            (f"--{k} {quote(flags[k])}" for k in ("network-plugin-mode", "pod-ip-allocation-mode") if k in flags), None
        )
        if given:
            raise ModelError(f"{given} needs --network-plugin azure as well")
        raise ModelError(f"network model {quote(text)} names no --network-plugin: use kubenet, azure or none")
    if plugin not in ("kubenet", "azure", "none"):
        raise ModelError(f"--network-plugin {quote(plugin)} is not known: use kubenet, azure or none")
    if mode and mode.lower() != "overlay":
        raise ModelError(f"--network-plugin-mode {quote(mode)} is not known: the only mode is 'overlay'")
    if allocation and allocation.lower() not in ("dynamicindividual", "staticblock"):
        raise ModelError(
            f"--pod-ip-allocation-mode {quote(allocation)} is not known: use DynamicIndividual or StaticBlock"
        )
    pod_subnet = bool(allocation) or "pod-subnet-id" in flags
    if (mode or pod_subnet) and plugin != "azure":
        what = f"--network-plugin-mode {mode}" if mode else "a pod subnet"
        raise ModelError(f"{what} needs --network-plugin azure (got --network-plugin {quote(plugin)})")
    if mode and pod_subnet:
        raise ModelError(
            f"--network-plugin-mode {mode} takes no pod subnet: overlay pods use the private pod CIDR; "
            f"drop --pod-ip-allocation-mode and --pod-subnet-id, or drop the overlay mode"
        )
    if plugin != "azure":
        return NetworkModel(plugin), dataplane
    if mode:
        return NetworkModel.OVERLAY, dataplane
    if allocation.lower() == "staticblock":
        return NetworkModel.POD_SUBNET_STATIC, dataplane
    return (NetworkModel.POD_SUBNET if pod_subnet else NetworkModel.AZURE_CNI), dataplane


def parse_model(value: str | NetworkModel) -> NetworkModel:
    """Read a network model from akskit's names or the az CLI's spellings.

    Accepts ``kubenet``, ``azure-cni``, ``overlay``, ``pod-subnet``,
    ``pod-subnet-static``, ``none``, common aliases (``azure``, ``StaticBlock``,
    ``DynamicIndividual``, ``byo``), and az CLI flags such as
    ``--network-plugin azure --pod-ip-allocation-mode StaticBlock``.

    >>> parse_model("StaticBlock")
    <NetworkModel.POD_SUBNET_STATIC: 'pod-subnet-static'>
    """
    if isinstance(value, NetworkModel):
        return value
    if not isinstance(value, str):
        raise ModelError(f"network model must be a name such as 'overlay' (got {quote(value)})")
    text = value.strip()
    if text.startswith("--"):
        return _from_az_flags(text)[0]
    key = text.lower().replace("_", "-").replace(" ", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    if key == "cilium":
        raise ModelError(
            f"network model {quote(value)} is a data plane, not a network model: Cilium runs on an Azure CNI "
            f"model; choose the model (overlay is the usual one) and set the data plane to cilium"
        )
    choices = ", ".join(m.value for m in NetworkModel)
    raise ModelError(f"network model {quote(value)} is not known: choose one of {choices}")


def parse_dataplane(value: str | Dataplane | None) -> Dataplane:
    """Read a data plane: ``azure`` (default) or ``cilium``.

    >>> parse_dataplane("Cilium")
    <Dataplane.CILIUM: 'cilium'>
    """
    if value is None:
        return Dataplane.AZURE
    if isinstance(value, Dataplane):
        return value
    key = str(value).strip().lower()
    try:
        return Dataplane(key)
    except ValueError:
        raise ModelError(f"data plane {quote(value)} is not known: choose azure or cilium") from None


def model_and_dataplane(value: str) -> tuple[NetworkModel, Dataplane | None]:
    """Read a model, and the data plane too when ``value`` is az CLI flags naming one.

    >>> model_and_dataplane("--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium")
    (<NetworkModel.OVERLAY: 'overlay'>, <Dataplane.CILIUM: 'cilium'>)
    """
    text = str(value).strip()
    if text.startswith("--"):
        return _from_az_flags(text)
    return parse_model(text), None
