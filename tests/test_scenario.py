"""The capstone scenario: the packaged data file, reading the TOML, and turning choices into a ClusterSpec."""

from __future__ import annotations

import dataclasses
import shutil
from ipaddress import IPv4Network
from pathlib import Path

import pytest

from akskit import plan
from akskit.course.datafiles import data_file
from akskit.course.scenario import Scenario, design, load_scenario
from akskit.engine import facts
from akskit.engine.errors import SpecError
from akskit.engine.models import Dataplane, NetworkModel

ROOT = Path(__file__).resolve().parent.parent
CAPSTONE = ROOT / "akskit" / "course" / "data" / "capstone.toml"


@pytest.fixture
def scenario() -> Scenario:
    return load_scenario(path=CAPSTONE)


class TestDataFile:
    """The packaged capstone.toml is found from any working directory; an explicit path wins."""

    def test_from_any_working_directory(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """From a fresh folder (no data/ anywhere near), the packaged file is read; a ./data decoy is ignored."""
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "capstone.toml").write_text('name = "decoy"', encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert Path(str(data_file("capstone.toml"))).resolve() == CAPSTONE
        assert load_scenario().name == load_scenario(path=CAPSTONE).name != "decoy"

    def test_explicit_file_and_folder(self, tmp_path: Path) -> None:
        """An explicit path may be the file itself or the folder holding it."""
        copy = tmp_path / "capstone.toml"
        shutil.copy(CAPSTONE, copy)
        assert data_file("capstone.toml", copy) == copy
        assert data_file("capstone.toml", tmp_path) == copy
        assert load_scenario(path=tmp_path).source == str(copy)

    def test_unknown_name_lists_the_course_files(self) -> None:
        """A name the course does not ship raises SpecError naming it, the files there are, and path=."""
        with pytest.raises(
            SpecError, match=r"scenario file 'nowhere\.toml' is not one of the course's data files"
        ) as err:
            load_scenario("nowhere.toml")
        assert "capstone.toml, classroom.toml, fleet.toml" in str(err.value)
        assert "path=" in str(err.value)

    def test_missing_explicit_path(self, tmp_path: Path) -> None:
        """A wrong explicit path raises SpecError quoting it."""
        with pytest.raises(SpecError, match=r"scenario file '.*typo\.toml' not found: check the path"):
            load_scenario(path=tmp_path / "typo.toml")


class TestLoadScenario:
    """The capstone file holds the requirements the course promises, with their trap."""

    def test_provenance_header(self) -> None:
        """The data file says in a header comment that it is invented for teaching."""
        header = [line for line in CAPSTONE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        assert CAPSTONE.read_text(encoding="utf-8").startswith("#")
        assert "invented for teaching" in " ".join(header).lower()

    def test_the_default_service_cidr_trap(self, scenario: Scenario) -> None:
        """A peered range overlaps AKS's default service CIDR 10.0.0.0/16 (KUBENET_URL), the classic trap."""
        assert scenario.peer_name(facts.DEFAULT_SERVICE_CIDR) is not None
        assert any(facts.DEFAULT_DNS_SERVICE_IP in p.cidr for p in scenario.peers)

    def test_workload(self, scenario: Scenario) -> None:
        """System 3 nodes; user 10 to 40 at 50 max pods and 33% surge; Windows 2 to 6; 4 PEs + 2 ILBs; 10 growth."""
        system, user, win = scenario.node_pools
        assert (system.nodes, system.max_count, system.os) == (3, None, "linux")
        assert (user.nodes, user.max_count, user.max_pods, str(user.surge)) == (10, 40, 50, "33%")
        assert (win.nodes, win.max_count, win.os) == (2, 6, "windows")
        assert len(win.name) <= facts.POOL_NAME_MAX_WINDOWS
        assert (scenario.private_endpoints, scenario.internal_load_balancers, scenario.extra_ips) == (4, 2, 6)
        assert scenario.scale_out == 10
        assert scenario.vnet == IPv4Network("10.224.0.0/12")

    def test_peak_by_hand(self, scenario: Scenario) -> None:
        """The peak is each pool's maximum plus 33% rounded up (ROLLING_UPGRADE_URL), plus growth: 76 nodes."""
        by_hand = (3 + 1) + (40 + 14) + (6 + 2) + 10  # ceil(0.99) = 1, ceil(13.2) = 14, ceil(1.98) = 2
        assert design(scenario, model="overlay").planned_nodes == by_hand == 76

    def test_frozen(self, scenario: Scenario) -> None:
        """Scenario values cannot be changed in place."""
        with pytest.raises(dataclasses.FrozenInstanceError):
            scenario.scale_out = 0  # type: ignore[misc]

    def test_table(self, scenario: Scenario) -> None:
        """The table has one row per peered range and per pool, and renders as Markdown."""
        table = scenario.table()
        labels = [row[0] for row in table.rows]
        assert labels.count("peered range") == len(scenario.peers) == 3
        assert [lab for lab in labels if lab.startswith("pool ")] == ["pool system", "pool user", "pool win"]
        assert scenario._repr_markdown_() == str(table)
        assert "10.0.0.0/16" in str(table)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("name = [", "not valid TOML"),
            ('[network]\nvnet = "10.224.0.1/12"\n[[pools]]\nname = "system"', "host bits set"),
            ("[network]\n[[pools]]\nname = 'system'", "needs a vnet"),
            ('[network]\nvnet = "10.224.0.0/12"\n[[pools]]\nname = "system"\nsize = 3', "unknown keys 'size'"),
            ('[network]\nvnet = "10.224.0.0/12"\n[[pools]]\nname = "Sys"', "node pool name 'Sys'"),
            ('[network]\nvnet = "10.224.0.0/12"', "at least one node pool"),
            (
                '[network]\nvnet = "10.224.0.0/12"\n[growth]\nscale_out = -1\n[[pools]]\nname = "s"',
                "scale_out must be a whole number",
            ),
        ],
    )
    def test_bad_files(self, tmp_path: Path, text: str, message: str) -> None:
        """A bad file raises SpecError naming the file and quoting the problem."""
        bad = tmp_path / "bad.toml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(SpecError, match=message) as err:
            load_scenario(path=bad)
        assert str(bad) in str(err.value)


