"""A pool's VM size, node labels and mode in every export, against Microsoft's documented az syntax.

Golden commands, as Microsoft's pages print them:

- https://learn.microsoft.com/en-us/azure/aks/use-labels: ``az aks create ... --node-count 2
  --nodepool-labels dept=IT costcenter=9000`` and ``az aks nodepool add ... --name labelnp
  --node-count 1 --labels dept=HR costcenter=5000`` (labels on create are ``--nodepool-labels``,
  on nodepool add ``--labels``; space-separated key=value pairs).
- https://learn.microsoft.com/en-us/azure/aks/use-system-pools: ``az aks nodepool add ...
  --name systempool --node-count 3 ... --mode System``.
- https://learn.microsoft.com/en-us/cli/azure/aks/nodepool#az-aks-nodepool-add: ``--mode``
  (System, User), ``--node-vm-size -s``, ``--labels``; https://learn.microsoft.com/en-us/cli/azure/aks#az-aks-create:
  ``--node-vm-size``, ``--nodepool-labels``.
"""

from __future__ import annotations

import json
import shlex

import pytest

from akskit import cluster, plan, pool
from akskit.engine.azcli import az_commands
from akskit.engine.cluster_export import bicep, export
from akskit.engine.errors import SpecError


def _words(command: str) -> list[str]:
    return shlex.split(command)


def _values(words: list[str], flag: str) -> list[str]:
    """The words after ``flag`` up to the next flag."""
    at = words.index(flag) + 1
    out = []
    while at < len(words) and not words[at].startswith("--"):
        out.append(words[at])
        at += 1
    return out


LABELS_SPEC = cluster(
    "kubenet",
    [
        pool("nodepool1", 2, labels={"dept": "IT", "costcenter": "9000"}),
        pool("labelnp", 1, labels="dept=HR;costcenter=5000"),
        pool("systempool", 3, mode="system"),
    ],
)


class TestAzGolden:
    """The az commands carry Microsoft's documented flags and values."""

    def test_create_labels_as_use_labels_prints_them(self) -> None:
        """use-labels: az aks create --node-count 2 --nodepool-labels dept=IT costcenter=9000."""
        create = _words(az_commands(LABELS_SPEC)[0])
        assert create[:3] == ["az", "aks", "create"]
        assert _values(create, "--node-count") == ["2"]
        assert sorted(_values(create, "--nodepool-labels")) == sorted(["dept=IT", "costcenter=9000"])
        assert "--labels" not in create  # create's flag is --nodepool-labels

    def test_nodepool_add_labels_as_use_labels_prints_them(self) -> None:
        """use-labels: az aks nodepool add --name labelnp --node-count 1 --labels dept=HR costcenter=5000."""
        add = next(_words(c) for c in az_commands(LABELS_SPEC) if "--name labelnp" in c)
        assert add[:4] == ["az", "aks", "nodepool", "add"]
        assert _values(add, "--node-count") == ["1"]
        assert sorted(_values(add, "--labels")) == sorted(["dept=HR", "costcenter=5000"])
        assert "--mode" not in add  # mode not set: az's default (User) stands

    def test_system_pool_added_with_mode_system(self) -> None:
        """use-system-pools: az aks nodepool add --name systempool --node-count 3 ... --mode System."""
        add = next(_words(c) for c in az_commands(LABELS_SPEC) if "--name systempool" in c)
        assert _values(add, "--mode") == ["System"]
        assert _values(add, "--node-count") == ["3"]

    @pytest.mark.parametrize(("mode", "flag"), [("user", ["User"]), ("system", ["System"])])
    def test_every_set_mode_is_printed(self, mode: str, flag: list[str]) -> None:
        """A pool whose mode the spec sets gets --mode with the CLI's spelling (System, User)."""
        spec = cluster("overlay", [pool("sys", 3), pool("apps", 2, mode=mode)])
        add = _words(az_commands(spec)[-1])
        assert _values(add, "--mode") == flag

    def test_vm_size_on_create_and_nodepool_add(self) -> None:
        """--node-vm-size on both commands, only for the pools that set one."""
        spec = cluster(
            "overlay",
            [pool("sys", 2, vm_size="Standard_D4s_v5"), pool("a", 1), pool("b", 1, vm_size="Standard_DS2_v2")],
        )
        create, add_a, add_b = (_words(c) for c in az_commands(spec))
        assert _values(create, "--node-vm-size") == ["Standard_D4s_v5"]
        assert "--node-vm-size" not in add_a  # unset: AKS's default, as before
        assert _values(add_b, "--node-vm-size") == ["Standard_DS2_v2"]

    def test_a_label_with_an_empty_value(self) -> None:
        """Kubernetes allows an empty label value: printed as key= (one shell word)."""
        spec = cluster("overlay", [pool("sys", 2, labels={"spot": ""})])
        assert _values(_words(az_commands(spec)[0]), "--nodepool-labels") == ["spot="]


