"""Weeks from outside the search (the warm start kept as the answer, the greedy, a MIP) as a
`SolveResult`, their objective and tiers computed by `scoring` from the week itself."""

from __future__ import annotations

from dataclasses import replace

from .problem import ProblemData
from .result import SolveResult
from .scoring import Assignment, Score, score_assignment


def scored_result(
    data: ProblemData,
    chosen: Assignment,
    *,
    status: str,
    best_bound: float | None = None,
    solve_seconds: float = 0.0,
    deterministic_time: float = 0.0,
) -> tuple[SolveResult, Score]:
    """`chosen` scored on the CP-SAT objective's scale; `best_bound` defaults to the trivial
    bound (every minimum reached, the most coach value, no time)."""
    chosen = {day: list(items) for day, items in chosen.items()}
    s = score_assignment(data, chosen)
    result = SolveResult(
        status=status,
        chosen=chosen,
        objective=float(s.objective),
        best_bound=float(s.upper_bound if best_bound is None else best_bound),
        solve_seconds=solve_seconds,
        attainment=s.attainment,
        attainment_max=s.weights.attainment_max,
        pairs=s.pairs,
        value=s.value,
        exercise_seconds=s.seconds,
        deterministic_time=deterministic_time,
    )
    return result, s


def rescored(result: SolveResult, chosen: Assignment, s: Score) -> SolveResult:
    """`result` holding another week, `chosen`, with its tiers from its score `s`; every other
    field (status, bound, timings, the engine's details) stays the search's."""
    return replace(
        result,
        chosen={day: list(items) for day, items in chosen.items()},
        objective=float(s.objective),
        attainment=s.attainment,
        pairs=s.pairs,
        value=s.value,
        exercise_seconds=s.seconds,
    )
