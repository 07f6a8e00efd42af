"""The greedy baseline: every week it builds keeps every hard rule, and never beats CP-SAT.

It is the benchmarks' "typical app" and a warm-start hint for CP-SAT, so a week that broke a
rule would make both the comparison and the hint worthless: each week here goes through the
independent validator, and its reported objective is checked against `scoring`.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import (
    InfeasibleError,
    NoProgramError,
    SolverTimeoutError,
    load_catalog,
    load_constraints,
    plan,
    validate,
)
from optimizer.assignments import greedy_program
from optimizer.catalog import Catalog
from optimizer.constraints import parse_constraints
from optimizer.greedy import greedy_assignment
from optimizer.problem import build_problem
from optimizer.scoring import score
from optimizer.vocabulary import DAYS, default_vocabulary

from helpers import EXAMPLES, SOLVING

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
CATALOG = load_catalog()
VOCAB = default_vocabulary()
PRESETS = ("commercial_gym", "home_gym", "dumbbells_only", "bodyweight_only")


def check_greedy(raw_or_constraints: Any, catalog: Catalog = CATALOG):
    """Greedy week, validated, with its objective equal to its independent score."""
    constraints = parse_constraints(raw_or_constraints, catalog.vocabulary)
    program = greedy_program(constraints, catalog)
    violations = validate(program, constraints, catalog)
    assert not violations, "\n".join(str(v) for v in violations)
    assert program.status == "feasible"
    assert program.solver["engine"] == "greedy"
    s = score(program, constraints, catalog)
    assert program.objective == s.objective
    assert program.objective_terms == s.objective_terms
    assert program.best_bound >= program.objective
    return constraints, program


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_greedy_examples_are_valid_and_not_better_than_cpsat(path) -> None:
    constraints, program = check_greedy(load_constraints(path, CATALOG.vocabulary))
    assert set(constraints.require) <= set(program.exercise_ids)
    best = plan(constraints, CATALOG, time_limit=5)
    assert program.objective <= best.best_bound  # never above what CP-SAT proves possible
    if best.status == "optimal":
        assert program.objective <= best.objective
    # a real heuristic, not an empty week: it reaches most of the weighted targets
    assert program.attainment >= 0.8 * best.attainment


def test_assignment_shape_and_determinism() -> None:
    constraints = load_constraints(EXAMPLES / "home_dumbbells.yaml", CATALOG.vocabulary)
    data = build_problem(constraints, CATALOG)
    first = greedy_assignment(data)
    assert list(first) == list(data.days)
    for day, items in first.items():
        for ex, sets in items:
            assert ex in data.candidates[day]
            assert data.sets_min <= sets <= data.sets_max
    assert greedy_assignment(data) == first


def test_greedy_refuses_the_full_model() -> None:
    constraints = load_constraints(EXAMPLES / "busy_beginner.yaml", CATALOG.vocabulary)
    with pytest.raises(ValueError):
        greedy_assignment(build_problem(constraints, CATALOG, full=True))


def test_strict_minimum_met_or_refused() -> None:
    raw = {
        "client": "strict",
        "days": ["mon", "thu"],
        "session_minutes": 45,
        "targets": {"quads": {"min": 8, "strict": True}, "chest": 20, "lats": 20},
    }
    _, program = check_greedy(raw)
    assert program.weekly_sets["quads"] >= 8
    impossible = {**raw, "session_minutes": 15, "targets": {"quads": {"min": 30, "strict": True}}}
    with pytest.raises(NoProgramError):
        greedy_program(impossible, CATALOG)


def draw_targets(
    draw: st.DrawFn,
    muscles: list[str],
    lows: tuple[int, ...],
    priorities: tuple[int, ...],
    room: tuple[int, ...],
) -> dict[str, dict[str, Any]]:
    """A min and a priority for each muscle and, half the time, a max `room` sets above it."""
    targets = {}
    for m in muscles:
        low = draw(st.sampled_from(lows))
        spec: dict[str, Any] = {"min": low, "priority": draw(st.sampled_from(priorities))}
        if draw(st.booleans()):
            spec["max"] = low + draw(st.sampled_from(room))
        targets[m] = spec
    return targets


@st.composite
def clients(draw: st.DrawFn) -> dict[str, Any]:
    """Random clients over every rule the greedy must keep (spacing, caps, split, require)."""
    days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=6, unique=True))
    muscles = draw(st.lists(st.sampled_from(VOCAB.muscles), min_size=1, max_size=8, unique=True))
    targets = draw_targets(draw, muscles, (2, 4, 6, 8, 10, 14), (1, 2, 3, 0), (0, 2, 6))
    raw: dict[str, Any] = {
        "client": "greedy",
        "days": days,
        "session_minutes": draw(st.sampled_from((20, 35, 60, 90, 120))),
        "equipment": [draw(st.sampled_from(PRESETS))],
        "experience": draw(st.sampled_from(("beginner", "intermediate", "advanced"))),
        "targets": draw(st.one_of(st.just(None), st.just(targets))),
        "ordering": draw(st.sampled_from(("pre_exhaust", "compound_first", "free"))),
        "recovery_hours": draw(st.sampled_from((0, 24, 48, 72))),
        "sets_per_exercise": draw(st.sampled_from(([2, 5], [1, 3], [3, 6]))),
        "max_muscle_sets_per_session": draw(st.sampled_from((4, 10))),
        "avoid": {"muscles": draw(st.lists(st.sampled_from(VOCAB.muscles), max_size=1))},
    }
    if draw(st.booleans()):
        raw["split"] = {
            d: draw(st.sampled_from(("lower", "push", "pull", "upper", "full"))) for d in days
        }
    if draw(st.booleans()):
        raw["require"] = draw(st.lists(st.sampled_from(CATALOG.ids), max_size=2, unique=True))
    return raw


@settings(SOLVING, max_examples=60)
@given(clients())
def test_random_greedy_weeks_are_valid(raw: dict[str, Any]) -> None:
    # prechecks proving that no week exists, or the heuristic getting stuck, are refusals
    with contextlib.suppress(InfeasibleError, NoProgramError):
        check_greedy(raw)


@settings(SOLVING, max_examples=6)
@given(clients())
def test_random_greedy_never_beats_the_cpsat_bound(raw: dict[str, Any]) -> None:
    try:
        constraints, program = check_greedy(raw)
    except (InfeasibleError, NoProgramError):
        return
    try:
        best = plan(constraints, CATALOG, time_limit=3)
    except (InfeasibleError, SolverTimeoutError) as err:  # the greedy week proves feasibility
        assert isinstance(err, SolverTimeoutError), "CP-SAT called a feasible file infeasible"
        return
    assert program.objective <= best.best_bound
    if best.status == "optimal":
        assert program.objective <= best.objective
