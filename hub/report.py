"""The classroom load test's figures: per-learner rows, the room's summary, the CSV and the plot.

Pure arithmetic on what hub/classroom_load.py measured (tests/test_hub_report.py checks it
against values worked by hand); nothing here starts a process or reads the clock.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIB = 1024 * 1024


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks (numpy's default).

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    """
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100 (got {q!r})")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Learner:
    """What one simulated learner measured (times in seconds, memory in bytes)."""

    name: str
    cells_total: int = 0
    cells_run: int = 0
    server_ready_s: float = math.nan
    first_explorer_s: float = math.nan
    cell_s: list[float] = field(default_factory=list)
    explorer_s: list[float] = field(default_factory=list)
    peak_rss: int = 0  # server + kernel, at the sample where their sum was largest
    peak_server_rss: int = 0
    peak_kernel_rss: int = 0
    cpu_s: float = math.nan  # server + kernel, user + system
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.cells_total > 0 and self.cells_run == self.cells_total and bool(self.explorer_s)


COLUMNS = [
    "learner", "ok", "error", "server_ready_s", "first_explorer_s", "cells_run", "cells_total",
    "cell_p50_ms", "cell_p95_ms", "explorer_updates", "explorer_p95_ms", "peak_rss_mib",
    "server_rss_mib", "kernel_rss_mib", "cpu_s",
]  # fmt: skip


def row(learner: Learner) -> dict[str, Any]:
    """One CSV row: the learner's own figures."""
    return {
        "learner": learner.name,
        "ok": learner.ok,
        "error": learner.error,
        "server_ready_s": round(learner.server_ready_s, 3),
        "first_explorer_s": round(learner.first_explorer_s, 3),
        "cells_run": learner.cells_run,
        "cells_total": learner.cells_total,
        "cell_p50_ms": round(1000 * percentile(learner.cell_s, 50), 1),
        "cell_p95_ms": round(1000 * percentile(learner.cell_s, 95), 1),
        "explorer_updates": len(learner.explorer_s),
        "explorer_p95_ms": round(1000 * percentile(learner.explorer_s, 95), 1),
        "peak_rss_mib": round(learner.peak_rss / MIB, 1),
        "server_rss_mib": round(learner.peak_server_rss / MIB, 1),
        "kernel_rss_mib": round(learner.peak_kernel_rss / MIB, 1),
        "cpu_s": round(learner.cpu_s, 2),
    }


def write_csv(learners: list[Learner], path: Path) -> None:
    """``learners.csv``: one row per learner, the columns of :data:`COLUMNS`."""
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(row(learner) for learner in learners)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def summary(learners: list[Learner], *, pace_s: float) -> dict[str, Any]:
    """The room's figures: times over all learners, failures, memory and CPU per learner, and capacity.

    Capacity: one GiB holds ``1024 / (mean peak MiB per learner)`` learners (measured); one core
    holds ``pace_s / (mean CPU seconds per learner)`` learners, if each learner's work (the whole
    notebook and the explorer changes) is spread over ``pace_s`` seconds of a workshop (an
    assumption, printed beside the figure).
    """
    measured = [x for x in learners if x.peak_rss > 0]
    ready = [x.server_ready_s for x in learners if not math.isnan(x.server_ready_s)]
    explorer = [x.first_explorer_s for x in learners if not math.isnan(x.first_explorer_s)]
    cpu = [x.cpu_s for x in learners if not math.isnan(x.cpu_s)]
    mib = [x.peak_rss / MIB for x in measured]
    mean_mib, mean_cpu = _mean(mib), _mean(cpu)
    return {
        "learners": len(learners),
        "failures": sum(not x.ok for x in learners),
        "server_ready_p50_s": percentile(ready, 50),
        "server_ready_max_s": max(ready, default=math.nan),
        "first_explorer_p50_s": percentile(explorer, 50),
        "first_explorer_max_s": max(explorer, default=math.nan),
        "cell_p50_ms": 1000 * percentile([s for x in learners for s in x.cell_s], 50),
        "cell_p95_ms": 1000 * percentile([s for x in learners for s in x.cell_s], 95),
        "explorer_p50_ms": 1000 * percentile([s for x in learners for s in x.explorer_s], 50),
        "explorer_p95_ms": 1000 * percentile([s for x in learners for s in x.explorer_s], 95),
        "mib_per_learner_mean": mean_mib,
        "mib_per_learner_max": max(mib, default=math.nan),
        "server_mib_mean": _mean([x.peak_server_rss / MIB for x in measured]),
        "kernel_mib_mean": _mean([x.peak_kernel_rss / MIB for x in measured]),
        "cpu_s_per_learner_mean": mean_cpu,
        "cpu_s_per_learner_max": max(cpu, default=math.nan),
        "pace_s": pace_s,
        "learners_per_gib": 1024 / mean_mib if mib else math.nan,
        "learners_per_core": pace_s / mean_cpu if cpu and mean_cpu > 0 else math.nan,
    }  # fmt: skip


