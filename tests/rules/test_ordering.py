"""Rule group `ordering`, read from the listed order alone: intensity never falls within a
session under `pre_exhaust`, never rises under `compound_first`; `free` has no rule."""

from __future__ import annotations

from optimizer.validate.ordering import check_ordering

from .weeks import BASIC, broken, build, client, passes, week

# -- validator --

COMPOUND_FIRST = {
    "mon": [("machine_hack_squat", 3), ("leg_extension", 3)],
    "wed": [("machine_chest_press", 3), ("pec_deck_machine_fly", 3)],
}


def test_the_planned_week_rises_in_intensity(program, constraints) -> None:
    assert constraints.ordering == "pre_exhaust"
    assert list(check_ordering(week(program, constraints))) == []
    passes(program, constraints)


def test_a_falling_session_under_pre_exhaust() -> None:
    pre = client(ordering="pre_exhaust")
    found = broken(build(COMPOUND_FIRST, pre), pre, "ordering")
    assert [(v.where, v.message) for v in found] == [
        ("mon #2 leg_extension", "intensity 1 after 3"),
        ("wed #2 pec_deck_machine_fly", "intensity 1 after 3"),
    ]


def test_a_rising_session_under_compound_first(program) -> None:
    first = client(ordering="compound_first")
    passes(build(COMPOUND_FIRST, first), first)
    (found, *_) = broken(build(BASIC, first), first, "ordering")
    assert (found.where, found.message) == ("mon #2 machine_hack_squat", "intensity 3 after 1")
    # the planned pre-exhaust week read as compound-first
    assert broken(program, client(ordering="compound_first"), "ordering")


def test_free_has_no_rule_and_ties_are_allowed() -> None:
    free = client(ordering="free")
    assert list(check_ordering(week(build(COMPOUND_FIRST, free), free))) == []
    passes(build(BASIC, free), free)
    ties = {"mon": [("leg_extension", 2), ("pec_deck_machine_fly", 2)]}
    for ordering in ("pre_exhaust", "compound_first"):
        rule = client(ordering=ordering)
        passes(build(ties, rule), rule)
