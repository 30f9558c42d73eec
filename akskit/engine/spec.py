"""What the planner is asked about: node pools and the cluster around them.

:class:`NodePool` and :class:`ClusterSpec` are frozen and typed;
:func:`pool` and :func:`cluster` build them from loose input (strings from the
command line, a TOML file or a widget) and raise a clear :class:`SpecError`
or :class:`CidrError` for anything unusable. Max surge is
:mod:`akskit.engine.surge`; a spec from a TOML or JSON document,
:mod:`akskit.engine.spec_mapping`.

>>> spec = cluster("azure-cni", [pool("system", nodes=50, max_pods=30, max_surge=1)],
...                node_subnet="10.224.0.0/16", vnet="10.224.0.0/12")
>>> spec.pools[0].planned_nodes
51
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from ipaddress import IPv4Address, IPv4Network
from itertools import islice
from typing import Any

from akskit.engine import facts
from akskit.engine.cidr import parse_address, parse_network
from akskit.engine.errors import SpecError, SpecTypeError, quote
from akskit.engine.model_names import model_and_dataplane, parse_dataplane
from akskit.engine.models import Dataplane, NetworkModel
from akskit.engine.numbers import int_field, whole_number
from akskit.engine.surge import DEFAULT_SURGE, Surge, parse_surge

__all__ = [
    "MOST_POOLS",
    "ClusterSpec",
    "NodePool",
    "cluster",
    "pool",
    "require_spec",
]

_OS_NAMES = ("linux", "windows")
_POOL_NAME = re.compile(r"^[a-z][a-z0-9]*$")  # facts.NODE_POOLS_URL

#: More pools than this are refused before any is built: AKS allows 100 per cluster
#: (facts.MAX_POOLS_PER_CLUSTER); between the two, the plan reports a finding.
MOST_POOLS = 10 * facts.MAX_POOLS_PER_CLUSTER


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
    """

    name: str = "nodepool1"
    nodes: int = 3
    max_count: int | None = None
    max_pods: int | None = None
    max_surge: Surge | None = None
    os: str = "linux"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise SpecTypeError(f"node pool name must be text such as 'system' (got {quote(self.name)})")
        if not isinstance(self.os, str) or self.os not in _OS_NAMES:
            raise SpecError(f"pool {quote(self.name)} os must be linux or windows (got {quote(self.os)})")
        longest = facts.POOL_NAME_MAX_WINDOWS if self.os == "windows" else facts.POOL_NAME_MAX_LINUX
        if not _POOL_NAME.match(self.name) or len(self.name) > longest:
            raise SpecError(
                f"node pool name {quote(self.name)} is not allowed: {self.os} pool names are 1-{longest} "
                f"lowercase letters and digits, starting with a letter (such as 'system' or 'win1')"
            )
        int_field(self.nodes, f"pool {quote(self.name)} nodes")
        if self.max_count is not None:
            int_field(self.max_count, f"pool {quote(self.name)} max count")
            if self.max_count < self.nodes:
                raise SpecError(
                    f"pool {quote(self.name)} max count {self.max_count} is below its node count "
                    f"{self.nodes}: the autoscaler maximum must be at least the node count; "
                    f"use max count {self.nodes} or more"
                )
        if self.max_pods is not None:
            int_field(self.max_pods, f"pool {quote(self.name)} max pods", low=1)
        if self.max_surge is not None and not isinstance(self.max_surge, Surge):
            raise SpecTypeError(
                f"pool {quote(self.name)} max surge must be a Surge (use parse_surge); got {quote(self.max_surge)}"
            )

    @property
    def size(self) -> int:
        """The node count to plan for: the autoscaler maximum if set, else the node count."""
        return self.nodes if self.max_count is None else self.max_count

    @property
    def surge(self) -> Surge:
        """The max surge in force (the default when not set)."""
        return DEFAULT_SURGE if self.max_surge is None else self.max_surge

    @property
    def surge_nodes(self) -> int:
        """Extra nodes during an upgrade, at the planned size."""
        return self.surge.nodes(self.size)

    @property
    def planned_nodes(self) -> int:
        """Nodes that can exist at once: planned size plus upgrade surge."""
        return self.size + self.surge_nodes


