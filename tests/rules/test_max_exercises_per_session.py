"""Rule group `max_exercises_per_session`: at most this many exercises in one session (none,
the default, sets no cap). The recipe's proof: field, model, words, repair, check, tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import InfeasibleError, plan, validate
from optimizer.assignments import greedy_program
from optimizer.batch.inputs import COLUMNS, row_to_mapping
from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relaxed
from optimizer.cpsat.rules.max_exercises_per_session import GROUP
from optimizer.errors import InputError
from optimizer.explain import explain_infeasible
from optimizer.validate.max_exercises_per_session import check_max_exercises_per_session

from .weeks import BASIC, CATALOG, broken, build, client, passes, week
from tiny import fix, setup, status

# -- validator --


def test_no_cap_checks_nothing(program, constraints) -> None:
    assert constraints.max_exercises_per_session is None
    assert list(check_max_exercises_per_session(week(program, constraints))) == []


def test_a_session_over_the_cap_is_named() -> None:
    most = max(len(items) for items in BASIC.values())
    passes(build(BASIC, client()), client(max_exercises_per_session=most))
    tight = client(max_exercises_per_session=most - 1)
    found = broken(build(BASIC, tight), tight, "max_exercises_per_session")
    over = [day for day, items in BASIC.items() if len(items) == most]
    assert [v.where for v in found] == over
    assert found[0].message == f"{most} exercises > {most - 1}"


# -- model --


def test_model_counts_exercises_per_day() -> None:
    model, v, _ = setup(GROUP, max_exercises_per_session=2)
    fix(model, v, {("mon", "squat"): 2, ("mon", "curl"): 2, ("wed", "row"): 2})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, max_exercises_per_session=2)
    fix(model, v, {("mon", "squat"): 2, ("mon", "curl"): 2, ("mon", "row"): 2})
    assert status(model) == "INFEASIBLE"


def test_model_adds_nothing_without_a_cap() -> None:
    model, _, _ = setup(GROUP)
    assert len(model.proto.constraints) == 0


def test_words_and_repair() -> None:
    c = parse_constraints({"days": ["mon"], "max_exercises_per_session": 4})
    assert GROUP.describe("max_exercises_per_session", c) == "max_exercises_per_session: 4"
    edit = GROUP.edit(Relaxed("slack", "max_exercises_per_session", 2), c)
    assert (edit.field, edit.before, edit.value) == ("max_exercises_per_session", 4, 6)
    assert edit.text == "max_exercises_per_session 4 -> 6"


def test_the_field_is_checked() -> None:
    with pytest.raises(InputError, match="max_exercises_per_session"):
        parse_constraints({"days": ["mon"], "max_exercises_per_session": 0})
    with pytest.raises(InputError, match="max_exercises_per_session"):
        parse_constraints({"days": ["mon"], "max_exercises_per_session": 31})


# -- end to end --

FOUR = {
    "client": "four",
    "days": ["mon", "wed", "fri"],
    "session_minutes": 75,
    "max_exercises_per_session": 4,
    "solver": {"time_limit": 5, "workers": 1},
}


@pytest.mark.parametrize("engine", ["cp-sat", "greedy"])
def test_a_cap_of_four_holds_on_both_engines(engine: str) -> None:
    c = parse_constraints(FOUR, CATALOG.vocabulary)
    program = plan(c, CATALOG, time_limit=2) if engine == "cp-sat" else greedy_program(c, CATALOG)
    assert not validate(program, c, CATALOG)
    assert max(len(d.exercises) for d in program.days) <= 4
    if engine == "cp-sat":  # the cap binds this client: without it, sessions are longer
        free = plan({**FOUR, "max_exercises_per_session": None}, CATALOG, time_limit=2)
        assert max(len(d.exercises) for d in free.days) > 4


@settings(max_examples=4, deadline=None, derandomize=True, database=None)
@given(
    cap=st.integers(1, 5),
    days=st.sampled_from((["mon"], ["tue", "fri"], ["mon", "wed", "fri"])),
    minutes=st.sampled_from((30, 60, 90)),
)
def test_no_session_above_the_cap(cap: int, days: list[str], minutes: int) -> None:
    c = parse_constraints(
        {**FOUR, "days": days, "session_minutes": minutes, "max_exercises_per_session": cap},
        CATALOG.vocabulary,
    )
    program = plan(c, CATALOG, time_limit=1)
    assert not validate(program, c, CATALOG)
    assert all(len(d.exercises) <= cap for d in program.days)


def test_an_infeasible_file_names_it_with_a_repair() -> None:
    data = {
        "client": "capped",
        "days": ["mon"],
        "session_minutes": 60,
        "max_exercises_per_session": 2,
        "require": ["leg_extension", "leg_press", "barbell_bench_press"],
        "solver": {"time_limit": 5, "workers": 1},
    }
    with pytest.raises(InfeasibleError):
        plan(data, CATALOG)
    report = explain_infeasible(data, CATALOG, seconds_per_solve=3)
    assert report.status == "infeasible"
    assert "max_exercises_per_session" in [c.field for c in report.conflicts]
    assert "max_exercises_per_session: 2" in [c.text for c in report.conflicts]
    repair = next(r for r in report.repairs if r.edits[0].field == "max_exercises_per_session")
    assert repair.text == "max_exercises_per_session 2 -> 3"
    assert repair.verified


def test_a_sheet_column(tmp_path: Path) -> None:
    assert "max_exercises_per_session" in COLUMNS
    row = row_to_mapping({"days": "mon;thu", "max_exercises_per_session": "5"})
    assert parse_constraints(row).max_exercises_per_session == 5
    with pytest.raises(InputError, match="max_exercises_per_session"):
        row_to_mapping({"days": "mon", "max_exercises_per_session": "4.5"})
