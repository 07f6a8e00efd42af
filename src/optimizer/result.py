"""What a solve returns, in terms no solver owns: a status, the chosen exercises, the objective
and its bound, the tiers, the model's size and the engine's version.

`cpsat` fills it; `planner.to_program` reads it. So does every week from outside the search
(the greedy, the MIP baseline, a warm start kept as the answer), through `scored.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .catalog import Exercise

Chosen = dict[str, list[tuple[Exercise, int]]]  # day -> [(exercise, sets)] in catalog order
Week = dict[str, dict[str, int]]  # day -> exercise id -> sets


class Status(StrEnum):
    """A solve's outcome (equal to its name as a string, as the Program reports it)."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    MODEL_INVALID = "model_invalid"
    UNKNOWN = "unknown"


@dataclass
class HintReport:
    """What the warm start did, for the Program's solver info and the benchmarks."""

    applied: bool
    seconds: float
    detail: str = ""
    week: Week | None = None  # the hinted week, kept as the answer if the search finds none


@dataclass
class SolveResult:
    status: str  # a Status; plain strings compare equal
    chosen: Chosen = field(default_factory=dict)
    # day -> [(isolation id, compound id)] done as supersets (CP-SAT with `supersets` only)
    supersets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    objective: float | None = None
    best_bound: float | None = None
    solve_seconds: float = 0.0
    attainment: int = 0
    pairs: int = 0
    exercise_seconds: int = 0
    value: int = 0  # the coach-value tier (optimizer.taste)
    #: seconds from the start of the solve (warm start included) to the proof, before the
    #: tie-break; None when unproven
    proof_seconds: float | None = None
    tie_break: bool = False  # the week is the first optimal one in the fixed order (solver.py)
    deterministic_time: float = 0.0
    warm_start: HintReport | None = None  # set when the search started from a hint
    attainment_max: int = 0  # the attainment tier's best value (every minimum reached)
    build_seconds: float = 0.0
    model_size: dict[str, int] = field(default_factory=dict)
    engine: str = "cp-sat"
    # with `solver.highs`: what HiGHS did in the race and which engine's week this is
    race: dict[str, object] = field(default_factory=dict)
    version: str = ""  # the engine's version (OR-Tools for CP-SAT)

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.best_bound is None:
            return None
        return abs(self.best_bound - self.objective) / max(1.0, abs(self.objective))
