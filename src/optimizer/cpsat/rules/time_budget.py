"""Each session fits its minutes: sets x (reps x seconds per rep + rest) + setup + warm-up."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..relax import COST_PER_MINUTE, Relax
from ..variables import Variables

MAX_SESSION_MINUTES = 300  # session_minutes' upper bound in constraints.py


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
        # whole minutes added to the session, up to the file's limit (a repair must stay valid)
        extra = relax.slack(
            key, MAX_SESSION_MINUTES - data.constraints.session_minutes[day], COST_PER_MINUTE
        )
        enforce = [] if relax.is_elastic(key) else relax.on(key)
        model.add(session_seconds(v, day) <= data.budget_seconds[day] + 60 * extra).only_enforce_if(
            enforce
        )
