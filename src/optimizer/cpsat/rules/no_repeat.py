"""No exercise twice a week. Not a field of the file: always hard, never blamed."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..relax import Relax
from ..variables import Variables
from .base import RuleGroup


class NoRepeat(RuleGroup):
    name = "no_repeat"
    position = 20
    fields = ()

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        for items in v.by_exercise.values():
            if len(items) > 1:
                model.add_at_most_one(item.use for item in items)


GROUP = NoRepeat()
