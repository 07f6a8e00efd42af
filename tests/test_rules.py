"""Each rule group tested alone, in the CP-SAT primer's test-driven style: build the variables,
add ONE rule module, fix an assignment, and check that the rule accepts or rejects it."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

from optimizer.catalog import Catalog, Exercise
from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relax
from optimizer.cpsat.rules import recovery, required, selection, time_budget, volume
from optimizer.cpsat.variables import Variables
from optimizer.problem import build_problem
from optimizer.vocabulary import default_vocabulary


def ex(
    id: str,
    mechanic: str,
    intensity: int,
    primary: tuple[str, ...],
    secondary: tuple[str, ...] = (),
    **kw: Any,
) -> Exercise:
    fields = {
        "name": id.replace("_", " "),
        "reps_min": 10,
        "reps_max": 10,
        "seconds_per_rep": 3,
        "rest_seconds": 60,
        "setup_seconds": 30,
        **kw,
    }
    return Exercise(
        id=id,
        mechanic=mechanic,
        intensity=intensity,
        primary=primary,
        secondary=secondary,
        **fields,
    )


# set_seconds = 10 reps x 3 s + 60 s rest = 90 s; one exercise with s sets = 90 s + 30 s setup
TINY = Catalog(
    [
        ex("knee_ext", "isolation", 1, ("quads",)),
        ex("squat", "compound", 5, ("quads",), ("glutes",)),
        ex("curl", "isolation", 2, ("biceps",)),
        ex("row", "compound", 4, ("upper_back",), ("biceps",)),
        ex("fly", "isolation", 1, ("chest",)),
        ex("press", "compound", 4, ("chest",), ("triceps", "front_delts")),
    ],
    default_vocabulary(),
    source="tiny",
)


def setup(rule, **fields: Any):
    base = {
        "client": "t",
        "days": ["mon", "wed"],
        "session_minutes": 60,
        "warmup_minutes": 0,
        "equipment": ["commercial_gym"],
        "targets": {"quads": 10},
    }
    data = build_problem(parse_constraints({**base, **fields}), TINY)
    model = cp_model.CpModel()
    v = Variables.create(model, data)
    rule.add(model, data, v, Relax(model))
    return model, v, data


def status(model: cp_model.CpModel) -> str:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5
    return solver.status_name(solver.solve(model))


def item(v: Variables, day: str, ex_id: str):
    return next(i for i in v.by_day[day] if i.exercise.id == ex_id)


def fix(model: cp_model.CpModel, v: Variables, assignment: dict[tuple[str, str], int]) -> None:
    """Fix sets for the listed (day, exercise); every other item is unused."""
    for it in v.items:
        sets = assignment.get((it.day, it.exercise.id), 0)
        model.add(it.sets == sets)
        model.add(it.use == (1 if sets else 0))


# -- selection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("sets", "ok"), [(1, False), (2, True), (5, True), (6, False)])
def test_selection_sets_range(sets: int, ok: bool) -> None:
    model, v, _ = setup(selection)
    it = item(v, "mon", "squat")
    model.add(it.use == 1)
    model.add(it.sets == sets) if sets <= 5 else model.add(it.sets >= sets)
    assert (status(model) in ("OPTIMAL", "FEASIBLE")) is ok


def test_selection_unused_has_no_sets() -> None:
    model, v, _ = setup(selection)
    it = item(v, "mon", "squat")
    model.add(it.use == 0)
    model.add(it.sets >= 1)
    assert status(model) == "INFEASIBLE"


def test_selection_no_exercise_twice_a_week() -> None:
    model, v, _ = setup(selection)
    model.add(item(v, "mon", "squat").use == 1)
    model.add(item(v, "wed", "squat").use == 1)
    assert status(model) == "INFEASIBLE"


# -- time budget ---------------------------------------------------------------------------------


def test_time_budget_counts_sets_rest_setup_and_warmup() -> None:
    # 10 minutes with a 4-minute warm-up leave 360 s: 3 sets of one exercise = 270 + 30 = 300 s
    # fit; 2 exercises x 2 sets = 2 x (180 + 30) = 420 s do not.
    model, v, _ = setup(time_budget, session_minutes=10, warmup_minutes=4)
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(time_budget, session_minutes=10, warmup_minutes=4)
    fix(model, v, {("mon", "squat"): 2, ("mon", "knee_ext"): 2})
    assert status(model) == "INFEASIBLE"


def test_time_budget_is_per_day() -> None:
    model, v, _ = setup(time_budget, session_minutes={"mon": 10, "wed": 30}, warmup_minutes=0)
    fix(model, v, {("wed", "squat"): 5, ("wed", "knee_ext"): 5, ("mon", "curl"): 3})
    assert status(model) == "OPTIMAL"


# -- volume --------------------------------------------------------------------------------------


def test_session_cap_counts_secondary_as_half() -> None:
    # cap 6 sets: squat 5 (quads 5) + knee_ext 2 = 7 quads sets -> too many
    model, v, _ = setup(volume, max_muscle_sets_per_session=6)
    fix(model, v, {("mon", "squat"): 5, ("mon", "knee_ext"): 2})
    assert status(model) == "INFEASIBLE"
    # biceps: row 4 sets gives 2 (secondary), curl 4 sets gives 4 -> 6 fits the cap of 6
    model, v, _ = setup(volume, max_muscle_sets_per_session=6)
    fix(model, v, {("mon", "row"): 4, ("mon", "curl"): 4})
    assert status(model) == "OPTIMAL"


def test_weekly_max_is_hard() -> None:
    model, v, _ = setup(volume, targets={"quads": {"min": 4, "max": 6}})
    fix(model, v, {("mon", "squat"): 4, ("wed", "knee_ext"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(volume, targets={"quads": {"min": 4, "max": 7}})
    fix(model, v, {("mon", "squat"): 4, ("wed", "knee_ext"): 3})
    assert status(model) == "OPTIMAL"


# -- recovery ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "hours", "ok"),
    [
        (["mon", "tue"], 48, False),
        (["mon", "tue"], 24, True),
        (["mon", "wed"], 48, True),
        (["mon", "wed"], 72, False),
        (["sun", "mon"], 48, False),  # the week repeats: sun -> mon is 24 h
        (["mon", "sun"], 48, False),
    ],
)
def test_recovery_spacing_of_primary_muscle(days: list[str], hours: int, ok: bool) -> None:
    model, v, _ = setup(recovery, days=days, recovery_hours=hours)
    first, second = sorted(days, key=["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index)
    fix(model, v, {(first, "squat"): 3, (second, "knee_ext"): 3})
    assert (status(model) == "OPTIMAL") is ok


def test_recovery_ignores_secondary_involvement() -> None:
    # biceps is primary in curl and only secondary in row: curl mon + row tue is allowed
    model, v, _ = setup(recovery, days=["mon", "tue"], recovery_hours=48)
    fix(model, v, {("mon", "curl"): 3, ("tue", "row"): 3})
    assert status(model) == "OPTIMAL"


# -- required ------------------------------------------------------------------------------------


def test_required_exercise_must_appear() -> None:
    model, v, _ = setup(required, require=["row"])
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(required, require=["row"])
    fix(model, v, {("wed", "row"): 3})
    assert status(model) == "OPTIMAL"


# -- filters decided before the model (problem data) --------------------------------------------


def test_split_focus_filters_candidates() -> None:
    data = build_problem(
        parse_constraints({"days": ["mon", "wed"], "split": {"mon": "lower", "wed": "push"}}), TINY
    )
    assert {e.id for e in data.candidates["mon"]} == {"knee_ext", "squat"}
    assert {e.id for e in data.candidates["wed"]} == {"fly", "press"}


def test_avoid_muscles_excludes_secondary_too() -> None:
    data = build_problem(
        parse_constraints({"days": ["mon"], "avoid": {"muscles": ["biceps"]}}), TINY
    )
    assert {e.id for e in data.usable} == {"knee_ext", "squat", "fly", "press"}
    assert "biceps" in data.unavailable["row"]


def test_guarded_rule_group_switches_off() -> None:
    """The explanation path relies on guards: with the literal false, the rule is gone."""
    data = build_problem(
        parse_constraints({"days": ["mon"], "session_minutes": 10, "warmup_minutes": 0}), TINY
    )
    model = cp_model.CpModel()
    v = Variables.create(model, data)
    relax = Relax(model, guarded=True)
    time_budget.add(model, data, v, relax)
    fix(model, v, {("mon", "squat"): 5, ("mon", "press"): 5})
    model.add(relax.literals["session_minutes.mon"] == 0)
    assert status(model) == "OPTIMAL"
