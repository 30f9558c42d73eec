"""Course benchmark: explorer update latency and the time to run the whole course.

Prints, for every explorer in ``akskit.widgets``, the median and p95 time from a
control change to the figure updated (Python side: the observer runs the
library, then ``batch_update``), and the wall time to execute every notebook
from a fresh kernel against the time the same number of kernels need to start
and import the stack. Run: ``make bench`` or ``python benchmarks/bench_course.py``
(``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ipywidgets as w  # noqa: E402 - after the path fix so a plain checkout works
import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from akskit import widgets  # noqa: E402
from akskit.widgets import Explorer  # noqa: E402

# What every notebook's setup imports, plus the FigureWidget class its explorers are built on,
# in the order that imports fastest here (FigureWidget's own module first): the conservative baseline.
STACK = (
    "from plotly.graph_objs._figurewidget import FigureWidget\n"
    "import akskit\nfrom akskit import plots, widgets\nfrom akskit.exercises import check"
)


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _line(label: str, values: list[float], unit: str = "ms") -> str:
    return f"{label:<36} median {statistics.median(values):8.2f} {unit}   p95 {_p95(values):8.2f} {unit}"


def _changes(control: w.ValueWidget, n: int) -> list[object]:
    """Valid values to cycle through for one control."""
    if isinstance(control, (w.IntSlider, w.BoundedIntText)):
        span = range(control.min, control.max + 1, max(1, (control.max - control.min) // n or 1))
        return [v for v in span if v != control.value][:n] or [control.value]
    if isinstance(control, (w.Dropdown, w.ToggleButtons, w.RadioButtons)):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [o for o in options if o != control.value] * (n // max(1, len(options) - 1) + 1)
    return []


def explorer_latency(repeats: int) -> list[str]:
    """Median and p95 milliseconds from a control change to the figure updated, per explorer."""
    lines = []
    for name in widgets.__all__:
        cls = getattr(widgets, name)
        if not (isinstance(cls, type) and issubclass(cls, Explorer)) or cls is Explorer:
            continue
        ui = cls()
        timings, rejected = [], 0
        for control in ui.controls.values():
            original = control.value
            for value in _changes(control, repeats):
                start = time.perf_counter()
                control.value = value  # the observer recomputes and redraws synchronously
                elapsed = (time.perf_counter() - start) * 1000
                if ui.error:  # a combination the library rejects (max count below nodes): not a redraw
                    rejected += 1
                else:
                    timings.append(elapsed)
            control.value = original  # one control at a time, the others at their defaults
            assert not ui.error, ui.error
        note = f"   ({len(timings)} changes" + (f"; {rejected} rejected as bad input)" if rejected else ")")
        lines.append(_line(f"{name} update", timings) + note)
    return lines


def _run(nb: nbformat.NotebookNode, path: Path) -> float:
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", store_widget_state=False, resources={"metadata": {"path": str(path)}}
    ).execute()
    return time.perf_counter() - start


def course_time() -> list[str]:
    """Wall time to run every notebook, and the kernel-start-plus-import baseline it is held to."""
    books = sorted((ROOT / "notebooks").glob("*.ipynb"))
    course = sum(_run(nbformat.read(b, as_version=4), b.parent) for b in books)
    stack = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK)])
    baseline = sum(_run(stack, ROOT / "notebooks") for _ in books)
    return [
        f"{'whole course (' + str(len(books)) + ' notebooks)':<36} {course:8.2f} s",
        f"{'baseline: kernels start + import':<36} {baseline:8.2f} s",
        f"{'ratio (target <= 1.3)':<36} {course / baseline:8.2f}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no whole-course run")
    args = parser.parse_args()
    print("[1] explorer: control change to figure updated (Python side)")
    for line in explorer_latency(5 if args.quick else 25):
        print(line)
    if not args.quick:
        print("\n[2] whole course from fresh kernels")
        for line in course_time():
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
