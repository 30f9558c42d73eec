"""Checks on sizes: the node subnet, the pod subnet and the pod CIDR against what the plan needs.

Each finding quotes the range, states the rule, suggests the prefix that fits and links
the page that states the rule (see :mod:`akskit.engine.checks`, which runs them).
"""

from __future__ import annotations

from akskit.engine import facts
from akskit.engine.cidr import smallest_subnet_prefix
from akskit.engine.findings import Finding, Severity
from akskit.engine.models import NetworkModel

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from akskit.engine.results import Plan, SubnetPlan

__all__ = ["size_findings"]

ERROR = Severity.ERROR


def _prefix_fix(need: int) -> str:
    prefix = smallest_subnet_prefix(need)
    if prefix is None:
        largest = facts.LARGEST_SUBNET_PREFIX
        return f"no Azure subnet holds {need:,} IPs (the largest, a /{largest}, holds fewer); cut nodes or max pods"
    return f"use a /{prefix} or larger"


def size_findings(plan: Plan) -> list[Finding]:
    """The findings on sizes: a subnet no Azure prefix holds, a subnet or pod CIDR too small, a bad prefix."""
    found = []
    for name, subnet in (("node subnet", plan.node_subnet), ("pod subnet", plan.pod_subnet)):
        if subnet is None:
            continue
        if subnet.smallest_prefix is None:
            found.append(
                Finding(
                    "no-prefix-fits",
                    ERROR,
                    f"the {name} needs {subnet.ips_required:,} IPs: {_prefix_fix(subnet.ips_required)}",
                    facts.VNET_FAQ_URL,
                )
            )
        if subnet.cidr is not None:
            found.extend(_subnet_size_findings(plan, name, subnet))
    pod_cidr = plan.pod_cidr
    if pod_cidr is not None and pod_cidr.fits is False:
        default = " (AKS's default, used because no pod CIDR was given)" if pod_cidr.defaulted else ""
        found.append(
            Finding(
                "pod-cidr-too-small",
                ERROR,
                f"pod CIDR {pod_cidr.cidr}{default} holds {pod_cidr.blocks_available:,} per-node /24 blocks; "
                f"{plan.planned_nodes:,} nodes with surge and scale-out need {pod_cidr.blocks_required:,}: "
                f"use /{pod_cidr.largest_prefix} or larger",
                facts.OVERLAY_URL if plan.model is NetworkModel.OVERLAY else facts.KUBENET_URL,
            )
        )
    return found


def _subnet_size_findings(plan: Plan, name: str, subnet: SubnetPlan) -> list[Finding]:
    found, cidr = [], subnet.cidr
    assert cidr is not None
    if not facts.LARGEST_SUBNET_PREFIX <= cidr.prefixlen <= facts.SMALLEST_SUBNET_PREFIX:
        found.append(
            Finding(
                "subnet-size-invalid",
                ERROR,
                f"{name} {cidr} is a /{cidr.prefixlen}: Azure subnets run from /{facts.LARGEST_SUBNET_PREFIX} "
                f"to /{facts.SMALLEST_SUBNET_PREFIX}; {_prefix_fix(subnet.ips_required)}",
                facts.VNET_FAQ_URL,
            )
        )
    elif subnet.fits is False:
        capacity = (
            ""
            if subnet.max_nodes is None
            else f"; it holds at most {subnet.max_nodes:,} nodes in the first pool with surge"
        )
        found.append(
            Finding(
                f"{name.replace(' ', '-')}-too-small",
                ERROR,
                f"{name} {cidr} has {subnet.usable_ips:,} usable IPs ({cidr.num_addresses:,} minus Azure's "
                f"{facts.AZURE_RESERVED_IPS} reserved); the plan needs {subnet.ips_required:,}: "
                f"{_prefix_fix(subnet.ips_required)}{capacity}",
                facts.IP_PLANNING_URL,
                "InsufficientSubnetSize",
            )
        )
    if (
        plan.model is NetworkModel.POD_SUBNET_STATIC
        and name == "pod subnet"
        and cidr.prefixlen < facts.STATIC_POD_SUBNET_LARGEST_PREFIX
    ):
        found.append(
            Finding(
                "static-pod-subnet-too-large",
                ERROR,
                f"pod subnet {cidr} is a /{cidr.prefixlen}: static block allocation takes a pod subnet of "
                f"at most /{facts.STATIC_POD_SUBNET_LARGEST_PREFIX}; "
                f"use a /{facts.STATIC_POD_SUBNET_LARGEST_PREFIX} or smaller",
                facts.STATIC_BLOCK_URL,
            )
        )
    return found
