"""AKS pricing tiers for cluster management: Free, Standard and Premium, and what each is meant for.

Which tier you pick decides who pays for the control plane on AKS; akskit quotes
no prices (they change), only what each tier includes and the page that says so.

>>> [t.name for t in TIERS]
['Free', 'Standard', 'Premium']
"""

from __future__ import annotations

from dataclasses import dataclass

from akskit.engine import facts
from akskit.engine.markdown import markdown_link
from akskit.engine.tables import Table

__all__ = ["AKS_PRICING_URL", "AKS_TIER_API_URL", "TIERS", "Tier", "tier_table"]

#: The API's text for the tier: "If not specified, the default is 'Free'", and what each tier includes.
AKS_TIER_API_URL = "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-containerservice/managedclusterskutier"
#: Azure's price list for AKS cluster management (the numbers change; akskit quotes none).
AKS_PRICING_URL = "https://azure.microsoft.com/pricing/details/kubernetes-service/"

_LABELS = {facts.PRICING_TIERS_URL: "AKS pricing tiers", AKS_TIER_API_URL: "AKS API: SKU tier"}


@dataclass(frozen=True, slots=True)
class Tier:
    """An AKS pricing tier for cluster management."""

    name: str
    cluster_management: str
    uptime_sla: str
    use_for: str
    source: str


TIERS: tuple[Tier, ...] = (
    Tier(
        "Free",
        "free (you pay for the VMs, storage and networking you use)",
        "none (the Uptime SLA comes with Standard and Premium)",
        f"learning, experiments and clusters with fewer than {facts.FREE_TIER_NODES_BELOW} nodes; the default when no "
        "tier is given",
        AKS_TIER_API_URL,
    ),
    Tier(
        "Standard",
        "a charge per cluster, on top of the VMs, storage and networking",
        "99.95% for the API server with availability zones, 99.9% without",
        f"production; up to {facts.MAX_NODES_PER_CLUSTER:,} nodes; AKS Automatic clusters use it",
        facts.PRICING_TIERS_URL,
    ),
    Tier(
        "Premium",
        "a charge per cluster, on top of the VMs, storage and networking",
        "as Standard",
        "production that needs long-term support of one Kubernetes version",
        facts.PRICING_TIERS_URL,
    ),
)


def tier_table() -> Table:
    """The AKS pricing tiers for cluster management.

    >>> [row[0] for row in tier_table().rows]
    ['Free', 'Standard', 'Premium']
    """
    rows = [
        (t.name, t.cluster_management, t.uptime_sla, t.use_for, markdown_link(t.source, _LABELS[t.source]))
        for t in TIERS
    ]
    header = ("tier", "cluster management", "Uptime SLA", "meant for", "source")
    price_list = markdown_link(AKS_PRICING_URL, "Azure's price list")
    return Table(header, rows, caption=f"Prices change: see {price_list}.")
