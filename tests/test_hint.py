"""The warm start: the greedy week, conformed to the model's cuts and completed, is a feasible
assignment of every variable, never worse than the greedy week, and it changes no proven result.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from ortools.sat.python import cp_model

from optimizer import NoProgramError, load_constraints
from optimizer.constraints import parse_constraints
from optimizer.cpsat import dominance, hint, symmetry
from optimizer.cpsat import solver as cpsat
from optimizer.greedy import greedy_assignment
from optimizer.problem import build_problem, prechecks
from optimizer.scoring import score_assignment

from helpers import EXAMPLES, SOLVING, solve_checked
from test_greedy import CATALOG, clients


def _week_items(data, week: hint.Week) -> dict[str, list]:
    return {day: [(data.catalog[e], s) for e, s in items.items()] for day, items in week.items()}


def _solve_hint_only(built: cpsat.BuiltModel) -> tuple[int, cp_model.CpSolver]:
    """Solve with every variable fixed to its hint: feasible exactly when the hint is."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.fix_variables_to_their_hinted_value = True
    return solver.solve(built.model), solver


@settings(SOLVING, max_examples=15)
@given(clients())
def test_hint_is_complete_feasible_and_not_worse_than_greedy(raw: dict[str, Any]) -> None:
    constraints = parse_constraints(raw, CATALOG.vocabulary)
    data = build_problem(constraints, CATALOG)
    if prechecks(data):
        return
    try:
        chosen = greedy_assignment(data)
    except NoProgramError:
        return
    built = cpsat.build(data)
    report = hint.apply(built.model, data, built.variables, chosen, time_limit=5)
    assert report.applied, report.detail
    assert len(built.model.proto.solution_hint.vars) == len(built.model.proto.variables)
    status, solver = _solve_hint_only(built)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert solver.objective_value >= score_assignment(data, chosen).objective


def _problem(raw: dict[str, Any]):
    data = build_problem(parse_constraints(raw, CATALOG.vocabulary), CATALOG)
    return data, cpsat.build(data).variables


def test_conform_swaps_a_dominated_exercise_for_its_dominator() -> None:
    data, v = _problem({"days": ["mon", "thu"], "session_minutes": 60})
    beats = dominance.dominators(data, v.by_exercise)
    assert beats, "the bundled catalog has interchangeable exercises"
    b = next(iter(beats))
    final = b
    while final in beats:  # the chain ends at an exercise nothing dominates
        final = beats[final]
    day = next(i.day for i in v.by_exercise[b])
    week = hint.conform(data, v, {day: [(data.catalog[b], 3)]})
    assert week[day] == {final: 3}
    assert all(not items for d, items in week.items() if d != day)


def test_conform_puts_the_longer_of_twin_days_first() -> None:
    data, v = _problem({"days": ["mon", "wed", "fri"], "session_minutes": 60, "recovery_hours": 0})
    assert symmetry.twin_classes(data) == [["mon", "wed", "fri"]]
    beats = dominance.dominators(data, v.by_exercise)
    x, y, z = [i.exercise for i in v.by_day["mon"] if i.exercise.id not in beats][:3]
    chosen = {"mon": [(x, 2)], "fri": [(y, 5), (z, 2)]}
    week = hint.conform(data, v, chosen)
    assert week == {"mon": {y.id: 5, z.id: 2}, "wed": {x.id: 2}, "fri": {}}
    assert score_assignment(data, _week_items(data, week)).objective == (
        score_assignment(data, chosen).objective
    )


@pytest.mark.parametrize("name", ["article_week", "coach/bodyweight_traveller"])
def test_warm_start_changes_no_proven_result(catalog, name: str) -> None:
    """On files that prove in seconds (most examples stop at the limit since the coach-value
    objective: README, The objective)."""
    constraints = load_constraints(EXAMPLES / f"{name}.yaml", catalog.vocabulary)
    warm = solve_checked(constraints, catalog, time_limit=30)
    cold_settings = constraints.solver.model_copy(update={"warm_start": False})
    cold = solve_checked(constraints.model_copy(update={"solver": cold_settings}), catalog)
    assert warm.status == cold.status == "optimal"
    assert warm.objective == cold.objective
    assert warm.solver["warm_start"] is True
    assert "warm_start" not in cold.solver


def test_the_warm_start_week_is_the_answer_when_the_search_finds_none(catalog, monkeypatch) -> None:
    """A search stopped before its first solution (presolve can eat a short limit on a large
    catalog) returns the validated warm-start week, not a timeout."""
    constraints = load_constraints(EXAMPLES / "home_dumbbells.yaml", catalog.vocabulary)
    monkeypatch.setattr(cpsat, "solve", lambda built, settings: cpsat.SolveResult(status="unknown"))
    program = solve_checked(constraints, catalog)
    assert program.status == "feasible"
    assert program.exercise_ids
    assert program.solver["warm_start"] is True
    assert "warm start" in program.solver["warm_start_detail"]
    assert program.best_bound >= program.objective
    greedy = score_assignment(
        build_problem(constraints, catalog),
        greedy_assignment(build_problem(constraints, catalog)),
    )
    assert program.objective >= greedy.objective
