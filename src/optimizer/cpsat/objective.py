"""The objective as CP-SAT terms: attainment, then coach value, then a short week.

What each tier rewards and why, and every weight, live in `optimizer.taste`; this module only
writes them as linear terms. Every concave piece (volume with diminishing returns, the
per-session loss) is written with bounded "band" variables whose points fall band by band, so
the maximisation fills them in order with no boolean: the LP relaxation is exact on them and the
bound stays tight. The fixed charges are the exercise's cost on its `use` literal and two
flags that pay once per condition: a pre-exhaust pair, a target on a second day.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from .. import taste
from ..problem import ProblemData
from .variables import Variables, half_sets


@dataclass
class Objective:
    attainment: cp_model.LinearExprT
    value: cp_model.LinearExprT
    pairs: cp_model.LinearExprT
    seconds: cp_model.LinearExprT
    weights: taste.Weights
    pair_vars: int
    time_room: int

    @property
    def attainment_max(self) -> int:
        return self.weights.attainment_max

    def time_gap(self, minutes: float) -> int:
        """`solver.time_tolerance` as an absolute objective gap, capped at the room the value
        weight leaves: a week proven within it has the optimum's attainment and value and can
        only be longer."""
        return min(round(60 * minutes), self.time_room)

    @property
    def expression(self) -> cp_model.LinearExprT:
        """Shifted so a week with every minimum reached scores its value and time alone: the
        relative gap CP-SAT reports and stops on (`solver.relative_gap`) is then a share of the
        coach value, not of the attainment weight, which would make any gap look like 0."""
        w = self.weights
        shortfall = self.attainment - w.attainment_max
        return w.attainment * shortfall + w.value * self.value - self.seconds


def attainment(model: cp_model.CpModel, data: ProblemData, v: Variables) -> cp_model.LinearExprT:
    """Priority-weighted half-sets of each target's min reached (capped at the min)."""
    terms = []
    for muscle, spec in data.minimums.items():
        goal = spec.min_half_sets
        if not any(i.exercise.credit(muscle) for i in v.items):
            continue
        covered = model.new_int_var(0, goal, f"covered[{muscle}]")
        model.add(covered <= v.weekly_half_sets(muscle))
        terms.append(spec.priority * covered)
    return sum(terms)


def volume(model: cp_model.CpModel, data: ProblemData, v: Variables) -> list:
    """Weekly half-sets of each target, band by band (`taste.volume_bands`), from
    on-target exercises only (`taste.on_target`)."""
    terms = []
    aimed = [i for i in v.items if taste.on_target(data, i.exercise)]
    for muscle, spec in data.valued.items():
        if not any(i.exercise.credit(muscle) for i in aimed):
            continue
        bands = []
        for k, band in enumerate(taste.volume_bands(spec)):
            top = band.size if band.size is not None else 2 * data.sets_max * len(v.items)
            x = model.new_int_var(0, max(top, 0), f"volume{k}[{muscle}]")
            bands.append(x)
            terms.append(spec.priority * band.points * x)
        if bands:
            model.add(sum(bands) <= half_sets(aimed, muscle))
    return terms


