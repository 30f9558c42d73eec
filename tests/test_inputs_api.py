"""The public API validates its arguments and raises akskit's own errors, naming the argument.

Issue 7: ``cluster(None)`` planned bring-your-own CNI while a spec's ``null``
planned overlay; ``cluster(pools=["a"])``, ``cluster(peers=5)``,
``spec_from_mapping(None)``, ``spec.with_pool(5, ...)`` raised raw
``AttributeError``/``TypeError``/``IndexError``; ``Surge(-5, False)`` planned -2 nodes.
"""

from __future__ import annotations

import time
from ipaddress import IPv4Network
from pathlib import Path
from typing import Any

import pytest

import akskit
from akskit import cluster, plan, pool, spec_from_mapping
from akskit.course import (
    architecture,
    carve,
    comparison,
    contradictions,
    curves,
    policy,
    recommender,
    reservation,
    scenario,
    traffic,
    upgrade,
    usage,
)
from akskit.engine.errors import AksKitError, SpecError, SpecTypeError, quote
from akskit.engine.models import NetworkModel
from akskit.engine.numbers import LARGEST_COUNT, whole_number
from akskit.engine.spec import MOST_POOLS, ClusterSpec, NodePool, require_spec
from akskit.engine.surge import Surge, parse_surge


class TestNoneMeansDefault:
    """None is "not given" everywhere, as null is in a spec file."""

    def test_cluster_none_is_overlay_like_a_spec_null(self) -> None:
        """cluster(None) and {"plugin": null} plan the same model: AKS's default, overlay."""
        assert cluster(None).model is NetworkModel.OVERLAY
        assert spec_from_mapping({"plugin": None}).model is cluster(None).model

    def test_cluster_pools_none_is_the_default_pool(self) -> None:
        """pools=None gives one default pool, as a spec without pools does."""
        assert len(cluster(pools=None).pools) == 1


def _raises(call: Any, kind: type[Exception], *texts: str) -> str:
    with pytest.raises(kind) as info:
        call()
    message = str(info.value)
    assert isinstance(info.value, AksKitError)
    assert "\n" not in message
    for text in texts:
        assert text in message, message
    return message


