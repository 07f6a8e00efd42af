"""Rule group `supersets` and the superset options (issue 15): with `allowed` the solver may
pair an isolation with a compound sharing its primary muscle (equal sets, the isolation's rest
becomes the transition); with `pre_exhaust` every pre-exhausting isolation must be in one.
The validator's side is in test_supersets_validator.py."""

from __future__ import annotations

import math
from typing import Any

import pytest
from ortools.sat.python import cp_model

from optimizer import load_catalog, plan
from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relax
from optimizer.cpsat.rules import read_edits
from optimizer.cpsat.rules.supersets import GROUP
from optimizer.cpsat.variables import Variables
from optimizer.errors import InfeasibleError, InputError
from optimizer.ordering import superset_transition
from optimizer.problem import build_problem

from helpers import EXAMPLES, solve_checked
from tiny import BASE, TINY, fix, full_problem, solve_relaxed, status

CATALOG = load_catalog()


def tiny_model(**fields: Any) -> tuple[cp_model.CpModel, Variables]:
    data = build_problem(parse_constraints({**BASE, **fields}), TINY)
    model = cp_model.CpModel()
    v = Variables.create(model, data)
    GROUP.add(model, data, v, Relax(model))
    return model, v


def test_no_options_without_supersets() -> None:
    _, v = tiny_model()
    assert all(not options for options in v.supersets.values())


def test_options_pair_an_isolation_with_a_compound_sharing_its_muscle() -> None:
    _, v = tiny_model(supersets="allowed")
    pairs = {(o.isolation.exercise.id, o.compound.exercise.id) for o in v.supersets["mon"]}
    # the row works biceps as a secondary muscle only: the curl has no partner
    assert pairs == {("knee_ext", "squat"), ("fly", "press")}


def test_a_superset_has_equal_sets_and_saves_the_isolations_rest() -> None:
    model, v = tiny_model(supersets="allowed")
    option = next(o for o in v.supersets["mon"] if o.isolation.exercise.id == "knee_ext")
    fix(model, v, {("mon", "knee_ext"): 3, ("mon", "squat"): 3})
    model.add(option.chosen == 1)
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    # the tiny catalog: 60 s rest, transition 15 s (no equipment: one station)
    assert solver.value(option.saved) == 3 * (60 - 15)
    assert solver.value(v.session_seconds("mon")) == 2 * (3 * 90 + 30) - 3 * 45
    model, v = tiny_model(supersets="allowed")
    option = next(o for o in v.supersets["mon"] if o.isolation.exercise.id == "knee_ext")
    fix(model, v, {("mon", "knee_ext"): 2, ("mon", "squat"): 3})
    model.add(option.chosen == 1)
    assert status(model) == "INFEASIBLE"


def test_pre_exhaust_puts_every_pre_exhausting_isolation_in_a_superset() -> None:
    model, v = tiny_model(supersets="pre_exhaust")
    fix(model, v, {("mon", "knee_ext"): 3, ("mon", "squat"): 3})
    for option in v.supersets["mon"]:
        model.add(option.chosen == 0)
    assert status(model) == "INFEASIBLE"
    model, v = tiny_model(supersets="pre_exhaust")
    fix(model, v, {("mon", "knee_ext"): 3, ("mon", "squat"): 4})  # unequal: no superset
    assert status(model) == "INFEASIBLE"
    model, v = tiny_model(supersets="allowed")
    fix(model, v, {("mon", "knee_ext"): 3, ("mon", "squat"): 4})
    assert status(model) == "OPTIMAL"


def test_model_repair_allows_instead_of_forcing() -> None:
    data = full_problem(supersets="pre_exhaust")
    relaxed = solve_relaxed(GROUP, data, {("mon", "knee_ext"): 2, ("mon", "squat"): 3}, "supersets")
    edits = read_edits(data.constraints, relaxed)
    assert [(e.field, e.value, e.text) for e in edits] == [
        ("supersets", "allowed", "supersets pre_exhaust -> allowed")
    ]
    assert GROUP.describe("supersets", data.constraints) == "supersets: pre_exhaust"


