"""Where Microsoft's own pages contradict each other, each side with its source, and what akskit does.

The data is the project fact sheet's list of contradictions (section 11 of
``shared/reference/aks-networking.md``); every claim carries the URL of the
page that makes it, so a learner can read both sides.

>>> c = contradiction("overlay-pods-per-cluster")
>>> [claim.says for claim in c.claims]
['200,000 pods per cluster', '250,000 pods per cluster']
>>> c.claims[0].source.url
'https://learn.microsoft.com/en-us/azure/aks/best-practices-performance-scale-large'
"""

from __future__ import annotations

from dataclasses import dataclass

from akskit.engine import facts
from akskit.engine.errors import SpecError, quote
from akskit.engine.markdown import markdown_link
from akskit.engine.tables import Table

__all__ = [
    "CONTRADICTIONS",
    "FLAT_SNAT_QUOTES",
    "Claim",
    "Contradiction",
    "Source",
    "contradiction",
    "contradictions_table",
]


@dataclass(frozen=True, slots=True)
class Source:
    """A page that states something: a short name for tables, and its address."""

    name: str
    url: str

    def markdown(self) -> str:
        """The source as a Markdown link, such as ``[IP planning](https://...)``."""
        return markdown_link(self.url, self.name)


# Pages the contradictions cite (fact-sheet key in the comment). Those akskit.engine.facts
# already names are reused from there.
_VNET_FAQ = Source("virtual network FAQ", facts.VNET_FAQ_URL)  # VNETFAQ
_KUBENET = Source("configure kubenet", facts.KUBENET_URL)  # KUBENET
_OVERLAY = Source("overlay concepts", facts.OVERLAY_URL)  # OVLC
_OVERLAY_2024 = Source(
    "overlay page, 2024 version",
    "https://github.com/MicrosoftDocs/azure-aks-docs/blob/ead1d23560a8f3588aebfcda5363395570e54f44/"
    "articles/aks/azure-cni-overlay.md",
)  # H-OVL-2024
_IP_PLANNING = Source("IP address planning", facts.IP_PLANNING_URL)  # IPPLAN
_DYNAMIC = Source("dynamic IP allocation", facts.DYNAMIC_URL)  # DYN
_NAP = Source(
    "node auto-provisioning", "https://learn.microsoft.com/en-us/azure/aks/node-auto-provisioning-aksnodeclass"
)
_QUOTAS_INCLUDE = Source(
    "AKS limits include", "https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/container-service-limits.md"
)  # QUOTAINC
_CNI_OVERVIEW_2024 = Source(
    "Azure CNI overview, 2024 version",
    "https://github.com/MicrosoftDocs/azure-aks-docs/blob/ba2dcc0efcf97a69fb10395fd28a6ee0946818f9/"
    "articles/aks/azure-cni-overview.md",
)  # H-CNIOV-2024
_ROLLING = Source("rolling node pool upgrades", facts.ROLLING_UPGRADE_URL)  # ROLL
_SLB = Source("Standard load balancer", "https://learn.microsoft.com/en-us/azure/aks/configure-load-balancer-standard")
_API_SURGE_OLD = Source(
    "older SDK reference",
    "https://learn.microsoft.com/en-us/javascript/api/@azure-rest/arm-containerservice/agentpoolupgradesettingsoutput",
)  # API-SURGE-OLD
_LARGE = Source("large-cluster best practices", facts.LARGE_CLUSTERS_URL)  # LARGE
_UPGRADE_OPTIONS = Source("upgrade options", facts.UPGRADE_OPTIONS_URL)  # UPOPT
_API_SURGE = Source(
    "current API reference",
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.azure.commands.aks.neworupdateagentpoolbase.maxsurge",
)  # API-SURGE
_RELEASE_2023_02 = Source("AKS release notes, Feb 2023", "https://github.com/Azure/AKS/pull/3491")  # RN-2023-02
_PLAN_POD = Source("plan pod networking", facts.PLAN_POD_NETWORKING_URL)  # PLANPOD
_STATIC = Source("static block allocation", facts.STATIC_BLOCK_URL)  # SBLOCK
_OVERLAY_HOWTO = Source("overlay how-to", "https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay")  # OVL
_SPEC_DEFAULT = Source("REST API spec change", "https://github.com/Azure/azure-rest-api-specs/pull/30845")  # SPEC-NP
_TRAINING = Source(
    "Learn training module",
    "https://learn.microsoft.com/training/modules/choose-network-plugin-aks/2-identify-plugin-options",
)  # TRAIN
_CLI_HELP = Source(
    "az aks create help",
    "https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/acs/_help.py",
)  # CLIHELP
_UPDATE_CNI = Source("update Azure CNI", facts.UPGRADE_CNI_URL)  # UPDCNI
_CHANGELOG_OVERLAY = Source("AKS changelog", "https://github.com/Azure/AKS/pull/4760")  # RN-OVLDEF
_NET_CONCEPTS = Source("networking concepts", "https://learn.microsoft.com/en-us/azure/aks/concepts-network")  # NETCON
_LEGACY = Source("legacy CNI concepts", facts.LEGACY_CNI_URL)  # LEGACY
_CNI_OVERVIEW = Source("CNI overview", facts.CNI_OVERVIEW_URL)  # CNIOV
_UPGRADE_CAPACITY = Source(
    "upgrade capacity planning", "https://learn.microsoft.com/en-us/azure/aks/upgrade-capacity-cost-planning"
)  # UPCAP
_API_ALLOCATION = Source(
    "PodIPAllocationMode reference",
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.azure.management.containerservice.models.podipallocationmode",
)  # API-PIAM


