"""Scoring: any week's objective on the CP-SAT scale, computed from the week alone.

The benchmarks rank CP-SAT, MIP and greedy weeks by `scoring.score`, so it must agree with the
solver's own objective where the solver's value is exact (a proven optimum: every helper
variable is then at its best value) and never fall below it elsewhere.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import (
    InfeasibleError,
    SolverTimeoutError,
    load_catalog,
    load_constraints,
    plan,
    validate,
)
from optimizer.assignments import assignment_to_program
from optimizer.catalog import Catalog
from optimizer.constraints import parse_constraints
from optimizer.problem import build_problem
from optimizer.scoring import score, score_assignment, weights
from optimizer.vocabulary import default_vocabulary

from helpers import EXAMPLES, benchmark_module, solve_checked

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
CATALOG = load_catalog()
MUSCLES = default_vocabulary().muscles


def assert_matches_solver(program, constraints, catalog: Catalog) -> None:
    s = score(program, constraints, catalog)
    if program.status == "optimal":
        assert s.objective == program.objective
        assert s.objective_terms == program.objective_terms
    else:  # an incumbent's helper variables may sit below what its exercises earn
        assert s.objective >= program.objective


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_score_equals_cpsat_objective_on_examples(path, catalog: Catalog) -> None:
    """Equal on proven weeks, never below on the others (most examples stop at the limit:
    the coach-value tier is a fuller knapsack than the old one, README The objective)."""
    constraints = load_constraints(path, catalog.vocabulary)
    program = solve_checked(constraints, catalog, time_limit=5)
    assert_matches_solver(program, constraints, catalog)


@st.composite
def clients(draw: st.DrawFn) -> dict[str, Any]:
    """Small random clients: a few days and targets, every ordering rule that scores pairs."""
    days = draw(
        st.lists(
            st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat"]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    chosen = draw(st.lists(st.sampled_from(MUSCLES), min_size=1, max_size=6, unique=True))
    return {
        "client": "scoring",
        "days": days,
        "session_minutes": draw(st.sampled_from((20, 30, 45, 60, 90))),
        "equipment": [draw(st.sampled_from(("commercial_gym", "home_gym", "dumbbells_only")))],
        "targets": {
            m: {
                "min": draw(st.sampled_from((2, 4, 6, 8, 12))),
                "priority": draw(st.sampled_from((1, 2, 3, 0))),
            }
            for m in chosen
        },
        "ordering": draw(st.sampled_from(("pre_exhaust", "pre_exhaust", "compound_first"))),
        "recovery_hours": draw(st.sampled_from((0, 48))),
    }


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(clients())
def test_score_matches_cpsat_on_random_clients(raw: dict[str, Any]) -> None:
    catalog = CATALOG
    constraints = parse_constraints(raw, catalog.vocabulary)
    try:
        program = plan(constraints, catalog, time_limit=3)
    except (InfeasibleError, SolverTimeoutError):
        return
    assert validate(program, constraints, catalog) == []
    assert_matches_solver(program, constraints, catalog)


def test_tiers_by_hand(catalog: Catalog) -> None:
    """Attainment is capped at the min; a pair needs an isolation and a compound on one day;
    the objective is the tiers times their weights, shifted by the best attainment."""
    raw = {
        "client": "hand",
        "days": ["mon", "thu"],
        "session_minutes": 60,
        "targets": {"quads": {"min": 4, "priority": 3}, "chest": {"min": 10, "priority": 2}},
    }
    data = build_problem(parse_constraints(raw, catalog.vocabulary), catalog)
    ext, squat = catalog["leg_extension"], catalog["barbell_back_squat"]
    s = score_assignment(data, {"mon": [(ext, 3), (squat, 3)], "thu": []})
    assert s.attainment == 3 * 8  # 12 half-sets of quads, capped at the min of 8
    assert s.pairs == 1
    assert s.seconds == ext.seconds(3) + squat.seconds(3)
    w = weights(data)
    shortfall = 24 - w.attainment_max
    assert s.objective == w.attainment * shortfall + w.value * s.value - s.seconds
    week = 2 * (60 - 5) * 60  # two 60-minute days less the 5-minute warm-up
    assert w.value == week + 1 + 3600  # room for a time tolerance of up to an hour
    split = score_assignment(data, {"mon": [(ext, 3)], "thu": [(squat, 3)]})
    assert split.pairs == 0  # on different days: no pre-exhaust
    no_pairs = build_problem(
        parse_constraints({**raw, "ordering": "compound_first"}, catalog.vocabulary), catalog
    )
    assert score_assignment(no_pairs, {"mon": [(ext, 3), (squat, 3)]}).pairs == 0


def test_mip_baseline_reaches_the_same_optimum(catalog: Catalog) -> None:
    """The benchmark's MIP (HiGHS) is the CP-SAT model, translated: same
    proven optimum."""
    mip = benchmark_module("mip")
    for path in (EXAMPLES / "article_week.yaml", EXAMPLES / "coach" / "bodyweight_traveller.yaml"):
        constraints = load_constraints(path, catalog.vocabulary)
        data = build_problem(constraints, catalog)
        result = mip.solve(mip.build(data), time_limit=20)
        assert result.status == "optimal"
        program = assignment_to_program(
            data, result.chosen, status="optimal", engine="highs", best_bound=result.best_bound
        )
        assert validate(program, constraints, catalog) == []
        cpsat = plan(constraints, catalog, time_limit=20)
        assert cpsat.status == "optimal"
        assert score(program, constraints, catalog).objective == cpsat.objective
