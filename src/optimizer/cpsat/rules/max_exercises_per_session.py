"""max_exercises_per_session: at most this many exercises in one session (none: no cap)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ... import limits
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step, set_edit

COST_PER_EXERCISE = 10  # one more exercise in every session: about one more set's worth


class MaxExercisesPerSession(RuleGroup):
    name = "max_exercises_per_session"
    fields = ("max_exercises_per_session",)
    position = 130

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        cap = data.constraints.max_exercises_per_session
        if cap is None:
            return
        key = self.name
        # a repair stays within the field's own limit, so it is a valid file
        extra = relax.slack(key, int(limits.EXERCISES_PER_SESSION.high) - cap, COST_PER_EXERCISE)
        enforce = relax.enforce(key)
        for day in data.days:
            items = v.by_day[day]
            if len(items) > cap:  # fewer candidates than the cap: it cannot bind
                model.add(sum(item.use for item in items) <= cap + extra).only_enforce_if(enforce)

    def describe(self, key: str, c: Constraints) -> str:
        return f"max_exercises_per_session: {c.max_exercises_per_session}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        before = c.max_exercises_per_session
        if before is None:
            return None
        after = before + int(relaxed.value)
        return set_edit(self.name, before, after, f"max_exercises_per_session {before} -> {after}")

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        cap = c.max_exercises_per_session
        if cap is None or cap >= limits.EXERCISES_PER_SESSION.high:
            return []
        if not any(len(day.exercises) >= cap for day in program.days):
            return []  # no session is at the cap: one more cannot change the week
        edit = set_edit(self.name, cap, cap + 1, "")
        return [Step(self.name, f"max_exercises_per_session {cap} -> {cap + 1}", (edit,))]


GROUP = MaxExercisesPerSession()
