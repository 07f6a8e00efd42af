"""Why no program fits, and what to change; for feasible files, which rules bind.

from optimizer.explain import explain
report = explain("client.yaml")   # Explanation: conflicts + repairs, or binding rules
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from ..catalog import Catalog
from ..constraints import Constraints, resolve_inputs
from ..errors import InfeasibleError, SolverTimeoutError
from ..problem import ProblemData, build_problem
from ..program import PlanWarning
from .conflicts import find_conflict
from .repairs import Edit, Repair, apply_edits, solve_elastic
from .whatif import Relaxation, Tally, analyse
from .words import describe

if TYPE_CHECKING:
    from ..cpsat.solver import CancelEvent

__all__ = [
    "Conflict",
    "Edit",
    "Explanation",
    "Relaxation",
    "Repair",
    "apply_edits",
    "explain",
    "explain_infeasible",
]


class Conflict(BaseModel):
    field: str
    text: str


class Explanation(BaseModel):
    """A minimal set of the file's rules that cannot hold together, and repairs."""

    client: str
    status: Literal["infeasible", "feasible", "unknown"]
    conflicts: list[Conflict] = []
    minimal: bool = True
    repairs: list[Repair] = []
    program_status: str | None = None
    attainment: float | None = None
    relaxations: list[Relaxation] = []
    #: a feasible file's clashing rules (`Program.warnings`): what its week cannot be
    warnings: list[PlanWarning] = []
    solves: int = 0
    seconds: float = 0.0
    #: false when `budget_seconds` ran out first: some relaxations or repairs were not tried
    #: (and an infeasible file's conflict is then not claimed minimal)
    complete: bool = True


def verify(repair: Repair, constraints: Constraints, catalog: Catalog, seconds: float) -> Repair:
    """Apply the edits and plan again: a repair is only offered if the week really exists."""
    from ..planner import plan

    edited = apply_edits(constraints, repair.edits, catalog.vocabulary)
    # only existence matters here; the effect is a quick estimate, not a proof of the best week
    quick = edited.solver.model_copy(
        update={"time_limit": min(seconds, 1.0), "workers": 1, "relative_gap": 0.02}
    )
    try:
        try:
            program = plan(edited.model_copy(update={"solver": quick}), catalog)
        except SolverTimeoutError:  # no week in the quick look is no proof: use the full time
            full = quick.model_copy(update={"time_limit": seconds})
            program = plan(edited.model_copy(update={"solver": full}), catalog)
    except InfeasibleError:
        return repair.model_copy(update={"effect": "not enough on its own", "verified": False})
    except SolverTimeoutError:
        return repair.model_copy(update={"effect": "not verified in time", "verified": False})
    effect = (
        f"a week becomes possible: {program.attainment:.0%} of target minimums, "
        f"{program.pre_exhaust_pairs} pre-exhaust pair(s)"
    )
    return repair.model_copy(update={"effect": effect, "verified": True})


def explain_infeasible(
    constraints: Constraints | Mapping[str, Any] | str | Path,
    catalog: Catalog | str | Path | None = None,
    *,
    seconds_per_solve: float = 5.0,
    budget_seconds: float | None = None,
    cancel: CancelEvent | None = None,
) -> Explanation:
    """Name a minimal conflict of the file's rules and the smallest edits that lift it.
    `budget_seconds`: the most the whole explanation may take (each of its solves takes up to
    `seconds_per_solve`); what is not tried by then is reported (`complete` false). `cancel`
    (a `threading.Event` or the like), once set, stops it the same way."""
    started = time.perf_counter()
    tally = Tally(
        deadline=None if budget_seconds is None else started + budget_seconds, cancel=cancel
    )
    c, catalog = resolve_inputs(constraints, catalog)
    data = build_problem(c, catalog, full=True)
    diagnosis = find_conflict(data, seconds_per_solve, tally.out_of_time)
    tally.solves += diagnosis.solves
    tally.out_of_time()
    if diagnosis.feasible or not diagnosis.conflict:
        status = "feasible" if diagnosis.feasible else "unknown"
        return Explanation(
            client=c.client,
            status=status,
            solves=tally.solves,
            seconds=round(time.perf_counter() - started, 3),
            complete=tally.complete,
        )
    conflicts = [Conflict(field=k, text=describe(k, c)) for k in diagnosis.conflict]
    repairs: dict[str, Repair] = {}
    for key in diagnosis.conflict:
        if tally.out_of_time():
            break
        found = _repair(data, {key}, c, catalog, seconds_per_solve, tally, set(repairs))
        if found is not None:
            repairs[found.text] = found
    good = [r for r in repairs.values() if r.verified]
    if not good:  # another conflict remains: relax the conflict's groups, then all, together
        for groups in (set(diagnosis.conflict), set(diagnosis.groups)):
            if tally.out_of_time():
                break
            found = _repair(data, groups, c, catalog, seconds_per_solve, tally, set())
            if found and found.verified:
                good = [found]
                break
    good.sort(key=lambda r: (r.cost, r.text))
    return Explanation(
        client=c.client,
        status="infeasible",
        conflicts=conflicts,
        minimal=diagnosis.minimal,
        repairs=good,
        solves=tally.solves,
        seconds=round(time.perf_counter() - started, 3),
        complete=tally.complete,
    )


def _repair(
    data: ProblemData,
    groups: set[str],
    c: Constraints,
    catalog: Catalog,
    seconds: float,
    tally: Tally,
    known: set[str],
) -> Repair | None:
    """The cheapest relaxation of `groups` (an elastic solve), verified by a plan, unless it
    is none or one of the `known` texts (already verified)."""
    tally.solves += 1
    found = solve_elastic(data, groups, seconds)
    if found is None or found.text in known:
        return None
    tally.solves += 1
    return verify(found, c, catalog, seconds)


def explain(
    constraints: Constraints | Mapping[str, Any] | str | Path,
    catalog: Catalog | str | Path | None = None,
    *,
    seconds_per_solve: float = 5.0,
    budget_seconds: float | None = None,
    cancel: CancelEvent | None = None,
) -> Explanation:
    """Infeasible file: conflict and repairs. Feasible file: the binding rules and the gain of
    relaxing each by one step. `budget_seconds`: as in `explain_infeasible`."""
    from ..planner import plan

    started = time.perf_counter()
    deadline = None if budget_seconds is None else started + budget_seconds
    c, catalog = resolve_inputs(constraints, catalog)
    if budget_seconds is not None and c.solver.time_limit > budget_seconds:
        # the week itself within the budget too (a file may ask 20 s for it)
        capped = c.solver.model_copy(update={"time_limit": max(budget_seconds, 0.1)})
        c = c.model_copy(update={"solver": capped})
    try:
        program = plan(c, catalog, cancel=cancel)
    except InfeasibleError:
        left = None if deadline is None else max(deadline - time.perf_counter(), 0.0)
        return explain_infeasible(
            c, catalog, seconds_per_solve=seconds_per_solve, budget_seconds=left, cancel=cancel
        )
    tally = Tally(solves=1, deadline=deadline, cancel=cancel)  # the plan above
    relaxations = analyse(c, catalog, program, seconds_per_solve, tally)
    return Explanation(
        client=c.client,
        status="feasible",
        program_status=program.status,
        attainment=program.attainment,
        relaxations=relaxations,
        warnings=program.warnings,
        solves=tally.solves,
        seconds=round(time.perf_counter() - started, 3),
        complete=tally.complete,
    )
