"""max_compounds_per_pattern: at most this many compounds of one movement pattern (squat, hip
hinge, horizontal push, ...) in one session (default 2): a sumo and a conventional deadlift,
or a third squat variation, repeat a pattern a session has already trained."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ... import limits
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Item, Variables
from .base import RuleGroup, Step
from .session_caps import add_caps, one_more, raised


def by_pattern(items: list[Item]) -> list[list[Item]]:
    """The day's compounds grouped by pattern, in first-seen order (exercises without a
    pattern are in no group)."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        if item.exercise.mechanic == "compound" and item.exercise.pattern:
            groups.setdefault(item.exercise.pattern, []).append(item)
    return list(groups.values())


class MaxCompoundsPerPattern(RuleGroup):
    name = "max_compounds_per_pattern"
    fields = ("max_compounds_per_pattern",)
    position = 150

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        cap = data.constraints.max_compounds_per_pattern
        if cap is not None:
            bound = limits.COMPOUNDS_PER_PATTERN
            add_caps(model, v, data, relax, self.name, cap, bound, by_pattern)

    def describe(self, key: str, c: Constraints) -> str:
        return f"max_compounds_per_pattern: {c.max_compounds_per_pattern}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        return raised(self.name, c.max_compounds_per_pattern, int(relaxed.value))

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        cap = c.max_compounds_per_pattern
        # the program does not list patterns: a session with `cap` compounds may be at it
        reached = cap is not None and any(
            sum(e.mechanic == "compound" for e in d.exercises) >= cap for d in program.days
        )
        return one_more(self.name, cap, limits.COMPOUNDS_PER_PATTERN, reached)


GROUP = MaxCompoundsPerPattern()