class TestArgumentsAreValidated:
    """Each reproducer from the issue raises an AksKitError subclass that names the argument."""

    @pytest.mark.parametrize(
        ("call", "kind", "texts"),
        [
            pytest.param(lambda: cluster(pools=["a"]), SpecTypeError, ("pools[0]", "'a'", "NodePool"), id="pools-str"),
            pytest.param(lambda: cluster(pools="a"), SpecTypeError, ("pools", "'a'"), id="pools-string"),
            pytest.param(lambda: cluster(pools=5), SpecTypeError, ("pools", "5"), id="pools-int"),
            pytest.param(lambda: cluster(peers=5), SpecTypeError, ("peers", "5"), id="peers-int"),
            pytest.param(lambda: cluster(peers=[5]), SpecTypeError, ("peered range", "5"), id="peers-int-item"),
            pytest.param(lambda: cluster(model=5), SpecTypeError, ("model", "5"), id="model-int"),
            pytest.param(lambda: cluster(node_subnet=5), SpecTypeError, ("node subnet", "5"), id="subnet-int"),
            pytest.param(lambda: cluster(scale_out=2.5), SpecTypeError, ("scale-out", "2.5"), id="scale-out-float"),
            pytest.param(lambda: cluster(extra_ips=10**5000), SpecError, ("extra node-subnet IPs",), id="huge-int"),
            pytest.param(lambda: spec_from_mapping(None), SpecTypeError, ("spec", "None"), id="mapping-none"),
            pytest.param(lambda: spec_from_mapping([1]), SpecTypeError, ("spec", "[1]"), id="mapping-list"),
            pytest.param(lambda: spec_from_mapping({1: 2}), SpecTypeError, ("keys", "1"), id="mapping-int-key"),
            pytest.param(lambda: cluster().with_pool(5, nodes=1), SpecError, ("index 5", "1 pool"), id="with-pool-5"),
            pytest.param(lambda: cluster().with_pool("0"), SpecTypeError, ("index", "'0'"), id="with-pool-str"),
            pytest.param(lambda: cluster().with_pool(0, colour=1), SpecTypeError, ("'colour'",), id="with-pool-key"),
            pytest.param(lambda: cluster().with_pool(0, nodes=-1), SpecError, ("nodes", "-1"), id="with-pool-neg"),
            pytest.param(lambda: Surge(-5, False), SpecError, ("max surge node count", "-5"), id="surge-negative"),
            pytest.param(lambda: Surge(150, True), SpecError, ("0% to 100%", "150"), id="surge-150-percent"),
            pytest.param(lambda: Surge("1", False), SpecTypeError, ("'1'",), id="surge-str"),
            pytest.param(lambda: Surge(10**5000, False), SpecError, ("digits",), id="surge-huge"),
            pytest.param(lambda: parse_surge(None), SpecTypeError, ("max surge", "None"), id="parse-surge-none"),
            pytest.param(lambda: parse_surge(2.5), SpecTypeError, ("max surge", "2.5"), id="parse-surge-float"),
            pytest.param(lambda: pool(None), SpecTypeError, ("name", "None"), id="pool-name-none"),
            pytest.param(lambda: pool("a", nodes=[3]), SpecTypeError, ("nodes", "[3]"), id="pool-nodes-list"),
            pytest.param(lambda: NodePool("a", nodes="3"), SpecTypeError, ("nodes", "'3'"), id="nodepool-nodes-str"),
            pytest.param(
                lambda: ClusterSpec(node_subnet="10.0.0.0/24"),  # type: ignore[arg-type]
                SpecTypeError,
                ("node_subnet", "'10.0.0.0/24'", "akskit.cluster"),
                id="clusterspec-subnet-str",
            ),
            pytest.param(
                lambda: ClusterSpec(peers=("10.0.0.0/8",)),  # type: ignore[arg-type]
                SpecTypeError,
                ("peers", "'10.0.0.0/8'"),
                id="clusterspec-peer-str",
            ),
            pytest.param(lambda: ClusterSpec(pools=("a",)), SpecTypeError, ("pools[0]",), id="clusterspec-pools-str"),
            pytest.param(lambda: ClusterSpec(model="overlay"), SpecTypeError, ("model",), id="clusterspec-model-str"),
            pytest.param(lambda: require_spec(None, "plan's spec"), SpecTypeError, ("plan's spec", "None"), id="none"),
            pytest.param(lambda: require_spec({}, "plan's spec"), SpecTypeError, ("spec_from_mapping",), id="dict"),
        ],
    )
    def test_reproducer(self, call: Any, kind: type[Exception], texts: tuple[str, ...]) -> None:
        """Raises akskit's own error (a ValueError; a TypeError too for wrong types) quoting the argument."""
        _raises(call, kind, *texts)

    def test_spec_type_error_is_exported(self) -> None:
        """SpecTypeError is importable from akskit itself and listed in __all__."""
        assert akskit.SpecTypeError is SpecTypeError
        assert "SpecTypeError" in akskit.__all__

    def test_type_errors_are_also_type_error(self) -> None:
        """SpecTypeError is both a TypeError and an AksKitError (a ValueError): either except clause works."""
        assert issubclass(SpecTypeError, TypeError)
        assert issubclass(SpecTypeError, ValueError)

    def test_with_pool_parses_text_like_pool(self) -> None:
        """with_pool(0, nodes="7", max_surge="33%") reads text as pool() does."""
        spec = cluster(pools=[pool("sys", 3)]).with_pool(0, nodes="7", max_surge="33%")
        assert (spec.pools[0].nodes, str(spec.pools[0].surge)) == (7, "33%")

    def test_surge_never_plans_negative_nodes(self) -> None:
        """Surge(-5, False) used to plan -2 nodes; every Surge that exists adds 0 or more."""
        assert parse_surge(0).nodes(3) == 0
        with pytest.raises(SpecError):
            Surge(-5, False)


class TestPlanNeedsASpec:
    """plan(None) and plan({}) name the argument (needs plans.plan to call require_spec)."""

    @pytest.mark.parametrize("value", [None, {}, "overlay"])
    def test_plan_refuses_non_spec(self, value: object) -> None:
        """plan() of anything but a ClusterSpec raises SpecTypeError, not AttributeError."""
        _raises(lambda: plan(value), SpecTypeError, "spec", quote(value))  # type: ignore[arg-type]


