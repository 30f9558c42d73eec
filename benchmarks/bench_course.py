"""Course benchmark: explorer update latency, the first explorer in a fresh kernel, the whole course.

Prints, for every explorer in ``akskit.widgets``, the median and p95 time from a
control change to the figure updated (Python side: the observer runs the
library, ``batch_update``, then the message to the page); the time a fresh
kernel takes to build its first explorer after the notebooks' setup imports
(beside plotly's ``FigureWidget``, the path before issue 11) and the kernel's
memory after building every explorer; and the wall time to execute every notebook
from a fresh kernel against the time the same number of kernels need to start
and import the stack, with each notebook kernel's peak memory. Run: ``make bench``
or ``python benchmarks/bench_course.py`` (``--quick`` for a smoke run; ``--root DIR``
measures [2] on another checkout, such as ``git archive`` of an older commit).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ipywidgets as w  # noqa: E402 - after the path fix so a plain checkout works
import nbformat  # noqa: E402
from jupyter_client.manager import start_new_kernel  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from akskit import widgets  # noqa: E402
from akskit.widgets import Explorer  # noqa: E402

# What every notebook's setup imports (explorers no longer build plotly's FigureWidget, so its
# import chain, once part of this baseline, is no longer anyone's cost).
STACK = "import akskit\nfrom akskit import plots, widgets\nfrom akskit.exercises import check"


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


# The kernel's resident memory now and at its peak (Linux /proc), in MiB, printed by a cell.
MEMORY = (
    "import re as _re\n"
    "_s = open('/proc/self/status').read()\n"
    "print(*(int(_re.search(k + r':\\s+(\\d+)', _s).group(1)) / 1024 for k in ('VmRSS', 'VmHWM')))"
)

# The notebooks' setup cell (CONTRIBUTING.md), on the checkout at {root}.
SETUP = (
    "import sys\nsys.path.insert(0, {root!r})\n"
    "import akskit\nfrom akskit import plots, widgets\nfrom akskit.exercises import check"
)

# Cell timed in a fresh kernel after SETUP: the first explorer, as notebook 03 builds it.
FIRST = "import time as _t\n_s = _t.perf_counter()\nui = widgets.KubenetExplorer()\nprint(_t.perf_counter() - _s)"

# The path before issue 11: the same explorer's figure as plotly's FigureWidget (its import chain included).
FIGUREWIDGET = (
    "import time as _t\nimport plotly.graph_objects as _go\n_f = widgets.KubenetExplorer().figure\n"
    "_s = _t.perf_counter()\n_go.FigureWidget(_f)\nprint(_t.perf_counter() - _s)"
)

# Every explorer built, shown (its display bundle) and changed once, then the memory cell.
ALL = (
    "_uis = [getattr(widgets, n)() for n in ('KubenetExplorer', 'AzureCniExplorer', 'UpgradeExplorer',"
    " 'CompareExplorer', 'PlannerApp')]\n"
    "for _u in _uis:\n    _u._repr_mimebundle_()\n    _u.refresh()\n" + MEMORY
)


def _cell(kc: object, code: str) -> str:
    """Run ``code`` in the kernel behind ``kc``; its printed text (an error raises)."""
    out: list[str] = []

    def hook(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))

    reply = kc.execute_interactive(code, timeout=120, output_hook=hook)  # type: ignore[attr-defined]
    if reply["content"]["status"] != "ok":
        raise RuntimeError(reply["content"].get("evalue", "cell failed"))
    return "".join(out)


def _fresh(root: Path, cells: list[str]) -> list[str]:
    """Start a kernel (as Jupyter does), run the setup cell, then ``cells``: what each printed."""
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(root / "notebooks"), stderr=subprocess.DEVNULL)
    try:
        _cell(kc, SETUP.format(root=str(root)))
        return [_cell(kc, c) for c in cells]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def fresh_kernel(root: Path, repeats: int) -> list[str]:
    """The first explorer in a fresh kernel (median of ``repeats`` kernels), plotly's FigureWidget, memory."""
    first, widget, rss, peak = [], [], [], []
    for _ in range(repeats):
        first.append(float(_fresh(root, [FIRST])[0]) * 1000)
        widget.append(float(_fresh(root, [FIGUREWIDGET])[0]) * 1000)
        now, top = _fresh(root, [ALL])[0].split()
        rss.append(float(now))
        peak.append(float(top))
    return [
        _line("first explorer built (target 300)", first),
        _line("plotly FigureWidget (before)", widget),
        _line("memory: all explorers (target 150)", rss, "MiB") + f"   peak {max(peak):6.1f} MiB",
    ]


def _run(nb: nbformat.NotebookNode, path: Path) -> tuple[float, float]:
    """Seconds to execute ``nb`` in a fresh kernel, and that kernel's peak memory (MiB) at the end."""
    nb.cells.append(nbformat.v4.new_code_cell(MEMORY))
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", store_widget_state=False, resources={"metadata": {"path": str(path)}}
    ).execute()
    seconds = time.perf_counter() - start
    return seconds, float(nb.cells[-1].outputs[0]["text"].split()[1])


def course_time() -> list[str]:
    """Wall time to run every notebook, the kernel-start-plus-import baseline, and each kernel's peak memory."""
    books = sorted((ROOT / "notebooks").glob("*.ipynb"))
    runs = {b.stem: _run(nbformat.read(b, as_version=4), b.parent) for b in books}
    course = sum(seconds for seconds, _ in runs.values())
    stack = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK)])
    baseline = sum(_run(stack, ROOT / "notebooks")[0] for _ in books)
    heaviest = max(runs, key=lambda b: runs[b][1])
    return [
        f"{'whole course (' + str(len(books)) + ' notebooks)':<36} {course:8.2f} s",
        f"{'baseline: kernels start + import':<36} {baseline:8.2f} s",
        f"{'ratio (target <= 1.5, issue 11)':<36} {course / baseline:8.2f}",
        f"{'kernel peak memory, max (target 150)':<36} {runs[heaviest][1]:8.1f} MiB   ({heaviest})",
        "  " + ", ".join(f"{b[:2]} {mib:.0f}" for b, (_, mib) in runs.items()),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no whole-course run")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose akskit [2] measures (default: this)")
    args = parser.parse_args()
    print("[1] explorer: control change to figure updated (Python side)")
    for line in explorer_latency(5 if args.quick else 25):
        print(line)
    print("\n[2] fresh kernel: setup imports, then the first explorer (ms); memory after every explorer")
    for line in fresh_kernel(args.root.resolve(), 1 if args.quick else 5):
        print(line)
    if not args.quick:
        print("\n[3] whole course from fresh kernels")
        for line in course_time():
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
