"""Rule group `days`: the program lists exactly the client's training days, in week order."""

from __future__ import annotations

from optimizer.cpsat.rules import read_edits
from optimizer.cpsat.rules.days import GROUP
from optimizer.validate.days import check_days

from .weeks import BASIC, broken, build, client, passes, week
from tiny import fix, full_problem, setup, solve_relaxed, status

# -- validator --


def test_the_planned_week_lists_the_training_days(program, constraints) -> None:
    assert [d.day for d in program.days] == constraints.days
    assert list(check_days(week(program, constraints))) == []
    passes(program, constraints)


def test_a_training_day_missing_from_the_program(program) -> None:
    four = client(days=["mon", "wed", "fri", "sat"])
    (found,) = broken(program, four, "days")
    assert found.where == "days"
    assert found.message == (
        "program days ['mon', 'wed', 'fri'] are not the training days ['mon', 'wed', 'fri', 'sat']"
    )


def test_a_program_day_that_is_not_a_training_day(constraints) -> None:
    extra = build({**BASIC, "sat": [("dumbbell_biceps_curl", 2)]}, constraints)
    broken(extra, constraints, "days")
    passes(build(BASIC, constraints), constraints)


def test_days_out_of_week_order(program, constraints) -> None:
    shuffled = program.model_copy(update={"days": program.days[::-1]})
    (found,) = check_days(week(shuffled, constraints))
    assert found.rule == "days"
    broken(shuffled, constraints, "days")


# -- model --


def test_model_keeps_rest_days_empty() -> None:
    model, v, _ = setup(GROUP, full=True, days=["mon"])
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, full=True, days=["mon"])
    fix(model, v, {("tue", "squat"): 3})
    assert status(model) == "INFEASIBLE"


def test_model_repair_adds_a_day_with_the_longest_session() -> None:
    data = full_problem(days=["mon", "wed"], session_minutes={"mon": 40, "wed": 55})
    relaxed = solve_relaxed(GROUP, data, {("fri", "squat"): 2}, "days")
    edits = read_edits(data.constraints, relaxed)
    assert [e.text for e in edits] == ["add training day fri (55 minutes)"]
    assert GROUP.describe("days", data.constraints) == "days: [mon, wed]"
