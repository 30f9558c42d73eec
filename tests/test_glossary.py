"""The glossary (notebooks/glossary.md): every term the course links to exists, and every link lands.

The anchors are explicit ``<a id="..."></a>`` tags, so ``glossary.md#vnet`` works the same in
JupyterLab, JupyterLite and the static site (whose heading ids differ from GitHub's).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "notebooks" / "glossary.md"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: The terms every notebook may link to (issue 9's shared list): each must have its anchor.
TERMS = (
    "vnet", "subnet", "cidr", "node-pool", "control-plane", "cni", "ipam", "pod-cidr", "service-cidr", "udr",
    "ip-forwarding", "nat", "snat", "peering", "expressroute", "overlay", "data-plane", "ebpf", "max-pods", "surge",
    "cordon-and-drain", "ip-masq-agent", "private-endpoint", "load-balancer", "azure-policy", "autoscaler",
    "pre-allocated-ips",
)  # fmt: skip
LINK = re.compile(r"glossary\.md#([A-Za-z0-9_-]*)")


def anchors() -> list[str]:
    """The ids of the glossary's explicit anchors, in order."""
    return re.findall(r'<a id="([^"]+)"></a>', GLOSSARY.read_text(encoding="utf-8"))


def _entries() -> dict[str, str]:
    """Each anchor's entry text: from its anchor to the next one (or the next section)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    parts = re.split(r'<a id="([^"]+)"></a>', text)
    return {parts[i]: re.split(r"^## ", parts[i + 1], flags=re.M)[0] for i in range(1, len(parts), 2)}


def test_every_term_has_an_anchor() -> None:
    assert sorted(set(TERMS) - set(anchors())) == []


def test_anchors_are_unique() -> None:
    found = anchors()
    assert sorted({a for a in found if found.count(a) > 1}) == []


@pytest.mark.parametrize("term", TERMS)
def test_each_entry_is_short_and_headed(term: str) -> None:
    """A heading right after the anchor, then one or two short paragraphs (a few sentences)."""
    entry = _entries()[term].strip()
    assert entry.startswith("### "), entry[:60]
    body = entry.split("\n", 1)[1].strip()
    sentences = re.findall(r"[.!?](?:\s|$)|[.!?]\)", body.replace("e.g.", "eg"))
    assert 1 <= len(sentences) <= 4, body
    assert len(body) <= 600, len(body)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_glossary_links_land(path: Path) -> None:
    """Every ``glossary.md#x`` link in a notebook's Markdown points at an anchor that exists."""
    known = set(anchors())
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    links = {m for c in cells if c["cell_type"] == "markdown" for m in LINK.findall("".join(c["source"]))}
    assert sorted(links - known) == []


def test_notebook_01_links_the_terms_it_introduces() -> None:
    text = (ROOT / "notebooks" / "01_kubernetes_architecture.ipynb").read_text(encoding="utf-8")
    for term in ("vnet", "control-plane", "subnet", "max-pods", "surge", "node-pool"):
        assert f"glossary.md#{term})" in text, term


def test_readme_links_the_glossary() -> None:
    assert "(notebooks/glossary.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_offline_site_ships_the_glossary_and_the_cheat_sheet(tmp_path: Path) -> None:
    """lite/build.py stages the glossary beside the notebooks (their links are relative) and the cheat sheet."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("lite_build_for_glossary", ROOT / "lite" / "build.py")
    build = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(build)  # type: ignore[union-attr]
    names = build.stage_contents(tmp_path / "content")
    assert {"glossary.md", "cheatsheet.md", *(p.name for p in NOTEBOOKS)} <= set(names)
    assert (tmp_path / "content" / "glossary.md").read_text(encoding="utf-8") == GLOSSARY.read_text(encoding="utf-8")
    assert "| Usable IPs in a subnet |" in (tmp_path / "content" / "cheatsheet.md").read_text(encoding="utf-8")
