"""Building specs from loose input, and the plan's value objects."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from akskit import NetworkModel, SpecError, SpecTypeError, cluster, parse_surge, plan, pool, spec_from_mapping
from akskit.engine.spec_mapping import canonical_key
from akskit.engine.specfile import load_spec_file
from akskit.engine.surge import Surge


class TestSurge:
    """Max surge as a count or a percentage."""

    @pytest.mark.parametrize(
        ("text", "surge"),
        [
            (1, Surge(1, False)),
            ("3", Surge(3, False)),
            ("33%", Surge(33, True)),
            (" 10 % ", Surge(10, True)),
            ("legacy", Surge(1, False)),
        ],
    )
    def test_parse(self, text: str | int, surge: Surge) -> None:
        """Counts, percentages and 'legacy' parse."""
        assert parse_surge(text) == surge

    @pytest.mark.parametrize(("text", "match"), [("abc", "'abc'"), ("150%", "0% to 100%"), ("1.5", "'1.5'")])
    def test_bad(self, text: str, match: str) -> None:
        """Anything else is a SpecError quoting the value."""
        with pytest.raises(SpecError, match=match):
            parse_surge(text)

    def test_one_message_for_a_percentage_over_100(self) -> None:
        """Surge(150, True) and parse_surge("150%") refuse the value in the same words, with the advice."""
        messages = []
        for build in (lambda: Surge(150, True), lambda: parse_surge("150%")):
            with pytest.raises(SpecError) as caught:
                build()
            messages.append(str(caught.value))
        assert messages[0] == messages[1]
        assert messages[0].startswith("max surge percentage must be 0% to 100% (got '150%')")
        assert "33%" in messages[0]  # Microsoft's production advice: 33 %

    def test_a_field_given_as_text_names_the_builder(self) -> None:
        """Surge("3", False) is a type error that points at parse_surge, which reads text."""
        with pytest.raises(SpecTypeError, match=r"max surge node count must be an int \(got '3', a str\).*parse_surge"):
            Surge("3", False)  # type: ignore[arg-type]

    def test_percent_rounds_up_and_caps(self) -> None:
        """33 % of 10 is 4 nodes; 100 % of 3 is 3; 5 nodes of a 2-node pool is 2."""
        assert (parse_surge("33%").nodes(10), parse_surge("100%").nodes(3), parse_surge(5).nodes(2)) == (4, 3, 2)


class TestPool:
    """Pools validate their own fields."""

    def test_plans_for_max_count(self) -> None:
        """The autoscaler maximum, not today's count, is what gets planned."""
        p = pool("user", 10, max_count=20, max_surge="10%")
        assert (p.size, p.surge_nodes, p.planned_nodes) == (20, 2, 22)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"nodes": -1}, "from 0 to"),
            ({"nodes": "ten"}, "'ten'"),
            ({"nodes": 5, "max_count": 3}, "below its node count"),
            ({"name": "System"}, "'System'"),
            ({"name": "averyverylongname"}, "1-12"),
            ({"name": "windows1", "os": "windows"}, "1-6"),
            ({"os": "macos"}, "'macos'"),
            ({"max_pods": 0}, "from 1 to"),
        ],
    )
    def test_bad_fields(self, kwargs: dict[str, object], match: str) -> None:
        """Unusable pool fields raise SpecError quoting the value."""
        with pytest.raises(SpecError, match=match):
            pool(**kwargs)  # type: ignore[arg-type]


class TestCluster:
    """Clusters validate pool lists and parse CIDRs."""

    def test_duplicate_pool_names(self) -> None:
        """Two pools with one name are refused."""
        with pytest.raises(SpecError, match="'a' twice"):
            cluster("overlay", [pool("a"), pool("a")])

    def test_no_pools(self) -> None:
        """A cluster needs a pool."""
        with pytest.raises(SpecError, match="at least one node pool"):
            cluster("overlay", [])

    def test_peers_from_a_string(self) -> None:
        """Peers may come as one comma-separated string."""
        assert len(cluster("overlay", peers="10.1.0.0/16, 10.2.0.0/16").peers) == 2

    def test_frozen(self) -> None:
        """Specs and plans are immutable."""
        spec = cluster("overlay")
        with pytest.raises(dataclasses.FrozenInstanceError):
            spec.scale_out = 3  # type: ignore[misc]

    def test_from_mapping(self) -> None:
        """A TOML/JSON-shaped mapping builds the same spec as keyword arguments."""
        data = {"plugin": "kubenet", "subnet": "10.1.0.0/24", "pools": [{"name": "sys", "nodes": 3, "max-pods": 50}]}
        assert spec_from_mapping(data) == cluster("kubenet", [pool("sys", 3, max_pods=50)], node_subnet="10.1.0.0/24")

    def test_from_mapping_unknown_key(self) -> None:
        """Misspelt keys are refused, not ignored."""
        with pytest.raises(SpecError, match="unknown keys 'subnett'"):
            spec_from_mapping({"subnett": "10.0.0.0/24"})


