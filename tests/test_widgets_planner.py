"""Headless tests of the app-mode calculator: valid input redraws the figure and the results panel,
bad input keeps both and shows the library's message, switching model changes the numbers.

Expected values are hand calculations from Microsoft's rules, not copies of the
code: Azure keeps 5 addresses in every subnet
(https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq);
an Azure CNI Node Subnet node takes max pods + 1 node-subnet IPs, so a /24 holds 8 nodes
at 30 max pods (https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni);
kubenet nodes take one node-subnet IP and one /24 of the pod CIDR
(https://learn.microsoft.com/en-us/azure/aks/configure-kubenet); dynamic pod-subnet
allocation hands out IPs in batches of 16
(https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")

from akskit.engine.cidr import parse_address, parse_network
from akskit.engine.errors import AksKitError
from akskit.widgets import PlannerApp

APP = Path(__file__).resolve().parent.parent / "app" / "calculator.ipynb"
BAD_CIDRS = ("10.224.0.1/24", "fd00::/64", "garbage")
CIDR_BOXES = {
    "node_subnet": "node subnet",
    "pod_subnet": "pod subnet",
    "pod_cidr": "pod CIDR",
    "service_cidr": "service CIDR",
}


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def snapshot(ui: PlannerApp) -> list[Any]:
    """Every trace's data and style, the axis, title, caption and results panel: what a redraw could change."""
    traces = [
        {k: _plain(getattr(t, k)) for k in ("x", "y", "name", "visible", "text", "fillcolor")} for t in ui.figure.data
    ]
    layout = {
        "x range": _plain(ui.figure.layout.xaxis.range),
        "title": ui.figure.layout.title.text,
        "caption": ui.caption.value,
    }
    return [*traces, layout, ui.results.value]


def trace(ui: PlannerApp, starts: str) -> Any:
    """The one trace whose name starts with ``starts``."""
    found = [t for t in ui.figure.data if (t.name or "").startswith(starts)]
    assert len(found) == 1, [t.name for t in ui.figure.data]
    return found[0]


def cliffs(ui: PlannerApp) -> list[int]:
    """The node counts marked as cliffs (last count that fits) on the figure."""
    return list(trace(ui, "cliff").x)


def library_message(value: str, what: str, parse: Any = parse_network) -> str:
    """The message akskit's own parser gives for ``value``."""
    try:
        parse(value, what)
    except AksKitError as exc:
        return str(exc)
    raise AssertionError(f"{value!r} parsed")


def assert_bad_input_kept(ui: PlannerApp, control: str, value: Any, message: str) -> None:
    """Set a bad value: the message shows; figure, caption and results panel stay exactly as they were."""
    before = snapshot(ui)
    ui.controls[control].value = value
    assert ui.error == message
    assert html.escape(message) in ui.status.value
    assert snapshot(ui) == before


def cni_on_a_24(nodes: int) -> PlannerApp:
    """Azure CNI, 30 max pods, no surge, a /24 node subnet: Microsoft's 8-node example."""
    return PlannerApp(model="azure-cni", nodes=nodes, max_pods=30, max_surge="0", node_subnet="10.224.0.0/24")


class TestDefaults:
    def test_microsofts_worked_example(self) -> None:
        """50 nodes + 1 surge at 30 max pods: 51 x 31 = 1,581 IPs, a /21 (2,043 usable), which holds 64 + 1."""
        ui = PlannerApp()
        assert ui.error == ""
        assert ui.plan.node_subnet.ips_required == 51 * 31
        panel = ui.results.value
        for text in ("1,581 IPs", "/21", "2,043 (headroom 462)", "64 / 65", "No findings."):
            assert text in panel, text
        assert "fits" in ui.status.value
        assert list(trace(ui, "node subnet").y) == [2043, 2043]
        assert cliffs(ui) == [64]

    def test_one_model_drawn(self) -> None:
        """Two model traces (band and line), three ceilings, the cliff and 'your cluster'."""
        ui = PlannerApp()
        assert len(ui.figure.data) == 7
        assert trace(ui, "Azure CNI Node Subnet (").fill == "tonexty"

    def test_static_fallback_has_the_panel(self) -> None:
        """Where widgets cannot run, the figure's HTML is followed by the results panel."""
        ui = PlannerApp()
        bundle = ui._repr_mimebundle_()
        assert bundle["text/html"].endswith(ui.results.value)


