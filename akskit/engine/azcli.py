"""The ``az aks`` commands that build a planned cluster's network: flags for create, one command per extra pool.

Flag names are the Azure CLI's own (``az aks create``, ``az aks nodepool add`` and
``az aks nodepool update``), as registered in the CLI's argument table
(https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/acs/_params.py)
and documented at https://learn.microsoft.com/en-us/cli/azure/aks. Resource IDs and
names are placeholders such as ``<node-subnet-resource-id>``: fill them in.

The network and pool flags are printed: sizes, max pods, surge, each pool's mode,
and its VM size (``--node-vm-size``) and node labels (``--nodepool-labels`` on create,
``--labels`` on ``nodepool add``: https://learn.microsoft.com/en-us/azure/aks/use-labels)
where the spec sets them; identity, Windows admin credentials and the rest are yours to add.

>>> from akskit import cluster, pool
>>> spec = cluster("overlay", [pool("system", 3, max_pods=30, max_surge="33%")], node_subnet="10.224.0.0/24",
...                service_cidr="172.16.0.0/16")
>>> print(az_create_flags(spec))  # doctest: +NORMALIZE_WHITESPACE
--network-plugin azure --network-plugin-mode overlay --pod-cidr 10.244.0.0/16 --service-cidr 172.16.0.0/16
--dns-service-ip 172.16.0.10 --vnet-subnet-id <node-subnet-resource-id> --nodepool-name system --node-count 3
--max-pods 30
"""

from __future__ import annotations

import shlex

from akskit.engine import facts
from akskit.engine.checks import system_pool_problem
from akskit.engine.errors import SpecError
from akskit.engine.models import Dataplane, NetworkModel, traits
from akskit.engine.node_pool import system_pool_first
from akskit.engine.plans import plan
from akskit.engine.results import Plan, PoolPlan
from akskit.engine.spec import ClusterSpec

__all__ = [
    "CLUSTER",
    "NODE_SUBNET_ID",
    "POD_SUBNET_ID",
    "RESOURCE_GROUP",
    "az_commands",
    "az_create_flags",
    "az_nodepool_add_commands",
    "shell_script",
]

RESOURCE_GROUP = "<resource-group>"
CLUSTER = "<cluster-name>"
NODE_SUBNET_ID = "<node-subnet-resource-id>"
POD_SUBNET_ID = "<pod-subnet-resource-id>"
_PLACEHOLDERS = (RESOURCE_GROUP, CLUSTER, NODE_SUBNET_ID, POD_SUBNET_ID)

#: The flags that select each model (the pod subnet models add their subnet flags later).
_MODEL_FLAGS: dict[NetworkModel, tuple[str, ...]] = {
    NetworkModel.KUBENET: ("--network-plugin", "kubenet"),
    NetworkModel.AZURE_CNI: ("--network-plugin", "azure"),
    NetworkModel.OVERLAY: ("--network-plugin", "azure", "--network-plugin-mode", "overlay"),
    NetworkModel.POD_SUBNET: ("--network-plugin", "azure"),
    NetworkModel.POD_SUBNET_STATIC: ("--network-plugin", "azure"),
    NetworkModel.NONE: ("--network-plugin", "none"),
}


def _line(words: list[str]) -> str:
    """Join words into one shell line, quoting values but leaving placeholders readable."""
    return " ".join(w if w in _PLACEHOLDERS else shlex.quote(w) for w in words)


def _checked(spec: ClusterSpec, check: bool) -> Plan:
    problem = system_pool_problem(spec)  # the planner's rule too: refused even with check=False
    if problem is not None:
        message, url = problem
        raise SpecError(f"{message} ({url})")
    planned = plan(spec)
    if check and planned.errors:
        more = f" (and {len(planned.errors) - 1} more)" if len(planned.errors) > 1 else ""
        raise SpecError(
            f"the design has {len(planned.errors)} error finding(s), so AKS would refuse it: "
            f"{planned.errors[0].message}{more}; fix them (akskit.engine.explain lists each) "
            f"or pass check=False to print the commands anyway"
        )
    return planned


