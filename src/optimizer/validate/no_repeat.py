"""No exercise appears twice in the week (each repeat names the previous day it was on)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_no_repeat(week: Week) -> Iterator[Violation]:
    seen: dict[str, str] = {}
    for item in week.items:
        if item.row.id in seen:
            yield Violation("no_repeat", item.where, f"already used on {seen[item.row.id]}")
        seen[item.row.id] = item.day.day
