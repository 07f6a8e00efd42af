"""No avoided exercise, no exercise working an avoided muscle as primary or secondary, none
with an avoided movement tag or pattern, none an injury's table entry rules out (re-read from
models/injuries.yaml and the catalog's tags, not from the planner's expansion)."""

from __future__ import annotations

from collections.abc import Iterator

from ..injuries import default_injuries
from .context import Violation, Week


def check_avoid(week: Week) -> Iterator[Violation]:
    avoid = week.constraints.avoid
    for item in week.items:
        if item.row.id in avoid.exercises:
            yield Violation("avoid.exercises", item.where, "avoided exercise used")
        for muscle in (*item.exercise.primary, *item.exercise.secondary):
            if muscle in avoid.muscles:
                yield Violation("avoid.muscles", item.where, f"works avoided muscle {muscle}")


def check_avoid_movements(week: Week) -> Iterator[Violation]:
    avoid = week.constraints.avoid
    table = default_injuries() if week.constraints.injuries else {}
    rules = [("avoid.tags", tag, None) for tag in avoid.tags]
    rules += [("avoid.patterns", None, pattern) for pattern in avoid.patterns]
    for name in week.constraints.injuries:
        rules += [(f"injuries ({name})", tag, None) for tag in table[name].tags]
        rules += [(f"injuries ({name})", None, pattern) for pattern in table[name].patterns]
    for item in week.items:
        for field, tag, pattern in rules:
            if tag is not None and tag in item.exercise.tags:
                yield Violation(field, item.where, f"carries the avoided tag {tag}")
            if pattern is not None and item.exercise.pattern == pattern:
                yield Violation(field, item.where, f"is the avoided pattern {pattern}")
