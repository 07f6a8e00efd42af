"""A muscle is primary only on days at least `recovery_hours` apart; the week repeats, so the
distance is the shorter way round (sun -> mon is 24 h)."""

from __future__ import annotations

from collections.abc import Iterator

from ..vocabulary import DAYS
from .context import Violation, Week


def check_recovery_hours(week: Week) -> Iterator[Violation]:
    needed = week.constraints.recovery_hours
    for muscle, days in week.primary_days.items():
        ordered = sorted(days, key=DAYS.index)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                steps = (DAYS.index(b) - DAYS.index(a)) % 7
                hours = 24 * min(steps, 7 - steps)
                if hours < needed:
                    yield Violation(
                        "recovery_hours",
                        muscle,
                        f"primary on {a} and {b}, {hours} h apart < {needed}",
                    )
