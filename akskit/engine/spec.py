"""What the planner is asked about: the cluster around its node pools.

:class:`ClusterSpec` is frozen and typed; :func:`cluster` builds one from loose
input (strings from the command line, a TOML file or a widget) and raises a clear
:class:`SpecError` or :class:`CidrError` for anything unusable. A pool is
:mod:`akskit.engine.node_pool` (re-exported here); max surge,
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
from ipaddress import IPv4Address, IPv4Network
from itertools import islice

from akskit.engine import facts
from akskit.engine.cidr import parse_address, parse_network
from akskit.engine.errors import SpecError, SpecTypeError, quote
from akskit.engine.model_names import model_and_dataplane, parse_dataplane
from akskit.engine.models import Dataplane, NetworkModel
from akskit.engine.node_pool import NodePool, pool
from akskit.engine.numbers import int_field, whole_number

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from collections.abc import Callable
    from dataclasses import dataclass, field, replace
    from typing import Any
else:  # the same classes without importing dataclasses (akskit.engine.values says why)
    from akskit.engine.values import dataclass, field, replace

__all__ = [
    "MOMENTS",
    "MOST_POOLS",
    "ClusterSpec",
    "NodePool",
    "cluster",
    "pool",
    "require_spec",
]

#: What a plan sizes for: an upgrade (every pool plus its surge, the default) or the cluster's
#: creation, when AKS checks each pool at its autoscaler maximum (or count) without surge
#: (aks_error_types.INSUFFICIENT_SUBNET_SIZE_URL).
MOMENTS = ("upgrade", "create")

#: More pools than this are refused before any is built: AKS allows 100 per cluster
#: (facts.MAX_POOLS_PER_CLUSTER); between the two, the plan reports a finding.
MOST_POOLS = 10 * facts.MAX_POOLS_PER_CLUSTER


_NETWORK_FIELDS = ("node_subnet", "pod_subnet", "pod_cidr", "service_cidr", "vnet")


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """A cluster to plan: its network model, pools and (optionally) its CIDRs.

    CIDRs left as ``None`` are planned for (the smallest prefix that fits) or,
    for the pod CIDR, service CIDR and DNS IP, take AKS's defaults. Fields take
    parsed values (a :class:`~ipaddress.IPv4Network`, a :class:`NodePool`);
    :func:`cluster` builds one from text. ``moment`` is what the plan sizes for:
    ``"upgrade"`` (pools plus surge) or ``"create"`` (pools alone, as AKS checks at creation).
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
    moment: str = "upgrade"

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
        if self.moment not in MOMENTS:
            raise SpecError(f"moment must be create or upgrade (got {quote(self.moment)}); upgrade is the default")

    def is_system(self, index: int) -> bool:
        """Whether pool ``index`` is a system pool: its mode, or by default the first pool."""
        mode = self.pools[index].mode
        return index == 0 if mode is None else mode == "system"

    def extra_nodes(self, p: NodePool, size: int | None = None) -> int:
        """Nodes pool ``p`` (at ``size``, default its planned size) adds at this spec's moment.

        None at create time; during an upgrade its surge, or a second copy for blue-green.
        """
        return self.extra_counter(p)(p.size if size is None else size)

    def extra_counter(self, p: NodePool) -> Callable[[int], int]:
        """:meth:`extra_nodes` of pool ``p`` as one function of its size (the planner's searches call it often)."""
        return _no_extra if self.moment == "create" else p.upgrade_counter()

    @property
    def planned_nodes(self) -> int:
        """All nodes that can exist at once: every pool's size and (when upgrading) surge, plus scale-out."""
        return sum(p.size + self.extra_nodes(p) for p in self.pools) + self.scale_out

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
        known = list(NodePool.__match_args__)
        unknown = [k for k in changes if k not in known]
        if unknown:
            raise SpecTypeError(
                f"with_pool got unknown field(s) {', '.join(map(quote, unknown))}: a pool has {', '.join(known)}"
            )
        pools = list(self.pools)
        current = {k: getattr(pools[index], k) for k in known}
        pools[index] = pool(**{**current, **changes})
        return replace(self, pools=tuple(pools))


def _no_extra(size: int) -> int:
    """No extra nodes: what a pool adds at create time, whatever its size."""
    return 0


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
    moment: str = "upgrade",
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
        moment=_moment(moment),
    )


def _moment(value: object) -> str:
    if not isinstance(value, str) or value.strip().lower() not in MOMENTS:
        raise SpecError(f"moment must be create or upgrade (got {quote(value)}); upgrade is the default")
    return value.strip().lower()


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