class TestPlanValues:
    """Plans serialise and summarise consistently."""

    def test_json_keys(self) -> None:
        """to_dict has the documented keys and is JSON-serialisable."""
        spec = cluster(
            "pod-subnet",
            [pool("system", 3, max_pods=30)],
            node_subnet="10.224.0.0/24",
            pod_subnet="10.225.0.0/20",
            vnet="10.224.0.0/12",
        )
        data = json.loads(json.dumps(plan(spec).to_dict()))
        assert {"plugin", "pools", "node_subnet", "pod_subnet", "pod_cidr", "findings"} <= set(data)
        assert data["pod_cidr"] is None
        assert {"name", "nodes", "max_count", "max_pods", "surge_nodes", "planned_nodes"} <= set(data["pools"][0])
        for key in ("node_subnet", "pod_subnet"):
            assert {"ips_required", "smallest_prefix", "cidr", "usable_ips", "fits", "max_nodes"} <= set(data[key])
        assert all({"code", "severity", "message", "url"} <= set(f) for f in data["findings"])

    def test_headroom_and_utilisation(self) -> None:
        """Headroom and utilisation follow from need and usable IPs."""
        p = plan(cluster("azure-cni", [pool("system", 7, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/24"))
        assert (p.node_subnet.ips_required, p.node_subnet.headroom) == (248, 3)
        assert p.node_subnet.utilisation == pytest.approx(248 / 251)

    def test_scale_out_and_extra_ips(self) -> None:
        """Scale-out nodes cost like the costliest pool; extra IPs land in the node subnet."""
        pools = [pool("sys", 3, max_pods=30, max_surge=0), pool("big", 2, max_pods=100, max_surge=0)]
        p = plan(cluster("azure-cni", pools, scale_out=1, extra_ips=4))
        assert p.node_subnet.ips_required == 3 * 31 + 2 * 101 + 1 * 101 + 4

    def test_model_is_enum(self) -> None:
        """The spec keeps the parsed enum."""
        assert cluster("StaticBlock").model is NetworkModel.POD_SUBNET_STATIC


def test_null_in_a_spec_file_means_not_given() -> None:
    """JSON null (or TOML's absence) falls back to the default, never to the 'none' plugin."""
    spec = spec_from_mapping({"plugin": None, "peers": None, "pools": [{"name": "sys", "max_pods": None}]})
    assert spec.model is NetworkModel.OVERLAY
    assert spec.peers == ()
    assert spec.pools[0].max_pods is None


class TestSpecFile:
    """Reading a spec file, bounded, with messages that name the caller's argument."""

    def test_messages_start_with_what_was_given(self, tmp_path: Path) -> None:
        """The CLI passes "--spec"; a library caller's own name leads the message instead."""
        bad = tmp_path / "bad.toml"
        bad.write_text("plugin = [", encoding="utf-8")
        for what in ("--spec", "fleet file"):
            with pytest.raises(SpecError, match=rf"^{what} '.*bad\.toml' is not valid TOML"):
                load_spec_file(bad, what)

    def test_reads_toml_and_json_alike(self, tmp_path: Path) -> None:
        """The same cluster from TOML and from JSON gives the same spec."""
        toml_file, json_file = tmp_path / "c.toml", tmp_path / "c.json"
        toml_file.write_text('plugin = "kubenet"\n[[pools]]\nname = "system"\nnodes = 3\n', encoding="utf-8")
        json_file.write_text(json.dumps({"plugin": "kubenet", "pools": [{"name": "system", "nodes": 3}]}))
        specs = [spec_from_mapping(load_spec_file(f)) for f in (toml_file, json_file)]
        assert specs[0] == specs[1]
        assert specs[0].model is NetworkModel.KUBENET


@pytest.mark.parametrize(
    ("key", "canonical"),
    [("plugin", "plugin"), ("model", "plugin"), ("subnet", "node_subnet"), ("node-subnet", "node_subnet")],
)
def test_canonical_key(key: str, canonical: str) -> None:
    """A spec key's second spelling maps to its first (``-`` as ``_``): spec files and CLI flags share it."""
    assert canonical_key(key) == canonical


class TestPoolSizeAndLabels:
    """A spec file's ``vm_size`` and ``labels`` table, the --pool text and the CLI give the same pool."""

    TOML = (
        'plugin = "overlay"\n[[pools]]\nname = "user"\nnodes = 3\nvm-size = "Standard_D4s_v5"\n'
        '[pools.labels]\n"hub.jupyter.org/node-purpose" = "user"\ntier = ""\n'
    )

    def test_toml_table(self, tmp_path: Path) -> None:
        """A TOML labels table (a key with a prefix, an empty value) and vm-size (either spelling) are read."""
        path = tmp_path / "c.toml"
        path.write_text(self.TOML, encoding="utf-8")
        p = spec_from_mapping(load_spec_file(path)).pools[0]
        assert p.vm_size == "Standard_D4s_v5"
        assert p.labels == (("hub.jupyter.org/node-purpose", "user"), ("tier", ""))

    def test_cli_pool_text_equals_the_file(self, tmp_path: Path) -> None:
        """--pool name=user,...,labels=a=b;c= builds the pool the spec file builds."""
        from akskit.cli import main

        path = tmp_path / "c.toml"
        path.write_text(self.TOML, encoding="utf-8")
        text = "name=user,nodes=3,vm_size=Standard_D4s_v5,labels=tier=;hub.jupyter.org/node-purpose=user"
        assert main(["export", "--to", "arm", "--plugin", "overlay", "--pool", text]) == 0
        from_file = spec_from_mapping(load_spec_file(path))
        from_text = cluster("overlay", [pool("user", 3, vm_size="Standard_D4s_v5", labels=text.split("labels=")[1])])
        assert from_file == from_text
