"""Score any week on the CP-SAT objective's scale, from the week itself, with no solver.

The benchmarks compare programs made by CP-SAT, by a MIP solver and by a greedy heuristic. A
solver's own objective value is not a fair yardstick: an incumbent may leave an objective helper
(a "covered" count, a band, a pair flag) below what its choice of exercises earns, and the greedy
has no objective at all. So every method's week is scored here, tier by tier, from the
exercises and sets it chose, by `optimizer.taste` (the same tiers and weights the model uses):

objective = weights.attainment x (attainment - attainment_max) + weights.value x value - seconds

(shifted by the best attainment, so the relative gap is a share of the coach value).

The weights depend on the instance only, never on the week. The tests check that this equals
the solver's reported objective on proven-optimal CP-SAT programs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import taste
from .catalog import Catalog, Exercise
from .constraints import Constraints
from .problem import ProblemData, build_problem
from .program import Program

Assignment = Mapping[str, Iterable[tuple[Exercise, int]]]
Weights = taste.Weights


@dataclass(frozen=True)
class Score:
    """One week's objective tiers and their combination on the CP-SAT scale."""

    tiers: taste.Tiers
    weights: Weights

    @property
    def attainment(self) -> int:
        return self.tiers.attainment

    @property
    def value(self) -> int:
        return self.tiers.value

    @property
    def pairs(self) -> int:
        return self.tiers.pairs

    @property
    def seconds(self) -> int:
        return self.tiers.seconds

    @property
    def objective(self) -> int:
        w = self.weights
        shortfall = self.attainment - w.attainment_max
        return w.attainment * shortfall + w.value * self.value - self.seconds

    @property
    def upper_bound(self) -> int:
        """A bound no week can beat: every minimum reached, the most value, no time."""
        return self.weights.value * self.weights.value_max

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
            "value": self.value,
            "pairs": self.pairs,
            "exercise_minutes": round(self.seconds / 60, 2),
        }


def weights(data: ProblemData) -> Weights:
    return taste.weights(data)


def score_assignment(data: ProblemData, chosen: Assignment, w: Weights | None = None) -> Score:
    """Score {day: [(exercise, sets), ...]}; `w` may be passed to skip recomputing weights."""
    return Score(taste.evaluate(data, chosen), w or weights(data))


def program_assignment(program: Program, catalog: Catalog) -> dict[str, list[tuple[Exercise, int]]]:
    """The (exercise, sets) of each day as the program lists them, facts from the catalog."""
    return {
        day.day: [(catalog[item.id], item.sets) for item in day.exercises] for day in program.days
    }


def score(program: Program, constraints: Constraints, catalog: Catalog) -> Score:
    """Score a Program from its own output (exercise ids and sets), on the CP-SAT scale."""
    data = build_problem(constraints, catalog)
    return score_assignment(data, program_assignment(program, catalog))
