"""Strict CIDR parsing and the sizing helpers, including the boundary bug classes."""

from __future__ import annotations

from ipaddress import IPv4Network

import pytest

from akskit import CidrError, largest_pod_cidr_prefix, parse_address, parse_network, smallest_subnet_prefix, usable_ips
from akskit.engine.cidr import forbidden_overlap, pod_cidr_blocks


class TestSmallestSubnetPrefix:
    """The two bugs other calculators have: exact fits and Azure's 5 reserved addresses."""

    @pytest.mark.parametrize(
        ("ips", "prefix"),
        [(0, 29), (1, 29), (3, 29), (4, 28), (11, 28), (12, 27), (251, 24), (507, 23), (1019, 22), (1020, 21)],
    )
    def test_exact_fit_uses_that_prefix(self, ips: int, prefix: int) -> None:
        """A need that exactly fills a prefix's usable addresses gets that prefix."""
        assert smallest_subnet_prefix(ips) == prefix

    @pytest.mark.parametrize("ips", [252, 253, 254, 255, 256])
    def test_252_to_256_need_a_slash_23(self, ips: int) -> None:
        """252-256 IPs overflow a /24's 251 usable addresses."""
        assert smallest_subnet_prefix(ips) == 23

    def test_largest_subnet_is_slash_2(self) -> None:
        """Azure's largest subnet is a /2; beyond it nothing fits."""
        assert smallest_subnet_prefix(2**30 - 5) == 2
        assert smallest_subnet_prefix(2**30 - 4) is None


class TestParseNetwork:
    """parse_network is strict, IPv4-only, and its errors help."""

    def test_host_bits_name_the_network(self) -> None:
        """Host bits set: the message names the masked network."""
        with pytest.raises(CidrError, match=r"'10\.224\.0\.1/16' has host bits set.*did you mean 10\.224\.0\.0/16\?"):
            parse_network("10.224.0.1/16", "node subnet")

    def test_ipv6_is_a_clear_error(self) -> None:
        """IPv6 is refused with a reason, not a traceback from ipaddress."""
        with pytest.raises(CidrError, match="IPv6"):
            parse_network("fd12:3456:789a::/64")

    def test_error_does_not_chain(self) -> None:
        """The ipaddress error is suppressed (from None), as CPython's ipaddress does."""
        with pytest.raises(CidrError) as info:
            parse_network("10.0.0.256/24")
        assert info.value.__cause__ is None
        assert info.value.__suppress_context__

    def test_is_a_value_error(self) -> None:
        """Every akskit error is a ValueError."""
        with pytest.raises(ValueError, match="no prefix length"):
            parse_network("10.0.0.0")

    def test_whitespace_is_trimmed(self) -> None:
        """Surrounding spaces (from a text box) are fine."""
        assert parse_network(" 10.0.0.0/24 ") == IPv4Network("10.0.0.0/24")

    def test_address_with_prefix_is_refused(self) -> None:
        """A DNS IP with a prefix length gets a hint."""
        with pytest.raises(CidrError, match="without a prefix length"):
            parse_address("10.0.0.10/32")


class TestHelpers:
    """Small helpers the planner builds on."""

    def test_usable_ips_never_negative(self) -> None:
        """A /30 or /32 has no usable addresses, not a negative count."""
        assert usable_ips(30) == 0
        assert usable_ips(32) == 0

    @pytest.mark.parametrize(("blocks", "prefix"), [(0, 24), (1, 24), (2, 23), (256, 16), (257, 15), (5000, 11)])
    def test_largest_pod_cidr_prefix(self, blocks: int, prefix: int) -> None:
        """24 - ceil(log2(blocks)), with one block needing a /24."""
        assert largest_pod_cidr_prefix(blocks) == prefix
        assert pod_cidr_blocks(IPv4Network(f"10.0.0.0/{prefix}")) >= blocks

    def test_pod_cidr_smaller_than_slash_24_holds_no_block(self) -> None:
        """A /25 pod CIDR cannot hold one per-node /24."""
        assert pod_cidr_blocks(IPv4Network("10.0.0.0/25")) == 0

    @pytest.mark.parametrize(
        ("cidr", "hit"),
        [("172.16.0.0/12", "172.30.0.0/16"), ("169.254.10.0/24", "169.254.0.0/16"), ("192.0.0.0/16", "192.0.2.0/24")],
    )
    def test_forbidden_by_overlap_not_equality(self, cidr: str, hit: str) -> None:
        """Forbidden ranges are matched by overlap, so supernets and subnets are caught."""
        assert forbidden_overlap(IPv4Network(cidr)) == IPv4Network(hit)

    def test_ordinary_range_is_not_forbidden(self) -> None:
        """10.244.0.0/16 overlaps no reserved range."""
        assert forbidden_overlap(IPv4Network("10.244.0.0/16")) is None


class TestConsistentParsing:
    """Issue 7: netmask forms refused with the prefix to write; ASCII digits only; text quoted escaped."""

    @pytest.mark.parametrize(
        ("text", "fix"),
        [
            ("10.0.0.0/255.255.255.0", "write /24 (10.0.0.0/24)"),
            ("10.0.0.0/0.0.0.255", "write /24 (10.0.0.0/24)"),
            ("172.16.0.0/255.240.0.0", "write /12 (172.16.0.0/12)"),
            ("10.0.0.0/255.0.255.0", "write a prefix length 0-32 such as 10.0.0.0/24"),
        ],
    )
    def test_netmask_is_refused_with_the_prefix(self, text: str, fix: str) -> None:
        """A dotted mask after the slash is refused, naming the prefix length it means."""
        with pytest.raises(CidrError, match="netmask") as info:
            parse_network(text, "node subnet")
        assert fix in str(info.value)

    @pytest.mark.parametrize("text", ["١٠.0.0.0/8", "10.0.0.0/١٦", "10.0.0.0/１６"])
    def test_non_ascii_digits_are_refused(self, text: str) -> None:
        """Digits are ASCII only, in CIDRs as in counts."""
        with pytest.raises(CidrError, match="not a valid CIDR"):
            parse_network(text)

    def test_5000_digit_prefix_is_a_short_message(self) -> None:
        """A prefix past Python's digit limit is refused in one short line."""
        with pytest.raises(CidrError) as info:
            parse_network("10.0.0.0/" + "9" * 5000)
        assert len(str(info.value)) < 300
        assert "..." in str(info.value)

    def test_escapes_are_quoted(self) -> None:
        """A newline or terminal escape in the text comes out escaped, on one line."""
        with pytest.raises(CidrError) as info:
            parse_network("10.0.0.0/8\n\x1b[31m", "VNet")
        assert "\n" not in str(info.value)
        assert "\\x1b" in str(info.value)

    @pytest.mark.parametrize("value", [None, 5, b"10.0.0.0/8", ["10.0.0.0/8"]])
    def test_non_text_is_refused(self, value: object) -> None:
        """Only text or an IPv4Network: anything else is a CidrError naming the type."""
        with pytest.raises(CidrError, match=type(value).__name__):
            parse_network(value)  # type: ignore[arg-type]
