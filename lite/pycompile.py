"""Ship bytecode with every wheel Pyodide loads, so the browser never compiles Python at import.

Pyodide's own packages are byte-compiled when Pyodide builds them; the site ships PyPI's
wheels instead (the only ones reachable here), which hold sources only, so the first import
of IPython, plotly or akskit in the browser compiled every module in WebAssembly. Measured
in node on this machine: importing IPython and the kernel 3.5 s from sources, 2.2 s with
bytecode; ipywidgets and akskit 1.1 s against 0.3 s.

Each shipped wheel (already checked against its hashed lock by the build) goes through
``lite/pycompile.mjs``: Pyodide itself, run by node, compiles every module with the browser's
exact CPython and adds ``__pycache__/*.cpython-3XX.pyc`` beside the sources (unchecked
hash-based pycs: no source read, no compile at import) and their RECORD lines. The lock's
sha256 is then rewritten to the compiled wheel's. Compiled wheels are cached under
``_output/lite-cache/pyc``, keyed by the input wheel's sha256, the Pyodide version and the
compiler script, so a rebuild runs node only when one of those changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "pycompile.mjs"
WORKER = HERE / "pycompile_wheel.py"
#: modules left as sources (fnmatch on paths inside the wheel; ``*`` crosses folders): tests, which
#: nothing imports, and plotly's 1,400 nested ``graph_objs`` classes (a figure imports a few dozen;
#: compiling them all made the slimmed plotly wheel 12.2 MB and its unzip in Pyodide 0.60 s, against
#: 8.2 MB and 0.38 s this way and 6.7 MB and 0.34 s with no bytecode at all, node, this machine)
NO_PYC = ("*/tests/*", "*/test/*", "plotly/graph_objs/*/*")


class CompileError(RuntimeError):
    """Byte-compiling the wheels failed."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def precompile(lock_dir: Path, core: Path, version: str, cache: Path) -> list[str]:
    """Replace each wheel of ``lock_dir/pyodide-lock.json`` found in ``lock_dir`` with its compiled twin.

    ``core`` is Pyodide's unpacked core (the same version the site ships). Returns the file
    names replaced. Raises CompileError when node is missing or compiling fails.
    """
    path = lock_dir / "pyodide-lock.json"
    lock = json.loads(path.read_text())
    salt = hashlib.sha256(f"{version}\n{NO_PYC}\n{SCRIPT.read_text()}\n{WORKER.read_text()}".encode()).hexdigest()
    cache.mkdir(parents=True, exist_ok=True)
    planned: list[tuple[dict[str, str], Path]] = []
    jobs: list[tuple[str, str, list[str]]] = []
    for package in lock["packages"].values():
        wheel = lock_dir / package["file_name"]
        if not wheel.is_file():
            continue  # not shipped (the site ships only what the kernel and the course load)
        key = hashlib.sha256(f"{salt}{_sha256(wheel)}".encode()).hexdigest()[:24]
        compiled = cache / f"{key}-{wheel.name}"
        if not compiled.is_file():
            shutil.copy2(wheel, cache / f"in-{key}-{wheel.name}")
            jobs.append((f"in-{key}-{wheel.name}", f"part-{key}-{wheel.name}", list(NO_PYC)))
        planned.append((package, compiled))
    if jobs:
        node = shutil.which("node")
        if node is None:
            raise CompileError("node is not installed: apt-get install -y nodejs (npm brings it too)")
        (cache / "jobs.json").write_text(json.dumps(jobs))
        done = subprocess.run([node, str(SCRIPT), str(core), str(cache)], capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
            raise CompileError(f"node {SCRIPT.name} failed (exit {done.returncode}):\n{tail}")
        for src, part, _ in jobs:
            (cache / src).unlink()
            (cache / part).rename(cache / part.removeprefix("part-"))
    for package, compiled in planned:
        shutil.copy2(compiled, lock_dir / package["file_name"])
        package["sha256"] = _sha256(lock_dir / package["file_name"])
    path.write_text(json.dumps(lock))
    return [p["file_name"] for p, _ in planned]
