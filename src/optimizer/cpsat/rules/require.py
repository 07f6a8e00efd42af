"""require: every listed exercise appears in the week."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..relax import Relax
from ..variables import Variables
from .base import RuleGroup
from .lists import ListEntries


class Require(ListEntries, RuleGroup):
    name = "require"
    position = 70
    fields = ("require",)

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        listed = data.constraints.require
        for ex_id in data.required:
            key = f"require[{listed.index(ex_id)}]"
            # With no candidate day the clause is empty (false): the model is infeasible unless
            # the group is switched off, so the explanation can still blame `require`.
            model.add_bool_or([item.use for item in v.by_exercise.get(ex_id, [])]).only_enforce_if(
                relax.on(key)
            )


GROUP = Require()
