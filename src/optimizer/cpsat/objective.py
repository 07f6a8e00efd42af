"""The objective, lexicographic by construction: target attainment, then pre-exhaust pairs,
then a short session.

Each tier's weight exceeds the largest possible value of everything below it, so no number of
pairs or saved seconds can buy a single half-set of a weighted target, and no saved seconds can
buy a pair. One weighted sum (instead of three solves) keeps one bound and one gap to report.
The pair weight leaves room for up to an hour of seconds more than that (see
`ProblemData.pair_weight`), so a time tolerance never trades a pair or a half-set.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..problem import ProblemData
from .variables import Variables


@dataclass
class Objective:
    attainment: cp_model.LinearExprT
    pairs: cp_model.LinearExprT
    seconds: cp_model.LinearExprT
    attainment_weight: int
    pair_weight: int
    attainment_max: int
    pair_vars: int
    time_room: int

    def time_gap(self, minutes: float) -> int:
        """`solver.time_tolerance` as an absolute objective gap, capped at the room
        `ProblemData.pair_weight` leaves: a week proven within it has the optimum's attainment
        and pairs and can only be longer."""
        return min(round(60 * minutes), self.time_room)

    @property
    def expression(self) -> cp_model.LinearExprT:
        return (
            self.attainment_weight * self.attainment + self.pair_weight * self.pairs - self.seconds
        )


def attainment(
    model: cp_model.CpModel, data: ProblemData, v: Variables
) -> tuple[cp_model.LinearExprT, int]:
    """Priority-weighted half-sets of each target's min reached (capped at the min)."""
    terms = []
    best = 0
    for muscle, spec in data.targets.items():
        goal = spec.min_half_sets
        if goal <= 0 or spec.priority <= 0:
            continue
        best += spec.priority * goal
        credits = [i for i in v.items if i.exercise.credit(muscle)]
        if not credits:
            continue
        covered = model.new_int_var(0, goal, f"covered[{muscle}]")
        model.add(covered <= v.weekly_half_sets(muscle))
        terms.append(spec.priority * covered)
    return sum(terms), best


def pre_exhaust_pairs(
    model: cp_model.CpModel, data: ProblemData, v: Variables
) -> tuple[cp_model.LinearExprT, int]:
    """One point per (day, muscle) where an isolation and a compound both work the muscle as
    primary, for muscles the client wants to grow (a target with priority > 0).

    Sorting puts every isolation (intensity 1-2) before every compound (3-5), so same-day
    co-occurrence is exactly "worked earlier in the session". Counting a muscle once per day
    (not once per compound) keeps the solver from padding a session with extra compounds.
    """
    if not data.reward_pairs:
        return 0, 0
    wanted = [m for m, spec in data.targets.items() if spec.priority > 0]
    flags = []
    for day in data.days:
        for muscle in wanted:
            iso = [
                i.use
                for i in v.by_day[day]
                if i.exercise.mechanic == "isolation" and muscle in i.exercise.primary
            ]
            comp = [
                i.use
                for i in v.by_day[day]
                if i.exercise.mechanic == "compound" and muscle in i.exercise.primary
            ]
            if not iso or not comp:
                continue
            pair = model.new_bool_var(f"pair[{day},{muscle}]")
            model.add(pair <= sum(iso))
            model.add(pair <= sum(comp))
            flags.append(pair)
    return sum(flags), len(flags)


def add(model: cp_model.CpModel, data: ProblemData, v: Variables) -> Objective:
    attain, best = attainment(model, data, v)
    pairs, n_pairs = pre_exhaust_pairs(model, data, v)
    seconds = sum(v.session_seconds(day) for day in data.days)
    pair_weight = data.pair_weight
    attainment_weight = pair_weight * (n_pairs + 1)
    objective = Objective(
        attain, pairs, seconds, attainment_weight, pair_weight, best, n_pairs, data.time_room
    )
    model.maximize(objective.expression)
    return objective
