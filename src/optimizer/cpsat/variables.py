"""Decision variables: for every training day and candidate exercise, is it used and how many sets.

Position in the session is not a variable: intensity is a property of the exercise, so sorting
the chosen exercises gives an order that satisfies the ordering rule exactly (see ordering.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..catalog import Exercise
from ..problem import ProblemData


@dataclass
class Item:
    """One (day, exercise) choice."""

    day: str
    exercise: Exercise
    use: cp_model.IntVar
    sets: cp_model.IntVar


@dataclass
class Variables:
    model: cp_model.CpModel
    items: list[Item] = field(default_factory=list)
    by_day: dict[str, list[Item]] = field(default_factory=dict)
    by_exercise: dict[str, list[Item]] = field(default_factory=dict)
    # (muscle, day) -> "the muscle is worked as primary that day", made by the recovery rule
    trained: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)

    @classmethod
    def create(cls, model: cp_model.CpModel, data: ProblemData) -> Variables:
        out = cls(model)
        for day in data.days:
            out.by_day[day] = []
            for ex in data.candidates[day]:
                use = model.new_bool_var(f"use[{day},{ex.id}]")
                sets = model.new_int_var(0, data.sets_max, f"sets[{day},{ex.id}]")
                item = Item(day, ex, use, sets)
                out.items.append(item)
                out.by_day[day].append(item)
                out.by_exercise.setdefault(ex.id, []).append(item)
        return out

    def session_seconds(self, day: str) -> cp_model.LinearExprT:
        """Exercise time of `day`: sets x (reps x seconds per rep + rest) + setup."""
        return sum(
            item.exercise.set_seconds * item.sets + item.exercise.setup_seconds * item.use
            for item in self.by_day[day]
        )

    def weekly_half_sets(self, muscle: str) -> cp_model.LinearExprT:
        return half_sets(self.items, muscle)

    def chosen(self, solver: cp_model.CpSolver) -> dict[str, list[tuple[Exercise, int]]]:
        """The solved assignment as {day: [(exercise, sets), ...]} in catalog order."""
        out: dict[str, list[tuple[Exercise, int]]] = {day: [] for day in self.by_day}
        for item in self.items:
            if solver.boolean_value(item.use):
                out[item.day].append((item.exercise, int(solver.value(item.sets))))
        return out


def half_sets(items: Iterable[Item], muscle: str) -> cp_model.LinearExprT:
    """Fractional sets x 2 (a primary set gives 2, a secondary set 1): integer coefficients."""
    return sum(
        item.exercise.credit(muscle) * item.sets for item in items if item.exercise.credit(muscle)
    )
