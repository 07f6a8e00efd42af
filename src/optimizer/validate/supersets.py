"""Supersets, read from the listing alone: each label is one isolation and its compound done
alternately, the isolation resting only the transition to the compound, and the file's
`supersets` setting says whether labels may (or must) appear.

A label names one superset within one session (the next session may reuse it), so every
check groups rows by (day, label). The shape, the transition and the mode are three checks
so that a broken superset says which of the three it breaks; under `supersets: none` each
labelled row is reported for carrying a label at all, and the labels' shape and transition
(which a week without supersets has no use for) are not judged on top. The time a
superset saves is counted in `context.build_week`, so `check_minutes` and
`check_session_minutes` judge it as listed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..program import DayPlan, ProgramExercise
from .context import Violation, Week, superset_partner, where

RULE = "supersets"


def labels(plan: DayPlan) -> dict[str, list[int]]:
    """Each label of the session and the 0-based positions of the rows carrying it, in order
    of first appearance."""
    out: dict[str, list[int]] = {}
    for index, row in enumerate(plan.exercises):
        if row.superset is not None:
            out.setdefault(row.superset, []).append(index)
    return out


def pre_exhausted(rows: list[ProgramExercise], index: int) -> ProgramExercise | None:
    """The compound an isolation pre-exhausts: the first later one in the session sharing a
    primary muscle with it (as `check_pre_exhausts` reads it), or None."""
    row = rows[index]
    if row.mechanic != "isolation":
        return None
    return next(
        (
            later
            for later in rows[index + 1 :]
            if later.mechanic == "compound" and set(later.primary) & set(row.primary)
        ),
        None,
    )


def check_supersets(week: Week) -> Iterator[Violation]:
    """The mode: `none` allows no label on any row; `pre_exhaust` wants every isolation that
    pre-exhausts a later compound in a superset (carrying a label; the label's shape is
    `check_superset_labels`'s); `allowed` leaves it to the planner."""
    mode = week.constraints.supersets
    for plan in week.program.days:
        rows = plan.exercises
        for index, row in enumerate(rows):
            if mode == "none" and row.superset is not None:
                yield Violation(
                    RULE,
                    where(plan, index, row),
                    f"in superset {row.superset!r}, but supersets is none",
                )
            compound = pre_exhausted(rows, index) if mode == "pre_exhaust" else None
            if compound is not None and row.superset is None:
                yield Violation(
                    RULE,
                    where(plan, index, row),
                    f"pre-exhausts {compound.id} but is not in a superset (supersets: pre_exhaust)",
                )


def check_superset_labels(week: Week) -> Iterator[Violation]:
    """Each label is carried by exactly two rows, adjacent, an isolation then a compound,
    sharing a primary muscle, with equal sets: what makes alternating their sets one
    pre-exhaust unit. Reported at the label's first row; a label on one or three rows is
    reported for that alone (which two would be the pair is then unknowable)."""
    if week.constraints.supersets == "none":
        return
    for plan in week.program.days:
        rows = plan.exercises
        for label, at in labels(plan).items():
            head = where(plan, at[0], rows[at[0]])
            if len(at) != 2:
                listed = ", ".join(f"#{k + 1}" for k in at)
                yield Violation(
                    RULE,
                    head,
                    f"superset {label!r} is carried by {len(at)} row(s) ({listed}), "
                    "expected 2: an isolation and its compound",
                )
                continue
            (i, j), first, second = at, rows[at[0]], rows[at[1]]
            if j != i + 1:
                yield Violation(
                    RULE,
                    head,
                    f"superset {label!r}: #{i + 1} and #{j + 1} are not adjacent",
                )
            if (first.mechanic, second.mechanic) != ("isolation", "compound"):
                yield Violation(
                    RULE,
                    head,
                    f"superset {label!r}: {first.mechanic} {first.id} then {second.mechanic} "
                    f"{second.id}; expected an isolation then its compound",
                )
            if not set(first.primary) & set(second.primary):
                yield Violation(
                    RULE,
                    head,
                    f"superset {label!r}: {first.id} and {second.id} share no primary muscle",
                )
            if first.sets != second.sets:
                yield Violation(
                    RULE,
                    head,
                    f"superset {label!r}: {first.sets} sets of {first.id}, {second.sets} of "
                    f"{second.id}; alternated sets come in equal numbers",
                )


def check_superset_transitions(week: Week) -> Iterator[Violation]:
    """A superset's isolation rests the transition to its compound (`context.transition_seconds`:
    doubled between two stations), never its prescribed rest; the one place a superset
    isolation's `rest_seconds` is judged (`check_catalog` leaves it here)."""
    if week.constraints.supersets == "none":
        return
    single = week.constraints.superset_transition_seconds
    for item in week.items:
        got, wanted = item.row.rest_seconds, item.transition
        if wanted is None or got == wanted:
            continue
        partner = superset_partner(item.day.exercises, item.index)
        if partner is None:
            why = "no compound carries its label"
        elif wanted == single:
            why = f"{item.row.id} and {partner.id} are at one station"
        else:
            why = f"2 x {single} s: {item.row.id} and {partner.id} are at two stations"
        yield Violation(
            RULE,
            item.where,
            f"rest_seconds {got} is not the superset transition {wanted} ({why})",
        )