LINES = [
    ("learners", "learners", "{:.0f}"),
    ("failures", "failures", "{:.0f}"),
    ("server ready, median / max", ("server_ready_p50_s", "server_ready_max_s"), "{:.1f} / {:.1f} s"),
    ("first explorer, median / max", ("first_explorer_p50_s", "first_explorer_max_s"), "{:.1f} / {:.1f} s"),
    ("cell latency p50 / p95", ("cell_p50_ms", "cell_p95_ms"), "{:.0f} / {:.0f} ms"),
    ("explorer update p50 / p95", ("explorer_p50_ms", "explorer_p95_ms"), "{:.0f} / {:.0f} ms"),
    ("memory per learner, mean / max", ("mib_per_learner_mean", "mib_per_learner_max"), "{:.0f} / {:.0f} MiB"),
    ("  of which server / kernel", ("server_mib_mean", "kernel_mib_mean"), "{:.0f} / {:.0f} MiB"),
    ("CPU per learner, mean / max", ("cpu_s_per_learner_mean", "cpu_s_per_learner_max"), "{:.1f} / {:.1f} s"),
    ("learners per GiB (memory)", "learners_per_gib", "{:.1f}"),
    ("learners per core", "learners_per_core", "{:.0f}"),
]


def render(figures: dict[str, Any]) -> str:
    """The summary as aligned lines (label, value), one figure a line."""
    width = max(len(label) for label, _, _ in LINES)
    out = []
    for label, keys, fmt in LINES:
        values = [figures[k] for k in ((keys,) if isinstance(keys, str) else keys)]
        text = fmt.format(*values)
        if keys == "learners_per_core":
            cpu, pace = figures["cpu_s_per_learner_mean"], figures["pace_s"]
            text += f"  (if each learner's {cpu:.1f} CPU s spread over {pace:.0f} s of workshop)"
        out.append(f"{label:<{width}}  {text}")
    return "\n".join(out)


def write_plot(learners: list[Learner], figures: dict[str, Any], path: Path) -> None:
    """A self-contained HTML page (plotly.js inlined, nothing fetched): per-learner times, latency, memory, CPU."""
    from plotly.subplots import make_subplots  # only here: the report maths need no plotly

    names = [x.name for x in learners]
    fig = make_subplots(
        rows=2, cols=2, subplot_titles=(
            "time to server ready and to first explorer (s)", "cell latency p50 / p95 (ms)",
            "peak memory, server + kernel (MiB)", "CPU seconds (server + kernel)",
        ),
    )  # fmt: skip
    rows = [row(x) for x in learners]
    fig.add_bar(x=names, y=[r["server_ready_s"] for r in rows], name="server ready", row=1, col=1)
    fig.add_bar(x=names, y=[r["first_explorer_s"] for r in rows], name="first explorer", row=1, col=1)
    fig.add_bar(x=names, y=[r["cell_p50_ms"] for r in rows], name="cell p50", row=1, col=2)
    fig.add_bar(x=names, y=[r["cell_p95_ms"] for r in rows], name="cell p95", row=1, col=2)
    fig.add_bar(x=names, y=[r["server_rss_mib"] for r in rows], name="server", row=2, col=1)
    fig.add_bar(x=names, y=[r["kernel_rss_mib"] for r in rows], name="kernel", row=2, col=1)
    fig.add_bar(x=names, y=[r["cpu_s"] for r in rows], name="CPU s", row=2, col=2)
    fig.update_layout(
        barmode="group", height=800,
        title=f"classroom load test: {figures['learners']} learners, {figures['failures']} failures, "
        f"{figures['mib_per_learner_mean']:.0f} MiB and {figures['cpu_s_per_learner_mean']:.1f} CPU s per learner",
    )  # fmt: skip
    fig.write_html(path, include_plotlyjs=True, include_mathjax=False, full_html=True)
