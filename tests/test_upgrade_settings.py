"""How a pool upgrades, and the moment a plan sizes for (issue 10's "upgrade settings the engine must know").

Sources:
- ROLLING: https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling ("Max unavailable
  doesn't create surge nodes"; "You can't set max unavailable on system node pools"; "When maxUnavailable
  is 0, AKS requires maxSurge to be greater than 0").
- BLUE_GREEN: https://learn.microsoft.com/en-us/azure/aks/blue-green-node-pool-upgrade ("blue-green
  upgrades require double the node capacity during the upgrade process"; max unavailable not supported).
- Create time: https://github.com/Azure/AKS/issues/456, "Pre-allocated IPs 310 exceeds IPs available in
  Subnet 251": 10 nodes of Azure CNI at the default 30 max pods on a /24, counted without surge.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akskit import SpecError, cluster, plan, pool
from akskit.cli import main
from akskit.engine.azcli import az_commands
from akskit.engine.cluster_export import export
from akskit.engine.spec_mapping import spec_from_mapping


def _codes(spec: object) -> set[str]:
    return {f.code for f in plan(spec).findings}  # type: ignore[arg-type]


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


class TestMaxUnavailable:
    def test_surge_zero_with_max_unavailable_adds_no_nodes(self) -> None:
        """ROLLING: max surge 0 + max unavailable 2 upgrades in place: Azure CNI, 10 x (30 + 1) = 310, no surge."""
        p = plan(
            cluster("azure-cni", [pool("system", 3, max_surge=1), pool("user", 10, max_surge=0, max_unavailable=2)])
        )
        user = p.pools[1]
        assert (user.surge_nodes, user.planned_nodes, user.node_subnet_ips) == (0, 10, 310)
        assert not {"surge-zero", "max-unavailable-system-pool"} & _codes(p.spec)

    def test_surge_zero_alone_is_refused_by_aks(self) -> None:
        """ROLLING: maxSurge 0 needs maxUnavailable > 0: a warning (AKS refuses it), 0 extra nodes planned."""
        assert "surge-zero" in _codes(cluster("overlay", [pool("system", 3), pool("user", 5, max_surge=0)]))
        assert "surge-zero" in _codes(
            cluster("overlay", [pool("system", 3), pool("user", 5, max_surge=0, max_unavailable=0)])
        )

    def test_refused_on_a_system_pool(self) -> None:
        """ROLLING: max unavailable on a system pool is an error, with or without surge, naming the pool."""
        for surge in (0, 1):
            p = plan(cluster("overlay", [pool("sys", 3, max_surge=surge, max_unavailable=1)]))
            assert [f.code for f in p.errors] == ["max-unavailable-system-pool"]
            assert "'sys'" in p.errors[0].message
        explicit = cluster("overlay", [pool("a", 3), pool("b", 3, mode="system", max_surge=0, max_unavailable="50%")])
        assert [f.code for f in plan(explicit).errors] == ["max-unavailable-system-pool"]

    def test_percentage_rounds_up(self) -> None:
        """Like max surge, a percentage is of the pool, rounded up: 50% of 5 nodes is 3."""
        unavailable = pool("user", 5, max_surge=0, max_unavailable="50%").max_unavailable
        assert unavailable is not None
        assert unavailable.nodes(5) == 3

    @pytest.mark.parametrize("bad", ["legacy", "two", "150%", -1, True])
    def test_bad_values_are_refused(self, bad: object) -> None:
        """max unavailable is a count or percentage; the message names it (never 'max surge')."""
        with pytest.raises(SpecError, match="max unavailable"):
            pool("user", 3, max_unavailable=bad)  # type: ignore[arg-type]


class TestBlueGreen:
    def test_capacity_doubles(self) -> None:
        """BLUE_GREEN: a second copy of the pool: 8 nodes at max count 8 plan 16; Azure CNI 16 x 31 = 496."""
        p = plan(
            cluster(
                "azure-cni", [pool("system", 3, max_surge=1), pool("bg", 4, max_count=8, upgrade_strategy="bluegreen")]
            )
        )
        assert (p.pools[1].surge_nodes, p.pools[1].planned_nodes, p.pools[1].node_subnet_ips) == (8, 16, 496)

    def test_max_unavailable_is_refused(self) -> None:
        """BLUE_GREEN lists max unavailable as unsupported: an error finding."""
        spec = cluster("overlay", [pool("system", 3), pool("bg", 4, upgrade_strategy="blue-green", max_unavailable=1)])
        assert [f.code for f in plan(spec).errors] == ["blue-green-max-unavailable"]

    def test_unknown_strategy(self) -> None:
        with pytest.raises(SpecError, match="upgrade strategy must be one of rolling, bluegreen"):
            pool("bg", 4, upgrade_strategy="canary")


class TestMoment:
    def test_create_reproduces_aks_number(self) -> None:
        """Azure/AKS#456: AKS pre-allocated 310 at create for 10 Azure CNI nodes; at upgrade akskit plans 341."""
        created = plan(cluster("azure-cni", [pool("system", 10)], node_subnet="10.0.0.0/24", moment="create"))
        assert created.node_subnet.ips_required == 310
        assert created.node_subnet.usable_ips == 251
        assert plan(cluster("azure-cni", [pool("system", 10)])).node_subnet.ips_required == 341

    def test_create_counts_the_autoscaler_maximum(self) -> None:
        """INSUFFICIENT_SUBNET_SIZE: 'the max-count from each nodepool is counted': 3 + 20 = 23 overlay nodes."""
        spec = cluster("overlay", [pool("system", 3), pool("apps", 4, max_count=20)], moment="create")
        assert plan(spec).planned_nodes == 23

    @given(st.integers(0, 300), st.integers(0, 300), st.sampled_from(["0", "1", "33%", "100%"]))
    def test_create_never_needs_more_than_upgrade(self, a: int, b: int, surge: str) -> None:
        """Surge only adds: the create-time need is at most the upgrade-time need, equal with no surge."""
        pools = [pool("system", a + 1, max_surge=surge), pool("user", b, upgrade_strategy="bluegreen")]
        up, down = plan(cluster("azure-cni", pools)), plan(cluster("azure-cni", pools, moment="create"))
        assert down.node_subnet.ips_required <= up.node_subnet.ips_required
        assert down.planned_nodes == a + 1 + b

    def test_bad_moment(self) -> None:
        with pytest.raises(SpecError, match="moment must be create or upgrade"):
            cluster("overlay", moment="deploy")

    def test_cli_flag_and_spec_key(self, tmp_path: Path) -> None:
        """--moment create and a spec file's moment key give the same plan; JSON says which."""
        code, out, _ = _run("plan", "--plugin", "azure-cni", "--nodes", "10", "--moment", "create", "--format", "json")
        data = json.loads(out)
        assert (code, data["moment"], data["node_subnet"]["ips_required"]) == (0, "create", 310)
        spec = tmp_path / "c.toml"
        spec.write_text('plugin = "azure-cni"\nmoment = "create"\n[[pools]]\nname = "system"\nnodes = 10\n')
        assert (
            json.loads(_run("plan", "--spec", str(spec), "--format", "json")[1])["node_subnet"] == data["node_subnet"]
        )
        assert "Sized at create time" in _run("plan", "--plugin", "azure-cni", "--nodes", "10", "--moment", "create")[1]


