"""akskit: plan, check and teach how Azure Kubernetes Service networking spends IP addresses.

>>> from akskit import cluster, plan, pool
>>> p = plan(cluster("kubenet", [pool("system", 251, max_surge=0)], node_subnet="10.224.0.0/24"))
>>> p.node_subnet.ips_required, p.node_subnet.fits
(251, True)

Importing akskit loads only the standard library: plotting and widgets live in
``akskit.plots`` and ``akskit.widgets`` and are imported on demand.
"""

from __future__ import annotations

from akskit.engine.cidr import largest_pod_cidr_prefix, parse_address, parse_network, smallest_subnet_prefix, usable_ips
from akskit.engine.errors import AksKitError, CidrError, ModelError, SpecError, SpecTypeError
from akskit.engine.findings import Finding, Severity
from akskit.engine.model_names import model_and_dataplane, parse_dataplane, parse_model
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.plans import max_nodes, plan, reverse
from akskit.engine.results import Capacity, Plan, PodCidrPlan, PoolPlan, ServiceRange, SubnetPlan
from akskit.engine.spec import ClusterSpec, NodePool, cluster, pool
from akskit.engine.spec_mapping import spec_from_mapping
from akskit.engine.surge import Surge, parse_surge

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
