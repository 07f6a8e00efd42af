"""avoid and injuries: no listed exercise, no exercise working a listed muscle as primary or
secondary, none carrying an avoided movement tag or of an avoided pattern, none an injury
rules out (models/injuries.yaml); a filter, see equipment.py."""

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
    fields = ("avoid.exercises", "avoid.muscles", "avoid.tags", "avoid.patterns", "injuries")

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        if not data.full:
            return
        c = data.constraints
        for i, ex_id in enumerate(c.avoid.exercises):
            forbid(model, v.by_exercise.get(ex_id, []), relax.on(f"avoid.exercises[{i}]"))
        for i, muscle in enumerate(c.avoid.muscles):
            hit = [it for it in v.items if muscle in (*it.exercise.primary, *it.exercise.secondary)]
            forbid(model, hit, relax.on(f"avoid.muscles[{i}]"))
        for rule in c.avoided_movements():
            hit = [it for it in v.items if rule.hits(it.exercise.tags, it.exercise.pattern)]
            forbid(model, hit, relax.on(rule.key))


GROUP = Avoid()
