"""Exercise checkers for the course, one module per notebook (``nb03`` holds 3.1, 3.2, ...).

>>> from akskit.exercises import check
>>> bool(check("3.1", 59))
True
"""

from __future__ import annotations

from akskit.engine.errors import quote
from akskit.exercises import nb01, nb02, nb03, nb04, nb05, nb06
from akskit.exercises._core import Exercise, Feedback

__all__ = ["EXERCISES", "Exercise", "Feedback", "check"]

EXERCISES: dict[str, Exercise] = {e.id: e for module in (nb01, nb02, nb03, nb04, nb05, nb06) for e in module.EXERCISES}


def check(exercise_id: str, answer: object) -> Feedback:
    """Check ``answer`` to exercise ``exercise_id`` (such as ``"3.2"``)."""
    if not isinstance(exercise_id, str) or exercise_id not in EXERCISES:
        known = ", ".join(sorted(EXERCISES))
        return Feedback(False, f"there is no exercise {quote(exercise_id)}; the exercises are {known}.")
    return EXERCISES[exercise_id].check(answer)
