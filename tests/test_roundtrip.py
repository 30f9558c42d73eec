"""Round trip: ``export --to arm`` then ``import`` plans the same cluster (issue 10's acceptance).

For random specs (every network model and data plane, 1-6 pools, Linux or Windows after a
Linux first pool, autoscaler on or off, max pods, surge as a count or a percentage, CIDRs
given or not), ``import_cluster(json.loads(export(spec, "arm")))`` gives a spec whose plan
equals the original's. The subnets travel as ARM parameters (resource IDs), so their CIDRs
go back in through ``import_cluster``'s ``node_subnet``/``pod_subnet``/``vnet`` arguments, as
``akskit import --subnet --pod-subnet --vnet`` does.

What legitimately differs, and why (everything else in ``Plan.to_dict()`` must be equal):

- ``pod_cidr.defaulted``: the export spells out the pod CIDR AKS would pick (``podCidr``),
  so the import reads it as given. Same figures, a different "who chose it".
- the ``default-max-pods`` finding: the export writes each pool's max pods (``maxPods``),
  resolved to the model's default when the spec left it out; the import then plans a
  given value, so there is nothing left to warn about. The figures are the same.
- findings are compared by code, severity and the AKS error they prevent, not by their
  text: a message may say "(AKS's default)" about a range the export spelled out.

Each pool's VM size and node labels (``vmSize``, ``nodeLabels``) do not change the plan: they are
compared pool by pool beside it, and the same check runs on the az CLI's shape (``az aks show -o json``:
the properties at the top level, ``vnetSubnetId`` casing). tests/test_export_hcl.py does the same for Terraform.

What the strategies leave out, because the ARM body has no field for it: ``scale_out`` and
``extra_ips`` (akskit's own planning margins) and ``peers`` (other networks, given to the
import by ``--peer`` or ``--network`` files). A pod CIDR is generated only for the models
that use one (kubenet, overlay, bring your own CNI): AKS refuses ``podCidr`` on the other
models (azurerm's ``network_profile`` page: "When network_plugin is set to azure - the
pod_cidr field must not be set, unless specifying network_plugin_mode to overlay"), so the
export leaves it out and the planner's ``cidr-not-used`` finding has nothing to come back from.
"""

from __future__ import annotations

import json
from ipaddress import IPv4Network
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from akskit import cluster, plan, pool
from akskit.engine.cluster_export import export
from akskit.engine.cluster_import import import_cluster
from akskit.engine.models import NetworkModel, traits
from akskit.engine.spec import ClusterSpec
from akskit.engine.surge import Surge

#: Findings about a default that the export writes out as a value (see the module docstring).
SPELLED_OUT = {"default-max-pods"}

_SURGES = st.one_of(
    st.integers(0, 100),  # a node count ("maxSurge": "5")
    st.integers(1, 100).map(lambda v: f"{v}%"),  # a percentage of the pool
    st.builds(Surge, st.integers(0, 20), st.booleans()),  # the parsed value itself
)

#: Kubernetes label keys and values (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
#: #syntax-and-character-set): an optional DNS-subdomain prefix and '/', a 1-63 character name; values may be empty.
_LABEL_NAME = r"[A-Za-z0-9]([A-Za-z0-9_.-]{0,20}[A-Za-z0-9])?"
_LABEL_KEYS = st.tuples(
    st.sampled_from(["", "hub.jupyter.org/", "kubernetes.azure.com/", "example.com/"]),
    st.from_regex(_LABEL_NAME, fullmatch=True),
).map("".join)
_LABEL_VALUES = st.one_of(st.just(""), st.from_regex(_LABEL_NAME, fullmatch=True))

#: Each optional pool field and its strategy: a new pool field is one line here (``pool()``'s keyword).
POOL_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "max_count": st.integers(0, 400),  # added to the node count: the autoscaler maximum is never below it
    "max_pods": st.integers(10, 250),
    "max_surge": _SURGES,
    "max_unavailable": st.one_of(st.integers(0, 5), st.integers(1, 50).map(lambda v: f"{v}%")),
    # upgrade_strategy: blue-green is a preview API field; the export (stable API) notes it in a comment only
    "vm_size": st.sampled_from(["Standard_D4s_v5", "Standard_DS2_v2", "Basic_A0", "Standard_NC24ads_A100_v4"]),
    "labels": st.dictionaries(_LABEL_KEYS, _LABEL_VALUES, max_size=4),
}

