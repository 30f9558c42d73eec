"""akskit explain: AKS error texts published by users and Microsoft, explained in numbers.

Every golden text below is quoted from the page or issue named beside it. The expected
numbers come from the text itself and from Microsoft's rules (a subnet loses 5 addresses:
/24 -> 251; overlay and kubenet give each node a /24 of the pod CIDR), worked by hand.
"""

from __future__ import annotations

import io
import json
import time

import pytest

from akskit.cli import main
from akskit.engine.aks_errors import KNOWN_CODES, MAX_INPUT_BYTES, explain_error

# https://github.com/Azure/AKS-Construction/issues/701 (overlay pod CIDR; the JSON string as pasted)
OVERLAY_POD_CIDR = (
    '"{\\r\\n  \\"code\\": \\"InsufficientSubnetSize\\",\\r\\n  \\"details\\": null,\\r\\n  \\"message\\": '
    '\\"Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.240.100.0/22, Subnet Name '
    "networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this "
    "total (which means that pre-allocated IPs count represents a theoretical max value, not the actual number of "
    'IPs requested). http://aka.ms/aks/insufficientsubnetsize\\",\\r\\n  \\"subcode\\": \\"\\",\\r\\n  '
    '\\"target\\": \\"networkProfile.podCIDR\\"\\r\\n}"'
)
# https://github.com/Azure/AKS/issues/3653 (Azure CNI node subnet, adding a pool)
NODE_SUBNET = (
    "Failed to add node pool 'windev' to Kubernetes service 'JNuamanAKSCluster'. Error: Pre-allocated IPs 255 "
    "exceeds IPs available 251 in Subnet Cidr 10.10.0.0/24, Subnet Name AKS. http://aka.ms/aks/insufficientsubnetsize"
)
# https://github.com/Azure/AKS/issues/456 (the older form: 10 nodes, Azure CNI, default 30 max pods, a /24)
OLD_FORM = "Pre-allocated IPs 310 exceeds IPs available in Subnet 251"
# No published text found for the pod-subnet target; this is the AKS-Construction #701 form with the
# agentPoolProfile.podSubnetID target that issue 10 names (constructed, not quoted).
POD_SUBNET = (
    "Pre-allocated IPs 600 exceeds IPs available 251 in Subnet Cidr 10.241.0.0/24, Subnet Name "
    "agentPoolProfile.podSubnetID. http://aka.ms/aks/insufficientsubnetsize"
)
# https://github.com/Azure/AKS/issues/2531 (autoscaler scale-up, kubenet; the subnet name is mangled in the issue)
SCALE_FULL = (
    'Failed to increase capacity for scale set "aks-hugememory-35177555-vmss" to 30: Subnet '
    "sn-[autoscaler.log](https://github.com/Azure/AKS/files/7092704/autoscaler.log)-dev with address prefix "
    "10.133.123.0/26 does not have enough capacity for 30 IP addresses."
)
# The upgrade form of https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/error-codes/subnetisfull-error
# (MicrosoftDocs/SupportArticles-docs error-codes/subnetisfull-error.md) with the subnet and count of
# https://github.com/Azure/AKS/issues/2119 (192.168.1.0/24, 101 IP addresses).
UPGRADE_FULL = (
    "Failed to scale node pool 'nodepool1' in Kubernetes service 'aks'. Error: VMSSAgentPoolReconciler retry "
    "failed: Code='SubnetIsFull' Message='aks-subnet with address prefix 192.168.1.0/24 doesn't have enough "
    "capacity for 101 IP addresses.' Details=[]"
)
# https://github.com/Azure-Samples/graphrag-accelerator/issues/211
VNET_OVERLAP = (
    '{"code":"NetworkProfileCIDROverlapVNET","target":"/subscriptions/xxx-xxx/resourceGroups/rg_graphrag/providers/'
    'Microsoft.ContainerService/managedClusters/aks-graphrag","message":"NetworkProfile CIDR 10.244.0.0/16 '
    'overlaps with reserved VNET CIDR 10.0.0.0/8"}'
)
# https://github.com/Azure/AKS/issues/1970, in the Code/Message/Target layout of
# https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/error-codes/servicecidroverlapexistingsubnetscidr-error
SERVICE_OVERLAP = (
    "(ServiceCidrOverlapExistingSubnetsCidr) The specified service CIDR 10.0.0.0/16 is conflicted with an existing "
    "subnet CIDR 10.0.0.0/20\nCode: ServiceCidrOverlapExistingSubnetsCidr\nMessage: The specified service CIDR "
    "10.0.0.0/16 is conflicted with an existing subnet CIDR 10.0.0.0/20\nTarget: networkProfile.serviceCIDR"
)
# https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/error-codes/dnsserviceipoutofservicecidr-error
DNS_OUT = (
    "(DnsServiceIpOutOfServiceCidr) The DNS service IP 10.0.0.10 is out of the range defined by service CIDR "
    "10.200.0.0/16."
)
# https://github.com/MicrosoftDocs/azure-docs/issues/69774
DELEGATED = (
    '"error": {\n"code": "SubnetIsDelegated",\n"message": "AgentPoolProfile.VnetSubnetID /subscriptions/*/subnets/test '
    "cannot be used as it's a delegated subnet. Please check https://aka.ms/adv-network-prerequest for more "
    'details."'
)
# https://github.com/Azure/AKS/issues/506
CIDR_PARSE = (
    "Failure sending request: StatusCode=0 -- Original Error: autorest/azure: Service returned an error. Status=400 "
    'Code="CidrStringParseError" Message="Cidr is invalid" Target="networkProfile.serviceCIDR"'
)

