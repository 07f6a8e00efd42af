"""Each session fits its minutes: sets x (reps x seconds per rep + rest) + setup + warm-up."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..relax import COST_PER_MINUTE, Relax
from ..variables import Variables


def session_seconds(v: Variables, day: str) -> cp_model.LinearExprT:
    return sum(
        item.exercise.set_seconds * item.sets + item.exercise.setup_seconds * item.use
        for item in v.by_day[day]
    )


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
    for day in data.days:
        if not v.by_day[day]:
            continue
        if day not in data.training_days:
            # a day a repair may add: its length is ours (the client's longest), not a rule
            # of the file, so it is neither blamed nor stretched
            model.add(session_seconds(v, day) <= data.budget_seconds[day])
            continue
        key = f"session_minutes.{day}"
        extra = relax.slack(key, 300, COST_PER_MINUTE)  # whole minutes added to the session
        enforce = [] if relax.is_elastic(key) else relax.on(key)
        model.add(session_seconds(v, day) <= data.budget_seconds[day] + 60 * extra).only_enforce_if(
            enforce
        )
