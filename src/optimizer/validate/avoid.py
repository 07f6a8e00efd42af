"""No avoided exercise, and no exercise working an avoided muscle as primary or secondary."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_avoid(week: Week) -> Iterator[Violation]:
    avoid = week.constraints.avoid
    for item in week.items:
        if item.row.id in avoid.exercises:
            yield Violation("avoid.exercises", item.where, "avoided exercise used")
        for muscle in (*item.exercise.primary, *item.exercise.secondary):
            if muscle in avoid.muscles:
                yield Violation("avoid.muscles", item.where, f"works avoided muscle {muscle}")
