"""The CIDRs behind an imported cluster's subnet IDs, from ``az network vnet show`` / ``az network vnet subnet show``.

An AKS document names its subnets by resource ID only. ``akskit import --network FILE``
reads the VNet or subnet JSON the az CLI prints (``addressSpace.addressPrefixes``,
``subnets[].id``, ``addressPrefix`` or ``addressPrefixes``) and finds each ID there
(resource IDs compare without regard to case). The VNet's other subnets and address
prefixes become peered ranges, so the overlap checks see them.

>>> vnet = {"id": "/x/vnets/v", "addressSpace": {"addressPrefixes": ["10.224.0.0/12"]},
...         "subnets": [{"id": "/x/vnets/v/subnets/nodes", "addressPrefix": "10.224.0.0/16"},
...                     {"id": "/x/vnets/v/subnets/db", "addressPrefix": "10.225.0.0/24"}]}
>>> found = network_ranges([("vnet.json", vnet)], "/X/vnets/v/subnets/NODES", None)
>>> found.node_subnet, found.vnet, found.peers
('10.224.0.0/16', '10.224.0.0/12', ('10.225.0.0/24',))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from ipaddress import IPv4Network

from akskit.engine.cidr import parse_network
from akskit.engine.cluster_import_fields import field
from akskit.engine.errors import SpecError, quote

__all__ = ["NetworkRanges", "network_ranges"]


@dataclass(frozen=True, slots=True)
class NetworkRanges:
    """What the network files say: the node and pod subnets' CIDRs, the VNet, and every other range."""

    node_subnet: str | None = None
    pod_subnet: str | None = None
    vnet: str | None = None
    peers: tuple[str, ...] = ()


def _prefixes(obj: Mapping[str, object], path: str) -> list[str]:
    """The IPv4 prefixes of a subnet (``addressPrefix`` or ``addressPrefixes``); IPv6 ones are left out."""
    single = field(obj, "addressPrefix")
    many = field(obj, "addressPrefixes")
    values = ([single] if single is not None else []) + (many if isinstance(many, list) else [])
    if many is not None and not isinstance(many, list):
        raise SpecError(f"{path}.addressPrefixes must be a list of CIDRs (got {quote(many)})")
    out = []
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise SpecError(
                f"{path}.addressPrefix(es)[{i}] must be a CIDR such as '10.224.0.0/16' (got {quote(value)})"
            )
        if ":" not in value:  # IPv6: akskit plans the IPv4 side
            out.append(str(parse_network(value.strip(), f"{path} address prefix")))
    return out


def _id(obj: Mapping[str, object], path: str) -> str:
    sid = field(obj, "id")
    if sid is not None and not isinstance(sid, str):
        raise SpecError(f"{path}.id must be the subnet's resource ID (got {quote(sid)})")
    return sid or ""


def _subnets(doc: object, path: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """(subnet ID, prefixes) pairs and VNet address prefixes in one az document."""
    if isinstance(doc, list):  # az network vnet subnet list
        items, items_path, space = doc, path, None
    elif isinstance(doc, Mapping) and (field(doc, "subnets") is not None or field(doc, "addressSpace") is not None):
        items, items_path, space = field(doc, "subnets") or [], f"{path}.subnets", field(doc, "addressSpace")
    elif isinstance(doc, Mapping) and (field(doc, "addressPrefix") or field(doc, "addressPrefixes")):
        return [(_id(doc, path), _prefixes(doc, path))], []
    else:
        raise SpecError(
            f"{path} is not az network vnet show or az network vnet subnet show output "
            f"(no subnets, addressSpace or addressPrefix): give one of those, or the CIDR with --subnet"
        )
    if not isinstance(items, list):
        raise SpecError(f"{items_path} must be a list of subnets (got {quote(items)})")
    pairs = []
    for i, item in enumerate(items):
        where = f"{items_path}[{i}]"
        if not isinstance(item, Mapping):
            raise SpecError(f"{where} must be an object describing one subnet (got {quote(item)})")
        pairs.append((_id(item, where), _prefixes(item, where)))
    vnet: list[str] = []
    if space is not None:
        if not isinstance(space, Mapping):
            raise SpecError(f"{path}.addressSpace must be an object (got {quote(space)})")
        vnet = _prefixes({"addressPrefixes": field(space, "addressPrefixes")}, f"{path}.addressSpace")
    return pairs, vnet


def _find(subnets: list[tuple[str, list[str]]], sid: str | None) -> str | None:
    """The first prefix of the subnet whose ID is ``sid`` (IDs compare without regard to case)."""
    if sid is None:
        return None
    return next((prefixes[0] for i, prefixes in subnets if prefixes and i.lower() == sid.lower()), None)


def network_ranges(
    docs: Sequence[tuple[str, object]], node_subnet_id: str | None, pod_subnet_id: str | None
) -> NetworkRanges:
    """The ranges ``docs`` (each ``(name, parsed JSON)``) give for the cluster's node and pod subnet IDs."""
    subnets: list[tuple[str, list[str]]] = []
    spaces: list[str] = []
    for name, doc in docs:
        pairs, space = _subnets(doc, f"--network {quote(name)}")
        subnets += pairs
        spaces += space

    node, pod = _find(subnets, node_subnet_id), _find(subnets, pod_subnet_id)
    vnet: str | None = None
    if node is not None:
        net = IPv4Network(node)
        vnet = next((s for s in spaces if net.subnet_of(IPv4Network(s))), None)
    used = {node, pod, vnet}
    others = [p for _, ps in subnets for p in ps if p not in used] + [s for s in spaces if s not in used]
    return NetworkRanges(node, pod, vnet, tuple(dict.fromkeys(others)))
