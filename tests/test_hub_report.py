"""The classroom load test's report maths (hub/report.py), against values worked by hand."""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path
from typing import ClassVar

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))
from report import COLUMNS, MIB, Learner, percentile, render, summary, write_csv


class TestPercentile:
    """percentile(): linear interpolation between closest ranks (numpy's default method)."""

    def test_median_of_an_even_count_is_the_mean_of_the_middle_two(self) -> None:
        assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5

    def test_p95_interpolates_between_the_top_two(self) -> None:
        # rank (4 - 1) * 0.95 = 2.85: 3 + 0.85 * (4 - 3)
        assert percentile([1.0, 2.0, 3.0, 4.0], 95) == pytest.approx(3.85)

    def test_ends_are_min_and_max(self) -> None:
        assert (percentile([5.0, 9.0, 7.0], 0), percentile([5.0, 9.0, 7.0], 100)) == (5.0, 9.0)

    def test_one_value_is_every_percentile(self) -> None:
        assert percentile([0.25], 95) == 0.25

    def test_no_values_is_nan(self) -> None:
        assert math.isnan(percentile([], 50))

    def test_q_outside_0_100_names_the_rule(self) -> None:
        with pytest.raises(ValueError, match=r"q must be between 0 and 100 \(got 101\)"):
            percentile([1.0], 101)


def learner(
    name: str, *, mib: float, cpu: float, cells: list[float], explorer: list[float], error: str = ""
) -> Learner:
    return Learner(
        name, cells_total=len(cells), cells_run=len(cells), server_ready_s=2.0, first_explorer_s=3.0,
        cell_s=cells, explorer_s=explorer, peak_rss=int(mib * MIB), peak_server_rss=int(mib * MIB * 0.75),
        peak_kernel_rss=int(mib * MIB * 0.25), cpu_s=cpu, error=error,
    )  # fmt: skip


class TestLearnerOk:
    """Learner.ok: every cell ran, the explorer answered, no error."""

    def test_complete_learner_is_ok(self) -> None:
        assert learner("a", mib=100, cpu=1, cells=[0.1, 0.2], explorer=[0.01]).ok

    def test_a_cell_not_run_is_a_failure(self) -> None:
        x = learner("a", mib=100, cpu=1, cells=[0.1, 0.2], explorer=[0.01])
        x.cells_run = 1
        assert not x.ok

    def test_no_explorer_update_is_a_failure(self) -> None:
        assert not learner("a", mib=100, cpu=1, cells=[0.1], explorer=[]).ok

    def test_an_error_is_a_failure(self) -> None:
        assert not learner("a", mib=100, cpu=1, cells=[0.1], explorer=[0.01], error="login: HTTP 403").ok

    def test_nothing_measured_is_a_failure(self) -> None:
        assert not Learner("a").ok


class TestSummary:
    """summary(): the room's figures and the derived capacity."""

    ROOM: ClassVar[list[Learner]] = [
        learner("a", mib=256, cpu=4.0, cells=[0.1, 0.3], explorer=[0.02, 0.04]),
        learner("b", mib=768, cpu=8.0, cells=[0.2, 0.4], explorer=[0.06, 0.08]),
    ]

    def test_memory_per_learner_and_learners_per_gib(self) -> None:
        figures = summary(self.ROOM, pace_s=1200)
        # mean of 256 and 768 MiB is 512 MiB: two learners per GiB
        assert (figures["mib_per_learner_mean"], figures["mib_per_learner_max"]) == (512, 768)
        assert figures["learners_per_gib"] == 2.0

    def test_server_and_kernel_shares(self) -> None:
        figures = summary(self.ROOM, pace_s=1200)
        assert figures["server_mib_mean"] == pytest.approx(384)
        assert figures["kernel_mib_mean"] == pytest.approx(128)

    def test_cpu_per_learner_and_learners_per_core(self) -> None:
        figures = summary(self.ROOM, pace_s=1200)
        # 6 CPU seconds per learner spread over 1,200 s: 1200 / 6 = 200 learners keep one core busy
        assert figures["cpu_s_per_learner_mean"] == 6.0
        assert figures["learners_per_core"] == 200.0

    def test_latencies_pool_every_learners_samples(self) -> None:
        figures = summary(self.ROOM, pace_s=1200)
        # cells 0.1 0.2 0.3 0.4: median 0.25 s; p95 rank 2.85 -> 0.3 + 0.85 * 0.1 = 0.385 s
        assert figures["cell_p50_ms"] == pytest.approx(250)
        assert figures["cell_p95_ms"] == pytest.approx(385)
        # explorer 0.02 0.04 0.06 0.08: p95 rank 2.85 -> 0.06 + 0.85 * 0.02 = 0.077 s
        assert figures["explorer_p95_ms"] == pytest.approx(77)

    def test_failures_are_counted(self) -> None:
        room = [*self.ROOM, learner("c", mib=300, cpu=1, cells=[0.1], explorer=[], error="start server: HTTP 500")]
        assert summary(room, pace_s=1200)["failures"] == 1

    def test_a_room_with_nothing_measured_gives_nan_not_an_error(self) -> None:
        figures = summary([Learner("a")], pace_s=1200)
        assert figures["failures"] == 1
        assert math.isnan(figures["learners_per_gib"])
        assert math.isnan(figures["learners_per_core"])


def test_render_aligns_every_value_in_one_column() -> None:
    lines = render(summary(TestSummary.ROOM, pace_s=1200)).splitlines()
    starts = {len(line) - len(line.split("  ")[-1].lstrip()) for line in lines if "(" not in line}
    assert len(lines) == 11
    assert lines[0].split() == ["learners", "2"]
    assert "512 / 768 MiB" in lines[6]
    assert len(starts) == 1, lines


def test_csv_has_one_row_per_learner_with_its_own_figures(tmp_path: Path) -> None:
    path = tmp_path / "learners.csv"
    write_csv(TestSummary.ROOM, path)
    rows = list(csv.DictReader(path.open()))
    assert list(rows[0]) == COLUMNS
    assert [r["learner"] for r in rows] == ["a", "b"]
    assert rows[1]["peak_rss_mib"] == "768.0"
    assert rows[1]["server_rss_mib"] == "576.0"  # 0.75 of 768
    assert rows[0]["cell_p50_ms"] == "200.0"  # median of 0.1 and 0.3 s
    assert rows[0]["ok"] == "True"
