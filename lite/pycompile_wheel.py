"""Run inside Pyodide (lite/pycompile.mjs): add CPython 3.14 bytecode to pure-Python wheels.

For every ``module.py`` of a wheel this writes ``__pycache__/module.cpython-314.pyc`` beside it,
as an unchecked hash-based pyc (PEP 552: the interpreter trusts it without reading the source,
so an import costs no compile in the browser), and lists it in the wheel's RECORD. Sources stay,
so tracebacks still show code. Zip entries get a fixed date, so the output depends on the input
wheel and the interpreter only. Files that do not compile (Python 2 test fixtures) stay source only,
and so do the files matching the job's skip patterns (fnmatch): bytecode makes a wheel bigger, and
Pyodide unzips every file of it at kernel start, so modules that are rarely imported are cheaper
compiled on demand.
"""

import base64
import fnmatch
import hashlib
import importlib.util
import json
import sys
import warnings
import zipfile
from importlib import _bootstrap_external as bootstrap

SITE = f"/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages/"
DATE = (1980, 1, 1, 0, 0, 0)


def record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def compile_wheel(src: str, dest: str, skip: list[str]) -> int:
    with zipfile.ZipFile(src) as zin:
        infos = zin.infolist()
        members = [(i.filename, zin.read(i)) for i in infos]
    record = next(n for n, _ in members if n.endswith(".dist-info/RECORD") and n.count("/") == 1)
    added = []
    for name, data in members:
        if not name.endswith(".py") or ".data/" in name.split(".dist-info/")[0]:
            continue
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in skip):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                code = compile(data, SITE + name, "exec", dont_inherit=True)
            except SyntaxError:
                continue
        pyc = bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(data), False)
        added.append((importlib.util.cache_from_source(name), pyc))
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in members + added:
            if name == record:
                continue
            zout.writestr(zipfile.ZipInfo(name, DATE), data, compress_type=zipfile.ZIP_DEFLATED)
        lines = [ln for ln in dict(members)[record].decode().splitlines() if ln.strip()]
        lines[-1:-1] = [record_line(n, d) for n, d in added]  # RECORD's own line stays last
        zout.writestr(zipfile.ZipInfo(record, DATE), "\n".join(lines) + "\n", compress_type=zipfile.ZIP_DEFLATED)
    return len(added)


def main(jobs_dir: str) -> None:
    with open(f"{jobs_dir}/jobs.json") as f:
        jobs = json.load(f)
    for src, dest, skip in jobs:
        count = compile_wheel(f"{jobs_dir}/{src}", f"{jobs_dir}/{dest}", skip)
        print(f"compiled {count} modules of {src}")