class TestScale:
    """Big inputs are refused early or handled in linear time."""

    def test_100000_pools_refused_before_building(self) -> None:
        """A 100,000-pool mapping is refused from its length (AKS allows 100 per cluster)."""
        data = {"pools": [{"name": "p"}] * 100_000}
        start = time.perf_counter()
        _raises(lambda: spec_from_mapping(data), SpecError, "100,000 node pools", "100 per cluster")
        assert time.perf_counter() - start < 5  # generous: measured in benchmarks/bench.py

    def test_pool_iterator_is_not_drained(self) -> None:
        """cluster() stops reading an endless pool iterable after MOST_POOLS + 1 items."""

        def endless() -> Any:
            while True:
                yield pool("a")

        _raises(lambda: cluster(pools=endless()), SpecError, f"more than {MOST_POOLS:,}")

    def test_duplicate_names_found_in_many_pools(self) -> None:
        """Duplicate detection names each repeated name once."""
        pools = [pool(f"p{i}") for i in range(MOST_POOLS - 1)] + [pool("p1")]
        _raises(lambda: cluster(pools=pools), SpecError, "'p1' twice")


class TestWholeNumber:
    """akskit.engine.numbers.whole_number: the one place counts are parsed."""

    @pytest.mark.parametrize("text", ["١٢", "１２", "12.0", "1e3", "", " ", "0x10", "--1", "1 2", "⁵"])
    def test_refuses_non_ascii_and_non_integers(self, text: str) -> None:
        """Only ASCII digits with an optional sign and , or _ between groups."""
        _raises(lambda: whole_number(text, "--nodes"), SpecError, "--nodes", "from 0 to")

    @pytest.mark.parametrize(("text", "value"), [("12", 12), (" 1,200 ", 1200), ("1_000", 1000), ("+3", 3), ("007", 7)])
    def test_reads(self, text: str, value: int) -> None:
        """Plain, grouped, signed and zero-padded whole numbers read as written."""
        assert whole_number(text, "n") == value

    @pytest.mark.parametrize(
        "value",
        ["9" * 5000, 10**5000, -(10**5000), "0" * 5000 + "1" * 4400],
        ids=["text-5000", "int-5001", "negative-int-5001", "zero-padded-text"],
    )
    def test_past_python_digit_limit_is_a_message(self, value: object) -> None:
        """Past Python's 4,300-digit limit the value is refused by its length, never converted."""
        message = _raises(lambda: whole_number(value, "--max-surge"), SpecError, "--max-surge", "1,000,000")
        assert len(message) < 300

    def test_bounds_are_inclusive(self) -> None:
        """low and high themselves are allowed."""
        assert whole_number(LARGEST_COUNT, "n") == LARGEST_COUNT
        assert whole_number("0", "n") == 0
        _raises(lambda: whole_number(LARGEST_COUNT + 1, "n"), SpecError, "(got 1000001)")


class TestQuote:
    """errors.quote: one helper for user text in every message."""

    def test_escapes_and_stays_one_line(self) -> None:
        """Newlines and terminal escapes come out as \\n and \\x1b."""
        assert quote("a\nb\x1b[31mRED") == "'a\\nb\\x1b[31mRED'"

    def test_shortens_after_100_characters(self) -> None:
        """About 100 characters, then '...'."""
        shown = quote("x" * 5000)
        assert shown.endswith("...")
        assert len(shown) == 103

    def test_huge_numbers_and_failing_reprs(self) -> None:
        """An int past the digit limit, or inside a list, is described, not printed."""
        assert quote(10**5000) == "a number of about 5,001 digits"
        assert quote([10**5000]) == "<list object>"
        assert quote(IPv4Network("10.0.0.0/8")) == "IPv4Network('10.0.0.0/8')"


def _big() -> int:
    return 10**5000  # past Python's 4,300-digit str() limit: formatting it raised ValueError


