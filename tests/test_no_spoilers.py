"""No notebook shows the answer before it asks: every exercise and prediction needs new work.

Each notebook in ``notebooks/`` is executed once (in a temporary copy of the folder, two at a
time). For every code cell that calls ``check("N.K", answer)`` or ``check("N.pK", answer)``,
none of that question's :attr:`~akskit.exercises.Exercise.spoilers` may appear as a whole token
("8" is not in "18", "1,8" or "8.5") in any cell above it: Markdown and code sources, and what
the executed cells show (streams, Markdown, HTML without its scripts, plain text, errors, and
the titles, labels, annotations and legend names of Plotly figures). A live widget renders
from its state, not from a saved output, so what an explorer shows is not scanned.

A prediction asks first and reveals in the cells after it, so the same rule holds for it: its
answer must not be on screen above the prediction cell.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from akskit.exercises import QUESTIONS, Exercise, Feedback
from akskit.exercises._core import expect_number, expect_prefix, spoiler_pattern

pytestmark = pytest.mark.kernel  # executes notebooks: `make test`, not the fast `make check`

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
#: A checked call in a code cell: check("3.2", answer) or check("3.p1", answer).
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([^"']+)["']""")
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"
#: Kernels at once: the test machine has two cores.
PARALLEL = 2
CELL_TIMEOUT = 300


def _source(cell: Mapping[str, Any]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


def _html_text(markup: str) -> str:
    """What a browser shows of ``markup``: scripts and styles dropped, tags removed, entities decoded."""
    markup = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", markup, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


#: Keys whose strings a Plotly figure draws (title, axis titles, tick labels, annotations).
WORD_KEYS = frozenset({"text", "title", "ticktext"})


def _words(value: Any, key: str = "") -> list[str]:
    """The strings under ``WORD_KEYS`` anywhere in ``value`` (a figure's layout), tags removed."""
    if isinstance(value, str):
        return [_html_text(value)] if key in WORD_KEYS else []
    if isinstance(value, list):
        return [word for item in value for word in _words(item, key)]
    if isinstance(value, dict):
        return [word for child, item in value.items() for word in _words(item, child)]
    return []


def _figure_text(figure: Mapping[str, Any]) -> str:
    """The words a Plotly figure draws: layout text, legend names, text labels and table cells; not coordinates."""
    found = _words(figure.get("layout", {}))
    for trace in figure.get("data", []):
        if trace.get("showlegend", True) is not False and isinstance(trace.get("name"), str):
            found.append(trace["name"])
        if "text" in str(trace.get("mode", "")) or "texttemplate" in trace:
            found += _words(trace.get("text", ""), "text")
        if trace.get("type") == "table":
            found += _words(
                [trace.get("header", {}).get("values", []), trace.get("cells", {}).get("values", [])], "text"
            )
    return "\n".join(found)


def output_text(output: Mapping[str, Any]) -> str:
    """What one output shows on screen, as text (the richest format a notebook renders)."""
    kind = output.get("output_type")
    if kind == "stream":
        return _source({"source": output.get("text", "")})
    if kind == "error":
        return f"{output.get('ename', '')}: {output.get('evalue', '')}"
    data = output.get("data", {})
    if WIDGET in data:
        return ""
    if PLOTLY in data:
        return _figure_text(data[PLOTLY])
    if "text/html" in data:
        return _html_text(_source({"source": data["text/html"]}))
    for mime in ("text/markdown", "text/plain"):
        if mime in data:
            return _source({"source": data[mime]})
    return ""


def spoiler_findings(cells: list[Mapping[str, Any]], questions: Mapping[str, Exercise]) -> list[str]:
    """One line per question whose spoiler is on screen above it (or whose id is not registered)."""
    problems: list[str] = []
    shown: list[tuple[str, str]] = []  # (where, text) of every cell above, sources and outputs
    for index, cell in enumerate(cells):
        source = _source(cell)
        if cell["cell_type"] == "code":
            for question_id in CHECK_CALL.findall(source):
                question = questions.get(question_id)
                if question is None:
                    problems.append(f"cell {index}: check({question_id!r}) is no registered exercise or prediction")
                    continue
                problems.extend(_shown_above(question, index, shown))
        shown.append((f"cell {index} ({cell['cell_type']} source)", source))
        for number, output in enumerate(cell.get("outputs", [])):
            shown.append((f"cell {index} (output {number})", output_text(output)))
    return problems


def _shown_above(question: Exercise, index: int, shown: list[tuple[str, str]]) -> list[str]:
    kind = "prediction" if question.is_prediction else "exercise"
    problems = []
    for spoiler in question.spoilers:
        pattern = spoiler_pattern(spoiler)
        places = [(where, match) for where, text in shown if (match := pattern.search(text))]
        if places:
            where, match = places[0]
            context = match.string[max(0, match.start() - 50) : match.end() + 50].replace("\n", " ")
            more = f" (and {len(places) - 1} more places)" if len(places) > 1 else ""
            problems.append(
                f"{kind} {question.id} (cell {index}): its answer {spoiler!r} is shown above it in {where}{more}: "
                f"...{context}..."
            )
    return problems


def execute(paths: list[Path], folder: Path) -> dict[str, nbformat.NotebookNode]:
    """Run each notebook in ``folder`` (a copy), ``PARALLEL`` kernels at a time; errors stay in the outputs."""

    async def run_all() -> dict[str, nbformat.NotebookNode]:
        gate = asyncio.Semaphore(PARALLEL)

        async def run(path: Path) -> tuple[str, nbformat.NotebookNode]:
            async with gate:
                notebook = nbformat.read(folder / path.name, as_version=4)
                client = NotebookClient(
                    notebook,
                    timeout=CELL_TIMEOUT,
                    kernel_name="python3",
                    allow_errors=True,
                    resources={"metadata": {"path": str(folder)}},
                )
                await client.async_execute()
                return path.name, notebook

        return dict(await asyncio.gather(*(run(path) for path in paths)))

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run_all()).result()


