"""days: exercises only on training days (a filter, see equipment.py); a repair may add one."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step, forbid

COST_ADD = 50  # one more training day


class Days(RuleGroup):
    name = "days"
    position = 120
    fields = ("days",)
    deletion_rank = 4

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if not data.full:
            return
        rest_days = [d for d in data.days if d not in data.training_days]
        if relax.is_elastic(self.name):
            for day in rest_days:
                added = relax.flag(self.name, day, COST_ADD)
                for item in v.by_day[day]:
                    model.add(item.use <= added)
        else:
            forbid(model, [it for d in rest_days for it in v.by_day[d]], relax.on(self.name))

    def describe(self, key: str, c: Constraints) -> str:
        return f"days: [{', '.join(c.days)}]"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        if relaxed.kind != "add":
            return None
        day = str(relaxed.value)
        minutes = max(c.session_minutes.values())
        return Edit(
            field=self.name,
            action="add",
            value=day,
            text=f"add training day {day} ({minutes} minutes)",
        )

    def apply(self, edit: Edit, data: dict, c: Constraints, vocab) -> None:
        # the added day gets the client's longest session, as in the full model (problem.py)
        data["days"] = [*data["days"], edit.value]
        data["session_minutes"][edit.value] = max(c.session_minutes.values())
        if isinstance(data["split"], dict):
            data["split"][edit.value] = "auto"

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        if len(c.days) == 7:
            return []
        return [Step(self.name, "one more training day", budget=COST_ADD)]


GROUP = Days()