def _subnet_flags(spec: ClusterSpec) -> list[str]:
    uses_pod_subnet = traits(spec.model).uses_pod_subnet
    words = []
    if spec.node_subnet is not None or uses_pod_subnet:
        words += ["--vnet-subnet-id", NODE_SUBNET_ID]
    if uses_pod_subnet:
        mode = "StaticBlock" if spec.model is NetworkModel.POD_SUBNET_STATIC else "DynamicIndividual"
        words += ["--pod-subnet-id", POD_SUBNET_ID, "--pod-ip-allocation-mode", mode]
    return words


def _pool_flags(p: PoolPlan, labels_flag: str) -> list[str]:
    """The pool's VM size and node labels (``--nodepool-labels`` on create, ``--labels`` on nodepool add)."""
    words = [] if p.vm_size is None else ["--node-vm-size", p.vm_size]
    if p.labels:
        words += [labels_flag, *(f"{k}={v}" for k, v in p.labels)]
    return words


def _size_flags(p: PoolPlan) -> list[str]:
    words = ["--node-count", str(p.nodes)]
    if p.max_count is not None:
        words += ["--enable-cluster-autoscaler", "--min-count", str(p.nodes), "--max-count", str(p.max_count)]
    return [*words, "--max-pods", str(p.max_pods)]


def _create_flags(spec: ClusterSpec, planned: Plan) -> list[str]:
    words = list(_MODEL_FLAGS[spec.model])
    if spec.dataplane is Dataplane.CILIUM:
        words += ["--network-dataplane", "cilium"]
    if planned.pod_cidr is not None and planned.pod_cidr.cidr is not None:
        words += ["--pod-cidr", str(planned.pod_cidr.cidr)]
    elif spec.model is NetworkModel.NONE:  # bring your own CNI still needs a pod CIDR for the control plane
        words += ["--pod-cidr", str(spec.pod_cidr or facts.DEFAULT_POD_CIDR)]
    words += ["--service-cidr", str(planned.services.cidr)]
    if planned.services.dns_available:  # else the range holds none (an error finding): leave it to az
        words += ["--dns-service-ip", str(planned.services.dns_service_ip)]
    first = _in_order(planned)[0]
    words += [*_subnet_flags(spec), "--nodepool-name", first.name, *_size_flags(first)]
    return words + _pool_flags(first, "--nodepool-labels")


def _in_order(planned: Plan) -> list[PoolPlan]:
    """The pools with the first system pool first: ``az aks create`` makes its pool the system pool."""
    return system_pool_first(planned.pools, lambda p: p.mode == "system")


def _upgrade_flags(p: PoolPlan) -> list[str]:
    """How the pool upgrades: surge, max unavailable, blue-green (``--upgrade-strategy``: aks-preview)."""
    words = [] if p.surge_defaulted else ["--max-surge", p.max_surge]
    if p.max_unavailable is not None:
        words += ["--max-unavailable", p.max_unavailable]
    return words + (["--upgrade-strategy", "bluegreen"] if p.upgrade_strategy == "bluegreen" else [])


def _nodepool_add(spec: ClusterSpec, p: PoolPlan) -> list[str]:
    words = ["az", "aks", "nodepool", "add", "--resource-group", RESOURCE_GROUP, "--cluster-name", CLUSTER]
    words += ["--name", p.name]
    set_mode = next((q.mode for q in spec.pools if q.name == p.name), None)
    if p.mode == "system" or set_mode is not None:  # az's default is User: printed when the spec says so
        words += ["--mode", p.mode.capitalize()]
    if p.os == "windows":
        words += ["--os-type", "Windows"]
    words += _pool_flags(p, "--labels")
    return words + _size_flags(p) + _upgrade_flags(p) + _subnet_flags(spec)