TROUBLESHOOT = "https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    return run(capsys, "explain", *argv)


class TestInsufficientSubnetSize:
    """InsufficientSubnetSize: node subnet, overlay pod CIDR, pod subnet, the older form."""

    def test_overlay_pod_cidr(self) -> None:
        """1,280 = 5 nodes x 256 (a /24 each); a /22 holds 4 /24s; 5 /24s need a /21 (8)."""
        e = explain_error(OVERLAY_POD_CIDR)
        assert e.code == "InsufficientSubnetSize"
        assert e.recognized
        assert e.values["requested"] == 1280
        assert e.values["available"] == 1024
        assert e.values["cidr"] == "10.240.100.0/22"
        assert e.values["subnet_name"] == "networkProfile.podCIDR"
        assert e.values["nodes_counted"] == 5
        assert e.fix["range"] == "pod CIDR"
        assert e.fix["prefix"] == "/21"
        assert "--pod-cidr" in e.fix["az"]
        assert "4 per-node /24s" in e.cause
        assert "max count" in e.cause
        assert e.url == f"{TROUBLESHOOT}/connectivity/insufficientsubnetsize-error-advanced-networking"

    def test_node_subnet(self) -> None:
        """A /24 has 251 usable (Microsoft's figure, matching the text); 255 needs a /23 (507)."""
        e = explain_error(NODE_SUBNET)
        assert e.values["usable_ips"] == 251 == e.values["available"]
        assert e.values["subnet_name"] == "AKS"
        assert e.values["requested"] == 255
        assert e.fix == {"range": "node subnet", "prefix": "/23", "az": e.fix["az"]}
        assert "--vnet-subnet-id" in e.fix["az"]
        assert "az aks nodepool add" in e.fix["az"]
        assert "'10.10.0.0/24'" in e.cause
        assert "4 too many" in e.cause

    def test_old_form_reads_as_nodes_times_max_pods(self) -> None:
        """AKS #456: 10 nodes x (30 max pods + 1) = 310; 310 > 251 needs a /23."""
        e = explain_error(OLD_FORM)
        assert e.values["requested"] == 310
        assert e.values["available"] == 251
        assert "10 nodes x (30 max pods + 1)" in e.values["readings"]
        assert e.fix["prefix"] == "/23"

    def test_pod_subnet(self) -> None:
        """The pod-subnet target: the fix names --pod-subnet-id; 600 needs a /22 (1,019)."""
        e = explain_error(POD_SUBNET)
        assert e.values["range"] == "pod subnet"
        assert e.fix["range"] == "pod subnet"
        assert e.fix["prefix"] == "/22"
        assert "--pod-subnet-id" in e.fix["az"]