_NETWORK_FIELDS = ("node_subnet", "pod_subnet", "pod_cidr", "service_cidr", "vnet")


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """A cluster to plan: its network model, pools and (optionally) its CIDRs.

    CIDRs left as ``None`` are planned for (the smallest prefix that fits) or,
    for the pod CIDR, service CIDR and DNS IP, take AKS's defaults. Fields take
    parsed values (a :class:`~ipaddress.IPv4Network`, a :class:`NodePool`);
    :func:`cluster` builds one from text.
    """

    model: NetworkModel = NetworkModel.OVERLAY
    pools: tuple[NodePool, ...] = (NodePool("system"),)
    dataplane: Dataplane = Dataplane.AZURE
    scale_out: int = 0
    extra_ips: int = 0
    node_subnet: IPv4Network | None = None
    pod_subnet: IPv4Network | None = None
    pod_cidr: IPv4Network | None = None
    service_cidr: IPv4Network | None = None
    dns_service_ip: IPv4Address | None = None
    vnet: IPv4Network | None = None
    peers: tuple[IPv4Network, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        hint = "; akskit.cluster(...) builds a spec from text"
        if not isinstance(self.model, NetworkModel):
            raise SpecTypeError(f"ClusterSpec model must be a NetworkModel (got {quote(self.model)}){hint}")
        if not isinstance(self.dataplane, Dataplane):
            raise SpecTypeError(f"ClusterSpec dataplane must be a Dataplane (got {quote(self.dataplane)}){hint}")
        object.__setattr__(self, "pools", _pool_tuple(self.pools, "ClusterSpec pools"))
        if not self.pools:
            raise SpecError("a cluster needs at least one node pool (got none); add a system pool")
        duplicates = sorted(name for name, n in Counter(p.name for p in self.pools).items() if n > 1)
        if duplicates:
            raise SpecError(f"node pool names must be unique (got {', '.join(map(quote, duplicates))} twice)")
        int_field(self.scale_out, "scale-out nodes")
        int_field(self.extra_ips, "extra node-subnet IPs")
        for name in _NETWORK_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, IPv4Network):
                raise SpecTypeError(
                    f"ClusterSpec {name} must be an IPv4Network or None (got {quote(value)}, "
                    f"a {type(value).__name__}){hint}"
                )
        if self.dns_service_ip is not None and not isinstance(self.dns_service_ip, IPv4Address):
            raise SpecTypeError(
                f"ClusterSpec dns_service_ip must be an IPv4Address or None (got {quote(self.dns_service_ip)}){hint}"
            )
        if isinstance(self.peers, (str, bytes)) or not isinstance(self.peers, (tuple, list)):
            raise SpecTypeError(f"ClusterSpec peers must be a tuple of IPv4Network (got {quote(self.peers)}){hint}")
        object.__setattr__(self, "peers", tuple(self.peers))
        bad = next((p for p in self.peers if not isinstance(p, IPv4Network)), None)
        if bad is not None:
            raise SpecTypeError(f"ClusterSpec peers must hold IPv4Network values (got {quote(bad)}){hint}")

    @property
    def planned_nodes(self) -> int:
        """All nodes that can exist at once: every pool's size and surge, plus scale-out."""
        return sum(p.planned_nodes for p in self.pools) + self.scale_out

    def with_pool(self, index: int, **changes: Any) -> ClusterSpec:
        """A copy with pool ``index`` changed (``nodes=``, ``max_count=``, ...; text is parsed as by :func:`pool`).

        >>> cluster().with_pool(0, nodes="7").pools[0].nodes
        7
        """
        if isinstance(index, bool) or not isinstance(index, int):
            raise SpecTypeError(f"with_pool index must be an int (got {quote(index)})")
        if not -len(self.pools) <= index < len(self.pools):
            raise SpecError(
                f"with_pool index {index} is out of range: this spec has {len(self.pools)} pool(s), "
                f"index 0 to {len(self.pools) - 1}"
            )
        known = [f.name for f in fields(NodePool)]
        unknown = [k for k in changes if k not in known]
        if unknown:
            raise SpecTypeError(
                f"with_pool got unknown field(s) {', '.join(map(quote, unknown))}: a pool has {', '.join(known)}"
            )
        pools = list(self.pools)
        current = {k: getattr(pools[index], k) for k in known}
        pools[index] = pool(**{**current, **changes})
        return replace(self, pools=tuple(pools))


