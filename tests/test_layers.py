"""The layers hold by test, not by discipline: every import in ``akskit/`` against CONTRIBUTING's table.

The rule has one home, the fenced ``layers`` block in CONTRIBUTING.md: each row names a
layer, its files, and what it may import besides the standard library and itself. This
test parses that block, walks every ``import`` in ``akskit/**/*.py`` with :mod:`ast`
(imports inside functions and ``from akskit import x`` included), and fails on any import
the row does not allow. A few invariants from the design (the engine needs nothing, only
``plots`` touches plotly, ...) are asserted on the parsed table, so loosening the table
is a visible change to this file too.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
PACKAGE = "akskit"


@dataclass(frozen=True)
class Layer:
    """One row of the table: where the layer lives and what it may import."""

    name: str
    files: tuple[str, ...]  # "akskit/engine/" (a folder) or "akskit/cli.py" (a file)
    layers: frozenset[str]  # other layers it may import (its own is always allowed)
    packages: frozenset[str]  # third-party top-level names it may import anywhere
    lazy: frozenset[str]  # third-party names it may import only inside a function or TYPE_CHECKING


@dataclass(frozen=True)
class Import:
    """One imported module, resolved: the file that imports it and what it is."""

    file: str  # relative to the tree's root, e.g. "akskit/engine/plans.py"
    line: int
    target: str  # dotted module name, e.g. "akskit.engine.cidr" or "plotly.graph_objects"
    lazy: bool  # inside a function body or under ``if TYPE_CHECKING:``


def parse_rule(markdown: str) -> dict[str, Layer]:
    """The layers from the first fenced block tagged ``layers`` in ``markdown``.

    >>> rule = parse_rule('''
    ... ```layers
    ... layer  files           may import
    ... low    pkg/low/        -
    ... high   pkg/high/, x.py  low; numpy (lazy), attrs
    ... ```
    ... ''')
    >>> rule["high"].files, sorted(rule["high"].layers), sorted(rule["high"].packages), sorted(rule["high"].lazy)
    (('pkg/high/', 'x.py'), ['low'], ['attrs'], ['numpy'])
    """
    block = re.search(r"^```layers\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)
    if block is None:
        raise AssertionError("CONTRIBUTING.md has no fenced ```layers block: the layer rule must live there")
    rows = [line for line in block.group(1).splitlines() if line.strip()]
    rule: dict[str, Layer] = {}
    for row in rows[1:]:  # the first line is the header
        cells = re.split(r"\s{2,}", row.strip())
        if len(cells) != 3:
            raise AssertionError(f"layers row {row!r} must have 3 columns (layer, files, may import)")
        name, files, allowed = cells
        layer_part, _, package_part = allowed.partition(";")
        layers = frozenset(x.strip() for x in layer_part.split(",") if x.strip() not in ("", "-"))
        packages: set[str] = set()
        lazy: set[str] = set()
        for item in (x.strip() for x in package_part.split(",") if x.strip()):
            if item.endswith("(lazy)"):
                lazy.add(item.removesuffix("(lazy)").strip())
            else:
                packages.add(item)
        rule[name] = Layer(
            name, tuple(f.strip() for f in files.split(",")), layers, frozenset(packages), frozenset(lazy)
        )
    unknown = {x for layer in rule.values() for x in layer.layers} - rule.keys()
    if unknown:
        raise AssertionError(f"layers table names layers with no row: {sorted(unknown)}")
    return rule


def layer_of(path: str, rule: dict[str, Layer]) -> str:
    """The layer a file (relative path) belongs to: the row with the longest matching entry."""
    matches = [
        (len(entry), layer.name)
        for layer in rule.values()
        for entry in layer.files
        if (path.startswith(entry) if entry.endswith("/") else path == entry)
    ]
    if not matches:
        raise AssertionError(f"{path} belongs to no layer: add its folder or file to CONTRIBUTING's layers table")
    return max(matches)[1]


def _module_file(root: Path, dotted: str) -> str | None:
    """``akskit.engine.cidr`` -> ``akskit/engine/cidr.py`` (or a package's ``__init__.py``)."""
    base = root.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate.relative_to(root).as_posix()
    return None


def resolve(root: Path, target: str) -> str | None:
    """The file an ``akskit`` module name lives in: itself, or its nearest existing parent."""
    parts = target.split(".")
    while parts:
        found = _module_file(root, ".".join(parts))
        if found:
            return found
        parts.pop()
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(root: Path, path: Path) -> list[Import]:
    """Every import in one file, lazy ones too, with ``from pkg import mod`` resolved to ``pkg.mod``."""
    rel = path.relative_to(root).as_posix()
    module = rel.removesuffix(".py").replace("/", ".")
    package = module.removesuffix(".__init__") if rel.endswith("__init__.py") else module.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(rel, node.lineno, alias.name, lazy) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from ..course import y
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                target = source
                if source.split(".")[0] == PACKAGE and _module_file(root, f"{source}.{alias.name}"):
                    target = f"{source}.{alias.name}"  # from akskit import plots: the module akskit.plots
                found.append(Import(rel, node.lineno, target, lazy))
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(node, ast.If) and _is_type_checking(node.test) and child in node.body:
                inner = True
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=rel), False)
    return found