#: Each optional cluster field given to ``cluster()`` and its strategy: a new one is one line here.
CLUSTER_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "dataplane": st.sampled_from(["azure", "cilium"]),
    # moment: what a plan sizes for, not a property of the cluster; import takes it as an argument
}


@st.composite
def pool_args(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """``pool()``'s arguments for pool ``index``: the first is Linux with a node (the system pool)."""
    os = "linux" if index == 0 else draw(st.sampled_from(["linux", "windows"]))
    prefix = draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=4))
    args: dict[str, Any] = {"name": f"{prefix}{index}", "nodes": draw(st.integers(1 if index == 0 else 0, 400))}
    args |= draw(st.fixed_dictionaries({}, optional=POOL_FIELDS))
    if "max_count" in args:
        args["max_count"] += args["nodes"]
    if index:  # the first pool stays the system pool; later Linux ones may be either (export refuses Windows ones)
        args["mode"] = draw(st.sampled_from([None, "system", "user"] if os == "linux" else [None, "user"]))
    return args | {"os": os}


@st.composite
def specs(draw: st.DrawFn) -> ClusterSpec:
    """A spec over every model, with 1-6 pools and each CIDR given or left to AKS's defaults."""
    model = draw(st.sampled_from(list(NetworkModel)))
    count = draw(st.integers(1, 6))
    pools = [pool(**draw(pool_args(i))) for i in range(count)]
    nets: dict[str, Any] = draw(st.fixed_dictionaries({}, optional=CLUSTER_FIELDS))
    if draw(st.booleans()):
        nets["vnet"] = "10.224.0.0/12"
    if draw(st.booleans()):
        nets["node_subnet"] = f"10.224.0.0/{draw(st.integers(16, 28))}"
    if traits(model).uses_pod_subnet and draw(st.booleans()):
        nets["pod_subnet"] = f"10.225.0.0/{draw(st.integers(16, 28))}"
    if (traits(model).uses_pod_cidr or model is NetworkModel.NONE) and draw(st.booleans()):
        nets["pod_cidr"] = f"192.168.0.0/{draw(st.integers(14, 24))}"
    if draw(st.booleans()):
        service = draw(st.sampled_from(["172.16.0.0/16", "10.0.0.0/16", "172.20.0.0/20"]))
        nets["service_cidr"] = service
        if draw(st.booleans()):
            nets["dns_service_ip"] = str(IPv4Network(service)[10])
    return cluster(model, pools, **nets)


def round_trip(spec: ClusterSpec) -> ClusterSpec:
    """Export ``spec`` as ARM, import it back with the subnet CIDRs the template holds as parameters."""
    doc = json.loads(export(spec, "arm"))
    text = {
        k: None if getattr(spec, k) is None else str(getattr(spec, k)) for k in ("node_subnet", "pod_subnet", "vnet")
    }
    imported = import_cluster(doc, **text)
    assert imported.source == "arm"
    return imported.spec


def comparable(spec: ClusterSpec) -> dict[str, Any]:
    """``plan(spec).to_dict()`` less what legitimately differs after a round trip (module docstring)."""
    data = plan(spec).to_dict()
    if data["pod_cidr"] is not None:
        data["pod_cidr"].pop("defaulted")
    data["findings"] = [
        (f["code"], f["severity"], f["prevents"]) for f in data["findings"] if f["code"] not in SPELLED_OUT
    ]
    return data


def pool_settings(spec: ClusterSpec) -> list[tuple[str, str | None, tuple[tuple[str, str], ...]]]:
    """Each pool's name, VM size and labels: what the plan's figures do not show but the documents carry."""
    return [(p.name, p.vm_size, p.labels) for p in spec.pools]


def check_round_trip(spec: ClusterSpec) -> None:
    back = round_trip(spec)
    assert comparable(back) == comparable(spec)
    assert pool_settings(back) == pool_settings(spec)


#: ARM casing to the az CLI's (``az aks show -o json``): the same fields, the CLI's spelling.
_AZ_CASING = {
    "vnetSubnetID": "vnetSubnetId",
    "podSubnetID": "podSubnetId",
    "podIPAllocationMode": "podIpAllocationMode",
}


