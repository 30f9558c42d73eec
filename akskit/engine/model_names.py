"""Reading a network model and data plane from what people type.

akskit's own names (``overlay``), common aliases (``azure``, ``StaticBlock``)
and the ``az aks create`` flags that select a model
(``--network-plugin azure --network-plugin-mode overlay``); any other az flag
is refused with the akskit option to use instead.

>>> parse_model("--network-plugin azure --network-plugin-mode overlay")
<NetworkModel.OVERLAY: 'overlay'>
"""

from __future__ import annotations

from akskit.engine.errors import ModelError, quote
from akskit.engine.models import Dataplane, NetworkModel

__all__ = ["model_and_dataplane", "parse_dataplane", "parse_model"]

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
    import shlex  # only az CLI flags need it: a model name does not

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
