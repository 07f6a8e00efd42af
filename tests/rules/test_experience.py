"""Rule group `experience`: no exercise above the client's level."""

from __future__ import annotations

from optimizer.cpsat.rules import read_edits
from optimizer.cpsat.rules.experience import GROUP
from optimizer.validate.experience import check_experience

from .weeks import CATALOG, broken, build, client, passes, week
from tiny import fix, full_problem, setup, solve_relaxed, status

# -- validator --

WEEK = {"mon": [("chest_dip", 3)], "wed": [("barbell_front_squat", 3)]}


def test_the_planned_week_fits_the_level(program, constraints) -> None:
    assert list(check_experience(week(program, constraints))) == []
    passes(program, constraints)


def test_levels_of_the_exercises_used() -> None:
    assert CATALOG["chest_dip"].level == "intermediate"
    assert CATALOG["barbell_front_squat"].level == "advanced"


def test_an_advanced_exercise_for_an_intermediate() -> None:
    advanced = client(experience="advanced")
    program = build(WEEK, advanced)
    passes(program, advanced)
    (found,) = broken(program, client(experience="intermediate"), "experience")
    assert (found.where, found.message) == (
        "wed #1 barbell_front_squat",
        "advanced exercise for a intermediate",
    )


def test_a_beginner_gets_neither() -> None:
    program = build(WEEK, client(experience="advanced"))
    found = list(check_experience(week(program, client(experience="beginner"))))
    assert [v.message for v in found] == [
        "intermediate exercise for a beginner",
        "advanced exercise for a beginner",
    ]


# -- model --


def test_model_forbids_exercises_above_the_level() -> None:
    model, v, _ = setup(GROUP, full=True, experience="intermediate")
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, full=True, experience="intermediate")
    fix(model, v, {("mon", "press"): 3})
    assert status(model) == "INFEASIBLE"


def test_model_repair_raises_the_level_as_little_as_needed() -> None:
    data = full_problem(experience="beginner")
    relaxed = solve_relaxed(GROUP, data, {("mon", "squat"): 2}, "experience")
    edits = read_edits(data.constraints, relaxed)
    assert [e.text for e in edits] == ["experience beginner -> intermediate"]
    assert GROUP.describe("experience", data.constraints) == "experience: beginner"
