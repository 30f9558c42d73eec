"""akskit: plan, check and teach how Azure Kubernetes Service networking spends IP addresses.

>>> from akskit import cluster, plan, pool
>>> p = plan(cluster("kubenet", [pool("system", 251, max_surge=0)], node_subnet="10.224.0.0/24"))
>>> p.node_subnet.ips_required, p.node_subnet.fits
(251, True)

Importing akskit loads only the standard library: plotting and widgets live in
``akskit.plots`` and ``akskit.widgets`` and are imported on demand. The names
below load their engine module on first use (``import akskit`` alone loads none),
so a program pays only for what it calls.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers treat the name alike)
if TYPE_CHECKING:
    from akskit.engine.cidr import (
        largest_pod_cidr_prefix,
        parse_address,
        parse_network,
        smallest_subnet_prefix,
        usable_ips,
    )
    from akskit.engine.errors import AksKitError, CidrError, ModelError, SpecError, SpecTypeError
    from akskit.engine.findings import Finding, Severity
    from akskit.engine.model_names import model_and_dataplane, parse_dataplane, parse_model
    from akskit.engine.models import Dataplane, NetworkModel, traits
    from akskit.engine.plans import max_nodes, plan, reverse
    from akskit.engine.results import Capacity, Plan, PodCidrPlan, PoolPlan, ServiceRange, SubnetPlan
    from akskit.engine.spec import ClusterSpec, NodePool, cluster, pool
    from akskit.engine.spec_mapping import spec_from_mapping
    from akskit.engine.surge import Surge, parse_surge

#: Where each public name lives (the module is imported on first use of one of its names).
_HOMES = {
    "akskit.engine.cidr": (
        "largest_pod_cidr_prefix",
        "parse_address",
        "parse_network",
        "smallest_subnet_prefix",
        "usable_ips",
    ),
    "akskit.engine.errors": ("AksKitError", "CidrError", "ModelError", "SpecError", "SpecTypeError"),
    "akskit.engine.findings": ("Finding", "Severity"),
    "akskit.engine.model_names": ("model_and_dataplane", "parse_dataplane", "parse_model"),
    "akskit.engine.models": ("Dataplane", "NetworkModel", "traits"),
    "akskit.engine.plans": ("max_nodes", "plan", "reverse"),
    "akskit.engine.results": ("Capacity", "Plan", "PodCidrPlan", "PoolPlan", "ServiceRange", "SubnetPlan"),
    "akskit.engine.spec": ("ClusterSpec", "NodePool", "cluster", "pool"),
    "akskit.engine.spec_mapping": ("spec_from_mapping",),
    "akskit.engine.surge": ("Surge", "parse_surge"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}
_SUBPACKAGES = ("cli", "course", "engine", "exercises", "plots", "widgets")


def __getattr__(name: str) -> object:
    """A public name, imported from its engine module on first use (then cached here)."""
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
    elif name in _SUBPACKAGES:  # ``import akskit; akskit.engine.cidr`` keeps working
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AksKitError",
    "Capacity",
    "CidrError",
    "ClusterSpec",
    "Dataplane",
    "Finding",
    "ModelError",
    "NetworkModel",
    "NodePool",
    "Plan",
    "PodCidrPlan",
    "PoolPlan",
    "ServiceRange",
    "Severity",
    "SpecError",
    "SpecTypeError",
    "SubnetPlan",
    "Surge",
    "cluster",
    "largest_pod_cidr_prefix",
    "max_nodes",
    "model_and_dataplane",
    "parse_address",
    "parse_dataplane",
    "parse_model",
    "parse_network",
    "parse_surge",
    "plan",
    "pool",
    "reverse",
    "smallest_subnet_prefix",
    "spec_from_mapping",
    "traits",
    "usable_ips",
]

__version__ = "0.1.0"
