"""Rule group `supersets` in the validator, from hand-built weeks: a label is one isolation and
its compound, adjacent and alternated; the isolation rests the transition (doubled between two
stations) and its time counts that transition; `supersets` says whether labels may or must
appear; `ordering: pre_exhaust` reads a superset as one unit at its compound's intensity.

Each week is built so that it breaks exactly the rule a test means: `superset_week` labels the
rows, sets each labelled isolation's rest to its transition and recomputes every minute.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from optimizer.constraints import Constraints
from optimizer.program import Program
from optimizer.validate.ordering import check_ordering
from optimizer.validate.output import check_catalog, check_minutes
from optimizer.validate.session_minutes import check_session_minutes
from optimizer.validate.supersets import (
    check_superset_labels,
    check_superset_transitions,
    check_supersets,
)

from .weeks import BASIC, CATALOG, broken, build, client, edit_row, passes, week

Row = tuple[str, int] | tuple[str, int, str]

# Every isolation in a superset with the compound it pre-exhausts. All six are machines at
# machines of their own, so each transition is doubled: 2 x 15 s.
SUPER: dict[str, list[Row]] = {
    "mon": [("leg_extension", 3, "A"), ("machine_hack_squat", 3, "A")],
    "wed": [("pec_deck_machine_fly", 3, "A"), ("machine_chest_press", 3, "A")],
    "fri": [("straight_arm_pulldown", 3, "A"), ("lat_pulldown", 3, "A")],
}

ALLOWED = {"supersets": "allowed"}
PRE_EXHAUST = {"supersets": "pre_exhaust"}


def stations(equipment: Sequence[str]) -> set[str]:
    return set(equipment) - {"bodyweight"}


def superset_week(listing: Mapping[str, Sequence[Row]], constraints: Constraints) -> Program:
    """`build(listing)` with the labels of `listing` ((id, sets, label) rows), each labelled
    isolation resting the transition to the compound carrying its label (doubled when both
    need equipment and share none; single without such a compound), and every row's and
    day's minutes recomputed with that rest, by this file's own arithmetic."""
    program = build({d: [(r[0], r[1]) for r in rows] for d, rows in listing.items()}, constraints)
    single = constraints.superset_transition_seconds
    for day in program.days:
        rows = day.exercises
        for row, spec in zip(rows, listing.get(day.day, ()), strict=True):
            row.superset = spec[2] if len(spec) > 2 else None
        for row in rows:
            if row.superset is None or row.mechanic != "isolation":
                continue
            mate = next(
                (r for r in rows if r.superset == row.superset and r.mechanic == "compound"), None
            )
            apart = mate is not None and stations(row.equipment) and stations(mate.equipment)
            two = apart and not stations(row.equipment) & stations(mate.equipment)
            row.rest_seconds = 2 * single if two else single
        seconds = 0
        for row in rows:
            ex = CATALOG[row.id]
            sides = 2 if ex.unilateral else 1
            own = row.sets * (ex.reps_max * ex.seconds_per_rep * sides + row.rest_seconds)
            own += ex.setup_seconds
            row.minutes = round(own / 60, 2)
            seconds += own
        day.minutes = round(constraints.warmup_minutes + seconds / 60, 2)
    return program


def messages(found: Sequence[Any]) -> list[tuple[str, str]]:
    return [(v.where, v.message) for v in found]


# -- a valid week --


def test_a_superset_week_passes_when_allowed_or_asked_for() -> None:
    for mode in ("allowed", "pre_exhaust"):
        for ordering in ("pre_exhaust", "free"):
            rule = client(supersets=mode, ordering=ordering)
            program = superset_week(SUPER, rule)
            passes(program, rule)
            items = week(program, rule).items
            assert [i.transition for i in items] == [30, None] * 3


def test_standalone_rows_and_supersets_mix_when_allowed() -> None:
    rule = client(**ALLOWED)
    passes(superset_week(BASIC, rule), rule)
    mixed = {**SUPER, "mon": [("pec_deck_machine_fly", 2), *BASIC["mon"]]}
    passes(superset_week(mixed, rule), rule)


def test_a_superset_saves_the_isolation_rest_and_nothing_else() -> None:
    rule = client(**ALLOWED)
    alone, paired = week(build(BASIC, rule), rule), week(superset_week(SUPER, rule), rule)
    (iso_alone, comp_alone), (iso_paired, comp_paired) = alone.days[0].items, paired.days[0].items
    # leg extension: 3 x (20 x 3 + 60) + 45 alone, 3 x (20 x 3 + 30) + 45 before its compound
    assert (iso_alone.seconds, iso_paired.seconds) == (405, 315)
    assert comp_alone.seconds == comp_paired.seconds == 423
    assert comp_paired.row.rest_seconds == CATALOG["machine_hack_squat"].rest_seconds


# -- rule 1: the labels' shape --


def test_members_that_are_not_adjacent() -> None:
    rule = client(**ALLOWED)
    apart = {
        **SUPER,
        "mon": [
            ("leg_extension", 3, "A"),
            ("pec_deck_machine_fly", 2),
            ("machine_hack_squat", 3, "A"),
        ],
    }
    (found,) = broken(superset_week(apart, rule), rule, "supersets")
    assert (found.where, found.message) == (
        "mon #1 leg_extension",
        "superset 'A': #1 and #3 are not adjacent",
    )


def test_the_compound_listed_first() -> None:
    rule = client(**ALLOWED)
    backwards = {**SUPER, "mon": [("machine_hack_squat", 3, "A"), ("leg_extension", 3, "A")]}
    program = superset_week(backwards, rule)
    (found,) = broken(program, rule, "supersets")
    assert (found.where, found.message) == (
        "mon #1 machine_hack_squat",
        "superset 'A': compound machine_hack_squat then isolation leg_extension; "
        "expected an isolation then its compound",
    )
    # one unit to the ordering rule: the order inside a superset is this rule's alone
    assert list(check_ordering(week(program, rule))) == []


def test_a_label_on_one_or_three_rows() -> None:
    rule = client(**ALLOWED)
    one = {**SUPER, "mon": [("leg_extension", 3, "A"), ("machine_hack_squat", 3)]}
    (found,) = broken(superset_week(one, rule), rule, "supersets")
    assert (found.where, found.message) == (
        "mon #1 leg_extension",
        "superset 'A' is carried by 1 row(s) (#1), expected 2: an isolation and its compound",
    )
    three = {
        **SUPER,
        "mon": [
            ("pec_deck_machine_fly", 2, "A"),
            ("leg_extension", 3, "A"),
            ("machine_hack_squat", 3, "A"),
        ],
    }
    (found,) = broken(superset_week(three, rule), rule, "supersets")
    assert (found.where, found.message) == (
        "mon #1 pec_deck_machine_fly",
        "superset 'A' is carried by 3 row(s) (#1, #2, #3), expected 2: an isolation and its "
        "compound",
    )


def test_a_label_names_one_superset_per_session() -> None:
    """Every day may start again at A; within a day, A and B are two supersets."""
    two = {
        **SUPER,
        "mon": [
            ("leg_extension", 3, "A"),
            ("machine_hack_squat", 3, "A"),
            ("pec_deck_machine_fly", 2, "B"),
            ("machine_chest_press", 2, "B"),
        ],
    }
    rule = client(supersets="allowed", session_minutes=60)
    passes(superset_week(two, rule), rule)


def test_members_that_share_no_primary_muscle() -> None:
    rule = client(**ALLOWED)
    unrelated = {**SUPER, "mon": [("pec_deck_machine_fly", 3, "A"), ("machine_hack_squat", 3, "A")]}
    (found,) = broken(superset_week(unrelated, rule), rule, "supersets")
    assert found.message == (
        "superset 'A': pec_deck_machine_fly and machine_hack_squat share no primary muscle"
    )


def test_members_with_unequal_sets() -> None:
    rule = client(**ALLOWED)
    unequal = {**SUPER, "mon": [("leg_extension", 2, "A"), ("machine_hack_squat", 3, "A")]}
    (found,) = broken(superset_week(unequal, rule), rule, "supersets")
    assert found.message == (
        "superset 'A': 2 sets of leg_extension, 3 of machine_hack_squat; alternated sets come "
        "in equal numbers"
    )


def test_every_broken_shape_is_said() -> None:
    rule = client(**ALLOWED)
    listing = {
        "mon": [
            ("machine_chest_press", 2, "A"),
            ("pec_deck_machine_fly", 2),
            ("leg_extension", 3, "A"),
        ]
    }
    found = check_superset_labels(week(superset_week(listing, rule), rule))
    assert messages(list(found)) == [
        ("mon #1 machine_chest_press", "superset 'A': #1 and #3 are not adjacent"),
        (
            "mon #1 machine_chest_press",
            "superset 'A': compound machine_chest_press then isolation leg_extension; "
            "expected an isolation then its compound",
        ),
        (
            "mon #1 machine_chest_press",
            "superset 'A': machine_chest_press and leg_extension share no primary muscle",
        ),
        (
            "mon #1 machine_chest_press",
            "superset 'A': 2 sets of machine_chest_press, 3 of leg_extension; alternated sets "
            "come in equal numbers",
        ),
    ]


# -- rule 2: the transition --


def test_a_wrong_transition_is_reported_once() -> None:
    rule = client(**ALLOWED)
    program = superset_week(SUPER, rule)
    for rest in (15, 60):  # a single transition, then the isolation's prescribed rest
        wrong = edit_row(program, "mon", 0, rest_seconds=rest)
        (found,) = broken(wrong, rule, "supersets")
        assert (found.where, found.message) == (
            "mon #1 leg_extension",
            f"rest_seconds {rest} is not the superset transition 30 (2 x 15 s: leg_extension "
            "and machine_hack_squat are at two stations)",
        )
        # the catalog check leaves a superset isolation's rest to the transition check
        assert list(check_catalog(week(wrong, rule))) == []


def test_the_compound_keeps_its_prescribed_rest() -> None:
    rule = client(**ALLOWED)
    wrong = edit_row(superset_week(SUPER, rule), "mon", 1, rest_seconds=30)
    (found,) = check_catalog(week(wrong, rule))
    assert (found.where, found.message) == (
        "mon #2 machine_hack_squat",
        "rest_seconds 30 differs from the catalog's 90",
    )
    assert list(check_superset_transitions(week(wrong, rule))) == []


def test_two_stations_double_the_transition_one_does_not() -> None:
    rule = client(**ALLOWED, superset_transition_seconds=20)
    listing = {
        # leg extension machine -> barbell and squat rack: two stations
        "mon": [("leg_extension", 3, "A"), ("barbell_back_squat", 3, "A")],
        # dumbbells at both: one station (these two share no primary muscle, see below)
        "wed": [("dumbbell_lateral_raise", 3, "A"), ("dumbbell_shoulder_press", 3, "A")],
        # dumbbells and a flat bench at both
        "fri": [("dumbbell_fly", 3, "A"), ("dumbbell_bench_press", 3, "A")],
    }
    program = superset_week(listing, rule)
    assert [r.rest_seconds for d in program.days for r in d.exercises if r.superset] == [
        40,
        180,
        20,
        120,
        20,
        120,
    ]
    the_week = week(program, rule)
    assert [i.transition for i in the_week.items] == [40, None, 20, None, 20, None]
    assert list(check_superset_transitions(the_week)) == []
    # only the lateral raise pair is wrong, and only for its muscles
    (found,) = broken(program, rule, "supersets")
    assert found.where == "wed #1 dumbbell_lateral_raise"
    assert "share no primary muscle" in found.message
    single = edit_row(program, "mon", 0, rest_seconds=20)
    (found,) = check_superset_transitions(week(single, rule))
    assert found.message == (
        "rest_seconds 20 is not the superset transition 40 (2 x 20 s: leg_extension and "
        "barbell_back_squat are at two stations)"
    )
    double = edit_row(program, "fri", 0, rest_seconds=40)
    (found,) = check_superset_transitions(week(double, rule))
    assert found.message == (
        "rest_seconds 40 is not the superset transition 20 (dumbbell_fly and "
        "dumbbell_bench_press are at one station)"
    )


def test_bodyweight_needs_no_station() -> None:
    """A push-up is done where the client stands: no walk, a single transition."""
    rule = client(**ALLOWED)
    listing = {**SUPER, "wed": [("pec_deck_machine_fly", 3, "A"), ("push_up", 3, "A")]}
    program = superset_week(listing, rule)
    assert program.days[1].exercises[0].rest_seconds == 15
    passes(program, rule)


# -- rule 3: the time --


def test_minutes_count_the_transition() -> None:
    rule = client(**ALLOWED)
    program = superset_week(SUPER, rule)
    # the leg extension reported as if done alone (60 s rest): 6.75 min, the superset's 5.25
    alone = edit_row(program, "mon", 0, minutes=6.75)
    (found,) = broken(alone, rule, "minutes")
    assert (found.where, found.message) == (
        "mon #1 leg_extension",
        "reports 6.75 min, the catalog gives 5.25",
    )
    assert list(check_minutes(week(program, rule))) == []


def test_a_session_fits_only_thanks_to_the_saved_rest() -> None:
    # mon alone, no warm-up: 3 x (60 + 30) + 45 + 423 s = 12.3 min as a superset; done
    # standalone, 3 x (60 + 60) + 45 + 423 s = 13.8 min
    listing = {"mon": SUPER["mon"]}
    fits = client(supersets="allowed", days=["mon"], warmup_minutes=0, session_minutes=13)
    passes(superset_week(listing, fits), fits)
    (found,) = broken(build(listing_plain(listing), fits), fits, "session_minutes")
    assert found.message == "13.8 min planned, budget 13"


def test_a_session_over_budget_once_the_doubled_transition_counts() -> None:
    # with a single transition it would be 3 x (60 + 15) + 45 + 423 s = 11.55 min; the two
    # stations make it 12.3, over a 12-minute budget
    listing = {"mon": SUPER["mon"]}
    tight = client(supersets="allowed", days=["mon"], warmup_minutes=0, session_minutes=12)
    program = superset_week(listing, tight)
    (found,) = broken(program, tight, "session_minutes")
    assert (found.where, found.message) == ("mon", "12.3 min planned, budget 12")
    # reporting the single transition's time does not hide it (and is itself misreported)
    understated = edit_row(program, "mon", 0, rest_seconds=15, minutes=4.5)
    understated.days[0].minutes = 11.55
    the_week = week(understated, tight)
    assert [v.where for v in check_session_minutes(the_week)] == ["mon"]
    assert {v.rule for v in check_minutes(the_week)} == {"minutes"}


def listing_plain(listing: Mapping[str, Sequence[Row]]) -> dict[str, list[tuple[str, int]]]:
    return {day: [(r[0], r[1]) for r in rows] for day, rows in listing.items()}


# -- rule 4: the mode --


def test_no_label_under_supersets_none() -> None:
    rule = client()
    assert rule.supersets == "none"
    passes(build(BASIC, rule), rule)
    found = broken(superset_week(SUPER, rule), rule, "supersets")
    assert messages(found) == [
        (f"{day} #{k} {row[0]}", "in superset 'A', but supersets is none")
        for day, rows in SUPER.items()
        for k, row in enumerate(rows, start=1)
    ]
    # its shape and transition are not judged on top: the label is the one thing wrong
    the_week = week(superset_week(SUPER, rule), rule)
    assert list(check_superset_labels(the_week)) == []
    assert list(check_superset_transitions(the_week)) == []


def test_a_pre_exhausting_isolation_outside_a_superset_under_pre_exhaust() -> None:
    rule = client(**PRE_EXHAUST)
    found = broken(build(BASIC, rule), rule, "supersets")
    assert messages(found) == [
        (
            "mon #1 leg_extension",
            "pre-exhausts machine_hack_squat but is not in a superset (supersets: pre_exhaust)",
        ),
        (
            "wed #1 pec_deck_machine_fly",
            "pre-exhausts machine_chest_press but is not in a superset (supersets: pre_exhaust)",
        ),
        (
            "fri #1 straight_arm_pulldown",
            "pre-exhausts lat_pulldown but is not in a superset (supersets: pre_exhaust)",
        ),
    ]
    # one left standalone; an isolation that pre-exhausts nothing may stand alone
    partly = {**SUPER, "mon": [("pec_deck_machine_fly", 2), *BASIC["mon"]]}
    (found,) = check_supersets(week(superset_week(partly, rule), rule))
    assert found.where == "mon #2 leg_extension"
    alone = {**SUPER, "mon": [("pec_deck_machine_fly", 2), *SUPER["mon"]]}
    passes(superset_week(alone, rule), rule)


def test_allowed_asks_nothing() -> None:
    rule = client(**ALLOWED)
    assert list(check_supersets(week(build(BASIC, rule), rule))) == []
    assert list(check_supersets(week(superset_week(SUPER, rule), rule))) == []


# -- rule 5: ordering by units --


def test_a_superset_is_one_unit_at_its_compound_intensity() -> None:
    rule = client(**ALLOWED)
    # per row this would fall (pec deck 1 after hack squat 3); as units it is 3 then 3
    rising = {
        **SUPER,
        "mon": [
            ("machine_hack_squat", 3),
            ("pec_deck_machine_fly", 3, "A"),
            ("machine_chest_press", 3, "A"),
        ],
    }
    passes(superset_week(rising, rule), rule)
    # the same rows without the label are read row by row, as before supersets
    (found,) = broken(build(listing_plain(rising), rule), rule, "ordering")
    assert found.message == "intensity 1 after 3"


def test_a_superset_after_a_harder_unit() -> None:
    rule = client(**ALLOWED)
    falling = {
        **SUPER,
        "mon": [
            ("barbell_back_squat", 3),
            ("pec_deck_machine_fly", 3, "A"),
            ("machine_chest_press", 3, "A"),
        ],
    }
    (found,) = broken(superset_week(falling, rule), rule, "ordering")
    assert (found.where, found.message) == (
        "mon #2 pec_deck_machine_fly",
        "intensity 3 (superset 'A') after 5",
    )


def test_a_row_after_a_harder_superset() -> None:
    rule = client(**ALLOWED)
    falling = {
        **SUPER,
        "mon": [
            ("leg_extension", 3, "A"),
            ("barbell_back_squat", 3, "A"),
            ("machine_chest_press", 3),
        ],
    }
    (found,) = broken(superset_week(falling, rule), rule, "ordering")
    assert (found.where, found.message) == (
        "mon #3 machine_chest_press",
        "intensity 3 after 5 (superset 'A')",
    )
    free = client(supersets="allowed", ordering="free")
    passes(superset_week(falling, free), free)
