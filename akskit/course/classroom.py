"""The classroom's own cluster: from what one learner costs to the AKS cluster that hosts the room.

``classroom.toml`` (shipped in ``akskit/course/data/``) holds the measured memory and CPU of one
learner, the room sizes, the VM sizes and AKS's node reservations, each with its source. From them:
each learner's pod guarantee and limit (:func:`pod_resources`, what ``deploy/z2jh/config.yaml``
sets), how many learners one user node holds (:func:`node_fit`), the user pool for a room with its
placeholders (:func:`room`), and the room's cluster planned by the engine under any network model
(:func:`room_spec`, :func:`room_table`), ready for ``export(spec, "az")``.

>>> c = load_classroom()
>>> r = room(c, 100)
>>> r.placeholders, r.user_nodes == -(-(100 + r.placeholders) // node_fit(c).learners)
(10, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network
from pathlib import Path
from typing import Any

from akskit.course.datafiles import read_data_file
from akskit.engine.cidr import parse_network
from akskit.engine.errors import AksKitError, SpecError, quote
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.pool_labels import parse_labels
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec, NodePool, cluster, pool
from akskit.engine.tables import Table

__all__ = [
    "MODELS",
    "Classroom",
    "NodeFit",
    "PodResources",
    "Room",
    "VmPool",
    "capacity_table",
    "load_classroom",
    "node_fit",
    "pod_resources",
    "room",
    "room_spec",
    "room_table",
    "z2jh_values",
]

#: The network models the classroom is planned under: one VNet address per node, or per pod slot.
MODELS = (NetworkModel.OVERLAY, NetworkModel.AZURE_CNI)


@dataclass(frozen=True, slots=True)
class VmPool:
    """A node pool's VM size and settings: ``nodes`` is fixed for the system pool, computed for the user pool."""

    name: str
    vm_size: str
    vcpus: int
    memory_gib: int
    max_pods: int
    max_surge: str
    nodes: int = 0
    daemon_pods: int = 0
    #: Kubernetes node labels, sorted (key, value) pairs (Zero to JupyterHub's node purpose)
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Classroom:
    """What classroom.toml holds (see its header for the sources)."""

    memory_mib: float
    #: cores, averaged over a session: the measured CPU seconds over the session's minutes
    cpu: float
    provisional: bool
    measured_by: str
    margin: float
    memory_limit_factor: float
    cpu_limit: float
    rooms: tuple[int, ...]
    placeholder_fraction: float
    config_room: int
    user_pool: VmPool
    system_pool: VmPool
    vnet: IPv4Network
    reservations: Mapping[str, Any]
    machine_cores: int
    machine_memory_gib: int
    source: str = ""


@dataclass(frozen=True, slots=True)
class PodResources:
    """One learner's pod: memory in MiB, CPU in cores (what Zero to JupyterHub's ``singleuser`` sets)."""

    memory_guarantee_mib: int
    memory_limit_mib: int
    cpu_guarantee: float
    cpu_limit: float


@dataclass(frozen=True, slots=True)
class NodeFit:
    """How many learners one user node holds, by each limit; the smallest wins."""

    allocatable_memory_mib: int
    allocatable_cpu_millicores: int
    by_memory: int
    by_cpu: int
    by_pods: int

    @property
    def learners(self) -> int:
        return min(self.by_memory, self.by_cpu, self.by_pods)

    @property
    def limit(self) -> str:
        """Which resource runs out first: ``"memory"``, ``"CPU"`` or ``"pod slots"``."""
        return min((self.by_memory, "memory"), (self.by_cpu, "CPU"), (self.by_pods, "pod slots"))[1]


@dataclass(frozen=True, slots=True)
class Room:
    """A room of learners: its placeholders and the user-pool nodes that hold both."""

    learners: int
    placeholders: int
    user_nodes: int


def load_classroom(name: str = "classroom.toml", path: str | Path | None = None) -> Classroom:
    """Read the classroom file (the course's own, or ``path``).

    Raises:
        SpecError: the file is missing or a value is missing or of the wrong kind (the message names the key).

    >>> load_classroom().rooms
    (30, 100, 300)
    """
    data, source = read_data_file(name, path, what="classroom file")
    try:
        return _from_mapping(data, source)
    except AksKitError as exc:
        raise SpecError(f"classroom file {quote(source)}: {exc}") from None


def _get(data: Mapping[str, Any], dotted: str, kind: type | tuple[type, ...]) -> Any:
    table: Any = data
    for key in dotted.split("."):
        if not isinstance(table, Mapping) or key not in table:
            raise SpecError(f"{dotted} is missing: see the course's classroom.toml for the keys")
        table = table[key]
    if (isinstance(table, bool) and kind is not bool) or not isinstance(table, kind):
        raise SpecError(f"{dotted} must be a {getattr(kind, '__name__', 'number')} (got {quote(table)})")
    if isinstance(table, (int, float)) and not isinstance(table, bool) and table < 0:
        raise SpecError(f"{dotted} must not be negative (got {quote(table)})")
    return table


