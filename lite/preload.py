"""Kernel start with nothing left to resolve: every wheel the kernel and the setup cell need, in Pyodide's lock.

Without this, a JupyterLite kernel starts Pyodide, then asks micropip to resolve and install
piplite, the kernel's own wheels, jedi and IPython one after the other, and the notebook's
setup cell asks piplite to resolve akskit, plotly, ipywidgets and anywidget against the
site's ``pypi/all.json`` (one wheel's metadata at a time). Here the build does that solving:
each wheel becomes an entry of the vendored ``pyodide-lock.json`` (its sha256, its top-level
imports, its dependencies by name), and ``loadPyodideOptions.packages`` names them all, so
``loadPyodide`` fetches them in one parallel batch and the kernel's worker skips every
``piplite.install`` whose package is listed. The setup cell's ``piplite.install`` then finds
everything installed and returns. Only the standard library is used.

Some wheels carry files that nothing in a browser kernel reads; ``SLIM`` names them, and
``slim_wheel`` writes the wheel without them (and without their RECORD lines). It runs on
copies the build has already checked against the hashed locks, and the lock entry records
the sha256 of the file actually shipped.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

#: files left out of a wheel the site ships, by wheel name and path prefix inside the wheel.
#: plotly: its JupyterLab extension, twice (``plotly/labextension`` and the wheel's ``.data``
#: copy, 4.8 MB of plotly.js each: the site already carries the extension, installed by the
#: build venv, and a kernel never reads it) and the sample data sets of ``plotly.express.data``
#: (akskit draws no sample data). ``package_data/widgetbundle.js`` (a learner's own
#: ``FigureWidget``), ``plotly.min.js`` (HTML output; akskit's views where a page has no
#: plotly.js) and the templates stay.
SLIM = {
    "plotly": ("plotly/labextension/", "plotly-{version}.data/", "plotly/package_data/datasets/"),
}


def wheel_imports(wheel: Path) -> list[str]:
    """The top-level import names a wheel installs (packages and single modules), sorted."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    tops = set()
    for n in names:
        first, _, rest = n.partition("/")
        if first.endswith((".dist-info", ".data")):
            continue
        if rest:
            tops.add(first)
        elif first.endswith(".py"):
            tops.add(first[:-3])
    return sorted(tops)


def slim_wheel(src: Path, dest: Path, prefixes: tuple[str, ...]) -> int:
    """Write ``src`` to ``dest`` without the members under ``prefixes``; returns how many were left out.

    Fails unless every prefix matched something, so a new plotly layout cannot silently keep them.
    """
    dropped = 0
    unmatched = set(prefixes)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        record = next(n for n in names if n.endswith(".dist-info/RECORD") and n.count("/") == 1)
        for info in zin.infolist():
            hit = next((p for p in prefixes if info.filename.startswith(p)), None)
            if hit:
                unmatched.discard(hit)
                dropped += 1
                continue
            data = zin.read(info)
            if info.filename == record:
                lines = data.decode().splitlines()
                data = "".join(f"{ln}\n" for ln in lines if not ln.startswith(prefixes)).encode()
            zout.writestr(info, data)
    if unmatched:
        dest.unlink()
        raise ValueError(f"{src.name} has nothing under {sorted(unmatched)}: update SLIM in {Path(__file__).name}")
    return dropped


def lock_entry(wheel: Path, name: str, version: str, depends: list[str]) -> dict[str, object]:
    """A ``pyodide-lock.json`` package entry for a pure-Python wheel served beside the lock."""
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": wheel_imports(wheel),
        "depends": sorted(depends),
        "unvendored_tests": False,
    }


def add_to_lock(lock_dir: Path, wheels: dict[str, Path], requires: dict[str, list[str]]) -> None:
    """Copy ``wheels`` (normalised name -> verified wheel) beside ``lock_dir/pyodide-lock.json`` and lock them.

    ``requires`` gives each wheel's dependencies by normalised name; every one of them must be
    a package of the lock once these are added (the build resolved that closure already), so
    ``loadPyodide`` can never meet a name it does not know.
    """
    path = lock_dir / "pyodide-lock.json"
    lock = json.loads(path.read_text())
    packages = lock["packages"]
    for name, wheel in wheels.items():
        if name in packages:
            raise ValueError(f"{name} is already in Pyodide's lock; it cannot be preloaded from {wheel.name} too")
        version = wheel.name.split("-")[1]
        if name in SLIM:
            slim_wheel(wheel, lock_dir / wheel.name, tuple(p.format(version=version) for p in SLIM[name]))
        else:
            shutil.copy2(wheel, lock_dir / wheel.name)
        packages[name] = lock_entry(lock_dir / wheel.name, name, version, requires[name])
    unknown = {d for n in wheels for d in packages[n]["depends"] if d not in packages}
    if unknown:
        raise ValueError(f"preloaded wheels depend on {sorted(unknown)}, which Pyodide's lock does not have")
    path.write_text(json.dumps(lock))
