"""The ordering rule, from the listed order alone: intensity never falls within a session
under `pre_exhaust`, never rises under `compound_first`; `free` has no rule.

Under `pre_exhaust` a session is read as units: a superset (a run of adjacent rows carrying
one label) is one unit at its compound's intensity, since its sets alternate and the
isolation before its compound is the point of it; every other row is a unit of its own. So a
week without labels is judged row by row, as before supersets. The order inside a superset
is `check_superset_labels`'s rule, not this one, so a superset listed compound first is
reported once. `compound_first` refuses supersets at input and is read row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from ..program import ProgramExercise
from .context import Violation, Week


@dataclass(frozen=True)
class Unit:
    """Rows `start`..`stop - 1` of a session, ordered as one."""

    start: int
    stop: int
    label: str | None  # the superset's, None for a standalone row
    intensity: int  # a superset's is its compound's: the highest of its rows

    @property
    def text(self) -> str:
        """`3`, or `3 (superset 'A')`: a standalone row reads as it did before supersets."""
        return f"{self.intensity} (superset {self.label!r})" if self.label else str(self.intensity)


def units(rows: list[ProgramExercise], supersets: bool) -> list[Unit]:
    """The session's units in order; with `supersets` off, one per row."""
    out: list[Unit] = []
    for index, row in enumerate(rows):
        last = out[-1] if out else None
        if supersets and last and row.superset is not None and row.superset == last.label:
            out[-1] = Unit(last.start, index + 1, last.label, max(last.intensity, row.intensity))
        else:
            label = row.superset if supersets else None
            out.append(Unit(index, index + 1, label, row.intensity))
    return out


def check_ordering(week: Week) -> Iterator[Violation]:
    ordering = week.constraints.ordering
    if ordering == "free":
        return
    for day in week.days:
        known = {item.index: item for item in day.items}
        for before, now in pairwise(units(day.plan.exercises, ordering == "pre_exhaust")):
            # reported at the unit's first row the catalog knows (an unknown id is skipped,
            # as every per-exercise check skips it)
            item = next((known[k] for k in range(now.start, now.stop) if k in known), None)
            if item is None:
                continue
            if (ordering == "pre_exhaust" and now.intensity < before.intensity) or (
                ordering == "compound_first" and now.intensity > before.intensity
            ):
                yield Violation(
                    "ordering",
                    item.where,
                    f"intensity {now.text} after {before.text}",
                )
