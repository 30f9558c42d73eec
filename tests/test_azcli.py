"""az aks commands for a planned cluster: flag names the CLI knows, values from the plan, a round trip."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from _shared import AZ_AKS_CREATE_FLAGS

from akskit import Dataplane, NetworkModel, cluster, plan, pool
from akskit.course.scenario import design, load_scenario
from akskit.engine import facts
from akskit.engine.azcli import (
    CLUSTER,
    NODE_SUBNET_ID,
    POD_SUBNET_ID,
    RESOURCE_GROUP,
    az_commands,
    az_create_flags,
    az_nodepool_add_commands,
    shell_script,
)
from akskit.engine.errors import ModelError, SpecError
from akskit.engine.model_names import model_and_dataplane
from akskit.engine.spec import ClusterSpec

CAPSTONE = Path(__file__).resolve().parent.parent / "akskit" / "course" / "data" / "capstone.toml"

# Option names registered in the Azure CLI's argument table (an argument `foo_bar` is `--foo-bar`), read in
# https://github.com/Azure/azure-cli/blob/0088c878b2ee9514b99eda3da2912257494cb3ee/src/azure-cli/azure/cli/command_modules/acs/_params.py
# ('aks create': network_*, pod_cidr, service_cidr, dns_service_ip, vnet_subnet_id, pod_subnet_id,
# pod_ip_allocation_mode, nodepool_name, enable_cluster_autoscaler, min_count, max_count, max_pods; 'aks':
# node_count; 'aks nodepool add': os_type, max_surge, ...; 'aks nodepool update': max_surge).
COMMON = {"--resource-group"}
CREATE = COMMON | AZ_AKS_CREATE_FLAGS
NODEPOOL_ADD = COMMON | {
    "--cluster-name",
    "--name",
    "--os-type",
    "--node-count",
    "--enable-cluster-autoscaler",
    "--min-count",
    "--max-count",
    "--max-pods",
    "--max-surge",
    "--vnet-subnet-id",
    "--pod-subnet-id",
    "--pod-ip-allocation-mode",
}
NODEPOOL_UPDATE = COMMON | {"--cluster-name", "--name", "--max-surge"}
KNOWN = {"create": CREATE, "add": NODEPOOL_ADD, "update": NODEPOOL_UPDATE}


def flags(text: str) -> dict[str, str]:
    """Parse ``--flag value`` words into a dict (a flag with no value maps to "")."""
    out: dict[str, str] = {}
    key = None
    for word in shlex.split(text):
        if word.startswith("--"):
            key = word
            out[key] = ""
        elif key is not None:
            out[key] = word
            key = None
    return out


def verb(command: str) -> str:
    """``create`` for az aks create; ``add`` or ``update`` for az aks nodepool add/update."""
    words = shlex.split(command)
    return words[2] if words[2] == "create" else words[3]


def linux(model: str | NetworkModel, **kw: object) -> ClusterSpec:
    pools = [pool("system", 3, max_pods=31, max_surge=1), pool("user", 10, max_count=40, max_pods=47)]
    return cluster(model, pools, node_subnet="10.224.0.0/20", pod_subnet="10.225.0.0/16", **kw)  # type: ignore[arg-type]


@pytest.fixture
def capstone() -> ClusterSpec:
    return design(
        load_scenario(path=CAPSTONE),
        model="overlay",
        node_subnet="10.224.0.0/24",
        pod_cidr="10.244.0.0/16",
        service_cidr="172.16.0.0/16",
        dns_service_ip="172.16.0.10",
    )


# The az aks create flags that choose the network model and data plane (CLIPARAMS above).
MODEL_FLAGS = {"--network-plugin", "--network-plugin-mode", "--network-dataplane", "--pod-subnet-id"}
MODEL_FLAGS |= {"--pod-ip-allocation-mode"}


def model_part(line: str) -> str:
    """The model-choosing flags of an az aks create line, with their values."""
    words = shlex.split(line)
    pairs = [(w, words[i + 1]) for i, w in enumerate(words) if w in MODEL_FLAGS]
    return " ".join(f"{flag} {shlex.quote(value)}" for flag, value in pairs)


class TestRoundTrip:
    """The create flags' model part, read back by akskit's own az CLI parser, gives the same model and data plane."""

    def test_whole_line_is_refused_by_name(self, capstone: ClusterSpec) -> None:
        """As a model, the whole create line is refused at its first other flag, never silently cut short."""
        with pytest.raises(ModelError, match="--pod-cidr is not read in the network model"):
            model_and_dataplane(az_create_flags(capstone))

    @pytest.mark.parametrize("model", [m for m in NetworkModel])
    def test_model(self, model: NetworkModel) -> None:
        """Every model survives az_create_flags -> model_and_dataplane."""
        spec = linux(model)
        assert model_and_dataplane(model_part(az_create_flags(spec, check=False))) == (model, None)

    @pytest.mark.parametrize(
        "model", [NetworkModel.AZURE_CNI, NetworkModel.OVERLAY, NetworkModel.POD_SUBNET, NetworkModel.POD_SUBNET_STATIC]
    )
    def test_cilium(self, model: NetworkModel) -> None:
        """Cilium on an Azure CNI model is printed as --network-dataplane cilium and read back."""
        spec = linux(model, dataplane="cilium")
        assert model_and_dataplane(model_part(az_create_flags(spec))) == (model, Dataplane.CILIUM)

    def test_capstone(self, capstone: ClusterSpec) -> None:
        """The capstone design reads back as overlay."""
        assert model_and_dataplane(model_part(az_create_flags(capstone)))[0] is NetworkModel.OVERLAY


class TestCreateFlags:
    """Values come from the plan; names are the CLI's."""

    def test_values_are_the_plans(self, capstone: ClusterSpec) -> None:
        """Pod CIDR, service CIDR, DNS IP and the first pool's size are the design's."""
        got = flags(az_create_flags(capstone))
        assert got["--pod-cidr"] == "10.244.0.0/16"
        assert (got["--service-cidr"], got["--dns-service-ip"]) == ("172.16.0.0/16", "172.16.0.10")
        assert (got["--nodepool-name"], got["--node-count"], got["--max-pods"]) == ("system", "3", "30")
        assert got["--vnet-subnet-id"] == NODE_SUBNET_ID
        assert "--enable-cluster-autoscaler" not in got  # the system pool has no autoscaler maximum

    def test_defaults_spelled_out(self) -> None:
        """CIDRs left out print as AKS's defaults: 10.244.0.0/16, 10.0.0.0/16, 10.0.0.10 (KUBENET_URL)."""
        got = flags(az_create_flags(cluster("overlay", [pool("system", 3)])))
        assert (got["--pod-cidr"], got["--service-cidr"], got["--dns-service-ip"]) == (
            str(facts.DEFAULT_POD_CIDR),
            "10.0.0.0/16",
            "10.0.0.10",
        )
        assert "--vnet-subnet-id" not in got  # no node subnet given: AKS creates the VNet

    def test_autoscaler(self) -> None:
        """A first pool with a max count gets --enable-cluster-autoscaler, min = today's count, max = max count."""
        got = flags(az_create_flags(cluster("overlay", [pool("system", 3, max_count=5)])))
        assert (got["--enable-cluster-autoscaler"], got["--min-count"], got["--max-count"]) == ("", "3", "5")

    @pytest.mark.parametrize(
        ("model", "mode"),
        [(NetworkModel.POD_SUBNET, "DynamicIndividual"), (NetworkModel.POD_SUBNET_STATIC, "StaticBlock")],
    )
    def test_pod_subnet_models(self, model: NetworkModel, mode: str) -> None:
        """Pod subnet models name the pod subnet and the allocation mode; they take no pod CIDR."""
        got = flags(az_create_flags(linux(model)))
        assert (got["--pod-subnet-id"], got["--pod-ip-allocation-mode"]) == (POD_SUBNET_ID, mode)
        assert "--pod-cidr" not in got

    def test_byo_cni_keeps_a_pod_cidr(self) -> None:
        """Bring your own CNI still gets a pod CIDR: the control plane routes to it (BYO_CNI_URL)."""
        assert flags(az_create_flags(cluster("none", [pool("system", 3)])))["--pod-cidr"] == "10.244.0.0/16"

    def test_errors_refused_unless_asked(self) -> None:
        """A design with error findings raises SpecError quoting the first; check=False prints anyway."""
        spec = design(load_scenario(path=CAPSTONE), model="kubenet", node_subnet="10.224.0.0/24")
        with pytest.raises(SpecError, match=r"2 error finding\(s\).*kubenet does not support.*check=False"):
            az_create_flags(spec)
        assert flags(az_create_flags(spec, check=False))["--network-plugin"] == "kubenet"

    def test_windows_first_pool(self) -> None:
        """A Windows pool first is refused: az aks create makes it the system pool, which must run Linux."""
        spec = cluster("overlay", [pool("win", 2, os="windows"), pool("system", 3)])
        with pytest.raises(SpecError, match="a system pool must run Linux"):
            az_create_flags(spec, check=False)

    @pytest.mark.parametrize(
        "pools",
        [
            [pool("win", 3, os="windows")],
            [pool("win", 2, os="windows"), pool("system", 3)],
            [pool("system", 3), pool("win", 2, os="windows")],
            [pool("system", 3)],
        ],
    )
    def test_planner_and_commands_agree_on_the_system_pool(self, pools: list) -> None:
        """A spec the planner flags for its system pool is one az_commands refuses, and only those (NODE_POOLS_URL)."""
        spec = cluster("overlay", pools, service_cidr="172.16.0.0/16")
        flagged = "no-linux-system-pool" in {f.code for f in plan(spec).errors}
        if flagged:
            urls = f"({re.escape(facts.NODE_POOLS_URL)}|{re.escape(facts.SYSTEM_POOLS_URL)})"
            with pytest.raises(SpecError, match=rf"Linux.*{urls}"):
                az_commands(spec, check=False)
        else:
            assert az_commands(spec, check=False)[0].startswith("az aks create")


