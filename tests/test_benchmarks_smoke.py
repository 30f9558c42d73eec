"""benchmarks/bench.py runs and prints every section: a smoke test, never a timing threshold."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"
NUMBER = r"\s+median\s+-?\d+\.\d+ (?:us|ms)"


def test_bench_quick_runs_and_prints_every_section(tmp_path: Path) -> None:
    """benchmarks/bench.py --quick prints a median for every label of sections [1] to [6]."""
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    for label in (
        r"plan \(canonical\)",
        r"plan \(overlay, 3 pools\)",
        r"curves by nodes \(1-5000\)",
        r"curves by max pods \(10-250\)",
        r"import akskit \(-X importtime\)",
        r"import akskit \(wall - pass\)",
        r"python -m akskit plan",
        # [5] big inputs (issue 7's scale figures)
        r"5,000 --peer ranges \(cli\)",
        r"\d+ crafted peers \(plan\)",
        r"100,000-pool spec refused",
        r"100,000 pools \(mapping\)",
        r"1,000 pools, names checked",
        # [6] issue 10: akskit import of a 100-pool cluster (target < 50 ms, printed, never asserted)
        r"100-pool import \(\d+ KB\)",
        r"100-pool import \(cli\)",
    ):
        assert re.search(rf"^{label}{NUMBER}", result.stdout, re.MULTILINE), f"{label!r} missing:\n{result.stdout}"
    assert re.search(r"^\[5\] big inputs", result.stdout, re.MULTILINE), result.stdout
    assert re.search(r"^\[6\] akskit import .*target < 50 ms", result.stdout, re.MULTILINE), result.stdout


def test_course_bench_quick_times_every_explorer(tmp_path: Path) -> None:
    """benchmarks/bench_course.py --quick drives every explorer without an input error."""
    script = BENCH.parent / "bench_course.py"
    result = subprocess.run(
        [sys.executable, str(script), "--quick"], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("KubenetExplorer", "AzureCniExplorer", "UpgradeExplorer", "CompareExplorer", "PlannerApp"):
        assert re.search(rf"^{name} update{NUMBER}", result.stdout, re.MULTILINE), result.stdout
