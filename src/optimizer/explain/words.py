"""Rule groups in the client's own words: a field path -> a short sentence about their file."""

from __future__ import annotations

import re

from ..constraints import Constraints

LISTS = ("require", "avoid.exercises", "avoid.muscles")


def listed(c: Constraints, name: str) -> list[str]:
    """The file's list behind a field path such as `require` or `avoid.muscles`."""
    return c.require if name == "require" else getattr(c.avoid, name.split(".")[1])


def _list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def describe(field: str, c: Constraints) -> str:
    """`session_minutes.mon` -> `session_minutes: 20 on mon`; a value the file left to its
    default says so, since the client never wrote it."""
    text = _describe(field, c)
    top = field.split(".")[0].split("[")[0]
    if top in Constraints.model_fields and top not in c.model_fields_set:
        text += " (default)"
    return text


def _describe(field: str, c: Constraints) -> str:
    head, _, rest = field.partition(".")
    index = re.fullmatch(r"(\w+(?:\.\w+)?)\[(\d+)\]", field)
    if index:
        name, i = index[1], int(index[2])
        if name in LISTS:
            return f"{name}: {listed(c, name)[i]}"
    if head == "session_minutes":
        return f"session_minutes: {c.session_minutes[rest]} on {rest}"
    if head == "split":
        return f"split: {rest} is {c.focus_of(rest)}"
    if head == "targets":
        muscle, _, bound = rest.partition(".")
        spec = c.resolved_targets()[muscle]  # a default target (no `targets`) is a rule too
        if bound == "max":
            return f"targets.{muscle}.max: {spec.max:g}"
        return f"targets.{muscle}.min: {spec.min:g} with strict: true"
    if field == "equipment":
        return (
            f"equipment: {_list(c.equipment)}"
            if len(c.equipment) > 1
            else f"equipment: {c.equipment[0]}"
        )
    if field == "experience":
        return f"experience: {c.experience}"
    if field == "recovery_hours":
        return f"recovery_hours: {c.recovery_hours} with days {_list(c.days)}"
    if field == "days":
        return f"days: {_list(c.days)}"
    if field == "sets_per_exercise":
        low, high = c.sets_per_exercise
        return f"sets_per_exercise: [{low}, {high}]"
    if field == "max_muscle_sets_per_session":
        return f"max_muscle_sets_per_session: {c.max_muscle_sets_per_session:g}"
    return field
