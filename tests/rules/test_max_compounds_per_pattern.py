"""Rule group `max_compounds_per_pattern`: at most this many compounds of one movement pattern
in one session; default 2, none for no cap."""

from __future__ import annotations

from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relaxed
from optimizer.cpsat.rules.max_compounds_per_pattern import GROUP
from optimizer.explain import explain_infeasible
from optimizer.validate.max_compounds_per_pattern import check_max_compounds_per_pattern

from .weeks import CATALOG, broken, build, client, passes, week
from tiny import GEAR, fix, setup, status

THREE_SQUATS = {
    "mon": [("smith_machine_squat", 3), ("goblet_squat", 2), ("barbell_back_squat", 3)],
}

# -- validator --


def test_two_by_default_none_for_no_cap(constraints) -> None:
    assert constraints.max_compounds_per_pattern == 2
    free = parse_constraints({"days": ["mon"], "max_compounds_per_pattern": None})
    assert free.max_compounds_per_pattern is None


def test_a_third_squat_is_named() -> None:
    loose = client(max_compounds_per_pattern=3, max_heavy_per_session=3)
    passes(build(THREE_SQUATS, loose), loose)
    tight = client(max_heavy_per_session=3, max_compounds_per_pattern=2)
    (found,) = broken(build(THREE_SQUATS, tight), tight, "max_compounds_per_pattern")
    assert found.where == "mon"
    assert found.message.startswith("3 squat compounds > 2:")


def test_isolations_and_other_patterns_do_not_count() -> None:
    c = client(max_compounds_per_pattern=1)
    listing = {"mon": [("leg_extension", 2), ("barbell_back_squat", 3), ("lying_leg_curl", 2)]}
    assert list(check_max_compounds_per_pattern(week(build(listing, c), c))) == []


# -- model --


def test_model_groups_compounds_by_pattern() -> None:
    assert GEAR["row"].pattern == GEAR["press"].pattern == ""  # the tiny catalog has none
    model, v, _ = setup(GROUP, max_compounds_per_pattern=1)
    fix(model, v, {("mon", "row"): 3, ("mon", "press"): 3})
    assert status(model) == "OPTIMAL"


def test_words_and_repair() -> None:
    c = parse_constraints({"days": ["mon"], "max_compounds_per_pattern": 1})
    assert GROUP.describe("max_compounds_per_pattern", c) == "max_compounds_per_pattern: 1"
    edit = GROUP.edit(Relaxed("slack", "max_compounds_per_pattern", 2), c)
    assert edit.text == "max_compounds_per_pattern 1 -> 3"


def test_three_required_squats_in_one_day_name_the_rule() -> None:
    data = {
        "client": "squats",
        "days": ["mon"],
        "session_minutes": 120,
        "experience": "advanced",
        "max_heavy_per_session": 3,
        "max_compounds_per_pattern": 2,
        "require": ["barbell_back_squat", "barbell_front_squat", "goblet_squat"],
        "solver": {"time_limit": 5, "workers": 1},
    }
    report = explain_infeasible(data, CATALOG, seconds_per_solve=3)
    assert report.status == "infeasible"
    assert "max_compounds_per_pattern: 2" in [x.text for x in report.conflicts]
    assert "max_compounds_per_pattern 2 -> 3" in [r.text for r in report.repairs]
