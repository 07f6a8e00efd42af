"""`solver.highs`: HiGHS races CP-SAT on the same model; the answer is never worse than
CP-SAT's own, every number is read through the CP-SAT model, and HiGHS stops when asked."""

from __future__ import annotations

import threading
import time

import pytest
from ortools.sat.python import cp_model

from optimizer import load_constraints
from optimizer.catalog import Catalog
from optimizer.cpsat import mip, race
from optimizer.cpsat.solver import build
from optimizer.problem import build_problem

from helpers import EXAMPLES, solve_checked


@pytest.mark.parametrize("name", ["coach/bodyweight_traveller", "article_week"])
def test_the_race_proves_the_optimum_cpsat_proves(catalog: Catalog, name: str) -> None:
    constraints = load_constraints(EXAMPLES / f"{name}.yaml", catalog.vocabulary)
    alone = solve_checked(constraints, catalog, time_limit=30, highs=False)
    raced = solve_checked(constraints, catalog, time_limit=30, highs=True)
    assert alone.status == raced.status == "optimal"
    assert raced.objective == alone.objective
    assert raced.solver["highs"] is True and alone.solver["highs"] is False
    # both proven: the tie-break picks the same week whichever engine proved it
    assert raced.solver.get("tie_break") and alone.solver.get("tie_break")
    assert [d.model_dump() for d in raced.days] == [d.model_dump() for d in alone.days]


def test_a_highs_week_is_read_through_the_cpsat_model(catalog: Catalog) -> None:
    """`adopt` fixes HiGHS's exercises and sets and lets CP-SAT derive the rest: the same
    objective HiGHS reports, so a HiGHS week and a CP-SAT week are judged on one scale."""
    constraints = load_constraints(EXAMPLES / "article_week.yaml", catalog.vocabulary)
    built = build(build_problem(constraints, catalog))
    outcome = mip.solve(mip.translate(built.model), 30)
    assert outcome.status == "optimal" and outcome.values is not None
    parameters = cp_model.CpSolver().parameters
    adopted = race.adopt(built.model, built.variables, outcome.values, parameters)
    assert adopted is not None
    assert adopted.objective_value == pytest.approx(outcome.objective, abs=0.5)
    for item in built.variables.items:
        assert adopted.value(item.sets) == outcome.values[item.sets.index]


def test_highs_stops_when_asked(catalog: Catalog) -> None:
    """The race ends HiGHS as soon as CP-SAT proves (or the caller cancels): it must not run
    on to its own time limit on a core the caller has been given back."""
    constraints = load_constraints(
        EXAMPLES / "coach" / "advanced_bodybuilder_6day.yaml", catalog.vocabulary
    )
    translated = mip.translate(build(build_problem(constraints, catalog)).model)
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.perf_counter()
    outcome = mip.solve(translated, 120, stop=stop)
    assert time.perf_counter() - started < 60  # far below the 120 s limit
    assert outcome.status in {"feasible", "unknown"}


def test_highs_prints_nothing(catalog: Catalog, capfd: pytest.CaptureFixture[str]) -> None:
    """The CLI writes JSON on stdout: HiGHS's banner or log there would corrupt it."""
    constraints = load_constraints(
        EXAMPLES / "coach" / "bodyweight_traveller.yaml", catalog.vocabulary
    )
    mip.solve(mip.translate(build(build_problem(constraints, catalog)).model), 10)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_the_tighter_bound_wins() -> None:
    outcome = mip.MipOutcome("feasible", [0], 10.0, 12.0, 1.0)
    assert race.combined_bound(15.0, outcome) == 12.0
    assert race.combined_bound(None, mip.MipOutcome("feasible", [0], 10.0, 12.7, 1.0)) == 12.0
    assert race.combined_bound(11.0, outcome) == 11.0
    assert race.combined_bound(None, outcome) == 12.0
    assert race.combined_bound(11.0, None) == 11.0
    unknown = mip.MipOutcome("feasible", [0], 10.0, float("nan"), 1.0)
    assert race.combined_bound(11.0, unknown) == 11.0


def test_a_batch_races_when_asked() -> None:
    from optimizer.batch import plan_many

    client = {"client": "a", "days": ["mon"], "session_minutes": 30, "targets": {"chest": 4}}
    raced = plan_many([client], engine="serial", time_limit=10, highs=True)
    plain = plan_many([client], engine="serial", time_limit=10)
    assert raced.results[0].program.solver["highs"] is True
    assert plain.results[0].program.solver["highs"] is False
    assert raced.results[0].program.days == plain.results[0].program.days  # proven: one week
