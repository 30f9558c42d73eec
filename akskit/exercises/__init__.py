"""Exercise and prediction checkers for the course, one module or package per notebook
(``nb03`` holds 3.1, 3.p1, ...).

Every public module of this package is read at import: its ``EXERCISES`` (ids ``"N.K"``) and
``PREDICTIONS`` (ids ``"N.pK"``) land in one registry, :data:`QUESTIONS`, that :func:`check`
reads. See :mod:`akskit.exercises._core` for how a module declares them.

>>> from akskit.exercises import check
>>> bool(check("3.1", 59))
True
>>> check("3.1", ...).message
'Not answered yet: replace `...` with your answer (your prediction), then run this cell.'
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from akskit.engine.errors import quote
from akskit.exercises._core import NOT_ANSWERED, Exercise, Expected, Feedback

__all__ = ["EXERCISES", "NOT_ANSWERED", "PREDICTIONS", "QUESTIONS", "Exercise", "Expected", "Feedback", "check"]


def _modules() -> list[ModuleType]:
    """The public modules of this package (nb01, nb02, ..., and any new one), in name order."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def _registry(modules: list[ModuleType]) -> dict[str, Exercise]:
    """Every exercise and prediction by id; an id in the wrong tuple or declared twice is refused."""
    found: dict[str, Exercise] = {}
    for module in modules:
        for tuple_name, predictions in (("EXERCISES", False), ("PREDICTIONS", True)):
            for question in getattr(module, tuple_name, ()):
                where = f"{module.__name__}.{tuple_name}"
                if question.is_prediction is not predictions:
                    kind = "'N.pK'" if predictions else "'N.K'"
                    raise ValueError(f"{where} holds {quote(question.id)}; ids there look like {kind}")
                if question.id in found:
                    raise ValueError(f"{where} declares {quote(question.id)} a second time; give it a new id")
                found[question.id] = question
    return found


#: Every question, exercises and predictions alike, by id: what :func:`check` reads.
QUESTIONS: dict[str, Exercise] = _registry(_modules())
#: The exercises ("N.K") only.
EXERCISES: dict[str, Exercise] = {k: q for k, q in QUESTIONS.items() if not q.is_prediction}
#: The predictions ("N.pK") only.
PREDICTIONS: dict[str, Exercise] = {k: q for k, q in QUESTIONS.items() if q.is_prediction}


def check(exercise_id: str, answer: object) -> Feedback:
    """Check ``answer`` to exercise or prediction ``exercise_id`` (such as ``"3.2"`` or ``"3.p1"``)."""
    if not isinstance(exercise_id, str) or exercise_id not in QUESTIONS:
        known = ", ".join(sorted(QUESTIONS))
        return Feedback(False, f"there is no exercise or prediction {quote(exercise_id)}; they are {known}.")
    return QUESTIONS[exercise_id].check(answer)
