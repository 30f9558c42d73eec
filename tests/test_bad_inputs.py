"""Bad inputs, one table row each, and what the ``akskit`` command must do with them.

Two contracts (see :mod:`akskit.cli`):

* unusable input (syntax, types, conflicting flags) exits 2 with exactly one
  ``akskit: error:`` line on stderr that quotes the bad value, and never a traceback;
* usable input that breaks an AKS rule exits 1 when any finding is an error (or a
  given range does not fit), else 0, and ``--format json`` lists a finding with a
  stable code that quotes the value and links the rule's page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

import akskit
from akskit.cli import main


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process as a real process would end: exit status, stdout, stderr."""
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse reports its own errors by exiting
        status = exc.code if isinstance(exc.code, int) else 1
    except Exception:  # an escaped exception: print it as Python would, and exit 1 as Python does
        traceback.print_exc()
        status = 1
    out, err = capsys.readouterr()
    return status, out, err


def _assert_usage_error(status: int, out: str, err: str, expected: tuple[str, ...]) -> None:
    assert "Traceback" not in out + err, err
    assert status == 2, f"exit status {status}, stdout starts {out[:80]!r}"
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("akskit: error:"), err
    for text in expected:
        assert text in lines[0]


# --------------------------------------------------------------------------------------
# (a) Unusable command lines: exit 2, one line on stderr quoting the bad value.
# --------------------------------------------------------------------------------------


def _usage(cmd: str | list[str], *expected: str, name: str) -> object:
    argv = cmd.split() if isinstance(cmd, str) else cmd
    return pytest.param(argv, expected, id=name, marks=())


