"""Exercise 6.6 of notebook 06: plan the cluster this room is running on (akskit.course.classroom)."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from akskit.course.classroom import Classroom, load_classroom, room, room_spec
from akskit.engine.models import NetworkModel
from akskit.engine.plans import plan
from akskit.exercises._core import Exercise, Feedback, expect_number
from akskit.exercises.nb06.findings import guarded

__all__ = ["EXERCISES", "ROOM"]

#: The room of exercise 6.6: a size that is not a row of the instructor guide's table.
ROOM = 120
_MODEL = NetworkModel.AZURE_CNI


def _ips(c: Classroom, *, per_node: int = 1, system: bool = True, surge: bool = True) -> int:
    """The node-subnet addresses of the room's cluster, or of one way of misreading it."""
    if not surge:
        c = replace(c, user_pool=replace(c.user_pool, max_surge="0"), system_pool=replace(c.system_pool, max_surge="0"))
    if not system:
        c = replace(c, system_pool=replace(c.system_pool, nodes=0))
    p = plan(room_spec(c, ROOM, _MODEL))
    pools = p.pools if system else [x for x in p.pools if x.name != c.system_pool.name]
    return sum(x.planned_nodes for x in pools) * (c.user_pool.max_pods + per_node)


def _misreadings(c: Classroom) -> dict[str, int]:
    u = c.user_pool
    return {
        "you leave out the placeholders": _ips(replace(c, placeholder_fraction=0.0)),
        "you leave out the upgrade surge": _ips(c, surge=False),
        "you count max pods per node, without the node's own address": _ips(c, per_node=0),
        "you leave out the system pool": _ips(c, system=False),
        "you size the nodes by memory alone (another limit binds first)": _ips(
            replace(c, user_pool=replace(u, daemon_pods=-(10**6)), cpu=c.cpu / 10**6)
        ),
        "you size the nodes by CPU alone (another limit binds first)": _ips(
            replace(c, user_pool=replace(u, daemon_pods=-(10**6)), memory_mib=c.memory_mib / 10**6)
        ),
        "you give every learner a pod slot but forget the node's own DaemonSet pods": _ips(
            replace(c, user_pool=replace(u, daemon_pods=0))
        ),
    }


@functools.cache
def _answer_key() -> tuple[int, dict[int, str], str]:
    """The answer, the known misreadings and why: read and planned once, not on every check."""
    c = load_classroom()
    r = room(c, ROOM)
    need = _ips(c)
    found: dict[int, list[str]] = {}
    for what, got in _misreadings(c).items():
        if got != need:
            found.setdefault(got, []).append(what)
    mistakes = {got: f"{got:,} is what you get if {', or '.join(whats)}." for got, whats in found.items()}
    nodes = need // (c.user_pool.max_pods + 1)
    mistakes.setdefault(
        nodes,
        f"{nodes} is a node count (and Azure CNI Overlay's answer): Node Subnet gives "
        "every node max pods + 1 addresses.",
    )
    why = (
        f"{ROOM} learners and {r.placeholders} placeholders fill {r.user_nodes} user nodes; with each pool's "
        f"surge and the system pool that is {nodes} nodes at an upgrade, each reserving max pods + 1 = "
        f"{c.user_pool.max_pods + 1} addresses."
    )
    return need, mistakes, why


def _room_addresses(answer: Any) -> Feedback:
    """The node-subnet addresses the room's cluster needs at an upgrade on Azure CNI Node Subnet."""
    need, mistakes, why = _answer_key()
    return expect_number(answer, need, unit="addresses", why=why, mistakes=mistakes)


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "6.6",
        f"A room of {ROOM} learners on Azure CNI Node Subnet: how many node-subnet addresses at an upgrade?",
        guarded(_room_addresses),
    ),
)
