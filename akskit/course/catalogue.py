"""The catalogue of a cluster's parts: what each does, and who operates and pays for it in each deployment mode.

A cluster has two halves: the *control plane* (API server, etcd, scheduler,
controller managers), which decides, and the *worker nodes* (the machine,
kubelet, kube-proxy, container runtime, pods), which run your containers. Who
operates and who pays for each part depends on how you run Kubernetes
(minikube, self-managed or AKS); every entry carries the page it comes from.
The questions asked of this data live in :mod:`akskit.course.architecture`.

>>> len(COMPONENTS), len(MODES)
(10, 3)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum

from akskit.engine.errors import DeploymentModeError, quote
from akskit.engine.facts import CILIUM_URL, PRICING_TIERS_URL

__all__ = [
    "AKS_CONCEPTS_URL",
    "AKS_SUPPORT_URL",
    "COMPONENTS",
    "K8S_COMPONENTS_URL",
    "MINIKUBE_URL",
    "MODES",
    "Component",
    "Mode",
    "Party",
    "Plane",
    "Role",
    "close_match_hint",
    "mode",
    "parse_mode",
]

# Source pages -------------------------------------------------------------------------------
#: Kubernetes' own list of control-plane and node components (and: no cloud-controller-manager on your own PC).
K8S_COMPONENTS_URL = "https://kubernetes.io/docs/concepts/overview/components/"
#: AKS core concepts: the Azure managed control plane (with cloud-controller-manager); nodes are Azure VMs.
AKS_CONCEPTS_URL = "https://learn.microsoft.com/en-us/azure/aks/core-aks-concepts"
#: AKS support policies: the "Division of responsibility" matrix (AKS against on-premises Kubernetes).
AKS_SUPPORT_URL = "https://learn.microsoft.com/en-us/azure/aks/support-policies"
#: minikube: "local Kubernetes", in a container or a virtual machine on your own computer.
MINIKUBE_URL = "https://minikube.sigs.k8s.io/docs/start/"


class Plane(Enum):
    """The half of the cluster a component belongs to."""

    CONTROL = "control plane"
    WORKER = "worker node"


class Party(Enum):
    """Who operates (or pays for) a part.

    ``SHARED`` as an operator follows Microsoft's support matrix: Microsoft
    provides and maintains the capability, you enable, configure or schedule
    it. As a payer it means the bill depends on your choices (the AKS tier).
    ``NOBODY`` marks a part that does not run in that mode.
    """

    YOU = "you"
    MICROSOFT = "Microsoft"
    SHARED = "shared"
    NOBODY = "nobody"


@dataclass(frozen=True, slots=True)
class Role:
    """Who operates and who pays for one component in one deployment mode, and why.

    >>> COMPONENTS[-1].aks.payer  # pods
    <Party.YOU: 'you'>
    """

    operator: Party
    payer: Party
    operates: str
    pays: str
    sources: tuple[str, ...]

    @property
    def runs(self) -> bool:
        """Whether the component runs at all in this mode."""
        return self.operator is not Party.NOBODY


@dataclass(frozen=True, slots=True)
class Component:
    """One part of a cluster, what it does, and its role in each deployment mode.

    >>> COMPONENTS[0].name, COMPONENTS[0].plane
    ('kube-apiserver', <Plane.CONTROL: 'control plane'>)
    """

    name: str
    plane: Plane
    does: str
    source: str
    minikube: Role
    self_managed: Role
    aks: Role

    def role(self, mode_name: str) -> Role:
        """This component's role in ``mode_name`` ("minikube", "self-managed" or "aks")."""
        key = parse_mode(mode_name)
        return {"minikube": self.minikube, "self-managed": self.self_managed, "aks": self.aks}[key]


@dataclass(frozen=True, slots=True)
class Mode:
    """A way to run Kubernetes: where the two halves live, and the one-sentence summary."""

    name: str
    label: str
    control_plane_lives: str
    nodes_live: str
    summary: str
    source: str


MODES: tuple[str, ...] = ("minikube", "self-managed", "aks")