class TestSubnetIsFull:
    """SubnetIsFull: the scale form and the upgrade form."""

    def test_scale_form(self) -> None:
        """A /26 has 59 usable; 59 + 30 = 89 need at least a /25 (123)."""
        e = explain_error(SCALE_FULL)
        assert e.code == "SubnetIsFull"
        assert e.values["cidr"] == "10.133.123.0/26"
        assert e.values["requested"] == 30
        assert e.values["usable_ips"] == 59
        assert e.values["operation"] == "scale"
        assert e.fix["prefix"] == "/25"
        assert "--max-count" in e.fix["az"]
        assert e.url == f"{TROUBLESHOOT}/error-codes/subnetisfull-error"

    def test_upgrade_form(self) -> None:
        """251 + 101 = 352 need at least a /23; the fix speaks of surge."""
        e = explain_error(UPGRADE_FULL)
        assert e.values["subnet_name"] == "aks-subnet"
        assert e.values["operation"] == "upgrade"
        assert e.values["needed_at_least"] == 352
        assert e.fix["prefix"] == "/23"
        assert "--max-surge" in e.fix["az"]
        assert "surge" in e.cause

    def test_doc_template_without_count(self) -> None:
        """Microsoft's sample gives no count: recognised, no prefix invented."""
        e = explain_error(
            "VMSSAgentPoolReconciler retry failed: Code='SubnetIsFull' Message='aks-subnet with address prefix "
            "10.240.0.0/16 doesn't have enough capacity for IP addresses.' Details=[]"
        )
        assert e.code == "SubnetIsFull"
        assert "requested" not in e.values
        assert "prefix" not in e.fix


class TestOverlapsAndDns:
    """NetworkProfileCIDROverlapVNET, ServiceCidrOverlapExistingSubnetsCidr, DnsServiceIpOutOfServiceCidr."""

    def test_vnet_overlap_default_pod_cidr(self) -> None:
        """10.244.0.0/16 (the default pod CIDR) lies inside 10.0.0.0/8: a /16 outside it is 172.16.0.0/16."""
        e = explain_error(VNET_OVERLAP)
        assert e.code == "NetworkProfileCIDROverlapVNET"
        assert e.values == {"cidr": "10.244.0.0/16", "vnet_cidr": "10.0.0.0/8", "free_range": "172.16.0.0/16"}
        assert e.fix["range"] == "pod CIDR"
        assert e.fix["cidr"] == "172.16.0.0/16"
        assert e.fix["az"].startswith("--pod-cidr")
        assert "default pod CIDR" in e.cause

    def test_service_overlap(self) -> None:
        """10.0.0.0/16 vs 10.0.0.0/20: 10.1.0.0/16 is clear, its DNS IP 10.1.0.10."""
        e = explain_error(SERVICE_OVERLAP)
        assert e.code == "ServiceCidrOverlapExistingSubnetsCidr"
        assert e.values["service_cidr"] == "10.0.0.0/16"
        assert e.values["subnet_cidr"] == "10.0.0.0/20"
        assert e.fix["cidr"] == "10.1.0.0/16"
        assert "--dns-service-ip 10.1.0.10" in e.fix["az"]
        assert e.url == f"{TROUBLESHOOT}/error-codes/servicecidroverlapexistingsubnetscidr-error"

    def test_dns_out_of_range(self) -> None:
        """10.0.0.10 is outside 10.200.0.0/16: use 10.200.0.10 (the .10 convention)."""
        e = explain_error(DNS_OUT)
        assert e.code == "DnsServiceIpOutOfServiceCidr"
        assert e.values["suggested_dns_service_ip"] == "10.200.0.10"
        assert e.fix["cidr"] == "10.200.0.10"
        assert "--dns-service-ip 10.200.0.10" in e.fix["az"]
        assert "10.200.0.0 to 10.200.255.255" in e.cause


class TestDelegatedAndParse:
    """SubnetIsDelegated and the CIDR parse error."""

    def test_delegated(self) -> None:
        e = explain_error(DELEGATED)
        assert e.code == "SubnetIsDelegated"
        assert e.values == {"subnet_id": "/subscriptions/*/subnets/test", "subnet_name": "test"}
        assert "--remove delegations 0" in e.fix["az"]
        assert e.url == f"{TROUBLESHOOT}/error-codes/subnetisdelegated-error"

    def test_cidr_parse(self) -> None:
        e = explain_error(CIDR_PARSE)
        assert e.code == "CidrStringParseError"
        assert e.values == {"target": "networkProfile.serviceCIDR"}
        assert e.fix["az"].startswith("--service-cidr")

    def test_code_without_numbers(self) -> None:
        """A known code alone is recognised, with no values and its page."""
        e = explain_error("Code: SubnetIsDelegated")
        assert e.recognized
        assert e.code == "SubnetIsDelegated"
        assert e.values == {}


