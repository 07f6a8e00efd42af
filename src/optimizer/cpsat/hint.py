"""Warm start: hand CP-SAT a complete, feasible week (the greedy one) as a solution hint.

Why complete: a hint on `use` and `sets` alone leaves the objective's helpers (`covered`,
`pair`, `trained`) to the search's default branching, which sets them low first, so the first
"solution" found from such a hint is a near-empty week. And why conformed: the model carries
valid cuts (dominance, day symmetry) that a greedy week may break; a hint that violates them is
repaired by the solver at a cost, or dropped. So the week is first moved onto the cuts' side
(swap a dominated exercise for its dominator on the same day, reorder twin days by length), then
every other variable is read off a tiny solve of a copy of the model with `use` and `sets`
fixed, which presolve settles without search.

On large catalogs with little time per session this is the difference between a week within a
few percent of the best and none at all in the time limit (benchmarks/results).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from ortools.sat.python import cp_model

from ..catalog import Exercise
from ..problem import ProblemData
from ..result import HintReport, Week
from . import dominance, symmetry
from .variables import Variables


def conform(
    data: ProblemData, v: Variables, chosen: Mapping[str, Iterable[tuple[Exercise, int]]]
) -> Week:
    """The same week, changed only where a cut of the model forbids it, never for the worse:
    a dominator is no slower, no worse in quality or preference, credits the same muscles and
    keeps the session caps, and twin days are interchangeable."""
    week: Week = {day: {ex.id: sets for ex, sets in chosen.get(day, [])} for day in data.days}
    beats = dominance.dominators(data, v.by_exercise)
    for items in week.values():  # the merge cut: B's sets onto A where one exercise holds both
        merged = True
        while merged:  # until no two of a chain (standing, seated, lying leg curl) can merge
            merged = False
            for b, a in beats.items():
                if b in items and a in items and items[a] + items[b] <= data.sets_max:
                    items[a] += items.pop(b)
                    merged = True
    moved = True
    while moved:  # each move goes to an exercise earlier in its group's order: it ends
        moved = False
        days_of: dict[str, list[str]] = {}
        for day, items in week.items():
            for ex_id in items:
                days_of.setdefault(ex_id, []).append(day)
        for b, a in beats.items():
            on_b, on_a = days_of.get(b, []), days_of.get(a, [])
            if len(on_b) <= len(on_a):
                continue  # the cut days(b) <= days(a) holds
            # B sits on a day A is not on: swap there (A then has at most B's days, within
            # max_days_per_exercise)
            day = next(
                (d for d in on_b if d not in on_a and any(i.day == d for i in v.by_exercise[a])),
                None,
            )
            if day is not None:
                week[day][a] = week[day].pop(b)
                moved = True
                break

    def length(items: dict[str, int]) -> int:
        return sum(data.catalog[e].seconds(sets) for e, sets in items.items())

    for twins in symmetry.twin_classes(data):
        contents = sorted((week[d] for d in twins), key=length, reverse=True)
        for day, items in zip(twins, contents, strict=True):
            week[day] = items
    return week


def complete(
    model: cp_model.CpModel, v: Variables, week: Week, time_limit: float
) -> list[int] | None:
    """Every variable's value in the best completion of `week`, or None if the model rejects
    the week (a bug in `conform` or the greedy, never the user's: the solve goes on unhinted)."""
    copy = model.clone()
    for item in v.items:
        sets = week.get(item.day, {}).get(item.exercise.id, 0)
        copy.add(copy.get_int_var_from_proto_index(item.use.index) == int(sets > 0))
        copy.add(copy.get_int_var_from_proto_index(item.sets.index) == sets)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    if solver.solve(copy) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [
        solver.value(copy.get_int_var_from_proto_index(i)) for i in range(len(copy.proto.variables))
    ]


def apply(
    model: cp_model.CpModel,
    data: ProblemData,
    v: Variables,
    chosen: Mapping[str, Iterable[tuple[Exercise, int]]],
    time_limit: float,
) -> HintReport:
    """Hint `chosen` (conformed and completed) on every variable of `model`."""
    started = time.perf_counter()
    week = conform(data, v, chosen)
    values = complete(model, v, week, time_limit)
    if values is None:
        return HintReport(False, time.perf_counter() - started, "the model rejected the week")
    model.clear_hints()
    for index, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    return HintReport(True, time.perf_counter() - started, week=week)
