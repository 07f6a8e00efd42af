"""equipment: only exercises the client's equipment allows.

Like every filter (equipment, experience, avoid, split, days) it is applied before the model
is built on the optimizing path (problem.py), which is faster; the full model used by the
explanation keeps every exercise on all seven days and states the filter here, so a conflict
can name it and a repair can add an item.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step, forbid

COST_ADD = 25  # one more item of equipment


class Equipment(RuleGroup):
    name = "equipment"
    position = 80
    fields = ("equipment",)

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if not data.full:
            return
        owned = data.owned
        lacking = [it for it in v.items if not it.exercise.usable_with(owned)]
        if not relax.is_elastic(self.name):
            forbid(model, lacking, relax.on(self.name))
            return
        for item in lacking:
            for group in item.exercise.equipment:
                if not any(i in owned for i in group):
                    added = [relax.flag(self.name, i, COST_ADD) for i in group]
                    model.add(item.use <= sum(added))

    def describe(self, key: str, c: Constraints) -> str:
        if len(c.equipment) == 1:
            return f"equipment: {c.equipment[0]}"
        return f"equipment: [{', '.join(c.equipment)}]"  # [] is bodyweight alone

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        if relaxed.kind != "add":
            return None
        name = str(relaxed.value)
        return Edit(field=self.name, action="add", value=name, text=f"add equipment: {name}")

    def apply(self, edit: Edit, data: dict, c: Constraints, vocab) -> None:
        data["equipment"] = [*data["equipment"], edit.value]

    def steps(self, c, program) -> list[Step]:
        return [Step(self.name, "one more item of equipment", budget=COST_ADD)]


GROUP = Equipment()
