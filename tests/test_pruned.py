"""The planner's last pass over an unproven week (`planner.pruned`): an exercise that costs the
week more than it earns goes, unless a rule needs it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from optimizer import load_catalog, validate
from optimizer.constraints import parse_constraints
from optimizer.planner import pruned, solve_problem, to_program
from optimizer.problem import build_problem
from optimizer.result import Status
from optimizer.scored import rescored
from optimizer.scoring import score_assignment

CATALOG = load_catalog()
CLIENT: dict[str, Any] = {
    "client": "prune",
    "days": ["mon", "thu"],
    "session_minutes": 60,
    "targets": {"quads": "6-10", "chest": "6-10"},
    "solver": {"time_limit": 5, "workers": 1},
}


def padded(extra: dict[str, Any]) -> tuple[Any, Any, Any]:
    """The client's proven week with a 3-set side plank added on Monday (obliques and abs have
    no target: the plank earns nothing), passed off as an unproven search's incumbent."""
    constraints = parse_constraints({**CLIENT, **extra})
    data = build_problem(constraints, CATALOG)
    result = solve_problem(data, constraints.solver)
    assert result.status == Status.OPTIMAL
    plank = data.catalog["side_plank"]
    chosen = {day: list(items) for day, items in result.chosen.items()}
    if all(ex.id != "side_plank" for ex, _ in chosen["mon"]):
        chosen["mon"].append((plank, 3))
    week = rescored(replace(result, status=Status.FEASIBLE), chosen, score_assignment(data, chosen))
    assert validate(to_program(data, week), constraints, CATALOG) == []
    return constraints, data, week


def test_an_exercise_that_earns_nothing_is_dropped() -> None:
    constraints, data, week = padded({})
    out = pruned(data, week, constraints, CATALOG)
    assert all(ex.id != "side_plank" for ex, _ in out.chosen["mon"])
    assert out.objective is not None and week.objective is not None
    assert out.objective > week.objective
    assert out.best_bound == week.best_bound and out.status == Status.FEASIBLE
    # the result's tiers are the week's own, and the week keeps every rule
    s = score_assignment(data, out.chosen)
    assert (out.objective, out.value, out.exercise_seconds) == (s.objective, s.value, s.seconds)
    assert validate(to_program(data, out), constraints, CATALOG) == []


def test_a_required_exercise_stays_and_a_proven_week_is_untouched() -> None:
    constraints, data, week = padded({"require": ["side_plank"]})
    assert pruned(data, week, constraints, CATALOG) is week  # the validator needs the plank
    proven = replace(week, status=Status.OPTIMAL)
    assert pruned(data, proven, constraints, CATALOG) is proven
