"""Decision variables: for every training day and candidate exercise, is it used and how many sets.

Position in the session is not a variable: intensity is a property of the exercise, so sorting
the chosen exercises gives an order that satisfies the ordering rule exactly (see ordering.py).

With `supersets` other than none, every (day, isolation, compound) sharing a primary muscle is
an option (`Superset`): chosen, the two have equal sets and the isolation's rest becomes the
transition, which the session's seconds subtract exactly. These definitions live here, beside
`session_seconds` that reads them; the rule of `supersets: pre_exhaust` (every pre-exhausting
isolation in a superset) is a rule group (rules/supersets.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..catalog import Exercise
from ..ordering import shares_primary, superset_transition
from ..problem import ProblemData


@dataclass
class Item:
    """One (day, exercise) choice."""

    day: str
    exercise: Exercise
    use: cp_model.IntVar
    sets: cp_model.IntVar


@dataclass
class Superset:
    """One superset option: `isolation` then `compound` on `day`, alternating sets."""

    day: str
    isolation: Item
    compound: Item
    chosen: cp_model.IntVar
    saved: cp_model.IntVar  # seconds of the isolation's rest replaced by the transition


@dataclass
class Variables:
    model: cp_model.CpModel
    items: list[Item] = field(default_factory=list)
    by_day: dict[str, list[Item]] = field(default_factory=dict)
    by_exercise: dict[str, list[Item]] = field(default_factory=dict)
    # (muscle, day) -> "the muscle is worked as primary that day", made by the recovery rule
    trained: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    # superset options per day (none unless `supersets` allows them)
    supersets: dict[str, list[Superset]] = field(default_factory=dict)

    @classmethod
    def create(cls, model: cp_model.CpModel, data: ProblemData) -> Variables:
        out = cls(model)
        for day in data.days:
            out.by_day[day] = []
            for ex in data.candidates[day]:
                use = model.new_bool_var(f"use[{day},{ex.id}]")
                sets = model.new_int_var(0, data.sets_max, f"sets[{day},{ex.id}]")
                item = Item(day, ex, use, sets)
                out.items.append(item)
                out.by_day[day].append(item)
                out.by_exercise.setdefault(ex.id, []).append(item)
            out.supersets[day] = superset_options(model, data, out.by_day[day])
        return out

    def session_seconds(self, day: str) -> cp_model.LinearExprT:
        """Exercise time of `day`: sets x (reps x seconds per rep + rest) + setup, less the
        rest its supersets replace by transitions."""
        return sum(
            item.exercise.set_seconds * item.sets + item.exercise.setup_seconds * item.use
            for item in self.by_day[day]
        ) - sum(option.saved for option in self.supersets.get(day, []))

    def weekly_half_sets(self, muscle: str) -> cp_model.LinearExprT:
        return half_sets(self.items, muscle)

    def chosen(self, solver: cp_model.CpSolver) -> dict[str, list[tuple[Exercise, int]]]:
        """The solved assignment as {day: [(exercise, sets), ...]} in catalog order."""
        out: dict[str, list[tuple[Exercise, int]]] = {day: [] for day in self.by_day}
        for item in self.items:
            if solver.boolean_value(item.use):
                out[item.day].append((item.exercise, int(solver.value(item.sets))))
        return out

    def chosen_supersets(
        self, value: Callable[[cp_model.IntVar], int]
    ) -> dict[str, list[tuple[str, str]]]:
        """{day: [(isolation id, compound id), ...]} of the solved week; `value` reads a
        variable (of this model, or of a clone by index)."""
        return {
            day: [
                (o.isolation.exercise.id, o.compound.exercise.id)
                for o in options
                if value(o.chosen)
            ]
            for day, options in self.supersets.items()
            if any(value(o.chosen) for o in options)
        }


def half_sets(items: Iterable[Item], muscle: str) -> cp_model.LinearExprT:
    """Fractional sets x 2 (a primary set gives 2, a secondary set 1): integer coefficients."""
    return sum(
        item.exercise.credit(muscle) * item.sets for item in items if item.exercise.credit(muscle)
    )


def superset_options(
    model: cp_model.CpModel, data: ProblemData, items: list[Item]
) -> list[Superset]:
    """Every isolation -> compound superset `items` allow, with what defines it: both used,
    equal sets, each exercise in one superset at most, and the seconds saved exactly
    sets x (the isolation's rest - the transition)."""
    c = data.constraints
    if c.supersets == "none" or (items and items[0].day not in data.training_days):
        # a day an explanation may add (full model) gets no superset options: they would
        # multiply its size for repairs that rarely need them (README, Supersets)
        return []
    out: list[Superset] = []
    isolations = [i for i in items if i.exercise.mechanic == "isolation"]
    compounds = [i for i in items if i.exercise.mechanic == "compound"]
    for iso in isolations:
        for comp in compounds:
            if not shares_primary(iso.exercise, comp.exercise):
                continue
            transition = superset_transition(
                iso.exercise, comp.exercise, data.owned, c.superset_transition_seconds
            )
            per_set = iso.exercise.rest_seconds - transition
            name = f"{iso.day},{iso.exercise.id},{comp.exercise.id}"
            chosen = model.new_bool_var(f"superset[{name}]")
            saved = model.new_int_var(
                min(per_set, 0) * data.sets_max, max(per_set, 0) * data.sets_max, f"saved[{name}]"
            )
            model.add_implication(chosen, iso.use)
            model.add_implication(chosen, comp.use)
            model.add(iso.sets == comp.sets).only_enforce_if(chosen)
            model.add(saved == per_set * iso.sets).only_enforce_if(chosen)
            model.add(saved == 0).only_enforce_if(~chosen)
            out.append(Superset(iso.day, iso, comp, chosen, saved))
    # each exercise in one superset at most (grouped by id: Items compare by their variables)
    members: dict[str, list[cp_model.IntVar]] = {}
    for o in out:
        members.setdefault(o.isolation.exercise.id, []).append(o.chosen)
        members.setdefault(o.compound.exercise.id, []).append(o.chosen)
    for chosen in members.values():
        if len(chosen) > 1:
            model.add_at_most_one(chosen)
    return out
