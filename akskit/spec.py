"""What the planner is asked about: node pools and the cluster around them.

:class:`NodePool` and :class:`ClusterSpec` are frozen and typed;
:func:`pool` and :func:`cluster` build them from loose input (strings from the
command line, a TOML file or a widget) and raise a clear :class:`SpecError`
or :class:`CidrError` for anything unusable.

>>> spec = cluster("azure-cni", [pool("system", nodes=50, max_pods=30, max_surge=1)],
...                node_subnet="10.224.0.0/16", vnet="10.224.0.0/12")
>>> spec.pools[0].planned_nodes
51
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from ipaddress import IPv4Address, IPv4Network
from typing import Any

from akskit import facts
from akskit.cidr import parse_address, parse_network
from akskit.errors import SpecError
from akskit.models import Dataplane, NetworkModel, model_and_dataplane, parse_dataplane

__all__ = ["ClusterSpec", "NodePool", "Surge", "cluster", "parse_surge", "pool", "spec_from_mapping"]

_OS_NAMES = ("linux", "windows")
_POOL_NAME = re.compile(r"^[a-z][a-z0-9]*$")  # facts.NODE_POOLS_URL


@dataclass(frozen=True, slots=True)
class Surge:
    """Max surge of a node pool: a node count, or a percentage rounded up.

    >>> parse_surge("33%").nodes(10), parse_surge(1).nodes(10), parse_surge("10%").nodes(8)
    (4, 1, 1)
    """

    value: int
    percent: bool

    def nodes(self, pool_size: int) -> int:
        """Extra nodes an upgrade adds to a pool of ``pool_size``, capped at the pool size."""
        extra = -(-pool_size * self.value // 100) if self.percent else self.value
        return min(extra, pool_size)

    def __str__(self) -> str:
        return f"{self.value}%" if self.percent else str(self.value)


DEFAULT_SURGE = Surge(facts.DEFAULT_MAX_SURGE_PERCENT, percent=True)
LEGACY_SURGE = Surge(facts.LEGACY_MAX_SURGE_NODES, percent=False)


def parse_surge(value: str | int | Surge) -> Surge:
    """Read max surge: ``1``, ``"3"``, ``"33%"`` or ``"legacy"`` (one node).

    >>> parse_surge("legacy")
    Surge(value=1, percent=False)
    """
    if isinstance(value, Surge):
        return value
    if isinstance(value, bool):
        raise SpecError(f"max surge must be a node count or a percentage such as 33% (got {value!r})")
    text = str(value) if isinstance(value, int) else str(value).strip().lower()
    if text == "legacy":
        return LEGACY_SURGE
    match = re.fullmatch(r"(\d+)\s*(%?)", text)
    if not match:
        raise SpecError(f"max surge must be a whole node count or a whole percentage such as 1 or 33% (got {value!r})")
    number, percent = int(match.group(1)), bool(match.group(2))
    if percent and number > 100:
        raise SpecError(
            f"max surge percentage must be 0% to 100% (got {value!r}); 33% is Microsoft's production advice"
        )
    return Surge(number, percent)


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
        if self.os not in _OS_NAMES:
            raise SpecError(f"pool {self.name!r} os must be linux or windows (got {self.os!r})")
        longest = facts.POOL_NAME_MAX_WINDOWS if self.os == "windows" else facts.POOL_NAME_MAX_LINUX
        if not _POOL_NAME.match(self.name) or len(self.name) > longest:
            raise SpecError(
                f"node pool name {self.name!r} is not allowed: {self.os} pool names are 1-{longest} "
                f"lowercase letters and digits, starting with a letter (such as 'system' or 'win1')"
            )
        _check_count(f"pool {self.name!r} nodes", self.nodes)
        if self.max_count is not None:
            _check_count(f"pool {self.name!r} max count", self.max_count)
            if self.max_count < self.nodes:
                raise SpecError(
                    f"pool {self.name!r} max count {self.max_count} is below its node count "
                    f"{self.nodes}: the autoscaler maximum must be at least the node count; "
                    f"use max count {self.nodes} or more"
                )
        if self.max_pods is not None:
            _check_count(f"pool {self.name!r} max pods", self.max_pods, lowest=1)
        if self.max_surge is not None and not isinstance(self.max_surge, Surge):
            raise SpecError(f"pool {self.name!r} max surge must be a Surge (use parse_surge); got {self.max_surge!r}")

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


#: Counts beyond this are typing mistakes, not clusters: AKS stops at 5,000 nodes.
_LARGEST_COUNT = 1_000_000


def _check_count(what: str, value: object, lowest: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"{what} must be a whole number (got {value!r})")
    if value < lowest:
        raise SpecError(f"{what} must be {lowest} or more (got {value})")
    if value > _LARGEST_COUNT:
        raise SpecError(
            f"{what} {value:,} is beyond anything AKS runs (at most {facts.MAX_NODES_PER_CLUSTER:,} nodes "
            f"per cluster, {facts.MAX_PODS_HIGHEST} pods per node); check the number"
        )


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """A cluster to plan: its network model, pools and (optionally) its CIDRs.

    CIDRs left as ``None`` are planned for (the smallest prefix that fits) or,
    for the pod CIDR, service CIDR and DNS IP, take AKS's defaults.
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
        if not isinstance(self.model, NetworkModel):
            raise SpecError(f"model must be a NetworkModel (use parse_model); got {self.model!r}")
        if not self.pools:
            raise SpecError("a cluster needs at least one node pool (got none); add a system pool")
        names = [p.name for p in self.pools]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise SpecError(f"node pool names must be unique (got {', '.join(map(repr, duplicates))} twice)")
        _check_count("scale-out nodes", self.scale_out)
        _check_count("extra node-subnet IPs", self.extra_ips)

    @property
    def planned_nodes(self) -> int:
        """All nodes that can exist at once: every pool's size and surge, plus scale-out."""
        return sum(p.planned_nodes for p in self.pools) + self.scale_out

    def with_pool(self, index: int, **changes: Any) -> ClusterSpec:
        """A copy with pool ``index`` changed (``nodes=``, ``max_count=``, ...)."""
        pools = list(self.pools)
        pools[index] = replace(pools[index], **changes)
        return replace(self, pools=tuple(pools))


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
    return NodePool(
        name=str(name).strip(),
        nodes=_as_int(f"pool {name!r} nodes", nodes),
        max_count=None if max_count is None else _as_int(f"pool {name!r} max count", max_count),
        max_pods=None if max_pods is None else _as_int(f"pool {name!r} max pods", max_pods),
        max_surge=None if max_surge is None else parse_surge(max_surge),
        os=str(os).strip().lower(),
    )


