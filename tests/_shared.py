"""Helpers that several test files share (pytest puts this folder on the path)."""

from __future__ import annotations

import re

#: The `az aks create` flags akskit may print, as the az CLI documents them
#: (https://learn.microsoft.com/en-us/cli/azure/aks#az-aks-create).
AZ_AKS_CREATE_FLAGS = frozenset(
    {
        "--resource-group",
        "--name",
        "--network-plugin",
        "--network-plugin-mode",
        "--network-dataplane",
        "--pod-cidr",
        "--service-cidr",
        "--dns-service-ip",
        "--vnet-subnet-id",
        "--pod-subnet-id",
        "--pod-ip-allocation-mode",
        "--nodepool-name",
        "--node-count",
        "--enable-cluster-autoscaler",
        "--min-count",
        "--max-count",
        "--max-pods",
    }
)


def mentions_number(message: str, number: int) -> bool:
    """The message shows ``number`` as a number of its own (plain or with thousands commas)."""
    return any(re.search(rf"(?<![\d,/.]){re.escape(text)}(?![\d,])", message) for text in {str(number), f"{number:,}"})