class TestModes:
    def test_no_system_pool(self) -> None:
        """SYSTEM_POOLS: a cluster needs a system pool: every pool mode user is an error naming a Linux pool."""
        p = plan(cluster("overlay", [pool("a", 3, mode="user"), pool("b", 3, mode="user")]))
        assert [f.code for f in p.errors] == ["no-linux-system-pool"]
        assert "set pool 'a' to mode system" in p.errors[0].message

    def test_windows_system_pool(self) -> None:
        """A Windows pool marked system is refused, even behind a Linux first pool."""
        p = plan(cluster("overlay", [pool("a", 3), pool("win", 3, os="windows", mode="system")]))
        assert "pool 'win' is a system pool but runs windows" in p.errors[0].message

    def test_az_creates_with_the_system_pool(self) -> None:
        """az aks create makes its pool the system pool: a system pool listed second leads; a set mode is printed."""
        spec = cluster(
            "overlay", [pool("apps", 3, mode="user"), pool("sys", 3, mode="system"), pool("sys2", 2, mode="system")]
        )
        commands = az_commands(spec)
        assert "--nodepool-name sys " in commands[0]
        assert any("--name sys2" in c and "--mode System" in c for c in commands)
        assert any("--name apps" in c and "--mode User" in c for c in commands)  # set in the spec: printed
        unset = az_commands(cluster("overlay", [pool("sys", 3), pool("apps", 3)]))
        assert any("--name apps" in c and "--mode" not in c for c in unset)  # not set: az's default, User


class TestExport:
    def _spec(self) -> object:
        return cluster(
            "azure-cni",
            [
                pool("system", 3),
                pool("user", 10, max_surge=0, max_unavailable=2),
                pool("bg", 4, upgrade_strategy="bluegreen"),
            ],
        )

    def test_arm_writes_max_unavailable_and_modes(self) -> None:
        props = json.loads(export(self._spec(), "arm"))["resources"][0]["properties"]  # type: ignore[arg-type]
        user = props["agentPoolProfiles"][1]
        assert user["upgradeSettings"] == {"maxSurge": "0", "maxUnavailable": "2"}
        assert [p["mode"] for p in props["agentPoolProfiles"]] == ["System", "User", "User"]

    def test_az_sets_max_unavailable_and_blue_green(self) -> None:
        script = export(self._spec(), "az").replace(" \\\n    ", " ")  # type: ignore[arg-type]
        assert "--max-surge 0 --max-unavailable 2" in script
        assert "--upgrade-strategy bluegreen" in script

    def test_terraform_notes_what_azurerm_lacks(self) -> None:
        """The azurerm pages document no max_unavailable nor upgrade strategy: comments, never silence."""
        text = export(self._spec(), "terraform")  # type: ignore[arg-type]
        assert "# max unavailable 2: the azurerm pages document no argument for it" in text
        assert "pool bg upgrades blue-green" in text

    def test_spec_mapping_keys(self) -> None:
        spec = spec_from_mapping(
            {"pools": [{"name": "system"}, {"name": "u", "mode": "user", "max_unavailable": "1", "max_surge": 0}]}
        )
        assert (str(spec.pools[1].max_unavailable), spec.pools[1].mode) == ("1", "user")

    def test_cli_pool_keys(self) -> None:
        code, out, _ = _run(
            "plan",
            "--pool",
            "name=sys,nodes=3",
            "--pool",
            "name=u,nodes=5,max-surge=0,max-unavailable=1,mode=user",
            "--pool",
            "name=bg,nodes=2,upgrade-strategy=bluegreen",
            "--format",
            "json",
        )
        pools = json.loads(out)["pools"]
        assert code == 0
        assert [(p["mode"], p["max_unavailable"], p["upgrade_strategy"], p["planned_nodes"]) for p in pools] == [
            ("system", None, "rolling", 4),
            ("user", "1", "rolling", 5),
            ("user", None, "bluegreen", 4),
        ]
