"""Capacity cuts for recovery; valid inequalities, not user rules.

The recovery rule links each exercise to its muscle's day flag one by one (`use => trained`).
In the LP relaxation that link is weak: with every flag at 1/2, every exercise may run at half
its sets, so a muscle is "trained" on every day at once and the bound ignores recovery. Here we
add, for each (muscle, day) flag, the sets that day can hold for the muscle at all:

    sum of sets of exercises with the muscle as primary that day <= K x trained[muscle, day]

with K the least of: the exercises' own maximum sets, the per-session muscle cap (a primary
set counts 2 half-sets), and the sets the day's time budget can hold. Every week that keeps the
rules keeps these, so the optimum is unchanged; only the bound tightens. Measured (10 s, one
worker): the 72 h-spacing client bench_002 on the large catalog went from a 3.2% gap to 0.00%;
over 100 clients per catalog the net effect was small (2 more proofs on the large catalog, one
fewer on the bundled one), so they stay for the recovery-bound clients they help.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from ..problem import ProblemData
from .variables import Variables


def day_capacity(data: ProblemData, day: str, set_seconds: list[int], setups: list[int]) -> int:
    """Most sets the day's time budget holds among exercises with these timings."""
    room = data.budget_seconds[day] - min(setups)
    return max(room, 0) // min(set_seconds)


def add(model: cp_model.CpModel, data: ProblemData, v: Variables) -> int:
    added = 0
    for (muscle, day), flag in v.trained.items():
        items = [i for i in v.by_day[day] if muscle in i.exercise.primary]
        if not items:
            continue
        k = min(
            len(items) * data.sets_max,
            data.session_cap_half_sets // 2,
            day_capacity(
                data,
                day,
                [i.exercise.set_seconds for i in items],
                [i.exercise.setup_seconds for i in items],
            ),
        )
        model.add(sum(i.sets for i in items) <= k * flag)
        added += 1
    return added
