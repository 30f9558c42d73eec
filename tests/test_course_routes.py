"""One carving, one mapping: the route-table figure, the route table and the packet walks agree (issue 7, 03).

Node IPs start at a subnet's fifth address because Azure keeps .0 to .3 (and the last)
(https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq).
"""

from __future__ import annotations

import json
from ipaddress import IPv4Network
from pathlib import Path

import pytest

from akskit.course.carve import carve_pod_cidr, node_ip, route_table, routes
from akskit.course.traffic import WALK_NODE_SUBNET, WALK_POD_CIDR, packet_walk, walk_routes, walk_table
from akskit.engine.errors import AksKitError
from akskit.plots import route_table_figure

VNET_FAQ = "https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq"


class TestRoutes:
    """akskit.course.carve.routes, the one pod-block -> node-IP mapping."""

    def test_node_i_routes_to_the_fifth_address_plus_i(self) -> None:
        """The first node is .4 (Azure keeps .0-.3), then one address per node."""
        got = [(str(r.prefix), str(r.next_hop)) for r in routes(carve_pod_cidr("10.244.0.0/16", 3), "10.224.0.0/24")]
        assert got == [
            ("10.244.0.0/24", "10.224.0.4"),
            ("10.244.1.0/24", "10.224.0.5"),
            ("10.244.2.0/24", "10.224.0.6"),
        ], VNET_FAQ

    def test_node_ip_refuses_an_index_past_the_usable_addresses(self) -> None:
        """A /29 has 3 usable addresses, so node 3 does not exist; the message names the range."""
        assert str(node_ip("10.224.0.0/29", 2)) == "10.224.0.6"
        rule = r"node for node subnet 10\.224\.0\.0/29 must be a whole number from 0 to 2 \(got 3\)"
        with pytest.raises(AksKitError, match=rule):
            node_ip("10.224.0.0/29", 3)

    def test_the_table_reads_the_same_rows(self) -> None:
        """The route table (Markdown) shows exactly the rows of routes()."""
        carving = carve_pod_cidr("10.244.0.0/16", 4)
        table = route_table(carving, "10.224.0.0/24")
        assert list(table.rows) == [(str(r.prefix), str(r.next_hop), r.node) for r in routes(carving, "10.224.0.0/24")]


class TestFigureAndWalkAgree:
    """The figure of notebook 03 and its packet walk use one mapping."""

    def test_figure_equals_the_carve_rows(self) -> None:
        """Every cell of the figure's table comes from routes(), in order."""
        carving = carve_pod_cidr(WALK_POD_CIDR, 5)
        prefixes, hops, names = route_table_figure(carving, WALK_NODE_SUBNET).data[2].cells.values
        rows = routes(carving, WALK_NODE_SUBNET)
        assert list(prefixes) == [str(r.prefix) for r in rows]
        assert list(hops) == [str(r.next_hop) for r in rows]
        assert list(names) == [r.node for r in rows]

    def test_walk_nodes_are_the_figure_rows(self) -> None:
        """The walk's node 1 owns 10.244.1.0/24 at the address the figure maps it to (10.224.0.5, not .4)."""
        figure = route_table_figure(carve_pod_cidr(WALK_POD_CIDR, 3), WALK_NODE_SUBNET)
        mapping = dict(zip(*figure.data[2].cells.values[:2], strict=True))
        assert mapping["10.244.1.0/24"] == "10.224.0.5"
        nat = packet_walk("kubenet", "pod-to-vnet")
        sender = nat[0].source
        node_1 = next(p for p in mapping if IPv4Network(f"{sender}/32").subnet_of(IPv4Network(p)))
        assert nat[1].source == mapping[node_1] == str(walk_routes()[1].next_hop)
        hop = packet_walk("kubenet", "pod-to-pod")[2]
        receiver = packet_walk("kubenet", "pod-to-pod")[0].destination
        node_2 = next(p for p in mapping if IPv4Network(f"{receiver}/32").subnet_of(IPv4Network(p)))
        assert f"{node_2} -> {mapping[node_2]}" in hop.note

    def test_the_walk_names_its_network(self) -> None:
        """The caption states the /24 node subnet the addresses sit in (notebook 04 quotes it)."""
        caption = walk_table("azure-cni", "pod-to-pod").caption
        assert str(WALK_NODE_SUBNET) == "10.224.0.0/24"
        assert "node subnet 10.224.0.0/24" in caption
        for hop in packet_walk("azure-cni", "pod-to-pod"):
            assert IPv4Network(f"{hop.source}/32").subnet_of(WALK_NODE_SUBNET)


def test_notebook_03_draws_the_walks_network() -> None:
    """Notebook 03's route figure carves the walk's pod CIDR on the walk's node subnet, so both show one mapping."""
    (path,) = (Path(__file__).resolve().parent.parent / "notebooks").glob("03_*.ipynb")
    code = [
        "".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"
    ]
    assert any(f'node_subnet="{WALK_NODE_SUBNET}"' in c and c.lstrip().startswith("spec = ") for c in code)
    assert any(f'carve_pod_cidr("{WALK_POD_CIDR}"' in c for c in code)
    figure = next(c for c in code if "plots.route_table_figure(" in c)
    assert "spec.node_subnet" in figure
