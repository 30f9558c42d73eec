"""Appendix A1 (run it for real): the commands it prints parse, use flags and values az accepts, and name
resources as Azure allows. Nothing runs against Azure: the commands are only generated and read here.

Flag names: the Azure CLI reference (https://learn.microsoft.com/en-us/cli/azure/aks,
https://learn.microsoft.com/en-us/cli/azure/network/vnet, https://learn.microsoft.com/en-us/cli/azure/vm).
Naming rules: https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules
(resource group 1-90 of letters, digits, ``-_.()``, not ending in ``.``; managed cluster 1-63 of letters,
digits, ``-`` and ``_``, starting and ending with a letter or digit; VNet 2-64, subnet 1-80, VM 1-64).
"""

from __future__ import annotations

import ipaddress
import json
import re
import shlex
from pathlib import Path

import pytest
from _shared import AZ_AKS_CREATE_FLAGS

from akskit.course import appendix
from akskit.engine import azcli, facts

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "A1_run_it_for_real.ipynb"
MODELS = [m.value for m in appendix.LAB_MODELS]

#: For each command the appendix prints, the flags it may use: those az documents for it.
KNOWN: dict[str, frozenset[str]] = {
    "group create": frozenset({"--name", "--location"}),
    "group delete": frozenset({"--name", "--yes", "--no-wait"}),
    "network vnet create": frozenset(
        {"--resource-group", "--name", "--address-prefixes", "--subnet-name", "--subnet-prefixes"}
    ),
    "network vnet subnet create": frozenset({"--resource-group", "--vnet-name", "--name", "--address-prefixes"}),
    "network vnet subnet show": frozenset({"--resource-group", "--vnet-name", "--name", "--query", "--output"}),
    "aks create": AZ_AKS_CREATE_FLAGS | {"--node-vm-size", "--generate-ssh-keys"},
    "aks nodepool update": frozenset({"--resource-group", "--cluster-name", "--name", "--max-surge"}),
    "aks get-credentials": frozenset({"--resource-group", "--name", "--overwrite-existing"}),
    "aks show": frozenset({"--resource-group", "--name", "--query", "--output"}),
    "network route-table list": frozenset({"--resource-group", "--query", "--output"}),
    "network route-table route list": frozenset({"--resource-group", "--route-table-name", "--output"}),
    "vm create": frozenset(
        {
            "--resource-group",
            "--name",
            "--image",
            "--size",
            "--vnet-name",
            "--subnet",
            "--public-ip-address",
            "--generate-ssh-keys",
        }
    ),
    "vm show": frozenset({"--show-details", "--resource-group", "--name", "--query", "--output"}),
    "vm run-command invoke": frozenset({"--resource-group", "--name", "--command-id", "--scripts"}),
}
#: Flags that take no value.
SWITCHES = frozenset(
    {
        "--generate-ssh-keys",
        "--enable-cluster-autoscaler",
        "--yes",
        "--no-wait",
        "--overwrite-existing",
        "--show-details",
    }
)
CIDR_FLAGS = ("--pod-cidr", "--service-cidr", "--address-prefixes", "--subnet-prefixes")
ASSIGNMENT = re.compile(r"([A-Z_]+)=\$\((.*)\)")
RESOURCE_GROUP = re.compile(r"[-\w.()]{1,90}(?<!\.)", re.ASCII)
CLUSTER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?")
POOL = re.compile(rf"[a-z][a-z0-9]{{0,{facts.POOL_NAME_MAX_LINUX - 1}}}")


def _lines(model: str) -> list[str]:
    return [*appendix.create_commands(model), *appendix.inspect_commands(model), appendix.cleanup_command(model)]


def _az(line: str) -> list[str] | None:
    """The words of the az command on ``line`` (inside ``VAR=$(...)`` too); None for a kubectl line."""
    words = shlex.split(line)
    assignment = ASSIGNMENT.fullmatch(line)
    if assignment:
        words = shlex.split(assignment.group(2))
    if words[0] == "kubectl":
        return None
    assert words[0] == "az", line
    return words


def _split(words: list[str]) -> tuple[str, dict[str, str | None]]:
    """(the subcommand, {flag: value or None}) of an az command; a flag given twice fails."""
    first_flag = next(i for i, w in enumerate(words) if w.startswith("--"))
    command = " ".join(words[1:first_flag])
    flags: dict[str, str | None] = {}
    i = first_flag
    while i < len(words):
        flag = words[i]
        assert flag.startswith("--"), f"{command}: {flag!r} is not a flag"
        assert flag not in flags, f"{command}: {flag} given twice"
        if flag in SWITCHES:
            flags[flag], i = None, i + 1
        else:
            assert i + 1 < len(words), f"{command}: {flag} has no value"
            flags[flag], i = words[i + 1], i + 2
    return command, flags


