"""What the list-valued rules (`require`, `avoid.exercises`, `avoid.muscles`) share: an entry
is blamed as `require[0]`, read as `require: leg_press`, and repaired by removing it."""

from __future__ import annotations

import re

from ...constraints import Constraints
from ...edits import Edit
from ...program import Program
from ..relax import Relaxed
from .base import Step

ENTRY = re.compile(r"(?P<name>[\w.]+)\[(?P<index>\d+)\]")


def listed(c: Constraints, name: str) -> list[str]:
    """The file's list behind a field path such as `require` or `avoid.muscles`."""
    value = c
    for part in name.split("."):
        value = getattr(value, part)
    return list(value)  # type: ignore[call-overload]


def entry(key: str) -> tuple[str, int] | None:
    """`avoid.muscles[1]` -> (avoid.muscles, 1)."""
    match = ENTRY.fullmatch(key)
    return (match["name"], int(match["index"])) if match else None


class ListEntries:
    """A mixin for rule groups whose rules are the entries of lists in the file: it gives
    their words, repairs and "what if" steps (put it before `RuleGroup` in the bases)."""

    fields: tuple[str, ...]

    def describe(self, key: str, c: Constraints) -> str:
        found = entry(key)
        if found is None:
            return key
        name, i = found
        return f"{name}: {listed(c, name)[i]}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        found = entry(relaxed.key)
        if relaxed.kind != "drop" or found is None:
            return None
        name, i = found
        value = listed(c, name)[i]
        return Edit(field=relaxed.key, action="remove", value=value, text=f"remove {name}: {value}")

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        out = []
        for name in self.fields:
            for i, value in enumerate(listed(c, name)):
                key = f"{name}[{i}]"
                edit = Edit(field=key, action="remove", value=value, text="")
                out.append(Step(key, f"remove {name}: {value}", (edit,)))
        return out
