// Byte-compile pure-Python wheels with the very CPython that runs in the browser (Pyodide, in node).
// Usage: node lite/pycompile.mjs PYODIDE_DIR JOBS_DIR
// JOBS_DIR/jobs.json lists [input wheel, output wheel] file names inside JOBS_DIR (lite/pycompile.py
// writes it); the Python side, lite/pycompile_wheel.py, runs inside Pyodide with JOBS_DIR at /jobs.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [core, jobs] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide } = await import(pathToFileURL(`${core}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${core}/`, stdout: console.log, stderr: console.error });
pyodide.mountNodeFS("/jobs", jobs);
const here = new URL(".", import.meta.url);
pyodide.runPython(readFileSync(new URL("pycompile_wheel.py", here), "utf8"));
pyodide.runPython("main('/jobs')");
