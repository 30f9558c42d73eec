"""Explorers: controls bound to valid ranges, one live figure, a summary and a status line.

The only part of akskit that imports ipywidgets. Each explorer exposes
``controls`` (set ``.value`` to drive it), ``figure``, ``caption``, ``status``
and ``ui``; bad input shows the library's message in ``status`` and leaves the
last good figure in place. Displayed where widgets cannot run, an explorer shows
its figure and summary as static HTML.
"""

from __future__ import annotations

from akskit.widgets._base import Explorer
from akskit.widgets.compare import CompareExplorer
from akskit.widgets.planner import PlannerApp
from akskit.widgets.subnet import AzureCniExplorer, KubenetExplorer
from akskit.widgets.upgrade import UpgradeExplorer

__all__ = ["AzureCniExplorer", "CompareExplorer", "Explorer", "KubenetExplorer", "PlannerApp", "UpgradeExplorer"]
