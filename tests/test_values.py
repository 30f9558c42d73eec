"""``akskit.engine.values``: the plan path's value classes behave as ``@dataclass(frozen=True, slots=True)`` ones.

They are built without importing :mod:`dataclasses` (issue 11: ``akskit plan`` start-up), so what
the course, the exercises and users rely on is checked here against the real module.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from akskit import cluster, plan, pool
from akskit.engine.findings import Finding, Severity
from akskit.engine.spec import ClusterSpec, NodePool


def _plan():  # type: ignore[no-untyped-def]
    return plan(cluster("azure-cni", [pool("system", 50, max_pods=30, max_surge=1)], node_subnet="10.224.0.0/16"))


def test_fields_replace_and_asdict() -> None:
    """dataclasses.fields/replace/asdict/is_dataclass work, with the declared names and defaults."""
    spec = cluster("overlay", [pool("system", 3)])
    assert dataclasses.is_dataclass(spec)
    names = [f.name for f in dataclasses.fields(ClusterSpec)]
    assert names[:3] == ["model", "pools", "dataplane"]
    assert "moment" in names
    assert dataclasses.replace(spec, moment="create").moment == "create"
    assert dataclasses.asdict(spec.pools[0])["name"] == "system"
    assert [f.name for f in dataclasses.fields(NodePool)][:2] == ["name", "nodes"]


def test_frozen_everywhere() -> None:
    """Assigning to a spec, a pool, a plan or a finding raises dataclasses.FrozenInstanceError."""
    p = _plan()
    for value, name in ((p.spec, "moment"), (p.spec.pools[0], "nodes"), (p, "findings"), (p.node_subnet, "cidr")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, name, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Finding("c", Severity.INFO, "m", "u").code = "x"  # type: ignore[misc]


def test_equality_hash_repr_copy_and_pickle() -> None:
    """Equal values compare and hash equal; repr names the fields; copies and pickles round-trip."""
    a, b = _plan(), _plan()
    assert a == b
    assert hash(a.spec) == hash(b.spec)
    assert a != dataclasses.replace(a, findings=(Finding("c", Severity.INFO, "m", "u"),))
    assert repr(a.spec).startswith("ClusterSpec(model=<NetworkModel.AZURE_CNI: 'azure-cni'>, pools=(NodePool(")
    assert pickle.loads(pickle.dumps(a)) == a  # noqa: S301 - our own bytes, just written
    assert copy.deepcopy(a) == a


def test_post_init_still_validates() -> None:
    """__post_init__ runs: a bad value is refused as before."""
    with pytest.raises(Exception, match="moment must be create or upgrade"):
        ClusterSpec(moment="later")


def test_a_pool_with_labels_pickles_and_replaces() -> None:
    """Labels are sorted pairs: a pool with them hashes, pickles, and survives dataclasses.replace."""
    p = pool("user", 3, vm_size="Standard_D4s_v5", labels={"b": "2", "a": "1"})
    assert pickle.loads(pickle.dumps(p)) == p  # noqa: S301 - our own bytes, just written
    assert hash(dataclasses.replace(p, nodes=4)) == hash(pool("user", 4, vm_size="Standard_D4s_v5", labels="a=1;b=2"))
    assert dataclasses.asdict(p)["labels"] == (("a", "1"), ("b", "2"))
