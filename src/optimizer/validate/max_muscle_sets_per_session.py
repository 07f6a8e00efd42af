"""No muscle gets more fractional sets in one session than `max_muscle_sets_per_session`."""

from __future__ import annotations

from collections.abc import Iterator

from .context import EPSILON, Violation, Week


def check_max_muscle_sets_per_session(week: Week) -> Iterator[Violation]:
    cap = week.constraints.max_muscle_sets_per_session
    for day in week.days:
        for muscle, sets in day.sets.items():
            if sets > cap + EPSILON:
                yield Violation(
                    "max_muscle_sets_per_session",
                    day.plan.day,
                    f"{muscle}: {sets:g} sets > {cap:g}",
                )
