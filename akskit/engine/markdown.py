"""One Markdown link helper, so every table and message labels a page the same way.

>>> markdown_link("https://learn.microsoft.com/en-us/azure/aks/plan-pod-networking")
'[plan-pod-networking](https://learn.microsoft.com/en-us/azure/aks/plan-pod-networking)'
>>> markdown_link("https://github.com/Azure/AKS/issues/4859")
'[Azure/AKS#4859](https://github.com/Azure/AKS/issues/4859)'
>>> markdown_link("https://learn.microsoft.com/en-us/azure/aks/support-policies", "AKS support policies")
'[AKS support policies](https://learn.microsoft.com/en-us/azure/aks/support-policies)'
"""

from __future__ import annotations

from urllib.parse import urlparse

__all__ = ["link_label", "markdown_link"]

_LABEL_ESCAPES = str.maketrans({"[": "\\[", "]": "\\]", "\\": "\\\\", "|": "/", "\n": " "})
_URL_ESCAPES = str.maketrans({"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"})


def link_label(url: str) -> str:
    """A short name for the page at ``url``: ``owner/repo#N`` for a GitHub issue or pull request, else the
    last part of the path (the host for a bare site).

    >>> link_label("https://github.com/Azure/AKS/pull/3491")
    'Azure/AKS#3491'
    >>> link_label("https://azure.microsoft.com/pricing/details/kubernetes-service/")
    'kubernetes-service'
    >>> link_label("https://minikube.sigs.k8s.io/")
    'minikube.sigs.k8s.io'
    """
    parts = urlparse(url)
    path = [p for p in parts.path.split("/") if p]
    if parts.netloc == "github.com" and len(path) >= 4 and path[2] in ("issues", "pull"):
        return f"{path[0]}/{path[1]}#{path[3]}"
    return path[-1] if path else parts.netloc or url


def markdown_link(url: str, label: str | None = None) -> str:
    """``[label](url)``; without ``label``, :func:`link_label` names the page.

    Brackets in the label are escaped and a ``|`` becomes ``/`` (so the link can sit in a
    table cell); parentheses and spaces in the URL are percent-encoded.

    >>> markdown_link("https://example.org/a b", "see [1]")
    '[see \\\\[1\\\\]](https://example.org/a%20b)'
    """
    text = link_label(url) if label is None else label
    return f"[{text.translate(_LABEL_ESCAPES)}]({url.translate(_URL_ESCAPES)})"
