"""Notebook 04 (Azure CNI Node Subnet): predictions 4.p1-4.p4 and exercises 4.1-4.5; answers from the planner.

Known slips (the node's own IP, the surge nodes, the legacy surge of 1, Azure's 5 reserved
addresses, an IP count where a prefix was asked) are recomputed from the same plan with
that term changed, so each wrong value a slip produces gets its own explanation. When two
slips give the same wrong value, the explanation names each. No exercise's answer is on the
screen above it: each uses numbers the notebook never shows, or asks why.

:mod:`.predictions` holds 4.p1-4.p4, :mod:`.exercises` 4.1-4.5, :mod:`._slips` the slips and plans both use.

>>> from akskit.exercises.nb04 import EXERCISES, PREDICTIONS
>>> [e.id for e in EXERCISES], [p.id for p in PREDICTIONS]
(['4.1', '4.2', '4.3', '4.4', '4.5'], ['4.p1', '4.p2', '4.p3', '4.p4'])
"""

from __future__ import annotations

from akskit.exercises.nb04.exercises import EXERCISES
from akskit.exercises.nb04.predictions import PREDICTIONS

__all__ = ["EXERCISES", "PREDICTIONS"]
