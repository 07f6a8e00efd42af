"""Rule group `split`: an explicit focus is honoured, a focus is a known one, and every
exercise's primary muscles lie inside its day's focus."""

from __future__ import annotations

from optimizer.cpsat.rules import read_edits
from optimizer.cpsat.rules.split import GROUP
from optimizer.problem import smallest_focus
from optimizer.validate.split import check_split

from .weeks import BASIC, CATALOG, broken, build, client, edit_day, passes, week
from tiny import fix, full_problem, setup, solve_relaxed, status

# -- validator --

FOCUSED = {
    "mon": [("leg_extension", 3), ("machine_hack_squat", 3)],
    "wed": [("pec_deck_machine_fly", 3), ("machine_chest_press", 3)],
    "fri": [("straight_arm_pulldown", 3), ("lat_pulldown", 3)],
}
SPLIT = {"mon": "lower", "wed": "push", "fri": "pull"}


def test_the_planned_week_keeps_an_auto_split(program, constraints) -> None:
    assert list(check_split(week(program, constraints))) == []
    passes(program, constraints)


def test_an_explicit_split_is_kept_by_a_week_labelled_and_built_for_it() -> None:
    split = client(split=SPLIT)
    passes(build(FOCUSED, split), split)
    # auto days in a split map take any focus that holds their exercises
    mixed = client(split={"mon": "auto", "wed": "push", "fri": "auto"})
    passes(build(FOCUSED, mixed, focus={"mon": "lower", "fri": "upper"}), mixed)


def test_a_day_labelled_other_than_the_split_says(program) -> None:
    split = client(split=SPLIT)
    labels = {d.day: d.focus for d in program.days}
    assert labels != SPLIT
    found = broken(program, split, "split")
    assert [(v.where, v.message) for v in found] == [
        (day, f"focus {labels[day]} is not the split's {focus}")
        for day, focus in SPLIT.items()
        if labels[day] != focus
    ]


def test_a_primary_muscle_outside_the_day_focus(constraints) -> None:
    pushed = build(BASIC, constraints, focus={"mon": "push"})
    found = broken(pushed, constraints, "split")
    assert [(v.where, v.message) for v in found] == [
        ("mon #1 leg_extension", "primary ['quads'] outside the push focus"),
        ("mon #2 machine_hack_squat", "primary ['quads'] outside the push focus"),
    ]


def test_an_explicit_split_day_holding_another_focus_exercise() -> None:
    split = client(split=SPLIT)
    swapped = build({**FOCUSED, "wed": [("leg_extension", 2)], "mon": []}, split)
    (found,) = check_split(week(swapped, split))
    assert (found.where, found.message) == (
        "wed #1 leg_extension",
        "primary ['quads'] outside the push focus",
    )
    broken(swapped, split, "split")


def test_an_unknown_focus(constraints) -> None:
    legs = edit_day(build(BASIC, constraints), "mon", focus="legs")
    found = broken(legs, constraints, "split")
    assert found[0].message == "unknown focus legs"
    assert {v.where for v in found[1:]} == {"mon #1 leg_extension", "mon #2 machine_hack_squat"}


# -- model --


LOWER_PUSH = {"mon": "lower", "wed": "push"}


def test_model_keeps_primaries_inside_the_focus() -> None:
    model, v, _ = setup(GROUP, full=True, split=LOWER_PUSH)
    fix(model, v, {("mon", "squat"): 3, ("wed", "press"): 3})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, full=True, split=LOWER_PUSH)
    fix(model, v, {("mon", "curl"): 3})
    assert status(model) == "INFEASIBLE"


def test_model_repair_changes_one_day_to_the_narrowest_focus_that_holds_it() -> None:
    data = full_problem(split=LOWER_PUSH)
    relaxed = solve_relaxed(GROUP, data, {("mon", "curl"): 2}, "split.mon")
    edits = read_edits(data.constraints, relaxed)
    assert [e.text for e in edits] == ["split: mon lower -> pull"]
    assert GROUP.describe("split.mon", data.constraints) == "split: mon is lower"


def test_an_auto_day_is_labelled_by_the_narrowest_focus_that_holds_it() -> None:
    """A core-only day fits lower, push and pull: push has the fewest muscles (issue 13: a
    plank-only day was labelled lower)."""
    focuses = CATALOG.vocabulary.focuses
    assert smallest_focus({"abs"}, focuses) == "push"
    assert smallest_focus({"abs", "obliques"}, focuses) == "push"
    assert smallest_focus({"quads", "abs"}, focuses) == "lower"
    assert smallest_focus({"lower_back"}, focuses) == "lower"  # lower and pull tie: list order
    assert smallest_focus({"lats", "abs"}, focuses) == "pull"
    assert smallest_focus({"chest", "lats"}, focuses) == "upper"
    assert smallest_focus({"chest", "quads"}, focuses) == "full"
    assert smallest_focus(set(), focuses) == "lower"  # an empty session: as it always was
