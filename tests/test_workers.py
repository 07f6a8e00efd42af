"""More workers change how fast a week is proven, never which objective is optimal."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from optimizer import load_constraints
from optimizer.constraints import SolverSettings
from optimizer.cpsat import solver as cpsat

from helpers import EXAMPLES, solve_checked


@pytest.mark.parametrize("workers", [2, 3, 4])
def test_multi_worker_search_keeps_the_level_2_relaxation_first(workers: int) -> None:
    solver = cp_model.CpSolver()
    cpsat.parameters(solver, SolverSettings(workers=workers))
    assert list(solver.parameters.subsolvers) == list(cpsat.PORTFOLIO)
    assert cpsat.PORTFOLIO[0] == "max_lp"
    assert solver.parameters.num_workers == workers


def test_one_worker_names_no_portfolio() -> None:
    solver = cp_model.CpSolver()
    cpsat.parameters(solver, SolverSettings(workers=1))
    assert list(solver.parameters.subsolvers) == []


@pytest.mark.parametrize("name", ["coach/bodyweight_traveller", "article_week"])
def test_two_workers_prove_the_same_optimum_as_one(catalog, name: str) -> None:
    constraints = load_constraints(EXAMPLES / f"{name}.yaml", catalog.vocabulary)
    one = solve_checked(constraints, catalog, time_limit=30, workers=1)
    two = solve_checked(constraints, catalog, time_limit=30, workers=2)
    assert one.status == two.status == "optimal"
    assert one.objective == two.objective
    assert two.solver["workers"] == 2
