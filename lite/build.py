"""Build the browser-only course: a JupyterLite site that runs with no network at all.

Run from the repository root with the lite venv's Python (``make lite`` does it)::

    .venv-lite/bin/python lite/build.py

What goes into ``_output/lite``:

- Pyodide's core, vendored from the npm registry at the exact version the installed
  ``jupyterlite-pyodide-kernel`` was made for, so the kernel never asks a CDN; the tarball is
  checked against the registry's published integrity (``npm view pyodide@VER dist.integrity``,
  sha512) before it is unpacked;
- the pure-Python wheels Pyodide loads from its lock file (micropip, ipython, jedi and
  what they depend on, plus what plotly and anywidget need from it), downloaded from PyPI
  at the lock's exact versions and checked against ``requirements/pyodide.txt``; the lock's
  sha256 is then rewritten to the hashes of the files shipped;
- the wheels ``piplite`` installs (akskit built from this checkout, plotly, ipywidgets,
  anywidget and their dependencies), at the versions installed in the build venv, each
  checked against the hashes of the lite lock (``lite/requirements.txt``);
- every ``notebooks/*.ipynb`` at the contents root (the course's data files ship inside the
  akskit wheel and are read with ``importlib.resources``, so nothing is copied beside them),
  with ``notebooks/glossary.md`` beside them (their ``glossary.md#term`` links) and the cheat
  sheet rendered to ``cheatsheet.md``;
- a ``jupyter-lite.json`` that turns off piplite's fallback to PyPI and names, in
  ``loadPyodideOptions.packages``, everything the kernel and the setup cell load: the kernel's
  own wheels and the piplite wheels are added to the vendored ``pyodide-lock.json``
  (lite/preload.py, with plotly's wheel slimmed of what no kernel reads), so Pyodide fetches
  them all in one batch at kernel start and nothing is resolved in the browser;
- bytecode for every module a kernel imports, compiled by Pyodide itself in node
  (lite/pycompile.py), so the browser compiles no Python at import;
- ``app/index.html``: app mode with no server (the planner, ``app/calculator.ipynb``, as a page
  on the browser kernel). Voici, the static Voila, cannot be used: its newest release (0.10.0)
  needs jupyterlite-core < 0.8 and xeus kernels whose environments come from a conda channel.
  The page opens JupyterLite's REPL with no toolbar, banner or code input and runs
  the calculator's code (its Markdown shown through ``IPython.display``), so only the planner
  and its text show.

Downloads are cached in ``_output/lite-cache`` so that a rebuild needs no network; cached
files are checked again on every build (the tarball against the integrity recorded when it
was fetched). Any mismatch stops the build with a BuildError.
Only the standard library is used here; the build itself runs ``jupyter lite build``.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its helpers beside it, however it is loaded
from preload import add_to_lock
from pycompile import CompileError, precompile

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "_output" / "lite"
CACHE = ROOT / "_output" / "lite-cache"
STAGE = CACHE / "stage"  # the lite dir handed to `jupyter lite build`, rebuilt every time
#: hashed locks: the lite venv's (hashes of the piplite wheels) and the Pyodide lock packages' PyPI wheels
LITE_LOCK = ROOT / "lite" / "requirements.txt"
PYODIDE_HASHES = ROOT / "requirements" / "pyodide.txt"

#: what the notebooks' setup cell installs under Pyodide (see CONTRIBUTING.md)
SETUP_CELL = ("akskit", "plotly", "ipywidgets", "anywidget")
#: what the kernel's worker loads before the first cell runs: micropip through Pyodide's
#: loadPackage, then these through piplite (``initKernel`` in the worker's JavaScript)
KERNEL_START_LOCK = ("micropip",)
KERNEL_START_PIPLITE = ("ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")
#: how that list reads in the minified worker, checked so a kernel upgrade cannot go unnoticed
KERNEL_START_JS = '["ipykernel","comm","pyodide-kernel","jedi","ipython"]'
#: the worker installs piplite itself with micropip unless ``loadPyodideOptions.packages`` lists it
KERNEL_PIPLITE = "piplite"
#: every name the kernel loads with Pyodide at start (lite/preload.py): the worker then installs none
#: of them itself, and the setup cell's ``piplite.install`` finds them installed
PRELOAD = (*KERNEL_START_LOCK, KERNEL_PIPLITE, *KERNEL_START_PIPLITE, *SETUP_CELL)
#: Pyodide's core files that the site does not need
CORE_SKIP_SUFFIXES = (".map", ".ts", ".html", ".md")
PYODIDE_PYTHON = "3.14"

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
LITE_CONFIG = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
        "litePluginSettings": {
            KERNEL_PLUGIN: {"disablePyPIFallback": True},
        },
    },
}


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and what to do."""


