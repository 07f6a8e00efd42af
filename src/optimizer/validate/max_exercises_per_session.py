"""No session lists more exercises than `max_exercises_per_session` (none: no cap)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_max_exercises_per_session(week: Week) -> Iterator[Violation]:
    cap = week.constraints.max_exercises_per_session
    if cap is None:
        return
    for plan in week.program.days:
        if len(plan.exercises) > cap:
            yield Violation(
                "max_exercises_per_session", plan.day, f"{len(plan.exercises)} exercises > {cap}"
            )
