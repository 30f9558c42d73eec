"""Who runs each part of a Kubernetes cluster, and who pays for it: minikube, self-managed, AKS.

A cluster has two halves: the *control plane* (API server, etcd, scheduler,
controller managers), which decides, and the *worker nodes* (the machine,
kubelet, kube-proxy, container runtime, pods), which run your containers. Who
operates and who pays for each part depends on how you run Kubernetes; every
entry carries the page it comes from.

>>> role("etcd", "aks").operator
<Party.MICROSOFT: 'Microsoft'>
>>> role("etcd", "self-managed").operator
<Party.YOU: 'you'>
>>> operator_counts("aks")
{'you': 1, 'Microsoft': 8, 'shared': 1}
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum

from akskit.engine.errors import DeploymentModeError, quote
from akskit.engine.facts import CILIUM_URL
from akskit.engine.tables import Table

__all__ = [
    "COMPONENTS",
    "MODES",
    "TIERS",
    "Component",
    "DeploymentModeError",
    "Mode",
    "Party",
    "Plane",
    "Role",
    "Tier",
    "component",
    "component_table",
    "components",
    "mode",
    "operated_by",
    "operator_counts",
    "parse_mode",
    "responsibility_table",
    "role",
    "tier_table",
]

# Source pages -------------------------------------------------------------------------------
#: Kubernetes' own list of control-plane and node components (and: no cloud-controller-manager on your own PC).
K8S_COMPONENTS_URL = "https://kubernetes.io/docs/concepts/overview/components/"
#: AKS core concepts: the Azure managed control plane (with cloud-controller-manager); nodes are Azure VMs.
AKS_CONCEPTS_URL = "https://learn.microsoft.com/en-us/azure/aks/core-aks-concepts"
#: AKS support policies: the "Division of responsibility" matrix (AKS against on-premises Kubernetes).
AKS_SUPPORT_URL = "https://learn.microsoft.com/en-us/azure/aks/support-policies"
#: AKS Free, Standard and Premium pricing tiers for cluster management.
AKS_TIERS_URL = "https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers"
#: The API's text for the tier: "If not specified, the default is 'Free'", and what each tier includes.
AKS_TIER_API_URL = "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-containerservice/managedclusterskutier"
#: Azure's price list for AKS cluster management (the numbers change; akskit quotes none).
AKS_PRICING_URL = "https://azure.microsoft.com/pricing/details/kubernetes-service/"
#: 2019 text of the AKS concepts page: "There's no cost for the control plane, only the nodes" (HISTORICAL).
AKS_CONCEPTS_2019_URL = (
    "https://github.com/MicrosoftDocs/azure-docs/blob/e605a539edcbfc3468f5d9e25deab4692ce3f47e/"
    "articles/aks/concepts-clusters-workloads.md"
)
#: Private clusters: "The control plane or API server is in an Azure Kubernetes Service (AKS)-managed Azure
#: subscription. A customer's cluster or node pool is in the customer's subscription" (API Server VNet Integration
#: says the same); a private endpoint reaches it.
AKS_PRIVATE_URL = "https://learn.microsoft.com/en-us/azure/aks/private-clusters"
#: API Server VNet Integration: the API server endpoint in a delegated subnet of your VNet.
AKS_API_VNET_URL = "https://learn.microsoft.com/en-us/azure/aks/api-server-vnet-integration"
#: minikube: "local Kubernetes", in a container or a virtual machine on your own computer.
MINIKUBE_URL = "https://minikube.sigs.k8s.io/docs/start/"
#: minikube's multi-node tutorial: ``minikube start --nodes 2`` adds a worker to the control-plane node.
MINIKUBE_NODES_URL = "https://minikube.sigs.k8s.io/docs/tutorials/multi_node/"


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

    >>> role("pods", "aks").payer
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

    >>> component("kubelet").plane
    <Plane.WORKER: 'worker node'>
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


@dataclass(frozen=True, slots=True)
class Tier:
    """An AKS pricing tier for cluster management."""

    name: str
    cluster_management: str
    uptime_sla: str
    use_for: str
    source: str


MODES: tuple[str, ...] = ("minikube", "self-managed", "aks")

_MODES = {
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


def _control(name: str, does: str, aks_operates: str, source: str = K8S_COMPONENTS_URL) -> Component:
    return Component(
        name,
        Plane.CONTROL,
        does,
        source,
        minikube=_you(_MK_RUNS, _LAPTOP, MINIKUBE_URL),
        self_managed=_you(_SM_RUNS, _SM_PAYS, AKS_SUPPORT_URL),
        aks=Role(Party.MICROSOFT, Party.SHARED, aks_operates, _AKS_CP_PAYS, (AKS_SUPPORT_URL, AKS_TIERS_URL)),
    )


def _node_software(name: str, does: str, aks_operates: str, *aks_sources: str) -> Component:
    return Component(
        name,
        Plane.WORKER,
        does,
        K8S_COMPONENTS_URL,
        minikube=_you(_MK_RUNS, _LAPTOP, MINIKUBE_URL),
        self_managed=_you(_SM_RUNS, _SM_PAYS, AKS_SUPPORT_URL),
        aks=Role(Party.MICROSOFT, Party.YOU, aks_operates, _AKS_ON_NODE, (AKS_SUPPORT_URL, *aks_sources)),
    )


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
            (AKS_CONCEPTS_URL, AKS_TIERS_URL),
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

TIERS: tuple[Tier, ...] = (
    Tier(
        "Free",
        "free (you pay for the VMs, storage and networking you use)",
        "none (the Uptime SLA comes with Standard and Premium)",
        "learning, experiments and clusters with fewer than 10 nodes; the default when no tier is given",
        AKS_TIER_API_URL,
    ),
    Tier(
        "Standard",
        "a charge per cluster, on top of the VMs, storage and networking",
        "99.95% for the API server with availability zones, 99.9% without",
        "production; up to 5,000 nodes; AKS Automatic clusters use it",
        AKS_TIERS_URL,
    ),
    Tier(
        "Premium",
        "a charge per cluster, on top of the VMs, storage and networking",
        "as Standard",
        "production that needs long-term support of one Kubernetes version",
        AKS_TIERS_URL,
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
    raise DeploymentModeError(f"deployment mode {quote(text)} is not one of {', '.join(MODES)}: {_hint(key, MODES)}")


_LINK_LABELS = {
    K8S_COMPONENTS_URL: "Kubernetes components",
    AKS_CONCEPTS_URL: "AKS core concepts",
    AKS_SUPPORT_URL: "AKS support policies",
    AKS_TIERS_URL: "AKS pricing tiers",
    AKS_TIER_API_URL: "AKS API: SKU tier",
    MINIKUBE_URL: "minikube start",
    CILIUM_URL: "Azure CNI powered by Cilium",
}


def _links(urls: tuple[str, ...]) -> str:
    """Markdown links, labelled with the page's name."""
    return ", ".join(f"[{_LINK_LABELS.get(u, u)}]({u})" for u in urls)