def norm(name: str) -> str:
    """A distribution name normalised as in PEP 503 (``Typing_Extensions`` -> ``typing-extensions``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def run(command: list[str], what: str, cwd: Path | None = None) -> None:
    """Run ``command``; on failure raise a BuildError naming ``what`` with the command's output."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise BuildError(f"{what} failed (exit {done.returncode}): {' '.join(command)}\n{tail}")


def run_output(command: list[str], what: str) -> str:
    """Run ``command`` and return its standard output, stripped; a BuildError names ``what`` on failure."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise BuildError(f"{what} failed (exit {done.returncode}): {' '.join(command)}\n{tail}")
    return done.stdout.strip()


def sha256_file(path: Path) -> str:
    """The sha256 of a file, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_integrity(path: Path, integrity: str) -> None:
    """Refuse ``path`` unless its sha512 matches ``integrity``, an npm SRI string (``sha512-<base64>``).

    npm publishes one or more space-separated SRI entries; every sha512 entry must match and at
    least one must be there (a weaker algorithm alone is refused).
    """
    wanted = [entry.split("-", 1)[1] for entry in integrity.split() if entry.startswith("sha512-")]
    if not wanted:
        raise BuildError(
            f"no sha512 integrity to check {path.name} against (got {integrity[:100]!r}): "
            "the npm registry publishes sha512-<base64> for every package"
        )
    digest = hashlib.sha512()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    actual = base64.b64encode(digest.digest()).decode()
    if any(w != actual for w in wanted):
        raise BuildError(
            f"{path} does not match the npm registry's integrity: expected sha512-{wanted[0]}, got sha512-{actual}; "
            f"delete it (and its .integrity file) and build again, and find out who changed it"
        )


Hashes = dict[str, tuple[str, frozenset[str]]]


def read_hashes(lock: Path) -> Hashes:
    """A hashed pip lock as ``{normalised name: (version, {sha256, ...})}``."""
    text = lock.read_text().replace("\\\n", " ")
    found: Hashes = {}
    for line in text.splitlines():
        m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line.strip())
        if m:
            found[norm(m.group(1))] = (m.group(2), frozenset(re.findall(r"--hash=sha256:([0-9a-f]{64})", line)))
    return found


def verify_wheel(wheel: Path, name: str, version: str, hashes: Hashes, lock: Path) -> str:
    """Refuse ``wheel`` unless ``lock`` pins ``name==version`` with its sha256; returns that sha256."""
    shown = lock.relative_to(ROOT) if lock.is_relative_to(ROOT) else lock
    pinned = hashes.get(norm(name))
    if pinned is None or pinned[0] != version or not pinned[1]:
        raise BuildError(
            f"{shown} has no hashes for {name}=={version} (it pins {pinned[0] if pinned else 'nothing'}): "
            "regenerate the locks with `make lock`"
        )
    actual = sha256_file(wheel)
    if actual not in pinned[1]:
        raise BuildError(
            f"{wheel} has sha256 {actual}, which is not one of the {len(pinned[1])} hashes {shown} pins "
            f"for {name}=={version}: refusing it; delete the file, build again, and find out who changed it"
        )
    return actual


def copy_verified(src: Path, dest: Path, name: str, version: str, hashes: Hashes, lock: Path) -> str:
    """Check ``src`` against ``lock``, copy it to ``dest``, and return the sha256 of the copy (checked equal)."""
    expected = verify_wheel(src, name, version, hashes, lock)
    shutil.copy2(src, dest)
    shipped = sha256_file(dest)
    if shipped != expected:
        raise BuildError(f"{dest} changed while it was copied from {src} (sha256 {shipped}, verified {expected})")
    return shipped


