"""Rule group `max_days_per_exercise`: an exercise is on at most this many training days of the
week (default 2), and never twice in one session."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import plan, validate
from optimizer.assignments import greedy_program
from optimizer.batch.inputs import COLUMNS, row_to_mapping
from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relaxed
from optimizer.cpsat.rules.max_days_per_exercise import GROUP
from optimizer.errors import InputError
from optimizer.explain import explain_infeasible
from optimizer.program import Program
from optimizer.validate.max_days_per_exercise import check_max_days_per_exercise

from .weeks import BASIC, CATALOG, broken, build, client, passes, week
from tiny import fix, full_problem, setup, solve_relaxed, status


def days_of(program: Program) -> dict[str, list[str]]:
    """Exercise id -> the days it is listed on (a day once however often it lists it)."""
    out: dict[str, list[str]] = {}
    for day in program.days:
        for row in day.exercises:
            if day.day not in out.setdefault(row.id, []):
                out[row.id].append(day.day)
    return out


# -- validator --


def test_the_planned_week_keeps_the_default(program, constraints) -> None:
    assert constraints.max_days_per_exercise == 2
    assert all(len(days) <= 2 for days in days_of(program).values())
    assert list(check_max_days_per_exercise(week(program, constraints))) == []
    passes(program, constraints)


def test_two_days_pass_by_default_and_break_a_cap_of_one(constraints) -> None:
    twice = {**BASIC, "fri": [("leg_extension", 2), *BASIC["fri"]]}
    passes(build(twice, constraints), constraints)
    once = client(max_days_per_exercise=1)
    (found,) = broken(build(twice, once), once, "max_days_per_exercise")
    assert (found.where, found.message) == ("fri #1 leg_extension", "on 2 days > 1: mon, fri")


def test_each_day_past_the_cap_is_named(constraints) -> None:
    curls = [("dumbbell_biceps_curl", 2)]
    thrice = build({"mon": curls, "wed": curls, "fri": curls}, constraints)
    found = list(check_max_days_per_exercise(week(thrice, constraints)))
    assert [(v.where, v.message) for v in found] == [
        ("fri #1 dumbbell_biceps_curl", "on 3 days > 2: mon, wed, fri"),
    ]
    seven = client(max_days_per_exercise=7)
    assert list(check_max_days_per_exercise(week(thrice, seven))) == []


def test_an_exercise_twice_in_one_session(constraints) -> None:
    doubled = build({"mon": [("leg_extension", 2), ("leg_extension", 2)]}, constraints)
    (found,) = check_max_days_per_exercise(week(doubled, constraints))
    assert found.where == "mon #2 leg_extension"
    assert found.message == "twice in one session (also #1)"
    # even where the cap allows every day: one session is one entry
    seven = client(max_days_per_exercise=7)
    assert len(list(check_max_days_per_exercise(week(doubled, seven)))) == 1


# -- model --


def test_model_counts_days_per_exercise() -> None:
    three = {"days": ["mon", "wed", "fri"]}
    model, v, _ = setup(GROUP, **three)
    fix(model, v, {("mon", "squat"): 3, ("fri", "squat"): 3, ("wed", "curl"): 2})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, **three)
    fix(model, v, {("mon", "squat"): 3, ("wed", "squat"): 3, ("fri", "squat"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(GROUP, max_days_per_exercise=1)
    fix(model, v, {("mon", "squat"): 3, ("wed", "squat"): 3})
    assert status(model) == "INFEASIBLE"


def test_model_adds_nothing_when_the_cap_cannot_bind() -> None:
    model, _, _ = setup(GROUP)  # two training days, a cap of two
    assert len(model.proto.constraints) == 0


def test_elastic_raises_the_cap_by_a_slack() -> None:
    data = full_problem(days=["mon", "wed", "fri"], max_days_per_exercise=1)
    force = {("mon", "squat"): 2, ("wed", "squat"): 2, ("fri", "squat"): 2}
    relaxed = solve_relaxed(GROUP, data, force, "max_days_per_exercise")
    assert relaxed == [Relaxed("slack", "max_days_per_exercise", 2)]
    c = data.constraints
    assert GROUP.edit(relaxed[0], c).text == "max_days_per_exercise 1 -> 3"


def test_words_repair_and_what_if() -> None:
    c = parse_constraints({"days": ["mon"], "max_days_per_exercise": 1})
    assert GROUP.describe("max_days_per_exercise", c) == "max_days_per_exercise: 1"
    edit = GROUP.edit(Relaxed("slack", "max_days_per_exercise", 1), c)
    assert (edit.field, edit.before, edit.value) == ("max_days_per_exercise", 1, 2)
    assert edit.text == "max_days_per_exercise 1 -> 2"
    default = client()
    twice = build({**BASIC, "fri": [("leg_extension", 2), *BASIC["fri"]]}, default)
    assert [s.text for s in GROUP.steps(default, twice)] == ["max_days_per_exercise 2 -> 3"]
    assert GROUP.steps(default, build(BASIC, default)) == []  # no exercise at the cap
    assert GROUP.steps(client(max_days_per_exercise=7), twice) == []  # the field's limit


def test_the_field_is_checked() -> None:
    assert parse_constraints({"days": ["mon"]}).max_days_per_exercise == 2
    for bad in (0, 8, None):
        with pytest.raises(InputError, match="max_days_per_exercise"):
            parse_constraints({"days": ["mon"], "max_days_per_exercise": bad})


def test_a_sheet_column() -> None:
    assert "max_days_per_exercise" in COLUMNS
    row = row_to_mapping({"days": "mon;thu", "max_days_per_exercise": "1"})
    assert parse_constraints(row).max_days_per_exercise == 1


# -- end to end --

# A bodyweight traveller, full body three times a week: few exercises, so the same ones must
# carry the week (issue 13: "no exercise twice a week" left one plank on Friday).
TRAVELLER = {
    "client": "traveller",
    "days": ["mon", "wed", "fri"],
    "session_minutes": 40,
    "equipment": ["bodyweight_only"],
    "targets": {"chest": 12, "quads": 12, "abs": 6},
    "solver": {"time_limit": 5, "workers": 1},
}


@pytest.mark.parametrize("engine", ["cp-sat", "greedy"])
@pytest.mark.parametrize("cap", [1, 2])
def test_both_engines_keep_the_cap(engine: str, cap: int) -> None:
    c = parse_constraints({**TRAVELLER, "max_days_per_exercise": cap}, CATALOG.vocabulary)
    program = plan(c, CATALOG, time_limit=3) if engine == "cp-sat" else greedy_program(c, CATALOG)
    assert not validate(program, c, CATALOG)
    assert max(len(days) for days in days_of(program).values()) <= cap


def test_a_second_day_buys_volume() -> None:
    once = plan({**TRAVELLER, "max_days_per_exercise": 1}, CATALOG, time_limit=3)
    twice = plan(TRAVELLER, CATALOG, time_limit=3)
    assert max(len(days) for days in days_of(twice).values()) == 2
    assert twice.objective >= once.objective


@settings(max_examples=4, deadline=None, derandomize=True, database=None)
@given(
    cap=st.integers(1, 3),
    days=st.sampled_from((["mon", "wed", "fri"], ["mon", "tue", "thu", "fri"])),
    equipment=st.sampled_from((["bodyweight_only"], ["dumbbells_only"])),
)
def test_no_exercise_above_the_cap(cap: int, days: list[str], equipment: list[str]) -> None:
    c = parse_constraints(
        {**TRAVELLER, "days": days, "equipment": equipment, "max_days_per_exercise": cap},
        CATALOG.vocabulary,
    )
    program = plan(c, CATALOG, time_limit=1)
    assert not validate(program, c, CATALOG)
    assert all(len(on) <= cap for on in days_of(program).values())


def test_an_infeasible_file_names_it_with_a_repair() -> None:
    # bodyweight side delts: only pike_push_up counts (0.5 a set, <= 5 sets: 2.5 a day), so
    # a strict 6 needs it on all three days
    data = {
        "client": "pikes",
        "days": ["mon", "wed", "fri"],
        "session_minutes": 45,
        "equipment": ["bodyweight_only"],
        "targets": {"side_delts": {"min": 6, "strict": True}},
        "solver": {"time_limit": 5, "workers": 1},
    }
    report = explain_infeasible(data, CATALOG, seconds_per_solve=3)
    assert report.status == "infeasible"
    assert "max_days_per_exercise: 2 (default)" in [c.text for c in report.conflicts]
    repair = next(r for r in report.repairs if r.edits[0].field == "max_days_per_exercise")
    assert repair.text == "max_days_per_exercise 2 -> 3"
    assert repair.verified
