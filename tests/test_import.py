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


def test_import_akskit_loads_no_engine_module_until_a_name_is_used() -> None:
    """``import akskit`` loads the package alone; a public name loads its engine module (issue 11: import time)."""
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import akskit\n"
        "loaded = sorted(set(sys.modules) - before)\n"
        "from akskit import cluster, plan, pool\n"
        "p = plan(cluster('azure-cni', [pool('system', 50, max_pods=30, max_surge=1)], node_subnet='10.224.0.0/16'))\n"
        "missing = [n for n in akskit.__all__ if not hasattr(akskit, n)]\n"
        "import json; print(json.dumps([loaded, missing, p.node_subnet.ips_required, sorted(dir(akskit))[:3]]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    loaded, missing, ips, _ = json.loads(out)
    assert loaded == ["akskit"], loaded
    assert missing == []
    assert ips == 1581  # Microsoft's worked example: (50 + 1) x (30 + 1), IP_PLANNING_URL in akskit/engine/facts.py


def test_cli_plan_imports_neither_the_other_subcommands_nor_heavy_stdlib() -> None:
    """``akskit plan`` loads no import/export/explain module, nor typing, json, html, tomllib, dataclasses, inspect."""
    code = (
        "import sys, io, contextlib\n"
        "from akskit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['plan', '--plugin', 'azure-cni', '--nodes', '50', '--max-pods', '30', '--max-surge', '1',\n"
        "                   '--subnet', '10.224.0.0/16'])\n"
        "import json; print(json.dumps([status, sorted(sys.modules)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    status, modules = json.loads(out)
    assert status == 0
    lazy = ("akskit.engine.cluster_import", "akskit.engine.cluster_export", "akskit.engine.aks_errors")
    assert not [m for m in modules if m in lazy or m.startswith("akskit.engine.aks_error")], modules
    # json is imported by the probe itself after main returns, so it is not listed here
    assert not [m for m in modules if m in ("typing", "html", "tomllib", "shlex", "dataclasses", "inspect")], modules


def test_lazy_subcommands_keep_their_help() -> None:
    """``akskit --help`` lists import and explain from cli's table: each text is the one its module registers."""
    import argparse

    from akskit import cli

    for name, (_, _, _, text) in cli.LAZY_COMMANDS.items():
        sub = next(a for a in cli._parser(name)._actions if isinstance(a, argparse._SubParsersAction))
        real = next(c.help for c in sub._choices_actions if c.dest == name)
        assert real == text, name


def _install(target: Path) -> None:
    """``pip install --target target .``: a real, non-editable install of this checkout."""
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


def test_non_editable_install(tmp_path: Path) -> None:
    """`pip install .` (not editable) gives a working package with py.typed, run from elsewhere."""
    target = tmp_path / "site"
    _install(target)
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


def test_non_editable_install_ships_the_course_data(tmp_path: Path) -> None:
    """The wheel holds the course's data files, and the loaders and capstone checkers read them from a
    working directory with no data/ anywhere near (before: "scenario file 'capstone.toml' not found")."""
    target = tmp_path / "site"
    _install(target)
    for name in ("capstone.toml", "fleet.toml", "README.md"):
        assert (target / "akskit" / "course" / "data" / name).is_file(), name
    code = (
        "import json\n"
        "from akskit.course.policy import load_fleet\n"
        "from akskit.course.scenario import load_scenario\n"
        "from akskit.exercises import check\n"
        "s = load_scenario()\n"
        "print(json.dumps({'source': s.source, 'vnet': str(s.vnet), 'fleet': len(load_fleet()),\n"
        "                  'checks': [check(e, a).correct for e, a in (('6.1', 'overlay'), ('6.2', 25))]}))\n"
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    probe = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=work,
        env={"PYTHONPATH": str(target)},
    )
    answer = json.loads(probe.stdout)
    assert answer["source"].startswith(str(target)), answer
    assert answer["vnet"] == "10.224.0.0/12"  # the capstone's [network] vnet
    assert answer["fleet"] == 7  # seven example clusters (the fleet file's header)
    assert answer["checks"] == [True, True]
