"""Find a minimal set of the file's rule groups that cannot hold together.

One feasibility model (no objective) over the full problem, every rule group guarded by a
literal, solved with assumptions: CP-SAT's core says which groups suffice for infeasibility,
then deletion shrinks it until dropping any one member makes the rest feasible. Objective and
several workers both spoil cores (google/or-tools#3943, #3102), so these solves run with one
worker and no objective, and unknown literal indices in a core are ignored (#5141).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..cpsat import solver as cpsat
from ..problem import ProblemData

# Tried for deletion first, so what is left leans towards the rules a client most readily
# changes (session length, required exercises, equipment) rather than the structural ones.
DELETE_FIRST = (
    "max_muscle_sets_per_session",
    "sets_per_exercise",
    "experience",
    "recovery_hours",
    "days",
    "split.",
)


@dataclass
class Diagnosis:
    feasible: bool
    conflict: list[str] = field(default_factory=list)
    minimal: bool = True
    groups: list[str] = field(default_factory=list)
    solves: int = 0
    seconds: float = 0.0


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

    def check(self, keys: list[str]) -> tuple[str, list[str]]:
        """Status with exactly `keys` switched on (others free), and the core if infeasible."""
        model = self.built.model
        model.clear_assumptions()
        model.add_assumptions([self.literals[k] for k in keys])
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1
        p.linearization_level = 2
        p.max_time_in_seconds = self.seconds
        p.random_seed = 0
        p.keep_all_feasible_solutions_in_presolve = True
        status = solver.solve(model)
        self.solves += 1
        name = cpsat.STATUS_NAMES.get(status, "unknown")
        core: list[str] = []
        if status == cp_model.INFEASIBLE:
            wanted = set(keys)
            for index in solver.sufficient_assumptions_for_infeasibility():
                key = self.by_index.get(abs(index))
                if key in wanted and key not in core:
                    core.append(key)
        return name, core


def _order(keys: list[str]) -> list[str]:
    def rank(key: str) -> int:
        return next((n for n, p in enumerate(DELETE_FIRST) if key.startswith(p)), len(DELETE_FIRST))

    return sorted(keys, key=rank)


def find_conflict(data: ProblemData, seconds_per_solve: float = 5.0) -> Diagnosis:
    """A minimal conflict (deletion-based MUS) of the full problem, or feasible."""
    started = time.perf_counter()
    guarded = GuardedModel(data, seconds_per_solve)
    status, core = guarded.check(guarded.keys)
    if status != "infeasible":
        return Diagnosis(
            feasible=status in ("optimal", "feasible"),
            minimal=False,
            groups=guarded.keys,
            solves=guarded.solves,
            seconds=time.perf_counter() - started,
        )
    conflict = _order(core or guarded.keys)
    minimal = True
    i = 0
    while i < len(conflict):
        trial = conflict[:i] + conflict[i + 1 :]
        status, core = guarded.check(trial)
        if status == "infeasible":
            # the new core is infeasible and contains every member already shown necessary
            # (so those members keep their places before position i)
            conflict = [k for k in trial if k in core] or trial
        elif status in ("optimal", "feasible"):
            i += 1
        else:  # unknown in time: keep it, but do not claim minimality
            minimal = False
            i += 1
    status, _ = guarded.check(conflict)
    if status != "infeasible":  # a wrong core (or-tools#2649): fall back to what was proven
        conflict, minimal = _order(guarded.keys), False
    return Diagnosis(
        feasible=False,
        conflict=conflict,
        minimal=minimal,
        groups=guarded.keys,
        solves=guarded.solves,
        seconds=time.perf_counter() - started,
    )
