"""One node pool: its size, max pods, OS, mode and how it upgrades.

:class:`NodePool` is frozen and typed; :func:`pool` builds one from loose input
(strings from the command line, a TOML file or a widget) and raises a clear
:class:`SpecError` for anything unusable. How a pool upgrades decides how many
extra nodes (and so addresses) it needs while it does (facts.ROLLING_UPGRADE_URL,
facts.BLUE_GREEN_URL):

- rolling with max surge (the default, 10 %): that many extra nodes;
- rolling with max surge 0 and max unavailable N: none, N nodes are upgraded in place;
- blue-green: a second copy of the pool, so twice its nodes.

>>> pool("user", 10, max_surge="33%").surge_nodes
4
>>> pool("user", 10, max_surge=0, max_unavailable=2).surge_nodes
0
>>> pool("user", 10, upgrade_strategy="bluegreen").surge_nodes
10
"""

from __future__ import annotations

import re

from akskit.engine import facts
from akskit.engine.errors import SpecError, SpecTypeError, quote
from akskit.engine.numbers import int_field, whole_number
from akskit.engine.pool_labels import Labels, check_vm_size, parse_labels
from akskit.engine.surge import DEFAULT_SURGE, Surge, parse_surge

__all__ = ["MODES", "STRATEGIES", "NodePool", "pool", "system_pool_first"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from dataclasses import dataclass
    from typing import Any
else:  # the same classes without importing dataclasses (akskit.engine.values says why)
    from akskit.engine.values import dataclass

_OS_NAMES = ("linux", "windows")
_POOL_NAME = re.compile(r"^[a-z][a-z0-9]*$")  # facts.NODE_POOLS_URL
#: A pool's mode (facts.SYSTEM_POOLS_URL); ``None`` means "the first pool is the system pool".
MODES = ("system", "user")
#: How a pool upgrades: rolling (surge or in place) or blue-green (facts.BLUE_GREEN_URL).
STRATEGIES = ("rolling", "bluegreen")


@dataclass(frozen=True, slots=True)
class NodePool:
    """One node pool.

    Attributes:
        name: the pool's name (lowercase letters and digits, up to 12).
        nodes: the node count today.
        max_count: the autoscaler maximum; the planner plans for it when set.
        max_pods: max pods per node; ``None`` means the model's default.
        max_surge: upgrade surge; ``None`` means the default for new pools (10 %).
        os: ``"linux"`` or ``"windows"``.
        max_unavailable: nodes upgraded in place at once; ``None`` means 0, AKS's default.
        mode: ``"system"`` or ``"user"``; ``None``: the first pool of a cluster is the system pool.
        upgrade_strategy: ``"rolling"`` (the default) or ``"bluegreen"``.
        vm_size: the VM size (``"Standard_D4s_v5"``); ``None``: the exports' placeholder (az: AKS's default).
        labels: Kubernetes node labels as sorted ``(key, value)`` pairs (a mapping given here is sorted into them).

    Neither ``vm_size`` nor ``labels`` changes the IP plan: the exports carry them.
    """

    name: str = "nodepool1"
    nodes: int = 3
    max_count: int | None = None
    max_pods: int | None = None
    max_surge: Surge | None = None
    os: str = "linux"
    max_unavailable: Surge | None = None
    mode: str | None = None
    upgrade_strategy: str = "rolling"
    vm_size: str | None = None
    labels: Labels = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise SpecTypeError(f"node pool name must be text such as 'system' (got {quote(self.name)})")
        who = f"pool {quote(self.name)}"
        if not isinstance(self.os, str) or self.os not in _OS_NAMES:
            raise SpecError(f"{who} os must be linux or windows (got {quote(self.os)})")
        longest = facts.POOL_NAME_MAX_WINDOWS if self.os == "windows" else facts.POOL_NAME_MAX_LINUX
        if not _POOL_NAME.match(self.name) or len(self.name) > longest:
            raise SpecError(
                f"node pool name {quote(self.name)} is not allowed: {self.os} pool names are 1-{longest} "
                f"lowercase letters and digits, starting with a letter (such as 'system' or 'win1')"
            )
        int_field(self.nodes, f"{who} nodes")
        if self.max_count is not None:
            int_field(self.max_count, f"{who} max count")
            if self.max_count < self.nodes:
                raise SpecError(
                    f"{who} max count {self.max_count} is below its node count {self.nodes}: the autoscaler "
                    f"maximum must be at least the node count; use max count {self.nodes} or more"
                )
        if self.max_pods is not None:
            int_field(self.max_pods, f"{who} max pods", low=1)
        for label, value in (("max surge", self.max_surge), ("max unavailable", self.max_unavailable)):
            if value is not None and not isinstance(value, Surge):
                raise SpecTypeError(f"{who} {label} must be a Surge (use parse_surge); got {quote(value)}")
        if self.mode is not None and self.mode not in MODES:
            raise SpecError(f"{who} mode must be system or user (got {quote(self.mode)})")
        if self.upgrade_strategy not in STRATEGIES:
            raise SpecError(f"{who} upgrade strategy must be rolling or bluegreen (got {quote(self.upgrade_strategy)})")
        if self.vm_size is not None:
            vm_size = check_vm_size(self.vm_size, f"{who} vm_size")
            if vm_size != self.vm_size:
                object.__setattr__(self, "vm_size", vm_size)
        if self.labels:
            labels = parse_labels(self.labels, f"{who} labels")
            if labels != self.labels:
                object.__setattr__(self, "labels", labels)
        elif not isinstance(self.labels, tuple):
            object.__setattr__(self, "labels", ())

    @property
    def label_map(self) -> dict[str, str]:
        """The labels as a ``{key: value}`` dict (a new one each time)."""
        return dict(self.labels)

    @property
    def size(self) -> int:
        """The node count to plan for: the autoscaler maximum if set, else the node count."""
        return self.nodes if self.max_count is None else self.max_count

    @property
    def surge(self) -> Surge:
        """The max surge in force (the default when not set)."""
        return DEFAULT_SURGE if self.max_surge is None else self.max_surge

    def upgrade_nodes(self, size: int) -> int:
        """Extra nodes an upgrade adds to this pool at ``size`` nodes: a blue-green copy, or the surge."""
        return self.upgrade_counter()(size)

    def upgrade_counter(self) -> Callable[[int], int]:
        """:meth:`upgrade_nodes` as one function of the size (the planner's searches call it often)."""
        return _same_size if self.upgrade_strategy == "bluegreen" else self.surge.nodes

    @property
    def surge_nodes(self) -> int:
        """Extra nodes during an upgrade, at the planned size."""
        return self.upgrade_nodes(self.size)

    @property
    def planned_nodes(self) -> int:
        """Nodes that can exist at once during an upgrade: planned size plus upgrade surge."""
        return self.size + self.surge_nodes


def _same_size(size: int) -> int:
    """A blue-green upgrade's extra nodes: a second copy of the pool."""
    return size


def _choice(value: object, choices: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str):
        raise SpecTypeError(f"{what} must be one of {', '.join(choices)} (got {quote(value)})")
    text = value.strip().lower().replace("-", "")
    if text not in choices:
        raise SpecError(f"{what} must be one of {', '.join(choices)} (got {quote(value)})")
    return text


def pool(
    name: str = "nodepool1",
    nodes: int | str = 3,
    *,
    max_count: int | str | None = None,
    max_pods: int | str | None = None,
    max_surge: int | str | Surge | None = None,
    os: str = "linux",
    max_unavailable: int | str | Surge | None = None,
    mode: str | None = None,
    upgrade_strategy: str = "rolling",
    vm_size: str | None = None,
    labels: Mapping[str, str] | str | Labels | None = None,
) -> NodePool:
    """Build a :class:`NodePool` from loose input.

    >>> pool("user", "10", max_count="20", max_surge="33%").planned_nodes
    27
    >>> pool("user", 4, mode="User", upgrade_strategy="BlueGreen").upgrade_strategy
    'bluegreen'
    >>> pool("user", 3, vm_size="Standard_D4s_v5", labels="hub.jupyter.org/node-purpose=user").labels
    (('hub.jupyter.org/node-purpose', 'user'),)
    """
    if not isinstance(name, str):
        raise SpecTypeError(f"node pool name must be text such as 'system' (got {quote(name)})")
    if not isinstance(os, str):
        raise SpecTypeError(f"pool {quote(name)} os must be linux or windows (got {quote(os)})")
    name = name.strip()
    who = f"pool {quote(name)}"
    return NodePool(
        name=name,
        nodes=whole_number(nodes, f"{who} nodes"),
        max_count=None if max_count is None else whole_number(max_count, f"{who} max count"),
        max_pods=None if max_pods is None else whole_number(max_pods, f"{who} max pods", low=1),
        max_surge=None if max_surge is None else parse_surge(max_surge),
        os=os.strip().lower(),
        max_unavailable=None if max_unavailable is None else parse_surge(max_unavailable, "max unavailable"),
        mode=None if mode is None else _choice(mode, MODES, f"{who} mode"),
        upgrade_strategy=_choice(upgrade_strategy, STRATEGIES, f"{who} upgrade strategy"),
        vm_size=None if vm_size is None else check_vm_size(vm_size, f"{who} vm_size"),
        labels=parse_labels(labels, f"{who} labels"),
    )


def system_pool_first(pools: Sequence[Any], is_system: Callable[[Any], bool]) -> list[Any]:
    """``pools`` with the first system pool moved to the front and the rest in order.

    ``az aks create`` makes its one pool the system pool and Terraform's ``default_node_pool``
    is one, so every document akskit reads or writes leads with it (the first pool, if none is).

    >>> system_pool_first(["a", "B", "c", "D"], str.isupper)
    ['B', 'a', 'c', 'D']
    """
    first = next((i for i, p in enumerate(pools) if is_system(p)), 0)
    return [*pools[first : first + 1], *pools[:first], *pools[first + 1 :]]
