"""Weekly fractional sets per muscle: never above a target's `max`, and at least its `min`
when the target is `strict` (a goal's `min` is the objective's business, not a rule)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import EPSILON, Violation, Week


def check_targets(week: Week) -> Iterator[Violation]:
    for muscle, spec in week.targets.items():
        sets = week.weekly_sets.get(muscle, 0.0)
        if spec.max is not None and sets > spec.max + EPSILON:
            yield Violation("targets.max", muscle, f"{sets:g} weekly sets > max {spec.max:g}")
        if spec.strict and sets < spec.min - EPSILON:
            yield Violation(
                "targets.min", muscle, f"{sets:g} weekly sets < strict min {spec.min:g}"
            )
