"""The cheat sheet (akskit/course/cheatsheet.py) stays true, and ``make site`` prints it.

Each line is recomputed here three ways: from the library (the engine's own functions), from
the arithmetic the example shows (evaluated), and, where Microsoft states the number, against
the page's golden value (URL beside it).
"""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from pathlib import Path

import pytest

from akskit.course.cheatsheet import Line, cheatsheet_html, cheatsheet_lines, cheatsheet_markdown
from akskit.engine import facts
from akskit.engine.cidr import pod_cidr_blocks, smallest_subnet_prefix, usable_ips
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan, reverse
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import parse_surge

ROOT = Path(__file__).resolve().parent.parent
LINES = {line.key: line for line in cheatsheet_lines()}

OVERLAY = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay"  # "/24 ... 251"
IP_PLANNING = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning"
KUBENET = "https://learn.microsoft.com/en-us/azure/aks/configure-kubenet"  # Azure CNI: "/24 ... up to 8 nodes"
LEGACY_CNI = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni"
CNS_MATH = "https://github.com/Azure/azure-container-networking/blob/master/docs/feature/ipammath/0-background.md"
QUOTAS = "https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions"

#: Numbers Microsoft's pages state (page, number); each key's line must show exactly this.
GOLDEN = {
    "usable-ips": (OVERLAY, 251),
    "cni-pool-ips": (IP_PLANNING, 1_581),  # 50 nodes, surge 1, 30 pods: 51 + 51 x 30
    "cni-nodes-in-24": (KUBENET, 8),
    "per-node-azure-cni": (LEGACY_CNI, 31),  # 30 pods + the node's own
    "dynamic": (CNS_MATH, 48),  # 25 to 30 IPs in use -> 48
    "route-limit": (KUBENET, 400),
    "pool-limit": (QUOTAS, 1_000),
    "cluster-limit": (QUOTAS, 5_000),
    "max-pods": (IP_PLANNING, 250),
}


def _from_library(key: str) -> int:
    """The line's number, recomputed with the engine by a different route than the sheet's."""
    pods = 30
    cni = plan(cluster("azure-cni", [pool("system", 50, max_pods=pods, max_surge=1)])).vnet_ips_required
    by_key = {
        "usable-ips": lambda: usable_ips(24),
        "smallest-prefix": lambda: smallest_subnet_prefix(cni),
        "cni-pool-ips": lambda: cni,
        "cni-nodes-in-24": lambda: (
            reverse(cluster("azure-cni", [pool("system", 0, max_pods=pods, max_surge=0)], node_subnet="10.224.0.0/24"))
            .pools[0]
            .nodes
        ),
        "pod-cidr-blocks": lambda: pod_cidr_blocks(facts.DEFAULT_POD_CIDR),
        "dynamic": lambda: traits(NetworkModel.POD_SUBNET).pod_subnet_ips_per_node(pods),
        "static-blocks": lambda: math.ceil((pods + 1) / facts.STATIC_BLOCK_IPS),
        "surge-default": lambda: parse_surge(f"{facts.DEFAULT_MAX_SURGE_PERCENT}%").nodes(8),
        "surge-production": lambda: parse_surge(facts.PRODUCTION_MAX_SURGE).nodes(10),
        "route-limit": lambda: facts.ROUTE_TABLE_LIMIT,
        "pool-limit": lambda: facts.MAX_NODES_PER_POOL,
        "cluster-limit": lambda: facts.MAX_NODES_PER_CLUSTER,
        "max-pods": lambda: facts.MAX_PODS_HIGHEST,
    }
    for model in NetworkModel:
        by_key[f"per-node-{model.value}"] = lambda m=model: traits(m).node_subnet_ips_per_node(pods)
    return int(by_key[key]())  # type: ignore[no-untyped-call]


