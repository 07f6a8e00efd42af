"""No exercise is listed twice in one session, nor on more days than `max_days_per_exercise`.

The model cannot list an exercise twice in a session (one variable per day and exercise), but
a Program can, and the validator reads the Program: both halves of the rule are checked here.
Ids are read from the listing itself, so an exercise the catalog does not know is counted too.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..program import DayPlan
from .context import Violation, Week, where

RULE = "max_days_per_exercise"


def check_max_days_per_exercise(week: Week) -> Iterator[Violation]:
    cap = week.constraints.max_days_per_exercise
    days: dict[str, list[str]] = {}  # id -> the days it is on, in the program's order
    for plan in week.program.days:
        yield from _twice_in_a_session(plan)
        for index, row in enumerate(plan.exercises):
            on = days.setdefault(row.id, [])
            if plan.day in on:
                continue
            on.append(plan.day)
            if len(on) > cap:
                yield Violation(
                    RULE,
                    where(plan, index, row),
                    f"on {len(on)} days > {cap}: {', '.join(on)}",
                )


def _twice_in_a_session(plan: DayPlan) -> Iterator[Violation]:
    first: dict[str, int] = {}
    for index, row in enumerate(plan.exercises):
        if row.id in first:
            yield Violation(
                RULE, where(plan, index, row), f"twice in one session (also #{first[row.id] + 1})"
            )
        else:
            first[row.id] = index
