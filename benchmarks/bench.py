"""Time akskit: one plan, the IP usage curves, ``import akskit``, ``akskit plan`` and a 100-pool ``akskit import``.

Standard library only. Run from any directory::

    python benchmarks/bench.py           # about 10-30 s
    python benchmarks/bench.py --quick   # 10x fewer repeats: a smoke test, not a measurement

Subprocesses use this interpreter with PYTHONPATH set to the repository root,
so they time the akskit in this checkout.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

try:
    import akskit.course.curves
except ImportError:  # run as a plain script from a checkout that is not installed
    sys.path.insert(0, str(REPO))
    import akskit.course.curves

LABEL_WIDTH = 30
CANONICAL_ARGS = (
    "plan", "--plugin", "azure-cni", "--nodes", "50", "--max-pods", "30", "--max-surge", "1",
    "--subnet", "10.224.0.0/16",
)  # fmt: skip


def _p95(values: Sequence[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _line(label: str, values: Sequence[float], unit: str, target: str = "") -> str:
    text = f"{label:<{LABEL_WIDTH}} median {statistics.median(values):8.1f} {unit:<2}   p95 {_p95(values):8.1f} {unit}"
    return f"{text}   target {target}" if target else text


def _time_calls(fn: Callable[[], object], repeats: int, warmup: int, scale: float) -> list[float]:
    """Time each call of ``fn`` separately; ``scale`` converts nanoseconds to the reported unit."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        fn()
        times.append((time.perf_counter_ns() - start) / scale)
    return times


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # As installed (pip compiles at install) or run twice from a checkout: bytecode cached, so the
    # warm-up run writes it. With PYTHONDONTWRITEBYTECODE=1 every start would compile akskit afresh.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(REPO), env.get("PYTHONPATH"))))
    return env


def _run(cmd: Sequence[str], env: dict[str, str], check_output: bool = False) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    sys.stdout.flush()  # keep the table above any error message
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} exited {result.returncode}:\n{result.stderr.strip()}")
    if check_output and not result.stdout.strip():
        sys.exit(f"bench: {' '.join(cmd)} printed nothing")
    return result