def _hint(key: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.5)
    return f"did you mean {close[0]!r}?" if close else "use one of those."


_MODE_ALIASES = {"selfmanaged": "self-managed", "self-hosted": "self-managed", "azure": "aks"}


def mode(name: str) -> Mode:
    """The :class:`Mode` called ``name``.

    >>> mode("aks").control_plane_lives
    'an AKS-managed Azure subscription (not yours), operated by Microsoft'
    """
    return _MODES[parse_mode(name)]


def components(plane: Plane | None = None) -> tuple[Component, ...]:
    """Every component, control plane first; only one plane's when ``plane`` is given.

    >>> [c.name for c in components(Plane.CONTROL)][:2]
    ['kube-apiserver', 'etcd']
    """
    return tuple(c for c in COMPONENTS if plane is None or c.plane is plane)


def component(name: str) -> Component:
    """The component called ``name`` (such as ``"etcd"``; any case).

    >>> component("ETCD").does
    "the key-value store that keeps the cluster's state and configuration"
    """
    key = str(name).strip().lower()
    for c in COMPONENTS:
        if c.name.lower() == key:
            return c
    names = tuple(c.name for c in COMPONENTS)
    raise DeploymentModeError(f"component {quote(name)} is not one of {', '.join(names)}: {_hint(key, names)}")


def role(name: str, mode_name: str) -> Role:
    """Who operates and pays for component ``name`` in ``mode_name``.

    >>> role("kube-apiserver", "minikube").operator.value
    'you'
    """
    return component(name).role(mode_name)


def operated_by(mode_name: str) -> dict[Party, tuple[str, ...]]:
    """The components each party operates in ``mode_name`` (parties with none left out).

    >>> operated_by("minikube")[Party.NOBODY]
    ('cloud-controller-manager',)
    """
    key = parse_mode(mode_name)
    groups = {p: tuple(c.name for c in COMPONENTS if c.role(key).operator is p) for p in Party}
    return {p: names for p, names in groups.items() if names}


def operator_counts(mode_name: str) -> dict[str, int]:
    """How many components each party operates in ``mode_name``.

    >>> operator_counts("self-managed")
    {'you': 10}
    """
    return {p.value: len(names) for p, names in operated_by(mode_name).items()}


def component_table() -> Table:
    """The components of a cluster: their plane and what they do.

    >>> component_table().rows[0][:2]
    ('kube-apiserver', 'control plane')
    """
    rows = [(c.name, c.plane.value, c.does) for c in COMPONENTS]
    return Table(
        ("component", "plane", "what it does"), rows, caption=f"Sources: {K8S_COMPONENTS_URL}, {AKS_CONCEPTS_URL}"
    )


def responsibility_table(mode_name: str) -> Table:
    """Who operates and who pays for each component in ``mode_name``, with the pages that say so.

    >>> responsibility_table("aks").rows[1][:2]
    ('etcd', 'Microsoft: runs it highly available and backs it up every 30 minutes')
    """
    key = parse_mode(mode_name)
    rows = [(c.name, c.role(key).operates, c.role(key).pays, _links(c.role(key).sources)) for c in COMPONENTS]
    return Table(("component", "operated by", "paid by", "sources"), rows, caption=mode(key).summary)


def tier_table() -> Table:
    """The AKS pricing tiers for cluster management.

    >>> [row[0] for row in tier_table().rows]
    ['Free', 'Standard', 'Premium']
    """
    rows = [(t.name, t.cluster_management, t.uptime_sla, t.use_for, _links((t.source,))) for t in TIERS]
    header = ("tier", "cluster management", "Uptime SLA", "meant for", "source")
    return Table(header, rows, caption=f"Prices change: see [Azure's price list]({AKS_PRICING_URL}).")