class TestCommands:
    """The full sequence: create, the first pool's surge, one nodepool add per other pool."""

    def test_every_flag_is_one_the_cli_registers(self, capstone: ClusterSpec) -> None:
        """Each command uses only options the CLI registers for that command; create never gets --max-surge."""
        for spec in (capstone, linux("pod-subnet-static", dataplane="cilium")):
            for command in az_commands(spec):
                used = {w for w in shlex.split(command) if w.startswith("--")}
                assert used <= KNOWN[verb(command)], used - KNOWN[verb(command)]
        assert "--max-surge" not in az_create_flags(capstone)

    def test_capstone_sequence(self, capstone: ClusterSpec) -> None:
        """create, update (system surge), add user, add win; the Windows pool says so."""
        commands = az_commands(capstone)
        assert [verb(c) for c in commands] == ["create", "update", "add", "add"]
        update, user, win = (flags(c) for c in commands[1:])
        assert (update["--name"], update["--max-surge"]) == ("system", "33%")
        assert (user["--name"], user["--max-count"], user["--max-pods"], user["--max-surge"]) == (
            "user",
            "40",
            "50",
            "33%",
        )
        assert (win["--name"], win["--os-type"]) == ("win", "Windows")
        assert "--os-type" not in user
        assert all(flags(c)["--resource-group"] == RESOURCE_GROUP for c in commands)
        assert all(flags(c)["--cluster-name"] == CLUSTER for c in commands[1:])

    def test_nodepool_add_commands(self, capstone: ClusterSpec) -> None:
        """az_nodepool_add_commands are the add commands of az_commands."""
        assert az_nodepool_add_commands(capstone) == az_commands(capstone)[2:]

    def test_no_surge_no_update(self) -> None:
        """A first pool with the default surge needs no nodepool update."""
        assert [verb(c) for c in az_commands(cluster("overlay", [pool("system", 3)]))] == ["create"]

    def test_shell_script_is_the_same_commands(self, capstone: ClusterSpec) -> None:
        """The script, with its line continuations joined, holds exactly the commands."""
        script = shell_script(capstone)
        blocks = [" ".join(shlex.split(block.replace("\\\n", " "))) for block in script.split("\n\n")]
        assert blocks == [" ".join(shlex.split(c)) for c in az_commands(capstone)]
        assert all(line.endswith("\\") for block in script.split("\n\n") for line in block.splitlines()[:-1])

    def test_placeholders_unquoted(self, capstone: ClusterSpec) -> None:
        """Placeholders read as placeholders, not as quoted strings."""
        assert f"--vnet-subnet-id {NODE_SUBNET_ID}" in az_commands(capstone)[0]
        assert "'" not in " ".join(az_commands(capstone))

    def test_plan_unchanged(self, capstone: ClusterSpec) -> None:
        """Printing commands does not change what the planner says."""
        before = plan(capstone).to_dict()
        az_commands(capstone)
        assert plan(capstone).to_dict() == before