def _pool(data: Mapping[str, Any], key: str) -> VmPool:
    number = (int, float)
    return VmPool(
        name=_get(data, f"{key}.name", str),
        vm_size=_get(data, f"{key}.vm_size", str),
        vcpus=_get(data, f"{key}.vcpus", int),
        memory_gib=_get(data, f"{key}.memory_gib", int),
        max_pods=_get(data, f"{key}.max_pods", int),
        max_surge=str(_get(data, f"{key}.max_surge", (str, int))),
        nodes=_get(data, f"{key}.nodes", int) if key == "system_pool" else 0,
        daemon_pods=_get(data, f"{key}.daemon_pods", number) if key == "user_pool" else 0,
        labels=parse_labels(_get(data, f"{key}.labels", Mapping), f"{key}.labels"),
    )


def _from_mapping(data: Mapping[str, Any], source: str) -> Classroom:
    number = (int, float)
    rooms = _get(data, "rooms.learners", list)
    if not rooms or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in rooms):
        raise SpecError(f"rooms.learners must list whole numbers of learners such as [30, 100] (got {quote(rooms)})")
    for key in ("learner.memory_mib", "learner.cpu_seconds", "learner.session_minutes"):
        if not _get(data, key, number) > 0:
            raise SpecError(f"{key} must be more than 0 (got {quote(_get(data, key, number))})")
    seconds = float(_get(data, "learner.cpu_seconds", number))
    return Classroom(
        memory_mib=float(_get(data, "learner.memory_mib", number)),
        cpu=seconds / (float(_get(data, "learner.session_minutes", number)) * 60),
        provisional=_get(data, "learner.provisional", bool),
        measured_by=_get(data, "learner.measured_by", str),
        margin=float(_get(data, "pod.margin", number)),
        memory_limit_factor=float(_get(data, "pod.memory_limit_factor", number)),
        cpu_limit=float(_get(data, "pod.cpu_limit", number)),
        rooms=tuple(rooms),
        placeholder_fraction=float(_get(data, "rooms.placeholder_fraction", number)),
        config_room=_get(data, "rooms.config_room", int),
        user_pool=_pool(data, "user_pool"),
        system_pool=_pool(data, "system_pool"),
        vnet=parse_network(_get(data, "network.vnet", str), "network.vnet"),
        reservations=_get(data, "reservations", Mapping),
        machine_cores=_get(data, "machine.cores", int),
        machine_memory_gib=_get(data, "machine.memory_gib", int),
        source=source,
    )


def pod_resources(c: Classroom) -> PodResources:
    """Each learner's guarantee (the measurement times the margin, rounded up) and limit.

    >>> pod_resources(load_classroom()).memory_guarantee_mib
    347
    """
    guarantee = math.ceil(round(c.memory_mib * c.margin, 6))
    cpu_m = math.ceil(round(c.cpu * c.margin * 1000, 6))
    return PodResources(guarantee, math.ceil(guarantee * c.memory_limit_factor), cpu_m / 1000, c.cpu_limit)


def _kube_reserved_cpu(c: Classroom, vcpus: int) -> int:
    table = {int(k): int(v) for k, v in c.reservations["cpu_millicores"].items()}
    if vcpus not in table:
        raise SpecError(f"no kube-reserved CPU for {vcpus} cores in reservations.cpu_millicores ({sorted(table)})")
    return table[vcpus]


def node_fit(c: Classroom) -> NodeFit:
    """Learners per user node: allocatable memory and CPU over one learner's guarantee, and free pod slots.

    >>> fit = node_fit(load_classroom())
    >>> fit.by_memory, fit.by_cpu, fit.by_pods, fit.limit  # a tie names the first: memory
    (43, 1286, 43, 'memory')
    """
    vm, r = c.user_pool, c.reservations
    total_mib = vm.memory_gib * 1024
    reserved = min(r["memory_per_pod_mib"] * vm.max_pods + r["memory_base_mib"], r["memory_fraction_cap"] * total_mib)
    memory = math.floor(total_mib - reserved - r["eviction_mib"])
    cpu_m = vm.vcpus * 1000 - _kube_reserved_cpu(c, vm.vcpus)
    pod = pod_resources(c)
    return NodeFit(
        allocatable_memory_mib=memory,
        allocatable_cpu_millicores=cpu_m,
        by_memory=memory // pod.memory_guarantee_mib,
        by_cpu=cpu_m // round(pod.cpu_guarantee * 1000),
        by_pods=vm.max_pods - vm.daemon_pods,
    )


def room(c: Classroom, learners: int) -> Room:
    """The user pool for ``learners``: placeholders (rounded up), then nodes for both (rounded up).

    >>> room(load_classroom(), 30).placeholders
    3
    """
    if isinstance(learners, bool) or not isinstance(learners, int) or learners < 1:
        raise SpecError(f"learners must be a whole number of at least 1 (got {quote(learners)})")
    placeholders = math.ceil(round(learners * c.placeholder_fraction, 6))
    return Room(learners, placeholders, math.ceil((learners + placeholders) / node_fit(c).learners))


