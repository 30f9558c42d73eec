"""The per-node reservation figure: stacked bars built once, updated in place, with their summary.

Expected bars follow Microsoft's rule for Azure CNI Node Subnet: each node takes
its own IP and max pods pod IPs up front
(https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni).
"""

from __future__ import annotations

import pytest

pytest.importorskip("plotly")

from akskit.course.reservation import reservation_view
from akskit.plots import reservation_figure, summary, update_reservation_figure


class TestIpReservation:
    def test_bars_and_summary(self) -> None:
        """Three stacked bar traces per node, and the view's summary stored in the figure."""
        view = reservation_view([30, 12, 4], max_pods=30)
        fig = reservation_figure(view)
        assert [t.type for t in fig.data] == ["bar", "bar", "bar"]
        assert fig.layout.barmode == "stack"
        assert [list(t.y) for t in fig.data] == [[1, 1, 1], [30, 12, 4], [0, 18, 26]]
        assert summary(fig) == view.summary
        assert "max pods + 1 = 31" in fig.layout.title.text

    def test_own_title(self) -> None:
        """A title given to the builder replaces the default one."""
        fig = reservation_figure(reservation_view([1], max_pods=30), title="my title")
        assert fig.layout.title.text == "my title"

    def test_idle_bars_are_hatched(self) -> None:
        """Idle reservations differ from used ones by pattern, not by colour alone."""
        fig = reservation_figure(reservation_view([1], max_pods=30))
        assert fig.data[2].marker.pattern.shape == "/"
        assert not fig.data[1].marker.pattern.shape


class TestUpdateIpReservation:
    def test_update_in_place(self) -> None:
        """update_reservation_figure changes the traces of an existing figure, not the figure's count of traces."""
        fig = reservation_figure(reservation_view([30, 12, 4], max_pods=30))
        view = reservation_view([1, 2], max_pods=110, model="kubenet")
        update_reservation_figure(fig, view)
        assert len(fig.data) == 3
        assert [list(t.y) for t in fig.data] == [[1, 1], [0, 0], [0, 0]]
        assert list(fig.data[0].x) == ["aks-nodepool1-vmss000000", "aks-nodepool1-vmss000001"]
        assert summary(fig) == view.summary
        assert "1 node-subnet IP" in fig.layout.title.text
