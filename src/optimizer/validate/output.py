"""The program's own report agrees with its listing: the client, the catalog facts copied into
each row, the minutes, the pre-exhaust links, the weekly sets, the pair count and the days
each target is trained on."""

from __future__ import annotations

from collections.abc import Iterator

from .context import TOLERANCE, Violation, Week, where


def check_client(week: Week) -> Iterator[Violation]:
    got, wanted = week.program.client, week.constraints.client
    if got != wanted:
        yield Violation("client", "client", f"{got!r} is not {wanted!r}")


def check_catalog(week: Week) -> Iterator[Violation]:
    """Each row's copied facts match the catalog as the file's goal prescribes it (reps, rest
    and reps in reserve from models/goals.yaml and `rep_ranges`); an id the catalog does not
    know is reported here once (the other per-exercise checks skip that row).

    A superset's isolation rests the transition to its compound, not its prescription: its
    `rest_seconds` is left to `check_superset_transitions`, so a wrong one is reported once,
    against the transition, rather than twice with two different expected values."""
    for plan in week.program.days:
        for index, row in enumerate(plan.exercises):
            if row.id not in week.catalog:
                yield Violation("catalog", where(plan, index, row), "exercise not in the catalog")
    for item in week.items:
        ex = item.exercise
        facts = {
            "name": ex.name,
            "mechanic": ex.mechanic,
            "intensity": ex.intensity,
            "reps": tuple(ex.reps),
            "rest_seconds": ex.rest_seconds,
            "rir": week.goal.scheme(ex).rir,
            "primary": list(ex.primary),
            "secondary": list(ex.secondary),
        }
        if item.transition is not None:
            del facts["rest_seconds"]
        for key, value in facts.items():
            got = getattr(item.row, key)
            if (tuple(got) if key in ("reps", "rir") and got is not None else got) != value:
                yield Violation(
                    "catalog", item.where, f"{key} {got!r} differs from the catalog's {value!r}"
                )


def check_minutes(week: Week) -> Iterator[Violation]:
    """Reported minutes per exercise and per day, against the recomputed time."""
    for day in week.days:
        for item in day.items:
            minutes = item.seconds / 60
            if abs(item.row.minutes - minutes) > TOLERANCE:
                yield Violation(
                    "minutes",
                    item.where,
                    f"reports {item.row.minutes} min, the catalog gives {minutes:.2f}",
                )
        if abs(day.plan.minutes - day.minutes) > TOLERANCE:
            yield Violation(
                "minutes",
                day.plan.day,
                f"reports {day.plan.minutes} min, recomputed {day.minutes:.2f}",
            )


def check_pre_exhausts(week: Week) -> Iterator[Violation]:
    """An isolation names the first later compound of its session sharing a primary muscle;
    every other row names none."""
    for item in week.items:
        row = item.row
        later = [
            e
            for e in item.day.exercises[item.index + 1 :]
            if e.mechanic == "compound" and set(e.primary) & set(row.primary)
        ]
        expected = later[0].id if row.mechanic == "isolation" and later else None
        if row.pre_exhausts != expected:
            yield Violation(
                "pre_exhausts", item.where, f"says {row.pre_exhausts}, expected {expected}"
            )


def check_weekly_sets(week: Week) -> Iterator[Violation]:
    reported = {m: s for m, s in week.program.weekly_sets.items() if s}
    recomputed = {m: s for m, s in week.weekly_sets.items() if s}
    if reported != recomputed:
        yield Violation(
            "weekly_sets", "weekly_sets", f"reported {reported}, recomputed {recomputed}"
        )


#: README, The objective: a pair is 3 sets of isolation work then 3 of compound work on one
#: muscle (every set `sets_per_exercise` allows, if fewer)
PAIR_SETS = 3


def pair_count(week: Week) -> int:
    """(day, muscle) pairs: a muscle with a target of priority above 0 worked as primary by
    `PAIR_SETS` or more sets of isolations listed before as many sets of compounds (README, The
    objective)."""
    wanted = [m for m, spec in week.targets.items() if spec.priority > 0]
    need = max(min(PAIR_SETS, week.constraints.sets_per_exercise[1]), 1)
    count = 0
    for day in week.program.days:
        for muscle in wanted:
            rows = [e for e in day.exercises if muscle in e.primary]
            count += any(
                sum(e.sets for e in rows[:k] if e.mechanic == "isolation") >= need
                and sum(e.sets for e in rows[k:] if e.mechanic == "compound") >= need
                for k in range(1, len(rows))
            )
    return count


def check_pairs(week: Week) -> Iterator[Violation]:
    reported, counted = week.program.pre_exhaust_pairs, pair_count(week)
    if reported != counted:
        yield Violation(
            "pre_exhaust_pairs", "pre_exhaust_pairs", f"reported {reported}, counted {counted}"
        )


#: README, The objective: a day counts toward a target's frequency with 3 sets of it as primary
FREQUENT_DAY_SETS = 3


def check_target_days(week: Week) -> Iterator[Violation]:
    """Each target's reported `days`: the days with 3 or more sets of it as primary."""
    for muscle, report in week.program.targets.items():
        counted = sum(
            sum(e.sets for e in day.exercises if muscle in e.primary) >= FREQUENT_DAY_SETS
            for day in week.program.days
        )
        if report.days != counted:
            yield Violation(
                "target_days",
                f"targets.{muscle}.days",
                f"reported {report.days}, counted {counted}",
            )
