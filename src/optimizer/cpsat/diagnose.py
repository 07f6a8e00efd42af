"""The explanation's solves: feasibility under assumptions (for conflicts) and the cheapest or
best relaxation of chosen rule groups (for repairs and "what if"), answered in plain values.

explain/ decides what to ask; only this module talks to CP-SAT for it, with the parameters
of `solver.diagnosis_parameters` (or the client's own for an optimizing "what if" solve).
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..constraints import SolverSettings
from ..problem import ProblemData
from ..result import Status
from . import solver as cpsat
from .relax import Relaxed


class GuardedModel:
    """The guarded feasibility model, built once and re-solved under different assumptions."""

    def __init__(self, data: ProblemData, seconds_per_solve: float = 5.0) -> None:
        self.built = cpsat.build(data, with_objective=False, guarded=True)
        self.literals = dict(self.built.relax.literals)
        self.by_index = {lit.index: key for key, lit in self.literals.items()}
        self.seconds = seconds_per_solve
        self.solves = 0

    @property
    def keys(self) -> list[str]:
        return list(self.literals)

    def check(self, keys: list[str]) -> tuple[Status, list[str]]:
        """Status with exactly `keys` switched on (others free), and the core if infeasible.
        Unknown literal indices in a core are ignored (google/or-tools#5141)."""
        model = self.built.model
        model.clear_assumptions()
        model.add_assumptions([self.literals[k] for k in keys])
        solver = cp_model.CpSolver()
        cpsat.diagnosis_parameters(solver, self.seconds, check=True)
        status = solver.solve(model)
        self.solves += 1
        core: list[str] = []
        if status == cp_model.INFEASIBLE:
            wanted = set(keys)
            for index in solver.sufficient_assumptions_for_infeasibility():
                key = self.by_index.get(abs(index))
                if key in wanted and key not in core:
                    core.append(key)
        return cpsat.status_of(status), core


@dataclass(frozen=True)
class Relaxation:
    """A solved relaxation: what was relaxed, and its total cost on relax.py's scale."""

    relaxed: list[Relaxed]
    cost: int


def cheapest_relaxation(data: ProblemData, elastic: set[str], seconds: float) -> Relaxation | None:
    """Minimise the cost of relaxing the `elastic` groups, all other rules hard (None: no
    relaxation of them gives a week, or none was found in time)."""
    built = cpsat.build(data, with_objective=False, elastic=frozenset(elastic))
    built.model.minimize(built.relax.total_cost)
    solver = cp_model.CpSolver()
    cpsat.diagnosis_parameters(solver, seconds)
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Relaxation(built.relax.readout(solver.value), round(solver.objective_value))


def best_relaxation(
    data: ProblemData, group: str, budget: int, settings: SolverSettings
) -> Relaxation | None:
    """The best week when `group` may be relaxed at a cost of at most `budget` (one step),
    on the optimizing objective, with the client's own solver settings."""
    built = cpsat.build(data, elastic=frozenset({group}))
    built.model.add(built.relax.total_cost <= budget)
    solver = cp_model.CpSolver()
    cpsat.parameters(solver, settings)
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    cost = round(solver.value(built.relax.total_cost))
    return Relaxation(built.relax.readout(solver.value), cost)
