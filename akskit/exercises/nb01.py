"""Exercises for notebook 01 (Kubernetes architecture). Expected answers come from akskit's data and planner.

>>> from akskit.exercises import check
>>> bool(check("1.1", "b")), bool(check("1.1", "a"))
(True, False)
"""

from __future__ import annotations

from typing import Any

from akskit.course.architecture import Party, role
from akskit.engine.facts import AZURE_RESERVED_IPS
from akskit.engine.plans import plan
from akskit.engine.spec import cluster, pool
from akskit.exercises._core import Exercise, Feedback, expect_choice, expect_number

# The pool of exercise 1.4: new numbers (section 5 works 3 nodes at 30 max pods), no upgrade surge yet.
_NODES, _MAX_PODS = 4, 50


def _cluster_state(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "b",
        why="etcd is the key-value store that keeps the cluster's state and configuration; the other parts "
        "read and write it through the API server.",
        wrong={
            "a": "the scheduler only decides where new pods go; it keeps no record of the cluster itself.",
            "c": "every read and write does pass through the API server, but it keeps the data somewhere else.",
            "d": "the kubelet looks after the containers on one node; it does not hold the cluster's state.",
        },
    )


def _who_patches(answer: Any) -> Feedback:
    letters = {Party.YOU: "a", Party.MICROSOFT: "b"}
    return expect_choice(
        answer,
        letters[role("kube-apiserver", "aks").operator],
        why="the API server is part of AKS's managed control plane: when a security flaw is found in a managed "
        "component, the AKS team patches the affected clusters.",
        wrong={
            "a": "on AKS the control plane runs in an Azure subscription that AKS manages, not in yours (your MC_ "
            "node resource group holds only the nodes' resources), and customers can't alter its components; look "
            "at who operates the API server in the AKS view of the diagram.",
            "c": "a managed component with a known flaw is not left waiting for you; check who operates it.",
        },
    )


def _who_upgrades(answer: Any) -> Feedback:
    return expect_choice(
        answer,
        "c",
        why="version upgrades are shared: Microsoft supplies the supported versions and carries out the upgrade, "
        "you trigger or schedule it (by hand, or by choosing an auto-upgrade channel).",
        wrong={
            "a": "Microsoft publishes the versions and their end-of-support dates, but the moment of the upgrade is "
            "not Microsoft's choice alone (unless you chose an auto-upgrade channel, which is also your decision).",
            "b": "you can't reach the control-plane machines on AKS, so you can't install anything on them.",
        },
    )


def _vnet_ips(answer: Any) -> Feedback:
    need = plan(cluster("azure-cni", [pool("system", _NODES, max_pods=_MAX_PODS, max_surge=0)])).vnet_ips_required
    only_nodes = plan(cluster("kubenet", [pool("system", _NODES, max_pods=_MAX_PODS, max_surge=0)])).vnet_ips_required
    return expect_number(
        answer,
        need,
        unit="addresses",
        why=f"each of the {_NODES} nodes takes its own address plus one for each of its {_MAX_PODS} possible pods, "
        "reserved up front.",
        mistakes={
            _NODES * _MAX_PODS: "that counts the pods' addresses; every node also needs one for itself.",
            only_nodes: "that would be right for kubenet or Azure CNI Overlay, where pods use a private range; "
            "with Azure CNI (node subnet) the pods take VNet addresses too.",
            need + AZURE_RESERVED_IPS: "Azure's 5 reserved addresses belong to the subnet and matter when you "
            "choose its size; the question asks what the pool itself takes.",
        },
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "1.1",
        "Which component stores the cluster's state? a) kube-scheduler, b) etcd, c) kube-apiserver, d) kubelet",
        _cluster_state,
    ),
    Exercise(
        "1.2",
        "On AKS a security flaw is found in kube-apiserver. Who patches it? a) you, b) Microsoft, "
        "c) nobody until you recreate the cluster",
        _who_patches,
    ),
    Exercise(
        "1.3",
        "On AKS, who moves the control plane to a new Kubernetes version? a) Microsoft alone, whenever it likes, "
        "b) you alone, by installing it, c) both: Microsoft supplies and performs it, you trigger or schedule it",
        _who_upgrades,
    ),
    Exercise(
        "1.4",
        f"{_NODES} nodes, Azure CNI (node subnet), max pods {_MAX_PODS}, no surge: how many VNet addresses does the "
        "pool take?",
        _vnet_ips,
    ),
)
