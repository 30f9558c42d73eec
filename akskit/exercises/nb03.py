"""Exercises for notebook 03 (kubenet). Expected answers come from the planner."""

from __future__ import annotations

from typing import Any

from akskit.engine.cidr import pod_cidr_blocks, smallest_subnet_prefix, usable_ips
from akskit.engine.facts import DEFAULT_POD_CIDR, ROUTE_TABLE_LIMIT
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number, expect_prefix


def _usable_slash_26(answer: Any) -> Feedback:
    size = 2 ** (32 - 26)
    return expect_number(
        answer,
        usable_ips(26),
        unit="addresses",
        why=f"a /26 has {size} addresses and Azure keeps 5 of them (network, gateway, two DNS, broadcast).",
        mistakes={
            size: "that is every address in the /26; Azure keeps some for itself in every subnet.",
            size - 2: "that is the classic network-and-broadcast rule; Azure keeps more than two.",
            size - 3: "the kubenet page says 'the first three', but that text disagrees with Azure's own "
            "virtual network FAQ (and with its own /24 example): count again.",
        },
    )


def _kubenet_prefix(answer: Any) -> Feedback:
    spec = cluster("kubenet", [pool("system", 40, max_count=60, max_surge="10%")])
    need = plan(spec).node_subnet.ips_required
    today = plan(cluster("kubenet", [pool("system", 40, max_surge="10%")])).node_subnet.ips_required
    return expect_prefix(
        answer,
        smallest_subnet_prefix(need) or 0,
        why=f"plan for the autoscaler maximum plus surge: {need} node IPs, and pods take none.",
        mistakes={
            smallest_subnet_prefix(today) or 0: "that fits today's 40 nodes, but the autoscaler may grow the pool.",
            smallest_subnet_prefix(need * 111) or 0: "kubenet pods do not take VNet addresses; only nodes do.",
        },
    )


def _default_pod_cidr_nodes(answer: Any) -> Feedback:
    blocks = pod_cidr_blocks(DEFAULT_POD_CIDR)
    return expect_number(
        answer,
        blocks,
        unit="nodes",
        why=f"each node takes a whole /24 of {DEFAULT_POD_CIDR}, and a /16 holds 2^(24-16) of them.",
        mistakes={
            DEFAULT_POD_CIDR.num_addresses: "that counts addresses; each node takes a whole /24 block.",
            usable_ips(DEFAULT_POD_CIDR.prefixlen): "Azure's 5 reserved addresses apply to VNet subnets; "
            "the pod CIDR is not a VNet subnet.",
            ROUTE_TABLE_LIMIT: "that is the route table's limit, a different ceiling; this one is the pod CIDR's.",
            blocks - 5: "the reserved addresses are not taken out of the pod CIDR.",
        },
    )


def _source_seen(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="the node rewrites the source to its own IP (NAT), because the pod CIDR is not part of the VNet.",
        wrong={
            "a": "the VM could not reply to a pod CIDR address: the VNet does not know that range.",
            "c": "the outbound public IP only appears for traffic to the internet, not inside the VNet.",
        },
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("3.1", "How many usable addresses does a /26 node subnet have?", _usable_slash_26),
    Exercise(
        "3.2", "kubenet, 40 nodes autoscaling to 60, max surge 10%: the smallest node-subnet prefix?", _kubenet_prefix
    ),
    Exercise("3.3", "How many nodes (surge included) can the default pod CIDR serve?", _default_pod_cidr_nodes),
    Exercise(
        "3.4",
        "A kubenet pod calls a VM in the VNet. Which source does the VM see? "
        "a) the pod IP, b) the node IP, c) the outbound public IP",
        _source_seen,
    ),
)
