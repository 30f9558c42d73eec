"""The planner's findings as notebook 06's checkers say them: what was found and why it matters, never the fix."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from akskit.course.scenario import Scenario
from akskit.engine.errors import AksKitError
from akskit.engine.explain import Explanation, explanations
from akskit.engine.findings import Severity
from akskit.engine.results import Plan
from akskit.engine.tables import Table
from akskit.exercises._core import Feedback

__all__ = ["diagnosis", "findings_about", "guarded", "mentions", "say_findings"]


def guarded(checker: Callable[[Any], Feedback]) -> Callable[[Any], Feedback]:
    """Turn the library's errors (a bad CIDR, a missing scenario file) into feedback, never a traceback."""

    def run(answer: Any) -> Feedback:
        try:
            return checker(answer)
        except AksKitError as exc:
            return Feedback(False, f"{exc}.")

    run.__doc__ = checker.__doc__
    return run


def findings_about(p: Plan, keep: Callable[[Explanation], bool]) -> list[Explanation]:
    """The error and warning findings of ``p`` that ``keep`` says concern the learner's choice."""
    return [e for e in explanations(p) if e.severity is not Severity.INFO and keep(e)]


def say_findings(problems: Iterable[Explanation], scenario: Scenario) -> str:
    """What is wrong and why: each finding's observation, then its meaning once per kind; never the fix."""
    by_code: dict[str, list[Explanation]] = {}
    for e in problems:
        by_code.setdefault(e.code, []).append(e)
    parts = []
    for group in by_code.values():
        # the rule after the first ": " is the same within a kind: say it once, after the last observation
        seen = [e.found.split(": ", 1)[0] for e in group[:-1]] + [group[-1].found]
        found = "; ".join(_name_peers(text, scenario) for text in seen)
        parts.append(f"{found[0].upper()}{found[1:]}. {group[0].meaning}")
    return " ".join(parts)


def _name_peers(text: str, scenario: Scenario) -> str:
    for peer in scenario.peers:
        text = text.replace(f"peered range {peer.cidr}", f"peered range {peer.cidr} ({peer.name})")
    return text


def mentions(*roles: str) -> Callable[[Explanation], bool]:
    return lambda e: any(role in e.found for role in roles)


def diagnosis(p: Plan, *codes: str) -> Table:
    """``p``'s findings as the checkers say them: severity, what akskit found, what it means; never the fix.

    The notebook shows the first draft's findings this way above the exercises, so akskit's
    suggested values (which would answer them) stay hidden until the learner has designed.
    ``codes`` keeps only the findings whose code starts with one of them (``"service"``).

    >>> from akskit.course.scenario import design, load_scenario
    >>> from akskit.engine.plans import plan
    >>> draft = plan(design(load_scenario(), model="kubenet", node_subnet="10.224.0.0/24"))
    >>> [row[1] for row in diagnosis(draft, "kubenet-windows").rows]
    ["pool 'win' runs Windows, which kubenet does not support"]
    >>> diagnosis(plan(design(load_scenario(), model="overlay", service_cidr="172.16.0.0/16"))).rows[0][1]
    'no findings'
    """
    found = [e for e in explanations(p) if not codes or e.code.startswith(codes)]
    header = ("severity", "what akskit found", "what it means")
    if not found:
        return Table(header, [("-", "no findings", "the plan passes every check akskit makes")])
    return Table(header, [(e.severity.value, e.found, e.meaning) for e in found])
