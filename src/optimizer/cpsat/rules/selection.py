"""Sets follow selection (sets_per_exercise when used, 0 otherwise); no exercise twice a week."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..relax import COST_SETS_MIN_STEP, Relax
from ..variables import Variables

KEY = "sets_per_exercise"


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
    # Linear linking (not only_enforce_if): at linearization_level=2 it gives the LP the
    # same strength and keeps one constraint per item.
    low = data.sets_min
    for item in v.items:
        model.add(item.sets <= data.sets_max * item.use)
    if relax.is_elastic(KEY) and low > 1:
        picks = relax.choice(
            KEY,
            [str(k) for k in range(1, low + 1)],
            {str(k): (low - k) * COST_SETS_MIN_STEP for k in range(1, low + 1)},
        )
        for item in v.items:
            model.add(item.sets >= item.use)
            for k in range(2, low + 1):
                model.add(item.sets >= k * item.use).only_enforce_if(picks[str(k)])
    else:
        enforce = relax.on(KEY) if low > 1 else []
        for item in v.items:
            model.add(item.sets >= low * item.use).only_enforce_if(enforce)
            if enforce:
                model.add(item.sets >= item.use)
    for items in v.by_exercise.values():
        if len(items) > 1:
            model.add_at_most_one(item.use for item in items)
