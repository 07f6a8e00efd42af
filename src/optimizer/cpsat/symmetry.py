"""Symmetry breaking between interchangeable training days; valid cuts, not user rules.

Two days are interchangeable when they have the same budget and focus and the same recovery
neighbours among the other days (twins in the "too close" graph): swapping everything planned
on them gives a week that keeps every rule and the same objective. Among such days we ask
that the earlier day be at least as long as the later one, which leaves one of the k! mirror
images of each week for the search to prove optimal.
"""

from __future__ import annotations

from itertools import pairwise

from ortools.sat.python import cp_model

from ..problem import ProblemData
from .variables import Variables


def twin_classes(data: ProblemData) -> list[list[str]]:
    close: dict[str, set[str]] = {d: set() for d in data.days}
    for a, b in data.close_pairs:
        close[a].add(b)
        close[b].add(a)

    def twins(a: str, b: str) -> bool:
        return (
            data.budget_seconds[a] == data.budget_seconds[b]
            and data.focus[a] == data.focus[b]
            and close[a] - {b} == close[b] - {a}
        )

    classes: list[list[str]] = []
    for day in data.days:
        for cls in classes:
            if all(twins(day, other) for other in cls):
                cls.append(day)
                break
        else:
            classes.append([day])
    return [cls for cls in classes if len(cls) > 1]


def add(model: cp_model.CpModel, data: ProblemData, v: Variables) -> int:
    added = 0
    for cls in twin_classes(data):
        for a, b in pairwise(cls):
            model.add(v.session_seconds(a) >= v.session_seconds(b))
            added += 1
    return added
