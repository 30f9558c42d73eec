"""Explain a plan's findings in plain words: what was found, what it means, the fix, the page, the error avoided.

A :class:`~akskit.engine.findings.Finding` message is written for someone who knows the
rules; :func:`explain` adds, for each finding, what the rule is for, and splits
the message into what akskit saw and what to do about it.

>>> from akskit import cluster, plan, pool
>>> p = plan(cluster("kubenet", [pool("system", 3, max_pods=30, max_surge=1), pool("win", 2, os="windows",
...     max_pods=30, max_surge=1)], node_subnet="10.224.0.0/24", peers=["10.0.0.0/16"]))
>>> [e.code for e in explanations(p)]
['kubenet-windows', 'service-cidr-overlap', 'kubenet-retirement']
>>> print(explanations(p)[1].fix)
move the service CIDR (--service-cidr) to 10.1.0.0/16 and the DNS service IP (--dns-service-ip) to 10.1.0.10
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from akskit.engine.findings import Finding, Severity
from akskit.engine.markdown import markdown_link
from akskit.engine.plans import plan as make_plan
from akskit.engine.results import Plan
from akskit.engine.spec import ClusterSpec
from akskit.engine.tables import Table

__all__ = ["MEANINGS", "Explanation", "explain", "explanations", "split_message"]

#: What each finding code means, in plain words, and a fix for when the message carries none.
MEANINGS: dict[str, tuple[str, str]] = {
    "cilium-unsupported-model": (
        "Cilium is a data plane for Azure CNI; kubenet and bring-your-own-CNI clusters cannot run it.",
        "choose an Azure CNI model, or data plane azure",
    ),
    "kubenet-retirement": (
        "kubenet works today, but AKS stops supporting it on the retirement date: a new cluster on it "
        "is a migration waiting to happen.",
        "plan new clusters on Azure CNI Overlay",
    ),
    "max-pods-out-of-range": (
        "Each node reserves room for its max pods, and AKS accepts max pods only within a fixed range.",
        "set max pods inside the accepted range",
    ),
    "pool-pod-room": (
        "AKS wants every pool to have room for a minimum number of pods; a low max pods on few nodes falls short.",
        "add nodes or raise max pods",
    ),
    "pool-node-limit": (
        "A node pool is one VM scale set, and a scale set has a hard size limit; upgrade surge nodes count too.",
        "split the pool, or lower max count or surge",
    ),
    "reserved-label-prefix": (
        "AKS sets labels under its own prefixes on every node and refuses a node pool that sets one of them itself.",
        "move the label under a prefix of your own",
    ),
    "surge-zero": (
        "With no surge, an upgrade takes nodes away before new ones arrive, so the pool runs short while it upgrades.",
        "keep a surge if the subnet has room",
    ),
    "max-unavailable-system-pool": (
        "Max unavailable upgrades nodes in place by draining them without a replacement; AKS does not allow "
        "that on a system pool, which runs the cluster's own services.",
        "upgrade the system pool with a max surge, and keep max unavailable for user pools",
    ),
    "blue-green-max-unavailable": (
        "A blue-green upgrade builds a second copy of the pool and moves work across; it has no in-place "
        "step, so max unavailable has no meaning there and AKS refuses it.",
        "drop max unavailable, or upgrade the pool rolling",
    ),
    "static-block-waste": (
        "Static block allocation hands each node whole blocks of 16 addresses; a max pods that does not fill "
        "them leaves addresses reserved but never used.",
        "set max pods to a multiple of 16, minus 1",
    ),
    "kubenet-windows": (
        "kubenet has no Windows support: a Windows node pool cannot join a kubenet cluster.",
        "choose a model that supports Windows pools",
    ),
    "cilium-windows": (
        "Cilium runs only on Linux nodes, so a cluster with a Windows pool cannot use the Cilium data plane.",
        "use data plane azure, or another cluster for Windows",
    ),
    "windows-unconfirmed": (
        "Microsoft's pages do not say whether this model runs Windows nodes: a Windows pool on it is a gamble.",
        "choose a model documented for Windows",
    ),
    "windows-max-pods": (
        "Windows nodes run fewer pods well than Linux nodes; Microsoft recommends a lower max pods for them.",
        "lower the Windows pool's max pods",
    ),
    "pool-count-limit": ("AKS caps the number of node pools in one cluster.", "merge pools"),
    "cluster-node-limit": (
        "AKS caps the nodes of one cluster, across every pool, with surge and growth.",
        "split the workload across clusters",
    ),
    "kubenet-node-limit": (
        "kubenet writes one route per node, and one Azure route table holds a limited number of routes.",
        "use Azure CNI Overlay",
    ),
    "pods-per-cluster": (
        "Microsoft documents a ceiling on pods per cluster for this model (its pages disagree on the figure); "
        "above it you are in untested territory.",
        "stay under the lowest documented figure",
    ),
    "no-prefix-fits": (
        "Even the largest subnet Azure allows is too small for what the plan needs.",
        "cut nodes or max pods",
    ),
    "pod-cidr-too-small": (
        "kubenet and overlay give every node a whole /24 of the pod CIDR; when the /24s run out, new nodes, "
        "upgrade surge nodes included, cannot start.",
        "use a larger pod CIDR",
    ),
    "subnet-size-invalid": ("Azure subnets have a smallest and a largest size; this one is outside them.", "resize it"),
    "node-subnet-too-small": (
        "Every node takes an address in the node subnet (with flat Azure CNI, every pod slot too), and so do "
        "private endpoints and internal load balancers; when the addresses run out, scaling and upgrades fail.",
        "use a larger node subnet",
    ),
    "pod-subnet-too-small": (
        "Pods take their addresses from the pod subnet; when it is full, new nodes get no pod addresses.",
        "use a larger pod subnet",
    ),
    "static-pod-subnet-too-large": (
        "Static block allocation accepts a pod subnet only up to a maximum size.",
        "use a smaller pod subnet",
    ),
    "default-surge-contradiction": (
        "Max surge was left unset, and Microsoft's pages disagree on the default, so the plan assumes the larger one.",
        "set max surge on every pool",
    ),
    "default-max-pods": (
        "Max pods was left unset; its default depends on the model (and, for some models, on the page you read).",
        "set max pods on every pool",
    ),
    "cidr-not-used": (
        "This model never uses the range you gave: it has no effect, which usually means the model or the range "
        "is not what you meant.",
        "drop the range or change the model",
    ),
    "reserved-range-overlap": (
        "AKS keeps a few ranges for its own use and rejects any cluster range that touches them.",
        "pick a range clear of AKS's reserved ranges",
    ),
    "vnet-range-not-allowed": (
        "Azure forbids some ranges in any virtual network: multicast, broadcast, loopback, link-local and its "
        "own DNS address.",
        "pick another private range",
    ),
    "service-cidr-too-large": (
        "The service range must hold fewer addresses than a /12; a /16 already holds 65,536 services.",
        "use a /16 or smaller",
    ),
    "dns-ip-outside-service-cidr": (
        "Cluster DNS is itself a Kubernetes service, so its address must come from the service range.",
        "pick the DNS IP inside the service CIDR (the .10 address by convention)",
    ),
    "dns-ip-no-address": (
        "The DNS service IP must sit inside the service range on an address nothing else takes; "
        "a range of one or two addresses has none left.",
        "use a larger service range",
    ),
    "no-linux-system-pool": (
        "Every AKS cluster needs a Linux system pool for its core pods, and the first pool becomes that system pool.",
        "list a Linux pool first",
    ),
    "no-node-fits": (
        "An upgrade adds surge nodes before it removes old ones; a range with room for the nodes but not for "
        "their surge holds a cluster that can never be upgraded.",
        "use a larger range or lower max pods",
    ),
    "dynamic-ip-max-count": (
        "Dynamic allocation grows a node's share of the pod subnet in batches as pods start, so the plan counts "
        "the share with every pod slot in use; the agent's own cap per node is not documented against max pods.",
        "plan the documented rule and watch pod subnet use",
    ),
    "dns-ip-reserved": (
        "Some addresses of the service range are spoken for; the first one goes to the Kubernetes API service.",
        "use the .10 address of the service range",
    ),
    "subnet-outside-vnet": ("A subnet is carved out of its VNet's address space; it cannot sit outside it.", "move it"),
    "service-cidr-overlap": (
        "Service addresses are virtual and exist only inside the cluster: where a subnet, a peered network or "
        "on-premises uses the same addresses, the nodes can take traffic meant for those machines as service "
        "traffic, and it never arrives.",
        "move the service CIDR to an unused range",
    ),
    "pod-cidr-overlap": (
        "Pod addresses must be unique on every path a packet takes: if a subnet or a peered network uses the "
        "same addresses, replies go to the wrong place.",
        "move the pod CIDR to an unused range",
    ),
    "subnet-overlap": ("The node subnet and the pod subnet must be separate parts of the VNet.", "separate them"),
    "peer-overlap": (
        "Networks routed to each other (the cluster's subnets, peered VNets, on-premises) must not share addresses, "
        "or packets cannot tell them apart.",
        "move the overlapping range",
    ),
    "service-cidr-overlaps-vnet": (
        "AKS accepts a service range inside the VNet while no subnet uses it, but any subnet created there later "
        "clashes with the cluster's services.",
        "move the service CIDR outside the VNet",
    ),
    "pod-cidr-overlaps-vnet": (
        "The pod CIDR sits inside the VNet's address space; Microsoft's pages disagree on whether overlay allows "
        "that, so keep them apart.",
        "move the pod CIDR outside the VNet",
    ),
    "pod-cidr-unsupported-range": (
        "AKS supports pod CIDRs from private ranges only; public ranges work but Microsoft will not support them.",
        "use a private range",
    ),
}

#: Words that start a fix in akskit's finding messages ("...; use a /21 or larger").
_FIX_VERBS = frozenset(
    {"use", "move", "set", "pick", "plan", "split", "lower", "choose", "drop", "migrate", "keep", "stay"}
    | {"merge", "check", "cut", "add"}
)
_BOUNDARY = re.compile(r"[;:] ")
_NOUNS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@dataclass(frozen=True, slots=True)
class Explanation:
    """One finding, explained.

    Attributes:
        code: the finding's code.
        severity: error, warning or info.
        found: what akskit saw, with the values (the message without its fix).
        meaning: what the rule is for, in plain words.
        fix: what to do (from the message when it has one, else a general fix).
        url: the Microsoft page that states the rule.
        prevents: the AKS error it heads off, if known.
    """

    code: str
    severity: Severity
    found: str
    meaning: str
    fix: str
    url: str
    prevents: str | None


def split_message(message: str) -> tuple[str, str]:
    """Split a finding message into (what was found, the fix); the fix is ``""`` when there is none.

    >>> split_message("service CIDR 10.0.0.0/16 overlaps peered range 10.0.0.0/16: each range must be "
    ...               "distinct; move the service CIDR (--service-cidr) to 10.1.0.0/16")[1]
    'move the service CIDR (--service-cidr) to 10.1.0.0/16'
    """
    for boundary in _BOUNDARY.finditer(message):
        rest = message[boundary.end() :]
        if rest.split(" ", 1)[0] in _FIX_VERBS:
            return message[: boundary.start()], rest
    return message, ""


def _explain(finding: Finding) -> Explanation:
    found, fix = split_message(finding.message)
    meaning, general_fix = MEANINGS.get(finding.code, ("", ""))
    return Explanation(
        code=finding.code,
        severity=finding.severity,
        found=found,
        meaning=meaning or found,
        fix=fix or general_fix or "see the linked page",
        url=finding.url,
        prevents=finding.prevents,
    )


def explanations(plan: Plan | ClusterSpec) -> tuple[Explanation, ...]:
    """Every finding of ``plan`` (planned first if a spec is given), explained, errors first.

    >>> from akskit import cluster, pool
    >>> explanations(cluster("overlay", [pool("system", 3, max_pods=30, max_surge=0)]))[0].fix
    "keep a surge (33% is Microsoft's production advice) if the subnet has room"
    """
    planned = make_plan(plan) if isinstance(plan, ClusterSpec) else plan
    return tuple(_explain(f) for f in planned.findings)


def explain(plan: Plan | ClusterSpec) -> Table:
    """A table of ``plan``'s findings: severity, what was found, what it means, the fix, the page, the error avoided.

    A plan with no findings gives one row saying so.

    >>> from akskit import cluster, pool
    >>> explain(cluster("overlay", [pool("system", 3, max_pods=30, max_surge=1)])).rows[0][1]
    'no findings'
    """
    found = explanations(plan)
    header = ("severity", "what akskit found", "what it means", "fix", "docs", "AKS error it prevents")
    if not found:
        return Table(header, [("-", "no findings", "the plan passes every check akskit makes", "-", "-", "-")])
    counts = {_NOUNS[s]: sum(e.severity is s for e in found) for s in Severity}
    caption = ", ".join(f"{n} {noun}{'s' if n != 1 else ''}" for noun, n in counts.items() if n)
    rows = [(e.severity.value, e.found, e.meaning, e.fix, markdown_link(e.url), e.prevents or "-") for e in found]
    return Table(header, rows, caption=caption)
