"""Recovery: the same primary muscle is never trained on two days closer than recovery_hours."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..guards import Guards
from ..variables import Variables


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, guards: Guards) -> None:
    if not data.close_pairs:
        return
    close_days = {d for pair in data.close_pairs for d in pair}
    # trained[m, d] is only forced up by the exercises that work m as primary on d; the solver
    # never gains from setting it needlessly, so it acts as the OR without extra clauses.
    trained: dict[tuple[str, str], cp_model.IntVar] = {}
    for day in close_days:
        for item in v.by_day[day]:
            for muscle in item.exercise.primary:
                key = (muscle, day)
                if key not in trained:
                    trained[key] = model.new_bool_var(f"trained[{muscle},{day}]")
                model.add_implication(item.use, trained[key])
    enforce = guards("recovery_hours")
    for a, b in data.close_pairs:
        for muscle in data.muscles:
            if (muscle, a) in trained and (muscle, b) in trained:
                model.add_bool_or([~trained[(muscle, a)], ~trained[(muscle, b)]]).only_enforce_if(
                    enforce
                )
