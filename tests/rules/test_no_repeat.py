"""Rule group `no_repeat`: no exercise appears twice in the week."""

from __future__ import annotations

from optimizer.cpsat.rules.no_repeat import GROUP
from optimizer.validate.no_repeat import check_no_repeat

from .weeks import BASIC, broken, build, passes, week
from tiny import item, setup, status

# -- validator --


def test_the_planned_week_uses_each_exercise_once(program, constraints) -> None:
    assert len(program.exercise_ids) == len(set(program.exercise_ids))
    assert list(check_no_repeat(week(program, constraints))) == []
    passes(program, constraints)


def test_an_exercise_on_two_days(constraints) -> None:
    twice = build({**BASIC, "fri": [("leg_extension", 2), *BASIC["fri"]]}, constraints)
    (found,) = broken(twice, constraints, "no_repeat")
    assert (found.where, found.message) == ("fri #1 leg_extension", "already used on mon")


def test_each_repeat_names_the_day_before_it(constraints) -> None:
    curls = [("dumbbell_biceps_curl", 2)]
    thrice = build({"mon": curls, "wed": curls, "fri": curls}, constraints)
    found = list(check_no_repeat(week(thrice, constraints)))
    assert [(v.where, v.message) for v in found] == [
        ("wed #1 dumbbell_biceps_curl", "already used on mon"),
        ("fri #1 dumbbell_biceps_curl", "already used on wed"),
    ]


def test_an_exercise_twice_in_one_session(constraints) -> None:
    doubled = build({"mon": [("leg_extension", 2), ("leg_extension", 2)]}, constraints)
    (found,) = check_no_repeat(week(doubled, constraints))
    assert (found.where, found.message) == ("mon #2 leg_extension", "already used on mon")


# -- model --


def test_model_no_exercise_twice_a_week() -> None:
    model, v, _ = setup(GROUP)
    model.add(item(v, "mon", "squat").use == 1)
    model.add(item(v, "wed", "squat").use == 1)
    assert status(model) == "INFEASIBLE"