def require_spec(value: object, what: str = "spec") -> ClusterSpec:
    """``value`` if it is a :class:`ClusterSpec`, else a :class:`SpecTypeError` naming ``what``.

    >>> require_spec(None, "plan's spec")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    akskit.engine.errors.SpecTypeError: plan's spec must be a ClusterSpec from akskit.cluster(...) (got None)...
    """
    if not isinstance(value, ClusterSpec):
        hint = "; a mapping of keys goes through akskit.spec_from_mapping(...)" if isinstance(value, Mapping) else ""
        raise SpecTypeError(f"{what} must be a ClusterSpec from akskit.cluster(...) (got {quote(value)}){hint}")
    return value


def _pool_tuple(pools: object, what: str) -> tuple[NodePool, ...]:
    """Pools as a tuple, refusing non-pools (naming the index) and more than :data:`MOST_POOLS` early."""
    if isinstance(pools, (str, bytes, Mapping)) or not isinstance(pools, Iterable):
        raise SpecTypeError(f"{what} must be a list of NodePool from akskit.pool(...) (got {quote(pools)})")
    items = tuple(islice(pools, MOST_POOLS + 1))
    if len(items) > MOST_POOLS:
        raise SpecError(
            f"{what}: more than {MOST_POOLS:,} node pools given; AKS allows at most "
            f"{facts.MAX_POOLS_PER_CLUSTER} per cluster ({facts.QUOTAS_URL})"
        )
    for i, p in enumerate(items):
        if not isinstance(p, NodePool):
            raise SpecTypeError(
                f"{what}[{i}] must be a NodePool from akskit.pool(...) (got {quote(p)}, a {type(p).__name__})"
            )
    return items


def pool(
    name: str = "nodepool1",
    nodes: int | str = 3,
    *,
    max_count: int | str | None = None,
    max_pods: int | str | None = None,
    max_surge: int | str | Surge | None = None,
    os: str = "linux",
) -> NodePool:
    """Build a :class:`NodePool` from loose input.

    >>> pool("user", "10", max_count="20", max_surge="33%").planned_nodes
    27
    """
    if not isinstance(name, str):
        raise SpecTypeError(f"node pool name must be text such as 'system' (got {quote(name)})")
    if not isinstance(os, str):
        raise SpecTypeError(f"pool {quote(name)} os must be linux or windows (got {quote(os)})")
    name = name.strip()
    return NodePool(
        name=name,
        nodes=whole_number(nodes, f"pool {quote(name)} nodes"),
        max_count=None if max_count is None else whole_number(max_count, f"pool {quote(name)} max count"),
        max_pods=None if max_pods is None else whole_number(max_pods, f"pool {quote(name)} max pods", low=1),
        max_surge=None if max_surge is None else parse_surge(max_surge),
        os=os.strip().lower(),
    )