_MODES: dict[str, Mode] = {
    "minikube": Mode(
        "minikube",
        "minikube",
        "one minikube node, a container or VM on your computer",
        "the same node (minikube start --nodes 2 adds workers)",
        "minikube runs the whole cluster on your own computer, control plane and pods on one node: you operate "
        "every part, no cloud-controller-manager runs, and the only cost is your machine's CPU and memory.",
        MINIKUBE_URL,
    ),
    "self-managed": Mode(
        "self-managed",
        "self-managed",
        "control-plane machines you run (servers or cloud VMs)",
        "worker machines you run",
        "In a self-managed cluster you install, patch, back up and pay for everything: the control-plane "
        "machines with etcd and every worker node.",
        AKS_SUPPORT_URL,
    ),
    "aks": Mode(
        "aks",
        "AKS",
        "an AKS-managed Azure subscription (not yours), operated by Microsoft",
        "Azure VMs in your subscription, billed to you",
        "On AKS Microsoft operates the control plane (free on the Free tier, a per-cluster fee on Standard and "
        "Premium) and the node software; you pay for the node VMs, schedule their upgrades and run your pods.",
        AKS_SUPPORT_URL,
    ),
}


def _you(operates: str, pays: str, *sources: str) -> Role:
    return Role(Party.YOU, Party.YOU, operates, pays, sources)


_LAPTOP = "you: it runs on your own computer's CPU and memory"
_MK_RUNS = "you: minikube sets it up, you start, stop and upgrade it"
_SM_RUNS = "you: install, configure, upgrade, patch and monitor it"
_SM_PAYS = "you: it runs on machines you buy or rent"
_AKS_CP_PAYS = "you on the Standard and Premium tiers (a charge per cluster); nobody on Free (free cluster management)"
_AKS_ON_NODE = "you: it runs on your node VMs and uses their CPU and memory"


def _run_by_you_elsewhere(name: str, plane: Plane, does: str, source: str, aks: Role) -> Component:
    """A component that you run on minikube and self-managed clusters, and that AKS shares as ``aks`` says."""
    return Component(
        name,
        plane,
        does,
        source,
        minikube=_you(_MK_RUNS, _LAPTOP, MINIKUBE_URL),
        self_managed=_you(_SM_RUNS, _SM_PAYS, AKS_SUPPORT_URL),
        aks=aks,
    )


def _control(name: str, does: str, aks_operates: str, source: str = K8S_COMPONENTS_URL) -> Component:
    aks = Role(Party.MICROSOFT, Party.SHARED, aks_operates, _AKS_CP_PAYS, (AKS_SUPPORT_URL, PRICING_TIERS_URL))
    return _run_by_you_elsewhere(name, Plane.CONTROL, does, source, aks)


def _node_software(name: str, does: str, aks_operates: str, *aks_sources: str) -> Component:
    aks = Role(Party.MICROSOFT, Party.YOU, aks_operates, _AKS_ON_NODE, (AKS_SUPPORT_URL, *aks_sources))
    return _run_by_you_elsewhere(name, Plane.WORKER, does, K8S_COMPONENTS_URL, aks)


_MS_CONTROL = (
    "Microsoft: runs it out of your reach and patches security flaws; version upgrades are shared "
    "(Microsoft supplies them, you trigger or schedule them)"
)