def violations(root: Path, rule: dict[str, Layer]) -> list[str]:
    """Every import under ``root/akskit`` that its layer's row does not allow, one line each."""
    problems: list[str] = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        layer = rule[layer_of(rel, rule)]
        for imp in imports_of(root, path):
            top = imp.target.split(".")[0]
            where = f"{imp.file}:{imp.line}: {layer.name} imports {imp.target}"
            if top in sys.stdlib_module_names:
                continue
            if top == PACKAGE:
                target_file = resolve(root, imp.target)
                if target_file is None:
                    problems.append(f"{where}, which is no module in {root / PACKAGE}")
                    continue
                target_layer = layer_of(target_file, rule)
                if target_layer != layer.name and target_layer not in layer.layers:
                    allowed = ", ".join(sorted(layer.layers)) or "no other layer"
                    problems.append(f"{where} (layer {target_layer}); {layer.name} may import {allowed}")
            elif top in layer.packages or (top in layer.lazy and imp.lazy):
                continue
            elif top in layer.lazy:
                problems.append(f"{where} at import time; {layer.name} may import {top} only inside a function")
            else:
                allowed = ", ".join(sorted(layer.packages | layer.lazy)) or "nothing outside the standard library"
                problems.append(f"{where} (third-party); {layer.name} may import {allowed}")
    return problems


@pytest.fixture(scope="module")
def rule() -> dict[str, Layer]:
    return parse_rule(CONTRIBUTING.read_text(encoding="utf-8"))


class TestTheCode:
    """akskit's own imports against CONTRIBUTING's table."""

    def test_no_import_breaks_the_layers(self, rule: dict[str, Layer]) -> None:
        """No module imports a layer or package its row does not allow."""
        problems = violations(ROOT, rule)
        assert not problems, "imports that break CONTRIBUTING's layers:\n" + "\n".join(problems)

    def test_every_module_has_a_layer(self, rule: dict[str, Layer]) -> None:
        """Each akskit/**/*.py file sits in exactly one row (a new folder needs a row)."""
        for path in (ROOT / PACKAGE).rglob("*.py"):
            assert layer_of(path.relative_to(ROOT).as_posix(), rule) in rule

    def test_every_row_has_files(self, rule: dict[str, Layer]) -> None:
        """No row names a folder or file that is gone (the table follows the tree)."""
        for layer in rule.values():
            for entry in layer.files:
                assert (ROOT / entry).exists(), f"layer {layer.name}: {entry} does not exist"

    def test_the_walk_sees_lazy_and_from_imports(self) -> None:
        """The walk is not vacuous: it sees the CLI's engine imports and curves' lazy pandas."""
        cli = imports_of(ROOT, ROOT / PACKAGE / "cli.py")
        assert any(i.target.startswith("akskit.engine.") for i in cli)
        curves = imports_of(ROOT, ROOT / PACKAGE / "course" / "curves.py")
        assert [i.lazy for i in curves if i.target == "pandas"] == [True, True]  # TYPE_CHECKING and to_pandas()