def kernel_package() -> tuple[str, Path]:
    """The Pyodide version the installed kernel references, and its lab extension folder."""
    try:
        from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    except ImportError:
        raise BuildError(
            "jupyterlite-pyodide-kernel is not installed in this Python: run me with .venv-lite/bin/python "
            "(make lite creates it from lite/requirements.txt)"
        ) from None
    ext = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
    schema = ext / "static" / "schema" / "kernel.v0.schema.json"
    default_url = json.loads(schema.read_text())["properties"]["pyodideUrl"]["default"]
    if f"/v{PYODIDE_VERSION}/" not in default_url:
        raise BuildError(f"the kernel's constants say Pyodide {PYODIDE_VERSION}, its schema loads {default_url}")
    workers = list((ext / "static").glob("*.worker.*.js"))
    if not workers or not all(KERNEL_START_JS in w.read_text() for w in workers):
        raise BuildError(
            f"the kernel's worker no longer installs {KERNEL_START_JS} at start: update KERNEL_START_PIPLITE "
            f"in {Path(__file__).name} from initKernel in {ext / 'static'}"
        )
    return PYODIDE_VERSION, ext


def pyodide_core(version: str) -> Path:
    """Pyodide's core from the npm registry (cached), verified, then unpacked; returns the package folder.

    The tarball is checked against the registry's published integrity before every unpack:
    ``npm view`` gives it when the tarball is fetched, and it is recorded beside the cached
    tarball so that a rebuild checks the cache with no network.
    """
    npm = CACHE / "npm"
    npm.mkdir(parents=True, exist_ok=True)
    tgz = npm / f"pyodide-{version}.tgz"
    recorded = npm / f"pyodide-{version}.tgz.integrity"
    if not tgz.is_file() or not recorded.is_file():
        if shutil.which("npm") is None:
            raise BuildError("npm is not installed: apt-get install -y npm (it fetches Pyodide from the npm registry)")
        integrity = run_output(
            ["npm", "view", f"pyodide@{version}", "dist.integrity"], f"npm view pyodide@{version} dist.integrity"
        )
        tgz.unlink(missing_ok=True)
        run(["npm", "pack", f"pyodide@{version}", "--silent"], f"npm pack pyodide@{version}", cwd=npm)
        if not tgz.is_file():
            raise BuildError(f"npm pack pyodide@{version} did not produce {tgz}")
        verify_integrity(tgz, integrity)
        recorded.write_text(integrity + "\n")
    verify_integrity(tgz, recorded.read_text().strip())
    unpacked = npm / f"pyodide-{version}"
    shutil.rmtree(unpacked, ignore_errors=True)  # unpacked afresh from the verified tarball every time
    if not hasattr(tarfile, "data_filter"):
        raise BuildError(f"Python {sys.version.split()[0]} cannot unpack archives safely: use 3.11.4 or newer")
    with tarfile.open(tgz) as tar:
        tar.extractall(unpacked, filter="data")
    return unpacked / "package"


def wheel_requires(wheel: Path) -> list[str]:
    """The names a wheel requires, extras left out (other markers are taken as true, to be safe)."""
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        text = z.read(meta).decode()
    names = []
    for line in text.splitlines():
        if not line.startswith("Requires-Dist:"):
            if not line.strip():
                break  # end of the headers
            continue
        spec, _, marker = line.split(":", 1)[1].partition(";")
        if "extra" in marker:
            continue
        names.append(norm(re.split(r"[\s\[<>=!~(;]", spec.strip(), maxsplit=1)[0]))
    return names


def pip_download(specs: Iterable[str], dest: Path, what: str) -> None:
    """Download ``specs`` (``name==version``) from PyPI into ``dest``: pure-Python wheels for Pyodide's Python."""
    specs = list(specs)
    if not specs:
        return
    dest.mkdir(parents=True, exist_ok=True)
    run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--python-version", PYODIDE_PYTHON, "--implementation", "py", "--abi", "none", "--platform", "any",
         "--dest", str(dest), *specs],
        f"downloading {what} from PyPI",
    )  # fmt: skip


def find_wheel(folder: Path, name: str, version: str) -> Path | None:
    """The wheel of ``name`` at ``version`` in ``folder``, whatever its file name's spelling."""
    for wheel in folder.glob("*.whl") if folder.is_dir() else ():
        dist, ver = wheel.name.split("-")[:2]
        if norm(dist) == norm(name) and ver == version:
            return wheel
    return None