class TestEveryCountIsBounded:
    """Counts outside akskit.engine.spec go through whole_number too: bounded, and a message, never a traceback."""

    @pytest.mark.parametrize(
        ("call", "kind", "texts"),
        [
            pytest.param(
                lambda: upgrade.upgrade_timeline(_big(), 1, 31), SpecError, ("pool size", "1,000"), id="timeline-size"
            ),
            pytest.param(
                lambda: upgrade.upgrade_timeline(3, 1, _big()), SpecError, ("IPs per node", "251"), id="timeline-ips"
            ),
            pytest.param(
                lambda: upgrade.model_timeline("kubenet", 12, 1, max_pods=_big()),
                SpecError,
                ("max pods", "10 to 250"),
                id="model-timeline-max-pods",
            ),
            pytest.param(
                lambda: comparison.comparison_view(nodes=_big()), SpecError, ("nodes",), id="comparison-nodes"
            ),
            pytest.param(
                lambda: comparison.comparison_view(50, x_max=10**9),
                SpecError,
                ("x_max", "5,000"),
                id="comparison-x-max",
            ),
            pytest.param(
                lambda: usage.usage_view(["kubenet"], nodes=3, x_max=2.5),
                SpecTypeError,
                ("x_max",),
                id="usage-x-max-float",
            ),
            pytest.param(
                lambda: usage.usage_view(["kubenet"], nodes=3, x_max=10**6),
                SpecError,
                ("x_max",),
                id="usage-x-max-huge",
            ),
            pytest.param(
                lambda: curves.ip_usage_by_nodes(["a"]), SpecError, ("nodes[0]", "'a'"), id="curve-nodes-text"
            ),
            pytest.param(lambda: curves.ip_usage_by_nodes([_big()]), SpecError, ("nodes[0]",), id="curve-nodes-huge"),
            pytest.param(
                lambda: curves.ip_usage_by_nodes([1], max_pods=_big()), SpecError, ("max pods",), id="curve-max-pods"
            ),
            pytest.param(
                lambda: curves.ip_usage_by_nodes([1], scale_out=-1),
                SpecError,
                ("scale-out", "-1"),
                id="curve-scale-out",
            ),
            pytest.param(
                lambda: curves.ip_usage_by_max_pods([0]), SpecError, ("max pods[0]", "10 to 250"), id="curve-pods-0"
            ),
            pytest.param(
                lambda: curves.ip_usage_by_max_pods([30], nodes=_big()), SpecError, ("nodes",), id="curve-pods-nodes"
            ),
            pytest.param(
                lambda: reservation.reservation_view([_big()]), SpecError, ("pods running",), id="reservation-count"
            ),
            pytest.param(
                lambda: reservation.reservation_view([1], max_pods=_big()),
                SpecError,
                ("max pods",),
                id="reservation-pods",
            ),
            pytest.param(
                lambda: recommender.recommend(50, max_pods=_big()),
                SpecError,
                ("max_pods", "10 to 250"),
                id="recommend-pods",
            ),
            pytest.param(
                lambda: recommender.recommend(50, vnet_ips_available=_big()),
                SpecError,
                ("vnet_ips_available",),
                id="recommend-vnet-ips",
            ),
            pytest.param(
                lambda: carve.carve_pod_cidr("10.244.0.0/16", _big()), SpecError, ("nodes",), id="carve-nodes"
            ),
            pytest.param(lambda: carve.node_ip("10.224.0.0/24", _big()), SpecError, ("node",), id="node-ip-huge"),
            pytest.param(lambda: carve.node_ip("10.224.0.0/24", "x"), SpecError, ("node", "'x'"), id="node-ip-text"),
        ],
    )
    def test_count(self, call: Any, kind: type[Exception], texts: tuple[str, ...]) -> None:
        """A count too big to print, of the wrong type or out of range is one whole_number message."""
        message = _raises(call, kind, *texts)
        assert "must be a whole number from" in message
        assert len(message) < 400

    def test_scenario_count_is_bounded(self, tmp_path: Path) -> None:
        """A scenario file's counts are read by whole_number (a 10-million scale-out was accepted)."""
        bad = tmp_path / "big.toml"
        bad.write_text('[network]\nvnet = "10.224.0.0/12"\n[growth]\nscale_out = 10000000\n[[pools]]\nname = "s"\n')
        _raises(lambda: scenario.load_scenario(path=bad), SpecError, "scale_out", "1,000,000")

    def test_exercise_prefix_is_ascii(self) -> None:
        """Notebook 06's node-subnet answer reads prefix digits as ASCII only, like every CIDR."""
        from akskit.exercises import check

        feedback = check("6.2", "/١٢")
        assert not feedback.correct
        assert "١٢" not in feedback.message or "'/" in feedback.message  # quoted, never read as 12
        assert check("6.2", "/12").message != feedback.message


