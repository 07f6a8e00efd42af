"""max_muscle_sets_per_session: fractional sets of one muscle in one session, at most."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ... import limits
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ..relax import Relax, Relaxed
from ..variables import Item, Variables, half_sets
from .base import RuleGroup, set_edit

COST_PER_HALF_SET = 2


def reach(items: list[Item], muscle: str, sets_max: int) -> int:
    """Half-sets `items` give `muscle` at most: a cap at or above it cannot bind."""
    return sum(i.exercise.credit(muscle) for i in items) * sets_max


class MaxMuscleSetsPerSession(RuleGroup):
    name = "max_muscle_sets_per_session"
    position = 40
    fields = ("max_muscle_sets_per_session",)
    deletion_rank = 0

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        key = self.name
        cap = data.session_cap_half_sets
        # slacks stay within the file's limits, so a repair read back from them is a valid file
        room = limits.MUSCLE_SETS_PER_SESSION.high - data.constraints.max_muscle_sets_per_session
        extra = relax.slack(key, int(room * 2 + 1e-9), COST_PER_HALF_SET)
        enforce = relax.enforce(key)
        for day in data.days:
            for muscle in data.muscles:
                items = [i for i in v.by_day[day] if i.exercise.credit(muscle)]
                # Skip caps that cannot bind: even all items at max sets stay under the cap.
                if reach(items, muscle, data.sets_max) > cap:
                    model.add(half_sets(items, muscle) <= cap + extra).only_enforce_if(enforce)

    def describe(self, key: str, c: Constraints) -> str:
        return f"max_muscle_sets_per_session: {c.max_muscle_sets_per_session:g}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        before = c.max_muscle_sets_per_session
        after = before + int(relaxed.value) / 2
        return set_edit(
            self.name, before, after, f"max_muscle_sets_per_session {before:g} -> {after:g}"
        )


GROUP = MaxMuscleSetsPerSession()
