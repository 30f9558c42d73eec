"""Azure and AKS facts that the planner uses, each next to its source.

Every number here traces to the project's fact sheet
(``shared/reference/aks-networking.md``) and to the Microsoft page named in
the comment beside it. The ``*_URL`` constants are the pages that findings
link to.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network

# Source pages ---------------------------------------------------------------
VNET_FAQ_URL = "https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq"
IP_PLANNING_URL = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning"
KUBENET_URL = "https://learn.microsoft.com/en-us/azure/aks/configure-kubenet"
LEGACY_CNI_URL = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni"
OVERLAY_URL = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay"
POD_SUBNET_URL = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-pod-subnet"
DYNAMIC_URL = "https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation"
STATIC_BLOCK_URL = "https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation"
CILIUM_URL = "https://learn.microsoft.com/en-us/azure/aks/azure-cni-powered-by-cilium"
BYO_CNI_URL = "https://learn.microsoft.com/en-us/azure/aks/use-byo-cni"
CNI_OVERVIEW_URL = "https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview"
NODE_AUTOPROVISION_URL = "https://learn.microsoft.com/en-us/azure/aks/node-autoprovision"
API_SERVER_VNET_URL = "https://learn.microsoft.com/en-us/azure/aks/api-server-vnet-integration"
DUAL_STACK_URL = "https://learn.microsoft.com/en-us/azure/aks/configure-dual-stack"
PLAN_POD_NETWORKING_URL = "https://learn.microsoft.com/en-us/azure/aks/plan-pod-networking"
QUOTAS_URL = "https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions"
ROLLING_UPGRADE_URL = "https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling"
UPGRADE_OPTIONS_URL = "https://learn.microsoft.com/en-us/azure/aks/upgrade-options"
#: "blue-green upgrades require double the node capacity during the upgrade process"
BLUE_GREEN_URL = "https://learn.microsoft.com/en-us/azure/aks/blue-green-node-pool-upgrade"
LARGE_CLUSTERS_URL = "https://learn.microsoft.com/en-us/azure/aks/best-practices-performance-scale-large"
SERVICE_CIDR_CLARIFICATION_URL = "https://github.com/MicrosoftDocs/azure-docs/issues/13444"
KUBENET_RETIREMENT_URL = "https://github.com/Azure/AKS/issues/4859"
NODE_POOLS_URL = "https://learn.microsoft.com/en-us/azure/aks/create-node-pools"
UPGRADE_CNI_URL = "https://learn.microsoft.com/en-us/azure/aks/update-azure-cni"
SYSTEM_POOLS_URL = "https://learn.microsoft.com/en-us/azure/aks/use-system-pools"
#: "The following prefixes are AKS reserved prefixes and can't be used for any node:
#: kubernetes.azure.com/, kubernetes.io/" (Use labels, "Reserved prefixes").
USE_LABELS_URL = "https://learn.microsoft.com/en-us/azure/aks/use-labels"
RESERVED_LABEL_PREFIXES = ("kubernetes.azure.com/", "kubernetes.io/")
#: AKS Free, Standard and Premium pricing tiers for cluster management.
PRICING_TIERS_URL = "https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers"
#: The AKS API's pod IP allocation modes: dynamic for a pod subnet of "/16 or smaller", static block "/15 or bigger".
POD_IP_ALLOCATION_API_URL = "https://learn.microsoft.com/en-us/dotnet/api/microsoft.azure.management.containerservice.models.podipallocationmode"
#: Release notes, February 2023: max surge default 1 -> 10 % for new node pools from Kubernetes 1.27.
SURGE_DEFAULT_CHANGE_URL = "https://github.com/Azure/AKS/pull/3491"
# Azure CNS (the agent that hands out dynamic pod-subnet IPs): implementation docs and code, not product docs.
CNS_IPAM_MATH_URL = (
    "https://github.com/Azure/azure-container-networking/blob/master/docs/feature/ipammath/1-ipam-math.md"
)
CNS_IPAM_BACKGROUND_URL = (
    "https://github.com/Azure/azure-container-networking/blob/master/docs/feature/ipammath/0-background.md"
)
CNS_IPAM_MONITOR_URL = "https://github.com/Azure/azure-container-networking/blob/master/cns/ipampool/v2/monitor.go"

# Azure virtual networks ------------------------------------------------------
#: Addresses Azure keeps in every subnet: network, .1 gateway, .2 and .3 DNS, broadcast.
AZURE_RESERVED_IPS = 5  # VNET_FAQ_URL ("first four and last"); /24 -> 251 also in OVERLAY_URL
#: Smallest and largest IPv4 subnet prefix Azure allows.
SMALLEST_SUBNET_PREFIX = 29  # VNET_FAQ_URL
LARGEST_SUBNET_PREFIX = 2  # VNET_FAQ_URL
#: Routes one user-defined route table holds: kubenet needs one per node.
ROUTE_TABLE_LIMIT = 400  # KUBENET_URL

# Ranges AKS never accepts for the service range, pod range or cluster VNet.
FORBIDDEN_RANGES: tuple[IPv4Network, ...] = tuple(
    IPv4Network(n) for n in ("169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24")
)  # CNI_OVERVIEW_URL table "Reserved CIDR range"; KUBENET_URL; LEGACY_CNI_URL; BYO_CNI_URL
#: Ranges no Azure VNet may use: multicast, broadcast, loopback, link-local, Azure's internal DNS.
VNET_FORBIDDEN_RANGES: tuple[IPv4Network, ...] = tuple(
    IPv4Network(n) for n in ("224.0.0.0/4", "255.255.255.255/32", "127.0.0.0/8", "169.254.0.0/16", "168.63.129.16/32")
)  # VNET_FAQ_URL ("Are there any restrictions on using IP addresses within these address blocks?")
#: Ranges AKS supports for a pod CIDR: RFC 1918 and RFC 6598 (public ranges work, unsupported).
SUPPORTED_POD_CIDR_RANGES: tuple[IPv4Network, ...] = tuple(
    IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
)  # OVERLAY_URL "Pod CIDR"

# Defaults that AKS fills in when a CIDR is left out ---------------------------
DEFAULT_POD_CIDR = IPv4Network("10.244.0.0/16")  # KUBENET_URL parameters; azure-cni-overlay how-to
DEFAULT_SERVICE_CIDR = IPv4Network("10.0.0.0/16")  # KUBENET_URL
DEFAULT_DNS_SERVICE_IP = IPv4Address("10.0.0.10")  # KUBENET_URL ("the .10 address")
#: The DNS service IP must be inside the service range but not its first address (the
#: kubernetes service takes it); akskit also refuses the network and broadcast addresses
#: (no page covers them). The convention is the .10 address.
DNS_SERVICE_IP_CONVENTION_OFFSET = 10  # KUBENET_URL ("the .10 address"); IP_PLANNING_URL; BYO_CNI_URL
#: The service CIDR must hold fewer addresses than a /12, so its prefix is at least /13.
SMALLEST_SERVICE_PREFIX_ALLOWED = 13  # IP_PLANNING_URL "smaller than /12"; SERVICE_CIDR_CLARIFICATION_URL
#: kubenet and Azure CNI Overlay carve one /24 per node out of the pod CIDR.
POD_CIDR_BLOCK_PREFIX = 24  # KUBENET_URL; OVERLAY_URL; IP_PLANNING_URL


# Max pods per node --------------------------------------------------------------
MAX_PODS_LOWEST = 10  # IP_PLANNING_URL
MAX_PODS_HIGHEST = 250  # IP_PLANNING_URL; OVERLAY_URL; QUOTAS_URL
#: Max pods below 30 is allowed only if every pool has room for 30 pods.
MIN_PODS_PER_POOL = 30  # IP_PLANNING_URL ("maxPods 10 => pool of at least 3 nodes")
WINDOWS_MAX_PODS_RECOMMENDED = 110  # QUOTAS_URL; OVERLAY_URL

# Pod subnet IP allocation --------------------------------------------------------
#: Dynamic allocation hands each node IPs in batches of 16: 16 at node start (the floor per node).
DYNAMIC_BATCH_IPS = 16  # DYNAMIC_URL; POD_SUBNET_URL; CNS_IPAM_BACKGROUND_URL
#: ... and another batch whenever fewer than 8 are unallocated, so with every pod slot in use a
#: node holds 16 x ceil((max pods + 8) / 16) (25 or 30 max pods -> 48; CNS_IPAM_MATH_URL's example).
DYNAMIC_MIN_FREE_IPS = 8  # DYNAMIC_URL; POD_SUBNET_URL; CNS_IPAM_BACKGROUND_URL
#: CNS never requests more than the node's MaxIPCount, itself at most 250; whether MaxIPCount
#: equals max pods is not documented, so akskit plans the documented rule above.
CNS_MAX_IP_COUNT = 250  # CNS_IPAM_MONITOR_URL; CNS_IPAM_MATH_URL
#: Static block allocation hands each node /28 blocks; one IP of them is the node's own.
STATIC_BLOCK_IPS = 16  # STATIC_BLOCK_URL; POD_SUBNET_URL
#: A static-block pod subnet may be at most a /12.
STATIC_POD_SUBNET_LARGEST_PREFIX = 12  # STATIC_BLOCK_URL
#: Dynamic allocation suits a pod subnet of /16 or smaller; static block allocation one of /15 or bigger.
DYNAMIC_POD_SUBNET_LARGEST_PREFIX = 16  # POD_IP_ALLOCATION_API_URL ("/16 or smaller")
STATIC_POD_SUBNET_SUITED_PREFIX = 15  # POD_IP_ALLOCATION_API_URL ("/15 or bigger")
#: Node Subnet and dynamic Pod Subnet: "Limitation of 64,000 IPs" per cluster.
FLAT_IP_LIMIT = 64_000  # PLAN_POD_NETWORKING_URL
#: Pods per cluster above which Microsoft points to static block allocation (dynamic Pod Subnet: 65K pods).
LARGE_POD_COUNT = 65_000  # STATIC_BLOCK_URL
#: Pods per cluster with static block allocation.
STATIC_BLOCK_MAX_PODS_PER_CLUSTER = 1_000_000  # STATIC_BLOCK_URL

# Scale limits ------------------------------------------------------------------
MAX_NODES_PER_POOL = 1000  # QUOTAS_URL (VMSS); surge counts too, ROLLING_UPGRADE_URL
MAX_NODES_PER_CLUSTER = 5000  # QUOTAS_URL; LARGE_CLUSTERS_URL
MAX_POOLS_PER_CLUSTER = 100  # QUOTAS_URL
#: The Free tier is meant for clusters with fewer than this many nodes.
FREE_TIER_NODES_BELOW = 10  # PRICING_TIERS_URL; the SKU tier API page
KUBENET_MAX_NODES = ROUTE_TABLE_LIMIT  # KUBENET_URL: one route per node, 400 routes per table

# Upgrade surge -----------------------------------------------------------------
#: Default max surge: 10 % rounded up. Microsoft's pages disagree (1 node in ROLLING_UPGRADE_URL;
#: 10 % in LARGE_CLUSTERS_URL and UPGRADE_OPTIONS_URL); "for new node pools from Kubernetes 1.27"
#: is SURGE_DEFAULT_CHANGE_URL's wording, not those pages'.
DEFAULT_MAX_SURGE_PERCENT = 10  # UPGRADE_OPTIONS_URL; LARGE_CLUSTERS_URL; SURGE_DEFAULT_CHANGE_URL
LEGACY_MAX_SURGE_NODES = 1  # ROLLING_UPGRADE_URL
#: Microsoft's advice for production node pools.
PRODUCTION_MAX_SURGE = "33%"  # ROLLING_UPGRADE_URL ("For production node pools, we recommend ... 33%")

# Node pool names: lowercase letters and digits, starting with a letter; 1-12 characters
# for Linux pools, 1-6 for Windows pools.
POOL_NAME_MAX_LINUX = 12  # NODE_POOLS_URL ("Limitations")
POOL_NAME_MAX_WINDOWS = 6  # NODE_POOLS_URL ("Limitations")

# Dates -------------------------------------------------------------------------
KUBENET_RETIREMENT = "March 31, 2028"  # KUBENET_RETIREMENT_URL; CNI_OVERVIEW_URL
