"""Explorers compute once: one computation (one plan per model shown) when built and per valid change.

The counting wrappers replace ``plan`` and each explorer's data builder where the
modules look them up (their own module globals), so a second call anywhere on the
path, in the widget or in the course function under it, is counted.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")

import akskit.engine.plans
from akskit.widgets import AzureCniExplorer, CompareExplorer, Explorer, KubenetExplorer, PlannerApp, UpgradeExplorer

#: Per explorer: how many models one computation plans (one plan each), the data builder it calls
#: (module, name), and valid changes, one per control (values a learner can pick, none rejected).
CASES: dict[type[Explorer], tuple[int, tuple[str, str], list[tuple[str, Any]]]] = {
    KubenetExplorer: (
        1,
        ("akskit.widgets.subnet", "usage_view"),
        [
            ("nodes", 60),
            ("max_pods", 50),
            ("max_surge", "1"),
            ("node_subnet", "10.224.0.0/23"),
            ("pod_cidr", "10.244.0.0/15"),
        ],
    ),
    AzureCniExplorer: (
        2,  # kubenet and Azure CNI side by side
        ("akskit.widgets.subnet", "usage_view"),
        [("nodes", 6), ("max_pods", 20), ("max_surge", "1"), ("node_subnet", "10.224.0.0/23")],
    ),
    CompareExplorer: (
        6,  # every network model
        ("akskit.widgets.compare", "comparison_view"),
        [("nodes", 60), ("max_pods", 50), ("max_surge", "1"), ("vnet", "10.224.0.0/12"), ("log_y", False)],
    ),
    PlannerApp: (
        1,
        ("akskit.widgets.planner", "usage_view_of"),
        [
            ("model", "kubenet"),
            ("dataplane", "cilium"),  # a plan with an error finding is still one good computation
            ("nodes", 40),
            ("max_count", 60),
            ("max_pods", 40),
            ("max_surge", "2"),
            ("node_subnet", "10.224.0.0/20"),
            ("pod_cidr", "10.244.0.0/15"),
            ("service_cidr", "10.100.0.0/16"),
            ("dns_service_ip", "10.100.0.10"),
            ("model", "pod-subnet"),
            ("pod_subnet", "10.225.0.0/20"),
        ],
    ),
    UpgradeExplorer: (
        0,  # a timeline needs no plan: one call of model_timeline
        ("akskit.widgets.upgrade", "model_timeline"),
        [("pool_size", 20), ("max_surge", "1"), ("model", "kubenet"), ("max_pods", 50)],
    ),
}


class Calls:
    """What the counting wrappers saw since the last :meth:`take`."""

    def __init__(self) -> None:
        self.specs: Counter[Any] = Counter()
        self.builds = 0
        self.draws = 0

    def take(self) -> tuple[int, int, int, int]:
        """(plans, most plans of one spec, data builds, draws), then start counting afresh."""
        seen = (sum(self.specs.values()), max(self.specs.values(), default=0), self.builds, self.draws)
        self.specs.clear()
        self.builds = self.draws = 0
        return seen


def _counting(real: Callable[..., Any], count: Callable[..., None]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        count(*args, **kwargs)
        return real(*args, **kwargs)

    return wrapper


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Calls:
    """Count ``plan`` calls in every akskit module that looks it up, the data builder's calls, and draws."""
    cls: type[Explorer] = request.param
    seen = Calls()
    real_plan = akskit.engine.plans.plan

    def count_plan(spec: Any, *_: Any, **__: Any) -> None:
        seen.specs[spec] += 1

    def count_build(*_: Any, **__: Any) -> None:
        seen.builds += 1

    def count_draw(*_: Any, **__: Any) -> None:
        seen.draws += 1

    for name, module in list(sys.modules.items()):
        if name.startswith("akskit") and getattr(module, "plan", None) is real_plan:
            monkeypatch.setattr(module, "plan", _counting(real_plan, count_plan))
    module_name, builder = CASES[cls][1]
    module = sys.modules[module_name]
    monkeypatch.setattr(module, builder, _counting(getattr(module, builder), count_build))
    monkeypatch.setattr(cls, "draw", _counting(cls.draw, count_draw))
    return seen


ALL = pytest.mark.parametrize("calls", list(CASES), indirect=True, ids=lambda c: c.__name__)


def _explorer(request: pytest.FixtureRequest) -> tuple[type[Explorer], int, list[tuple[str, Any]]]:
    cls: type[Explorer] = request.node.callspec.params["calls"]
    models, _, changes = CASES[cls]
    return cls, models, changes


@ALL
def test_build_computes_once(calls: Calls, request: pytest.FixtureRequest) -> None:
    """Building calls the data builder once and builds the figure from it: nothing is redrawn."""
    cls, _, _ = _explorer(request)
    ui = cls()
    assert ui.error == ""
    _, _, builds, draws = calls.take()
    assert (builds, draws) == (1, 0)


@ALL
def test_build_plans_each_model_once(calls: Calls, request: pytest.FixtureRequest) -> None:
    """Building plans each model shown once: as many plans as models, no spec twice."""
    cls, models, _ = _explorer(request)
    cls()
    plans, most, _, _ = calls.take()
    assert (plans, most) == (models, min(models, 1))


@ALL
def test_each_valid_change_computes_once(calls: Calls, request: pytest.FixtureRequest) -> None:
    """Each valid change, one control at a time: one data build and one draw."""
    cls, _, changes = _explorer(request)
    ui = cls()
    calls.take()
    for control, value in changes:
        ui.controls[control].value = value
        assert ui.error == "", (control, value, ui.error)
        _, _, builds, draws = calls.take()
        assert (builds, draws) == (1, 1), (control, value)


@ALL
def test_each_valid_change_plans_each_model_once(calls: Calls, request: pytest.FixtureRequest) -> None:
    """Each valid change plans each model shown once."""
    cls, models, changes = _explorer(request)
    ui = cls()
    calls.take()
    for control, value in changes:
        ui.controls[control].value = value
        plans, most, _, _ = calls.take()
        assert (plans, most) == (models, min(models, 1)), (control, value)


@ALL
def test_first_figure_is_the_first_computation(calls: Calls, request: pytest.FixtureRequest) -> None:
    """The figure built from the first computation is the one a redraw of the same values gives."""
    cls, _, _ = _explorer(request)
    ui = cls()
    built = ui.figure.to_dict()
    ui.refresh()
    assert ui.figure.to_dict() == built


def test_bad_input_does_not_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rejected value plans nothing and draws nothing: the last good figure stays."""
    ui = PlannerApp()
    drawn: list[object] = []
    monkeypatch.setattr(PlannerApp, "draw", lambda self, data: drawn.append(data))
    ui.controls["node_subnet"].value = "garbage"
    assert ui.error.startswith("node subnet 'garbage'")
    assert drawn == []
