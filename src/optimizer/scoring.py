"""Score any week on the CP-SAT objective's scale, from the week itself, with no solver.

The benchmarks compare programs made by CP-SAT, by a MIP solver and by a greedy heuristic. A
solver's own objective value is not a fair yardstick: a MIP or CP-SAT incumbent may leave an
objective helper (a "covered" count, a pair flag) below what its choice of exercises earns,
and the greedy has no objective at all. So every method's week is scored here, tier by tier,
from the exercises and sets it chose, with the weights `cpsat/objective.py` uses:

1. attainment: priority x half-sets of each target's `min` reached, capped at the min;
2. pairs (only with `ordering: pre_exhaust`): (day, muscle) pairs where an isolation and a
   compound both work a muscle with a target of priority > 0 as primary;
3. seconds: the exercise time of the week (smaller is better).

objective = attainment_weight x attainment + pair_weight x pairs - seconds. The weights depend
on the instance only (budgets, and how many (day, muscle) pairs the candidates allow), never on
the week, so they are computed from `build_problem`, as the model does. The tests check that
this equals the solver's reported objective on proven-optimal CP-SAT programs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .catalog import Catalog, Exercise
from .constraints import Constraints
from .problem import ProblemData, build_problem
from .program import Program

Assignment = Mapping[str, Iterable[tuple[Exercise, int]]]


@dataclass(frozen=True)
class Weights:
    """The objective's tier weights for one instance (see cpsat/objective.py)."""

    attainment_weight: int
    pair_weight: int
    attainment_max: int
    pair_slots: int
    wanted: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    """One week's objective tiers and their combination on the CP-SAT scale."""

    attainment: int
    pairs: int
    seconds: int
    weights: Weights

    @property
    def objective(self) -> int:
        w = self.weights
        return w.attainment_weight * self.attainment + w.pair_weight * self.pairs - self.seconds

    @property
    def upper_bound(self) -> int:
        """A bound no week can beat: every minimum reached, every possible pair, no time."""
        w = self.weights
        return w.attainment_weight * w.attainment_max + w.pair_weight * w.pair_slots

    @property
    def attainment_share(self) -> float:
        """Share of the weighted target minimums reached (1.0 when there is nothing to reach)."""
        best = self.weights.attainment_max
        return self.attainment / best if best else 1.0

    @property
    def objective_terms(self) -> dict[str, float]:
        """The same keys and rounding as `Program.objective_terms`."""
        return {
            "attainment": self.attainment,
            "attainment_max": self.weights.attainment_max,
            "pairs": self.pairs,
            "exercise_minutes": round(self.seconds / 60, 2),
        }


def _isolation_and_compound(exercises: Iterable[Exercise], muscle: str) -> bool:
    kinds = {ex.mechanic for ex in exercises if muscle in ex.primary}
    return kinds == {"isolation", "compound"}


def weights(data: ProblemData) -> Weights:
    """Tier weights exactly as the model builds them: pairs weigh `data.pair_weight` (more
    than any week's seconds), attainment weighs that times (possible pair flags + 1), so each
    tier outranks all below."""
    wanted = tuple(m for m, spec in data.targets.items() if spec.priority > 0)
    slots = 0
    if data.reward_pairs:
        for day in data.days:
            slots += sum(_isolation_and_compound(data.candidates[day], m) for m in wanted)
    pair_weight = data.pair_weight
    best = sum(
        spec.priority * spec.min_half_sets
        for spec in data.targets.values()
        if spec.min_half_sets > 0 and spec.priority > 0
    )
    return Weights(pair_weight * (slots + 1), pair_weight, best, slots, wanted)


def score_assignment(data: ProblemData, chosen: Assignment, w: Weights | None = None) -> Score:
    """Score {day: [(exercise, sets), ...]}; `w` may be passed to skip recomputing weights."""
    w = w or weights(data)
    half: dict[str, int] = {}
    seconds = 0
    pairs = 0
    for day, items in chosen.items():
        items = [(ex, sets) for ex, sets in items if sets > 0]
        for ex, sets in items:
            seconds += ex.seconds(sets)
            for muscle in ex.primary:
                half[muscle] = half.get(muscle, 0) + 2 * sets
            for muscle in ex.secondary:
                half[muscle] = half.get(muscle, 0) + sets
        if data.reward_pairs and day in data.days:
            exercises = [ex for ex, _ in items]
            pairs += sum(_isolation_and_compound(exercises, m) for m in w.wanted)
    attainment = sum(
        spec.priority * min(spec.min_half_sets, half.get(muscle, 0))
        for muscle, spec in data.targets.items()
        if spec.min_half_sets > 0 and spec.priority > 0
    )
    return Score(attainment, pairs, seconds, w)


def program_assignment(program: Program, catalog: Catalog) -> dict[str, list[tuple[Exercise, int]]]:
    """The (exercise, sets) of each day as the program lists them, facts from the catalog."""
    return {
        day.day: [(catalog[item.id], item.sets) for item in day.exercises] for day in program.days
    }


def score(program: Program, constraints: Constraints, catalog: Catalog) -> Score:
    """Score a Program from its own output (exercise ids and sets), on the CP-SAT scale."""
    data = build_problem(constraints, catalog)
    return score_assignment(data, program_assignment(program, catalog))
