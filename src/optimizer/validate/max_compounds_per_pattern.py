"""No session holds more compounds of one movement pattern (by the catalog) than
`max_compounds_per_pattern`."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_max_compounds_per_pattern(week: Week) -> Iterator[Violation]:
    cap = week.constraints.max_compounds_per_pattern
    if cap is None:
        return
    for day in week.days:
        patterns: dict[str, list[str]] = {}
        for item in day.items:
            ex = item.exercise
            if ex.mechanic == "compound" and ex.pattern:
                patterns.setdefault(ex.pattern, []).append(item.row.id)
        for pattern, ids in patterns.items():
            if len(ids) > cap:
                yield Violation(
                    "max_compounds_per_pattern",
                    day.plan.day,
                    f"{len(ids)} {pattern} compounds > {cap}: {', '.join(ids)}",
                )