def _wall_ms(cmds: dict[str, Sequence[str]], repeats: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Whole-process wall times, interleaving the commands so drift hits them all alike."""
    for cmd in cmds.values():  # warm-up: .pyc files, page cache; also checks each command works
        _run(cmd, env, check_output="plan" in cmd)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(repeats):
        for name, cmd in cmds.items():
            start = time.perf_counter_ns()
            subprocess.run(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[name].append((time.perf_counter_ns() - start) / 1e6)
    return times


def _importtime_us(repeats: int, env: dict[str, str]) -> list[float]:
    """Cumulative microseconds of the ``akskit`` line of ``-X importtime``, one value per fresh interpreter."""
    pattern = re.compile(r"^import time:\s*\d+\s*\|\s*(\d+)\s*\|\s*akskit\s*$", re.MULTILINE)
    cmd = [sys.executable, "-X", "importtime", "-c", "import akskit"]
    _run(cmd, env)
    values = []
    for _ in range(repeats):
        match = pattern.search(_run(cmd, env).stderr)
        if match is None:
            sys.exit("bench: no 'akskit' line in the -X importtime output")
        values.append(float(match.group(1)))
    return values


def _specs() -> dict[str, akskit.ClusterSpec]:
    canonical = akskit.cluster(
        "azure-cni",
        [akskit.pool("system", 50, max_pods=30, max_surge=1)],
        node_subnet="10.224.0.0/16",
        vnet="10.224.0.0/12",
    )
    overlay = akskit.cluster(
        "overlay",
        [
            akskit.pool("system", 3, max_pods=110, max_surge=1),
            akskit.pool("user", 20, max_count=40, max_pods=250, max_surge="33%"),
            akskit.pool("win1", 5, max_pods=30, max_surge=1, os="windows"),
        ],
        node_subnet="10.224.0.0/16",
        pod_cidr="10.244.0.0/16",
        service_cidr="10.0.0.0/16",
        dns_service_ip="10.0.0.10",
        vnet="10.224.0.0/12",
        peers=["192.168.0.0/16", "172.16.0.0/16"],
    )
    return {"plan (canonical)": canonical, "plan (overlay, 3 pools)": overlay}


def _crafted_peers() -> list[str]:
    """Peers that made free-range suggestions scan thousands of candidates per finding (issue 7: 34 s).

    256 /24s inside the default service CIDR (10.0.0.0/16: one overlap finding each, each
    with a suggestion), plus one /24 in every other 10.x.0.0/16, 172.16-31.x and 100.64-127.x
    so that no early candidate is free.
    """
    peers = [f"10.0.{j}.0/24" for j in range(256)]
    peers += [f"10.{i}.0.0/24" for i in range(1, 256)]
    peers += [f"172.{i}.0.0/24" for i in range(16, 32) if i not in (30, 31)]
    peers += [f"100.{i}.0.0/24" for i in range(64, 128)]
    peers += [f"192.168.{j}.0/24" for j in range(256)]
    return peers


def _quiet_main(argv: Sequence[str]) -> int:
    """akskit.cli.main in process with its output thrown away."""
    from akskit.cli import main as cli_main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli_main(list(argv))


def _scale(n: Callable[[int], int]) -> None:
    """Big inputs (issue 7): figures printed, not asserted; the targets are in benchmarks/README.md."""
    peers = [f"11.{i // 256}.{i % 256}.0/24" for i in range(5000)]
    args = ["plan", *(a for p in peers for a in ("--peer", p))]
    print(_line("5,000 --peer ranges (cli)", _time_calls(lambda: _quiet_main(args), n(5), 1, 1e6), "ms"))
    crafted = _crafted_peers()
    spec = akskit.cluster("overlay", peers=crafted)
    label = f"{len(crafted)} crafted peers (plan)"
    print(_line(label, _time_calls(lambda: akskit.plan(spec), n(5), 1, 1e6), "ms"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pools.json"
        path.write_text('{"pools": [' + ", ".join(["{}"] * 100_000) + "]}", encoding="utf-8")
        status = _quiet_main(["plan", "--spec", str(path)])
        if status != 2:
            sys.exit(f"bench: a 100,000-pool spec exited {status}, expected 2 (refused)")
        times = _time_calls(lambda: _quiet_main(["plan", "--spec", str(path)]), n(5), 1, 1e6)
        print(_line("100,000-pool spec refused", times, "ms"))
    data = {"pools": [{"name": f"p{i}"} for i in range(100_000)]}
    times = _time_calls(lambda: _refused(lambda: akskit.spec_from_mapping(data)), n(5), 1, 1e6)
    print(_line("100,000 pools (mapping)", times, "ms"))
    names = [akskit.pool(f"p{i}") for i in range(1000)]
    print(_line("1,000 pools, names checked", _time_calls(lambda: akskit.cluster(pools=names), n(20), 2, 1e6), "ms"))


def _refused(fn: Callable[[], object]) -> None:
    try:
        fn()
    except akskit.AksKitError:
        return
    sys.exit("bench: expected the input to be refused")


SUBNET_ID = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network"
    "/virtualNetworks/vnet/subnets/{}"
)


def _az_pool(i: int) -> dict[str, object]:
    """One pool as ``az aks show -o json`` prints it (CLI casing; pod subnet, dynamic allocation)."""
    windows = i % 10 == 9
    autoscale = i % 3 == 1
    return {
        "availabilityZones": ["1", "2", "3"],
        "count": 3 + i % 5,
        "enableAutoScaling": autoscale,
        "enableNodePublicIp": False,
        "maxCount": 10 + i % 7 if autoscale else None,
        "maxPods": 30 if windows else 50,
        "minCount": 3 + i % 5 if autoscale else None,
        "mode": "System" if i == 0 else "User",
        "name": f"win{i}" if windows else f"pool{i}",
        "nodeImageVersion": "AKSUbuntu-2204gen2containerd-202601.05.0",
        "orchestratorVersion": "1.33.2",
        "osDiskSizeGb": 128,
        "osDiskType": "Managed",
        "osSku": "Windows2022" if windows else "Ubuntu",
        "osType": "Windows" if windows else "Linux",
        "podIpAllocationMode": "DynamicIndividual",
        "podSubnetId": SUBNET_ID.format("pods"),
        "powerState": {"code": "Running"},
        "provisioningState": "Succeeded",
        "scaleSetPriority": None,
        "type": "VirtualMachineScaleSets",
        "upgradeSettings": {"maxSurge": "33%" if i % 2 else "1", "maxUnavailable": "0"},
        "vmSize": "Standard_D4s_v5",
        "vnetSubnetId": SUBNET_ID.format("nodes"),
    }


def _hundred_pools() -> str:
    """``az aks show -o json`` of a 100-pool Azure CNI Pod Subnet cluster (AKS's limit: facts.MAX_POOLS_PER_CLUSTER)."""
    cluster = {
        "name": "big",
        "location": "westeurope",
        "type": "Microsoft.ContainerService/ManagedClusters",
        "kubernetesVersion": "1.33.2",
        "agentPoolProfiles": [_az_pool(i) for i in range(100)],
        "networkProfile": {
            "networkPlugin": "azure",
            "networkDataplane": "azure",
            "serviceCidr": "10.0.0.0/16",
            "dnsServiceIp": "10.0.0.10",
            "ipFamilies": ["IPv4"],
            "loadBalancerSku": "standard",
            "outboundType": "loadBalancer",
        },
    }
    return json.dumps(cluster, indent=2)


def _import_100(n: Callable[[int], int]) -> None:
    """``akskit import`` of a 100-pool cluster: read + parse + map + plan, and the whole command in process."""
    from akskit.engine.cluster_import import import_cluster, plan_imported, read_json

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "aks-show.json"
        path.write_text(_hundred_pools(), encoding="utf-8")
        subnets = {"node_subnet": "10.224.0.0/20", "pod_subnet": "10.225.0.0/16"}

        def run() -> object:
            return plan_imported(import_cluster(read_json(str(path)), **subnets))

        planned = run()
        pools = len(getattr(planned, "pools", ()))
        if pools != 100:
            sys.exit(f"bench: the 100-pool import planned {pools} pools")
        size = path.stat().st_size // 1024
        print(_line(f"100-pool import ({size} KB)", _time_calls(run, n(50), n(5), 1e6), "ms"))
        args = ["import", str(path), "--subnet", subnets["node_subnet"], "--pod-subnet", subnets["pod_subnet"]]
        if _quiet_main(args) not in (0, 1):
            sys.exit("bench: akskit import of the 100-pool cluster was refused")
        print(_line("100-pool import (cli)", _time_calls(lambda: _quiet_main(args), n(20), n(3), 1e6), "ms"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x fewer repeats (smoke test)")
    args = parser.parse_args(argv)
    div = 10 if args.quick else 1

    def n(count: int) -> int:
        return max(3, count // div)

    env = _env()
    print(f"akskit {akskit.__version__} from {Path(akskit.__file__).parent}")
    print(f"Python {sys.version.split()[0]} ({sys.executable}){' --quick' if args.quick else ''}")

    print("\n[1] one plan (in process)")
    for label, spec in _specs().items():
        times = _time_calls(lambda spec=spec: akskit.plan(spec), n(2000), n(200), 1e3)
        print(_line(label, times, "us", "<= 30 us (issue 11)" if label == "plan (canonical)" else ""))

    print("\n[2] curves (in process)")
    curves: dict[str, Callable[[], object]] = {
        "curves by nodes (1-5000)": lambda: akskit.course.curves.ip_usage_by_nodes(range(1, 5001)),
        "curves by max pods (10-250)": lambda: akskit.course.curves.ip_usage_by_max_pods(range(10, 251)),
    }
    for label, fn in curves.items():
        print(_line(label, _time_calls(fn, n(50), n(5), 1e6), "ms"))

    print("\n[3] import akskit (fresh interpreter)")
    print(_line("import akskit (-X importtime)", _importtime_us(n(10), env), "us"))
    walls = _wall_ms(
        {"pass": [sys.executable, "-c", "pass"], "import": [sys.executable, "-c", "import akskit"]}, n(10), env
    )
    extra = statistics.median(walls["import"]) - statistics.median(walls["pass"])
    print(f"{'import akskit (wall - pass)':<{LABEL_WIDTH}} median {extra:8.1f} ms   target <= 20 ms (issue 11)")

    print("\n[4] akskit plan (whole process, canonical spec)")
    cmds: dict[str, Sequence[str]] = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "python -m akskit plan": [sys.executable, "-m", "akskit", *CANONICAL_ARGS],
    }
    script = Path(sys.executable).with_name("akskit.exe" if os.name == "nt" else "akskit")
    if script.is_file():
        cmds["akskit plan (console script)"] = [str(script), *CANONICAL_ARGS]
    walls = _wall_ms(cmds, n(15), env)
    for label, times in walls.items():
        print(_line(label, times, "ms"))
    over = statistics.median(walls["python -m akskit plan"]) - statistics.median(walls["python -c pass (baseline)"])
    print(f"{'akskit plan (wall - pass)':<{LABEL_WIDTH}} median {over:8.1f} ms   target <= 25 ms (issue 11)")
    if not script.is_file():
        print(f"{'akskit plan (console script)':<{LABEL_WIDTH}} skipped: no {script}")

    print("\n[5] big inputs (in process; targets: 5,000 peers < 500 ms, 100,000 pools refused < 1,000 ms)")
    _scale(n)

    print("\n[6] akskit import of a 100-pool az aks show document (in process; target < 50 ms)")
    _import_100(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
