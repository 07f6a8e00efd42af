"""No session holds more intensity-5 lifts (by the catalog) than `max_heavy_per_session`."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import HEAVY_INTENSITY
from .context import Violation, Week


def check_max_heavy_per_session(week: Week) -> Iterator[Violation]:
    cap = week.constraints.max_heavy_per_session
    if cap is None:
        return
    for day in week.days:
        heavy = [item.row.id for item in day.items if item.exercise.intensity >= HEAVY_INTENSITY]
        if len(heavy) > cap:
            yield Violation(
                "max_heavy_per_session",
                day.plan.day,
                f"{len(heavy)} heavy lifts > {cap}: {', '.join(heavy)}",
            )
