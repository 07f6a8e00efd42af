"""Rule group `max_muscle_sets_per_session`: no muscle gets more fractional sets in one
session (primary 1, secondary 0.5 per set) than the cap."""

from __future__ import annotations

from optimizer.cpsat.rules.max_muscle_sets_per_session import GROUP
from optimizer.validate.max_muscle_sets_per_session import check_max_muscle_sets_per_session

from .weeks import broken, build, client, passes, session_sets, week
from tiny import fix, setup, status

# -- validator --

# chest 5 + 0.5 x 5 = 7.5, triceps 0.5 x 5 + 5 = 7.5, front_delts 2 x 0.5 x 5 = 5
PRESSES = {"mon": [("machine_chest_press", 5), ("close_grip_bench_press", 5)]}


def test_the_planned_week_keeps_the_cap(program, constraints) -> None:
    assert list(check_max_muscle_sets_per_session(week(program, constraints))) == []
    passes(program, constraints)


def test_a_lower_cap_breaks_the_fullest_session(program) -> None:
    fullest = max(max(s.values()) for s in session_sets(program))
    cap = fullest - 0.5
    found = broken(program, client(max_muscle_sets_per_session=cap), "max_muscle_sets_per_session")
    over = [
        (day.day, muscle)
        for day, sets in zip(program.days, session_sets(program), strict=True)
        for muscle, n in sets.items()
        if n > cap
    ]
    assert [(v.where, v.message.split(":")[0]) for v in found] == over


def test_secondary_sets_count_half() -> None:
    cap = client(max_muscle_sets_per_session=7.5)
    program = build(PRESSES, cap)
    passes(program, cap)
    tighter = client(max_muscle_sets_per_session=7)
    found = list(check_max_muscle_sets_per_session(week(program, tighter)))
    assert [(v.where, v.message) for v in found] == [
        ("mon", "chest: 7.5 sets > 7"),
        ("mon", "triceps: 7.5 sets > 7"),
    ]
    assert found == broken(program, tighter, "max_muscle_sets_per_session")


def test_the_cap_is_per_session_not_per_week() -> None:
    cap = client(max_muscle_sets_per_session=5)
    split = {"mon": PRESSES["mon"][:1], "wed": PRESSES["mon"][1:]}
    passes(build(split, cap), cap)
    broken(build(PRESSES, cap), cap, "max_muscle_sets_per_session")


# -- model --


def test_model_counts_secondary_as_half() -> None:
    # cap 6 sets: squat 5 (quads 5) + knee_ext 2 = 7 quads sets -> too many
    model, v, _ = setup(GROUP, max_muscle_sets_per_session=6)
    fix(model, v, {("mon", "squat"): 5, ("mon", "knee_ext"): 2})
    assert status(model) == "INFEASIBLE"
    # biceps: row 4 sets gives 2 (secondary), curl 4 sets gives 4 -> 6 fits the cap of 6
    model, v, _ = setup(GROUP, max_muscle_sets_per_session=6)
    fix(model, v, {("mon", "row"): 4, ("mon", "curl"): 4})
    assert status(model) == "OPTIMAL"