class TestValidChanges:
    def test_eight_fit_nine_do_not(self) -> None:
        """8 x 31 = 248 <= 251 fits a /24; 9 x 31 = 279 does not, and the panel and status say so."""
        ui = cni_on_a_24(8)
        assert "Result: <span style='color:#009E73'>fits</span>" in ui.results.value
        assert "8 / 8" in ui.results.value
        assert cliffs(ui) == [8]
        before = snapshot(ui)
        ui.controls["nodes"].value = 9
        assert snapshot(ui) != before
        assert "does not fit" in ui.status.value
        assert "does not fit" in ui.results.value
        assert "279 IPs" in ui.results.value
        assert "node-subnet-too-small" in ui.results.value
        assert list(trace(ui, "your cluster").x) == [9, 9]

    def test_switching_model_changes_the_numbers(self) -> None:
        """kubenet at 9 nodes takes 9 node-subnet IPs and 9 /24s of the default /16 pod CIDR: it fits."""
        ui = cni_on_a_24(9)
        band = trace(ui, "Azure CNI Node Subnet (")
        colour = band.line.color
        ui.controls["model"].value = "kubenet"
        assert len(ui.figure.data) == 7
        line = trace(ui, "kubenet (")
        assert line.line.color != colour
        assert line.y[list(line.x).index(9)] == 9
        assert ui.figure.layout.title.text.startswith("kubenet")
        assert "does not fit" not in ui.status.value
        panel = ui.results.value
        assert "9 IPs" in panel
        assert "9 /24 blocks" in panel
        assert "10.244.0.0/16 (AKS default)" in panel
        assert "Route table: 9 of 400 routes." in panel
        ui.controls["model"].value = "azure-cni"
        assert "does not fit" in ui.status.value
        assert trace(ui, "Azure CNI Node Subnet (").line.color == colour

    def test_max_pods_moves_the_cliff(self) -> None:
        """At 50 max pods each node takes 51 IPs: a /24 holds 251 // 51 = 4 nodes."""
        ui = cni_on_a_24(4)
        ui.controls["max_pods"].value = 50
        assert cliffs(ui) == [4]
        assert "204 IPs" in ui.results.value

    def test_max_count_is_what_is_planned(self) -> None:
        """10 nodes with autoscaler max 20: the plan and the marker size for 20 (20 x 31 = 620 IPs)."""
        ui = PlannerApp(model="azure-cni", nodes=10, max_pods=30, max_surge="0", node_subnet="10.224.0.0/22")
        ui.controls["max_count"].value = 20
        assert ui.plan.node_subnet.ips_required == 620
        assert list(trace(ui, "your cluster").x) == [20, 20]
        ui.controls["max_count"].value = 0
        assert ui.plan.node_subnet.ips_required == 310

    def test_pod_subnet_sets_the_cliff(self) -> None:
        """Dynamic pod subnet, 30 max pods: 16 x ceil((30 + 8) / 16) = 48 IPs per node; a /26 (59 usable) holds 1."""
        ui = PlannerApp(model="pod-subnet", nodes=1, max_pods=30, max_surge="0", node_subnet="10.224.0.0/24")
        assert cliffs(ui) == [251]
        ui.controls["pod_subnet"].value = "10.225.0.0/26"
        assert cliffs(ui) == [1]
        assert "pod subnet" in ui.results.value
        assert "48 IPs" in ui.results.value
        assert "at 1 node, limited by the pod subnet 10.225.0.0/26" in ui.caption.value

    def test_findings_are_listed_escaped_with_links(self) -> None:
        """kubenet with Cilium is an error finding: severity, code, escaped message and its source link."""
        ui = PlannerApp(model="kubenet", node_subnet="10.224.0.0/24")
        ui.controls["dataplane"].value = "cilium"
        assert "not deployable" in ui.status.value
        finding = next(f for f in ui.plan.findings if f.code == "cilium-unsupported-model")
        panel = ui.results.value
        assert ">error</b> <code>cilium-unsupported-model</code>: " + html.escape(finding.message) in panel
        assert f"<a href='{html.escape(finding.url, quote=True)}'" in panel
        assert "'kubenet'" not in panel  # the message's quotes are escaped

    def test_service_range_and_dns(self) -> None:
        """A given service CIDR and DNS IP replace AKS's defaults in the panel."""
        ui = PlannerApp()
        ui.controls["service_cidr"].value = "10.100.0.0/16"
        ui.controls["dns_service_ip"].value = "10.100.0.10"
        assert "Service CIDR 10.100.0.0/16, DNS service IP 10.100.0.10." in ui.results.value

    def test_empty_box_means_not_given(self) -> None:
        """Clearing the node subnet: the plan sizes it (smallest prefix) and the ceiling disappears."""
        ui = PlannerApp()
        ui.controls["node_subnet"].value = "  "
        assert ui.error == ""
        assert ui.plan.node_subnet.cidr is None
        assert "not given" in ui.results.value
        assert not any(t.visible and (t.name or "").startswith("node subnet") for t in ui.figure.data)