HOSTILE = "a\nb\x1b[31mRED" + "x" * 300


def _text_entry_points() -> list[Any]:
    spec = cluster()
    return [
        pytest.param(lambda t: akskit.parse_model(t), id="parse_model"),
        pytest.param(lambda t: akskit.parse_model("--network-plugin " + t), id="parse_model-az-flags"),
        pytest.param(lambda t: akskit.parse_dataplane(t), id="parse_dataplane"),
        pytest.param(lambda t: akskit.parse_network(t), id="parse_network"),
        pytest.param(lambda t: akskit.parse_address(t), id="parse_address"),
        pytest.param(lambda t: akskit.parse_surge(t), id="parse_surge"),
        pytest.param(lambda t: pool(t), id="pool-name"),
        pytest.param(lambda t: pool("a", nodes=t), id="pool-nodes"),
        pytest.param(lambda t: pool("a", os=t), id="pool-os"),
        pytest.param(lambda t: cluster(t), id="cluster-model"),
        pytest.param(lambda t: spec_from_mapping({t: 1}), id="spec-key"),
        pytest.param(lambda t: spec.with_pool(0, **{t: 1}), id="with_pool-key"),
        pytest.param(lambda t: architecture.parse_mode(t), id="architecture-parse_mode"),
        pytest.param(lambda t: architecture.mode(t), id="architecture-mode"),
        pytest.param(lambda t: architecture.component(t), id="architecture-component"),
        pytest.param(lambda t: architecture.role("kubelet", t), id="architecture-role"),
        pytest.param(lambda t: policy.fleet_member("a", t, {}), id="policy-environment"),
        pytest.param(lambda t: policy.fleet_from_mapping({"cluster": [{t: 1}]}), id="policy-fleet-keys"),
        pytest.param(
            lambda t: policy.fleet_from_mapping({"cluster": [{"name": t, "spec": {}}] * 2}), id="policy-fleet-dupe"
        ),
        pytest.param(lambda t: policy.load_fleet(t), id="policy-load_fleet"),
        pytest.param(lambda t: scenario.load_scenario(t), id="scenario-name"),
        pytest.param(lambda t: scenario.load_scenario(path=t), id="scenario-path"),
        pytest.param(lambda t: traffic.source_ip("overlay", t), id="traffic-source_ip"),
        pytest.param(lambda t: traffic.packet_walk("overlay", t), id="traffic-packet_walk"),
        pytest.param(lambda t: contradictions.contradiction(t), id="contradiction"),
        pytest.param(lambda t: curves.ip_usage_by_nodes([1], metric=t), id="curves-metric"),
        pytest.param(lambda t: comparison.compare(spec, columns=[t]), id="compare-columns"),
        pytest.param(lambda t: upgrade.upgrade_timeline(3, t, 31), id="upgrade-surge"),
        pytest.param(lambda t: upgrade.model_timeline(t, 3, 1), id="upgrade-model"),
        pytest.param(lambda t: reservation.reservation_view([1], model=t), id="reservation-model"),
        pytest.param(lambda t: carve.node_ip("10.224.0.0/24", t), id="carve-node"),
    ]


class TestHostileTextInMessages:
    """Every entry point that takes text quotes it with errors.quote: escaped, cut short, one line."""

    @pytest.mark.parametrize("call", _text_entry_points())
    def test_message_is_one_short_escaped_line(self, call: Any) -> None:
        """A newline, a terminal escape and 300 characters come back escaped and shortened."""
        with pytest.raises(AksKitError) as info:
            call(HOSTILE)
        message = str(info.value)
        assert message.isprintable(), message  # no raw newline, ESC or other control character
        assert "x" * 150 not in message, message  # the 300 characters were cut short
        assert len(message) < 450, len(message)
