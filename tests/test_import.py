"""`import akskit` is light and the package installs as a real (non-editable) wheel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "plotly", "ipywidgets", "IPython")


def test_import_akskit_loads_only_the_standard_library() -> None:
    """A fresh interpreter that imports akskit (and runs a plan and a curve) loads nothing heavy."""
    code = (
        "import sys, akskit\n"
        "from akskit.course.curves import ip_usage_by_nodes\n"
        "import akskit.cli\n"
        "akskit.plan(akskit.cluster('azure-cni')); ip_usage_by_nodes(range(1, 10))\n"
        "stdlib = set(sys.stdlib_module_names)\n"
        "names = {m.split('.')[0] for m in sys.modules} - stdlib - {'akskit'}\n"
        "import json; print(json.dumps(sorted(n for n in names if not n.startswith('_'))))  # _: import hooks\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    third_party = json.loads(out)
    assert not [m for m in third_party if m in HEAVY], third_party
    assert third_party == [], f"non-stdlib modules imported: {third_party}"


def test_non_editable_install(tmp_path: Path) -> None:
    """`pip install .` (not editable) gives a working package with py.typed, run from elsewhere."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    assert (target / "akskit" / "py.typed").is_file()
    for package in ("plots", "widgets", "exercises"):  # subpackages ship too (the browser build needs them)
        assert (target / "akskit" / package / "__init__.py").is_file(), package
    assert not (target / "tests").exists()
    probe = subprocess.run(
        [sys.executable, "-c", "import akskit; print(akskit.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
    )
    assert probe.stdout.strip().startswith(str(target))
