"""Every exercise can be done with the client's equipment, and uses only what they own."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_equipment(week: Week) -> Iterator[Violation]:
    owned = week.owned
    for item in week.items:
        for group in item.exercise.equipment:
            if not any(i in owned for i in group):
                yield Violation("equipment", item.where, f"needs {' or '.join(group)}")
        for used in item.row.equipment:
            if used not in owned:
                yield Violation(
                    "equipment", item.where, f"uses {used}, which the client does not have"
                )