def _commands(spec: ClusterSpec, check: bool) -> list[list[str]]:
    planned = _checked(spec, check)
    create = ["az", "aks", "create", "--resource-group", RESOURCE_GROUP, "--name", CLUSTER]
    commands = [create + _create_flags(spec, planned)]
    first, *others = _in_order(planned)
    if _upgrade_flags(first):  # az aks create has no --max-surge: set it on the pool afterwards
        update = ["az", "aks", "nodepool", "update", "--resource-group", RESOURCE_GROUP, "--cluster-name", CLUSTER]
        commands.append([*update, "--name", first.name, *_upgrade_flags(first)])
    return commands + [_nodepool_add(spec, p) for p in others]


def az_create_flags(spec: ClusterSpec, *, check: bool = True) -> str:
    """The ``az aks create`` flags for ``spec``'s network and its first (system) pool, on one line.

    The CIDRs printed are the ones in force: AKS's defaults are spelled out when
    the spec left them out. With ``check`` (the default) a design with error
    findings raises :class:`~akskit.engine.errors.SpecError` instead: fix the design, or pass ``check=False``.

    >>> from akskit import cluster, pool
    >>> print(az_create_flags(cluster("kubenet", [pool("system", 3)])))  # doctest: +NORMALIZE_WHITESPACE
    --network-plugin kubenet --pod-cidr 10.244.0.0/16 --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10
    --nodepool-name system --node-count 3 --max-pods 110
    """
    return _line(_create_flags(spec, _checked(spec, check)))


def az_nodepool_add_commands(spec: ClusterSpec, *, check: bool = True) -> list[str]:
    """One ``az aks nodepool add`` command per pool after the first, with its OS, size, max pods and surge.

    >>> from akskit import cluster, pool
    >>> spec = cluster("overlay", [pool("system", 3), pool("win", 2, max_count=6, max_pods=30, max_surge="33%",
    ...                os="windows")], node_subnet="10.224.0.0/24", service_cidr="172.16.0.0/16")
    >>> print(az_nodepool_add_commands(spec)[0])  # doctest: +NORMALIZE_WHITESPACE
    az aks nodepool add --resource-group <resource-group> --cluster-name <cluster-name> --name win --os-type Windows
    --node-count 2 --enable-cluster-autoscaler --min-count 2 --max-count 6 --max-pods 30 --max-surge 33%
    --vnet-subnet-id <node-subnet-resource-id>
    """
    planned = _checked(spec, check)
    return [_line(_nodepool_add(spec, p)) for p in planned.pools[1:]]


def az_commands(spec: ClusterSpec, *, check: bool = True) -> list[str]:
    """Every command in order: ``az aks create``, the first pool's surge, then one ``nodepool add`` per pool.

    ``az aks create`` takes no ``--max-surge``, so a surge set on the first pool
    becomes an ``az aks nodepool update`` right after it.

    >>> from akskit import cluster, pool
    >>> print(az_commands(cluster("overlay", [pool("system", 3, max_surge="33%")], service_cidr="172.16.0.0/16"))[1])
    az aks nodepool update --resource-group <resource-group> --cluster-name <cluster-name> --name system --max-surge 33%
    """
    return [_line(c) for c in _commands(spec, check)]


def shell_script(spec: ClusterSpec, *, check: bool = True) -> str:
    """:func:`az_commands` as a readable script: one flag and its value per line, joined by backslashes.

    >>> from akskit import cluster, pool
    >>> print(shell_script(cluster("overlay", [pool("system", 3)])).splitlines()[1])
        --resource-group <resource-group> \\
    """
    blocks = []
    for words in _commands(spec, check):
        lines = [_line(words[:3])]
        for word in words[3:]:
            if word.startswith("--"):
                lines.append(word)
            else:
                lines[-1] += " " + (word if word in _PLACEHOLDERS else shlex.quote(word))
        blocks.append(" \\\n    ".join(lines))
    return "\n\n".join(blocks)
