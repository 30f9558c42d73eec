"""What `make hub` is made of, checked without starting it: loopback addresses, the workshop
authenticator, the course venv's servers, idle culling, and the proxy pinned by integrity hashes."""

from __future__ import annotations

import json
import re
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "hub"


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """hub/jupyterhub_config.py as JupyterHub loads it, with the environment hub/launch.py gives it."""
    state = tmp_path_factory.mktemp("hub-state")
    env = {
        "AKSKIT_HUB_STATE": str(state), "AKSKIT_HUB_PORT": "8000", "AKSKIT_HUB_INTERNAL_PORT": "8081",
        "AKSKIT_HUB_PROXY_API_PORT": "8001", "AKSKIT_HUB_PROXY": "/x/configurable-http-proxy",
        "AKSKIT_HUB_PASSWORD": "p" * 8, "AKSKIT_HUB_ADMIN_PASSWORD": "a" * 32,
    }  # fmt: skip
    c = Config()
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        source = (HUB / "jupyterhub_config.py").read_text()
        exec(  # noqa: S102  # the config file is ours; JupyterHub execs it the same way
            compile(source, str(HUB / "jupyterhub_config.py"), "exec"),
            {"get_config": lambda: c, "__file__": str(HUB / "jupyterhub_config.py")},
        )
    c.state = state
    return c


class TestLoopbackOnly:
    """Every address the hub, proxy and servers bind is 127.0.0.1."""

    def test_public_proxy_hub_and_servers(self, config: Any) -> None:
        assert (config.JupyterHub.ip, config.JupyterHub.hub_ip, config.Spawner.ip) == ("127.0.0.1",) * 3

    def test_proxy_api(self, config: Any) -> None:
        assert config.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:8001"


class TestWorkshopSetup:
    """The room: shared password, an admin, one course server per learner, culling."""

    def test_shared_password_with_an_instructor_admin(self, config: Any) -> None:
        assert config.JupyterHub.authenticator_class == "shared-password"
        assert config.SharedPasswordAuthenticator.user_password == "p" * 8
        assert config.Authenticator.admin_users == {"instructor"}

    def test_servers_run_the_course_venvs_jupyterlab(self, config: Any) -> None:
        assert config.JupyterHub.spawner_class == "simple"
        assert config.Spawner.cmd == [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
        assert config.Spawner.default_url == "/lab"

    def test_each_learner_gets_a_copy_of_the_notebooks_under_the_state_folder(
        self, config: Any, tmp_path: Path
    ) -> None:
        assert config.Spawner.notebook_dir == str(config.state / "users" / "{username}" / "notebooks")

        class User:
            name = "ann"

        class Spawner:
            user = User()

        config.Spawner.pre_spawn_hook(Spawner())
        copy = config.state / "users" / "ann" / "notebooks"
        assert (copy / "03_kubenet.ipynb").read_bytes() == (ROOT / "notebooks" / "03_kubenet.ipynb").read_bytes()
        (copy / "03_kubenet.ipynb").write_text("my work")
        config.Spawner.pre_spawn_hook(Spawner())  # a second start keeps the learner's work
        assert (copy / "03_kubenet.ipynb").read_text() == "my work"

    def test_idle_culler_is_a_service_with_only_the_scopes_it_needs(self, config: Any) -> None:
        (service,) = config.JupyterHub.services
        assert service["name"] == "idle-culler"
        assert service["command"][1:3] == ["-m", "jupyterhub_idle_culler"]
        (role,) = config.JupyterHub.load_roles
        assert sorted(role["scopes"]) == ["delete:servers", "list:users", "read:servers", "read:users:activity"]

    def test_state_lives_in_the_state_folder_not_the_repository(self, config: Any) -> None:
        assert config.JupyterHub.db_url == f"sqlite:///{config.state / 'jupyterhub.sqlite'}"
        assert config.JupyterHub.cookie_secret_file == str(config.state / "jupyterhub_cookie_secret")


class TestProxyPin:
    """configurable-http-proxy: one exact version, every package of its tree with an integrity hash."""

    PACKAGE = json.loads((HUB / "package.json").read_text())
    LOCK = json.loads((HUB / "package-lock.json").read_text())

    def test_package_json_pins_exactly(self) -> None:
        (version,) = self.PACKAGE["dependencies"].values()
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), version

    def test_lock_matches_package_json(self) -> None:
        assert self.LOCK["packages"][""]["dependencies"] == self.PACKAGE["dependencies"]
        ((name, version),) = self.PACKAGE["dependencies"].items()
        assert self.LOCK["packages"][f"node_modules/{name}"]["version"] == version

    def test_every_package_has_a_sha512_integrity_and_no_install_script(self) -> None:
        packages = {k: v for k, v in self.LOCK["packages"].items() if k}
        assert packages
        assert [k for k, v in packages.items() if not v.get("integrity", "").startswith("sha512-")] == []
        assert [k for k, v in packages.items() if v.get("hasInstallScript")] == []

    def test_make_installs_it_with_npm_ci_from_the_lock(self) -> None:
        makefile = (ROOT / "Makefile").read_text()
        assert "npm ci --ignore-scripts" in makefile
        assert "npm install" not in makefile


def test_the_hub_and_culler_are_in_the_main_lock_with_hashes() -> None:
    lock = (ROOT / "requirements" / "lock.txt").read_text()
    for name in ("jupyterhub", "jupyterhub-idle-culler"):
        entry = re.search(rf"^{name}==[\d.]+ \\\n(    --hash=sha256:[0-9a-f]{{64}}.*\n)+", lock, re.M)
        assert entry, f"{name} is not pinned with hashes in requirements/lock.txt"


def test_a_taken_port_is_refused_with_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(HUB))
    import launch  # hub/launch.py

    monkeypatch.setattr(launch, "PROXY", Path(sys.executable))  # any existing file: the port check comes next
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        hub = launch.Hub(tmp_path, port=port, password="p" * 8)
        with pytest.raises(launch.HubError, match=rf"^port {port} on 127\.0\.0\.1 is taken: .*HUB_PORT="):
            hub.start()
    assert hub.proc is None  # nothing was started


def test_a_short_workshop_password_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(HUB))
    import launch  # hub/launch.py

    monkeypatch.setattr(launch, "PROXY", Path(sys.executable))
    with pytest.raises(launch.HubError, match=r"AKSKIT_HUB_PASSWORD must be at least 8 characters"):
        launch.Hub(tmp_path, port=launch.free_port(), password="short").start()  # noqa: S106  # a test value
