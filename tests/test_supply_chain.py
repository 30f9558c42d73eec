"""Supply chain: every install comes from a hashed lock, and the offline build checks what it ships.

- every lock pins each package with ``==`` and lists at least one sha256 for it;
- the Binder and lite locks hold the main lock's version of every package they share;
- every ``pip install`` in the Makefile and in binder/postBuild is hash-checked or ``--no-deps``;
- lite/build.py refuses a Pyodide tarball whose sha512 is not the npm registry's integrity, and
  a wheel whose sha256 is not in its lock, and writes Pyodide's lock with the hashes of the copies.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
import shutil
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("lite_build", ROOT / "lite" / "build.py")
assert _spec is not None
assert _spec.loader is not None
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

LOCKS = {
    "main": ROOT / "requirements" / "lock.txt",
    "pip": ROOT / "requirements" / "pip.txt",
    "uv": ROOT / "requirements" / "uv.txt",
    "pyodide": ROOT / "requirements" / "pyodide.txt",
    "lite": ROOT / "lite" / "requirements.txt",
    "binder": ROOT / "binder" / "requirements.txt",
}
#: what the Binder image must run: akskit's ``course`` extra (pyproject.toml) and setuptools for postBuild
COURSE_RUNTIME = ("jupyterlab", "ipywidgets", "anywidget", "plotly", "pandas", "voila", "setuptools")


def entries(lock: Path) -> list[str]:
    """The requirement entries of a pip requirements file, continuation lines joined, comments dropped."""
    text = lock.read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def versions(lock: Path) -> dict[str, str]:
    """``{normalised name: version}`` of a lock, parsed here independently of lite/build.py."""
    found = {}
    for line in entries(lock):
        name, _, rest = line.partition("==")
        found[re.sub(r"[-_.]+", "-", name).lower()] = rest.split()[0]
    return found


def sri_sha512(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def flip_byte(path: Path, at: int = 10) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", sorted(LOCKS))
def test_every_lock_entry_pins_exactly_and_has_a_sha256(name: str) -> None:
    lock = LOCKS[name]
    lines = entries(lock)
    assert lines, f"{lock} is empty"
    for line in lines:
        assert re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][^\s;]*( |$)", line), f"{lock}: not an == pin: {line[:100]}"
        hashes = re.findall(r"--hash=(\S+)", line)
        assert hashes, f"{lock}: no --hash on {line.split()[0]}"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), f"{lock}: {line.split()[0]} {hashes}"
        assert not re.search(r"(^| )(-e|--editable|--index-url|--extra-index-url|-c|-r)( |=|$)|git\+", line), line


def test_binder_lock_is_the_whole_course_runtime_at_the_main_locks_versions() -> None:
    binder, main = versions(LOCKS["binder"]), versions(LOCKS["main"])
    assert set(COURSE_RUNTIME) <= set(binder), set(COURSE_RUNTIME) - set(binder)
    assert len(binder) > 3 * len(COURSE_RUNTIME), "a full lock lists the dependencies, not only the top level"
    assert "akskit" not in binder  # binder/postBuild installs it from the repository
    differ = {n: (v, main[n]) for n, v in binder.items() if n in main and main[n] != v}
    assert not differ, f"binder/requirements.txt and requirements/lock.txt disagree: {differ}"
    assert set(binder) <= set(main), f"Binder installs what the tested venv does not: {set(binder) - set(main)}"


def test_lite_lock_shares_the_main_locks_versions() -> None:
    lite, main = versions(LOCKS["lite"]), versions(LOCKS["main"])
    shared = set(lite) & set(main)
    assert {"ipywidgets", "plotly", "anywidget", "jupyter-server", "setuptools"} <= shared
    differ = {n: (lite[n], main[n]) for n in shared if lite[n] != main[n]}
    assert not differ, f"lite/requirements.txt and requirements/lock.txt disagree: {differ}"


def test_pip_itself_is_pinned_and_installed_first_in_every_venv() -> None:
    assert list(versions(LOCKS["pip"])) == ["pip"]
    makefile = (ROOT / "Makefile").read_text()
    assert "--upgrade pip" not in makefile
    locked = re.search(r"^LOCKED := (.*)$", makefile, re.M)
    assert locked is not None
    assert "--require-hashes" in locked.group(1).split()
    installs = re.findall(r"^\t(.*pip install .*)$", makefile, re.M)
    assert len(installs) >= 8, installs
    for command in installs:
        assert "$(LOCKED)" in command or "--no-deps" in command, f"unhashed install in the Makefile: {command}"
        assert " -c " not in command, command
    # in each venv recipe, pip's own lock comes before the packages' lock
    recipes = [r for r in re.split(r"\n(?=\S)", makefile) if "-m venv" in r]
    assert len(recipes) >= 4, "the .venv, .venv-lite, .venv-binder and .venv-lock recipes"
    for recipe in recipes:
        own = re.findall(r"pip install .*", recipe)
        assert own, recipe
        assert own[0].endswith("-r requirements/pip.txt"), (recipe.splitlines()[0], own)
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert re.search(r"pip install --no-deps --no-build-isolation \.$", post_build, re.M)


def test_read_hashes_reads_every_entry_of_a_real_lock() -> None:
    hashes = build.read_hashes(LOCKS["lite"])
    assert {n: v for n, (v, _) in hashes.items()} == versions(LOCKS["lite"])
    for line in entries(LOCKS["lite"]):
        name = build.norm(line.split("==")[0])
        assert set(re.findall(r"sha256:([0-9a-f]{64})", line)) == hashes[name][1]


# --- the Pyodide tarball against the npm registry's integrity ---------------------------------


def test_verify_integrity_known_answer_and_tampered_copy(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    # sha512 of the empty string, base64 (the SRI spec's well-known value)
    build.verify_integrity(
        empty, "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
    )
    copy = tmp_path / "pip.txt"
    shutil.copy(LOCKS["pip"], copy)
    integrity = sri_sha512(copy.read_bytes())
    build.verify_integrity(copy, integrity)
    build.verify_integrity(copy, f"sha1-AAAA {integrity}")  # several entries: the sha512 one counts
    flip_byte(copy)
    with pytest.raises(build.BuildError, match="does not match the npm registry's integrity"):
        build.verify_integrity(copy, integrity)
    with pytest.raises(build.BuildError, match="no sha512 integrity"):
        build.verify_integrity(copy, "sha1-" + base64.b64encode(hashlib.sha1(copy.read_bytes()).digest()).decode())  # noqa: S324


def _fake_pyodide_tarball(path: Path) -> None:
    lock = path.parent / "pyodide-lock.json"
    lock.write_text(json.dumps({"packages": {}}))
    with tarfile.open(path, "w:gz") as tar:
        tar.add(lock, arcname="package/pyodide-lock.json")


def test_pyodide_core_refuses_a_changed_cached_tarball_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "CACHE", tmp_path)
    npm = tmp_path / "npm"
    npm.mkdir()
    tgz = npm / "pyodide-0.0.1.tgz"
    _fake_pyodide_tarball(tgz)
    (npm / "pyodide-0.0.1.tgz.integrity").write_text(sri_sha512(tgz.read_bytes()) + "\n")
    assert (build.pyodide_core("0.0.1") / "pyodide-lock.json").is_file()  # the recorded integrity matches
    shutil.rmtree(npm / "pyodide-0.0.1")
    flip_byte(tgz, at=len(tgz.read_bytes()) // 2)
    with pytest.raises(build.BuildError, match="does not match the npm registry's integrity"):
        build.pyodide_core("0.0.1")
    assert not (npm / "pyodide-0.0.1").exists(), "a refused tarball must not be unpacked"


# --- wheels against their locks ---------------------------------------------------------------


def _wheel_and_lock(tmp_path: Path, name: str = "foo", version: str = "1.0") -> tuple[Path, Path]:
    wheel = tmp_path / f"{name}-{version}-py3-none-any.whl"
    shutil.copy(LOCKS["pip"], wheel)  # any small file stands for the wheel's bytes
    lock = tmp_path / "lock.txt"
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock.write_text(f"{name.upper()}=={version} \\\n    --hash=sha256:{'0' * 64} \\\n    --hash=sha256:{digest}\n")
    return wheel, lock


def test_verify_wheel_accepts_the_locked_file_and_refuses_a_flipped_byte(tmp_path: Path) -> None:
    wheel, lock = _wheel_and_lock(tmp_path)
    hashes = build.read_hashes(lock)
    assert build.verify_wheel(wheel, "foo", "1.0", hashes, lock) == hashlib.sha256(wheel.read_bytes()).hexdigest()
    with pytest.raises(build.BuildError, match=r"has no hashes for foo==1\.1 \(it pins 1\.0\)"):
        build.verify_wheel(wheel, "foo", "1.1", hashes, lock)
    with pytest.raises(build.BuildError, match=r"has no hashes for bar==1\.0 \(it pins nothing\)"):
        build.verify_wheel(wheel, "bar", "1.0", hashes, lock)
    flip_byte(wheel)
    with pytest.raises(build.BuildError, match=r"not one of the 2 hashes \S*lock\.txt pins for foo==1\.0"):
        build.verify_wheel(wheel, "foo", "1.0", hashes, lock)


def test_copy_verified_refuses_before_copying(tmp_path: Path) -> None:
    wheel, lock = _wheel_and_lock(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    digest = build.copy_verified(wheel, out / wheel.name, "foo", "1.0", build.read_hashes(lock), lock)
    assert digest == hashlib.sha256((out / wheel.name).read_bytes()).hexdigest()
    (out / wheel.name).unlink()
    flip_byte(wheel)
    with pytest.raises(build.BuildError, match="refusing it"):
        build.copy_verified(wheel, out / wheel.name, "foo", "1.0", build.read_hashes(lock), lock)
    assert not (out / wheel.name).exists()


def test_vendor_pyodide_ships_verified_wheels_and_the_hashes_of_the_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    (cache / "lock").mkdir(parents=True)
    wheel, lock = _wheel_and_lock(cache / "lock")
    monkeypatch.setattr(build, "CACHE", cache)
    monkeypatch.setattr(build, "PYODIDE_HASHES", lock)
    core = tmp_path / "core"
    core.mkdir()
    shipped_name = "foo-1.0-py3-none-any.whl"
    pyodide_lock = {"packages": {"foo": {"name": "foo", "version": "1.0", "file_name": shipped_name,
                                         "sha256": "pyodide's own build", "depends": []}}}  # fmt: skip
    (core / "pyodide-lock.json").write_text(json.dumps(pyodide_lock))
    (core / "pyodide.asm.js").write_text("// core")

    dest = tmp_path / "site"
    assert build.vendor_pyodide(core, ["foo"], dest) == [shipped_name]
    written = json.loads((dest / "pyodide-lock.json").read_text())["packages"]["foo"]
    assert written["sha256"] == hashlib.sha256((dest / shipped_name).read_bytes()).hexdigest()
    assert written["sha256"] in build.read_hashes(lock)["foo"][1]

    flip_byte(wheel)
    with pytest.raises(build.BuildError, match=r"pins for foo==1\.0"):
        build.vendor_pyodide(core, ["foo"], tmp_path / "site2")
    assert not (tmp_path / "site2" / shipped_name).exists()
