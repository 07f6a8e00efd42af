"""Programs from any method's week (greedy, MIP), scored and reported like CP-SAT's."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .constraints import Constraints, resolve_inputs
from .cpsat.solver import VERSION
from .errors import InfeasibleError, NoProgramError
from .greedy import greedy_assignment
from .planner import to_program
from .problem import ProblemData, build_problem, prechecks
from .program import Program
from .scored import scored_result
from .scoring import Assignment


def assignment_to_program(
    data: ProblemData,
    chosen: Assignment,
    *,
    status: str,
    engine: str,
    best_bound: float | None = None,
    solve_seconds: float = 0.0,
    build_seconds: float = 0.0,
    model_size: dict[str, int] | None = None,
    solver_info: dict[str, Any] | None = None,
) -> Program:
    """A Program from any method's assignment, objective and tiers filled from `scoring`, so
    CP-SAT, MIP and greedy weeks are ordered, reported and validated the same way.

    `best_bound` defaults to the trivial bound (see `Score.upper_bound`).
    """
    result, _ = scored_result(
        data, chosen, status=status, best_bound=best_bound, solve_seconds=solve_seconds
    )
    result.build_seconds = build_seconds
    result.model_size = model_size or {}
    program = to_program(data, result)
    info = {"engine": engine, "ortools": VERSION, **(solver_info or {})}
    return program.model_copy(update={"solver": info})


def greedy_program(
    constraints: Constraints | Mapping[str, Any] | str | Path,
    catalog: Catalog | str | Path | None = None,
) -> Program:
    """The greedy week as a validated-shape Program (status "feasible").

    Raises `InfeasibleError` when the pre-checks prove no week exists and `NoProgramError`
    when the heuristic gets stuck (see `greedy_assignment`).
    """
    constraints, catalog = resolve_inputs(constraints, catalog)
    started = time.perf_counter()
    data = build_problem(constraints, catalog)
    reasons = prechecks(data)
    if reasons:
        raise InfeasibleError(
            f"No program for {constraints.client} satisfies the hard constraints:", reasons
        )
    if constraints.supersets == "pre_exhaust":
        # the greedy builds standalone exercises; a week it builds would break the rule
        raise NoProgramError(
            "the greedy builds no supersets: supersets pre_exhaust needs the solver "
            "(use supersets: allowed or none)"
        )
    built = time.perf_counter()
    chosen = greedy_assignment(data)
    return assignment_to_program(
        data,
        chosen,
        status="feasible",
        engine="greedy",
        solve_seconds=time.perf_counter() - built,
        build_seconds=built - started,
    )
