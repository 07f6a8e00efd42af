"""targets: each target's weekly max, and its min where `strict: true` makes it a rule."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ... import limits
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ...vocabulary import Vocabulary
from ..relax import Relax, Relaxed
from ..variables import Variables, half_sets
from .base import RuleGroup, Step, set_edit
from .max_muscle_sets_per_session import COST_PER_HALF_SET, reach

WHAT_IF_SETS = 2  # the "what if" step: a maximum at its limit, this many sets higher


def _bound(key: str) -> tuple[str, str]:
    """`targets.chest.max` -> (chest, max)."""
    muscle, _, bound = key.partition(".")[2].partition(".")
    return muscle, bound


class Targets(RuleGroup):
    name = "targets"
    position = 50
    fields = ("targets",)

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        for muscle, spec in data.targets.items():
            items = [i for i in v.items if i.exercise.credit(muscle)]
            limit = spec.max_half_sets
            key = f"targets.{muscle}.max"
            if limit is not None and reach(items, muscle, data.sets_max) > limit:
                room = int((limits.TARGET_SETS.high - spec.max) * 2 + 1e-9)
                more = relax.slack(key, room, COST_PER_HALF_SET)
                model.add(half_sets(items, muscle) <= limit + more).only_enforce_if(
                    relax.enforce(key)
                )
            key = f"targets.{muscle}.min"
            if spec.strict and spec.min_half_sets > 0:
                less = relax.slack(key, spec.min_half_sets, COST_PER_HALF_SET)
                model.add(half_sets(items, muscle) >= spec.min_half_sets - less).only_enforce_if(
                    relax.enforce(key)
                )

    def describe(self, key: str, c: Constraints) -> str:
        muscle, bound = _bound(key)
        spec = c.resolved_targets()[muscle]  # a default target (no `targets`) is a rule too
        if bound == "max":
            return f"targets.{muscle}.max: {spec.max:g}"
        return f"targets.{muscle}.min: {spec.min:g} with strict: true"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        muscle, bound = _bound(relaxed.key)
        spec = c.resolved_targets()[muscle]
        sets = int(relaxed.value) / 2
        before = spec.max if bound == "max" else spec.min
        after = before + sets if bound == "max" else max(0.0, before - sets)
        text = f"targets.{muscle}.{bound} {before:g} -> {after:g}"
        return set_edit(relaxed.key, before, after, text)

    def apply(self, edit: Edit, data: dict, c: Constraints, vocab: Vocabulary) -> None:
        muscle, bound = _bound(edit.field)
        if data["targets"] is None:  # the file left targets to the defaults: write them out
            data["targets"] = {m: s.model_dump() for m, s in c.resolved_targets(vocab).items()}
        data["targets"][muscle][bound] = edit.value

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        out = []
        for muscle, target in program.targets.items():
            if target.max is not None and target.sets >= target.max - 1e-9:
                key = f"targets.{muscle}.max"
                after = target.max + WHAT_IF_SETS
                text = f"targets.{muscle}.max {target.max:g} -> {after:g}"
                out.append(Step(key, text, (set_edit(key, None, after, ""),)))
        return out


GROUP = Targets()
