"""The same model as a mixed-integer program, solved by HiGHS (1 thread, highspy).

Not a second copy of the rules: `optimizer.cpsat.mip` translates the CP-SAT model itself
(variables, every rule group, the valid cuts and the objective) constraint by constraint, so
HiGHS and CP-SAT solve exactly one model and a difference in the tables is the solvers', never
the models'.

Tolerances: the objective reaches ~1e12 (the tier weights), where a relative gap of 0.01 % is
several sets; the relative gap is 0 and the absolute gap 0.999, since every coefficient is an
integer: a gap below 1 proves optimality, the same proof CP-SAT gives.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from optimizer.catalog import Exercise
from optimizer.cpsat import mip as translation
from optimizer.cpsat.solver import build as build_cpsat
from optimizer.cpsat.variables import Item
from optimizer.problem import ProblemData


@dataclass
class MipModel:
    """A translated model plus the CP-SAT variables needed to read a week back."""

    translated: translation.Translated
    items: list[Item]
    build_seconds: float

    @property
    def size(self) -> dict[str, int]:
        return self.translated.size


@dataclass
class MipResult:
    status: str  # optimal | feasible | infeasible | unknown
    chosen: dict[str, list[tuple[Exercise, int]]] = field(default_factory=dict)
    objective: float | None = None
    best_bound: float | None = None
    solve_seconds: float = 0.0
    detail: str = ""


def build(data: ProblemData) -> MipModel:
    started = time.perf_counter()
    built = build_cpsat(data)
    translated = translation.translate(built.model)
    return MipModel(translated, built.variables.items, time.perf_counter() - started)


def solve(built: MipModel, time_limit: float) -> MipResult:
    """Solve with HiGHS, one thread, a wall-clock limit, and an exact (integer) optimality gap."""
    outcome = translation.solve(built.translated, time_limit)
    out = MipResult(status=outcome.status, solve_seconds=outcome.seconds, detail=outcome.detail)
    if outcome.values is not None:
        out.chosen = translation.chosen(built.items, outcome.values)
        out.objective, out.best_bound = outcome.objective, outcome.bound
    return out
