"""The warm start: the greedy week handed to CP-SAT as a hint, and kept as the answer when
the search stops before its first week (a valid week, not proven, beats a timeout: the batch
loses no client to a tight limit)."""

from __future__ import annotations

import time

from .cpsat import hint
from .cpsat.solver import BuiltModel
from .errors import NoProgramError
from .greedy import greedy_assignment
from .ordering import shares_primary
from .problem import ProblemData
from .result import Chosen, HintReport, SolveResult, Status, Week
from .scored import scored_result

# the warm start may use this share of the time limit (it takes milliseconds on most files)
SHARE = 0.25
MIN_SECONDS = 0.05


def warm_start(built: BuiltModel, data: ProblemData, time_limit: float) -> HintReport:
    """Hint the greedy week; a week the greedy cannot build (a required exercise it cannot
    place) just leaves the search unhinted."""
    started = time.perf_counter()
    try:
        chosen = greedy_assignment(data)
    except NoProgramError as err:
        return HintReport(False, time.perf_counter() - started, str(err))
    if data.constraints.supersets == "pre_exhaust":
        chosen = without_pre_exhaustion(chosen)
    budget = max(time_limit * SHARE, MIN_SECONDS)
    report = hint.apply(built.model, data, built.variables, chosen, budget)
    report.seconds = time.perf_counter() - started
    return report


def without_pre_exhaustion(chosen: Chosen) -> Chosen:
    """The greedy week less each isolation sharing a primary muscle with a compound of its
    day: the greedy builds no supersets, and under `supersets: pre_exhaust` an isolation that
    pre-exhausts must be in one. What is left keeps the rule, so the search starts from a
    valid week (the batch loses no client to a tight limit) and adds the supersets itself."""
    out: Chosen = {}
    for day, items in chosen.items():
        compounds = [ex for ex, _ in items if ex.mechanic == "compound"]
        out[day] = [
            (ex, sets)
            for ex, sets in items
            if ex.mechanic == "compound" or not any(shares_primary(ex, c) for c in compounds)
        ]
    return out


def hinted_week(data: ProblemData, result: SolveResult, week: Week) -> SolveResult:
    """The warm-start week as the answer of a search that found none in its time."""
    chosen = {day: [(data.catalog[e], n) for e, n in items.items()] for day, items in week.items()}
    scored, _ = scored_result(
        data,
        chosen,
        status=Status.FEASIBLE,
        best_bound=result.best_bound,
        solve_seconds=result.solve_seconds,
        deterministic_time=result.deterministic_time,
    )
    scored.build_seconds = result.build_seconds
    scored.model_size = result.model_size
    scored.version = result.version
    return scored
