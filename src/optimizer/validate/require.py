"""Every required exercise appears in the week."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_require(week: Week) -> Iterator[Violation]:
    used = {item.row.id for item in week.items}
    for ex_id in week.constraints.require:
        if ex_id not in used:
            yield Violation("require", ex_id, "required exercise missing")