def _as_int(what: str, value: object) -> int:
    if isinstance(value, bool):
        raise SpecError(f"{what} must be a whole number (got {value!r})")
    if isinstance(value, int):
        return value
    text = str(value).strip().replace(",", "").replace("_", "")
    if re.fullmatch(r"[+-]?\d{1,12}", text):
        return int(text)
    shown = text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"
    raise SpecError(f"{what} must be a whole number of at most 12 digits (got {shown!r})")


def cluster(
    model: str | NetworkModel = NetworkModel.OVERLAY,
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
    peers: Iterable[str | IPv4Network] = (),
) -> ClusterSpec:
    """Build a :class:`ClusterSpec`, parsing the model and every CIDR strictly.

    ``model`` also takes az CLI flags; a ``--network-dataplane`` in them sets
    the data plane unless ``dataplane`` is given.

    >>> cluster("--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium").dataplane
    <Dataplane.CILIUM: 'cilium'>
    """
    if isinstance(model, NetworkModel):
        parsed_model, flag_dataplane = model, None
    else:
        parsed_model, flag_dataplane = model_and_dataplane(model)
    if isinstance(peers, str):
        peers = [p for p in re.split(r"[,\s]+", peers) if p]
    return ClusterSpec(
        model=parsed_model,
        pools=tuple(pools) if pools is not None else (NodePool("system"),),
        dataplane=parse_dataplane(dataplane if dataplane is not None else flag_dataplane),
        scale_out=_as_int("scale-out nodes", scale_out),
        extra_ips=_as_int("extra node-subnet IPs", extra_ips),
        node_subnet=_net(node_subnet, "node subnet"),
        pod_subnet=_net(pod_subnet, "pod subnet"),
        pod_cidr=_net(pod_cidr, "pod CIDR"),
        service_cidr=_net(service_cidr, "service CIDR"),
        dns_service_ip=None if _blank(dns_service_ip) else parse_address(dns_service_ip, "DNS service IP"),  # type: ignore[arg-type]
        vnet=_net(vnet, "VNet address space"),
        peers=tuple(dict.fromkeys(parse_network(p, "peered range") for p in peers)),
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _net(value: str | IPv4Network | None, what: str) -> IPv4Network | None:
    return None if _blank(value) else parse_network(value, what)  # type: ignore[arg-type]


def spec_from_mapping(data: Mapping[str, Any]) -> ClusterSpec:
    """Build a spec from a parsed TOML or JSON document (see the README for keys).

    >>> spec_from_mapping({"plugin": "kubenet", "pools": [{"name": "system", "nodes": 3}]}).model
    <NetworkModel.KUBENET: 'kubenet'>
    """
    known = {
        "plugin",
        "model",
        "dataplane",
        "scale_out",
        "extra_ips",
        "node_subnet",
        "subnet",
        "pod_subnet",
        "pod_cidr",
        "service_cidr",
        "dns_service_ip",
        "vnet",
        "peers",
        "pools",
    }
    data = {k.replace("-", "_"): v for k, v in data.items() if v is not None}  # null = not given
    unknown = sorted(set(data) - known)
    if unknown:
        raise SpecError(f"spec has unknown keys {', '.join(unknown)}: known keys are {', '.join(sorted(known))}")
    raw_pools = data.get("pools") or [{"name": "system"}]
    if not isinstance(raw_pools, list) or not all(isinstance(p, Mapping) for p in raw_pools):
        raise SpecError(f"spec 'pools' must be a list of tables (got {raw_pools!r})")
    pool_keys = {"name", "nodes", "max_count", "max_pods", "max_surge", "os"}
    pools = []
    for raw in raw_pools:
        raw = {k.replace("-", "_"): v for k, v in raw.items() if v is not None}
        bad = sorted(set(raw) - pool_keys)
        if bad:
            raise SpecError(f"pool has unknown keys {', '.join(bad)}: known keys are {', '.join(sorted(pool_keys))}")
        pools.append(pool(**raw))
    peers = data.get("peers", ())
    if not isinstance(peers, (str, list, tuple)) or not all(isinstance(p, str) for p in peers):
        raise SpecError(f"spec 'peers' must be a list of CIDRs such as [\"192.168.0.0/16\"] (got {peers!r})")
    return cluster(
        data.get("plugin", data.get("model", NetworkModel.OVERLAY)),
        pools,
        dataplane=data.get("dataplane"),
        scale_out=data.get("scale_out", 0),
        extra_ips=data.get("extra_ips", 0),
        node_subnet=data.get("node_subnet", data.get("subnet")),
        pod_subnet=data.get("pod_subnet"),
        pod_cidr=data.get("pod_cidr"),
        service_cidr=data.get("service_cidr"),
        dns_service_ip=data.get("dns_service_ip"),
        vnet=data.get("vnet"),
        peers=peers,
    )