def test_two_stations_double_the_transition() -> None:
    owned = parse_constraints({**BASE}).owned_equipment(CATALOG.vocabulary)
    far = superset_transition(CATALOG["leg_extension"], CATALOG["barbell_back_squat"], owned, 15)
    near = superset_transition(
        CATALOG["dumbbell_lateral_raise"], CATALOG["dumbbell_shoulder_press"], owned, 15
    )
    assert (far, near) == (30, 15)


def test_compound_first_with_supersets_is_one_clear_error() -> None:
    with pytest.raises(InputError) as err:
        parse_constraints({**BASE, "supersets": "allowed", "ordering": "compound_first"})
    assert err.value.field == "supersets"


# -- whole weeks --

ARTICLE = (EXAMPLES / "article_week.yaml").read_text()


def article(mode: str) -> Any:
    import yaml

    data = yaml.safe_load(ARTICLE)
    return {**data, "supersets": mode, "solver": {"time_limit": 10, "workers": 1}}


def test_the_article_week_as_supersets_saves_minutes() -> None:
    """Issue 15: at least one superset a day, measurable minutes saved, each checked by the
    validator (solve_checked)."""
    plain = solve_checked(article("none"))
    supersets = solve_checked(article("pre_exhaust"))
    for day in supersets.days:
        assert any(row.superset for row in day.exercises), day.day
    # the minutes the transitions save on the week's own rows (each isolation's rest after a
    # set replaced by the walk to its compound), not the two weeks' totals: the objective
    # spends minutes saved on sets the targets want, so a superset week may run longer
    prescribed = build_problem(parse_constraints(article("pre_exhaust")), CATALOG).catalog
    saved = sum(
        row.sets * (prescribed[row.id].rest_seconds - row.rest_seconds) / 60
        for day in supersets.days
        for row in day.exercises
        if row.superset
    )
    assert saved >= 2, saved
    assert not any(row.superset for d in plain.days for row in d.exercises)


def test_allowed_is_never_worse_than_none_on_a_proven_week() -> None:
    plain = solve_checked(article("none"))
    allowed = solve_checked(article("allowed"))
    assert plain.status == allowed.status == "optimal"
    assert allowed.objective_terms["attainment"] == plain.objective_terms["attainment"]
    assert allowed.objective_terms["value"] >= plain.objective_terms["value"]
    minutes = sum(d.minutes for d in allowed.days)
    assert minutes <= sum(d.minutes for d in plain.days) + 1e-6


def test_a_week_that_fits_only_with_supersets() -> None:
    """A leg extension and a leg press, three sets each, in a session one superset shortens
    enough: infeasible with `none`, planned with `allowed`."""
    ext, press = CATALOG["leg_extension"], CATALOG["leg_press"]
    owned = parse_constraints({**BASE}).owned_equipment(CATALOG.vocabulary)
    transition = superset_transition(ext, press, owned, 15)
    plain = ext.seconds(3) + press.seconds(3)
    superset = plain - 3 * (ext.rest_seconds - transition)
    minutes = math.ceil(superset / 60)
    assert plain > 60 * minutes  # the case holds only if the saving crosses a minute
    file = {
        "client": "tight",
        "days": ["mon"],
        "session_minutes": minutes,
        "warmup_minutes": 0,
        "equipment": ["commercial_gym"],
        "require": ["leg_extension", "leg_press"],
        "sets_per_exercise": [3, 3],
        "targets": {"quads": 6},
        "solver": {"time_limit": 5, "workers": 1},
    }
    with pytest.raises(InfeasibleError):
        plan(parse_constraints(file), CATALOG)
    week = solve_checked({**file, "supersets": "allowed"})
    (day,) = week.days
    assert [r.superset for r in day.exercises] == ["A", "A"]
    assert day.minutes <= minutes