COMPONENTS: tuple[Component, ...] = (
    _control("kube-apiserver", "exposes the Kubernetes API: every request to the cluster goes through it", _MS_CONTROL),
    _control(
        "etcd",
        "the key-value store that keeps the cluster's state and configuration",
        "Microsoft: runs it highly available and backs it up every 30 minutes",
    ),
    _control("kube-scheduler", "picks a node for every new pod that has none", _MS_CONTROL),
    _control(
        "kube-controller-manager",
        "runs the control loops, such as noticing and responding when nodes go down",
        _MS_CONTROL,
    ),
    Component(
        "cloud-controller-manager",
        Plane.CONTROL,
        "links the cluster to a cloud's API: cloud load balancers, routes, node lifecycle",
        K8S_COMPONENTS_URL,
        minikube=Role(
            Party.NOBODY,
            Party.NOBODY,
            "nobody: a cluster on your own PC has no cloud controller manager (minikube tunnel stands in "
            "for cloud load balancers)",
            "nobody: it does not run",
            (K8S_COMPONENTS_URL, MINIKUBE_URL),
        ),
        self_managed=_you(
            "you: install your cloud's controller manager, if you want its load balancers and disks",
            _SM_PAYS,
            K8S_COMPONENTS_URL,
        ),
        aks=Role(
            Party.MICROSOFT,
            Party.SHARED,
            "Microsoft: part of the Azure managed control plane",
            _AKS_CP_PAYS,
            (AKS_CONCEPTS_URL, PRICING_TIERS_URL),
        ),
    ),
    Component(
        "node VM",
        Plane.WORKER,
        "the machine (a VM) that runs the node components and your pods",
        AKS_CONCEPTS_URL,
        minikube=_you("you: minikube creates the node as a container or VM on your computer", _LAPTOP, MINIKUBE_URL),
        self_managed=_you(_SM_RUNS, _SM_PAYS, AKS_SUPPORT_URL),
        aks=Role(
            Party.SHARED,
            Party.YOU,
            "Microsoft and you (shared): Microsoft publishes node images weekly and repairs unhealthy nodes; "
            "you choose the VM size and count and apply the images (auto-upgrade channel or by hand)",
            "you: node VMs are billed as standard Azure VMs",
            (AKS_SUPPORT_URL, AKS_CONCEPTS_URL),
        ),
    ),
    _node_software(
        "kubelet",
        "the agent on each node that makes sure the pods' containers run",
        "Microsoft: ships it in the node image and repairs it automatically",
    ),
    _node_software(
        "kube-proxy",
        "keeps the network rules on each node that make Services reach their pods",
        "Microsoft: ships and repairs it (with the Cilium data plane, Cilium replaces it: no kube-proxy)",
        CILIUM_URL,
    ),
    _node_software(
        "container runtime",
        "runs the containers and manages their images (containerd on AKS)",
        "Microsoft: ships containerd in the node image and repairs it",
    ),
    Component(
        "pods",
        Plane.WORKER,
        "your application: one or more containers sharing a network address and storage",
        AKS_CONCEPTS_URL,
        minikube=_you("you: you deploy them", _LAPTOP, MINIKUBE_URL),
        self_managed=_you("you: you deploy them", _SM_PAYS, AKS_SUPPORT_URL),
        aks=_you("you: your deployments, images and code are yours", "you: they run on your node VMs", AKS_SUPPORT_URL),
    ),
)


def parse_mode(text: str) -> str:
    """Read a deployment mode: ``"minikube"``, ``"self-managed"`` or ``"aks"`` (any case, spaces allowed).

    >>> parse_mode("Self managed"), parse_mode("AKS")
    ('self-managed', 'aks')
    >>> parse_mode("eks")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    akskit.engine.errors.DeploymentModeError: deployment mode 'eks' is not one of ...: did you mean 'aks'?
    """
    key = str(text).strip().lower().replace(" ", "-").replace("_", "-")
    key = _MODE_ALIASES.get(key, key)
    if key in _MODES:
        return key
    raise DeploymentModeError(
        f"deployment mode {quote(text)} is not one of {', '.join(MODES)}: {close_match_hint(key, MODES)}"
    )


def close_match_hint(key: str, choices: tuple[str, ...]) -> str:
    """``did you mean ...?`` naming the choice closest to ``key``, or a request to pick one of them."""
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.5)
    return f"did you mean {close[0]!r}?" if close else "use one of those."


_MODE_ALIASES = {"selfmanaged": "self-managed", "self-hosted": "self-managed", "azure": "aks"}


def mode(name: str) -> Mode:
    """The :class:`Mode` called ``name``.

    >>> mode("aks").control_plane_lives
    'an AKS-managed Azure subscription (not yours), operated by Microsoft'
    """
    return _MODES[parse_mode(name)]
