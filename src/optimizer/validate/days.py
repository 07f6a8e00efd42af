"""The program lists exactly the training days, in week order."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Violation, Week


def check_days(week: Week) -> Iterator[Violation]:
    listed = [d.day for d in week.program.days]
    wanted = list(week.constraints.days)
    if listed != wanted:
        yield Violation("days", "days", f"program days {listed} are not the training days {wanted}")
