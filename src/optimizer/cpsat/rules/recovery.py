"""Recovery: the same primary muscle is never trained on two days closer than recovery_hours."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData, day_gap_hours
from ..relax import COST_RECOVERY_STEP, Relax
from ..variables import Variables

KEY = "recovery_hours"


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
    if not data.close_pairs:
        return
    hours = data.constraints.recovery_hours
    # a list in week order, not a set: string hashes differ between processes, and the
    # variables' creation order must not, or equally good weeks differ between processes
    close_days = [d for d in data.days if any(d in pair for pair in data.close_pairs)]
    # trained[m, d] is only forced up by the exercises that work m as primary on d; the solver
    # never gains from setting it needlessly, so it acts as the OR without extra clauses.
    trained = v.trained
    for day in close_days:
        for item in v.by_day[day]:
            for muscle in item.exercise.primary:
                key = (muscle, day)
                if key not in trained:
                    trained[key] = model.new_bool_var(f"trained[{muscle},{day}]")
                model.add_implication(item.use, trained[key])
    active: dict[int, list[cp_model.IntVar]] = {}
    if relax.is_elastic(KEY):
        # choose a shorter spacing in steps of 24 h; a pair of days g hours apart stays
        # separated only while the chosen spacing exceeds g
        steps = [h for h in range(hours, -1, -24)]
        picks = relax.choice(
            KEY,
            [str(h) for h in steps],
            {str(h): (hours - h) // 24 * COST_RECOVERY_STEP for h in steps},
        )
        for gap in sorted({day_gap_hours(a, b) for a, b in data.close_pairs}):
            flag = model.new_bool_var(f"recovery_active[{gap}]")
            model.add(flag == sum(picks[str(h)] for h in steps if h > gap))
            active[gap] = [flag]
    enforce = relax.on(KEY) if not relax.is_elastic(KEY) else []
    for a, b in data.close_pairs:
        when = active.get(day_gap_hours(a, b), enforce)
        for muscle in data.muscles:
            if (muscle, a) in trained and (muscle, b) in trained:
                model.add_bool_or([~trained[(muscle, a)], ~trained[(muscle, b)]]).only_enforce_if(
                    when
                )
