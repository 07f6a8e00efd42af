"""Rule group `sets_per_exercise`: every listed exercise has sets inside [min, max]."""

from __future__ import annotations

import pytest

from optimizer.cpsat.rules.sets_per_exercise import GROUP
from optimizer.validate.sets_per_exercise import check_sets_per_exercise

from .weeks import broken, build, client, passes, week
from tiny import item, setup, status

# -- validator --


def test_the_planned_week_keeps_the_range(program, constraints) -> None:
    low, high = constraints.sets_per_exercise
    assert all(low <= row.sets <= high for d in program.days for row in d.exercises)
    assert list(check_sets_per_exercise(week(program, constraints))) == []
    passes(program, constraints)


def test_too_few_sets_under_a_raised_minimum(program) -> None:
    sets = [row.sets for d in program.days for row in d.exercises]
    fewest = min(sets)
    raised = client(sets_per_exercise=[fewest + 1, 10])
    found = broken(program, raised, "sets_per_exercise")
    assert len(found) == sets.count(fewest)
    assert {v.message for v in found} == {f"{fewest} sets, allowed {fewest + 1}-10"}


def test_too_many_sets_under_a_lowered_maximum(program) -> None:
    most = max(row.sets for d in program.days for row in d.exercises)
    assert most > 1
    lowered = client(sets_per_exercise=[1, most - 1])
    found = list(check_sets_per_exercise(week(program, lowered)))
    assert found and {v.message for v in found} == {f"{most} sets, allowed 1-{most - 1}"}
    assert found == broken(program, lowered, "sets_per_exercise")


def test_the_bounds_are_inclusive(constraints) -> None:
    edges = build({"mon": [("leg_extension", 2)], "wed": [("lat_pulldown", 5)]}, constraints)
    passes(edges, constraints)
    broken(edges, client(sets_per_exercise=[3, 5]), "sets_per_exercise")
    broken(edges, client(sets_per_exercise=[2, 4]), "sets_per_exercise")


# -- model --


@pytest.mark.parametrize(("sets", "ok"), [(1, False), (2, True), (5, True), (6, False)])
def test_model_sets_range(sets: int, ok: bool) -> None:
    model, v, _ = setup(GROUP)
    it = item(v, "mon", "squat")
    model.add(it.use == 1)
    model.add(it.sets == sets) if sets <= 5 else model.add(it.sets >= sets)
    assert (status(model) in ("OPTIMAL", "FEASIBLE")) is ok


def test_model_unused_has_no_sets() -> None:
    model, v, _ = setup(GROUP)
    it = item(v, "mon", "squat")
    model.add(it.use == 0)
    model.add(it.sets >= 1)
    assert status(model) == "INFEASIBLE"
