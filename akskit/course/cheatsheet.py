"""The one-page cheat sheet: every formula and limit of the course, each example computed by akskit.

Each :class:`Line` states a rule in words, a worked example whose number comes from the
engine (its facts and functions, never typed in), and the page the rule comes from.
:func:`cheatsheet_markdown` and :func:`cheatsheet_html` render the sheet; ``make site``
writes the HTML version as a printable page (``cheatsheet.html``).

>>> lines = cheatsheet_lines()
>>> next(line for line in lines if line.key == "usable-ips").example
'/24: 256 − 5 = 251'
>>> "@media print" in cheatsheet_html()
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from akskit.engine import facts
from akskit.engine.cidr import parse_network, pod_cidr_blocks, smallest_subnet_prefix, usable_ips
from akskit.engine.markdown import link_label, markdown_link
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import max_nodes, plan
from akskit.engine.spec import cluster, pool
from akskit.engine.surge import DEFAULT_SURGE, parse_surge
from akskit.engine.tables import Html, html_table

__all__ = ["Line", "cheatsheet_html", "cheatsheet_lines", "cheatsheet_markdown"]

TITLE = "AKS IP planning: the cheat sheet"

#: The examples' inputs: a common default pool (30 max pods, Azure CNI's default) and Microsoft's worked example.
_MAX_PODS = 30
_EXAMPLE_NODES, _EXAMPLE_SURGE = 50, 1  # IP_PLANNING_URL's worked example: 50 nodes, surge 1, 30 max pods


@dataclass(frozen=True, slots=True)
class Line:
    """One rule of the sheet.

    Attributes:
        key: a stable id (tests and links use it).
        section: the heading it sits under.
        what: the quantity, in words.
        rule: the formula or the limit, in words and symbols.
        example: a worked example; its number is ``value``, computed by akskit.
        value: the example's result.
        url: the page the rule comes from.
    """

    key: str
    section: str
    what: str
    rule: str
    example: str
    value: int
    url: str


def _n(value: int) -> str:
    return f"{value:,}"


def _model_lines() -> list[Line]:
    lines = []
    for model in (NetworkModel.KUBENET, NetworkModel.AZURE_CNI, NetworkModel.OVERLAY, NetworkModel.POD_SUBNET):
        t = traits(model)
        node = t.node_subnet_ips_per_node(_MAX_PODS)
        rule = "1 + max pods" if t.pods_from_node_subnet else "1 (the node's own)"
        if t.uses_pod_cidr:
            rule += f"; pods: one /{facts.POD_CIDR_BLOCK_PREFIX} of the pod CIDR"
        elif t.uses_pod_subnet:
            rule += "; pods: from the pod subnet (below)"
        lines.append(
            Line(
                f"per-node-{model.value}",
                "Node-subnet IPs per node, per model",
                t.label,
                rule,
                f"max pods {_MAX_PODS}: {_n(node)} per node",
                node,
                t.url,
            )
        )
    return lines


def cheatsheet_lines() -> list[Line]:
    """Every line of the sheet, in reading order, each example computed now by the engine."""
    reserved = facts.AZURE_RESERVED_IPS
    usable24 = usable_ips(24)
    need = plan(
        cluster("azure-cni", [pool("system", _EXAMPLE_NODES, max_pods=_MAX_PODS, max_surge=_EXAMPLE_SURGE)])
    ).vnet_ips_required
    prefix = smallest_subnet_prefix(need)
    cni24 = max_nodes(
        cluster("azure-cni", [pool("system", 1, max_pods=_MAX_PODS, max_surge=0)], node_subnet="10.224.0.0/24"),
        surge=False,
    )
    blocks16 = pod_cidr_blocks(parse_network("10.244.0.0/16"))
    default_surge_8 = DEFAULT_SURGE.nodes(8)
    prod_surge_10 = parse_surge(facts.PRODUCTION_MAX_SURGE).nodes(10)
    dynamic = traits(NetworkModel.POD_SUBNET).pod_subnet_ips_per_node(_MAX_PODS)
    static_ips = traits(NetworkModel.POD_SUBNET_STATIC).pod_subnet_ips_per_node(_MAX_PODS)
    static_blocks = static_ips // facts.STATIC_BLOCK_IPS
    block_prefix = 32 - (facts.STATIC_BLOCK_IPS - 1).bit_length()
    batch, free = facts.DYNAMIC_BATCH_IPS, facts.DYNAMIC_MIN_FREE_IPS
    subnets = "Subnets"
    return [
        Line("usable-ips", subnets, "Usable IPs in a subnet", f"2^(32 − prefix) − {reserved} (Azure keeps {reserved})",
             f"/24: {_n(1 << 8)} − {reserved} = {_n(usable24)}", usable24, facts.VNET_FAQ_URL),
        Line("smallest-prefix", subnets, "Smallest subnet for N IPs",
             f"the longest prefix whose usable IPs (size − {reserved}) ≥ N",
             f"{_n(need)} IPs: /{prefix} ({_n(usable_ips(prefix or 0))} usable)", prefix or 0, facts.IP_PLANNING_URL),
        Line("cni-pool-ips", subnets, "Azure CNI node-subnet IPs for a pool", "(nodes + surge) × (max pods + 1)",
             f"{_EXAMPLE_NODES} nodes, surge {_EXAMPLE_SURGE}, max pods {_MAX_PODS}: "
             f"({_EXAMPLE_NODES} + {_EXAMPLE_SURGE}) × ({_MAX_PODS} + 1) = {_n(need)}", need, facts.IP_PLANNING_URL),
        Line("cni-nodes-in-24", subnets, "Azure CNI nodes in a /24", "⌊usable IPs ÷ (max pods + 1)⌋, before surge",
             f"max pods {_MAX_PODS}: ⌊{usable24} ÷ {_MAX_PODS + 1}⌋ = {cni24}", cni24 or 0, facts.LEGACY_CNI_URL),
        *_model_lines(),
        Line("pod-cidr-blocks", "Pod CIDR (kubenet, overlay)", "Per-node blocks in a pod CIDR",
             f"2^({facts.POD_CIDR_BLOCK_PREFIX} − prefix) blocks of /{facts.POD_CIDR_BLOCK_PREFIX}, one per node",
             f"{facts.DEFAULT_POD_CIDR} (the default): {_n(blocks16)} nodes at most", blocks16, facts.OVERLAY_URL),
        Line("dynamic", "Pod subnet", "Dynamic allocation, pod-subnet IPs per node (every slot used)",
             f"{batch} × ⌈(max pods + {free}) ÷ {batch}⌉ (batches of {batch}, another when fewer than {free} are free)",
             f"max pods {_MAX_PODS}: {batch} × ⌈{_MAX_PODS + free} ÷ {batch}⌉ = {dynamic}", dynamic, facts.DYNAMIC_URL),
        Line("static-blocks", "Pod subnet", "Static block allocation, /28 blocks per node",
             f"⌈(max pods + 1) ÷ {facts.STATIC_BLOCK_IPS}⌉ blocks of /{block_prefix}, all taken when the node starts",
             f"max pods {_MAX_PODS}: ⌈{_MAX_PODS + 1} ÷ {facts.STATIC_BLOCK_IPS}⌉ = {static_blocks} blocks "
             f"({static_ips} IPs)", static_blocks, facts.STATIC_BLOCK_URL),
        Line("surge-default", "Upgrades", "Surge nodes (a percentage rounds up)",
             f"⌈pool size × percent ÷ 100⌉; default {DEFAULT_SURGE}",
             f"{DEFAULT_SURGE} of 8 nodes: {default_surge_8} node", default_surge_8, facts.UPGRADE_OPTIONS_URL),
        Line("surge-production", "Upgrades", "Microsoft's production surge",
             f"{facts.PRODUCTION_MAX_SURGE}, rounded up",
             f"{facts.PRODUCTION_MAX_SURGE} of 10 nodes: {prod_surge_10} nodes", prod_surge_10,
             facts.ROLLING_UPGRADE_URL),
        Line("route-limit", "Limits", "kubenet nodes (one route each)", "routes per route table",
             f"{_n(facts.ROUTE_TABLE_LIMIT)} routes, so {_n(facts.KUBENET_MAX_NODES)} nodes at most",
             facts.KUBENET_MAX_NODES, facts.KUBENET_URL),
        Line("pool-limit", "Limits", "Nodes per pool", "surge nodes count too",
             f"{_n(facts.MAX_NODES_PER_POOL)} nodes", facts.MAX_NODES_PER_POOL, facts.QUOTAS_URL),
        Line("cluster-limit", "Limits", "Nodes per cluster", "every pool together",
             f"{_n(facts.MAX_NODES_PER_CLUSTER)} nodes", facts.MAX_NODES_PER_CLUSTER, facts.QUOTAS_URL),
        Line("max-pods", "Limits", "Max pods per node", f"{facts.MAX_PODS_LOWEST} to {facts.MAX_PODS_HIGHEST}",
             f"at most {facts.MAX_PODS_HIGHEST} pods on one node", facts.MAX_PODS_HIGHEST, facts.IP_PLANNING_URL),
    ]  # fmt: skip


def _sections(lines: list[Line]) -> dict[str, list[Line]]:
    grouped: dict[str, list[Line]] = {}
    for line in lines:
        grouped.setdefault(line.section, []).append(line)
    return grouped


def cheatsheet_markdown(lines: list[Line] | None = None) -> str:
    """The sheet as Markdown: one table per section (what, rule, example, source).

    >>> "| Usable IPs in a subnet |" in cheatsheet_markdown()
    True
    """
    out = [f"# {TITLE}", "", "Every example below is computed by akskit; each rule links the page it comes from.", ""]
    for section, group in _sections(lines or cheatsheet_lines()).items():
        out += [f"## {section}", "", "| what | rule | example | source |", "|---|---|---|---|"]
        out += [f"| {x.what} | {x.rule} | {x.example} | {markdown_link(x.url)} |" for x in group]
        out.append("")
    return "\n".join(out)


PRINT_CSS = (
    "body{font-family:system-ui,sans-serif;font-size:11pt;max-width:60rem;margin:1.5rem auto;padding:0 1rem;"
    "line-height:1.35}table{border-collapse:collapse;width:100%;margin-bottom:.8rem;table-layout:fixed}"
    "th,td{border:1px solid #888;padding:.2rem .4rem;text-align:left;vertical-align:top}"
    "h1{font-size:1.4rem}h2{font-size:1.05rem;margin:.8rem 0 .3rem}"
    "@page{size:A4 portrait;margin:9mm}"
    "@media print{body{font-size:7.5pt;line-height:1.25;margin:0;max-width:none;padding:0}"
    "a{color:inherit;text-decoration:none}nav{display:none}h1{font-size:12pt;margin:0 0 .2rem}"
    "h2{font-size:9pt;margin:.35rem 0 .15rem;break-after:avoid}p{margin:.2rem 0}"
    "table{margin-bottom:.2rem}th,td{padding:.08rem .25rem!important}tr{break-inside:avoid}}"
)


_WIDTHS = ("22%", "32%", "28%", "18%")


def cheatsheet_html(lines: list[Line] | None = None, *, back: str | None = None) -> str:
    """The sheet as one standalone HTML page with a print style sheet (one A4 page when printed).

    ``back``, when given, is the address of a page to link back to (hidden when printed).
    """
    body = [f"<h1>{html.escape(TITLE)}</h1>"]
    if back:
        body.insert(0, f'<nav><a href="{html.escape(back)}">← the course</a></nav>')
    body.append("<p>Every example is computed by akskit; each rule links the page it comes from.</p>")
    for section, group in _sections(lines or cheatsheet_lines()).items():
        rows = [
            (x.what, x.rule, x.example, Html(f'<a href="{html.escape(x.url)}">{html.escape(link_label(x.url))}</a>'))
            for x in group
        ]
        table = html_table(("what", "rule", "example", "source"), rows, row_ids=[x.key for x in group], widths=_WIDTHS)
        body.append(f"<h2>{html.escape(section)}</h2>{table}")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(TITLE)}</title><style>{PRINT_CSS}</style></head><body>{''.join(body)}</body></html>"
    )
