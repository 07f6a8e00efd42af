"""Rule group `max_heavy_per_session`: at most this many intensity-5 lifts (heavy squats,
deadlifts, bent-over rows, the standing press) in one session; default 2, none for no cap."""

from __future__ import annotations

import pytest

from optimizer import plan, validate
from optimizer.assignments import greedy_program
from optimizer.batch.inputs import row_to_mapping
from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relaxed
from optimizer.cpsat.rules.max_heavy_per_session import GROUP
from optimizer.explain import explain_infeasible
from optimizer.validate.max_heavy_per_session import check_max_heavy_per_session

from .weeks import CATALOG, CLIENT, broken, build, client, passes, week
from tiny import fix, setup, status

HEAVY_MONDAY = {
    "mon": [
        ("leg_extension", 2),
        ("barbell_back_squat", 3),
        ("barbell_deadlift", 3),
        ("barbell_romanian_deadlift", 2),
    ]
}

# -- validator --


def test_two_by_default_none_for_no_cap(constraints) -> None:
    assert constraints.max_heavy_per_session == 2
    free = parse_constraints({"days": ["mon"], "max_heavy_per_session": None})
    assert free.max_heavy_per_session is None


def test_three_heavy_lifts_in_a_session_are_named() -> None:
    loose = client(max_heavy_per_session=3)
    passes(build(HEAVY_MONDAY, loose), loose)
    two = client(max_heavy_per_session=2)
    (found,) = broken(build(HEAVY_MONDAY, two), two, "max_heavy_per_session")
    assert found.where == "mon"
    assert found.message.startswith("3 heavy lifts > 2: barbell_back_squat")


def test_no_cap_checks_nothing() -> None:
    free = parse_constraints({**CLIENT, "max_heavy_per_session": None}, CATALOG.vocabulary)
    assert list(check_max_heavy_per_session(week(build(HEAVY_MONDAY, free), free))) == []


def test_a_sheet_cell_none_turns_the_default_off() -> None:
    """An empty cell is the default (2), so `none` is how a sheet says "no cap"."""
    assert parse_constraints(row_to_mapping({"days": "mon"})).max_heavy_per_session == 2
    row = row_to_mapping({"days": "mon", "max_heavy_per_session": "none"})
    assert parse_constraints(row).max_heavy_per_session is None


# -- model --


def test_model_counts_intensity_five_only() -> None:
    model, v, _ = setup(GROUP, max_heavy_per_session=1)  # squat is the tiny catalog's 5
    fix(model, v, {("mon", "squat"): 3, ("mon", "row"): 3, ("mon", "press"): 3})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, max_heavy_per_session=0)
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "INFEASIBLE"


def test_words_and_repair() -> None:
    c = parse_constraints({"days": ["mon"], "max_heavy_per_session": 2})
    assert GROUP.describe("max_heavy_per_session", c) == "max_heavy_per_session: 2"
    edit = GROUP.edit(Relaxed("slack", "max_heavy_per_session", 1), c)
    assert edit.text == "max_heavy_per_session 2 -> 3"


# -- end to end --

POWER = {
    "client": "power",
    "days": ["mon"],
    "session_minutes": 120,
    "experience": "advanced",
    "max_heavy_per_session": 2,
    "require": ["barbell_back_squat", "barbell_deadlift"],
    "targets": {"hamstrings": 10, "quads": 10, "upper_back": 8},
    "solver": {"time_limit": 5, "workers": 1},
}


@pytest.mark.parametrize("engine", ["cp-sat", "greedy"])
def test_both_engines_keep_two_heavy_lifts_a_session(engine: str) -> None:
    c = parse_constraints(POWER, CATALOG.vocabulary)
    program = plan(c, CATALOG) if engine == "cp-sat" else greedy_program(c, CATALOG)
    assert not validate(program, c, CATALOG)
    heavy = [e.id for e in program.days[0].exercises if e.intensity >= 5]
    assert len(heavy) <= 2
    assert {"barbell_back_squat", "barbell_deadlift"} <= set(heavy)


def test_three_required_heavy_lifts_in_one_day_name_the_rule() -> None:
    data = {**POWER, "require": [*POWER["require"], "barbell_romanian_deadlift"]}
    report = explain_infeasible(data, CATALOG, seconds_per_solve=3)
    assert report.status == "infeasible"
    assert "max_heavy_per_session: 2" in [x.text for x in report.conflicts]
    assert "max_heavy_per_session 2 -> 3" in [r.text for r in report.repairs]