#: What each page says of flat-network egress, word for word (azure-aks-docs
#: articles/aks/concepts-network.md, "Azure virtual networks"; concepts-network-cni-overview.md,
#: "Flat networks", both read at ms.date 2024). Both omit that Node Subnet pods leave the VNet as the node IP.
FLAT_SNAT_QUOTES = {
    "networking concepts": "Any traffic leaving your clusters isn't SNAT'd, and the pod IP address is directly "
    "exposed to the destination",
    "CNI overview": "This means that traffic leaving your clusters is not SNAT'd, and the pod IP address is directly "
    "exposed to the destination",
}


@dataclass(frozen=True, slots=True)
class Claim:
    """What one page (or group of pages) says."""

    says: str
    sources: tuple[Source, ...]

    @property
    def source(self) -> Source:
        """The first source making the claim."""
        return self.sources[0]

    def markdown(self) -> str:
        """The claim followed by its sources as Markdown links."""
        return f"{self.says} ({', '.join(s.markdown() for s in self.sources)})"


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A question Microsoft's pages answer in two or more ways.

    Attributes:
        key: a stable kebab-case name, such as ``overlay-pods-per-cluster``.
        topic: the question, in a few words.
        claims: each answer with the pages that give it (at least two).
        akskit_uses: what akskit does about it.
    """

    key: str
    topic: str
    claims: tuple[Claim, ...]
    akskit_uses: str


def _c(key: str, topic: str, claims: tuple[tuple[str, tuple[Source, ...]], ...], uses: str) -> Contradiction:
    return Contradiction(key, topic, tuple(Claim(says, sources) for says, sources in claims), uses)


#: The fact sheet's contradictions (section 11), in its order.
CONTRADICTIONS: tuple[Contradiction, ...] = (
    _c(
        "reserved-addresses",
        "Addresses Azure reserves in a subnet",
        (
            ('"the first three" (yet 251 usable in a /24)', (_KUBENET, _OVERLAY_2024)),
            ("five: the first four and the last", (_VNET_FAQ, _OVERLAY)),
        ),
        "5, so a /24 has 251 usable (the 251 both sides quote)",
    ),
    _c(
        "pod-subnet-default-max-pods",
        "Default max pods, Azure CNI Pod Subnet (dynamic)",
        (("110", (_IP_PLANNING,)), ("250", (_DYNAMIC,)), ("30 for node auto-provisioning", (_NAP,))),
        "250, and a finding says the default is disputed: set max pods yourself",
    ),
    _c(
        "portal-default-max-pods",
        "Default max pods in the Azure portal",
        (
            ("kubenet 30, Azure CNI 30", (_QUOTAS_INCLUDE,)),
            ("kubenet 110, Azure CNI 110", (_CNI_OVERVIEW_2024,)),
        ),
        "the CLI and ARM defaults (kubenet 110, Azure CNI Node Subnet 30)",
    ),
    _c(
        "default-max-surge",
        "Default max surge of a node pool",
        (
            ("1 node", (_ROLLING, _SLB, _API_SURGE_OLD)),
            ("10%", (_LARGE, _UPGRADE_OPTIONS, _API_SURGE)),
            ("10% for node pools created from Kubernetes 1.27 on", (_RELEASE_2023_02,)),
        ),
        f"{facts.DEFAULT_MAX_SURGE_PERCENT}% rounded up; max surge 'legacy' gives 1 node",
    ),
    _c(
        "overlay-pods-per-cluster",
        "Pods per cluster, Azure CNI Overlay",
        (("200,000 pods per cluster", (_LARGE,)), ("250,000 pods per cluster", (_PLAN_POD,))),
        "informs above 200,000 pod slots, warns above 250,000",
    ),
    _c(
        "flat-pods-per-cluster",
        "Pods per cluster, dynamic Pod Subnet and Node Subnet",
        (
            ("64,000 IPs", (_PLAN_POD,)),
            ("65K pods (an Azure address mapping limit)", (_STATIC,)),
            ("50,000 application pods", (_LARGE,)),
        ),
        "informs above the lowest figure and warns above the highest (Node Subnet: warns above 64,000)",
    ),
    _c(
        "default-network-plugin",
        "Network plugin when none is given",
        (
            ("Azure CNI Overlay (Kubernetes 1.30 and later)", (_OVERLAY_HOWTO, _SPEC_DEFAULT)),
            ('"By default, AKS clusters use kubenet"', (_TRAINING,)),
            ('--pod-cidr described as "when kubenet is used"', (_CLI_HELP,)),
        ),
        "Azure CNI Overlay (the default model of akskit.cluster)",
    ),
    _c(
        "overlay-pod-cidr-overlap",
        "What an overlay pod CIDR must not overlap",
        (
            ("any VNet address space of the node pools", (_UPDATE_CNI,)),
            ("only the subnets in the VNet", (_CHANGELOG_OVERLAY,)),
        ),
        "an error for overlap with a subnet, a warning for overlap with the VNet",
    ),
    _c(
        "flat-network-snat",
        "Is traffic from a flat-network pod SNAT'd?",
        (
            (f'"{FLAT_SNAT_QUOTES["networking concepts"]}"', (_NET_CONCEPTS,)),
            (f'flat networks: "{FLAT_SNAT_QUOTES["CNI overview"]}"', (_CNI_OVERVIEW,)),
            ("Node Subnet: node IP outside the cluster's VNet (ip-masq-agent)", (_LEGACY,)),
        ),
        "per model and destination (akskit.course.traffic.source_ip_table)",
    ),
    _c(
        "max-pods-changeable",
        "Can max pods change on an existing pool?",
        (
            ("no: add a new node pool", (_IP_PLANNING,)),
            (
                '"Reduce maxPods per node" on an existing pool: az aks nodepool update --max-pods 50',
                (_UPGRADE_CAPACITY,),
            ),
        ),
        "plans as if max pods is fixed when the pool is created",
    ),
    _c(
        "static-blocks-per-node",
        "Static /28 blocks per node",
        (
            ('"Number of CIDR blocks >= (maxPods / 16)"', (_API_ALLOCATION,)),
            ("examples: max pods 30, 31, 32 take 2, 2, 3 blocks, i.e. (max pods + 1) / 16 rounded up", (_STATIC,)),
        ),
        "(max pods + 1) / 16 rounded up, which matches all three examples",
    ),
)

_BY_KEY = {c.key: c for c in CONTRADICTIONS}


def contradiction(key: str) -> Contradiction:
    """The contradiction named ``key`` (see :data:`CONTRADICTIONS` for the keys).

    >>> contradiction("default-max-surge").topic
    'Default max surge of a node pool'
    """
    if key not in _BY_KEY:
        raise SpecError(f"contradiction {quote(key)} is not known: choose one of {', '.join(_BY_KEY)}")
    return _BY_KEY[key]


def contradictions_table(keys: tuple[str, ...] | None = None) -> Table:
    """The contradictions as a table: topic, each side with its linked sources, what akskit does.

    >>> contradictions_table(("overlay-pods-per-cluster",)).rows[0][0]
    'Pods per cluster, Azure CNI Overlay'
    """
    chosen = CONTRADICTIONS if keys is None else tuple(contradiction(k) for k in keys)
    rows = [(c.topic, "; versus ".join(claim.markdown() for claim in c.claims), c.akskit_uses) for c in chosen]
    return Table(
        ("question", "what Microsoft's pages say", "what akskit does"),
        rows,
        caption="Where Microsoft's pages contradict each other",
    )
