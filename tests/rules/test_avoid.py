"""Rule group `avoid`: no avoided exercise ("avoid.exercises"), and no exercise working an
avoided muscle as primary or secondary ("avoid.muscles")."""

from __future__ import annotations

from optimizer.cpsat.rules import read_edits
from optimizer.cpsat.rules.avoid import GROUP
from optimizer.validate.avoid import check_avoid

from .weeks import broken, client, passes, week
from tiny import fix, full_problem, setup, solve_relaxed, status

# -- validator --


def test_the_planned_week_avoids_nothing_it_should_not(program, constraints) -> None:
    assert list(check_avoid(week(program, constraints))) == []
    passes(program, constraints)


def test_an_avoided_exercise(program) -> None:
    first = program.days[0].exercises[0].id
    avoid = client(avoid={"exercises": [first]})
    found, *also = broken(program, avoid, "avoid.exercises")  # also: its second day, if any
    assert all(v.message == "avoided exercise used" for v in also)
    assert (found.where, found.message) == (
        f"{program.days[0].day} #1 {first}",
        "avoided exercise used",
    )


def test_an_avoided_muscle_worked_as_secondary(program) -> None:
    row = next(r for d in program.days for r in d.exercises if r.secondary)
    muscle = row.secondary[0]
    avoid = client(avoid={"muscles": [muscle]})
    found = broken(program, avoid, "avoid.muscles")
    assert {v.message for v in found} == {f"works avoided muscle {muscle}"}
    rows = [r for d in program.days for r in d.exercises if muscle in (*r.primary, *r.secondary)]
    assert len(found) == len(rows)


def test_an_avoided_muscle_worked_as_primary(program, constraints) -> None:
    row = program.days[0].exercises[0]
    avoid = client(avoid={"muscles": [row.primary[0]]})
    found = list(check_avoid(week(program, avoid)))
    assert found[0].where == f"{program.days[0].day} #1 {row.id}"
    assert {v.rule for v in found} == {"avoid.muscles"}


# -- model --


def test_model_forbids_avoided_exercises_and_muscles() -> None:
    model, v, _ = setup(GROUP, full=True, avoid={"exercises": ["squat"]})
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "INFEASIBLE"
    # biceps is only secondary in the row: avoiding it still rules the row out
    model, v, _ = setup(GROUP, full=True, avoid={"muscles": ["biceps"]})
    fix(model, v, {("mon", "row"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(GROUP, full=True, avoid={"muscles": ["biceps"]})
    fix(model, v, {("mon", "press"): 3})
    assert status(model) == "OPTIMAL"


def test_model_repair_removes_the_entry() -> None:
    data = full_problem(avoid={"exercises": ["curl", "squat"]})
    relaxed = solve_relaxed(GROUP, data, {("mon", "squat"): 2}, "avoid.exercises")
    edits = read_edits(data.constraints, relaxed)
    assert [(e.field, e.action, e.text) for e in edits] == [
        ("avoid.exercises[1]", "remove", "remove avoid.exercises: squat")
    ]
    assert GROUP.describe("avoid.exercises[0]", data.constraints) == "avoid.exercises: curl"