def build_akskit_wheel(dest: Path) -> Path:
    """akskit's wheel, built from a clean copy of this checkout (the tree's build/ is never touched)."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="akskit-src-") as tmp:
        src = Path(tmp) / "akskit-src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, src / name)
        shutil.copytree(ROOT / "akskit", src / "akskit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dest),
             str(src)], "building the akskit wheel")  # fmt: skip
    wheels = sorted(dest.glob("akskit-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one akskit wheel in {dest}, found {[w.name for w in wheels]}")
    return wheels[0]


def resolve(
    lock: dict, kernel_wheels: dict[str, Path], akskit_wheel: Path
) -> tuple[list[str], dict[str, Path], dict[str, Path]]:
    """What the site must hold: lock packages (closed over their ``depends``), piplite wheels, kernel wheels.

    micropip takes a package from Pyodide's lock when the lock has it, from the kernel's own
    wheels (piplite, pyodide-kernel, the ipykernel shim, widgetsnbextension stubs) next, and
    from the site's ``pypi/`` otherwise. piplite wheels come at the version installed in this
    venv (pinned by lite/requirements.txt), downloaded into the cache and checked against
    that lock's hashes. Kernel wheels are those of the installed jupyterlite-pyodide-kernel
    that the closure (piplite included) reaches.
    """
    packages = {norm(k): v for k, v in lock["packages"].items()}
    lock_names: list[str] = []
    piplite: dict[str, Path] = {}
    kernel: dict[str, Path] = {}
    seen: set[str] = set()
    todo = list(PRELOAD)
    while todo:
        name = norm(todo.pop(0))
        if name in seen:
            continue
        seen.add(name)
        if name in packages:
            lock_names.append(name)
            todo += packages[name]["depends"]
        elif name in kernel_wheels:
            kernel[name] = kernel_wheels[name]
            todo += wheel_requires(kernel_wheels[name])
        elif name == "akskit":
            piplite[name] = akskit_wheel
            todo += wheel_requires(akskit_wheel)
        else:
            piplite[name] = piplite_wheel(name)
            todo += wheel_requires(piplite[name])
    return lock_names, piplite, kernel


def piplite_wheel(name: str) -> Path:
    """The cached pure wheel of ``name`` at the version this venv has installed, checked against the lite lock."""
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        raise BuildError(
            f"the site needs {name!r} (a dependency of the setup cell's packages) and the build venv does not "
            "have it: add it, pinned, to lite/requirements.txt"
        ) from None
    cache = CACHE / "piplite"
    wheel = find_wheel(cache, name, version)
    if wheel is None:
        pip_download([f"{name}=={version}"], cache, f"the piplite wheel {name}=={version}")
        wheel = find_wheel(cache, name, version)
    if wheel is None or not wheel.name.endswith("-none-any.whl"):
        raise BuildError(f"PyPI has no pure-Python wheel of {name}=={version}: Pyodide cannot install it offline")
    verify_wheel(wheel, name, version, read_hashes(LITE_LOCK), LITE_LOCK)
    return wheel


def vendor_pyodide(core: Path, lock_names: list[str], dest: Path) -> list[str]:
    """Copy Pyodide's core and the lock packages the site needs into ``dest``; patch their sha256.

    Pyodide repackages the wheels it serves, so PyPI's files differ byte for byte from the
    ones the lock describes. Each PyPI wheel is checked against ``requirements/pyodide.txt``
    before it is copied, and the lock is rewritten to the sha256 of the files shipped,
    computed from the copies after that check. Returns the file names vendored.
    """
    dest.mkdir(parents=True)
    for f in core.iterdir():
        if f.is_file() and f.suffix not in CORE_SKIP_SUFFIXES:
            shutil.copy2(f, dest / f.name)
    lock = json.loads((core / "pyodide-lock.json").read_text())
    packages = {norm(k): v for k, v in lock["packages"].items()}
    cache = CACHE / "lock"
    missing = [n for n in lock_names if find_wheel(cache, n, packages[n]["version"]) is None]
    for n in lock_names:
        p = packages[n]
        if p.get("package_type", "package") != "package" or not p["file_name"].endswith("-none-any.whl"):
            raise BuildError(
                f"Pyodide's lock ships {p['name']} as {p['file_name']}: not a pure-Python wheel, so PyPI cannot "
                "provide it and the site cannot work offline; remove what needs it from the setup cell"
            )
    pip_download([f"{packages[n]['name']}=={packages[n]['version']}" for n in missing], cache,
                 "Pyodide's lock packages")  # fmt: skip
    hashes = read_hashes(PYODIDE_HASHES) if PYODIDE_HASHES.is_file() else {}
    shipped = []
    for n in lock_names:
        p = packages[n]
        wheel = find_wheel(cache, n, p["version"])
        if wheel is None:
            raise BuildError(f"PyPI gave no wheel of {p['name']}=={p['version']} (the version Pyodide's lock pins)")
        p["sha256"] = copy_verified(wheel, dest / p["file_name"], n, p["version"], hashes, PYODIDE_HASHES)
        shipped.append(p["file_name"])
    (dest / "pyodide-lock.json").write_text(json.dumps(lock))
    return shipped


def lock_package_specs() -> list[str]:
    """``name==version`` of every Pyodide lock package the site ships (tools/lock.py hashes them)."""
    version, ext = kernel_package()
    lock = json.loads((pyodide_core(version) / "pyodide-lock.json").read_text())
    kernel_wheels = {norm(w.name.split("-")[0]): w for w in sorted((ext / "static" / "pypi").glob("*.whl"))}
    with tempfile.TemporaryDirectory(prefix="akskit-wheel-") as tmp:
        lock_names, _, _ = resolve(lock, kernel_wheels, build_akskit_wheel(Path(tmp)))
    packages = {norm(k): v for k, v in lock["packages"].items()}
    return sorted(f"{packages[n]['name']}=={packages[n]['version']}" for n in lock_names)


#: Beside the notebooks: the glossary their ``glossary.md#term`` links open (same folder, so the links work).
CONTENT_EXTRAS = ("glossary.md",)
CHEATSHEET = "cheatsheet.md"


def stage_contents(dest: Path) -> list[str]:
    """Every notebook, the glossary and the cheat sheet at the contents root; returns the files' names.

    The cheat sheet is rendered from this checkout's ``akskit.course.cheatsheet`` (standard
    library only, like the rest of the engine and course content), so its numbers are akskit's.
    """
    dest.mkdir(parents=True)
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise BuildError(f"no notebooks in {ROOT / 'notebooks'}")
    for nb in notebooks:
        shutil.copy2(nb, dest / nb.name)
    for name in CONTENT_EXTRAS:
        if not (ROOT / "notebooks" / name).is_file():
            raise BuildError(f"notebooks/{name} is missing: the notebooks link to it")
        shutil.copy2(ROOT / "notebooks" / name, dest / name)
    (dest / CHEATSHEET).write_text(cheatsheet_markdown() + "\n", encoding="utf-8")
    return [nb.name for nb in notebooks] + [*CONTENT_EXTRAS, CHEATSHEET]


APP_NOTEBOOK = ROOT / "app" / "calculator.ipynb"
APP_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={url}">
<script>window.location.replace({url_js});</script>
</head>
<body><p><a href="{url}">{title}</a> (runs in this browser, nothing to install)</p></body>
</html>
"""


