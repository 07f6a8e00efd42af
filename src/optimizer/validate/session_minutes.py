"""Every session, warm-up included, fits the day's `session_minutes` (recomputed time)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import EPSILON, Violation, Week


def check_session_minutes(week: Week) -> Iterator[Violation]:
    for day in week.days:
        budget = week.constraints.session_minutes.get(day.plan.day)
        if budget is not None and day.minutes > budget + EPSILON:
            yield Violation(
                "session_minutes",
                day.plan.day,
                f"{day.minutes:.1f} min planned, budget {budget}",
            )
