"""Errors that akskit raises for input it cannot use, and how messages quote that input.

Every error is a :class:`ValueError`, quotes the value as given, states the
rule it breaks and, where one can be computed, suggests a fix. An argument of
the wrong type raises :class:`SpecTypeError`, which is also a :class:`TypeError`.

>>> from akskit.engine.cidr import parse_network
>>> parse_network("10.224.0.1/16", "node subnet")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
akskit.engine.errors.CidrError: node subnet '10.224.0.1/16' has host bits set: ... did you mean 10.224.0.0/16?
"""

from __future__ import annotations

__all__ = [
    "AksKitError",
    "CidrError",
    "DeploymentModeError",
    "ModelError",
    "SpecError",
    "SpecTypeError",
    "one_line",
    "quote",
]

#: Characters of user text a message shows before cutting it short with "...".
QUOTE_LIMIT = 100


class AksKitError(ValueError):
    """Base class: input akskit cannot plan with."""


class CidrError(AksKitError):
    """A CIDR or IP address that is malformed, IPv6, or has host bits set."""


class ModelError(AksKitError):
    """An unknown network model, data plane or az CLI spelling."""


class SpecError(AksKitError):
    """A cluster or node-pool value of the wrong type or outside what can be planned."""


class SpecTypeError(SpecError, TypeError):
    """An argument of the wrong type (a string where a node pool belongs, ``None`` for a spec)."""


class DeploymentModeError(AksKitError):
    """An unknown way of running Kubernetes (minikube, self-managed, AKS) or an unknown component."""


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """User input as a message shows it: ``repr``-escaped, on one line, cut after ``limit`` characters.

    Control characters and terminal escapes come out as ``\\n`` and ``\\x1b``; a
    number too long to print is described by its length instead.

    >>> quote("a\\nb\\x1b[31mRED")
    "'a\\\\nb\\\\x1b[31mRED'"
    >>> quote("9" * 500)[-8:], quote(10**5000)
    ('99999...', 'a number of about 5,001 digits')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * limit:
        if value.bit_length() < 13_000:  # str() is exact below Python's 4,300-digit limit
            return f"a {len(str(abs(value))):,}-digit number"
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, str) and len(value) > limit:
        value = value[: limit + 1]
    try:
        text = repr(value)
    except Exception:  # a repr that fails (a huge int inside a list) must not hide the message
        text = f"<{type(value).__name__} object>"
    text = one_line(text)  # a custom repr may hold a newline or an escape
    return text if len(text) <= limit else text[:limit] + "..."


def one_line(text: str, limit: int | None = None) -> str:
    r"""``text`` with every non-printable character escaped (so it stays one line), cut after ``limit``.

    For messages that embed user text they did not quote themselves (argparse's).

    >>> one_line("unrecognized arguments: a\x1eb")
    'unrecognized arguments: a\\x1eb'
    """
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if limit is None or len(text) <= limit else text[:limit] + "..."