class TestTheTable:
    """The design the issue asked for, asserted on CONTRIBUTING's table itself."""

    def test_the_engine_needs_nothing(self, rule: dict[str, Layer]) -> None:
        """The engine imports only the standard library and itself."""
        assert rule["engine"].layers == rule["engine"].packages == rule["engine"].lazy == frozenset()

    def test_course_reads_only_the_engine(self, rule: dict[str, Layer]) -> None:
        """Course content needs the engine only, and no third-party package at import time."""
        assert rule["course"].layers == {"engine"}
        assert rule["course"].packages == frozenset()

    def test_one_layer_per_ui_package(self, rule: dict[str, Layer]) -> None:
        """Only plots imports plotly; only widgets imports ipywidgets or anywidget."""
        for package, home in (("plotly", "plots"), ("ipywidgets", "widgets"), ("anywidget", "widgets")):
            assert [n for n, layer in rule.items() if package in layer.packages | layer.lazy] == [home]

    def test_cli_and_package_read_the_engine_only(self, rule: dict[str, Layer]) -> None:
        """``akskit`` (the package) and the CLI import the engine and nothing else."""
        for name in ("cli", "package"):
            assert rule[name].layers == {"engine"}
            assert not rule[name].packages | rule[name].lazy

    def test_the_order_is_one_way(self, rule: dict[str, Layer]) -> None:
        """engine <- course <- plots <- widgets; exercises on engine and course; no cycle."""
        assert rule["plots"].layers == {"engine", "course"}
        assert rule["widgets"].layers == {"engine", "course", "plots"}
        assert rule["exercises"].layers == {"engine", "course"}
        done: set[str] = set()
        while len(done) < len(rule):  # peel layers whose imports are all done: stalls on a cycle
            ready = {n for n, layer in rule.items() if n not in done and layer.layers <= done}
            assert ready, f"the layers table has a cycle among {sorted(rule.keys() - done)}"
            done |= ready


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


CLEAN_TREE = {
    "akskit/__init__.py": "from akskit.engine.cidr import parse\n",
    "akskit/cli.py": "import argparse\nfrom akskit.engine import cidr\n",
    "akskit/engine/__init__.py": "",
    "akskit/engine/cidr.py": "import ipaddress\nfrom . import errors\n",
    "akskit/engine/errors.py": "",
    "akskit/course/__init__.py": "from akskit.course.carve import carve\n",
    "akskit/course/carve.py": """\
        from typing import TYPE_CHECKING
        from ..engine import cidr
        if TYPE_CHECKING:
            import pandas
        def to_pandas():
            import pandas
        """,
    "akskit/plots/__init__.py": "import plotly.graph_objects as go\nfrom akskit.course import carve\n",
    "akskit/widgets/__init__.py": "import ipywidgets\nfrom akskit import plots\n",
    "akskit/exercises/__init__.py": "from akskit.course.carve import carve\nfrom akskit.engine import errors\n",
}