@pytest.mark.parametrize("model", MODELS)
def test_every_line_parses_and_uses_known_flags(model: str) -> None:
    for line in _lines(model):
        words = _az(line)
        if words is None:
            continue
        command, flags = _split(words)
        assert command in KNOWN, line
        assert set(flags) <= KNOWN[command], sorted(set(flags) - KNOWN[command])


@pytest.mark.parametrize("model", MODELS)
def test_values_are_valid(model: str) -> None:
    for line in _lines(model):
        words = _az(line)
        if words is None:
            continue
        command, flags = _split(words)
        for flag in CIDR_FLAGS:
            if flag in flags:
                ipaddress.IPv4Network(flags[flag])  # strict: host bits set would fail
        if "--dns-service-ip" in flags:
            assert ipaddress.IPv4Address(flags["--dns-service-ip"]) in ipaddress.IPv4Network(flags["--service-cidr"])
        if command == "aks create":
            assert flags["--network-plugin"] in {"kubenet", "azure"}
            assert flags.get("--network-plugin-mode") in {None, "overlay"}
            assert facts.MAX_PODS_LOWEST <= int(flags["--max-pods"] or 0) <= facts.MAX_PODS_HIGHEST
            assert int(flags["--node-count"] or 0) >= 1
            assert flags["--vnet-subnet-id"] == "$SUBNET_ID"  # set by the subnet show line before it
            assert POOL.fullmatch(flags["--nodepool-name"] or ""), flags["--nodepool-name"]
        if "--max-surge" in flags:
            assert re.fullmatch(r"\d+%?", flags["--max-surge"] or "")


@pytest.mark.parametrize("model", MODELS)
def test_resource_names_follow_azures_rules(model: str) -> None:
    lab = appendix.small_cluster(model)
    assert RESOURCE_GROUP.fullmatch(lab.resource_group)
    assert CLUSTER.fullmatch(lab.cluster)
    assert 2 <= len(lab.vnet) <= 64
    assert 1 <= len(lab.node_subnet) <= 80
    assert 1 <= len(lab.vm_subnet) <= 80
    assert 1 <= len(lab.probe_vm) <= 64
    for line in _lines(model):
        words = _az(line)
        if words is None:
            continue
        command, flags = _split(words)
        if "--resource-group" in flags and not flags["--resource-group"].startswith("$"):  # type: ignore[union-attr]
            assert flags["--resource-group"] == lab.resource_group, line
        if command.startswith("group"):
            assert flags["--name"] == lab.resource_group


def test_name_rules_refuse_bad_names() -> None:
    """The patterns above are the rules, not 'anything goes'."""
    assert not RESOURCE_GROUP.fullmatch("x" * 91)
    assert not RESOURCE_GROUP.fullmatch("ends-with-dot.")
    assert not CLUSTER.fullmatch("-starts-with-hyphen")
    assert not CLUSTER.fullmatch("x" * 64)
    assert not CLUSTER.fullmatch("has space")


@pytest.mark.parametrize("model", MODELS)
def test_the_cluster_comes_from_akskit_plan(model: str) -> None:
    """az aks create is akskit's own command for the planned spec, placeholders filled, sizes appended."""
    lab = appendix.small_cluster(model)
    generated = azcli.az_commands(lab.spec)[0]
    create = next(line for line in appendix.create_commands(model) if line.startswith("az aks create"))
    expected = generated.replace(azcli.RESOURCE_GROUP, lab.resource_group).replace(azcli.CLUSTER, lab.cluster)
    assert create.startswith(expected.replace(azcli.NODE_SUBNET_ID, '"$SUBNET_ID"'))
    assert azcli.az_create_flags(lab.spec) in generated


def test_what_to_look_at() -> None:
    """kubectl for the addresses, kubenet's route list, and the probe VM's log; the source each VM sees."""
    for model in MODELS:
        looks = "\n".join(appendix.inspect_commands(model))
        assert "kubectl get nodes,pods" in looks
        assert ("az network route-table route list" in looks) is (model == "kubenet")
        assert "journalctl --unit=probe" in looks
    assert "pod IP" in appendix.what_to_expect("azure-cni")
    assert "node IP" in appendix.what_to_expect("overlay")
    assert "node IP" in appendix.what_to_expect("kubenet")


def test_the_notebook_only_prints() -> None:
    """It says so first, warns about cost, shows the clean-up, and no cell runs a shell command."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    text = ["".join(c["source"]) for c in cells]
    assert "only print commands" in text[0]
    assert any("Cost warning" in t for t in text)
    assert any("cleanup_command" in t for t in text)
    for cell, source in zip(cells, text, strict=True):
        if cell["cell_type"] == "code":
            assert not re.search(r"^\s*[!%]|subprocess|os\.system", source, re.M), source[:80]
    for model in MODELS:
        assert any(f'appendix.create_script("{model}")' in t for t in text), model
