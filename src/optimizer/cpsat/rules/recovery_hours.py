"""recovery_hours: the same primary muscle is never trained on two days closer than this."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData, day_gap_hours
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step, set_edit

COST_STEP = 20  # 24 h less spacing
STEP_HOURS = 24


class RecoveryHours(RuleGroup):
    name = "recovery_hours"
    position = 60
    fields = ("recovery_hours",)
    deletion_rank = 3

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if not data.close_pairs:
            return
        key = self.name
        hours = data.constraints.recovery_hours
        # a list in week order, not a set: string hashes differ between processes, and the
        # variables' creation order must not, or equally good weeks differ between processes
        close_days = [d for d in data.days if any(d in pair for pair in data.close_pairs)]
        # trained[m, d] is only forced up by the exercises that work m as primary on d; the
        # solver never gains from setting it needlessly, so it acts as the OR without clauses.
        trained = v.trained
        for day in close_days:
            for item in v.by_day[day]:
                for muscle in item.exercise.primary:
                    pair = (muscle, day)
                    if pair not in trained:
                        trained[pair] = model.new_bool_var(f"trained[{muscle},{day}]")
                    model.add_implication(item.use, trained[pair])
        active: dict[int, list[cp_model.IntVar]] = {}
        if relax.is_elastic(key):
            # choose a shorter spacing in steps of 24 h; a pair of days g hours apart stays
            # separated only while the chosen spacing exceeds g
            steps = list(range(hours, -1, -STEP_HOURS))
            picks = relax.choice(
                key,
                [str(h) for h in steps],
                {str(h): (hours - h) // STEP_HOURS * COST_STEP for h in steps},
            )
            for gap in sorted({day_gap_hours(a, b) for a, b in data.close_pairs}):
                flag = model.new_bool_var(f"recovery_active[{gap}]")
                model.add(flag == sum(picks[str(h)] for h in steps if h > gap))
                active[gap] = [flag]
        enforce = relax.enforce(key)
        for a, b in data.close_pairs:
            when = active.get(day_gap_hours(a, b), enforce)
            for muscle in data.muscles:
                if (muscle, a) in trained and (muscle, b) in trained:
                    model.add_bool_or(
                        [~trained[(muscle, a)], ~trained[(muscle, b)]]
                    ).only_enforce_if(when)

    def describe(self, key: str, c: Constraints) -> str:
        return f"recovery_hours: {c.recovery_hours} with days [{', '.join(c.days)}]"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        hours = int(relaxed.value)
        if hours == c.recovery_hours:
            return None
        return set_edit(
            self.name, c.recovery_hours, hours, f"recovery_hours {c.recovery_hours} -> {hours}"
        )

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        if c.recovery_hours < STEP_HOURS or len(c.days) < 2:
            return []
        new = c.recovery_hours - STEP_HOURS
        edit = set_edit(self.name, None, new, "")
        return [Step(self.name, f"recovery_hours {c.recovery_hours} -> {new}", (edit,))]


GROUP = RecoveryHours()
