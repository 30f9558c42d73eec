"""A node pool's VM size and Kubernetes node labels: parsed once, checked by their published rules.

Neither changes the IP plan; the exports carry them (``--node-vm-size``/``--labels``,
``vmSize``/``nodeLabels``, ``vm_size``/``node_labels``). A label key is an optional DNS
subdomain prefix and ``/``, then a name of 1-63 characters; a value is 0-63 characters
(:data:`LABELS_URL`). A VM size is Azure's size name, such as ``Standard_D4s_v5``
(:data:`VM_SIZES_URL`).

>>> parse_labels("hub.jupyter.org/node-purpose=user;tier=web", "pool 'user' labels")
(('hub.jupyter.org/node-purpose', 'user'), ('tier', 'web'))
>>> check_vm_size("Standard_D4s_v5", "pool 'user' vm_size")
'Standard_D4s_v5'
"""

from __future__ import annotations

import re

from akskit.engine.errors import SpecError, SpecTypeError, quote

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["LABELS_URL", "MAX_LABELS", "VM_SIZES_URL", "Labels", "check_vm_size", "parse_labels"]

#: Kubernetes' label syntax (key prefix, name, value).
LABELS_URL = "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set"
#: Azure VM size names (``Standard_D4s_v5``); AKS takes them as ``--node-vm-size`` / ``vmSize``.
VM_SIZES_URL = "https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/overview"
#: akskit's cap on labels per pool (Kubernetes sets none; a pool with more is almost surely a mistake).
MAX_LABELS = 100

#: A pool's labels inside a spec: sorted (key, value) pairs, so pools stay hashable and compare by content.
Labels = tuple[tuple[str, str], ...]

_VM_SIZE = re.compile(r"[A-Za-z0-9_]{1,64}")
_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?")
_DNS_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
_NAME_RULE = "1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"


def check_vm_size(value: object, what: str) -> str:
    """``value`` as a VM size name: letters, digits and underscores, 1-64 characters."""
    if not isinstance(value, str):
        raise SpecTypeError(f"{what} must be a VM size name such as 'Standard_D4s_v5' (got {quote(value)})")
    text = value.strip()
    if not _VM_SIZE.fullmatch(text):
        raise SpecError(
            f"{what} {quote(value)} is not a VM size name: 1-64 letters, digits and underscores, such as "
            f"'Standard_D4s_v5' ({VM_SIZES_URL}); leave it out for the placeholder"
        )
    return text


def _check_key(key: str, what: str) -> None:
    prefix, slash, name = key.rpartition("/")
    if not _NAME.fullmatch(name):
        raise SpecError(
            f"{what} key {quote(key)} is not a Kubernetes label key: its name (after any 'prefix/') must be "
            f"{_NAME_RULE}, such as 'node-purpose' ({LABELS_URL})"
        )
    if slash and (len(prefix) > 253 or not all(_DNS_LABEL.fullmatch(part) for part in prefix.split("."))):
        raise SpecError(
            f"{what} key {quote(key)} has prefix {quote(prefix)}, not a DNS subdomain: at most 253 characters, "
            f"dot-separated lowercase letters, digits and '-', such as 'hub.jupyter.org' ({LABELS_URL})"
        )


def _check_value(key: str, value: object, what: str) -> str:
    if not isinstance(value, str):
        raise SpecTypeError(f"{what} value of {quote(key)} must be text such as 'user' (got {quote(value)})")
    if value and not _NAME.fullmatch(value):
        raise SpecError(
            f"{what} value {quote(value)} of {quote(key)} is not a Kubernetes label value: empty, or "
            f"{_NAME_RULE} ({LABELS_URL})"
        )
    return value


def _pairs_from_text(text: str, what: str) -> list[tuple[str, str]]:
    pairs = []
    for part in filter(None, (s.strip() for s in text.split(";"))):
        key, eq, value = part.partition("=")
        if not eq:
            raise SpecError(
                f"{what} {quote(part)} is not key=value: write labels as key=value pairs joined by ';', "
                f"such as 'hub.jupyter.org/node-purpose=user;tier=web'"
            )
        pairs.append((key.strip(), value.strip()))
    return pairs


def parse_labels(value: Mapping[str, str] | str | Labels | None, what: str) -> Labels:
    """Labels from a mapping, ``key=value`` text joined by ``;``, or pairs: checked, sorted by key.

    Raises:
        SpecError: a key or value outside Kubernetes' syntax, a key given twice, more than :data:`MAX_LABELS`.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        pairs = _pairs_from_text(value, what)
    elif hasattr(value, "items"):
        pairs = list(value.items())
    elif isinstance(value, (tuple, list)) and all(isinstance(p, (tuple, list)) and len(p) == 2 for p in value):
        pairs = [(k, v) for k, v in value]
    else:
        raise SpecTypeError(
            f"{what} must be a table of key = value (a TOML table, a JSON object) such as "
            f"{{'hub.jupyter.org/node-purpose' = 'user'}} (got {quote(value)})"
        )
    if len(pairs) > MAX_LABELS:
        raise SpecError(
            f"{what} lists {len(pairs):,} labels: at most {MAX_LABELS} per pool; keep the ones you select on"
        )
    seen: dict[str, str] = {}
    for key, text in pairs:
        if not isinstance(key, str):
            raise SpecTypeError(f"{what} keys must be text such as 'tier' (got {quote(key)})")
        _check_key(key, what)
        if key in seen:
            raise SpecError(f"{what} gives key {quote(key)} twice: keep one")
        seen[key] = _check_value(key, text, what)
    return tuple(sorted(seen.items()))