def app_page(notebook: Path = APP_NOTEBOOK) -> str:
    """``app/index.html``: the app notebook's code and text run as one hidden-input cell of the REPL."""
    import html
    import urllib.parse

    cells = json.loads(notebook.read_text())["cells"]
    lines = ["from IPython.display import Markdown, display"]
    for cell in cells:
        source = "".join(cell["source"]).strip()
        if cell["cell_type"] == "markdown" and source:
            lines.append(f"display(Markdown({source!r}))")
        elif cell["cell_type"] == "code" and source:
            lines.append(source)
    if not any(c["cell_type"] == "code" for c in cells):
        raise BuildError(f"{notebook} has no code cell: nothing to run as the app")
    title = next((ln.lstrip("# ").strip() for c in cells for ln in c["source"] if ln.startswith("# ")), "akskit")
    query = urllib.parse.urlencode(
        {"kernel": "python", "showBanner": "0", "hideCodeInput": "1", "code": "\n".join(lines)}  # no toolbar: unset
    )
    url = f"../repl/index.html?{query}"
    return APP_PAGE.format(title=html.escape(title), url=html.escape(url), url_js=json.dumps(url))


def cheatsheet_markdown() -> str:
    """The cheat sheet as Markdown, from this checkout's akskit (imported from the source tree)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from akskit.course.cheatsheet import cheatsheet_markdown as render

    return render()


def size_mb(folder: Path) -> float:
    """Total size of the files under ``folder``, in MB (10^6 bytes)."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def build() -> None:
    """Stage everything under _output/lite-cache/stage and run ``jupyter lite build`` into _output/lite."""
    started = time.perf_counter()
    version, ext = kernel_package()
    kernel = importlib.metadata.version("jupyterlite-pyodide-kernel")
    print(f"Pyodide {version} (the version jupyterlite-pyodide-kernel {kernel} loads)")
    core = pyodide_core(version)
    lock = json.loads((core / "pyodide-lock.json").read_text())
    kernel_wheels = {norm(w.name.split("-")[0]): w for w in sorted((ext / "static" / "pypi").glob("*.whl"))}

    shutil.rmtree(STAGE, ignore_errors=True)
    STAGE.mkdir(parents=True)
    akskit_wheel = build_akskit_wheel(STAGE / "pypi")
    lock_names, piplite, kernel_used = resolve(lock, kernel_wheels, akskit_wheel)
    shipped = vendor_pyodide(core, lock_names, STAGE / "static" / "pyodide")
    print(f"lock packages ({len(shipped)}): {', '.join(sorted(shipped))}")
    lite_hashes = read_hashes(LITE_LOCK)
    for name, wheel in piplite.items():
        if wheel.parent != STAGE / "pypi":  # not akskit's own wheel, built from this checkout
            copy_verified(wheel, STAGE / "pypi" / wheel.name, name, wheel.name.split("-")[1], lite_hashes, LITE_LOCK)
    print(f"piplite wheels ({len(piplite)}): {', '.join(sorted(w.name for w in piplite.values()))}")
    preloaded = {**kernel_used, **{n: STAGE / "pypi" / w.name for n, w in piplite.items()}}
    try:
        add_to_lock(STAGE / "static" / "pyodide", preloaded, {n: wheel_requires(w) for n, w in preloaded.items()})
    except ValueError as exc:
        raise BuildError(f"preloading the kernel's wheels: {exc}") from None
    print(f"preloaded at kernel start ({len(PRELOAD)} names, with their dependencies): {', '.join(PRELOAD)}")
    try:
        compiled = precompile(STAGE / "static" / "pyodide", core, version, CACHE / "pyc")
    except CompileError as exc:
        raise BuildError(f"byte-compiling the wheels: {exc}") from None
    print(f"byte-compiled for Pyodide's CPython: {len(compiled)} wheels")
    notebooks = stage_contents(STAGE / "content")
    print(f"contents: {', '.join(notebooks)}")
    config = json.loads(json.dumps(LITE_CONFIG))
    config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]["loadPyodideOptions"] = {
        "packages": [norm(n) for n in PRELOAD]
    }
    (STAGE / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n")

    shutil.rmtree(OUTPUT, ignore_errors=True)
    jupyter = Path(sys.executable).parent / "jupyter"
    run(
        [str(jupyter), "lite", "build", "--lite-dir", str(STAGE), "--contents", str(STAGE / "content"),
         "--output-dir", str(OUTPUT), "--no-sourcemaps"],
        "jupyter lite build",
        cwd=STAGE,
    )  # fmt: skip
    (OUTPUT / "app").mkdir()
    (OUTPUT / "app" / "index.html").write_text(app_page(), encoding="utf-8")
    check_site(OUTPUT)
    print(f"built {OUTPUT.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s: {size_mb(OUTPUT):.1f} MB")


def check_site(site: Path) -> None:
    """Fail unless the site loads Pyodide locally and never falls back to PyPI."""
    config = json.loads((site / "jupyter-lite.json").read_text())
    settings = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    if not str(settings.get("pyodideUrl", "")).startswith("./"):
        raise BuildError(f"the site would load Pyodide from {settings.get('pyodideUrl')!r}, not from itself")
    if settings.get("disablePyPIFallback") is not True:
        raise BuildError("the site's jupyter-lite.json does not disable piplite's PyPI fallback")
    index = json.loads((site / "pypi" / "all.json").read_text())
    missing = [n for n in SETUP_CELL if n not in index]
    if missing:
        raise BuildError(f"the site's pypi/all.json has no {missing}")
    lock_dir = site / "static" / "pyodide"
    locked = json.loads((lock_dir / "pyodide-lock.json").read_text())["packages"]
    preload = settings.get("loadPyodideOptions", {}).get("packages", [])
    absent = [n for n in preload if n not in locked or not (lock_dir / locked[n]["file_name"]).is_file()]
    if not preload or absent:
        raise BuildError(f"the kernel would preload {absent or 'nothing'}, which the site's pyodide-lock.json lacks")


if __name__ == "__main__":
    try:
        build()
    except BuildError as exc:
        sys.exit(f"lite/build.py: {exc}")
