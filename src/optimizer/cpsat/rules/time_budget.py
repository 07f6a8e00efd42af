"""Each session fits its minutes: sets x (reps x seconds per rep + rest) + setup + warm-up."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..guards import Guards
from ..variables import Variables


def session_seconds(v: Variables, day: str) -> cp_model.LinearExprT:
    return sum(
        item.exercise.set_seconds * item.sets + item.exercise.setup_seconds * item.use
        for item in v.by_day[day]
    )


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, guards: Guards) -> None:
    for day in data.days:
        if v.by_day[day]:
            model.add(session_seconds(v, day) <= data.budget_seconds[day]).only_enforce_if(
                guards(f"session_minutes.{day}")
            )
