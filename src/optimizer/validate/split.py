"""A day's focus: the split's when it names one, a known focus, and every exercise's primary
muscles inside it."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_split(week: Week) -> Iterator[Violation]:
    c = week.constraints
    focuses = week.vocabulary.focuses
    for day in week.days:
        plan = day.plan
        wanted = c.focus_of(plan.day)
        explicit = isinstance(c.split, dict) and c.split.get(plan.day) != "auto"
        if explicit and plan.focus != wanted:
            yield Violation("split", plan.day, f"focus {plan.focus} is not the split's {wanted}")
        if plan.focus not in focuses:
            yield Violation("split", plan.day, f"unknown focus {plan.focus}")
        inside = focuses.get(plan.focus, frozenset())
        for item in day.items:
            outside = [m for m in item.exercise.primary if m not in inside]
            if outside:
                yield Violation(
                    "split", item.where, f"primary {outside} outside the {plan.focus} focus"
                )
