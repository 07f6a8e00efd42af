"""avoid: no listed exercise, and no exercise working a listed muscle as primary or secondary
(a filter, see equipment.py)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..relax import Relax
from ..variables import Variables
from .base import RuleGroup, forbid
from .lists import ListEntries


class Avoid(ListEntries, RuleGroup):
    name = "avoid"
    position = 100
    fields = ("avoid.exercises", "avoid.muscles")

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if not data.full:
            return
        c = data.constraints
        for i, ex_id in enumerate(c.avoid.exercises):
            forbid(model, v.by_exercise.get(ex_id, []), relax.on(f"avoid.exercises[{i}]"))
        for i, muscle in enumerate(c.avoid.muscles):
            hit = [it for it in v.items if muscle in (*it.exercise.primary, *it.exercise.secondary)]
            forbid(model, hit, relax.on(f"avoid.muscles[{i}]"))


GROUP = Avoid()
