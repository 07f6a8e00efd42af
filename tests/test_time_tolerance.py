"""`solver.time_tolerance`: the search may stop once the week is proven within N minutes of the
shortest best week, but the targets and the pre-exhaust pairs must stay exactly optimal. The
coach-value weight leaves room for that (taste.weights); these tests check the promise
from the weeks themselves: scored without the solver, and validated."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import taste, validate
from optimizer.constraints import SolverSettings, parse_constraints
from optimizer.cpsat import solver as cpsat
from optimizer.export import proof_text
from optimizer.planner import to_program
from optimizer.problem import build_problem, prechecks
from optimizer.scoring import program_assignment, score_assignment

from helpers import SOLVING, solve_checked
from test_cuts import small_clients
from test_greedy import CATALOG

# small clients prove in well under a second; one that does not is skipped, so a short limit
# only bounds the cost of the rare hard draw
EXACT = SolverSettings(time_limit=3, workers=1, seed=0)


@settings(SOLVING, max_examples=6)
@given(small_clients(), st.sampled_from((0.5, 2.0, 60.0)))
def test_a_tolerance_keeps_targets_and_pairs_and_bounds_the_time(
    raw: dict[str, Any], minutes: float
) -> None:
    c = parse_constraints({**raw, "solver": {"time_tolerance": minutes}}, CATALOG.vocabulary)
    data = build_problem(c, CATALOG)
    if prechecks(data):
        return
    exact = cpsat.solve(cpsat.build(data), EXACT)
    built = cpsat.build(data)
    loose = cpsat.solve(built, EXACT.model_copy(update={"time_tolerance": minutes}))
    if exact.status != "optimal" or loose.status != "optimal":
        return  # a proof that took too long says nothing about the tolerance
    program = to_program(data, loose)
    assert not validate(program, c, CATALOG)
    week = score_assignment(data, program_assignment(program, CATALOG))
    best = score_assignment(data, exact.chosen)
    # 60 minutes is more than most small clients' week: capped at the week, still exact tiers
    assert (week.attainment, week.value) == (best.attainment, best.value)
    assert best.seconds <= week.seconds <= best.seconds + 60 * minutes
    left = program.best_bound - program.objective
    assert left <= 60 * minutes
    assert program.gap == round(left / max(1.0, abs(program.objective)), 6)
    exact_c = c.model_copy(update={"solver": EXACT})  # optimal with a gap needs the tolerance
    if program.gap > 0:
        assert [v.rule for v in validate(program, exact_c, CATALOG)] == ["status"]


def test_the_tolerance_reaches_cp_sat_and_the_program(catalog) -> None:
    raw = {"days": ["mon", "wed", "fri"], "session_minutes": 40, "targets": {"chest": 10}}
    data = build_problem(parse_constraints(raw, catalog.vocabulary), catalog)
    built = cpsat.build(data)
    assert built.objective.time_gap(1.5) == 90
    assert built.objective.time_gap(60) == 3600 < data.week_seconds  # room the weights leave
    assert taste.weights(data).value == data.week_seconds + 1 + 3600
    short = build_problem(
        parse_constraints({**raw, "days": ["mon"], "session_minutes": 30}, catalog.vocabulary),
        catalog,
    )
    assert short.time_room == short.week_seconds == 25 * 60  # an hour is more than the week
    program = solve_checked(raw, catalog, time_tolerance=1.5)
    assert program.solver["time_tolerance"] == 1.5
    assert program.status == "optimal"


def test_the_status_says_what_was_proven(catalog) -> None:
    raw = {"days": ["mon", "thu"], "session_minutes": 45, "targets": {"quads": 8}}
    program = solve_checked(raw, catalog)
    assert program.gap == 0 and proof_text(program) == "proven optimal"
    within = program.model_copy(
        update={
            "best_bound": program.objective + 48,
            "gap": 48 / program.objective,
            "solver": {**program.solver, "time_tolerance": 1.0},
        }
    )
    assert proof_text(within) == (
        "targets and coach value proven best, exercise time within 0.8 min of the shortest"
    )
    by_gap = within.model_copy(update={"solver": {**program.solver, "time_tolerance": 0.0}})
    assert proof_text(by_gap).startswith("proven within the gap limit")
    found = program.model_copy(update={"status": "feasible", "gap": 0.0123})
    assert proof_text(found) == "best found, gap 1.23%"