class TestDesign:
    """design() joins the scenario's requirements with the learner's choices."""

    def test_fills_in_the_requirements(self, scenario: Scenario) -> None:
        """Pools, peers, VNet, other IPs and growth come from the scenario."""
        spec = design(scenario, model="overlay", node_subnet="10.224.0.0/24", service_cidr="172.16.0.0/16")
        assert spec.pools == scenario.node_pools
        assert spec.peers == tuple(p.cidr for p in scenario.peers)
        assert (spec.vnet, spec.extra_ips, spec.scale_out) == (scenario.vnet, 6, 10)
        assert spec.node_subnet == IPv4Network("10.224.0.0/24")
        assert spec.service_cidr == IPv4Network("172.16.0.0/16")

    def test_az_flags_as_model(self, scenario: Scenario) -> None:
        """The model may be az CLI flags, data plane included."""
        spec = design(scenario, model="--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium")
        assert (spec.model, spec.dataplane) == (NetworkModel.OVERLAY, Dataplane.CILIUM)

    def test_model_is_required(self, scenario: Scenario) -> None:
        """The learner must choose a model: there is no default."""
        with pytest.raises(TypeError):
            design(scenario)  # type: ignore[call-arg]

    def test_defaults_fail_on_the_trap(self, scenario: Scenario) -> None:
        """Leaving the service CIDR to AKS's default collides with on-premises: an error finding."""
        codes = {f.code for f in plan(design(scenario, model="overlay", node_subnet="10.224.0.0/24")).errors}
        assert codes == {"service-cidr-overlap"}