def cluster(
    model: str | NetworkModel | None = NetworkModel.OVERLAY,
    pools: Iterable[NodePool] | None = None,
    *,
    dataplane: str | Dataplane | None = None,
    scale_out: int | str = 0,
    extra_ips: int | str = 0,
    node_subnet: str | IPv4Network | None = None,
    pod_subnet: str | IPv4Network | None = None,
    pod_cidr: str | IPv4Network | None = None,
    service_cidr: str | IPv4Network | None = None,
    dns_service_ip: str | IPv4Address | None = None,
    vnet: str | IPv4Network | None = None,
    peers: Iterable[str | IPv4Network] | str | None = (),
) -> ClusterSpec:
    """Build a :class:`ClusterSpec`, parsing the model and every CIDR strictly.

    ``model`` also takes az CLI flags; a ``--network-dataplane`` in them sets
    the data plane unless ``dataplane`` is given. ``None`` (for the model, the
    pools or any range) means "not given": AKS's default, as in a spec file.

    >>> cluster("--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium").dataplane
    <Dataplane.CILIUM: 'cilium'>
    >>> cluster(None).model
    <NetworkModel.OVERLAY: 'overlay'>
    """
    if model is None:
        parsed_model, flag_dataplane = NetworkModel.OVERLAY, None
    elif isinstance(model, NetworkModel):
        parsed_model, flag_dataplane = model, None
    elif isinstance(model, str):
        parsed_model, flag_dataplane = model_and_dataplane(model)
    else:
        raise SpecTypeError(
            f"model must be a NetworkModel or text such as 'overlay' (got {quote(model)}, a {type(model).__name__})"
        )
    if dataplane is not None and not isinstance(dataplane, (str, Dataplane)):
        raise SpecTypeError(f"dataplane must be 'azure' or 'cilium' (got {quote(dataplane)})")
    return ClusterSpec(
        model=parsed_model,
        pools=_pool_tuple(pools, "pools") if pools is not None else (NodePool("system"),),
        dataplane=parse_dataplane(dataplane if dataplane is not None else flag_dataplane),
        scale_out=whole_number(scale_out, "scale-out nodes"),
        extra_ips=whole_number(extra_ips, "extra node-subnet IPs"),
        node_subnet=_net(node_subnet, "node subnet"),
        pod_subnet=_net(pod_subnet, "pod subnet"),
        pod_cidr=_net(pod_cidr, "pod CIDR"),
        service_cidr=_net(service_cidr, "service CIDR"),
        dns_service_ip=_address(dns_service_ip, "DNS service IP"),
        vnet=_net(vnet, "VNet address space"),
        peers=_peers(peers),
    )


def _peers(peers: object) -> tuple[IPv4Network, ...]:
    if peers is None:
        return ()
    if isinstance(peers, str):
        peers = [p for p in re.split(r"[,\s]+", peers) if p]
    if isinstance(peers, (bytes, Mapping)) or not isinstance(peers, Iterable):
        raise SpecTypeError(
            f'peers must be a list of CIDRs such as ["192.168.0.0/16"] (got {quote(peers)}, a {type(peers).__name__})'
        )
    parsed = []
    for p in peers:
        if not isinstance(p, (str, IPv4Network)):
            raise SpecTypeError(f"each peered range must be a CIDR such as '192.168.0.0/16' (got {quote(p)})")
        parsed.append(parse_network(p, "peered range"))
    return tuple(dict.fromkeys(parsed))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _net(value: object, what: str) -> IPv4Network | None:
    if _blank(value):
        return None
    if not isinstance(value, (str, IPv4Network)):
        raise SpecTypeError(
            f"{what} must be a CIDR such as '10.224.0.0/16' (got {quote(value)}, a {type(value).__name__})"
        )
    return parse_network(value, what)


def _address(value: object, what: str) -> IPv4Address | None:
    if _blank(value):
        return None
    if not isinstance(value, (str, IPv4Address)):
        raise SpecTypeError(
            f"{what} must be an address such as '10.0.0.10' (got {quote(value)}, a {type(value).__name__})"
        )
    return parse_address(value, what)
