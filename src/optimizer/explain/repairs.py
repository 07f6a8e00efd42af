"""Repairs: the smallest edits to the file that make a week possible, found by the solver.

For one rule group at a time (or several), the full model is rebuilt with that group elastic
(relax.py: extra minutes, added days or items, a lower spacing, a different focus, a dropped
requirement) and everything else hard, and the solver minimises the cost of the relaxation.
The solution is read back as edits to the constraints file, which `apply_edits` applies.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ortools.sat.python import cp_model
from pydantic import BaseModel

from ..constraints import Constraints, parse_constraints
from ..cpsat import solver as cpsat
from ..problem import ProblemData
from ..vocabulary import Vocabulary
from .words import listed


class Edit(BaseModel):
    """One change to one field of the constraints file."""

    field: str
    action: Literal["set", "add", "remove"]
    value: Any
    before: Any = None
    text: str


class Repair(BaseModel):
    edits: list[Edit]
    text: str
    effect: str = ""
    verified: bool = False
    cost: int = 0


def solve_elastic(data: ProblemData, elastic: set[str], seconds: float) -> Repair | None:
    """Minimise the cost of relaxing the `elastic` groups, all other rules hard."""
    built = cpsat.build(data, with_objective=False, elastic=frozenset(elastic))
    relax = built.relax
    built.model.minimize(relax.total_cost)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.linearization_level = 2
    p.max_time_in_seconds = seconds
    p.random_seed = 0
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    edits = read_edits(data.constraints, relax, solver)
    if not edits:
        return None
    return Repair(
        edits=edits, text="; ".join(e.text for e in edits), cost=round(solver.objective_value)
    )


def _sets(half_sets: int) -> float:
    return half_sets / 2


def read_edits(c: Constraints, relax, solver: cp_model.CpSolver) -> list[Edit]:
    """Turn the relaxation variables' values into edits of the file."""
    edits: list[Edit] = []
    for key, var in relax.slacks.items():
        amount = solver.value(var)
        if amount <= 0:
            continue
        head, _, rest = key.partition(".")
        if head == "session_minutes":
            before = c.session_minutes[rest]
            edits.append(
                Edit(
                    field=key,
                    action="set",
                    before=before,
                    value=before + amount,
                    text=f"session_minutes {before} -> {before + amount} on {rest}",
                )
            )
        elif head == "targets":
            muscle, _, bound = rest.partition(".")
            spec = c.resolved_targets()[muscle]
            before = spec.max if bound == "max" else spec.min
            new = before + _sets(amount) if bound == "max" else max(0.0, before - _sets(amount))
            edits.append(
                Edit(
                    field=key,
                    action="set",
                    before=before,
                    value=new,
                    text=f"targets.{muscle}.{bound} {before:g} -> {new:g}",
                )
            )
        elif key == "max_muscle_sets_per_session":
            before = c.max_muscle_sets_per_session
            new = before + _sets(amount)
            edits.append(
                Edit(
                    field=key,
                    action="set",
                    before=before,
                    value=new,
                    text=f"max_muscle_sets_per_session {before:g} -> {new:g}",
                )
            )
    for key, picks in relax.choices.items():
        chosen = next(option for option, var in picks.items() if solver.boolean_value(var))
        if key == "recovery_hours" and int(chosen) != c.recovery_hours:
            edits.append(
                Edit(
                    field=key,
                    action="set",
                    before=c.recovery_hours,
                    value=int(chosen),
                    text=f"recovery_hours {c.recovery_hours} -> {chosen}",
                )
            )
        elif key == "experience" and chosen != c.experience:
            edits.append(
                Edit(
                    field=key,
                    action="set",
                    before=c.experience,
                    value=chosen,
                    text=f"experience {c.experience} -> {chosen}",
                )
            )
        elif key == "sets_per_exercise" and int(chosen) != c.sets_per_exercise[0]:
            low, high = c.sets_per_exercise
            edits.append(
                Edit(
                    field=key,
                    action="set",
                    before=[low, high],
                    value=[int(chosen), high],
                    text=f"sets_per_exercise [{low}, {high}] -> [{chosen}, {high}]",
                )
            )
        elif key.startswith("split.") and chosen != c.focus_of(key[6:]):
            day = key[6:]
            edits.append(
                Edit(
                    field=key,
                    action="set",
                    before=c.focus_of(day),
                    value=chosen,
                    text=f"split: {day} {c.focus_of(day)} -> {chosen}",
                )
            )
    for key, lit in relax.literals.items():
        on = solver.boolean_value(lit)
        if ":" in key:  # an addition: days:thu, equipment:squat_rack
            group, _, name = key.partition(":")
            if on and group == "days":
                edits.append(
                    Edit(
                        field="days",
                        action="add",
                        value=name,
                        text=f"add training day {name} ({max(c.session_minutes.values())} minutes)",
                    )
                )
            elif on and group == "equipment":
                edits.append(
                    Edit(field="equipment", action="add", value=name, text=f"add equipment: {name}")
                )
            continue
        if on:
            continue
        match = re.fullmatch(r"(require|avoid\.exercises|avoid\.muscles)\[(\d+)\]", key)
        if match:
            name, i = match[1], int(match[2])
            items = listed(c, name)
            edits.append(
                Edit(field=key, action="remove", value=items[i], text=f"remove {name}: {items[i]}")
            )
    return edits


def apply_edits(
    c: Constraints, edits: list[Edit], vocabulary: Vocabulary | None = None
) -> Constraints:
    """The constraints with the edits applied, validated like a file."""
    data = c.model_dump()
    removals: dict[str, set[int]] = {}
    for edit in edits:
        head, _, rest = edit.field.partition(".")
        if edit.action == "remove":
            match = re.fullmatch(r"(.+)\[(\d+)\]", edit.field)
            removals.setdefault(match[1], set()).add(int(match[2]))
        elif edit.field == "days":
            data["days"] = [*data["days"], edit.value]
            data["session_minutes"][edit.value] = max(c.session_minutes.values())
            if isinstance(data["split"], dict):
                data["split"][edit.value] = "auto"
        elif edit.field == "equipment":
            data["equipment"] = [*data["equipment"], edit.value]
        elif head == "session_minutes":
            data["session_minutes"][rest] = edit.value
        elif head == "split":
            data["split"][rest] = edit.value
        elif head == "targets":
            muscle, _, bound = rest.partition(".")
            if data["targets"] is None:  # the file left targets to the defaults: write them out
                data["targets"] = {
                    m: spec.model_dump() for m, spec in c.resolved_targets(vocabulary).items()
                }
            data["targets"][muscle][bound] = edit.value
        else:
            data[edit.field] = edit.value
    for name, indexes in removals.items():
        if name == "require":
            data["require"] = [x for i, x in enumerate(data["require"]) if i not in indexes]
        else:
            part = name.split(".")[1]
            data["avoid"][part] = [x for i, x in enumerate(data["avoid"][part]) if i not in indexes]
    return parse_constraints(data, vocabulary)