class TestBadInput:
    @pytest.mark.parametrize("bad", BAD_CIDRS)
    @pytest.mark.parametrize("control", CIDR_BOXES)
    def test_bad_cidr_keeps_figure_and_panel(self, control: str, bad: str) -> None:
        """A bad CIDR in any box leaves the figure and panel as they were and shows the library's message."""
        assert_bad_input_kept(PlannerApp(), control, bad, library_message(bad, CIDR_BOXES[control]))

    def test_bad_dns_ip(self) -> None:
        """A DNS service IP with a prefix length is refused with the library's message."""
        message = library_message("10.0.0.10/32", "DNS service IP", parse_address)
        assert_bad_input_kept(PlannerApp(), "dns_service_ip", "10.0.0.10/32", message)

    def test_max_count_below_nodes(self) -> None:
        """An autoscaler max below the node count is refused (the spec's own message)."""
        ui = PlannerApp(nodes=50)
        before = snapshot(ui)
        ui.controls["max_count"].value = 10
        assert "max count 10 is below its node count 50" in ui.error
        assert snapshot(ui) == before

    def test_bad_input_after_a_model_switch_keeps_the_new_model(self) -> None:
        """The figure and panel kept are the last good ones (kubenet), not the first ones."""
        ui = cni_on_a_24(9)
        ui.controls["model"].value = "kubenet"
        assert_bad_input_kept(ui, "node_subnet", "garbage", library_message("garbage", "node subnet"))
        assert ui.figure.layout.title.text.startswith("kubenet")

    def test_recovers_after_bad_input(self) -> None:
        """A good CIDR after a bad one clears the error and redraws."""
        ui = cni_on_a_24(8)
        ui.controls["node_subnet"].value = "10.224.0.1/24"
        ui.controls["node_subnet"].value = "10.224.0.0/23"
        assert ui.error == ""
        assert list(trace(ui, "node subnet").y) == [507, 507]
        assert cliffs(ui) == [16]


class TestAppNotebook:
    """``app/calculator.ipynb``, what ``make app`` serves with Voila (outside ``testpaths``, so checked here)."""

    def test_committed_clean(self) -> None:
        """A Markdown title, then one code cell; no outputs, execution counts or widget state."""
        nb = json.loads(APP.read_text(encoding="utf-8"))
        assert "widgets" not in nb["metadata"]
        kinds = [c["cell_type"] for c in nb["cells"]]
        assert kinds == ["markdown", "code"]
        assert "".join(nb["cells"][0]["source"]).startswith("# ")
        code = nb["cells"][1]
        assert code["outputs"] == []
        assert code["execution_count"] is None

    def test_code_cell_builds_the_app(self) -> None:
        """The code cell, run as it stands, leaves a working PlannerApp in ``ui``."""
        nb = json.loads(APP.read_text(encoding="utf-8"))
        names: dict[str, Any] = {}
        exec("".join(nb["cells"][1]["source"]), names)  # noqa: S102 - the repository's own notebook
        assert isinstance(names["ui"], PlannerApp)
        assert names["ui"].error == ""