class TestDocuments:
    """ARM, Bicep and Terraform carry the same settings."""

    SPEC = cluster(
        "overlay",
        [
            pool(
                "system", 2, mode="system", vm_size="Standard_D4s_v5", labels={"hub.jupyter.org/node-purpose": "core"}
            ),
            pool("user", 3, mode="user", labels={"hub.jupyter.org/node-purpose": "user"}),
        ],
    )

    def test_arm(self) -> None:
        """ARM: vmSize where set, nodeLabels as an object, mode on every pool (managedClusters.json names)."""
        profiles = json.loads(export(self.SPEC, "arm"))["resources"][0]["properties"]["agentPoolProfiles"]
        assert [(p["mode"], p.get("vmSize"), p.get("nodeLabels")) for p in profiles] == [
            ("System", "Standard_D4s_v5", {"hub.jupyter.org/node-purpose": "core"}),
            ("User", None, {"hub.jupyter.org/node-purpose": "user"}),
        ]

    def test_bicep_quotes_a_label_key(self) -> None:
        """Bicep: a key that is not an identifier is quoted; vmSize stays bare."""
        text = bicep(self.SPEC)
        assert "'hub.jupyter.org/node-purpose': 'core'" in text
        assert "vmSize: 'Standard_D4s_v5'" in text

    def test_terraform_variable_only_when_needed(self) -> None:
        """var.vm_size is declared while a pool lacks a size, and not once every pool has one."""
        assert 'variable "vm_size"' in export(self.SPEC, "terraform")
        sized = cluster("overlay", [pool("system", 2, vm_size="Standard_D4s_v5")])
        text = export(sized, "terraform")
        assert 'variable "vm_size"' not in text
        assert 'vm_size = "Standard_D4s_v5"' in text


class TestPlanUnchanged:
    """VM size and labels do not change the IP plan."""

    def test_same_figures(self) -> None:
        """The plan's figures are the same with and without them."""
        bare = cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/16")
        dressed = cluster(
            "azure-cni",
            [pool("system", 50, max_pods=30, max_surge=1, vm_size="Standard_D4s_v5", labels={"a": "b"})],
            node_subnet="10.224.0.0/16",
        )
        plain, given = plan(bare).to_dict(), plan(dressed).to_dict()
        assert given["pools"][0].pop("vm_size") == "Standard_D4s_v5"
        assert given["pools"][0].pop("labels") == {"a": "b"}  # the JSON carries them as the spec gave them
        assert plain["pools"][0].pop("vm_size") is None
        assert plain["pools"][0].pop("labels") == {}
        assert plain == given
        assert plan(dressed).node_subnet.ips_required == 1581  # README's canonical example: (50 + 1) x 31

    def test_pools_stay_hashable_and_equal_by_content(self) -> None:
        """Labels given as a mapping or as text make equal, hashable pools (sorted pairs inside)."""
        a = pool("p", 1, labels={"b": "2", "a": "1"})
        b = pool("p", 1, labels="a=1;b=2")
        assert a == b
        assert hash(a) == hash(b)
        assert a.labels == (("a", "1"), ("b", "2"))

    def test_nodepool_built_directly_is_checked(self) -> None:
        """NodePool(...) itself checks and sorts: a bad label is refused there too."""
        from akskit.engine.spec import NodePool

        assert NodePool("p", labels={"z": "1", "a": "2"}).labels == (("a", "2"), ("z", "1"))  # type: ignore[arg-type]  # a mapping is sorted into pairs
        with pytest.raises(SpecError, match="not a Kubernetes label value"):
            NodePool("p", labels={"a": "-x"})  # type: ignore[arg-type]  # the check under test


class TestReservedLabelPrefixes:
    """AKS refuses labels under its own prefixes.

    https://learn.microsoft.com/en-us/azure/aks/use-labels ("Reserved prefixes"): "The following prefixes
    are AKS reserved prefixes and can't be used for any node: kubernetes.azure.com/, kubernetes.io/".
    """

    @pytest.mark.parametrize("key", ["kubernetes.azure.com/mode", "kubernetes.io/role"])
    def test_a_reserved_prefix_is_an_error(self, key: str) -> None:
        """Each reserved prefix gives the error finding, naming the pool and the label, with the page."""
        found = [f for f in plan(cluster("overlay", [pool("system", 3, labels={key: "x"})])).findings]
        hit = [f for f in found if f.code == "reserved-label-prefix"]
        assert len(hit) == 1
        assert hit[0].severity.value == "error"
        assert f"pool 'system' label '{key}'" in hit[0].message
        assert hit[0].url == "https://learn.microsoft.com/en-us/azure/aks/use-labels"

    @pytest.mark.parametrize("key", ["hub.jupyter.org/node-purpose", "node.kubernetes.io.example.com/x", "dept"])
    def test_other_prefixes_pass(self, key: str) -> None:
        """The classroom's own label, a look-alike domain and an unprefixed key are the user's to set."""
        found = plan(cluster("overlay", [pool("system", 3, labels={key: "x"})])).findings
        assert "reserved-label-prefix" not in {f.code for f in found}

    def test_several_are_counted(self) -> None:
        """Two reserved labels on one pool: one finding naming the first and counting the rest."""
        labels = {"kubernetes.io/a": "1", "kubernetes.azure.com/b": "2"}
        (hit,) = [
            f
            for f in plan(cluster("overlay", [pool("u", 3, labels=labels)])).findings
            if f.code == "reserved-label-prefix"
        ]
        assert "(and 1 more)" in hit.message
