"""Render plans for people: a plain-text table (what a person reads first), Markdown, HTML and JSON.

HTML is the results panel of the app (:class:`akskit.widgets.PlannerApp`) and of the
static site's calculator page: every value escaped, standard library only.

>>> from akskit import cluster, plan, pool
>>> print(render(plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)]))).splitlines()[0])
akskit plan: Azure CNI Node Subnet (azure-cni), data plane azure
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from akskit.engine import facts
from akskit.engine.errors import SpecError, quote
from akskit.engine.findings import Severity
from akskit.engine.models import traits
from akskit.engine.results import Plan, PodCidrPlan, PoolPlan, SubnetPlan

__all__ = ["FORMATS", "emit", "render", "render_comparison", "upgrade_setting"]

#: What :func:`render` writes.
FORMATS = ("table", "markdown", "html", "json")

# Okabe and Ito's colour-blind-safe colours, as in akskit.plots.PALETTE (the engine imports no plots).
_GREEN, _VERMILLION, _ORANGE, _BLUE = "#009E73", "#D55E00", "#E69F00", "#0072B2"
_SEVERITY_COLOURS = {Severity.ERROR: _VERMILLION, Severity.WARNING: _ORANGE, Severity.INFO: _BLUE}


def _n(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _prefix(value: int | None) -> str:
    return "none fits" if value is None else f"/{value}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        return lines + ["| " + " | ".join(r) + " |" for r in rows]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return ["  " + fmt.format(*header).rstrip()] + ["  " + fmt.format(*r).rstrip() for r in rows]


def _subnet_lines(name: str, s: SubnetPlan) -> list[str]:
    head = f"{name}: {s.ips_required:,} IPs needed"
    if s.ips_minimum is not None:
        head += f" with every pod slot in use ({s.ips_minimum:,} at node start)"
    lines = [f"{head}; smallest subnet {_prefix(s.smallest_prefix)}"]
    if s.cidr is not None:
        used = "" if s.utilisation is None else f" ({s.utilisation:.1%} used)"
        verdict = "fits" if s.fits else "DOES NOT FIT"
        lines.append(
            f"  given {s.cidr}: {_n(s.usable_ips)} usable after Azure's 5 reserved, "
            f"headroom {_n(s.headroom)}{used}: {verdict}"
        )
        lines.append(f"  {_room(s.max_nodes, s.max_nodes_no_surge)}")
    return lines


def _room(with_surge: int | None, without: int | None) -> str:
    """How many nodes of the first pool a range holds; ``None``: the rest of the plan alone overflows it."""
    if with_surge is None and without is None:
        return "holds no node of the first pool: the other pools and fixed needs alone overflow it"
    return f"holds at most {_n(with_surge)} nodes in the first pool with surge ({_n(without)} without)"


def _pod_cidr_lines(p: PodCidrPlan) -> list[str]:
    given = " (AKS's default)" if p.defaulted else ""
    verdict = "fits" if p.fits else "DOES NOT FIT"
    return [
        f"Pod CIDR: {p.blocks_required:,} per-node /24 blocks needed; largest prefix that fits /{p.largest_prefix}",
        f"  {p.cidr}{given}: {_n(p.blocks_available)} blocks: {verdict}; {_room(p.max_nodes, p.max_nodes_no_surge)}",
    ]


def upgrade_setting(p: PoolPlan, moment: str) -> str:
    """The pool's upgrade setting and its extra nodes: ``10% (1)``, ``bluegreen (12)``, ``0 +2 in place (0)``.

    The count in brackets is the pool's extra nodes at the plan's moment (none at create time).
    """
    setting = "bluegreen" if p.upgrade_strategy == "bluegreen" else p.max_surge
    if p.max_unavailable not in (None, "0", "0%"):
        setting += f" +{p.max_unavailable} in place"
    return f"{setting} ({p.surge_nodes}{' at create' if moment == 'create' else ''})"


def _verdict(plan: Plan) -> str:
    if not plan.valid:
        return f"Result: {len(plan.errors)} error(s): not deployable as planned"
    fit = {True: "fits every given range", False: "does not fit", None: "no ranges given to check"}[plan.fits]
    return f"Result: valid; {fit}"


def render(plan: Plan, fmt: str = "table", reverse: bool = False) -> str:
    """Render one plan as ``table``, ``markdown``, ``html`` (a results panel) or ``json``.

    >>> from akskit import cluster, plan, pool
    >>> "<td style='padding:2px 10px;text-align:left'>1,581 IPs</td>" in render(
    ...     plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)])), "html")
    True
    """
    if fmt not in FORMATS:
        raise SpecError(f"report format {quote(fmt)} is not known: choose one of {', '.join(FORMATS)}")
    if fmt == "html":
        return _html(plan)
    if fmt == "json":
        data = plan.to_dict()
        data["reverse"] = reverse
        import json  # only the json format needs it: a table-printing command skips the import

        return json.dumps(data, indent=2)
    md = fmt == "markdown"
    t = traits(plan.model)
    out = [("# " if md else "") + f"akskit plan: {t.label} ({plan.model.value}), data plane {plan.dataplane.value}", ""]
    if plan.spec.moment == "create":
        out += [
            "Sized at create time: each pool at its max count (or node count), no upgrade surge, as AKS checks "
            "when it creates the cluster; plan again without --moment create for the room an upgrade needs.",
            "",
        ]
    if reverse:
        c = plan.capacity
        out.append(
            f"Reverse mode: the first pool can grow to {_n(c.max_nodes)} nodes with surge "
            f"({_n(c.max_nodes_no_surge)} without), limited by {c.limited_by}."
        )
        if plan.pod_subnet is not None and plan.pod_subnet.ips_minimum is not None:
            ps = plan.pod_subnet
            out.append(
                f"At that size the pod subnet takes {ps.ips_minimum:,} IPs at node start and "
                f"{ps.ips_required:,} with every pod slot in use."
            )
        out.append("")
    header = ("pool", "os", "nodes", "max count", "max pods", "upgrade", "planned", "node-subnet IPs", "pod-subnet IPs")
    rows = [
        (
            p.name,
            p.os,
            _n(p.nodes),
            _n(p.max_count),
            str(p.max_pods),
            upgrade_setting(p, plan.spec.moment),
            _n(p.planned_nodes),
            _n(p.node_subnet_ips),
            _n(p.pod_subnet_ips) if t.uses_pod_subnet else "-",
        )
        for p in plan.pools
    ]
    out += [("## " if md else "") + "Node pools", *_table(header, rows, md), ""]
    extra = plan.spec
    out.append(
        f"Planned nodes: {plan.planned_nodes:,} (pools at max count + "
        f"{'no surge at create' if extra.moment == 'create' else 'surge'} + {extra.scale_out} scale-out); "
        f"room for {plan.pod_capacity:,} pods in steady state (+{plan.surge_pod_capacity:,} on surge nodes "
        f"during an upgrade); {extra.extra_ips} other node-subnet IPs"
    )
    if plan.route_table_entries is not None:
        out.append(f"Route table: {plan.route_table_entries:,} routes (one per node; a table holds 400)")
    out += ["", *_subnet_lines("Node subnet", plan.node_subnet)]
    if plan.pod_subnet is not None:
        out += _subnet_lines("Pod subnet", plan.pod_subnet)
    if plan.pod_cidr is not None:
        out += _pod_cidr_lines(plan.pod_cidr)
    svc = plan.services
    dns = f"{svc.dns_service_ip}{' (default)' if svc.dns_defaulted else ''}" if svc.dns_available else "none fits"
    out.append(f"Service CIDR: {svc.cidr}{' (default)' if svc.cidr_defaulted else ''}; DNS service IP {dns}")
    if plan.findings:
        out += ["", ("## " if md else "") + "Findings"]
        found = [(f.severity.value, f.code, f.message) for f in plan.findings]
        if md:
            out += _table(("severity", "code", "message"), found, markdown=True)
        else:
            out += [f"  {sev:<7}  {code}: {msg}" for sev, code, msg in found]
    out += ["", _verdict(plan)]
    return "\n".join(out)


def render_comparison(plans: Sequence[Plan], fmt: str = "table") -> str:
    """Render the same workload under several models side by side."""
    if fmt == "json":
        import json  # as in render

        return json.dumps({"models": [p.to_dict() for p in plans]}, indent=2)
    md = fmt == "markdown"
    header = (
        "model",
        "max pods",
        "nodes",
        "node-subnet IPs",
        "node prefix",
        "pod-subnet IPs",
        "pod prefix",
        "pod CIDR /24s",
        "VNet IPs",
        "errors",
    )
    rows = []
    for p in plans:
        pods = sorted({q.max_pods for q in p.pools})
        rows.append(
            (
                p.model.value,
                "/".join(map(str, pods)),
                _n(p.planned_nodes),
                _n(p.node_subnet.ips_required),
                _prefix(p.node_subnet.smallest_prefix),
                "-" if p.pod_subnet is None else _n(p.pod_subnet.ips_required),
                "-" if p.pod_subnet is None else _prefix(p.pod_subnet.smallest_prefix),
                "-" if p.pod_cidr is None else _n(p.pod_cidr.blocks_required),
                _n(p.vnet_ips_required),
                str(len(p.errors)),
            )
        )
    title = ("# " if md else "") + "akskit compare: one workload under every network model"
    return "\n".join([title, "", *_table(header, rows, md)])


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def _subnet_row(name: str, s: SubnetPlan) -> list[str]:
    usable = "-" if s.usable_ips is None else f"{s.usable_ips:,} (headroom {s.headroom:,})"
    return [
        name,
        f"{s.ips_required:,} IPs",
        "none" if s.smallest_prefix is None else f"/{s.smallest_prefix}",
        "not given" if s.cidr is None else str(s.cidr),
        usable,
        _yes_no(s.fits),
        f"{_n(s.max_nodes)} / {_n(s.max_nodes_no_surge)}",
    ]


def _pod_cidr_row(c: PodCidrPlan) -> list[str]:
    given = "not given" if c.cidr is None else f"{c.cidr}{' (AKS default)' if c.defaulted else ''}"
    return [
        "pod CIDR",
        f"{c.blocks_required:,} /24 blocks",
        f"/{c.largest_prefix}",
        given,
        "-" if c.blocks_available is None else f"{c.blocks_available:,} /24 blocks",
        _yes_no(c.fits),
        f"{_n(c.max_nodes)} / {_n(c.max_nodes_no_surge)}",
    ]


def _headline(p: Plan) -> tuple[str, str]:
    """The verdict in a few words, and its colour."""
    if p.fits is False:
        return "does not fit", _VERMILLION
    if not p.valid:
        return "not deployable as planned", _VERMILLION
    if p.fits:
        return "fits", _GREEN
    return "valid (give ranges to check the fit)", _GREEN


def _html(p: Plan) -> str:
    """The plan as a small HTML panel: needs, prefixes, fit, max nodes and findings, every value escaped."""
    import html  # only the HTML panel needs these: the command line's table skips them

    from akskit.engine.tables import html_table

    word, colour = _headline(p)
    label = f"{traits(p.model).label} ({p.model.value}), data plane {p.dataplane.value}"
    rows = [_subnet_row("node subnet", p.node_subnet)]
    if p.pod_subnet is not None:
        rows.append(_subnet_row("pod subnet", p.pod_subnet))
    if p.pod_cidr is not None:
        rows.append(_pod_cidr_row(p.pod_cidr))
    header = ("range", "needs", "smallest prefix", "given", "usable", "fits", "max nodes (with / without surge)")
    s = p.services
    totals = (
        f"Planned nodes: {p.planned_nodes:,} ({'pool' if len(p.pools) == 1 else 'pools'} at max count plus "
        f"{'no surge (sized at create time)' if p.spec.moment == 'create' else 'upgrade surge'}); room for "
        f"{p.pod_capacity:,} pods. Service CIDR {s.cidr}{' (AKS default)' if s.cidr_defaulted else ''}, "
        f"DNS service IP {s.dns_service_ip}{' (AKS default)' if s.dns_defaulted else ''}."
    )
    if p.route_table_entries is not None:
        totals += f" Route table: {p.route_table_entries:,} of {facts.ROUTE_TABLE_LIMIT} routes."
    cap = p.capacity
    capacity = (
        f"Max nodes (reverse mode): {_n(cap.max_nodes)} with upgrade surge, "
        f"{_n(cap.max_nodes_no_surge)} without; limited by {cap.limited_by}."
    )
    items = "".join(
        f"<li><b style='color:{_SEVERITY_COLOURS[f.severity]}'>{html.escape(f.severity.value)}</b> "
        f"<code>{html.escape(f.code)}</code>: {html.escape(f.message)} "
        f"<a href='{html.escape(f.url, quote=True)}' target='_blank' rel='noopener noreferrer'>source</a></li>"
        for f in p.findings
    )
    findings = f"<ul style='margin:4px 0'>{items}</ul>" if items else "<p>No findings.</p>"
    return (
        "<div style='font-size:13px;line-height:1.4'>"
        f"<h3 style='margin:6px 0'>Result: <span style='color:{colour}'>{html.escape(word)}</span> "
        f"<small>{html.escape(label)}</small></h3>"
        f"{html_table(header, rows)}"
        f"<p>{html.escape(totals)}</p><p>{html.escape(capacity)}</p>"
        f"<h4 style='margin:6px 0'>Findings ({len(p.findings)})</h4>{findings}</div>"
    )


def emit(text: str) -> None:
    """Print ``text``, staying quiet when the reader has gone (``akskit plan | head -1``)."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
