"""The article's week: lower / push / pull, isolation first, compound last, pairs every day."""

from __future__ import annotations

import pytest

from optimizer import load_constraints

from helpers import EXAMPLES, solve_checked


@pytest.fixture(scope="module")
def week(catalog):

    return solve_checked(load_constraints(EXAMPLES / "article_week.yaml"), catalog)


def test_lower_push_pull(week) -> None:
    assert [(d.day, d.focus) for d in week.days] == [
        ("mon", "lower"),
        ("tue", "push"),
        ("wed", "pull"),
    ]


def test_isolation_first_compound_last(week) -> None:
    for day in week.days:
        mechanics = [e.mechanic for e in day.exercises]
        assert mechanics[0] == "isolation", day.day
        assert mechanics[-1] == "compound", day.day
        # no isolation after a compound
        assert mechanics == sorted(mechanics, key=lambda m: m == "compound"), day.day
        intensities = [e.intensity for e in day.exercises]
        assert intensities == sorted(intensities), day.day


def test_at_least_one_pair_per_day(week) -> None:
    for day in week.days:
        assert any(e.pre_exhausts for e in day.exercises), day.day
    assert week.pre_exhaust_pairs >= 3


def test_every_article_exercise_on_its_day(week) -> None:
    constraints = load_constraints(EXAMPLES / "article_week.yaml")
    where = {e.id: d.day for d in week.days for e in d.exercises}
    for ex_id in constraints.require:
        assert ex_id in where, ex_id
    assert where["leg_extension"] == "mon"
    assert where["dumbbell_bench_press"] == "tue"
    assert where["barbell_bent_over_row"] == "wed"


def test_classic_pairs(week) -> None:
    links = {e.id: e.pre_exhausts for d in week.days for e in d.exercises}
    assert links["leg_extension"] in {"barbell_back_squat", "leg_press"}
    assert links["dumbbell_front_raise"] == "dumbbell_shoulder_press"
    assert links["straight_arm_pulldown"] is not None


def test_proven_optimal(week) -> None:
    assert week.status == "optimal"
    assert week.gap == 0
    assert week.objective == week.best_bound


def test_a_coach_would_sign_it(week) -> None:
    """Issue 13's bar for the article's week: no day above 7 exercises, no 2-set fragment (the
    article gives 4 sets of each), every target's minimum met, the minutes used."""
    for day in week.days:
        assert len(day.exercises) <= 7, day.day
        assert min(e.sets for e in day.exercises) >= 3, day.day
        assert day.minutes >= 0.7 * day.budget_minutes, day.day
    assert all(t.met for t in week.targets.values())
