"""Headless tests of the upgrade explorer and its figure: valid input redraws, bad input keeps the last figure.

Expected values are hand calculations from Microsoft's rules, not copies of the code:
a percentage max surge is rounded up and capped at the pool
(https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling); an Azure CNI
Node Subnet node takes max pods + 1 node-subnet IPs, a kubenet node one
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni).
"""

from __future__ import annotations

import html
from typing import Any

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")

from akskit.course.upgrade import model_timeline
from akskit.plots import summary, timeline_figure, update_timeline_figure
from akskit.widgets import UpgradeExplorer


def snapshot(ui: UpgradeExplorer) -> list[Any]:
    """Every trace's x, y and text, plus the caption: what a redraw could change."""
    traces = [tuple(tuple(v) if v is not None else None for v in (t.x, t.y, t.text)) for t in ui.figure.data]
    return [*traces, ui.caption.value]


def ips(ui: UpgradeExplorer) -> tuple[int, ...]:
    """The IPs-in-use trace."""
    found = [t for t in ui.figure.data if t.name == "node-subnet IPs in use"]
    assert len(found) == 1
    return tuple(found[0].y)


class TestFigure:
    """timeline_figure builds every trace up front; update_timeline_figure changes them in place."""

    def test_traces_and_summary(self) -> None:
        """Six traces from the start; the IP trace is 12, 16, 16, 16, 16, 12 nodes x 31 for the canonical pool."""
        fig = timeline_figure(model_timeline("azure-cni", 12, "33%", max_pods=30))
        assert len(fig.data) == 6
        assert tuple(fig.data[3].y) == tuple(n * 31 for n in (12, 16, 16, 16, 16, 12))
        assert "496" in summary(fig)
        assert fig.layout.yaxis2.title.text == "node-subnet IPs"

    def test_stacks_add_up(self) -> None:
        """Old + new-within-pool + surge bars stack to the node total of each step (4 nodes at 50%: 4, 6, ..., 4)."""
        fig = timeline_figure(model_timeline("kubenet", 4, "50%"))
        totals = [sum(v) for v in zip(fig.data[0].y, fig.data[1].y, fig.data[2].y, strict=True)]
        assert totals == [4, 6, 6, 6, 4]
        assert list(fig.data[2].y) == [0, 2, 2, 2, 0]

    def test_update_in_place(self) -> None:
        """Updating keeps the trace objects and count, and changes their data and the summary."""
        fig = timeline_figure(model_timeline("azure-cni", 12, "33%", max_pods=30))
        before = list(fig.data)
        update_timeline_figure(fig, model_timeline("overlay", 3, 1))
        assert list(fig.data) == before
        assert tuple(fig.data[3].y) == (3, 4, 4, 4, 4, 3)
        assert "3 Azure CNI Overlay nodes" in summary(fig)

    def test_many_steps_use_numeric_ticks(self) -> None:
        """A long timeline (60 nodes one at a time) drops the per-step tick labels."""
        fig = timeline_figure(model_timeline("overlay", 60, 1))
        assert fig.layout.xaxis2.tickmode == "auto"