class TestCli:
    """akskit explain through akskit.cli.main: JSON shape, exit codes, standard input."""

    def test_json_shape(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "explain", NODE_SUBNET, "--format", "json")
        assert code == 0
        assert err == ""
        data = json.loads(out)
        assert set(data) == {"code", "recognized", "values", "cause", "fix", "url"}
        assert data["code"] == "InsufficientSubnetSize"
        assert data["recognized"] is True
        assert {"range", "prefix", "az"} <= set(data["fix"])

    @pytest.mark.parametrize(
        "text",
        [
            OVERLAY_POD_CIDR,
            NODE_SUBNET,
            OLD_FORM,
            SCALE_FULL,
            UPGRADE_FULL,
            VNET_OVERLAP,
            SERVICE_OVERLAP,
            DNS_OUT,
            DELEGATED,
            CIDR_PARSE,
        ],
    )
    def test_every_golden_exits_0_with_a_page(self, capsys: pytest.CaptureFixture[str], text: str) -> None:
        code, out, _ = run(capsys, "explain", "--format", "json", "--", text)
        data = json.loads(out)
        assert code == 0
        assert data["url"].startswith("https://learn.microsoft.com/")
        assert data["code"] in KNOWN_CODES
        assert data["fix"]["az"]

    def test_unrecognised_is_exit_1_listing_codes(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "explain", "QuotaExceeded: not enough cores")
        assert code == 1
        assert all(c in out for c in KNOWN_CODES)
        code, out, _ = run(capsys, "explain", "--format", "json", "nope")
        data = json.loads(out)
        assert code == 1
        assert data["recognized"] is False
        assert data["code"] is None
        assert data["known_codes"] == list(KNOWN_CODES)

    def test_stdin(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        code, out, _ = run_stdin(capsys, monkeypatch, DNS_OUT.encode(), "--format", "json")
        assert code == 0
        assert json.loads(out)["fix"]["cidr"] == "10.200.0.10"

    @pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
    def test_empty_is_exit_2(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes
    ) -> None:
        code, out, err = run_stdin(capsys, monkeypatch, data)
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1
        assert "empty" in err

    def test_empty_argument_is_exit_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "explain", "  ")
        assert code == 2
        assert "empty" in err


class TestHostile:
    """Huge, binary and escape-laden input: exit 2 or a quoted answer, never a traceback or a slow regex."""

    def test_huge_stdin(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        code, out, err = run_stdin(capsys, monkeypatch, b"x" * (MAX_INPUT_BYTES + 1))
        assert code == 2
        assert out == ""
        assert "65,536 bytes" in err
        assert err.count("\n") == 1

    def test_huge_argument(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "explain", "y" * (MAX_INPUT_BYTES + 1))
        assert code == 2
        assert "65,536 bytes" in err

    def test_binary(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        code, _, err = run_stdin(capsys, monkeypatch, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        assert code == 2
        assert "binary" in err
        assert "\x00" not in err

    def test_invalid_utf8_is_read(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        code, _, _ = run_stdin(capsys, monkeypatch, b"\xff\xfe " + DNS_OUT.encode())
        assert code == 0

    def test_escapes_are_quoted(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A terminal escape in the subnet ID comes out as \\x1b, never raw."""
        text = "AgentPoolProfile.VnetSubnetID /subnets/ev\x1b[31mil cannot be used as it's a delegated subnet"
        code, out, _ = run(capsys, "explain", text)
        assert code == 0
        assert "\x1b" not in out
        assert "\\x1b" in out

    @pytest.mark.parametrize(
        "text",
        [
            "a" * (MAX_INPUT_BYTES - 40) + " with address prefix",
            "Pre-allocated IPs " * 3000,
            "9" * 60000 + " Pre-allocated IPs 1 exceeds IPs available in Subnet 1",
            "Cidr " * 10000 + "CidrStringParseError",
            "delegated subnet " + "/" * 60000,
            "Subnet Name " * 5000,
        ],
    )
    def test_pathological_text_is_fast(self, text: str) -> None:
        start = time.perf_counter()
        explain_error(text)
        assert time.perf_counter() - start < 1.0

    def test_values_never_hold_unbounded_text(self) -> None:
        e = explain_error("Pre-allocated IPs 99999999999999999999 exceeds IPs available in Subnet 251")
        assert not e.recognized or e.values.get("requested", 0) < 10**12
