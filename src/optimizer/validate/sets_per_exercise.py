"""Every listed exercise has a number of sets inside `sets_per_exercise`."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_sets_per_exercise(week: Week) -> Iterator[Violation]:
    low, high = week.constraints.sets_per_exercise
    for item in week.items:
        if not low <= item.row.sets <= high:
            yield Violation(
                "sets_per_exercise", item.where, f"{item.row.sets} sets, allowed {low}-{high}"
            )
