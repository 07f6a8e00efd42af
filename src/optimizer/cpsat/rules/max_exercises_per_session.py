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
from .base import RuleGroup, Step
from .session_caps import add_caps, one_more, raised


class MaxExercisesPerSession(RuleGroup):
    name = "max_exercises_per_session"
    fields = ("max_exercises_per_session",)
    position = 130

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        cap = data.constraints.max_exercises_per_session
        if cap is not None:
            bound = limits.EXERCISES_PER_SESSION
            add_caps(model, v, data, relax, self.name, cap, bound, lambda items: [items])

    def describe(self, key: str, c: Constraints) -> str:
        return f"max_exercises_per_session: {c.max_exercises_per_session}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        return raised(self.name, c.max_exercises_per_session, int(relaxed.value))

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        cap = c.max_exercises_per_session
        reached = cap is not None and any(len(d.exercises) >= cap for d in program.days)
        return one_more(self.name, cap, limits.EXERCISES_PER_SESSION, reached)


GROUP = MaxExercisesPerSession()
