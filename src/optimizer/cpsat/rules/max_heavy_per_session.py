"""max_heavy_per_session: at most this many intensity-5 lifts in one session (default 2).

Intensity 5 is the catalog's tier of heavy axial barbell work (back and front squats,
deadlifts, good mornings, bent-over rows, the standing press): three of them in one session
is more spinal and systemic fatigue than a coach plans (issue 13: the article's Monday got
back squat, deadlift and Romanian deadlift)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ... import limits
from ...catalog import HEAVY_INTENSITY
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Item, Variables
from .base import RuleGroup, Step
from .session_caps import add_caps, one_more, raised


def heavy(items: list[Item]) -> list[list[Item]]:
    return [[i for i in items if i.exercise.intensity >= HEAVY_INTENSITY]]


class MaxHeavyPerSession(RuleGroup):
    name = "max_heavy_per_session"
    fields = ("max_heavy_per_session",)
    position = 140

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        cap = data.constraints.max_heavy_per_session
        if cap is not None:
            add_caps(model, v, data, relax, self.name, cap, limits.HEAVY_PER_SESSION, heavy)

    def describe(self, key: str, c: Constraints) -> str:
        return f"max_heavy_per_session: {c.max_heavy_per_session}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        return raised(self.name, c.max_heavy_per_session, int(relaxed.value))

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        cap = c.max_heavy_per_session
        reached = cap is not None and any(
            sum(e.intensity >= HEAVY_INTENSITY for e in d.exercises) >= cap for d in program.days
        )
        return one_more(self.name, cap, limits.HEAVY_PER_SESSION, reached)


GROUP = MaxHeavyPerSession()
