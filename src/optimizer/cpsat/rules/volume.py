"""Volume rules in half-sets: per muscle per session, each target's weekly max, and strict
minimums."""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..relax import COST_PER_HALF_SET, Relax
from ..variables import Item, Variables

SESSION_KEY = "max_muscle_sets_per_session"
# upper bounds of max_muscle_sets_per_session and of a target's max in constraints.py
MAX_SESSION_SETS = 50
MAX_TARGET_SETS = 200


def half_sets(items: Iterable[Item], muscle: str) -> cp_model.LinearExprT:
    """Fractional sets x 2 (a primary set gives 2, a secondary set 1): integer coefficients."""
    return sum(
        item.exercise.credit(muscle) * item.sets for item in items if item.exercise.credit(muscle)
    )


def weekly_half_sets(v: Variables, muscle: str) -> cp_model.LinearExprT:
    return half_sets(v.items, muscle)


def _reach(items: list[Item], muscle: str, sets_max: int) -> int:
    return sum(i.exercise.credit(muscle) for i in items) * sets_max


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
    cap = data.session_cap_half_sets
    # slacks stay within the file's limits, so a repair read back from them is a valid file
    room = MAX_SESSION_SETS - data.constraints.max_muscle_sets_per_session
    extra = relax.slack(SESSION_KEY, int(room * 2 + 1e-9), COST_PER_HALF_SET)
    enforce = [] if relax.is_elastic(SESSION_KEY) else relax.on(SESSION_KEY)
    for day in data.days:
        for muscle in data.muscles:
            items = [i for i in v.by_day[day] if i.exercise.credit(muscle)]
            # Skip caps that cannot bind: even all items at max sets stay under the cap.
            if _reach(items, muscle, data.sets_max) > cap:
                model.add(half_sets(items, muscle) <= cap + extra).only_enforce_if(enforce)
    for muscle, spec in data.targets.items():
        items = [i for i in v.items if i.exercise.credit(muscle)]
        limit = spec.max_half_sets
        key = f"targets.{muscle}.max"
        if limit is not None and _reach(items, muscle, data.sets_max) > limit:
            more = relax.slack(key, int((MAX_TARGET_SETS - spec.max) * 2 + 1e-9), COST_PER_HALF_SET)
            model.add(half_sets(items, muscle) <= limit + more).only_enforce_if(
                [] if relax.is_elastic(key) else relax.on(key)
            )
        key = f"targets.{muscle}.min"
        if spec.strict and spec.min_half_sets > 0:
            less = relax.slack(key, spec.min_half_sets, COST_PER_HALF_SET)
            model.add(half_sets(items, muscle) >= spec.min_half_sets - less).only_enforce_if(
                [] if relax.is_elastic(key) else relax.on(key)
            )