def _shown_arithmetic(example: str) -> tuple[float, int] | None:
    """``(left side evaluated, number after '=')`` for an example that shows its sum, else None."""
    if "=" not in example:
        return None
    left, right = example.split("=", 1)
    left = left.rsplit(":", 1)[-1]
    expr = left.replace("×", "*").replace("÷", "/").replace("−", "-").replace(",", "")
    expr = expr.replace("⌈", "ceil(").replace("⌉", ")").replace("⌊", "floor(").replace("⌋", ")")
    assert re.fullmatch(r"[\d\s+\-*/()a-z]*", expr), expr
    value = eval(expr, {"__builtins__": {}, "ceil": math.ceil, "floor": math.floor})  # noqa: S307 (checked above)
    shown = int(re.search(r"[\d,]+", right).group().replace(",", ""))  # type: ignore[union-attr]
    return value, shown


def test_the_sheet_covers_the_issue_list() -> None:
    """Usable IPs, per model per node, pod CIDR blocks, surge rounding, the 400/1,000/5,000 limits, dynamic, static."""
    wanted = {"usable-ips", "pod-cidr-blocks", "surge-default", "route-limit", "pool-limit", "cluster-limit",
              "dynamic", "static-blocks", "per-node-kubenet", "per-node-azure-cni", "per-node-overlay"}  # fmt: skip
    assert sorted(wanted - set(LINES)) == []


@pytest.mark.parametrize("key", sorted(LINES))
def test_each_line_matches_the_library(key: str) -> None:
    assert LINES[key].value == _from_library(key)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_each_line_matches_microsofts_number(key: str) -> None:
    assert LINES[key].value == GOLDEN[key][1], GOLDEN[key][0]


@pytest.mark.parametrize("key", sorted(LINES))
def test_each_example_shows_its_number_and_its_sum_adds_up(key: str) -> None:
    line: Line = LINES[key]
    assert re.search(rf"(?<![\d,]){line.value:,}(?![\d,])|/{line.value}\b", line.example), line.example
    shown = _shown_arithmetic(line.example)
    if shown is not None:
        assert shown[0] == shown[1] == line.value, line.example
    assert line.url.startswith("https://"), line.url


def test_rules_quote_the_facts() -> None:
    """The constants in the rules are the facts' (a changed fact changes the sheet)."""
    assert f"− {facts.AZURE_RESERVED_IPS}" in LINES["usable-ips"].rule
    assert f"{facts.DYNAMIC_BATCH_IPS} × ⌈(max pods + {facts.DYNAMIC_MIN_FREE_IPS})" in LINES["dynamic"].rule
    assert f"/{facts.POD_CIDR_BLOCK_PREFIX}" in LINES["pod-cidr-blocks"].rule
    assert "/28" in LINES["static-blocks"].rule


def test_markdown_and_html_hold_every_line() -> None:
    md, page = cheatsheet_markdown(), cheatsheet_html()
    assert "@media print" in page
    assert "@page" in page
    for line in LINES.values():
        assert f"| {line.what} | {line.rule} | {line.example} |" in md
        assert f'<tr id="{line.key}">' in page


def _static_site():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("static_site", ROOT / "tools" / "static_site.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["static_site"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_make_site_writes_the_sheet_and_the_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The site's build (notebooks stubbed: no kernel here) writes both pages and links them from the index."""
    site = _static_site()

    def fake_render(notebook: Path, workdir: Path, exporter: object) -> tuple[str, str, str]:
        body = f'<html><a href="glossary.md#vnet">VNet</a> {notebook.stem}</html>'
        return site.GLOSSARY_LINK.sub(lambda m: f'href="glossary.html{m.group(1) or ""}"', body), notebook.stem, ""

    monkeypatch.setattr(site, "render_notebook", fake_render)
    pages = {p.name for p in site.build(tmp_path)}
    assert {"cheatsheet.html", "glossary.html"} <= pages
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="cheatsheet.html"' in index
    assert 'href="glossary.html"' in index
    sheet = (tmp_path / "cheatsheet.html").read_text(encoding="utf-8")
    assert "@media print" in sheet
    assert LINES["usable-ips"].example in sheet
    glossary = (tmp_path / "glossary.html").read_text(encoding="utf-8")
    assert '<a id="vnet"></a>' in glossary
    notebook = next(p for p in tmp_path.glob("0*.html"))
    assert 'href="glossary.html#vnet"' in notebook.read_text(encoding="utf-8")