USAGE_ROWS = [
    # Malformed CIDRs and addresses.
    _usage("plan --subnet garbage", "'garbage'", name="cidr-garbage"),
    _usage("plan --subnet nonsense/16", "'nonsense/16'", "not a valid CIDR", name="cidr-garbage-with-prefix"),
    _usage("plan --subnet 10.224.0.0", "'10.224.0.0'", "no prefix length", name="cidr-missing-prefix"),
    _usage("plan --subnet 10.224.0.0/33", "'10.224.0.0/33'", "prefix length 0-32", name="cidr-prefix-over-32"),
    _usage("plan --vnet 10.256.0.0/16", "'10.256.0.0/16'", "0-255", name="cidr-octet-over-255"),
    _usage("plan --vnet 10.0.0.0/8x", "'10.0.0.0/8x'", name="cidr-trailing-junk"),
    _usage(
        "plan --subnet 10.224.0.1/16", "'10.224.0.1/16'", "did you mean 10.224.0.0/16", name="cidr-host-bits-subnet"
    ),
    _usage("plan --pod-cidr 10.244.1.0/16", "'10.244.1.0/16'", "did you mean 10.244.0.0/16", name="cidr-host-bits-pod"),
    _usage(
        "plan --service-cidr 10.0.0.10/16", "'10.0.0.10/16'", "did you mean 10.0.0.0/16", name="cidr-host-bits-service"
    ),
    _usage("plan --subnet fd00::/64", "'fd00::/64'", "IPv6", name="cidr-ipv6-subnet"),
    _usage("plan --service-cidr fd12:3456:789a:1::/108", "'fd12:3456:789a:1::/108'", "IPv6", name="cidr-ipv6-service"),
    _usage("plan --peer 192.168.0.0", "'192.168.0.0'", "no prefix length", name="peer-missing-prefix"),
    _usage("plan --dns-service-ip fd00::10", "'fd00::10'", "IPv6", name="dns-ip-ipv6"),
    _usage("plan --dns-service-ip 10.0.0.300", "'10.0.0.300'", name="dns-ip-octet-over-255"),
    _usage(
        "plan --dns-service-ip 10.0.0.10/32", "'10.0.0.10/32'", "without a prefix length", name="dns-ip-with-prefix"
    ),
    # Network models, data planes and az CLI spellings.
    _usage("plan --plugin flannel", "'flannel'", "kubenet, azure-cni, overlay", name="plugin-unknown"),
    _usage("plan --dataplane ebpf", "'ebpf'", "azure or cilium", name="dataplane-unknown"),
    _usage("plan --network-dataplane bpf", "'bpf'", name="az-network-dataplane-unknown"),
    _usage(
        "plan --network-plugin azure --network-plugin-mode bogus", "'bogus'", "overlay", name="az-plugin-mode-bogus"
    ),
    _usage("plan --network-plugin calico", "calico", "kubenet, azure or none", name="az-network-plugin-unknown"),
    _usage("plan --plugin overlay --network-plugin azure", "'overlay'", "'azure'", name="az-plugin-given-twice"),
    _usage(
        "plan --network-plugin-mode overlay",
        "overlay",
        "--network-plugin azure",
        name="az-plugin-mode-without-plugin",
    ),
    _usage(
        "plan --network-plugin azure --pod-ip-allocation-mode StaticBlok",
        "'StaticBlok'",
        name="az-allocation-mode-typo",
    ),
    _usage(
        "plan --network-plugin kubenet --network-plugin-mode overlay",
        "overlay",
        "kubenet",
        name="az-overlay-mode-with-kubenet",
    ),
    # --pool syntax and node pools.
    _usage("plan --pool name=sys,nodes", "'nodes'", "key=value", name="pool-missing-value"),
    _usage("plan --pool name=sys,nodes=", "'nodes='", "key=value", name="pool-empty-value"),
    _usage("plan --pool name=sys,colour=red", "colour", "known keys", name="pool-unknown-key"),
    _usage("plan --pool name=System,nodes=3", "'System'", "lowercase", name="pool-name-uppercase"),
    _usage("plan --pool name=abcdefghijklm,nodes=3", "'abcdefghijklm'", "1-12", name="pool-name-13-chars"),
    _usage("plan --pool name=1pool,nodes=3", "'1pool'", "starting with a letter", name="pool-name-leading-digit"),
    _usage("plan --pool name=win1234,nodes=3,os=windows", "'win1234'", "1-6", name="pool-name-windows-7-chars"),
    _usage("plan --pool name=sys,nodes=3 --pool name=sys,nodes=2", "'sys'", "unique", name="pool-name-duplicate"),
    _usage(
        "plan --nodes 7 --pool name=sys,nodes=3",
        "7",
        "--pool",
        name="nodes-with-pool",
    ),
    _usage("plan --pool name=sys,nodes=x", "'x'", "whole number", name="pool-nodes-not-a-number"),
    _usage("plan --os macos", "'macos'", "linux or windows", name="os-unknown"),
    # Counts.
    _usage("plan --nodes -1", "--nodes", "'-1'", "from 0 to", name="nodes-negative"),
    _usage("plan --nodes 3.5", "'3.5'", "whole number", name="nodes-fraction"),
    _usage("plan --nodes ten", "'ten'", "whole number", name="nodes-word"),
    _usage(
        ["plan", "--nodes", "9" * 5000],
        "99999",
        "whole number",
        name="nodes-5000-digits",
    ),
    _usage("plan --nodes 5 --max-count 3", "max count 3", "node count 5", name="max-count-below-nodes"),
    _usage("plan --nodes 5 --max-count abc", "'abc'", name="max-count-word"),
    _usage("plan --max-pods many", "'many'", "whole number", name="max-pods-word"),
    _usage("plan --max-pods 0", "--max-pods", "(got '0')", "from 1 to", name="max-pods-zero"),
    _usage("plan --scale-out -2", "--scale-out", "'-2'", "from 0 to", name="scale-out-negative"),
    _usage("plan --extra-ips lots", "'lots'", "whole number", name="extra-ips-word"),
    # Max surge.
    _usage("plan --max-surge abc", "'abc'", "33%", name="max-surge-word"),
    _usage("plan --max-surge 150%", "'150%'", "0% to 100%", name="max-surge-over-100-percent"),
    _usage("plan --max-surge -1", "'-1'", name="max-surge-negative"),
    _usage("plan --max-surge 1.5", "'1.5'", "whole", name="max-surge-fraction"),
    # Issue 7: every integer bounded and parsed in one place (akskit.engine.numbers), ASCII digits only.
    _usage(
        ["plan", "--nodes", "10", "--max-surge", "1" * 4301],
        "--max-surge",
        "from 0 to 1,000,000",
        "...",
        name="max-surge-4301-digits",
    ),
    _usage(["plan", "--max-surge", "9" * 4000], "--max-surge", "from 0 to 1,000,000", name="max-surge-4000-digits"),
    _usage(
        ["plan", "--max-surge", "1" * 4301 + "%"], "--max-surge", "0% to 100%", name="max-surge-percent-4301-digits"
    ),
    _usage(["plan", "--nodes", "١٢"], "--nodes", "'١٢'", "digits 0-9", name="nodes-arabic-indic-digits"),
    _usage(["plan", "--max-pods", "１０"], "--max-pods", "digits 0-9", name="max-pods-fullwidth-digits"),
    _usage(["plan", "--extra-ips", "1" * 20], "--extra-ips", "from 0 to 1,000,000", name="extra-ips-20-digits"),
    # Issue 7: user text in messages is escaped, shortened, one line.
    _usage(["plan", "--pool", "name=a,x\x1b[31mRED\nz=1"], "\\x1b[31mRED\\nz", name="pool-key-escapes"),
    _usage(["plan", "--plugin", "<b>" + "x" * 300], "'<b>xxx", "...", name="plugin-300-chars"),
    # Issue 7: netmask forms are refused with the prefix length to write.
    _usage("plan --subnet 10.0.0.0/255.255.255.0", "'10.0.0.0/255.255.255.0'", "write /24", name="netmask-subnet"),
    _usage("plan --vnet 10.0.0.0/0.0.0.255", "'10.0.0.0/0.0.0.255'", "write /24", name="hostmask-vnet"),
    _usage("plan --peer 192.168.0.0/255.255.0.0", "write /16", name="netmask-peer"),
    # Issue 7: a key given twice, or two spellings of one key, name both.
    _usage("plan --pool name=a,nodes=1,nodes=2", "'nodes' and 'nodes'", name="pool-key-twice"),
    _usage("plan --pool name=a,max-pods=30,max_pods=40", "'max-pods' and 'max_pods'", name="pool-two-spellings"),
    # Issue 7: a flag that applies nowhere is refused, never dropped.
    _usage(
        "plan --max-pods 50 --pool name=a,max-pods=30",
        "--max-pods '50'",
        "applies to no pool",
        name="flag-fits-no-pool",
    ),
    _usage(["plan", "--subnet", ""], "--subnet is empty", name="subnet-empty-is-not-reverse-mode"),
    _usage(["plan", "--nodes", " "], "--nodes is empty", name="nodes-blank"),
    _usage(
        "plan --subnet 10.224.0.0/24 --max-count 20",
        "--max-count '20'",
        "reverse mode",
        name="max-count-in-reverse-mode",
    ),
    # A pool's VM size: Azure's size names (letters, digits, underscores, 1-64), such as Standard_D4s_v5.
    _usage(["plan", "--pool", "name=a,nodes=1,vm-size=Standard D4"], "'Standard D4'", "1-64", name="vm-size-space"),
    _usage("plan --pool name=a,nodes=1,vm_size=Standard-D4s", "'Standard-D4s'", "underscores", name="vm-size-hyphen"),
    _usage("plan --pool name=a,nodes=1,vm_size=" + "S" * 65, "SSSS", "1-64", name="vm-size-65-chars"),
    _usage(["plan", "--pool", "name=a,nodes=1,vm-size=D4\x1b[31m"], "vm_size", "D4\\x1b[31m", name="vm-size-escape"),
    # Node labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
    _usage("plan --pool name=a,nodes=1,labels=purpose", "'purpose'", "key=value", name="label-no-equals"),
    _usage("plan --pool name=a,nodes=1,labels=" + "k" * 64 + "=v", "kkkk", "1-63", name="label-name-64-chars"),
    _usage(
        "plan --pool name=a,nodes=1,labels=v=" + "x" * 64, "xxxx", "not a Kubernetes label value", name="label-value-64"
    ),
    _usage("plan --pool name=a,nodes=1,labels=Hub.org/x=y", "'Hub.org'", "DNS subdomain", name="label-prefix-upper"),
    _usage("plan --pool name=a,nodes=1,labels=/x=y", "'/x'", "DNS subdomain", name="label-prefix-empty"),
    _usage("plan --pool name=a,nodes=1,labels=-x=y", "'-x'", "starting and ending", name="label-name-leading-dash"),
    _usage("plan --pool name=a,nodes=1,labels=x=-y", "'-y'", "label value", name="label-value-leading-dash"),
    _usage("plan --pool name=a,nodes=1,labels=a/b/c=y", "'a/b/c'", "DNS subdomain", name="label-two-slashes"),
    _usage(["plan", "--pool", "name=a,nodes=1,labels=a=b;a=c"], "'a'", "twice", name="label-key-twice"),
    _usage(["plan", "--pool", "name=a,nodes=1,labels=a\x1bb=c"], "\\x1bb", "label key", name="label-key-escape"),
    # argparse's own errors keep the one-line contract.
    _usage("plan --format yaml", "'yaml'", name="format-unknown"),
    _usage("plan --bogus-flag", "--bogus-flag", name="flag-unknown"),
]


