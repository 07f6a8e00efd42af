"""supersets: with `pre_exhaust`, every isolation that pre-exhausts a compound is done as a
superset with one (alternate sets, the transition for its rest).

The superset options themselves (both used, equal sets, one superset per exercise, the rest
saved) define variables, so they live with them (variables.py); `allowed` only offers them,
so this rule is what `pre_exhaust` adds, and what an explanation can blame and relax (to
`allowed`)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, set_edit


class Supersets(RuleGroup):
    name = "supersets"
    position = 160
    fields = ("supersets",)

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if data.constraints.supersets != "pre_exhaust":
            return
        enforce = relax.on(self.name)
        for options in v.supersets.values():
            joined: dict[str, list[cp_model.IntVar]] = {}
            for o in options:
                joined.setdefault(o.isolation.exercise.id, []).append(o.chosen)
            for option in options:
                # the isolation and a compound sharing its primary muscle both used: the
                # isolation is in a superset (with this compound or another)
                model.add_bool_or(joined[option.isolation.exercise.id]).only_enforce_if(
                    [option.isolation.use, option.compound.use, *enforce]
                )

    def describe(self, key: str, c: Constraints) -> str:
        return f"supersets: {c.supersets}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        if relaxed.kind != "drop":
            return None
        return set_edit(self.name, c.supersets, "allowed", f"supersets {c.supersets} -> allowed")


GROUP = Supersets()
