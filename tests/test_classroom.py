"""akskit.course.classroom: the classroom's cluster, checked against arithmetic done here by hand.

Node reservations: https://learn.microsoft.com/en-us/azure/aks/node-resource-reservations (AKS 1.29+:
kube-reserved memory = min(20 MB x max pods + 50 MB, 25 % of memory), eviction below 100 Mi, CPU by core count).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import shlex
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from akskit.cli import main
from akskit.course import classroom
from akskit.course.classroom import (
    capacity_table,
    load_classroom,
    node_fit,
    pod_resources,
    room,
    room_spec,
    room_table,
)
from akskit.engine.cluster_export import export
from akskit.engine.errors import SpecError

ROOT = Path(__file__).resolve().parent.parent
DATA = tomllib.loads((ROOT / "akskit/course/data/classroom.toml").read_text(encoding="utf-8"))
GUIDE = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
DEPLOY = (ROOT / "deploy" / "z2jh" / "README.md").read_text(encoding="utf-8")


def _by_hand(learners: int) -> tuple[int, int]:
    """Placeholders and user nodes for a room, from the TOML's numbers alone."""
    u, r, p = DATA["user_pool"], DATA["reservations"], DATA["pod"]
    memory = u["memory_gib"] * 1024
    memory -= min(r["memory_per_pod_mib"] * u["max_pods"] + r["memory_base_mib"], memory * r["memory_fraction_cap"])
    memory -= r["eviction_mib"]
    cpu_m = u["vcpus"] * 1000 - r["cpu_millicores"][str(u["vcpus"])]
    guarantee = math.ceil(DATA["learner"]["memory_mib"] * p["margin"])
    cores = DATA["learner"]["cpu_seconds"] / (DATA["learner"]["session_minutes"] * 60)  # averaged over the session
    cpu_guarantee = math.ceil(round(cores * p["margin"] * 1000, 6))
    per_node = min(int(memory // guarantee), cpu_m // cpu_guarantee, u["max_pods"] - u["daemon_pods"])
    placeholders = math.ceil(learners * DATA["rooms"]["placeholder_fraction"])
    return placeholders, math.ceil((learners + placeholders) / per_node)


class TestMicrosoftsExample:
    """The reservation rule reproduces the worked example on Microsoft's page."""

    def test_8_gb_30_pods(self) -> None:
        """8 GB and 30 max pods: 650 MB kube-reserved, 100 Mi eviction, 7.25 GB allocatable (90.625 %)."""
        c = load_classroom()
        vm = replace(c.user_pool, memory_gib=8, max_pods=30, vcpus=2)
        fit = node_fit(replace(c, user_pool=vm))
        assert 8 * 1024 - fit.allocatable_memory_mib == 650 + 100
        assert fit.allocatable_cpu_millicores == 2000 - 100

    def test_4_gb_70_pods_caps_at_a_quarter(self) -> None:
        """4 GB and 70 max pods: 25 % of memory (1,024 MiB) is less than 20 x 70 + 50 = 1,450."""
        c = load_classroom()
        fit = node_fit(replace(c, user_pool=replace(c.user_pool, memory_gib=4, max_pods=70, vcpus=4)))
        assert 4 * 1024 - fit.allocatable_memory_mib == 1024 + 100


class TestComputation:
    """Pods, nodes and rooms."""

    def test_pod_resources(self) -> None:
        """Guarantee = measured x margin rounded up; limit = guarantee x factor."""
        pod = pod_resources(load_classroom())
        assert pod.memory_guarantee_mib == math.ceil(DATA["learner"]["memory_mib"] * DATA["pod"]["margin"])
        assert pod.memory_limit_mib == pod.memory_guarantee_mib * DATA["pod"]["memory_limit_factor"]
        assert pod.cpu_limit == DATA["pod"]["cpu_limit"]

    @pytest.mark.parametrize("learners", [1, 30, 43, 100, 250, 300, 1000])
    def test_room(self, learners: int) -> None:
        """Placeholders and user nodes equal the arithmetic done here from the TOML."""
        r = room(load_classroom(), learners)
        assert (r.placeholders, r.user_nodes) == _by_hand(learners)

    def test_the_binding_limit_is_named(self) -> None:
        """The limit named is the resource with the fewest learners."""
        fit = node_fit(load_classroom())
        smallest = min(fit.by_memory, fit.by_cpu, fit.by_pods)
        assert fit.learners == smallest
        assert {"memory": fit.by_memory, "CPU": fit.by_cpu, "pod slots": fit.by_pods}[fit.limit] == smallest

    @pytest.mark.parametrize("learners", [30, 100, 300])
    def test_ips_per_model(self, learners: int) -> None:
        """Overlay: one address per planned node; Node Subnet: max pods + 1 per node; surge rounded up per pool."""
        from akskit import plan

        c = load_classroom()
        _, users = _by_hand(learners)
        s, u = DATA["system_pool"], DATA["user_pool"]
        nodes = s["nodes"] + s["max_surge"] + users + math.ceil(users * int(u["max_surge"].rstrip("%")) / 100)
        overlay = plan(room_spec(c, learners, "overlay")).node_subnet
        flat = plan(room_spec(c, learners, "azure-cni")).node_subnet
        assert overlay.ips_required == nodes
        assert flat.ips_required == nodes * (u["max_pods"] + 1)
        for sub in (overlay, flat):
            prefix = sub.smallest_prefix
            assert prefix is not None
            assert 2 ** (32 - prefix) - 5 >= sub.ips_required > 2 ** (31 - prefix) - 5
            assert sub.fits

    def test_bad_room(self) -> None:
        """A room of no learners is refused by name."""
        with pytest.raises(SpecError, match="learners must be a whole number"):
            room(load_classroom(), 0)

    def test_bad_file(self, tmp_path: Path) -> None:
        """A missing key is named with its table."""
        text = (ROOT / "akskit/course/data/classroom.toml").read_text(encoding="utf-8")
        (tmp_path / "c.toml").write_text(text.replace('max_pods = 50\nmax_surge = "33%"', 'max_surge = "33%"'))
        with pytest.raises(SpecError, match=r"user_pool\.max_pods is missing"):
            load_classroom(path=tmp_path / "c.toml")

    def test_the_data_file_is_marked_provisional(self) -> None:
        """Until the load test's figures replace them, the file and the capacity table say so."""
        c = load_classroom()
        if c.provisional:
            assert "PROVISIONAL" in (ROOT / "akskit/course/data/classroom.toml").read_text(encoding="utf-8")
            assert "(provisional)" in str(capacity_table(c))


class TestDocuments:
    """The guide and the deploy README show what akskit computes."""

    def test_the_guide_has_the_room_table(self) -> None:
        """The instructor guide's classroom plan is room_table(), character for character."""
        assert str(room_table(load_classroom())) in GUIDE

    def test_the_guide_has_the_capacity_table(self) -> None:
        """The measured capacity in the guide is capacity_table()."""
        assert str(capacity_table(load_classroom())) in GUIDE
        assert "{{" not in GUIDE  # no placeholder left unfilled

    def test_the_deploy_readme_shows_the_real_export(self) -> None:
        """The README's `akskit export` is the CLI's real output, and the same as exporting the computed room."""
        block = re.search(r"```console\n(\$ akskit export .*?)```", DEPLOY, re.S)
        assert block, "deploy/z2jh/README.md has no ```console block starting with $ akskit export"
        lines = block.group(1).splitlines()
        command = [lines.pop(0)]
        while command[-1].endswith("\\"):
            command[-1] = command[-1][:-1]
            command.append(lines.pop(0))
        printed = "\n".join(lines)
        argv = shlex.split(" ".join(part.strip() for part in command).removeprefix("$ "))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(argv[1:]) == 0
        assert out.getvalue().strip() == printed.strip()
        c = load_classroom()
        assert out.getvalue().strip() == export(room_spec(c, c.config_room), "az").strip()

    def test_the_export_sets_what_the_chart_needs(self) -> None:
        """Both pools' VM size and node-purpose label, and --mode User, come from akskit: none typed by hand."""
        c = load_classroom()
        words = shlex.split(export(room_spec(c, c.config_room), "az").replace("\\\n", " "))
        size, purpose = DATA["user_pool"]["vm_size"], "hub.jupyter.org/node-purpose"
        create, add = words.index("create"), words.index("add")
        assert words[create:add].count("--node-vm-size") == 1
        assert f"{purpose}={DATA['system_pool']['labels'][purpose]}" in words[create:add]
        tail = words[add:]
        assert tail[tail.index("--node-vm-size") + 1] == size
        assert tail[tail.index("--labels") + 1] == f"{purpose}=user"  # z2jh's matchNodePurpose: require
        assert tail[tail.index("--mode") + 1] == "User"
        assert "--node-vm-size" not in DEPLOY.split("```console")[1].split("```")[1]  # nothing added by hand after it
        assert "the VM size on both pools" not in DEPLOY

    def test_the_chart_pin(self) -> None:
        """The README and config.yaml pin the chart to one version (4.4.0: JupyterHub 5.5.0)."""
        config = (ROOT / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8")
        pins = set(re.findall(r"--version (\S+)", DEPLOY + config))
        assert pins == {"4.4.0"}
        assert "JupyterHub 5.5.0" in DEPLOY


def test_module_exports() -> None:
    """The notebook's names come from akskit.course."""
    from akskit import course

    assert course.classroom is classroom
    assert course.load_classroom is load_classroom


def test_the_session_is_notebook_03s_own_time() -> None:
    """CPU seconds are spread over the minutes notebook 03's first cell promises (the load test runs notebook 03)."""
    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "03_kubenet.ipynb"
    first = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    stated = re.search(r"about (\d+) minutes", first)
    assert stated, first[:300]
    assert int(stated.group(1)) == DATA["learner"]["session_minutes"]


def test_the_guides_export_snippet_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The instructor guide's Python for another room's az commands runs as written and prints the pools' flags."""
    guide = (Path(__file__).resolve().parents[1] / "notebooks" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"For another room or model.*?```python\n(.*?)```", guide, flags=re.DOTALL)
    assert block, "the guide's export snippet is gone"
    exec(compile(block.group(1), "notebooks/README.md", "exec"), {})  # noqa: S102 - the project's own guide
    printed = capsys.readouterr().out
    assert printed.count("az aks nodepool add") == 1
    assert "--node-vm-size Standard_D4s_v5" in printed
    assert "--labels hub.jupyter.org/node-purpose=user" in printed
