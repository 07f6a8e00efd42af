"""Rule group `recovery_hours`: the same primary muscle is never on days closer than the
recovery time; the week repeats, so sun -> mon is 24 h. Secondary work does not count."""

from __future__ import annotations

import pytest

from optimizer.cpsat.rules.recovery_hours import GROUP
from optimizer.validate.recovery_hours import check_recovery_hours

from .weeks import broken, build, client, passes, week
from tiny import fix, setup, status

# -- validator --


def primary_days(program) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for day in program.days:
        for muscle in {m for row in day.exercises for m in row.primary}:
            out.setdefault(muscle, []).append(day.day)
    return out


def test_the_planned_week_keeps_48_hours(program, constraints) -> None:
    assert constraints.recovery_hours == 48
    assert list(check_recovery_hours(week(program, constraints))) == []
    passes(program, constraints)


def test_a_longer_recovery_breaks_a_muscle_trained_twice(program) -> None:
    twice = {m for m, days in primary_days(program).items() if len(days) > 1}
    assert twice  # quads need two sessions: 12 sets, at most 10 in one
    # on mon, wed and fri any two days are at most 72 h apart the shorter way round
    found = broken(program, client(recovery_hours=96), "recovery_hours")
    assert {v.where for v in found} == twice


def test_the_week_wraps_from_sunday_to_monday() -> None:
    days = ["mon", "sun"]
    listing = {"mon": [("leg_extension", 3)], "sun": [("machine_hack_squat", 3)]}
    short = client(days=days, recovery_hours=24)
    program = build(listing, short)
    passes(program, short)
    spaced = client(days=days, recovery_hours=48)
    (found,) = broken(program, spaced, "recovery_hours")
    assert (found.where, found.message) == ("quads", "primary on mon and sun, 24 h apart < 48")


def test_secondary_work_the_next_day_is_allowed() -> None:
    days = client(days=["mon", "tue"])
    # triceps: secondary of the chest press on mon, primary of the pushdown on tue
    listing = {"mon": [("machine_chest_press", 3)], "tue": [("cable_triceps_pushdown", 3)]}
    program = build(listing, days)
    assert list(check_recovery_hours(week(program, days))) == []
    passes(program, days)


# -- model --


@pytest.mark.parametrize(
    ("days", "hours", "ok"),
    [
        (["mon", "tue"], 48, False),
        (["mon", "tue"], 24, True),
        (["mon", "wed"], 48, True),
        (["mon", "wed"], 72, False),
        (["sun", "mon"], 48, False),  # the week repeats: sun -> mon is 24 h
        (["mon", "sun"], 48, False),
    ],
)
def test_model_spacing_of_primary_muscle(days: list[str], hours: int, ok: bool) -> None:
    model, v, _ = setup(GROUP, days=days, recovery_hours=hours)
    first, second = sorted(days, key=["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index)
    fix(model, v, {(first, "squat"): 3, (second, "knee_ext"): 3})
    assert (status(model) == "OPTIMAL") is ok


def test_model_ignores_secondary_involvement() -> None:
    # biceps is primary in curl and only secondary in row: curl mon + row tue is allowed
    model, v, _ = setup(GROUP, days=["mon", "tue"], recovery_hours=48)
    fix(model, v, {("mon", "curl"): 3, ("tue", "row"): 3})
    assert status(model) == "OPTIMAL"
