"""House rules for the course notebooks: names, structure, no outputs, thin cells, exercises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
SETUP = 'if sys.platform == "emscripten":'


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:  # type: ignore[type-arg]
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


#: ``NN_name.ipynb`` for the course in order; ``A1_name.ipynb`` for an appendix.
NAME = re.compile(r"(\d\d|A\d)_[a-z0-9]+(_[a-z0-9]+)*\.ipynb")
#: An exercise heading inside a Markdown cell: "### Exercise 3.2 ..." (not a prediction: those start **Predict.**).
EXERCISE_HEADING = re.compile(r"^#+ Exercise (\d+\.\d+)\b", re.M)
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([^"']+)["']""")


def _number(path: Path) -> int | None:
    """01 -> 1 for a course notebook; None for an appendix (A1_...)."""
    return int(path.name[:2]) if path.name[:2].isdigit() else None


def test_the_course_has_its_notebooks_in_order() -> None:
    """01 to 06 at least, numbered without a gap, one each; anything else is an appendix (A1, A2, ...)."""
    numbers = [n for n in map(_number, NOTEBOOKS) if n is not None]
    assert numbers == list(range(1, len(numbers) + 1)), [p.name for p in NOTEBOOKS]
    assert len(numbers) >= 6, [p.name for p in NOTEBOOKS]
    appendices = [p.name for p in NOTEBOOKS if _number(p) is None]
    assert all(name.startswith("A") for name in appendices), appendices


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
class TestNotebook:
    """One notebook against the rules in CONTRIBUTING.md."""

    def test_name(self, path: Path) -> None:
        """NN_snake_case.ipynb (A1_snake_case.ipynb for an appendix)."""
        assert NAME.fullmatch(path.name), path.name

    def test_committed_clean(self, path: Path) -> None:
        """No outputs, no execution counts, no widget state."""
        nb = _load(path)
        assert "widgets" not in nb.get("metadata", {})
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [], _source(cell)[:60]
                assert cell["execution_count"] is None

    def test_title_objectives_time_first(self, path: Path) -> None:
        """An H1 title, learning objectives and an estimated time open the notebook."""
        first = _source(_load(path)["cells"][0])
        assert first.startswith("# ")
        assert "objectives" in first.lower()
        assert re.search(r"\d+\s*minutes", first)

    def test_one_setup_cell(self, path: Path) -> None:
        """The second cell is the setup cell that also works in the browser-only build."""
        cell = _load(path)["cells"][1]
        assert cell["cell_type"] == "code"
        assert SETUP in _source(cell)
        assert "import akskit" in _source(cell)

    def test_thin_cells(self, path: Path) -> None:
        """No definitions outside exercises, no heavy imports, no long cells."""
        for cell in _load(path)["cells"]:
            if cell["cell_type"] != "code":
                continue
            text = _source(cell)
            assert not re.search(r"^\s*(def|class) ", text, re.M), text[:80]
            assert not re.search(r"^\s*(import|from) (pandas|numpy|plotly|ipywidgets)", text, re.M), text[:80]
            assert len(text.strip().splitlines()) <= 12, text[:80]

    def test_exercises_and_key_points(self, path: Path) -> None:
        """Each exercise heading: its check() cell, then a folded solution; course notebooks end with key points."""
        cells = _load(path)["cells"]
        headings = [
            (i, EXERCISE_HEADING.findall(_source(c))[-1])
            for i, c in enumerate(cells)
            if c["cell_type"] == "markdown" and EXERCISE_HEADING.search(_source(c))
        ]
        number = _number(path)
        if number is not None and number >= 3:
            assert len(headings) >= 3
        for i, exercise in headings:
            assert cells[i + 1]["cell_type"] == "code", f"Exercise {exercise}: the next cell is not its check() cell"
            assert f'check("{exercise}"' in _source(cells[i + 1]), (
                f"Exercise {exercise}: no check({exercise!r}) after it"
            )
            assert "<details>" in _source(cells[i + 2]), f"Exercise {exercise}: no folded solution after its cell"
        if number is not None:
            assert any(c["cell_type"] == "markdown" and _source(c).startswith("## Key points") for c in cells[-2:])

    def test_every_exercise_check_sits_under_its_heading(self, path: Path) -> None:
        """check("N.K") follows "Exercise N.K"; check("N.pK") is a prediction, checked in tests/test_predictions.py."""
        cells = _load(path)["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            for question in CHECK_CALL.findall(_source(cell)):
                if ".p" in question:
                    continue
                above = _source(cells[i - 1]) if cells[i - 1]["cell_type"] == "markdown" else ""
                assert question in EXERCISE_HEADING.findall(above)[-1:], (
                    f"cell {i}: check({question!r}) must come right after a Markdown cell ending in "
                    f"'### Exercise {question}'"
                )


def _stated_minutes(path: Path) -> int:
    match = re.search(r"\*\*Time:\*\* about (\d+) minutes", _source(_load(path)["cells"][0]))
    assert match, f"{path.name}: the first cell states no '**Time:** about N minutes'"
    return int(match.group(1))


def test_instructor_guide_timings_match_the_notebooks() -> None:
    """The guide's table repeats each notebook's minutes, and its total is their sum (one source of truth)."""
    guide = (NOTEBOOKS[0].parent / "README.md").read_text(encoding="utf-8")
    table = {
        name: int(minutes) for name, minutes in re.findall(r"^\| (?:\d\d|A\d) \| `([^`]+)` \| (\d+) \|", guide, re.M)
    }
    stated = {p.name: _stated_minutes(p) for p in NOTEBOOKS}
    assert table == stated
    assert f"{sum(stated.values())} minutes in all" in guide


def test_readme_lists_every_notebook() -> None:
    """The top-level README names each course notebook in its table (``| 07 ...``) or links it by file name."""
    readme = (NOTEBOOKS[0].parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [
        p.name
        for p in NOTEBOOKS
        if f"notebooks/{p.name}" not in readme and not re.search(rf"^\| {re.escape(p.name[:2])} ", readme, re.M)
    ]
    assert missing == []
