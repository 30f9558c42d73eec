"""Headless tests of the subnet explorers: valid input redraws the traces, bad input keeps the last good figure.

Expected values are hand calculations from Microsoft's rules, not copies of the
code: Azure keeps 5 addresses in every subnet
(https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq);
an Azure CNI Node Subnet node takes max pods + 1 node-subnet IPs and a /24
holds 8 nodes at 30 max pods
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni);
kubenet pods take no VNet IPs and each node takes one /24 of the pod CIDR
(https://learn.microsoft.com/en-us/azure/aks/configure-kubenet).
"""

from __future__ import annotations

import html
from typing import Any

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")

from akskit.engine.cidr import parse_network
from akskit.engine.errors import AksKitError
from akskit.widgets import AzureCniExplorer, Explorer, KubenetExplorer

BAD_CIDRS = ("10.224.0.1/24", "fd00::/64", "garbage")


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def snapshot(ui: Explorer) -> list[dict[str, Any]]:
    """Every trace's data, plus the x range and caption: what a redraw could change."""
    traces = [{k: _plain(getattr(t, k)) for k in ("x", "y", "name", "visible", "text")} for t in ui.figure.data]
    return [*traces, {"x range": _plain(ui.figure.layout.xaxis.range), "caption": ui.caption.value}]


def trace(ui: Explorer, starts: str) -> Any:
    """The one trace whose name starts with ``starts``."""
    found = [t for t in ui.figure.data if (t.name or "").startswith(starts)]
    assert len(found) == 1, [t.name for t in ui.figure.data]
    return found[0]


def library_message(value: str, what: str) -> str:
    """The message akskit's own CIDR parser gives for ``value``."""
    try:
        parse_network(value, what)
    except AksKitError as exc:
        return str(exc)
    raise AssertionError(f"{value!r} parsed")


def y_at(t: Any, nodes: int) -> int:
    """A curve's y value at a node count on its x axis."""
    return int(t.y[list(t.x).index(nodes)])


def cliffs(ui: Explorer) -> list[int]:
    """The node counts marked as cliffs (last count that fits) on the figure."""
    return list(trace(ui, "cliff").x)


def assert_bad_input_kept(ui: Explorer, control: str, value: str, what: str) -> None:
    """Set a bad value: the library's message shows and the figure stays exactly as it was."""
    before = snapshot(ui)
    ui.controls[control].value = value
    message = library_message(value, what)
    assert ui.error == message
    assert html.escape(message) in ui.status.value
    assert snapshot(ui) == before


class TestKubenetExplorer:
    def test_starts_good(self) -> None:
        """The default explorer has no error and a 'fits' verdict."""
        ui = KubenetExplorer()
        assert ui.error == ""
        assert "fits" in ui.status.value
        assert "does not fit" not in ui.status.value

    def test_nodes_move_the_marker(self) -> None:
        """Moving the nodes slider moves the 'your cluster' line to the new count."""
        ui = KubenetExplorer()
        ui.controls["nodes"].value = 120
        assert list(trace(ui, "your cluster").x) == [120, 120]

    def test_max_pods_leaves_the_subnet_curve(self) -> None:
        """kubenet pods take no VNet IPs, so max pods does not move the node-subnet curve."""
        ui = KubenetExplorer()
        line = trace(ui, "kubenet (")
        before = list(line.y)
        ui.controls["max_pods"].value = 250
        assert list(line.y) == before

    def test_surge_widens_the_band(self) -> None:
        """50% surge on 10 nodes adds 5 node IPs; surge 0 closes the band."""
        ui = KubenetExplorer()
        ui.controls["max_surge"].value = "50%"
        assert y_at(trace(ui, "kubenet ("), 10) == 10 + 5
        ui.controls["max_surge"].value = "0"
        assert list(trace(ui, "kubenet (").y) == list(trace(ui, "kubenet:").y)

    def test_node_subnet_moves_the_ceiling(self) -> None:
        """A /25 node subnet draws its ceiling at 128 - 5 = 123 usable IPs."""
        ui = KubenetExplorer()
        ui.controls["node_subnet"].value = "10.224.0.0/25"
        assert list(trace(ui, "node subnet").y) == [123, 123]

    def test_pod_cidr_moves_the_cliff(self) -> None:
        """A /20 pod CIDR has 16 /24 blocks: 14 nodes + 2 surge (10% rounded up) fit, 15 + 2 do not."""
        ui = KubenetExplorer()
        ui.controls["pod_cidr"].value = "10.244.0.0/20"
        assert cliffs(ui) == [14]

    @pytest.mark.parametrize("bad", BAD_CIDRS)
    def test_bad_node_subnet_keeps_the_figure(self, bad: str) -> None:
        """A bad node subnet leaves every trace as it was and shows the library's message."""
        assert_bad_input_kept(KubenetExplorer(), "node_subnet", bad, "node subnet")

    @pytest.mark.parametrize("bad", BAD_CIDRS)
    def test_bad_pod_cidr_keeps_the_figure(self, bad: str) -> None:
        """A bad pod CIDR leaves every trace as it was and shows the library's message."""
        assert_bad_input_kept(KubenetExplorer(), "pod_cidr", bad, "pod CIDR")

    def test_recovers_after_bad_input(self) -> None:
        """A good CIDR after a bad one clears the error and redraws."""
        ui = KubenetExplorer()
        ui.controls["node_subnet"].value = "garbage"
        ui.controls["node_subnet"].value = "10.224.0.0/25"
        assert ui.error == ""
        assert list(trace(ui, "node subnet").y) == [123, 123]


