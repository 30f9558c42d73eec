"""Notebook 06 (the capstone): predictions 6.p1-6.p3 and exercises 6.1-6.6, checked by the planner's own checks.

Each checker builds your choice into the capstone scenario (``akskit/course/data/capstone.toml``),
plans it with :func:`akskit.plan`, and reports the findings that concern your
choice in plain words, without the fix akskit would suggest (that would be the answer).
:func:`diagnosis` shows a plan's findings the same way: what was found and why it matters, no fix.

:mod:`.predictions` holds 6.p1-6.p3, :mod:`.exercises` 6.1-6.5, :mod:`.classroom` 6.6 (the room's own
cluster), :mod:`.findings` the wording of findings
(and :func:`diagnosis`), :mod:`._peak` the scenario's peak and how people misread it.

>>> from akskit.exercises import check
>>> print(check("6.1", "kubenet"))  # doctest: +ELLIPSIS
Not yet: Pool 'win' runs Windows, which kubenet does not support. kubenet has no Windows support...
"""

from __future__ import annotations

from akskit.exercises.nb06 import classroom, exercises
from akskit.exercises.nb06.findings import diagnosis
from akskit.exercises.nb06.predictions import PREDICTIONS

__all__ = ["EXERCISES", "PREDICTIONS", "diagnosis"]

EXERCISES = exercises.EXERCISES + classroom.EXERCISES
