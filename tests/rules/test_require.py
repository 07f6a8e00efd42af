"""Rule group `require`: every required exercise appears in the week."""

from __future__ import annotations

from optimizer.cpsat.rules.require import GROUP
from optimizer.validate.require import check_require

from .weeks import CATALOG, broken, client, passes, week
from tiny import fix, setup, status

# -- validator --


def test_a_required_exercise_in_the_week(program) -> None:
    present = client(require=program.exercise_ids[:2])
    assert list(check_require(week(program, present))) == []
    passes(program, present)


def test_a_required_exercise_missing(program) -> None:
    absent = next(i for i in CATALOG.ids if i not in program.exercise_ids)
    required = client(require=[program.exercise_ids[0], absent])
    (found,) = broken(program, required, "require")
    assert (found.where, found.message) == (absent, "required exercise missing")


def test_each_missing_exercise_is_named(program, constraints) -> None:
    absent = [i for i in CATALOG.ids if i not in program.exercise_ids][:3]
    found = list(check_require(week(program, client(require=absent))))
    assert [v.where for v in found] == absent


# -- model --


def test_model_required_exercise_must_appear() -> None:
    model, v, _ = setup(GROUP, require=["row"])
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(GROUP, require=["row"])
    fix(model, v, {("wed", "row"): 3})
    assert status(model) == "OPTIMAL"