def spread(model: cp_model.CpModel, data: ProblemData, v: Variables, cuts: bool = True) -> list:
    """The per-session loss of each targeted muscle's half-sets beyond `taste.SESSION_STEPS`.

    With `cuts`, where the recovery rule made `trained[m, d]` (a day too close to another),
    a valid cut: over >= (m's half-sets from exercises working it as primary) - start x
    trained. With trained = 1 it is weaker than the loss itself; with trained = 0 no such
    exercise is used, so its right side is 0. What it changes is the LP relaxation, which
    otherwise "half-trains" a muscle on every day of a recovery chain (trained = 0.5 each),
    spreads its volume thinly over all of them and so never pays the loss: on the 6-day
    advanced bodybuilder (48 h, six consecutive days) the root bound fell from 245 points above
    the best known week to 103, and the gap at 10 s from 9.8% to 4.5%."""
    terms = []
    for day in data.days:
        for muscle, spec in data.valued.items():
            items = [i for i in v.by_day[day] if i.exercise.credit(muscle)]
            # not capped by max_muscle_sets_per_session: an explanation's elastic model may
            # exceed it
            most = sum(i.exercise.credit(muscle) for i in items) * data.sets_max
            trained = v.trained.get((muscle, day)) if cuts else None
            prime = (
                [i for i in items if muscle in i.exercise.primary] if trained is not None else []
            )
            for start, loss in taste.SESSION_STEPS:
                if most <= start:
                    continue
                over = model.new_int_var(0, most - start, f"over{start}[{day},{muscle}]")
                model.add(over >= half_sets(items, muscle) - start)
                if trained is not None:
                    # the perspective of the same loss on the muscle's primary half-sets
                    model.add(over >= half_sets(prime, muscle) - start * trained)
                terms.append(-spec.priority * loss * over)
    return terms


def exercise_points(data: ProblemData, v: Variables) -> list:
    """Each exercise's cost (and the client's preferences) on `use`, its quality on `sets`."""
    terms = []
    for item in v.items:
        terms.append(taste.use_points(data, item.exercise) * item.use)
        per_set = taste.set_points(data, item.exercise)
        if per_set:
            terms.append(per_set * item.sets)
    return terms


def frequency(model: cp_model.CpModel, data: ProblemData, v: Variables) -> list:
    """`taste.FREQUENCY` per target worked as primary on two or more days, each day with at
    least `taste.FREQUENCY_DAY_HALF_SETS` of its half-sets (fragments do not count)."""
    terms = []
    for muscle in data.two_day_targets:
        days = []
        for day in data.days:
            prime = [i for i in v.by_day[day] if muscle in i.exercise.primary]
            if not prime:
                continue
            on = model.new_bool_var(f"on[{muscle},{day}]")
            model.add(taste.FREQUENCY_DAY_HALF_SETS * on <= half_sets(prime, muscle))
            days.append(on)
        often = model.new_bool_var(f"often[{muscle}]")
        model.add(2 * often <= sum(days))
        terms.append(taste.FREQUENCY * data.valued[muscle].priority * often)
    return terms


def pre_exhaust_pairs(
    model: cp_model.CpModel, data: ProblemData, v: Variables
) -> tuple[cp_model.LinearExprT, int]:
    """One flag per (day, muscle) where an isolation and a compound both train a targeted
    muscle as primary (`taste.pair_slots`). Sorting puts every isolation before every
    compound, so same-day co-occurrence is exactly "worked earlier in the session"."""
    flags = []
    need = taste.pair_sets(data)
    for day, muscle in taste.pair_slots(data):
        prime = [i for i in v.by_day[day] if muscle in i.exercise.primary]
        pair = model.new_bool_var(f"pair[{day},{muscle}]")
        for mechanic in ("isolation", "compound"):
            kind = [i for i in prime if i.exercise.mechanic == mechanic]
            model.add(need * pair <= sum(i.sets for i in kind))
            model.add(pair <= sum(i.use for i in kind))
        flags.append(pair)
    return sum(flags), len(flags)


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, cuts: bool = True) -> Objective:
    attain = attainment(model, data, v)
    pairs, n_pairs = pre_exhaust_pairs(model, data, v)
    value = sum(
        [
            *volume(model, data, v),
            *spread(model, data, v, cuts),
            *exercise_points(data, v),
            *frequency(model, data, v),
            taste.PAIR * pairs,
        ]
    )
    seconds = sum(v.session_seconds(day) for day in data.days)
    objective = Objective(
        attain, value, pairs, seconds, taste.weights(data), n_pairs, data.time_room
    )
    model.maximize(objective.expression)
    return objective