def errors_in(notebook: nbformat.NotebookNode) -> list[str]:
    """Cells that raised (other than those tagged ``raises-exception``)."""
    return [
        f"cell {index}: {output.get('ename')}: {output.get('evalue')}"
        for index, cell in enumerate(notebook.cells)
        if "raises-exception" not in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, nbformat.NotebookNode]:
    """Every course notebook, executed once in a temporary copy of ``notebooks/``."""
    folder = tmp_path_factory.mktemp("course") / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, folder)
    return execute(NOTEBOOKS, folder)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_answer_is_shown_above_its_question(executed: dict[str, nbformat.NotebookNode], path: Path) -> None:
    """No spoiler of an exercise or prediction in any cell or output above its check() cell."""
    notebook = executed[path.name]
    assert not errors_in(notebook), f"{path.name} raised, so its outputs cannot be scanned: {errors_in(notebook)}"
    problems = spoiler_findings(notebook.cells, QUESTIONS)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


# The scan itself, proven on a small notebook written here ---------------------------------


def _number(value: int) -> Exercise:
    return Exercise("9.1", "How many?", lambda a: expect_number(a, value, why="", mistakes={}))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[nbformat.NotebookNode]:
    """A small notebook, executed once; each test below scans a slice of its cells."""
    folder = tmp_path_factory.mktemp("synthetic")
    cells = [
        nbformat.v4.new_code_cell("def check(question_id, answer):\n    return None"),
        nbformat.v4.new_code_cell("print('it runs out at', 2 * 9 * 50, 'IPs')"),  # 1: 900 only in the output
        nbformat.v4.new_markdown_cell("The plan needs **1,891** IPs."),  # 2
        nbformat.v4.new_code_cell("x = 1891"),  # 3
        nbformat.v4.new_markdown_cell("18 nodes, 1,8 and 8.5 and 8,000 and 10.8.0.0/16"),  # 4
        nbformat.v4.new_markdown_cell("**Predict.** Which prefix?"),  # 5
        nbformat.v4.new_code_cell('answer = ...\ncheck("9.p1", answer)'),  # 6
        nbformat.v4.new_code_cell("print('10.0.0.0/' + str(3 * 7))"),  # 7: /21 only in the output
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), folder / "99_synthetic.ipynb")
    notebook = execute([folder / "99_synthetic.ipynb"], folder)["99_synthetic.ipynb"]
    assert not errors_in(notebook)
    return list(notebook.cells)