@pytest.mark.parametrize(("argv", "expected"), USAGE_ROWS)
def test_unusable_command_line_exits_2_with_one_line(
    argv: list[str], expected: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """Unusable arguments exit 2 with one 'akskit: error:' line that quotes the value."""
    _assert_usage_error(*_run(argv, capsys), expected)


# --------------------------------------------------------------------------------------
# (a) Unusable --spec files: exit 2, one line on stderr quoting the file or the value.
# A name ending in "/" is made as a directory; content None leaves the file missing.
# --------------------------------------------------------------------------------------


def _spec(name: str, content: str | bytes | None, *expected: str, row: str) -> object:
    return pytest.param(name, content, expected, id=row, marks=())


SPEC_ROWS = [
    _spec("missing.toml", None, "missing.toml", "cannot be read", row="spec-missing"),
    _spec("specs/", None, "specs", "cannot be read", row="spec-is-a-directory"),
    _spec("bad.toml", 'plugin = "kubenet\n', "bad.toml", "not valid TOML", row="spec-invalid-toml"),
    _spec("bad.json", '{"plugin": "kubenet",}', "bad.json", "not valid JSON", row="spec-invalid-json"),
    _spec("list.json", "[1]", "list.json", "one object", row="spec-json-not-an-object"),
    _spec("unknown.toml", 'plugin = "kubenet"\ncolour = "red"\n', "colour", "known keys", row="spec-unknown-key"),
    _spec(
        "poolkey.json",
        '{"pools": [{"name": "sys", "nodes": 3, "colour": 1}]}',
        "colour",
        "known keys",
        row="spec-unknown-pool-key",
    ),
    _spec("pools.json", '{"pools": "system"}', "'system'", "list of tables", row="spec-pools-not-a-list"),
    _spec(
        "cidr.toml",
        'node_subnet = "10.224.0.1/16"\n',
        "'10.224.0.1/16'",
        "did you mean 10.224.0.0/16",
        row="spec-host-bits",
    ),
    _spec("nodes.toml", '[[pools]]\nname = "sys"\nnodes = "many"\n', "'many'", row="spec-nodes-not-a-number"),
    _spec("bool.json", '{"pools": [{"name": "sys", "nodes": true}]}', "True", row="spec-nodes-boolean"),
    _spec(
        "latin1.toml",
        b'plugin = "kubenet" # caf\xe9\n',
        "latin1.toml",
        row="spec-not-utf8",
    ),
    _spec(
        "peers.json",
        '{"peers": 5}',
        "peers",
        row="spec-peers-number",
    ),
    _spec(
        "huge.json",
        '{"pools": [{"name": "sys", "nodes": ' + "9" * 5000 + "}]}",
        "huge.json",
        row="spec-json-5000-digit-number",
    ),
]


def _nested_toml(depth: int) -> str:
    return "a = " + "[" * depth + "]" * depth + "\n"


SPEC_ROWS += [
    # Issue 7: numbers over Python's digit limit, from a file.
    _spec(
        "surge.toml",
        '[[pools]]\nname = "sys"\nmax_surge = "' + "1" * 4301 + '"\n',
        "max surge node count",
        "from 0 to 1,000,000",
        row="spec-surge-4301-digits",
    ),
    _spec("digits.json", '{"pools": [{"name": "sys", "nodes": "١٢"}]}', "digits 0-9", row="spec-nodes-arabic-indic"),
    _spec("float.json", '{"pools": [{"name": "sys", "nodes": 3.0}]}', "whole number", "3.0", row="spec-nodes-float"),
    # Issue 7: deep nesting is a one-line error naming the limit, not a RecursionError.
    _spec("deep.json", "[" * 990, "deep.json", "990 deep", "limit of 16", row="spec-json-990-deep"),
    _spec("deep.toml", _nested_toml(500), "deep.toml", "500 deep", "limit of 16", row="spec-toml-500-deep"),
    _spec(
        "deeper.json",
        '{"pools": [{"name": "sys", "nodes": ' + "[" * 20 + "]" * 20 + "}]}",
        "23 deep",
        row="spec-json-deep-value",
    ),
    # Issue 7: the size is capped (a spec is a few KB).
    _spec("big.toml", "# " + "x" * (1 << 20) + "\n", "big.toml", "1 MiB", row="spec-over-1-mib"),
    # Issue 7: unknown keys are quoted escaped, on one line.
    _spec("esc.json", '{"a\\nb\\u001b[31mRED": 1}', "'a\\nb\\x1b[31mRED'", row="spec-unknown-key-escapes"),
    _spec(
        "many.json",
        "{" + ", ".join(f'"k{i}": 1' for i in range(1000)) + "}",
        "'k0'",
        "995 more",
        row="spec-1000-unknown-keys",
    ),
    # Issue 7: a key twice, or two spellings of one, name both.
    _spec("twice.json", '{"plugin": "kubenet", "plugin": "overlay"}', "'plugin' twice", row="spec-json-key-twice"),
    _spec("alias.toml", 'plugin = "kubenet"\nmodel = "overlay"\n', "'plugin' and 'model'", row="spec-plugin-and-model"),
    _spec(
        "alias.json",
        '{"node_subnet": "10.0.0.0/24", "subnet": "10.1.0.0/24"}',
        "'node_subnet' and 'subnet'",
        row="spec-node-subnet-and-subnet",
    ),
    _spec(
        "poolalias.json",
        '{"pools": [{"name": "sys", "max-pods": 30, "max_pods": 40}]}',
        "'max-pods' and 'max_pods'",
        row="spec-pool-two-spellings",
    ),
    # Issue 7: pools = false / 0 / {} is an error, not the default pool.
    _spec("false.toml", "pools = false\n", "pools", "False", row="spec-pools-false"),
    _spec("zero.json", '{"pools": 0}', "pools", "got 0", row="spec-pools-zero"),
    _spec("table.json", '{"pools": {}}', "pools", "got {}", row="spec-pools-empty-table"),
    _spec("emptylist.json", '{"pools": []}', "pools", "got []", row="spec-pools-empty-list"),
    # Issue 7: 100,000 pools are refused before any is built (AKS allows 100 per cluster).
    _spec(
        "pools.json",
        '{"pools": [' + ", ".join(["{}"] * 100_000) + "]}",
        "100,000 node pools",
        "at most 100 per cluster",
        row="spec-100000-pools",
    ),
    # A pool's VM size and labels in a spec file.
    _spec("vm.json", '{"pools": [{"name": "sys", "vm_size": 4}]}', "vm_size", "got 4", row="spec-vm-size-number"),
    _spec("lab.json", '{"pools": [{"name": "sys", "labels": 5}]}', "labels", "table of key", row="spec-labels-number"),
    _spec("lv.json", '{"pools": [{"name": "sys", "labels": {"a": 1}}]}', "'a'", "must be text", row="spec-label-int"),
    _spec(
        "many.json",
        '{"pools": [{"name": "sys", "labels": {' + ", ".join(f'"k{i}": "v"' for i in range(101)) + "}}]}",
        "101 labels",
        "at most 100",
        row="spec-101-labels",
    ),
    _spec(
        "labels.toml",
        '[[pools]]\nname = "sys"\n[pools.labels]\n"hub.jupyter.org/node purpose" = "user"\n',
        "'hub.jupyter.org/node purpose'",
        "1-63",
        row="spec-label-space",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), SPEC_ROWS)
def test_unusable_spec_file_exits_2_with_one_line(
    name: str,
    content: str | bytes | None,
    expected: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unreadable, malformed or ill-typed --spec file exits 2 with one quoting line."""
    path = tmp_path / name
    if name.endswith("/"):
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    _assert_usage_error(*_run(["plan", "--spec", str(path)], capsys), expected)


# --------------------------------------------------------------------------------------
# (b) Usable input that breaks an AKS rule: a finding with a stable code in --format json.
# Rows: command, code, severity, value the message must quote, expected exit status.
# --------------------------------------------------------------------------------------


def _finding(cmd: str, code: str, severity: str, quoted: str, status: int, name: str) -> object:
    return pytest.param(cmd.split(), code, severity, quoted, status, id=name, marks=())


_MANY_POOLS = " ".join(f"--pool name=p{i},nodes=1" for i in range(101))

FINDING_ROWS = [
    # Reserved ranges: overlap, not just equality, is rejected.
    _finding(
        "plan --pod-cidr 172.16.0.0/12", "reserved-range-overlap", "error", "172.16.0.0/12", 1, "reserved-pod-cidr"
    ),
    _finding(
        "plan --service-cidr 172.30.0.0/16 --dns-service-ip 172.30.0.10",
        "reserved-range-overlap",
        "error",
        "172.30.0.0/16",
        1,
        "reserved-service-cidr",
    ),
    _finding("plan --vnet 169.254.0.0/16", "reserved-range-overlap", "error", "169.254.0.0/16", 1, "reserved-vnet"),
    _finding(
        "plan --vnet 192.0.2.0/24 --subnet 192.0.2.0/24",
        "reserved-range-overlap",
        "error",
        "192.0.2.0/24",
        1,
        "reserved-test-net",
    ),
    _finding(
        "plan --vnet 127.0.0.0/8",
        "vnet-range-not-allowed",
        "error",
        "127.0.0.0/8",
        1,
        "vnet-prohibited-loopback",
    ),
    # Service range and DNS IP.
    _finding(
        "plan --service-cidr 10.0.0.0/12", "service-cidr-too-large", "error", "10.0.0.0/12", 1, "service-slash-12"
    ),
    _finding("plan --service-cidr 10.0.0.0/8", "service-cidr-too-large", "error", "10.0.0.0/8", 1, "service-slash-8"),
    _finding(
        "plan --service-cidr 10.100.0.0/16 --dns-service-ip 10.0.0.10",
        "dns-ip-outside-service-cidr",
        "error",
        "10.0.0.10",
        1,
        "dns-outside-service",
    ),
    _finding("plan --dns-service-ip 10.0.0.0", "dns-ip-reserved", "error", "10.0.0.0", 1, "dns-network-address"),
    _finding("plan --dns-service-ip 10.0.0.1", "dns-ip-reserved", "error", "10.0.0.1", 1, "dns-first-address"),
    _finding("plan --dns-service-ip 10.0.255.255", "dns-ip-reserved", "error", "10.0.255.255", 1, "dns-broadcast"),
    # Overlaps.
    _finding("plan --subnet 10.0.0.0/24", "service-cidr-overlap", "error", "10.0.0.0/24", 1, "service-vs-node-subnet"),
    _finding(
        "plan --service-cidr 10.2.0.0/16 --dns-service-ip 10.2.0.10 --peer 10.2.0.0/20",
        "service-cidr-overlap",
        "error",
        "10.2.0.0/20",
        1,
        "service-vs-peer",
    ),
    _finding(
        "plan --service-cidr 10.244.0.0/16 --dns-service-ip 10.244.0.10",
        "service-cidr-overlap",
        "error",
        "10.244.0.0/16",
        1,
        "service-vs-pod-cidr",
    ),
    _finding(
        "plan --pod-cidr 10.224.0.0/16 --subnet 10.224.0.0/24",
        "pod-cidr-overlap",
        "error",
        "10.224.0.0/16",
        1,
        "pod-cidr-vs-node-subnet",
    ),
    _finding(
        "plan --pod-cidr 192.168.0.0/16 --peer 192.168.10.0/24",
        "pod-cidr-overlap",
        "error",
        "192.168.0.0/16",
        1,
        "pod-cidr-vs-peer",
    ),
    _finding(
        "plan --plugin pod-subnet --subnet 10.224.0.0/16 --pod-subnet 10.224.128.0/17",
        "subnet-overlap",
        "error",
        "10.224.128.0/17",
        1,
        "node-vs-pod-subnet",
    ),
    _finding(
        "plan --vnet 10.224.0.0/12 --subnet 10.100.0.0/24",
        "subnet-outside-vnet",
        "error",
        "10.100.0.0/24",
        1,
        "subnet-outside-vnet",
    ),
    # Max pods and pools.
    _finding("plan --max-pods 5", "max-pods-out-of-range", "error", "5", 1, "max-pods-5"),
    _finding("plan --max-pods 300", "max-pods-out-of-range", "error", "300", 1, "max-pods-300"),
    _finding("plan --nodes 2 --max-pods 10", "pool-pod-room", "error", "10", 1, "max-pods-10-on-2-nodes"),
    _finding("plan --nodes 950", "pool-node-limit", "error", "1,045", 1, "pool-950-plus-surge"),
    _finding(
        "plan --nodes 900 --max-surge 0 --scale-out 4200", "cluster-node-limit", "error", "5,100", 1, "cluster-5100"
    ),
    _finding("plan " + _MANY_POOLS, "pool-count-limit", "error", "101", 1, "pools-101"),
    # Model rules.
    _finding("plan --plugin kubenet --nodes 500 --max-surge 0", "kubenet-node-limit", "error", "500", 1, "kubenet-500"),
    _finding(
        "plan --plugin kubenet --pool name=win,nodes=3,os=windows",
        "kubenet-windows",
        "error",
        "'win'",
        1,
        "kubenet-win",
    ),
    _finding(
        "plan --dataplane cilium --pool name=win,nodes=3,os=windows,max-pods=110",
        "cilium-windows",
        "error",
        "'win'",
        1,
        "cilium-win",
    ),
    _finding(
        "plan --plugin kubenet --dataplane cilium",
        "cilium-unsupported-model",
        "error",
        "'kubenet'",
        1,
        "cilium-kubenet",
    ),
    _finding("plan --plugin none --dataplane cilium", "cilium-unsupported-model", "error", "'none'", 1, "cilium-byo"),
    # Sizes.
    _finding(
        "plan --plugin azure-cni --nodes 50 --max-pods 30 --max-surge 1 --subnet 10.224.0.0/22",
        "node-subnet-too-small",
        "error",
        "10.224.0.0/22",
        1,
        "node-subnet-1581-ips-in-slash-22",
    ),
    _finding(
        "plan --plugin pod-subnet --nodes 20 --max-pods 250 --subnet 10.224.0.0/24 --pod-subnet 10.225.0.0/24",
        "pod-subnet-too-small",
        "error",
        "10.225.0.0/24",
        1,
        "pod-subnet-too-small",
    ),
    _finding(
        "plan --nodes 20 --pod-cidr 10.244.0.0/20", "pod-cidr-too-small", "error", "10.244.0.0/20", 1, "pod-cidr-20"
    ),
    _finding(
        "plan --plugin pod-subnet-static --max-pods 31 --subnet 10.224.0.0/24 --pod-subnet 100.64.0.0/10",
        "static-pod-subnet-too-large",
        "error",
        "100.64.0.0/10",
        1,
        "static-pod-subnet-slash-10",
    ),
    _finding("plan --subnet 10.224.0.0/30", "subnet-size-invalid", "error", "10.224.0.0/30", 1, "node-subnet-slash-30"),
    # Warnings alone exit 0; with an error beside them, 1.
    _finding(
        "plan --plugin pod-subnet-static --max-pods 50 --subnet 10.224.0.0/24 --pod-subnet 10.225.0.0/20",
        "static-block-waste",
        "warning",
        "50",
        0,
        "static-max-pods-50",
    ),
    _finding(
        "plan --pool name=sys --pool name=win,nodes=3,os=windows",
        "windows-max-pods",
        "warning",
        "250",
        0,
        "windows-250-pods",
    ),
    _finding(
        "plan --vnet 10.0.0.0/8 --subnet 10.224.0.0/16",
        "pod-cidr-overlaps-vnet",
        "warning",
        "10.244.0.0/16",
        0,
        "pod-cidr-in-vnet",
    ),
    _finding(
        "plan --vnet 10.0.0.0/8 --subnet 10.224.0.0/16",
        "service-cidr-overlaps-vnet",
        "warning",
        "10.0.0.0/16",
        0,
        "service-cidr-in-vnet",
    ),
    _finding(
        "plan --plugin kubenet --pod-subnet 10.225.0.0/16",
        "cidr-not-used",
        "warning",
        "10.225.0.0/16",
        0,
        "unused-pod-subnet",
    ),
    _finding(
        "plan --plugin azure-cni --pod-cidr 10.244.0.0/16",
        "cidr-not-used",
        "warning",
        "10.244.0.0/16",
        0,
        "unused-pod-cidr",
    ),
    _finding("plan --max-surge 0", "surge-zero", "warning", "0", 0, "surge-0"),
    _finding("plan --max-surge 0%", "surge-zero", "warning", "0%", 0, "surge-0-percent"),
    _finding(
        "plan --plugin kubenet --nodes 500 --max-surge 0", "surge-zero", "warning", "0", 1, "surge-0-beside-errors"
    ),
    _finding(
        "plan --plugin none --pool name=sys --pool name=win,nodes=3,os=windows,max-pods=30",
        "windows-unconfirmed",
        "warning",
        "'win'",
        0,
        "windows-on-byo-cni",
    ),
    _finding("plan --pod-cidr 8.8.0.0/16", "pod-cidr-unsupported-range", "warning", "8.8.0.0/16", 0, "public-pod-cidr"),
]


def _quotes(message: str, value: str) -> bool:
    """``value`` stands alone in ``message``: 10.0.0.0 does not match inside 10.0.0.0/16 or 110.0.0.0."""
    return re.search(rf"(?<![\w.]){re.escape(value)}(?![\w/]|\.\d)", message) is not None


@pytest.mark.parametrize(("argv", "code", "severity", "quoted", "status"), FINDING_ROWS)
def test_rule_breaking_input_is_a_finding(
    argv: list[str], code: str, severity: str, quoted: str, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """A usable input that breaks an AKS rule yields a coded finding quoting the value, with a link."""
    got, out, err = _run([*argv, "--format", "json"], capsys)
    assert "Traceback" not in out + err, err
    assert err == ""
    data = json.loads(out)
    hits = [f for f in data["findings"] if f["code"] == code]
    assert hits, f"no {code!r} among {[f['code'] for f in data['findings']]}"
    assert any(
        f["severity"] == severity and _quotes(f["message"], quoted) and f["url"].startswith("https://") for f in hits
    ), hits
    has_error = any(f["severity"] == "error" for f in data["findings"])
    assert got == (1 if has_error or data["fits"] is False else 0), "exit 1 only for an error or a range that misfits"
    assert got == status


# --------------------------------------------------------------------------------------
# A few rows again through a real ``python -m akskit`` process.
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cmd", "status", "text"),
    [
        pytest.param("plan --subnet 10.224.0.1/16", 2, "did you mean 10.224.0.0/16", id="cidr-host-bits"),
        pytest.param("plan --plugin flannel", 2, "'flannel'", id="plugin-unknown"),
        pytest.param("plan --format yaml", 2, "'yaml'", id="format-unknown"),
        pytest.param("plan --pod-cidr 172.16.0.0/12 --format json", 1, '"reserved-range-overlap"', id="reserved-pod"),
    ],
)
def test_real_process_never_prints_a_traceback(cmd: str, status: int, text: str) -> None:
    """In a real interpreter, bad input ends with the documented exit status and no traceback."""
    source_root = str(Path(akskit.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (source_root, os.environ.get("PYTHONPATH"))))}
    proc = subprocess.run(
        [sys.executable, "-m", "akskit", *cmd.split()],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode == status
    if status == 2:
        assert proc.stdout == ""
        assert len(proc.stderr.splitlines()) == 1
        assert proc.stderr.startswith("akskit: error:")
        assert text in proc.stderr
    else:
        assert proc.stderr == ""
        assert text in proc.stdout
