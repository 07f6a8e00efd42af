"""Sets follow selection (2-5 sets when used, 0 otherwise) and no exercise twice in a week."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..guards import Guards
from ..variables import Variables


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, guards: Guards) -> None:
    # Linear linking (not only_enforce_if): at linearization_level=2 it gives the LP the
    # same strength and keeps one constraint per item.
    for item in v.items:
        model.add(item.sets >= data.sets_min * item.use)
        model.add(item.sets <= data.sets_max * item.use)
    for items in v.by_exercise.values():
        if len(items) > 1:
            model.add_at_most_one(item.use for item in items)
