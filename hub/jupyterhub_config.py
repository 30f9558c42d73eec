"""JupyterHub for a workshop room on THIS machine (``make hub``): loopback only, NOT for the internet.

hub/launch.py starts ``jupyterhub -f hub/jupyterhub_config.py`` with the settings below in
``AKSKIT_HUB_*`` environment variables (ports, passwords, where state lives); nothing here is
meant to be edited per room. Everything binds 127.0.0.1: the public proxy port, the proxy's
API, the hub itself and every learner's server. A room reaches it through an SSH tunnel or a
reverse proxy the instructor runs (hub/README.md), never by changing these addresses.

- Authentication: one shared workshop password (``SharedPasswordAuthenticator``): anybody with
  the password can log in as ANY learner name. Fine for a room on loopback, never on a network.
  ``instructor`` is the admin and logs in with a separate, longer admin password.
- Spawner: ``SimpleLocalProcessSpawner`` runs each learner's server as this same OS user (no
  isolation between learners) from the course venv (.venv: JupyterLab with akskit), in its own
  folder under the state directory, with its own copy of notebooks/ made on first start.
- jupyterhub-idle-culler runs as a hub service and stops servers idle for AKSKIT_HUB_CULL_TIMEOUT s.
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  # injected by JupyterHub's config loader

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent  # the hub runs from the course venv: learners' servers do too
STATE = Path(os.environ["AKSKIT_HUB_STATE"])
USERS = STATE / "users"
LOOPBACK = "127.0.0.1"

# --- addresses: loopback only -----------------------------------------------------------------
c.JupyterHub.ip = LOOPBACK
c.JupyterHub.port = int(os.environ.get("AKSKIT_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = LOOPBACK
c.JupyterHub.hub_port = int(os.environ.get("AKSKIT_HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://{LOOPBACK}:{os.environ.get('AKSKIT_HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [os.environ["AKSKIT_HUB_PROXY"]]  # npm ci'd from hub/package-lock.json
c.ConfigurableHTTPProxy.should_start = True
c.Spawner.ip = LOOPBACK

# --- runtime state: under _output/hub (or the load test's own folder), never in the repo ---------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# --- authentication: a workshop's shared password (NOT for the internet) -----------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["AKSKIT_HUB_PASSWORD"]  # at least 8 characters
c.SharedPasswordAuthenticator.admin_password = os.environ["AKSKIT_HUB_ADMIN_PASSWORD"]  # at least 32
c.Authenticator.admin_users = {"instructor"}
c.Authenticator.allow_all = True  # any learner name, with the shared password
c.JupyterHub.admin_access = False

# --- one server per learner: the course venv's JupyterLab, each in its own copy of notebooks/ --
c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: every server runs as this OS user
c.SimpleLocalProcessSpawner.home_dir_template = str(USERS / "{username}")
c.Spawner.notebook_dir = str(USERS / "{username}" / "notebooks")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
# Voila (make app's page server) and jupyter_lsp (no language server is installed) are not part of
# a learner's course: left out of their servers, which start faster and hold less memory.
c.Spawner.args = [
    '--ServerApp.jpserver_extensions={"voila.server_extension": False, "jupyter_lsp": False}',
    *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),  # CI containers run as root
]
c.Spawner.environment = {"PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
c.Spawner.start_timeout = int(os.environ.get("AKSKIT_HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(os.environ.get("AKSKIT_HUB_START_TIMEOUT", "120"))
c.JupyterHub.concurrent_spawn_limit = int(os.environ.get("AKSKIT_HUB_SPAWN_LIMIT", "100"))
NEWS_OFF = '{ "fetchNews": "false" }\n'  # no "Jupyter news" toast in a fresh profile


def copy_course(spawner):  # type: ignore[no-untyped-def]
    """On a learner's first start, copy notebooks/ into their folder (later starts keep their work)."""
    home = USERS / spawner.user.name
    mine = home / "notebooks"
    if not mine.exists():
        shutil.copytree(ROOT / "notebooks", mine, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(NEWS_OFF)


c.Spawner.pre_spawn_hook = copy_course

# --- idle culling: a hub service -----------------------------------------------------------------
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable, "-m", "jupyterhub_idle_culler",
            f"--timeout={os.environ.get('AKSKIT_HUB_CULL_TIMEOUT', '3600')}", "--cull-every=60",
        ],
    }
]  # fmt: skip
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
