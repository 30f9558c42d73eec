"""A classroom on this machine, load-tested (``make classroom-load LEARNERS=N``).

Starts its own JupyterHub (hub/launch.py, free ports on 127.0.0.1, state in OUT/hub), then N
simulated learners at once, each like a person in a workshop: log in with the shared password,
start a server, open notebooks/03_kubenet.ipynb (contents API), start a kernel, run every code
cell top to bottom over the kernel websocket (execute_request, wait for idle; an error reply
fails the learner), then move the explorer's "nodes" slider several times (a comm_msg update
to the IntSlider model, timed until the kernel sends the PlotlyView's ``_py2js_update``), then
stop the kernel and the server. Memory (RSS of the learner's server and kernel) is sampled
twice a second; CPU seconds are read before the kernel stops.

Writes OUT/learners.csv, OUT/summary.json and OUT/classroom.html (plotly.js inlined), prints
the figures as aligned lines. Bounded: at most 200 learners and a global timeout; it stops
every process it started (hub, proxy, servers, kernels) on success, failure, Ctrl-C or SIGTERM.
Exit 0: every learner ran everything; 1: some failed; 2: unusable arguments or no hub.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import shutil
import sys
import time
import tomllib
import uuid
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import psutil
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from launch import LOOPBACK, NOTEBOOK, ROOT, Hub, HubError, free_port, running
from report import Learner, render, summary, write_csv, write_plot

MAX_LEARNERS = 200
REQUEST_TIMEOUT = 300  # seconds one kernel request may take before the learner is failed
SLIDER_VALUES = (60, 120, 35, 200, 80)  # the explorer's "nodes" slider (1-400), as a learner moves it


class LearnerFailed(Exception):
    """What went wrong for one learner (kept in the CSV's error column)."""


def message(msg_type: str, content: dict[str, Any], session: str, channel: str = "shell") -> dict[str, Any]:
    """A Jupyter message for the websocket's JSON protocol (jupyter_client's message spec 5.3)."""
    return {
        "header": {
            "msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "learner",
            "date": datetime.now(UTC).isoformat(), "version": "5.3",
        },
        "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": [],
    }  # fmt: skip


class Kernel:
    """One kernel websocket: send a request, collect what answers it until the kernel is idle."""

    def __init__(self, ws: Any, session: str) -> None:
        self.ws = ws
        self.session = session
        self.comms: dict[str, dict[str, Any]] = {}  # comm id -> the state it was opened with

    async def request(self, msg_type: str, content: dict[str, Any], *, until: Any = None) -> list[dict[str, Any]]:
        """Send one shell request; return the messages answering it, once the reply and the idle status came
        (and ``until(msg)`` held for one of them, if given)."""
        msg = message(msg_type, content, self.session)
        await self.ws.send(json.dumps(msg))
        got: list[dict[str, Any]] = []
        replied = msg_type == "comm_msg"  # a comm_msg gets no shell reply
        idle = False
        seen = until is None
        while not (replied and idle and seen):
            try:
                answer = json.loads(await asyncio.wait_for(self.ws.recv(), REQUEST_TIMEOUT))
            except TimeoutError:
                raise LearnerFailed(f"{msg_type}: no answer within {REQUEST_TIMEOUT} s") from None
            if answer.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
                continue
            got.append(answer)
            kind = answer["header"]["msg_type"]
            if kind == "comm_open":
                self.comms[answer["content"]["comm_id"]] = answer["content"]["data"].get("state", {})
            if answer["channel"] == "shell":
                replied = True
            if kind == "status" and answer["content"]["execution_state"] == "idle":
                idle = True
            if until is not None and until(answer):
                seen = True
        return got

    def comm(self, model: str, **state: Any) -> str | None:
        """The id of the first comm opened for a widget model (``IntSliderModel``) with that state."""
        for comm_id, opened in self.comms.items():
            if opened.get("_model_name") == model and all(opened.get(k) == v for k, v in state.items()):
                return comm_id
        return None

    def plot_comm(self) -> str | None:
        """The PlotlyView's comm: the model whose state has ``_py2js_update``."""
        return next((cid for cid, opened in self.comms.items() if "_py2js_update" in opened), None)


async def simulate(learner: Learner, url: str, password: str, index: int, pause: float) -> None:
    """One learner, start to end; fills ``learner`` and raises LearnerFailed on the first problem."""
    rng = random.Random(index)  # noqa: S311  # a person's pauses, not cryptography
    name = learner.name
    async with httpx.AsyncClient(base_url=url, timeout=httpx.Timeout(300.0)) as web:
        page = await web.get("/hub/login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
        form = {"username": name, "password": password, **({"_xsrf": xsrf.group(1)} if xsrf else {})}
        login = await web.post("/hub/login", data=form)
        if login.status_code != 302:
            raise LearnerFailed(f"login: HTTP {login.status_code}")
        cookie_xsrf = {"X-XSRFToken": web.cookies.get("_xsrf", "")}
        made = await web.post(f"/hub/api/users/{name}/tokens", json={"note": "classroom-load"}, headers=cookie_xsrf)
        if made.status_code != 201:
            raise LearnerFailed(f"token: HTTP {made.status_code} {made.text[:120]!r}")
        auth = {"Authorization": f"token {made.json()['token']}"}
        start = time.monotonic()
        spawn = await web.post(f"/hub/api/users/{name}/server", headers=auth)
        if spawn.status_code not in (201, 202):
            raise LearnerFailed(f"start server: HTTP {spawn.status_code} {spawn.text[:120]!r}")
        while True:
            state = (await web.get(f"/hub/api/users/{name}", headers=auth)).json()
            server = state.get("servers", {}).get("", {})
            if server.get("ready"):
                break
            if not server.get("pending") and not server:
                raise LearnerFailed("start server: the hub gave up (see the hub's log)")
            await asyncio.sleep(0.25)
        learner.server_ready_s = time.monotonic() - start
        # the instructor's link: /hub/user-redirect/... -> /hub/spawn/NAME?next=... -> the learner's own copy
        link = await web.get(f"/hub/user-redirect/lab/tree/{NOTEBOOK}")
        if link.status_code == 302 and link.headers["location"].startswith(f"/hub/spawn/{name}"):
            link = await web.get(link.headers["location"])
        if link.status_code != 302 or link.headers["location"] != f"/user/{name}/lab/tree/{NOTEBOOK}":
            raise LearnerFailed(f"notebook link: HTTP {link.status_code} to {link.headers.get('location')!r}")
        base = f"/user/{name}/api"
        opened = time.monotonic()
        contents = await web.get(f"{base}/contents/{NOTEBOOK}", headers=auth, params={"content": 1})
        if contents.status_code != 200:
            raise LearnerFailed(f"open {NOTEBOOK}: HTTP {contents.status_code}")
        cells = [c for c in contents.json()["content"]["cells"] if c["cell_type"] == "code"]
        learner.cells_total = len(cells)
        made = await web.post(
            f"{base}/sessions", headers=auth,
            json={"path": NOTEBOOK, "name": NOTEBOOK, "type": "notebook", "kernel": {"name": "python3"}},
        )  # fmt: skip
        if made.status_code != 201:
            raise LearnerFailed(f"start kernel: HTTP {made.status_code} {made.text[:120]!r}")
        session_id, kernel_id = made.json()["id"], made.json()["kernel"]["id"]
        session = uuid.uuid4().hex
        ws_url = f"ws://{url.split('://', 1)[1]}{base}/kernels/{kernel_id}/channels?session_id={session}"
        try:
            async with connect(ws_url, additional_headers=auth, max_size=None, open_timeout=60) as ws:
                kernel = Kernel(ws, session)
                await kernel.request("kernel_info_request", {})
                for number, cell in enumerate(cells):
                    code = "".join(cell["source"])
                    began = time.monotonic()
                    got = await kernel.request("execute_request", {
                        "code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True,
                    })  # fmt: skip
                    learner.cell_s.append(time.monotonic() - began)
                    reply = next(m["content"] for m in got if m["header"]["msg_type"] == "execute_reply")
                    if reply["status"] != "ok":
                        detail = f"{reply.get('ename', '')}: {reply.get('evalue', '')}"[:160]
                        raise LearnerFailed(f"code cell {number} replied {reply['status']}: {detail}")
                    learner.cells_run += 1
                    if math.isnan(learner.first_explorer_s) and kernel.plot_comm() and kernel.comm("IntSliderModel"):
                        learner.first_explorer_s = time.monotonic() - opened
                slider, plot = kernel.comm("IntSliderModel", description="nodes"), kernel.plot_comm()
                if slider is None or plot is None:
                    raise LearnerFailed("no explorer: no 'nodes' IntSlider and PlotlyView comm was opened")
                for value in SLIDER_VALUES:
                    await asyncio.sleep(pause * (0.5 + rng.random()))  # a person reads, then moves the slider

                    def drawn(msg: dict[str, Any], plot: str = plot) -> bool:
                        data = msg["content"].get("data", {})
                        return (
                            msg["header"]["msg_type"] == "comm_msg" and msg["content"].get("comm_id") == plot
                            and bool(data.get("state", {}).get("_py2js_update"))
                        )  # fmt: skip

                    began = time.monotonic()
                    await kernel.request(
                        "comm_msg",
                        {
                            "comm_id": slider,
                            "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
                        },
                        until=drawn,
                    )
                    learner.explorer_s.append(time.monotonic() - began)
                learner.cpu_s = cpu_seconds(name)
        finally:
            await web.delete(f"{base}/sessions/{session_id}", headers=auth)
            await web.delete(f"/hub/api/users/{name}/server", headers=auth)


# --- processes: which are a learner's, their memory and CPU ---------------------------------------
SERVERS: dict[str, psutil.Process] = {}
HUB_CPU: list[float] = []  # CPU seconds of the hub, proxy and culler at the end of the run


def learner_processes(name: str) -> tuple[psutil.Process | None, list[psutil.Process]]:
    """The learner's single-user server and the processes under it (the kernel)."""
    server = SERVERS.get(name)
    if server is None:
        return None, []
    try:
        return server, server.children(recursive=True)
    except psutil.NoSuchProcess:
        return None, []


def find_servers(procs: list[psutil.Process]) -> None:
    """Map learner names to their jupyterhub-singleuser processes (by the JUPYTERHUB_USER they run for)."""
    known = {p.pid for p in SERVERS.values()}
    for p in procs:
        if p.pid in known:
            continue
        try:
            if any("jupyterhub-singleuser" in part for part in p.cmdline()):
                user = p.environ().get("JUPYTERHUB_USER")
                if user:
                    SERVERS[user] = p
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass


def cpu_seconds(name: str) -> float:
    """User + system CPU seconds of the learner's server and kernel so far."""
    server, kernels = learner_processes(name)
    total = 0.0
    for p in [server, *kernels] if server else []:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def sample(learners: dict[str, Learner]) -> None:
    """One memory sample: keep each learner's peak of server + kernel RSS."""
    for name, learner in learners.items():
        server, kernels = learner_processes(name)
        if server is None:
            continue
        try:
            server_rss = server.memory_info().rss
            kernel_rss = sum(k.memory_info().rss for k in kernels)
        except psutil.NoSuchProcess:
            continue
        if server_rss + kernel_rss > learner.peak_rss:
            learner.peak_rss, learner.peak_server_rss, learner.peak_kernel_rss = (
                server_rss + kernel_rss, server_rss, kernel_rss)  # fmt: skip


def listening(procs: list[psutil.Process]) -> set[str]:
    """Every address a process of the tree listens on (TCP), as ``ip:port``."""
    out = set()
    for p in procs:
        try:
            for conn in p.net_connections(kind="inet"):
                if conn.status == psutil.CONN_LISTEN:
                    out.add(f"{conn.laddr.ip}:{conn.laddr.port}")
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return out


async def watch(hub: Hub, learners: dict[str, Learner], seen_listening: set[str]) -> None:
    """Twice a second: track the hub's processes, sample memory; every few seconds, what listens."""
    tick = 0
    while True:
        procs = hub.track()
        find_servers(procs)
        sample(learners)
        if tick % 6 == 0:
            seen_listening |= listening(procs)
        tick += 1
        await asyncio.sleep(0.5)


async def classroom(hub: Hub, n: int, timeout: float, pause: float, seen_listening: set[str]) -> list[Learner]:
    """Run n learners at once under one global timeout; a learner's failure never stops the others."""
    learners = {f"learner{i:03d}": Learner(f"learner{i:03d}") for i in range(1, n + 1)}

    async def one(index: int, learner: Learner) -> None:
        try:
            await simulate(learner, hub.url, hub.password, index, pause)
        except LearnerFailed as error:
            learner.error = str(error)
        except Exception as error:  # any failure is this learner's result, kept in the CSV
            learner.error = f"{type(error).__name__}: {error}"[:200]

    watcher = asyncio.create_task(watch(hub, learners, seen_listening))
    try:
        tasks = [asyncio.create_task(one(i, x)) for i, x in enumerate(learners.values())]
        _done, pending = await asyncio.wait(tasks, timeout=timeout)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for learner in learners.values():
            if not learner.ok and not learner.error:
                learner.error = f"not finished within the global timeout ({timeout:.0f} s)"
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
    procs = hub.track()
    seen_listening |= listening(procs)
    mine = {p.pid for name in learners for p in filter(None, [SERVERS.get(name)])}
    shared = 0.0  # the hub, the proxy and the culler: shared by the room
    for p in procs:
        try:
            if p.pid not in mine and not (set(q.pid for q in p.parents()) & mine):
                t = p.cpu_times()
                shared += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    HUB_CPU.append(shared)
    return list(learners.values())


def session_seconds() -> float:
    """Notebook 03's stated time in seconds: the session the classroom plan spreads a learner's CPU over."""
    text = (resources.files("akskit.course") / "data" / "classroom.toml").read_text(encoding="utf-8")
    return float(tomllib.loads(text)["learner"]["session_minutes"]) * 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--learners", type=int, default=20, help=f"simulated learners, 1-{MAX_LEARNERS} (default 20)")
    parser.add_argument("--out", type=Path, default=ROOT / "_output" / "classroom", help="where the CSV, plot go")
    parser.add_argument("--timeout", type=float, default=900, help="global timeout in seconds (default 900)")
    parser.add_argument("--pause", type=float, default=1.0, help="mean seconds a learner waits between slider moves")
    parser.add_argument("--pace", type=float, default=session_seconds(), help="seconds one learner's work spreads "
                        "over in a workshop, for 'learners per core' (default: notebook 03's stated minutes, "
                        "learner.session_minutes in akskit's classroom.toml)")  # fmt: skip
    args = parser.parse_args(argv)
    if not 1 <= args.learners <= MAX_LEARNERS:
        print(f"classroom-load: --learners must be between 1 and {MAX_LEARNERS} (got {args.learners})", file=sys.stderr)
        return 2
    if not args.timeout > 0:
        print(f"classroom-load: --timeout must be positive seconds (got {args.timeout})", file=sys.stderr)
        return 2
    out: Path = args.out
    shutil.rmtree(out / "hub", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    hub = Hub(out / "hub", port=free_port(), cull_timeout=3600, start_timeout=300, log_level="WARN")
    seen_listening: set[str] = set()
    began = time.monotonic()
    load_before = os.getloadavg()
    try:
        with running(hub):
            learners = asyncio.run(classroom(hub, args.learners, args.timeout, args.pause, seen_listening))
    except HubError as error:
        print(f"classroom-load: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("classroom-load: interrupted; every process it started is stopped", file=sys.stderr)
        return 1
    wall = time.monotonic() - began
    figures = summary(learners, pace_s=args.pace)
    left = [p.pid for p in hub.alive()]
    figures.update({
        "wall_s": wall, "cores": psutil.cpu_count(), "mem_gib": psutil.virtual_memory().total / 2**30,
        "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
        "listening": sorted(seen_listening), "processes_started": len(hub.seen),
        "pids_started": {str(pid): created for pid, created in hub.seen.items()}, "left_running": left,
        "hub_proxy_cpu_s": HUB_CPU[-1] if HUB_CPU else math.nan,
        "errors": {x.name: x.error for x in learners if x.error},
    })  # fmt: skip
    write_csv(learners, out / "learners.csv")
    (out / "summary.json").write_text(json.dumps(figures, indent=1, default=str) + "\n")
    write_plot(learners, figures, out / "classroom.html")
    print(render(figures))
    after = figures["loadavg_after"][0]
    print(f"{'wall time':<30}  {wall:.0f} s; load average {load_before[0]:.1f} before, {after:.1f} after")
    loopback = all(a.startswith(LOOPBACK + ":") for a in seen_listening)
    print(f"{'listening':<30}  {len(seen_listening)} sockets, {'all 127.0.0.1' if loopback else 'NOT ALL LOOPBACK'}")
    print(f"{'hub + proxy CPU, whole room':<30}  {figures['hub_proxy_cpu_s']:.1f} s")
    print(f"{'processes started / left':<30}  {len(hub.seen)} / {len(left)}")
    for name, error in figures["errors"].items():
        print(f"  {name}: {error}")
    print(f"wrote {out / 'learners.csv'}, {out / 'summary.json'}, {out / 'classroom.html'}")
    return 0 if figures["failures"] == 0 and not left else 1


if __name__ == "__main__":
    sys.exit(main())
