"""sets_per_exercise: a used exercise has between min and max sets, an unused one none."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, set_edit

COST_MIN_STEP = 10  # one set less as the minimum


class SetsPerExercise(RuleGroup):
    name = "sets_per_exercise"
    position = 10
    fields = ("sets_per_exercise",)
    deletion_rank = 1

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        # Linear linking (not only_enforce_if): at linearization_level=2 it gives the LP the
        # same strength and keeps one constraint per item.
        key = self.name
        low = data.sets_min
        for item in v.items:
            model.add(item.sets <= data.sets_max * item.use)
        if relax.is_elastic(key) and low > 1:
            picks = relax.choice(
                key,
                [str(k) for k in range(1, low + 1)],
                {str(k): (low - k) * COST_MIN_STEP for k in range(1, low + 1)},
            )
            for item in v.items:
                model.add(item.sets >= item.use)
                for k in range(2, low + 1):
                    model.add(item.sets >= k * item.use).only_enforce_if(picks[str(k)])
        else:
            enforce = relax.on(key) if low > 1 else []
            for item in v.items:
                model.add(item.sets >= low * item.use).only_enforce_if(enforce)
                if enforce:
                    model.add(item.sets >= item.use)

    def describe(self, key: str, c: Constraints) -> str:
        low, high = c.sets_per_exercise
        return f"sets_per_exercise: [{low}, {high}]"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        low, high = c.sets_per_exercise
        chosen = int(relaxed.value)
        if chosen == low:
            return None
        return set_edit(
            self.name,
            [low, high],
            [chosen, high],
            f"sets_per_exercise [{low}, {high}] -> [{chosen}, {high}]",
        )


GROUP = SetsPerExercise()
