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


def test_the_course_has_six_notebooks() -> None:
    """01 to 06, one each."""
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06"], [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
class TestNotebook:
    """One notebook against the rules in CONTRIBUTING.md."""

    def test_name(self, path: Path) -> None:
        """NN_snake_case.ipynb."""
        assert re.fullmatch(r"\d\d_[a-z0-9]+(_[a-z0-9]+)*\.ipynb", path.name)

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
        """Each exercise has a checker call and a folded solution; the notebook ends with key points."""
        cells = _load(path)["cells"]
        headings = [
            i
            for i, c in enumerate(cells)
            if c["cell_type"] == "markdown" and re.match(r"#+ Exercise \d+\.\d+", _source(c))
        ]
        if int(path.name[:2]) >= 3:
            assert len(headings) >= 3
        for i in headings:
            number = re.match(r"#+ Exercise (\d+\.\d+)", _source(cells[i])).group(1)  # type: ignore[union-attr]
            assert f'check("{number}"' in _source(cells[i + 1])
            assert "<details>" in _source(cells[i + 2])
        assert any(c["cell_type"] == "markdown" and _source(c).startswith("## Key points") for c in cells[-2:])


def _stated_minutes(path: Path) -> int:
    match = re.search(r"\*\*Time:\*\* about (\d+) minutes", _source(_load(path)["cells"][0]))
    assert match, f"{path.name}: the first cell states no '**Time:** about N minutes'"
    return int(match.group(1))


def test_instructor_guide_timings_match_the_notebooks() -> None:
    """The guide's table repeats each notebook's minutes, and its total is their sum (one source of truth)."""
    guide = (NOTEBOOKS[0].parent / "README.md").read_text(encoding="utf-8")
    table = {name: int(minutes) for name, minutes in re.findall(r"^\| \d\d \| `([^`]+)` \| (\d+) \|", guide, re.M)}
    stated = {p.name: _stated_minutes(p) for p in NOTEBOOKS}
    assert table == stated
    assert f"{sum(stated.values())} minutes in all" in guide