class TestExplorer:
    """UpgradeExplorer driven headlessly through its controls."""

    def test_initial_state(self) -> None:
        """12 Azure CNI nodes at 30 pods and 33%: peak 16 x 31 = 496 IPs, shown in the status."""
        ui = UpgradeExplorer()
        assert max(ips(ui)) == 496
        assert "496" in ui.status.value
        assert ui.error == ""
        assert "496" in ui.caption.value

    def test_controls_are_bounded(self) -> None:
        """The sliders stop at 1-100 nodes and 10-250 max pods; the model list has the three models."""
        ui = UpgradeExplorer()
        assert (ui.controls["pool_size"].min, ui.controls["pool_size"].max) == (1, 100)
        assert (ui.controls["max_pods"].min, ui.controls["max_pods"].max) == (10, 250)
        assert {v for _, v in ui.controls["model"].options} == {"kubenet", "azure-cni", "overlay"}

    def test_pool_size_redraws(self) -> None:
        """20 nodes at 33% surge 7 (6.6 rounded up): the IP trace peaks at 27 x 31 = 837."""
        ui = UpgradeExplorer()
        before = snapshot(ui)
        ui.controls["pool_size"].value = 20
        assert snapshot(ui) != before
        assert max(ips(ui)) == 27 * 31

    def test_surge_redraws(self) -> None:
        """Surge 1 on 12 nodes: 12 batches, the peak is 13 x 31 = 403."""
        ui = UpgradeExplorer()
        ui.controls["max_surge"].value = "1"
        assert max(ips(ui)) == 403
        assert len(ips(ui)) == 1 + 1 + 12 + 1

    def test_model_redraws(self) -> None:
        """kubenet takes one IP per node: the peak is 16; max pods then changes nothing."""
        ui = UpgradeExplorer()
        ui.controls["model"].value = "kubenet"
        assert max(ips(ui)) == 16
        before = snapshot(ui)
        ui.controls["max_pods"].value = 250
        assert snapshot(ui) == before

    def test_max_pods_redraws_azure_cni(self) -> None:
        """Azure CNI at 110 pods: 16 x 111 = 1,776 IPs at the peak."""
        ui = UpgradeExplorer()
        ui.controls["max_pods"].value = 110
        assert max(ips(ui)) == 16 * 111

    @pytest.mark.parametrize(
        ("bad", "message"),
        [
            ("150%", "max surge percentage must be 0% to 100% (got '150%')"),
            ("lots", "max surge must be a whole node count or a whole percentage such as 1 or 33% (got 'lots')"),
            ("-1", "(got '-1')"),
        ],
    )
    def test_bad_surge_keeps_the_figure(self, bad: str, message: str) -> None:
        """A surge the library rejects leaves every trace unchanged and shows the library's message."""
        ui = UpgradeExplorer()
        before = snapshot(ui)
        ui.controls["max_surge"].value = bad
        assert snapshot(ui) == before
        assert message in ui.error
        assert html.escape(message) in ui.status.value

    def test_recovers_after_bad_input(self) -> None:
        """A good value after a bad one redraws and clears the error."""
        ui = UpgradeExplorer()
        ui.controls["max_surge"].value = "abc"
        assert ui.error
        ui.controls["max_surge"].value = "50%"
        assert ui.error == ""
        assert max(ips(ui)) == 18 * 31  # 50% of 12 = 6 surge nodes

    def test_static_fallback(self) -> None:
        """Where widgets cannot run, the explorer shows its figure and summary as HTML."""
        bundle = UpgradeExplorer()._repr_mimebundle_()
        assert "akskit-summary" in bundle["text/html"]
        assert "496" in bundle["text/plain"]


class TestSurgeBoxHostileInput:
    """Issue 7: a surge over Python's digit limit raised instead of reaching the status line."""

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            pytest.param("1" * 4301, "from 0 to 1,000,000", id="count-4301-digits"),
            pytest.param("9" * 4000, "from 0 to 1,000,000", id="count-4000-digits"),
            pytest.param("1" * 4301 + "%", "0% to 100%", id="percent-4301-digits"),
            pytest.param("١٢", "33%", id="arabic-indic-digits"),
            pytest.param("<b>1</b>", "&lt;b&gt;", id="html"),
        ],
    )
    def test_message_in_status_line_last_figure_kept(self, typed: str, expected: str) -> None:
        """The library's message, escaped and shortened, shows in the status line; the figure stays."""
        ui = UpgradeExplorer()
        before = snapshot(ui)
        ui.controls["max_surge"].value = typed
        assert ui.error
        assert "\n" not in ui.error
        assert len(ui.error) < 400
        assert expected in ui.status.value
        assert "<b>1" not in ui.status.value
        assert snapshot(ui) == before
