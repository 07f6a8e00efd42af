"""experience: no exercise above the client's level (a filter, see equipment.py)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...catalog import LEVELS
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step, forbid, set_edit

COST_LEVEL = 25  # one level up


class Experience(RuleGroup):
    name = "experience"
    position = 90
    fields = ("experience",)
    deletion_rank = 2

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if not data.full:
            return
        level = LEVELS.index(data.constraints.experience)
        above = [it for it in v.items if LEVELS.index(it.exercise.level) > level]
        if not above:
            return
        if not relax.is_elastic(self.name):
            forbid(model, above, relax.on(self.name))
            return
        options = LEVELS[level:]
        picks = relax.choice(
            self.name, options, {lv: n * COST_LEVEL for n, lv in enumerate(options)}
        )
        for item in above:
            rank = LEVELS.index(item.exercise.level)
            model.add(item.use <= sum(picks[lv] for lv in options if LEVELS.index(lv) >= rank))

    def describe(self, key: str, c: Constraints) -> str:
        return f"experience: {c.experience}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        if relaxed.value == c.experience:
            return None
        return set_edit(
            self.name, c.experience, relaxed.value, f"experience {c.experience} -> {relaxed.value}"
        )

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        level = LEVELS.index(c.experience)
        if level + 1 >= len(LEVELS):
            return []
        up = LEVELS[level + 1]
        edit = Edit(field=self.name, action="set", value=up, text="")
        return [Step(self.name, f"experience {c.experience} -> {up}", (edit,))]


GROUP = Experience()
