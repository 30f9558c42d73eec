"""akskit's pre-flight rules beside Azure Policy for AKS, which evaluates resources in Azure; from Microsoft's pages."""

from __future__ import annotations

from akskit.engine.tables import Table

__all__ = ["policy_tools_table"]

#: Azure Policy for AKS, from Microsoft's pages (each row's source is in its last column).
AZURE_POLICY_URL = "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes"
AKS_POLICY_BUILTINS_URL = "https://learn.microsoft.com/en-us/azure/aks/policy-reference"
AKS_POLICY_KINDS_URL = (
    "https://learn.microsoft.com/en-us/training/modules/aks-governance-azure-policy/4-built-in-policies-for-aks"
)
AZURE_POLICY_EFFECTS_URL = "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/effect-basics"
AZ_POLICY_ASSIGNMENT_URL = "https://learn.microsoft.com/en-us/cli/azure/policy/assignment"

#: (question, akskit's pre-flight checks, Azure Policy for AKS, source of the Azure Policy column).
_POLICY_TOOLS: tuple[tuple[str, str, str, str], ...] = (
    (
        "where it runs",
        "on your laptop or in CI, in Python",
        "in Azure (the Azure Policy service); workload rules also inside the cluster, through the "
        "Azure Policy add-on (Gatekeeper)",
        AZURE_POLICY_URL,
    ),
    (
        "when it runs",
        "before you deploy: the cluster does not exist yet",
        "when a resource is created or changed, and in compliance scans of what already exists "
        "(the add-on checks for new assignments and scans the cluster every 15 minutes)",
        AZURE_POLICY_URL,
    ),
    (
        "what it looks at",
        "the whole plan at once: pools, surge, max count, subnets and ranges, with the IP arithmetic",
        "the settings of an Azure resource such as the AKS cluster (cluster policies), or the Kubernetes "
        "objects sent to the cluster, such as pods (workload policies)",
        AKS_POLICY_KINDS_URL,
    ),
    (
        "what it can do",
        "report pass or fail with the reason and the page behind the rule; it changes nothing",
        "audit (mark non-compliant), deny (refuse the request), or deploy or modify settings",
        AZURE_POLICY_EFFECTS_URL,
    ),
    (
        "examples",
        "subnet-surge-headroom, autoscaler-max-count-planned, service-cidr-outside-vnet",
        "built-in definitions such as 'Authorized IP ranges should be defined on Kubernetes Services' "
        "(cluster) and 'Kubernetes cluster should not allow privileged containers' (workload)",
        AKS_POLICY_BUILTINS_URL,
    ),
)


def policy_tools_table() -> Table:
    """akskit's pre-flight checks beside Azure Policy for AKS: where, when, what each looks at and can do.

    >>> t = policy_tools_table()
    >>> t.header[1:3], t.rows[0][0]
    (("akskit's pre-flight checks", 'Azure Policy for AKS'), 'where it runs')
    """
    return Table(
        ("", "akskit's pre-flight checks", "Azure Policy for AKS", "source (Azure Policy)"),
        _POLICY_TOOLS,
        caption="Two kinds of policy: akskit checks a plan before you deploy; "
        "Azure Policy evaluates resources in Azure",
    )
