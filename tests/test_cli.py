"""The akskit command line: output formats, exit status, reverse mode, spec files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from akskit.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, _ = run(capsys, *argv, "--format", "json")
    return code, json.loads(out)


# Microsoft's worked example (IP address planning page): 50 nodes, 30 max pods, Azure CNI.
WORKED_EXAMPLE = ("plan", "--plugin", "azure-cni", "--nodes", "50", "--max-pods", "30", "--service-cidr", "10.0.0.0/16")


class TestPlan:
    """akskit plan."""

    def test_worked_example_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """50 nodes, surge 1, 30 pods: 1,581 IPs, /21, fits a /21, exit 0."""
        code, data = run_json(
            capsys, *WORKED_EXAMPLE, "--max-surge", "1", "--subnet", "10.224.0.0/21", "--dns-service-ip", "10.0.0.10"
        )
        assert code == 0
        assert data["plugin"] == "azure-cni"
        assert data["node_subnet"]["ips_required"] == 1581
        assert data["node_subnet"]["smallest_prefix"] == 21
        assert data["node_subnet"]["fits"] is True
        assert data["node_subnet"]["usable_ips"] == 2043
        assert data["pod_subnet"] is None
        assert data["pod_cidr"] is None
        assert data["pools"][0]["planned_nodes"] == 51

    def test_does_not_fit_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A subnet too small is an error finding and exit 1."""
        code, data = run_json(capsys, *WORKED_EXAMPLE, "--subnet", "10.224.0.0/22")
        assert code == 1
        assert data["node_subnet"]["fits"] is False
        assert "node-subnet-too-small" in [f["code"] for f in data["findings"]]

    def test_reverse_mode(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No --nodes but a --subnet: the largest node count that fits."""
        code, out, _ = run(
            capsys, "plan", "--plugin", "azure-cni", "--max-pods", "30", "--max-surge", "0", "--subnet", "10.240.0.0/24"
        )
        assert code == 0
        assert "Reverse mode: the first pool can grow to 8 nodes" in out
        code, data = run_json(capsys, "plan", "--plugin", "kubenet", "--max-surge", "10%", "--subnet", "10.240.0.0/24")
        assert data["reverse"] is True
        assert data["pools"][0]["nodes"] == 228
        assert data["capacity"] == {
            "max_nodes": 228,
            "max_nodes_no_surge": 251,
            "limited_by": "the node subnet 10.240.0.0/24",
        }

    def test_az_spellings(self, capsys: pytest.CaptureFixture[str]) -> None:
        """az CLI flags select models: StaticBlock, overlay, and the Cilium data plane."""
        _, data = run_json(
            capsys,
            "plan",
            "--network-plugin",
            "azure",
            "--pod-ip-allocation-mode",
            "StaticBlock",
            "--nodes",
            "3",
            "--max-pods",
            "31",
        )
        assert data["plugin"] == "pod-subnet-static"
        _, data = run_json(
            capsys,
            "plan",
            "--network-plugin",
            "azure",
            "--network-plugin-mode",
            "overlay",
            "--network-dataplane",
            "cilium",
            "--nodes",
            "3",
        )
        assert (data["plugin"], data["dataplane"]) == ("overlay", "cilium")
        _, data = run_json(capsys, "plan", "--plugin", "--network-plugin kubenet", "--nodes", "3")
        assert data["plugin"] == "kubenet"

    def test_pools(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Repeatable --pool; --max-pods acts as a default for pools without one."""
        _, data = run_json(
            capsys,
            "plan",
            "--plugin",
            "overlay",
            "--max-pods",
            "50",
            "--pool",
            "name=system,nodes=3",
            "--pool",
            "name=user,nodes=10,max-count=20,max-pods=110,max-surge=33%",
            "--pool",
            "name=win,nodes=2,os=windows,max-surge=1",
        )
        pools = {p["name"]: p for p in data["pools"]}
        assert pools["system"]["max_pods"] == 50
        assert (pools["user"]["max_count"], pools["user"]["surge_nodes"], pools["user"]["planned_nodes"]) == (20, 7, 27)
        assert data["planned_nodes"] == 3 + 1 + 27 + 3

    @pytest.mark.parametrize("suffix", [".toml", ".json"])
    def test_spec_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str) -> None:
        """A whole cluster from TOML or JSON; command-line flags override it."""
        spec = {
            "plugin": "azure-cni",
            "node_subnet": "10.224.0.0/24",
            "pools": [{"name": "system", "nodes": 7, "max_pods": 30, "max_surge": 1}],
        }
        path = tmp_path / f"cluster{suffix}"
        if suffix == ".json":
            path.write_text(json.dumps(spec))
        else:
            path.write_text(
                'plugin = "azure-cni"\nnode_subnet = "10.224.0.0/24"\n\n'
                '[[pools]]\nname = "system"\nnodes = 7\nmax_pods = 30\nmax_surge = 1\n'
            )
        code, data = run_json(capsys, "plan", "--spec", str(path))
        assert (code, data["node_subnet"]["ips_required"], data["node_subnet"]["fits"]) == (0, 248, True)
        _, data = run_json(capsys, "plan", "--spec", str(path), "--subnet", "10.224.0.0/23")
        assert data["node_subnet"]["cidr"] == "10.224.0.0/23"

    def test_flags_override_a_key_under_its_other_spelling(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A spec's "model" and "subnet" are the settings --plugin and --subnet replace, not a second copy."""
        path = tmp_path / "cluster.toml"
        path.write_text('model = "azure-cni"\nsubnet = "10.224.0.0/24"\n[[pools]]\nname = "system"\nnodes = 3\n')
        code, data = run_json(
            capsys, "plan", "--spec", str(path), "--plugin", "kubenet", "--node-subnet", "10.1.0.0/24"
        )
        assert (code, data["plugin"], data["node_subnet"]["cidr"]) == (0, "kubenet", "10.1.0.0/24")

    def test_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Markdown output has a heading and a pipe table."""
        _, out, _ = run(capsys, "plan", "--plugin", "kubenet", "--nodes", "3", "--format", "markdown")
        assert out.startswith("# akskit plan: kubenet")
        assert "| pool | os |" in out


class TestCompare:
    """akskit compare."""

    def test_every_model_side_by_side(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One row per model with its VNet IPs."""
        code, data = run_json(capsys, "compare", "--nodes", "50", "--max-pods", "30", "--max-surge", "1")
        assert code == 0
        vnet = {
            m["plugin"]: m["node_subnet"]["ips_required"] + (m["pod_subnet"] or {}).get("ips_required", 0)
            for m in data["models"]
        }
        assert vnet == {
            "kubenet": 51,
            "azure-cni": 1581,
            "overlay": 51,
            # Dynamic: 16 x ceil((30 + 8) / 16) = 48 pod IPs per node in full use (dynamic-ip-allocation page);
            # static block: 16 x ceil((30 + 1) / 16) = 32 (configure-azure-cni-static-block-allocation).
            "pod-subnet": 51 + 51 * 48,
            "pod-subnet-static": 51 + 51 * 32,
            "none": 51,
        }

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The table names every model."""
        _, out, _ = run(capsys, "compare", "--nodes", "10")
        assert all(m in out for m in ("kubenet", "azure-cni", "overlay", "pod-subnet-static", "none"))


class TestProcess:
    """The real command, as a separate process."""

    def test_python_m_akskit(self) -> None:
        """python -m akskit runs and exits 0 for a valid plan."""
        proc = subprocess.run(
            [sys.executable, "-m", "akskit", "plan", "--plugin", "overlay", "--nodes", "3"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Azure CNI Overlay" in proc.stdout

    def test_bad_input_is_one_line_exit_2(self) -> None:
        """Unusable input: exit 2, one line on stderr, no traceback."""
        proc = subprocess.run(
            [sys.executable, "-m", "akskit", "plan", "--subnet", "10.0.0.0/33"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1
        assert "'10.0.0.0/33'" in proc.stderr
        assert "Traceback" not in proc.stderr