def az_show(spec: ClusterSpec) -> dict[str, Any]:
    """The exported cluster as ``az aks show -o json`` prints it: the properties at the top level, CLI casing."""
    resource = json.loads(export(spec, "arm"))["resources"][0]
    props = dict(resource["properties"])
    props["agentPoolProfiles"] = [{_AZ_CASING.get(k, k): v for k, v in p.items()} for p in props["agentPoolProfiles"]]
    network = props["networkProfile"]
    props["networkProfile"] = {("dnsServiceIp" if k == "dnsServiceIP" else k): v for k, v in network.items()}
    return {"name": "aks", "type": resource["type"], **props}


class TestRoundTrip:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(specs())
    @example(  # issue 10's fixture shape: multi-pool, a Windows pool, an autoscaler, static block
        cluster(
            "pod-subnet-static",
            [pool("system", 3, max_pods=30), pool("win", 2, max_count=6, max_pods=30, max_surge="33%", os="windows")],
            node_subnet="10.224.0.0/24",
            pod_subnet="10.225.0.0/20",
        )
    )
    @example(cluster("kubenet", [pool("system", 5)], service_cidr="172.16.0.0/16", dns_service_ip="172.16.0.10"))
    @example(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/16"))
    def test_export_arm_then_import_plans_the_same(self, spec: ClusterSpec) -> None:
        """The imported spec's plan equals the original plan, figure for figure and finding for finding."""
        check_round_trip(spec)

    @pytest.mark.parametrize("model", list(NetworkModel))
    def test_every_model_with_defaults(self, model: NetworkModel) -> None:
        """Each model with nothing but a pool: every default the export spells out comes back the same."""
        check_round_trip(cluster(model, [pool("system", 3), pool("user", 2, max_count=5)]))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(specs())
    def test_az_show_shape_plans_the_same(self, spec: ClusterSpec) -> None:
        """The same cluster in az CLI casing (az aks show -o json) imports to the same plan, VM sizes and labels."""

        def text(value: object) -> str | None:
            return None if value is None else str(value)

        imported = import_cluster(
            az_show(spec), node_subnet=text(spec.node_subnet), pod_subnet=text(spec.pod_subnet), vnet=text(spec.vnet)
        )
        assert imported.source == "az-aks-show"
        assert comparable(imported.spec) == comparable(spec)
        assert pool_settings(imported.spec) == pool_settings(spec)

    def test_the_classroom_pools_survive(self) -> None:
        """The classroom's user pool keeps Standard_D4s_v5 and hub.jupyter.org/node-purpose=user through ARM."""
        spec = cluster(
            "overlay",
            [
                pool(
                    "system",
                    2,
                    mode="system",
                    vm_size="Standard_D4s_v5",
                    labels={"hub.jupyter.org/node-purpose": "core"},
                ),
                pool("user", 3, mode="user", vm_size="Standard_D4s_v5", labels="hub.jupyter.org/node-purpose=user"),
            ],
        )
        back = round_trip(spec)
        assert back.pools[1].vm_size == "Standard_D4s_v5"
        assert dict(back.pools[1].labels) == {"hub.jupyter.org/node-purpose": "user"}
        assert dict(back.pools[0].labels) == {"hub.jupyter.org/node-purpose": "core"}

    def test_default_surge_stays_default(self) -> None:
        """A pool without max surge exports no upgradeSettings, so the import leaves it to AKS's default too."""
        spec = cluster("overlay", [pool("system", 3), pool("user", 10, max_surge="33%")])
        back = round_trip(spec)
        assert back.pools[0].max_surge is None
        assert back.pools[1].max_surge == Surge(33, True)

    def test_spelled_out_defaults_are_the_only_difference(self) -> None:
        """Without the allowance the plans differ only in pod_cidr.defaulted and the default-max-pods finding."""
        spec = cluster("overlay", [pool("system", 3)])
        before, after = plan(spec).to_dict(), plan(round_trip(spec)).to_dict()
        assert {k for k in before if before[k] != after[k]} == {"pod_cidr", "findings"}
        assert (before["pod_cidr"]["defaulted"], after["pod_cidr"]["defaulted"]) == (True, False)
        lost = {f["code"] for f in before["findings"]} - {f["code"] for f in after["findings"]}
        assert lost == SPELLED_OUT
