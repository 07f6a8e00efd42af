"""Every exercise in `require` appears once in the week."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...problem import ProblemData
from ..guards import Guards
from ..variables import Variables


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, guards: Guards) -> None:
    for ex_id in data.required:
        uses = [item.use for item in v.by_exercise.get(ex_id, [])]
        if uses:
            model.add_bool_or(uses).only_enforce_if(guards(f"require.{ex_id}"))
        else:
            # No day can hold it: state the contradiction in the model so the explanation
            # path can still blame `require` rather than crash.
            model.add_bool_or([]).only_enforce_if(guards(f"require.{ex_id}"))