def _pools(c: Classroom, learners: int) -> tuple[NodePool, ...]:
    def one(vm: VmPool, nodes: int, mode: str) -> NodePool:
        return pool(
            vm.name,
            nodes,
            max_pods=vm.max_pods,
            max_surge=vm.max_surge,
            mode=mode,
            vm_size=vm.vm_size,
            labels=vm.labels,
        )

    return one(c.system_pool, c.system_pool.nodes, "system"), one(c.user_pool, room(c, learners).user_nodes, "user")


def room_spec(c: Classroom, learners: int, model: str | NetworkModel = NetworkModel.OVERLAY) -> ClusterSpec:
    """The room's cluster: the system pool, the user pool, and the smallest node subnet at the start of the VNet.

    Each pool carries its VM size and node labels from classroom.toml, so the export sets them.

    >>> spec = room_spec(load_classroom(), 100, "azure-cni")
    >>> [p.name for p in spec.pools], spec.node_subnet.network_address
    (['system', 'user'], IPv4Address('10.224.0.0'))
    >>> spec.pools[1].vm_size, spec.pools[1].labels
    ('Standard_D4s_v5', (('hub.jupyter.org/node-purpose', 'user'),))
    """
    draft = cluster(model, _pools(c, learners), vnet=c.vnet)
    prefix = plan(draft).node_subnet.smallest_prefix
    if prefix is None:
        raise SpecError(f"a room of {learners:,} learners needs more node-subnet addresses than any subnet holds")
    return cluster(model, draft.pools, vnet=c.vnet, node_subnet=IPv4Network((c.vnet.network_address, prefix)))


def room_table(c: Classroom) -> Table:
    """One row per room: learners, placeholders, user nodes, and each model's node-subnet addresses and prefix."""
    header = ["learners", "placeholders", "user nodes", "system nodes"]
    for m in MODELS:
        header += [f"{traits(m).label}: node-subnet IPs", f"{traits(m).label}: subnet"]
    rows = []
    for learners in c.rooms:
        r = room(c, learners)
        row = [str(learners), str(r.placeholders), str(r.user_nodes), str(c.system_pool.nodes)]
        for m in MODELS:
            p: Plan = plan(room_spec(c, learners, m))
            row += [f"{p.node_subnet.ips_required:,}", f"/{p.node_subnet.smallest_prefix}"]
        rows.append(row)
    fit = node_fit(c)
    caption = (
        f"{c.user_pool.vm_size} user nodes ({c.user_pool.vcpus} vCPU, {c.user_pool.memory_gib} GiB, max pods "
        f"{c.user_pool.max_pods}) hold {fit.learners} learners each (the first limit reached: {fit.limit}); "
        f"surge {c.user_pool.max_surge} on the user pool, {c.system_pool.max_surge} on the system pool"
    )
    return Table(header, rows, caption=caption)


def capacity_table(c: Classroom) -> Table:
    """Learners per core and per GiB from the measurement, and what this machine and one user node hold."""
    pod, fit = pod_resources(c), node_fit(c)
    per_core, per_gib = math.floor(1 / c.cpu), math.floor(1024 / c.memory_mib)
    machine = min(c.machine_cores * per_core, c.machine_memory_gib * per_gib)
    mark = " (provisional)" if c.provisional else ""
    return Table(
        ("figure", "value"),
        [
            ("one learner, measured", f"{c.memory_mib:g} MiB, {c.cpu:.4f} CPU averaged over a session{mark}"),
            ("learners per core / per GiB", f"{per_core} / {per_gib}"),
            (
                f"JupyterHub on this machine ({c.machine_cores} cores, {c.machine_memory_gib} GiB)",
                f"{machine} learners",
            ),
            (
                "each learner's pod on AKS (guarantee / limit)",
                f"{pod.memory_guarantee_mib} / {pod.memory_limit_mib} "
                f"MiB, {pod.cpu_guarantee:g} / {pod.cpu_limit:g} CPU",
            ),
            (f"one {c.user_pool.vm_size} user node", f"{fit.learners} learners"),
        ],
    )


def z2jh_values(c: Classroom) -> dict[str, Any]:
    """The Zero to JupyterHub values computed here, as they appear in ``deploy/z2jh/config.yaml``.

    KubeSpawner reads ``M`` as MiB (jupyterhub.traitlets.ByteSpecification: 1024-based suffixes).

    >>> z2jh_values(load_classroom())["singleuser"]["memory"]
    {'guarantee': '347M', 'limit': '694M'}
    """
    pod = pod_resources(c)
    return {
        "singleuser": {
            "memory": {"guarantee": f"{pod.memory_guarantee_mib}M", "limit": f"{pod.memory_limit_mib}M"},
            "cpu": {"guarantee": pod.cpu_guarantee, "limit": pod.cpu_limit},
        },
        "scheduling": {"userPlaceholder": {"replicas": room(c, c.config_room).placeholders}},
    }
