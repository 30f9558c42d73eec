"""Start JupyterHub on this machine (``make hub``), and the machinery the load test reuses.

``make hub`` runs this file: it prepares ``_output/hub`` (database, cookie secret, logs, learners'
folders), starts ``jupyterhub -f hub/jupyterhub_config.py`` in a process group of its own on
127.0.0.1, waits until the hub answers, prints the URL, the passwords, the direct notebook
link and the admin's next steps, and on Ctrl-C (or SIGTERM) stops everything it started: the
hub, the proxy, every learner's server and kernel, the idle culler.

The password comes from ``AKSKIT_HUB_PASSWORD`` (at least 8 characters) or is generated and
printed; the admin's from ``AKSKIT_HUB_ADMIN_PASSWORD`` (at least 32) or generated.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "hub" / "jupyterhub_config.py"
PROXY = ROOT / "_output" / "hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
NOTEBOOK = "03_kubenet.ipynb"
LOOPBACK = "127.0.0.1"


class HubError(RuntimeError):
    """The hub could not be started (the message says why and what to do)."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def port_free(port: int) -> bool:
    """True if nothing listens on 127.0.0.1:port."""
    with socket.socket() as s:
        try:
            s.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


class Hub:
    """One JupyterHub and everything it starts, tracked by process id so that :meth:`stop` ends it all."""

    def __init__(
        self, state: Path, *, port: int = 8000, password: str | None = None, cull_timeout: int = 3600,
        start_timeout: int = 120, log_level: str = "INFO",
    ) -> None:  # fmt: skip
        self.state = state
        self.port = port
        self.password = password or secrets.token_urlsafe(9)
        self.admin_password = os.environ.get("AKSKIT_HUB_ADMIN_PASSWORD") or secrets.token_urlsafe(32)
        self.cull_timeout = cull_timeout
        self.start_timeout = start_timeout
        self.log_level = log_level
        self.proc: subprocess.Popen[bytes] | None = None
        self.seen: dict[int, float] = {}  # pid -> create_time of every process ever seen in the tree
        self.log = state / "logs" / "hub.log"

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def notebook_link(self) -> str:
        """The link that drops a logged-in learner into their own copy of the kubenet notebook."""
        return f"{self.url}/hub/user-redirect/lab/tree/{NOTEBOOK}"

    def start(self) -> None:
        """Start the hub in its own process group and return once ``/hub/health`` answers."""
        if not PROXY.exists():
            raise HubError(f"configurable-http-proxy is not installed at {PROXY}: run `make hub` (it runs npm ci)")
        if len(self.password) < 8:
            raise HubError("AKSKIT_HUB_PASSWORD must be at least 8 characters: choose a longer workshop password")
        if len(self.admin_password) < 32:
            raise HubError("AKSKIT_HUB_ADMIN_PASSWORD must be at least 32 characters: choose a longer one")
        internal, api = free_port(), free_port()
        for port in (self.port, internal, api):
            if not port_free(port):
                raise HubError(f"port {port} on {LOOPBACK} is taken: stop what uses it, or set HUB_PORT=another")
        (self.state / "logs").mkdir(parents=True, exist_ok=True)
        (self.state / "users").mkdir(exist_ok=True)
        env = {
            **os.environ,
            "AKSKIT_HUB_STATE": str(self.state),
            "AKSKIT_HUB_PORT": str(self.port),
            "AKSKIT_HUB_INTERNAL_PORT": str(internal),
            "AKSKIT_HUB_PROXY_API_PORT": str(api),
            "AKSKIT_HUB_PROXY": str(PROXY),
            "AKSKIT_HUB_PASSWORD": self.password,
            "AKSKIT_HUB_ADMIN_PASSWORD": self.admin_password,
            "AKSKIT_HUB_CULL_TIMEOUT": str(self.cull_timeout),
            "AKSKIT_HUB_START_TIMEOUT": str(self.start_timeout),
            "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(32),
        }
        command = [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIG), f"--log-level={self.log_level}"]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(  # noqa: S603  # our own venv's jupyterhub, fixed arguments
                command, cwd=self.state, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.track()
        deadline = time.monotonic() + 120  # a loaded machine: the hub itself starts in about 3 s
        while time.monotonic() < deadline:
            self.track()
            if self.proc.poll() is not None:
                raise HubError(f"jupyterhub exited with {self.proc.returncode}: see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/health", timeout=2) as answer:  # noqa: S310  # loopback
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise HubError(f"the hub did not answer on {self.url} within 120 s: see {self.log}")

    def tree(self) -> list[psutil.Process]:
        """The hub and every process under it now (proxy, culler, learners' servers, kernels)."""
        if self.proc is None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def track(self) -> list[psutil.Process]:
        """Remember every process in the tree now (call it often: a server started in its own
        session is still the hub's child, so it is found here), and return them."""
        procs = self.tree()
        for p in procs:
            with suppress(psutil.NoSuchProcess):
                self.seen.setdefault(p.pid, p.create_time())
        return procs

    def alive(self) -> list[psutil.Process]:
        """The processes this hub ever started that are still running (same pid and start time)."""
        out = []
        for pid, created in self.seen.items():
            try:
                p = psutil.Process(pid)
                if p.create_time() == created and p.status() != psutil.STATUS_ZOMBIE:
                    out.append(p)
            except psutil.NoSuchProcess:
                pass
        return out

    def stop(self, grace: float = 15.0) -> None:
        """Ask the hub to stop (it stops servers and the proxy), then kill whatever is left, by pid."""
        self.track()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.proc.wait(grace)
        for p in self.alive():
            with suppress(psutil.NoSuchProcess):
                p.terminate()
        _, left = psutil.wait_procs(self.alive(), timeout=3)
        for p in left:
            with suppress(psutil.NoSuchProcess):
                p.kill()
        psutil.wait_procs(left, timeout=3)
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@contextmanager
def running(hub: Hub) -> Iterator[Hub]:
    """Start ``hub``; stop everything it started on the way out, on an error, Ctrl-C or SIGTERM too."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt), signal.signal(signal.SIGINT, _raise_interrupt)
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def banner(hub: Hub) -> str:
    """What the person running the room reads once the hub is up."""
    return f"""
JupyterHub for a room is running on {hub.url}  (127.0.0.1 only: NOT for the internet)

  learners log in at      {hub.url}/hub/login
                          any name, shared password: {hub.password}
  straight into 03        {hub.notebook_link}
  admin                   user "instructor", password: {hub.admin_password}
  idle servers stopped    after {hub.cull_timeout} s (jupyterhub-idle-culler)
  state and logs          {hub.state}  (log: {hub.log})

Next steps for the admin:
  1. Log in as "instructor" and open {hub.url}/hub/admin to see and stop learners' servers.
  2. To let a room in, put an HTTPS reverse proxy or an SSH tunnel in front of {hub.url}
     (hub/README.md); never change the 127.0.0.1 addresses: the shared password is not security.
  3. Hand out the link above and the shared password.
Ctrl-C stops the hub, the proxy and every learner's server and kernel.
"""


def main() -> int:
    state = ROOT / "_output" / "hub"
    port = int(os.environ.get("HUB_PORT", "8000"))
    hub = Hub(state, port=port, password=os.environ.get("AKSKIT_HUB_PASSWORD"))
    try:
        with running(hub):
            print(banner(hub), flush=True)
            while hub.proc is not None and hub.proc.poll() is None:
                hub.track()
                time.sleep(1)
            print(f"jupyterhub exited with {hub.proc.returncode if hub.proc else '?'}: see {hub.log}", file=sys.stderr)
            return 1
    except HubError as error:
        print(f"make hub: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nstopped: the hub, the proxy and every server it started", file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(main())