ASK_91 = nbformat.v4.new_code_cell('answer = ...\ncheck("9.1", answer)')


def test_scan_finds_a_spoiler_in_an_executed_output(synthetic: list[nbformat.NotebookNode]) -> None:
    """An answer printed by a cell above (not in its source) is found, with where it was."""
    problems = spoiler_findings([*synthetic[:2], ASK_91], {"9.1": _number(900)})
    assert len(problems) == 1
    assert problems[0].startswith("exercise 9.1 (cell 2): its answer '900' is shown above it in cell 1 (output 0)")


def test_scan_finds_a_spoiler_in_markdown_and_in_both_spellings(synthetic: list[nbformat.NotebookNode]) -> None:
    """'1,891' in prose and '1891' in code both give 1,891 away."""
    problems = spoiler_findings([*synthetic[2:4], ASK_91], {"9.1": _number(1891)})
    assert len(problems) == 2
    assert "'1,891' is shown above it in cell 0 (markdown source)" in problems[0]
    assert "'1891' is shown above it in cell 1 (code source)" in problems[1]


def test_scan_matches_whole_tokens_only(synthetic: list[nbformat.NotebookNode]) -> None:
    """'8' is not in '18', '1,8', '8.5', '8,000' or '10.8.0.0'; '18' is."""
    assert spoiler_findings([synthetic[4], ASK_91], {"9.1": _number(8)}) == []
    assert len(spoiler_findings([synthetic[4], ASK_91], {"9.1": _number(18)})) == 1


def test_scan_ignores_what_comes_after(synthetic: list[nbformat.NotebookNode]) -> None:
    """The reveal below a prediction is the point: only the cells above count."""
    prediction = Exercise("9.p1", "Guess", lambda a: expect_prefix(a, 21, why=""))
    assert spoiler_findings(synthetic, {"9.p1": prediction}) == []
    moved = [synthetic[5], synthetic[7], synthetic[6]]
    problems = spoiler_findings(moved, {"9.p1": prediction})
    assert len(problems) == 1
    assert problems[0].startswith("prediction 9.p1 (cell 2): its answer '/21' is shown above it in cell 1 (output 0)")


def test_scan_reads_figure_text_but_not_scripts_or_coordinates() -> None:
    """A figure's annotation gives the answer away; its data coordinates and an HTML script do not."""
    figure = {
        "data": [{"type": "scatter", "x": [228, 229], "y": [1, 2], "name": "kubenet"}],
        "layout": {"title": {"text": "IPs"}, "annotations": [{"text": "runs out at <b>228</b> nodes"}]},
    }
    assert "228" in output_text({"output_type": "display_data", "data": {PLOTLY: figure}})
    figure["layout"]["annotations"] = []  # type: ignore[index]
    assert "228" not in output_text({"output_type": "display_data", "data": {PLOTLY: figure}})
    page = {"text/html": "<div>summary: 12 nodes</div><script>var x = [228];</script>", "text/plain": "228"}
    assert output_text({"output_type": "display_data", "data": page}).split() == ["summary:", "12", "nodes"]


def test_scan_reports_an_unregistered_id() -> None:
    """A check() call whose id no module declares is a finding, not a silent pass."""
    cells = [nbformat.v4.new_code_cell('answer = ...\ncheck("9.7", answer)')]
    assert spoiler_findings(cells, {}) == ["cell 0: check('9.7') is no registered exercise or prediction"]


def test_declared_spoilers_are_used() -> None:
    """An exercise whose checker cannot be probed declares its spoilers, and those are scanned."""
    exercise = Exercise("9.2", "Which CIDR?", lambda a: Feedback(False, "no"), spoilers=("10.1.0.0/16",))
    cells = [nbformat.v4.new_markdown_cell("Try 10.1.0.0/16."), nbformat.v4.new_code_cell('check("9.2", answer)')]
    assert "'10.1.0.0/16'" in spoiler_findings(cells, {"9.2": exercise})[0]
