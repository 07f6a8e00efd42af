"""Find a minimal set of the file's rule groups that cannot hold together.

One feasibility model (no objective) over the full problem, every rule group guarded by a
literal, solved with assumptions: CP-SAT's core says which groups suffice for infeasibility,
then deletion shrinks it until dropping any one member makes the rest feasible. Objective and
several workers both spoil cores (google/or-tools#3943, #3102), so these solves run with one
worker and no objective, and unknown literal indices in a core are ignored (#5141).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..cpsat.diagnose import GuardedModel
from ..cpsat.rules import owner
from ..cpsat.rules.base import LAST
from ..problem import ProblemData

__all__ = ["Diagnosis", "GuardedModel", "find_conflict"]


@dataclass
class Diagnosis:
    feasible: bool
    conflict: list[str] = field(default_factory=list)
    minimal: bool = True
    groups: list[str] = field(default_factory=list)
    solves: int = 0
    seconds: float = 0.0


def _order(keys: list[str]) -> list[str]:
    """Deletion is tried in each group's `deletion_rank` order (stable within a rank)."""

    def rank(key: str) -> int:
        group = owner(key)
        return group.deletion_rank if group else LAST

    return sorted(keys, key=rank)


def find_conflict(
    data: ProblemData,
    seconds_per_solve: float = 5.0,
    out_of_time: Callable[[], bool] | None = None,
) -> Diagnosis:
    """A minimal conflict (deletion-based MUS) of the full problem, or feasible. Once
    `out_of_time()` (a budget spent, a caller gone) the deletion stops: the conflict found so
    far holds, without the claim that it is minimal."""
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
        if out_of_time is not None and out_of_time():
            minimal = False
            break
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
