"""split: each day's exercises keep their primary muscles inside the day's focus (a filter,
see equipment.py)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step, forbid, set_edit

FOCUS_ORDER = ("lower", "push", "pull", "upper", "full")
COST_CHANGE = 30  # another focus for one day (+ its rank, so narrower focuses are preferred)


class Split(RuleGroup):
    name = "split"
    position = 110
    fields = ("split",)
    deletion_rank = 5

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if not data.full:
            return
        focuses = data.catalog.vocabulary.focuses
        for day in data.training_days:
            focus = data.focus[day]
            if focus == "full":
                continue
            key = f"split.{day}"
            if relax.is_elastic(key):
                rank = {f: n for n, f in enumerate(FOCUS_ORDER)}
                picks = relax.choice(
                    key,
                    FOCUS_ORDER,
                    {f: 0 if f == focus else COST_CHANGE + rank[f] for f in FOCUS_ORDER},
                )
                for item in v.by_day[day]:
                    primary = set(item.exercise.primary)
                    allowed = [picks[f] for f in FOCUS_ORDER if primary <= focuses[f]]
                    model.add(item.use <= sum(allowed))
            else:
                outside = [
                    it for it in v.by_day[day] if not set(it.exercise.primary) <= focuses[focus]
                ]
                forbid(model, outside, relax.on(key))

    def describe(self, key: str, c: Constraints) -> str:
        day = key.partition(".")[2]
        return f"split: {day} is {c.focus_of(day)}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        day = relaxed.key.partition(".")[2]
        before = c.focus_of(day)
        if relaxed.value == before:
            return None
        return set_edit(
            relaxed.key, before, relaxed.value, f"split: {day} {before} -> {relaxed.value}"
        )

    def apply(self, edit: Edit, data: dict, c: Constraints, vocab) -> None:
        data["split"][edit.field.partition(".")[2]] = edit.value

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        if not isinstance(c.split, dict):
            return []
        return [
            Step(f"split.{day}", "", budget=COST_CHANGE + 4)
            for day in c.days
            if c.focus_of(day) != "full"
        ]


GROUP = Split()