class TestAzureCniExplorer:
    def test_both_models_on_one_subnet(self) -> None:
        """kubenet and Azure CNI curves share the x axis and one node-subnet ceiling."""
        ui = AzureCniExplorer()
        assert list(trace(ui, "kubenet (").x) == list(trace(ui, "Azure CNI Node Subnet (").x)
        assert list(trace(ui, "node subnet").y) == [251, 251]

    def test_starts_at_microsofts_eight_nodes(self) -> None:
        """On a /24 at 30 max pods and no surge, Azure CNI runs out at 8 nodes (8 x 31 = 248 <= 251)."""
        ui = AzureCniExplorer()
        assert cliffs(ui) == [8]
        assert y_at(trace(ui, "Azure CNI Node Subnet ("), 8) == 8 * 31
        assert "does not fit" not in ui.status.value

    def test_ninth_node_does_not_fit(self) -> None:
        """9 x 31 = 279 IPs exceed a /24's 251: the verdict says so and the marker moves."""
        ui = AzureCniExplorer()
        ui.controls["nodes"].value = 9
        assert "does not fit" in ui.status.value
        assert list(trace(ui, "your cluster").x) == [9, 9]

    def test_max_pods_steepens_the_cni_curve(self) -> None:
        """At 50 max pods each node takes 51 IPs, so a /24 holds 251 // 51 = 4 nodes."""
        ui = AzureCniExplorer()
        ui.controls["max_pods"].value = 50
        assert y_at(trace(ui, "Azure CNI Node Subnet ("), 1) == 51
        assert cliffs(ui) == [4]

    def test_surge_band_and_cliff(self) -> None:
        """One surge node: 8 nodes need 9 x 31 = 279 (band from 248), and the cliff moves to 7."""
        ui = AzureCniExplorer()
        ui.controls["max_surge"].value = "1"
        assert y_at(trace(ui, "Azure CNI Node Subnet ("), 8) == 9 * 31
        assert y_at(trace(ui, "Azure CNI Node Subnet:"), 8) == 8 * 31
        assert trace(ui, "Azure CNI Node Subnet (").fill == "tonexty"
        assert cliffs(ui) == [7]

    def test_node_subnet_moves_ceiling_and_cliff(self) -> None:
        """A /23 has 512 - 5 = 507 usable IPs: 507 // 31 = 16 nodes."""
        ui = AzureCniExplorer()
        ui.controls["node_subnet"].value = "10.224.0.0/23"
        assert list(trace(ui, "node subnet").y) == [507, 507]
        assert cliffs(ui) == [16]

    @pytest.mark.parametrize("bad", BAD_CIDRS)
    def test_bad_node_subnet_keeps_the_figure(self, bad: str) -> None:
        """A bad node subnet leaves every trace as it was and shows the library's message."""
        assert_bad_input_kept(AzureCniExplorer(), "node_subnet", bad, "node subnet")

    def test_bad_input_after_a_change_keeps_the_changed_figure(self) -> None:
        """The figure kept is the last good one, not the first one."""
        ui = AzureCniExplorer()
        ui.controls["max_pods"].value = 50
        assert_bad_input_kept(ui, "node_subnet", "garbage", "node subnet")
        assert cliffs(ui) == [4]
