"""Volume limits in half-sets: per muscle per session, and each target's weekly max."""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..guards import Guards
from ..variables import Item, Variables


def half_sets(items: Iterable[Item], muscle: str) -> cp_model.LinearExprT:
    """Fractional sets x 2 (a primary set gives 2, a secondary set 1): integer coefficients."""
    return sum(
        item.exercise.credit(muscle) * item.sets for item in items if item.exercise.credit(muscle)
    )


def weekly_half_sets(v: Variables, muscle: str) -> cp_model.LinearExprT:
    return half_sets(v.items, muscle)


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, guards: Guards) -> None:
    cap = data.session_cap_half_sets
    for day in data.days:
        for muscle in data.muscles:
            items = [i for i in v.by_day[day] if i.exercise.credit(muscle)]
            # Skip caps that cannot bind: even all items at max sets stay under the cap.
            if sum(i.exercise.credit(muscle) for i in items) * data.sets_max > cap:
                model.add(half_sets(items, muscle) <= cap).only_enforce_if(
                    guards("max_muscle_sets_per_session")
                )
    for muscle, spec in data.targets.items():
        limit = spec.max_half_sets
        if limit is None:
            continue
        items = [i for i in v.items if i.exercise.credit(muscle)]
        if sum(i.exercise.credit(muscle) for i in items) * data.sets_max > limit:
            model.add(half_sets(items, muscle) <= limit).only_enforce_if(
                guards(f"targets.{muscle}.max")
            )
