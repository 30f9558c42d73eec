"""Who runs each part of a Kubernetes cluster, and who pays for it: minikube, self-managed, AKS.

The questions the course asks of the catalogue in :mod:`akskit.course.catalogue`
(which parts there are, who operates each in a deployment mode) and the tables
notebook 01 shows. The AKS pricing tiers are in :mod:`akskit.course.tiers`.

>>> role("etcd", "aks").operator
<Party.MICROSOFT: 'Microsoft'>
>>> role("etcd", "self-managed").operator
<Party.YOU: 'you'>
>>> operator_counts("aks")
{'you': 1, 'Microsoft': 8, 'shared': 1}
"""

from __future__ import annotations

from akskit.course.catalogue import (
    AKS_CONCEPTS_URL,
    AKS_SUPPORT_URL,
    COMPONENTS,
    K8S_COMPONENTS_URL,
    MINIKUBE_URL,
    MODES,
    Component,
    Mode,
    Party,
    Plane,
    Role,
    close_match_hint,
    mode,
    parse_mode,
)
from akskit.engine.errors import DeploymentModeError, quote
from akskit.engine.facts import CILIUM_URL, PRICING_TIERS_URL
from akskit.engine.markdown import markdown_link
from akskit.engine.tables import Table

__all__ = [
    "COMPONENTS",
    "MODES",
    "Component",
    "DeploymentModeError",
    "Mode",
    "Party",
    "Plane",
    "Role",
    "component",
    "component_table",
    "components",
    "mode",
    "operated_by",
    "operator_counts",
    "parse_mode",
    "responsibility_table",
    "role",
]

_LINK_LABELS = {
    K8S_COMPONENTS_URL: "Kubernetes components",
    AKS_CONCEPTS_URL: "AKS core concepts",
    AKS_SUPPORT_URL: "AKS support policies",
    PRICING_TIERS_URL: "AKS pricing tiers",
    MINIKUBE_URL: "minikube start",
    CILIUM_URL: "Azure CNI powered by Cilium",
}


def _links(urls: tuple[str, ...]) -> str:
    """Markdown links, labelled with the page's name."""
    return ", ".join(markdown_link(u, _LINK_LABELS.get(u)) for u in urls)


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
    raise DeploymentModeError(
        f"component {quote(name)} is not one of {', '.join(names)}: {close_match_hint(key, names)}"
    )


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
        ("component", "plane", "what it does"),
        rows,
        caption=f"Sources: {_links((K8S_COMPONENTS_URL, AKS_CONCEPTS_URL))}",
    )


def responsibility_table(mode_name: str) -> Table:
    """Who operates and who pays for each component in ``mode_name``, with the pages that say so.

    >>> responsibility_table("aks").rows[1][:2]
    ('etcd', 'Microsoft: runs it highly available and backs it up every 30 minutes')
    """
    key = parse_mode(mode_name)
    rows = [(c.name, c.role(key).operates, c.role(key).pays, _links(c.role(key).sources)) for c in COMPONENTS]
    return Table(("component", "operated by", "paid by", "sources"), rows, caption=mode(key).summary)
