"""Notebook 05 (modern networking): exercises 5.1-5.5 and predictions 5.p1-5.p4, answers from the library.

:mod:`.exercises` holds 5.1-5.5, :mod:`.predictions` 5.p1-5.p4; :mod:`._mistakes` the helpers both use.

>>> from akskit.exercises.nb05 import EXERCISES
>>> [e.id for e in EXERCISES]
['5.1', '5.2', '5.3', '5.4', '5.5']
>>> EXERCISES[1].check(1920).message.startswith("two terms are missing")  # 40 x 48: both slips at once
True
>>> from akskit.exercises.nb05 import PREDICTIONS
>>> [p.id for p in PREDICTIONS]
['5.p1', '5.p2', '5.p3', '5.p4']
"""

from __future__ import annotations

from akskit.exercises.nb05.exercises import EXERCISES
from akskit.exercises.nb05.predictions import PREDICTIONS

__all__ = ["EXERCISES", "PREDICTIONS"]
