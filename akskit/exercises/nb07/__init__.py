"""Notebook 07 (when AKS says no): predictions 7.p1-7.p4 on published error texts, exercises 7.1-7.4.

:mod:`.predictions` holds 7.p1-7.p4 (and the error texts the notebook quotes), :mod:`.exercises`
7.1-7.4; both end in the helpers of :mod:`akskit.exercises._core`.

>>> from akskit.exercises.nb07 import EXERCISES, PREDICTIONS
>>> [e.id for e in EXERCISES], [p.id for p in PREDICTIONS]
(['7.1', '7.2', '7.3', '7.4'], ['7.p1', '7.p2', '7.p3', '7.p4'])
>>> EXERCISES[0].check("c").message
'at create AKS counts no surge; surge comes with upgrades.'
"""

from __future__ import annotations

from akskit.exercises.nb07.exercises import EXERCISES
from akskit.exercises.nb07.predictions import PREDICTIONS

__all__ = ["EXERCISES", "PREDICTIONS"]
