"""max_days_per_exercise: an exercise is on at most this many training days a week (default 2).

A main lift on two days is how a coach writes an upper/lower or full-body week; "no exercise
twice a week" made the upper/lower client squat on a hack squat one day and a Smith machine the
other (issue 13). Never twice in one session needs no constraint: the model has one (day,
exercise) variable, so a session lists an exercise at most once by construction. Spacing
between the days is `recovery_hours`' business: it reads the exercise's primary muscles.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from ... import limits
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step
from .session_caps import COST_PER_STEP, one_more, raised


class MaxDaysPerExercise(RuleGroup):
    name = "max_days_per_exercise"
    fields = ("max_days_per_exercise",)
    # where "no exercise twice a week" was, so every other group keeps its place in the model
    position = 20
    # a rule of how a program is written, like sets_per_exercise: a conflict leans away from
    # it towards the rules a client changes (minutes, days, requirements)
    deletion_rank = 1

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        cap = data.constraints.max_days_per_exercise
        bound = limits.DAYS_PER_EXERCISE
        # an elastic rule may rise to the field's own limit, so a repair stays a valid file
        extra = relax.slack(self.name, int(bound.high) - cap, COST_PER_STEP)
        enforce = relax.enforce(self.name)
        for items in v.by_exercise.values():
            if len(items) <= cap:  # on fewer days than the cap: it cannot bind
                continue
            model.add(sum(item.use for item in items) <= cap + extra).only_enforce_if(enforce)

    def describe(self, key: str, c: Constraints) -> str:
        return f"max_days_per_exercise: {c.max_days_per_exercise}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        return raised(self.name, c.max_days_per_exercise, int(relaxed.value))

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        cap = c.max_days_per_exercise
        days: dict[str, int] = {}
        for day in program.days:
            for ex in {e.id for e in day.exercises}:
                days[ex] = days.get(ex, 0) + 1
        reached = any(n >= cap for n in days.values())
        return one_more(self.name, cap, limits.DAYS_PER_EXERCISE, reached)


GROUP = MaxDaysPerExercise()
