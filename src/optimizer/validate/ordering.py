"""The ordering rule, from the listed order alone: intensity never falls within a session
under `pre_exhaust`, never rises under `compound_first`; `free` has no rule."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_ordering(week: Week) -> Iterator[Violation]:
    ordering = week.constraints.ordering
    for item in week.items:
        if item.index == 0:
            continue
        now = item.row.intensity
        before = item.day.exercises[item.index - 1].intensity
        if (ordering == "pre_exhaust" and now < before) or (
            ordering == "compound_first" and now > before
        ):
            yield Violation("ordering", item.where, f"intensity {now} after {before}")
