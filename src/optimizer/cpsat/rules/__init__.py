"""The rule groups, one module each, found by looking: a module here with a `GROUP` is one.

Adding a rule group is adding a module (see README, "Adding a rule group"). Groups are added
to the model in the order of their `position`: constraints and variables are created in it, and
CP-SAT's search (so which of several equally good weeks it returns) depends on it. A new group
takes a position after the others, so every existing model keeps its exact shape.
"""

from __future__ import annotations

import importlib
import pkgutil

from ...constraints import Constraints
from ...edits import Edit
from ..relax import Relaxed
from .base import RuleGroup, Step


def _discover() -> tuple[RuleGroup, ...]:
    found: list[RuleGroup] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        group = getattr(module, "GROUP", None)
        if isinstance(group, RuleGroup):
            found.append(group)
    found.sort(key=lambda g: g.position)
    positions = [g.position for g in found]
    if len(set(positions)) != len(positions):  # a programming error: fail at import
        raise RuntimeError(f"rule groups share a position: {positions}")
    return tuple(found)


GROUPS: tuple[RuleGroup, ...] = _discover()


def owner(key: str) -> RuleGroup | None:
    """The group a field path (`session_minutes.mon`, `require[0]`, `days:thu`) belongs to."""
    return next((g for g in GROUPS if g.owns(key)), None)


def describe(key: str, c: Constraints) -> str:
    group = owner(key)
    return group.describe(key, c) if group else key


def read_edits(c: Constraints, relaxed: list[Relaxed]) -> list[Edit]:
    """The file edits a solved relaxation stands for, in its order."""
    edits = []
    for r in relaxed:
        group = owner(r.key)
        edit = group.edit(r, c) if group else None
        if edit is not None:
            edits.append(edit)
    return edits


__all__ = ["GROUPS", "RuleGroup", "Step", "describe", "owner", "read_edits"]
