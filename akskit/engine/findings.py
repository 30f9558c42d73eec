"""Findings: what a check says about a plan, in a form people and programs can use.

>>> f = Finding("service-cidr-too-large", Severity.ERROR, "service CIDR 10.0.0.0/8 ...", "https://...")
>>> f.severity.value
'error'
"""

from __future__ import annotations

from enum import StrEnum

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes without importing dataclasses (akskit.engine.values says why)
    from akskit.engine.values import dataclass

__all__ = ["Finding", "Severity"]


class Severity(StrEnum):
    """How much a finding matters: errors stop a deployment, warnings cost later, info teaches."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of one check.

    Attributes:
        code: a stable kebab-case identifier, such as ``node-subnet-too-small``.
        severity: error, warning or info.
        message: what is wrong, with the value as given, the rule, and a fix.
        url: the Microsoft page that states the rule.
        prevents: the AKS resource-provider error this check heads off, if known.
    """

    code: str
    severity: Severity
    message: str
    url: str
    prevents: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The finding as plain JSON-ready values."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "url": self.url,
            "prevents": self.prevents,
        }
