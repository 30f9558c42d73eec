"""The AKS network models and what each one spends per node.

A *model* is the IPAM choice (where pod IPs come from). The *data plane*
(Azure or Cilium) is a separate choice that leaves the IP math unchanged.

>>> from akskit.models import parse_model, traits
>>> parse_model("--network-plugin azure --network-plugin-mode overlay")
<NetworkModel.OVERLAY: 'overlay'>
>>> traits(parse_model("azure-cni")).node_subnet_ips_per_node(30)
31
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from enum import StrEnum

from akskit import facts
from akskit.errors import ModelError

__all__ = [
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

    def node_subnet_ips_per_node(self, max_pods: int) -> int:
        """Node-subnet IPs one node takes: its own, plus max pods for flat Azure CNI."""
        return 1 + max_pods if self.pods_from_node_subnet else 1

    def pod_subnet_ips_per_node(self, max_pods: int) -> int:
        """Pod-subnet IPs one node takes with every pod slot in use.

        Dynamic allocation: max pods rounded up to whole 16-IP batches.
        Static block: ``ceil((max pods + 1) / 16)`` /28 blocks (one IP is the node's).
        """
        if self.model is NetworkModel.POD_SUBNET:
            return facts.DYNAMIC_BATCH_IPS * _ceil_div(max_pods, facts.DYNAMIC_BATCH_IPS)
        if self.model is NetworkModel.POD_SUBNET_STATIC:
            return facts.STATIC_BLOCK_IPS * _ceil_div(max_pods + 1, facts.STATIC_BLOCK_IPS)
        return 0

    def pod_cidr_blocks_per_node(self) -> int:
        """Per-node /24 blocks carved from the pod CIDR (kubenet and overlay: one)."""
        return 1 if self.uses_pod_cidr else 0


_NODE_SUBNET_CEILING = ((64_000, facts.PLAN_POD_NETWORKING_URL), (50_000, facts.LARGE_CLUSTERS_URL))

_TRAITS: dict[NetworkModel, ModelTraits] = {
    t.model: t
    for t in (
        ModelTraits(
            NetworkModel.KUBENET,
            "kubenet",
            110,
            False,
            False,
            True,
            False,
            facts.KUBENET_MAX_NODES,
            (),
            "--network-plugin kubenet",
            facts.KUBENET_URL,
        ),  # default 110: KUBENET_URL, IP_PLANNING_URL; no Windows: KUBENET_URL
        ModelTraits(
            NetworkModel.AZURE_CNI,
            "Azure CNI Node Subnet",
            30,
            True,
            False,
            False,
            True,
            None,
            ((64_000, facts.PLAN_POD_NETWORKING_URL),),
            "--network-plugin azure",
            facts.LEGACY_CNI_URL,
        ),  # default 30: IP_PLANNING_URL; 64,000 IPs: PLAN_POD_NETWORKING_URL
        ModelTraits(
            NetworkModel.OVERLAY,
            "Azure CNI Overlay",
            250,
            False,
            False,
            True,
            True,
            facts.MAX_NODES_PER_CLUSTER,
            ((200_000, facts.LARGE_CLUSTERS_URL), (250_000, facts.PLAN_POD_NETWORKING_URL)),
            "--network-plugin azure --network-plugin-mode overlay",
            facts.OVERLAY_URL,
        ),  # default 250: OVERLAY_URL; 200k vs 250k pods: contradiction
        ModelTraits(
            NetworkModel.POD_SUBNET,
            "Azure CNI Pod Subnet (dynamic)",
            250,
            False,
            True,
            False,
            True,
            None,
            (
                (64_000, facts.PLAN_POD_NETWORKING_URL),
                (65_000, facts.STATIC_BLOCK_URL),
                (50_000, facts.LARGE_CLUSTERS_URL),
            ),
            "--network-plugin azure --pod-subnet-id <pod subnet id>",
            facts.DYNAMIC_URL,
        ),  # default 250: DYNAMIC_URL (IP_PLANNING_URL says 110: contradiction)
        ModelTraits(
            NetworkModel.POD_SUBNET_STATIC,
            "Azure CNI Pod Subnet (static block)",
            250,
            False,
            True,
            False,
            None,  # Windows: only "not Windows Server 2019" is documented (fact sheet section 8)
            None,
            ((1_000_000, facts.STATIC_BLOCK_URL),),
            "--network-plugin azure --pod-subnet-id <pod subnet id> --pod-ip-allocation-mode StaticBlock",
            facts.STATIC_BLOCK_URL,
        ),  # default not stated: docs examples pass --max-pods 250
        ModelTraits(
            NetworkModel.NONE,
            "Bring your own CNI",
            250,
            False,
            False,
            False,
            None,
            None,
            (),
            "--network-plugin none",
            facts.BYO_CNI_URL,
        ),  # default 250: az CLI help ("250 for none")
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


def _from_az_flags(text: str) -> tuple[NetworkModel, Dataplane | None]:
    try:
        words = shlex.split(text)
    except ValueError:
        raise ModelError(f"network model {text!r} is not valid az CLI syntax (unbalanced quotes)") from None
    flags: dict[str, str] = {}
    key = None
    for word in words:
        if word.startswith("--"):
            name, eq, val = word[2:].partition("=")
            key = name.lower()
            flags[key] = val if eq else ""
            if eq:
                key = None
        elif key is not None:
            flags[key] = word
            key = None
    plugin = flags.get("network-plugin", "azure" if "pod-subnet-id" in flags else "").lower()
    mode = flags.get("network-plugin-mode", "")
    allocation = flags.get("pod-ip-allocation-mode", "")
    dataplane = parse_dataplane(flags["network-dataplane"]) if "network-dataplane" in flags else None
    if not plugin:
        given = next(
            (f"--{k} {flags[k]!r}" for k in ("network-plugin-mode", "pod-ip-allocation-mode") if k in flags), None
        )
        if given:
            raise ModelError(f"{given} needs --network-plugin azure as well")
        raise ModelError(f"network model {text!r} names no --network-plugin: use kubenet, azure or none")
    if plugin not in ("kubenet", "azure", "none"):
        raise ModelError(f"--network-plugin {plugin!r} is not known: use kubenet, azure or none")
    if mode and mode.lower() != "overlay":
        raise ModelError(f"--network-plugin-mode {mode!r} is not known: the only mode is 'overlay'")
    if allocation and allocation.lower() not in ("dynamicindividual", "staticblock"):
        raise ModelError(f"--pod-ip-allocation-mode {allocation!r} is not known: use DynamicIndividual or StaticBlock")
    pod_subnet = bool(allocation) or "pod-subnet-id" in flags
    if (mode or pod_subnet) and plugin != "azure":
        what = f"--network-plugin-mode {mode}" if mode else "a pod subnet"
        raise ModelError(f"{what} needs --network-plugin azure (got --network-plugin {plugin!r})")
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
        raise ModelError(f"network model must be a name such as 'overlay' (got {value!r})")
    text = value.strip()
    if text.startswith("--"):
        return _from_az_flags(text)[0]
    key = text.lower().replace("_", "-").replace(" ", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    if key == "cilium":
        raise ModelError(
            f"network model {value!r} is a data plane, not a network model: Cilium runs on an Azure CNI "
            f"model; choose the model (overlay is the usual one) and set the data plane to cilium"
        )
    choices = ", ".join(m.value for m in NetworkModel)
    raise ModelError(f"network model {value!r} is not known: choose one of {choices}")


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
        raise ModelError(f"data plane {value!r} is not known: choose azure or cilium") from None


def model_and_dataplane(value: str) -> tuple[NetworkModel, Dataplane | None]:
    """Read a model, and the data plane too when ``value`` is az CLI flags naming one.

    >>> model_and_dataplane("--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium")
    (<NetworkModel.OVERLAY: 'overlay'>, <Dataplane.CILIUM: 'cilium'>)
    """
    text = str(value).strip()
    if text.startswith("--"):
        return _from_az_flags(text)
    return parse_model(text), None
