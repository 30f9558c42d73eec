"""A cluster spec from a parsed TOML or JSON document (the CLI's ``--spec`` format).

Keys take ``-`` or ``_``; ``model`` is another spelling of ``plugin`` and
``subnet`` of ``node_subnet``; an unknown key, or one setting given twice, is
refused by name.
"""

from __future__ import annotations

from collections.abc import Mapping

from akskit.engine import facts
from akskit.engine.errors import SpecError, SpecTypeError, quote
from akskit.engine.spec import MOST_POOLS, ClusterSpec, cluster, pool

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from typing import Any

__all__ = ["SPEC_KEYS", "canonical_key", "spec_from_mapping"]


#: Keys a spec file may use, and the second spelling some of them have.
SPEC_KEYS = (
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
    "moment",
)
_SPELLINGS = {"model": "plugin", "subnet": "node_subnet"}


def canonical_key(key: object) -> str:
    """The one spelling of a spec key: ``-`` read as ``_``, and ``model``/``subnet`` as ``plugin``/``node_subnet``.

    >>> canonical_key("node-subnet"), canonical_key("model")
    ('node_subnet', 'plugin')
    """
    name = str(key).replace("-", "_")
    return _SPELLINGS.get(name, name)


_POOL_KEYS = (
    "name",
    "nodes",
    "max_count",
    "max_pods",
    "max_surge",
    "os",
    "max_unavailable",
    "mode",
    "upgrade_strategy",
    "vm_size",
    "labels",
)


def _keys(data: object, what: str, known: tuple[str, ...]) -> dict[str, Any]:
    """``data``'s entries under one spelling each (``-`` as ``_``, aliases merged), refusing clashes and unknowns."""
    if not isinstance(data, Mapping):
        raise SpecTypeError(f"{what} must be a mapping of keys (a TOML table, a JSON object), got {quote(data)}")
    out: dict[str, Any] = {}
    given: dict[str, str] = {}
    unknown = []
    for key, value in data.items():
        if not isinstance(key, str):
            raise SpecTypeError(f"{what} keys must be text (got {quote(key)})")
        name = key.replace("-", "_")
        if name not in known:
            unknown.append(key)
            continue
        canonical = _SPELLINGS.get(name, name)
        if canonical in given:
            raise SpecError(
                f"{what} gives {quote(given[canonical])} and {quote(key)}: they are the same setting; keep one"
            )
        given[canonical] = key
        if value is not None:  # null = not given
            out[canonical] = value
    if unknown:
        shown = ", ".join(quote(k) for k in unknown[:5]) + (
            f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        )
        raise SpecError(f"{what} has unknown keys {shown}: known keys are {', '.join(known)}")
    return out


def spec_from_mapping(data: Mapping[str, Any]) -> ClusterSpec:
    """Build a spec from a parsed TOML or JSON document (see the README for keys).

    >>> spec_from_mapping({"plugin": "kubenet", "pools": [{"name": "system", "nodes": 3}]}).model
    <NetworkModel.KUBENET: 'kubenet'>
    """
    values = _keys(data, "spec", SPEC_KEYS)
    raw_pools = values.get("pools", [{"name": "system"}])
    if not isinstance(raw_pools, (list, tuple)) or not raw_pools:
        raise SpecError(
            f"spec 'pools' must be a non-empty list of tables such as [{{name = \"system\", nodes = 3}}] "
            f"(got {quote(raw_pools)}); leave the key out for one default pool"
        )
    if len(raw_pools) > MOST_POOLS:
        raise SpecError(
            f"spec 'pools' lists {len(raw_pools):,} node pools: more than {MOST_POOLS:,} is refused; "
            f"AKS allows at most {facts.MAX_POOLS_PER_CLUSTER} per cluster ({facts.QUOTAS_URL})"
        )
    pools = []
    for i, raw in enumerate(raw_pools):
        if not isinstance(raw, Mapping):
            raise SpecError(f"spec 'pools' must be a list of tables (got {quote(raw)} at position {i})")
        pools.append(pool(**_keys(raw, f"spec pool {i}", _POOL_KEYS)))
    return cluster(
        values.get("plugin"),
        pools,
        dataplane=values.get("dataplane"),
        scale_out=values.get("scale_out", 0),
        extra_ips=values.get("extra_ips", 0),
        node_subnet=values.get("node_subnet"),
        pod_subnet=values.get("pod_subnet"),
        pod_cidr=values.get("pod_cidr"),
        service_cidr=values.get("service_cidr"),
        dns_service_ip=values.get("dns_service_ip"),
        vnet=values.get("vnet"),
        peers=values.get("peers", ()),
        moment=values.get("moment", "upgrade"),
    )