class TestBrokenTrees:
    """A temporary tree shows the walk catches each kind of break (and passes a clean one)."""

    @pytest.fixture
    def tree(self, tmp_path: Path) -> Path:
        _write(tmp_path, CLEAN_TREE)
        return tmp_path

    def test_the_clean_tree_passes(self, tree: Path, rule: dict[str, Layer]) -> None:
        """The clean fixture has no violation (so each failure below is the break itself)."""
        assert violations(tree, rule) == []

    @pytest.mark.parametrize(
        ("file", "text", "expected"),
        [
            pytest.param(
                "akskit/engine/cidr.py",
                "def f():\n    from akskit.course import carve\n",
                "akskit/engine/cidr.py:2: engine imports akskit.course.carve (layer course)",
                id="lazy-upward-in-engine",
            ),
            pytest.param(
                "akskit/engine/cidr.py",
                "from ..course.carve import carve\n",
                "akskit/engine/cidr.py:1: engine imports akskit.course.carve (layer course)",
                id="relative-upward",
            ),
            pytest.param(
                "akskit/course/carve.py",
                "from akskit import plots\n",
                "akskit/course/carve.py:1: course imports akskit.plots (layer plots)",
                id="from-akskit-import-module",
            ),
            pytest.param(
                "akskit/cli.py",
                "import akskit.course.carve\n",
                "akskit/cli.py:1: cli imports akskit.course.carve (layer course)",
                id="cli-reads-course",
            ),
            pytest.param(
                "akskit/exercises/__init__.py",
                "from akskit.widgets import x\n",
                "akskit/exercises/__init__.py:1: exercises imports akskit.widgets (layer widgets)",
                id="sideways",
            ),
            pytest.param(
                "akskit/course/carve.py",
                "import plotly.graph_objects as go\n",
                "akskit/course/carve.py:1: course imports plotly.graph_objects (third-party)",
                id="plotly-outside-plots",
            ),
            pytest.param(
                "akskit/plots/__init__.py",
                "import ipywidgets\n",
                "akskit/plots/__init__.py:1: plots imports ipywidgets (third-party)",
                id="ipywidgets-outside-widgets",
            ),
            pytest.param(
                "akskit/course/carve.py",
                "import pandas\n",
                "akskit/course/carve.py:1: course imports pandas at import time",
                id="lazy-only-package-at-top",
            ),
            pytest.param(
                "akskit/engine/errors.py",
                "def f():\n    import pandas\n",
                "akskit/engine/errors.py:2: engine imports pandas (third-party)",
                id="lazy-third-party-in-engine",
            ),
            pytest.param(
                "akskit/__init__.py",
                "from akskit.plots import show\n",
                "akskit/__init__.py:1: package imports akskit.plots (layer plots)",
                id="package-reads-plots",
            ),
        ],
    )
    def test_a_break_is_caught(self, tree: Path, rule: dict[str, Layer], file: str, text: str, expected: str) -> None:
        """The walk reports the offending file, line, layers and module."""
        _write(tree, {file: text})
        problems = violations(tree, rule)
        assert len(problems) == 1, problems
        assert problems[0].startswith(expected), problems

    def test_a_folder_with_no_row_is_refused(self, tree: Path, rule: dict[str, Layer]) -> None:
        """A new folder under akskit/ must get a row before its imports can be judged."""
        _write(tree, {"akskit/extras/x.py": ""})
        with pytest.raises(AssertionError, match=r"akskit/extras/x.py belongs to no layer"):
            violations(tree, rule)

    def test_a_table_without_the_block_is_refused(self) -> None:
        """CONTRIBUTING without the ``layers`` block fails loudly rather than passing empty."""
        with pytest.raises(AssertionError, match="no fenced"):
            parse_rule("# Contributing\n\nno table here\n")


#: the documents that show the layout, each in a fenced ``tree`` block of one line per folder
LAYOUT_DOCS = ("README.md", "CONTRIBUTING.md", "notebooks/README.md")


def layout_tree(markdown: str) -> list[str]:
    """The folders (first word of each line; an indented line continues the one above) of the ``tree`` block."""
    block = re.search(r"^```tree\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)
    assert block, "no fenced ```tree block with the layout"
    return [line.split()[0] for line in block.group(1).splitlines() if line.strip() and not line[0].isspace()]


def repository_folders(root: Path) -> set[str]:
    """What the layout must name: akskit's subpackages, the CLI, every top-level folder git would keep."""
    ignored = [line.strip().rstrip("/") for line in (root / ".gitignore").read_text().splitlines() if line.strip()]
    top = {
        f"{d.name}/"
        for d in root.iterdir()
        if d.is_dir()
        and any(f.is_file() for f in d.rglob("*"))  # git keeps no empty folder
        and not d.name.startswith(".")
        and d.name != PACKAGE
        and not any(fnmatch.fnmatch(d.name, pattern) for pattern in ignored)
    }
    subpackages = {f"{PACKAGE}/{d.name}/" for d in (root / PACKAGE).iterdir() if (d / "__init__.py").is_file()}
    return top | subpackages | {f"{PACKAGE}/cli.py"}


@pytest.mark.parametrize("doc", LAYOUT_DOCS)
def test_the_layout_tree_is_the_tree(doc: str) -> None:
    """README, CONTRIBUTING and the instructor guide name each folder once, and only folders that exist."""
    entries = layout_tree((ROOT / doc).read_text(encoding="utf-8"))
    assert len(entries) == len(set(entries)), f"{doc}: a folder is named twice"
    assert set(entries) == repository_folders(ROOT), (
        f"{doc}'s layout tree: missing {sorted(repository_folders(ROOT) - set(entries))}, "
        f"gone {sorted(set(entries) - repository_folders(ROOT))}"
    )
