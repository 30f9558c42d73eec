"""Errors that akskit raises for input it cannot use.

Every error is a :class:`ValueError`, quotes the value as given, states the
rule it breaks and, where one can be computed, suggests a fix.

>>> from akskit.cidr import parse_network
>>> parse_network("10.224.0.1/16", "node subnet")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
akskit.errors.CidrError: node subnet '10.224.0.1/16' has host bits set: ... did you mean 10.224.0.0/16?
"""

from __future__ import annotations

__all__ = ["AksKitError", "CidrError", "DeploymentModeError", "ModelError", "SpecError"]


class AksKitError(ValueError):
    """Base class: input akskit cannot plan with."""


class CidrError(AksKitError):
    """A CIDR or IP address that is malformed, IPv6, or has host bits set."""


class ModelError(AksKitError):
    """An unknown network model, data plane or az CLI spelling."""


class SpecError(AksKitError):
    """A cluster or node-pool value of the wrong type or outside what can be planned."""


class DeploymentModeError(AksKitError):
    """An unknown way of running Kubernetes (minikube, self-managed, AKS) or an unknown component."""
