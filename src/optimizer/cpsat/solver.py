"""Compose the rule groups into one CP-SAT model and run it with reproducible parameters.

Every CP-SAT solve of the product takes its parameters from here: the optimizing solve
(`parameters`) and the explanation's feasibility and repair solves (`diagnosis_parameters`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Protocol

import ortools
from ortools.sat.python import cp_model, cp_model_helper

from ..constraints import SolverSettings
from ..problem import ProblemData
from ..result import Chosen, HintReport, SolveResult, Status
from . import capacity, dominance, polish, symmetry
from . import objective as objective_module
from .relax import Relax
from .rules import GROUPS
from .variables import Variables

__all__ = [
    "BuiltModel",
    "HintReport",
    "SolveResult",
    "Status",
    "build",
    "diagnosis_parameters",
    "parameters",
    "solve",
]

VERSION = ortools.__version__

#: CP-SAT's search log, one record per line at INFO, when `solver.log` is on: never straight
#: to stdout, so a library caller decides where it goes (the CLI prints it when asked).
LOG = logging.getLogger("optimizer.cpsat")

#: How often a cancel watcher looks at its event (seconds): a cancel stops the search within
#: about this long plus CP-SAT's own reaction time.
CANCEL_POLL_SECONDS = 0.02


class CancelEvent(Protocol):
    """What `solve(..., cancel=...)` needs: a `threading.Event` or anything like it."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


STATUS_NAMES = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
    cp_model.UNKNOWN: Status.UNKNOWN,
}


def status_of(code: int) -> Status:
    return STATUS_NAMES.get(code, Status.UNKNOWN)


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    objective: objective_module.Objective | None
    relax: Relax
    build_seconds: float

    @property
    def size(self) -> dict[str, int]:
        proto = self.model.proto
        return {"variables": len(proto.variables), "constraints": len(proto.constraints)}


def build(
    data: ProblemData,
    *,
    with_objective: bool = True,
    guarded: bool = False,
    elastic: frozenset[str] = frozenset(),
    cuts: bool = True,
) -> BuiltModel:
    """Create variables, add every rule group, and (optionally) the objective.

    `guarded` gives every rule group an assumption literal; `elastic` names groups that may be
    relaxed at a cost (see relax.py). The cuts (dominance, symmetry, capacity) are only valid on
    the filtered model.
    """
    started = time.perf_counter()
    model = cp_model.CpModel()
    variables = Variables.create(model, data)
    relax = Relax(model, guarded=guarded, elastic=frozenset(elastic))
    for group in GROUPS:
        group.add(model, data, variables, relax)
    if cuts and not data.full:
        # dominance and capacity compare exercises by their standalone set time, which a
        # superset changes (a long-rest isolation may be the faster one in a superset)
        plain = data.constraints.supersets == "none"
        if plain:
            dominance.add(model, data, variables)
        symmetry.add(model, data, variables)
        if plain and not guarded and not elastic:  # they read the session cap and budget
            capacity.add(model, data, variables)
    objective = objective_module.add(model, data, variables, cuts) if with_objective else None
    return BuiltModel(model, variables, objective, relax, time.perf_counter() - started)


# Full-search subsolvers for two or more workers, best first: CP-SAT keeps as many as it has
# full-search slots (1 of 2 workers, 3 of 4, ...) and gives the rest of the threads to its
# large-neighbourhood search. Its own portfolio starts with "default_lp", which drops the
# level-2 relaxation that proves this model, so two workers did worse than one; with "max_lp"
# first, the second core only adds LNS weeks (measured in the README's benchmark section).
PORTFOLIO = (
    "max_lp",
    "core",
    "quick_restart",
    "pseudo_costs",
    "reduced_costs",
    "default_lp",
    "no_lp",
    "lb_tree_search",
)


def parameters(solver: cp_model.CpSolver, settings: SolverSettings) -> None:
    """Reproducible defaults: explicit workers and seed, a caller-set time limit, and the LP
    relaxation at level 2, which proves this knapsack-like objective far faster."""
    p = solver.parameters
    p.max_time_in_seconds = float(settings.time_limit)
    p.num_workers = int(settings.workers)
    p.random_seed = int(settings.seed)
    p.linearization_level = 2
    if settings.workers > 1:
        p.subsolvers.extend(PORTFOLIO)
    if settings.relative_gap > 0:
        p.relative_gap_limit = float(settings.relative_gap)
    p.log_search_progress = bool(settings.log)
    p.log_to_stdout = False  # the log goes to the `optimizer.cpsat` logger (see `solve`)


def diagnosis_parameters(solver: cp_model.CpSolver, seconds: float, *, check: bool = False) -> None:
    """The explanation's solves (feasibility under assumptions, cheapest repair): one worker
    and no objective hint, since several workers and an objective both spoil cores
    (google/or-tools#3943, #3102); seed 0, so the same file gets the same explanation.

    `check`: a feasibility check under assumptions. It keeps presolve's feasible solutions
    (the core needs them) and skips presolve's probing, which spent 0.2-0.4 s of a 0.5-0.9 s
    check deriving ~100k binary clauses on the full catalog; without it the 26 explanation
    cases of tests/test_explain.py took 52 s instead of 75 s, with the same conflicts and
    repairs (2 cores, ortools 9.15)."""
    p = solver.parameters
    p.num_workers = 1
    p.linearization_level = 2
    p.max_time_in_seconds = seconds
    p.random_seed = 0
    p.log_to_stdout = False
    if check:
        p.keep_all_feasible_solutions_in_presolve = True
        p.cp_model_probing_level = 0


def _log_line(line: str) -> None:
    LOG.info("%s", line)


def _watch(solver: cp_model.CpSolver, cancel: CancelEvent, done: threading.Event) -> None:
    """Stop `solver` once `cancel` is set; again every poll until the solve is over, since a
    stop asked for before CP-SAT has started its search is not remembered."""
    while not done.is_set():
        if cancel.wait(CANCEL_POLL_SECONDS):
            solver.stop_search()
            done.wait(CANCEL_POLL_SECONDS)


def run(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    cancel: CancelEvent | None = None,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> int:
    """`solver.solve(model)` with the search log sent to the `optimizer.cpsat` logger and,
    with `cancel`, a watcher thread that calls `stop_search` when the event is set (CP-SAT
    then returns its best week so far, or none)."""
    if solver.parameters.log_search_progress:
        solver.log_callback = _log_line
    if cancel is None:
        return int(solver.solve(model, callback))
    done = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(solver, cancel, done), name="optimizer-cancel", daemon=True
    )
    watcher.start()
    try:
        return int(solver.solve(model, callback))
    finally:
        done.set()
        watcher.join()


TIE_BREAK_SHARE = 0.25
TIE_BREAK_SEED = 0  # the tie-break's own: the caller's seed must not pick among equal weeks
TIE_BREAK_SECONDS = 5.0


def tie_break_seconds(spent: float, limit: float) -> float:
    """The tie-break solve's time: as long as the proof took, or a quarter of the limit if
    more, at most TIE_BREAK_SECONDS, within what is left of the limit. Most end in a fraction
    of it (0.1-2 s on the examples)."""
    return min(limit - spent, max(spent, TIE_BREAK_SHARE * limit), TIE_BREAK_SECONDS)


def tie_break(built: BuiltModel, copy: cp_model.CpModel) -> cp_model.LinearExprT:
    """Among equally good weeks, the one with the least rank-weighted uses and sets: any fixed
    order makes the answer repeatable (ids are stable across catalogs' row orders). The rank
    is a product, (exercise + 1) x (day + 1), not a sum: moving two exercises between two days
    then changes the total (with a sum such swaps tie), and the coefficients stay small (the
    squared position used before made this solve slower). Ranks may still tie; the solve's
    fixed seed and empty hint then pick the same week every time."""
    ids = {ex_id: k for k, ex_id in enumerate(sorted(built.variables.by_exercise))}
    days = {day: k for k, day in enumerate(built.variables.by_day)}
    terms = []
    for item in built.variables.items:
        rank = (ids[item.exercise.id] + 1) * (days[item.day] + 1)
        use = copy.get_bool_var_from_proto_index(item.use.index)
        sets = copy.get_int_var_from_proto_index(item.sets.index)
        terms.append(rank * (use + sets))
    return sum(terms)


def canonical_week(
    built: BuiltModel,
    first: cp_model.CpSolver,
    settings: SolverSettings,
    seconds: float,
    cancel: CancelEvent | None,
) -> tuple[Chosen, dict[str, list[tuple[str, str]]]] | None:
    """The proven optimum is often one of many equally good weeks, and which one the search
    meets first depends on the seed. A second, short solve over the optimal weeks only (each
    tier fixed at its proven value) picks the first of them in `tie_break` order, so a proven
    week is the same whatever the seed. None when that solve does not finish in the time left
    (the first week stands)."""
    if built.objective is None:
        return None
    copy = built.model.clone()
    # Each tier fixed on its own (attainment, value, seconds): the same optimal weeks as
    # fixing the weighted sum, whose weights are lexicographic, but with small coefficients;
    # the sum's ~1e12 ones made this solve 2-7x slower (busy_beginner: 30 s unfinished, now 2 s).
    o = built.objective
    for expr in (o.attainment, o.value, o.seconds):
        if isinstance(expr, int):  # a tier with no term (no minimums): nothing to fix
            continue
        flat = cp_model_helper.FlatIntExpr(expr)
        copy.add(
            sum(
                c * copy.get_int_var_from_proto_index(var.index)
                for var, c in zip(flat.vars, flat.coeffs, strict=True)
            )
            + flat.offset
            == int(first.value(expr))
        )
    copy.clear_objective()
    # No hint and a fixed seed: the first week depends on the caller's seed, and this solve
    # must not (a hinted search that stops in a tie can keep the hinted week)
    copy.clear_hints()
    copy.minimize(tie_break(built, copy))
    solver = cp_model.CpSolver()
    parameters(solver, settings)
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.random_seed = TIE_BREAK_SEED
    solver.parameters.log_search_progress = False
    if run(solver, copy, cancel) != cp_model.OPTIMAL:
        return None

    def value(var: cp_model.IntVar) -> int:
        return int(solver.value(copy.get_int_var_from_proto_index(var.index)))

    out: Chosen = {day: [] for day in built.variables.by_day}
    for item in built.variables.items:
        sets = value(item.sets)
        if sets > 0:
            out[item.day].append((item.exercise, sets))
    return out, built.variables.chosen_supersets(value)


def _polished(
    built: BuiltModel,
    best: cp_model.CpSolver,
    bound: float | None,
    settings: SolverSettings,
    started: float,
    cancel: CancelEvent | None,
    gap: float = 0.0,
) -> tuple[cp_model.CpSolver, float | None, bool]:
    """After a stalled search (polish.py): improve its week two days at a time, then search
    the whole model again from the polished week with the time left. Returns the best week's
    solver, the tighter bound and whether the week is proven."""
    from . import race  # its objective(): the integer a week scores

    deadline = started + settings.time_limit

    def configure(solver: cp_model.CpSolver) -> None:
        parameters(solver, settings)
        solver.parameters.log_search_progress = False

    def stop() -> bool:
        return cancel is not None and cancel.is_set()

    best, _ = polish.polish(
        built.model, built.variables, best, configure, deadline, stop, race.objective
    )
    left = deadline - time.perf_counter()
    if left < polish.MIN_FINAL_SECONDS or stop():
        return best, bound, False
    final = cp_model.CpSolver()
    parameters(final, settings)
    final.parameters.max_time_in_seconds = left
    if gap:  # solver.time_tolerance, as the first search had it
        final.parameters.absolute_gap_limit = gap
    status = run(final, polish.hinted(built.model, built.variables, best), cancel)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return best, bound, False
    if bound is not None:  # both bounds hold for the one model: keep the tighter (maximised)
        bound = min(bound, final.best_objective_bound)
    if status == cp_model.OPTIMAL or race.objective(final) > race.objective(best) + 0.5:
        best = final
    return best, bound, status == cp_model.OPTIMAL


def solve(
    built: BuiltModel,
    settings: SolverSettings,
    *,
    cancel: CancelEvent | None = None,
) -> SolveResult:
    """Solve `built` with `settings`. `cancel`: an event another thread may set to stop the
    search (the result then holds the best week found so far, or status unknown). With
    `settings.highs`, HiGHS races CP-SAT on a second core (race.py)."""
    from . import mip, race  # highspy loads at the first solve, not with every import

    started = time.perf_counter()
    solver = cp_model.CpSolver()
    parameters(solver, settings)
    gap = 0.0
    if built.objective is not None and settings.time_tolerance > 0:
        gap = float(built.objective.time_gap(settings.time_tolerance))
        solver.parameters.absolute_gap_limit = gap
    highs = None
    stall = None
    if settings.highs and built.objective is not None:
        highs = race.start(
            built.model, settings.time_limit, max(gap, mip.ABSOLUTE_GAP), settings.seed
        )
        status = run(solver, built.model, race.EitherEvent(highs.proved, cancel))
    elif (
        settings.polish
        and settings.workers == 1
        and settings.time_limit >= polish.MIN_LIMIT_SECONDS
        and built.objective is not None
    ):
        stall = polish.Stall.of(settings.time_limit, started)
        solver.best_bound_callback = stall.new_bound
        watcher = stall.start()
        try:
            status = run(
                solver,
                built.model,
                race.EitherEvent(stall.event, cancel),
                polish.Improvements(stall),
            )
        finally:
            stall.done.set()
            watcher.join()
    else:
        status = run(solver, built.model, cancel)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    best: cp_model.CpSolver | None = solver if found else None
    bound = solver.best_objective_bound if built.objective is not None else None
    proven = status == cp_model.OPTIMAL
    # a stall, not the caller, stopped the search
    stalled = stall is not None and stall.event.is_set() and not (cancel and cancel.is_set())
    if stalled and best is not None and not proven:
        best, bound, proven = _polished(built, best, bound, settings, started, cancel, gap)
    result = SolveResult(
        status=Status.OPTIMAL if proven else status_of(status),
        deterministic_time=solver.deterministic_time,
        build_seconds=built.build_seconds,
        model_size=built.size,
        version=VERSION,
    )
    if highs is not None:
        best, bound, result.race = race.merge(
            built.model, built.variables, highs, best, bound, solver.parameters
        )
        if best is not None and bound is not None:
            proven = proven or bound - race.objective(best) <= max(gap, mip.ABSOLUTE_GAP)
            bound = max(bound, race.objective(best))
            result.status = Status.OPTIMAL if proven else Status.FEASIBLE
    if built.objective is not None:
        result.attainment_max = built.objective.attainment_max
    if result.status == Status.OPTIMAL:
        result.proof_seconds = time.perf_counter() - started
    if best is not None:
        result.chosen = built.variables.chosen(best)
        result.supersets = built.variables.chosen_supersets(best.value)
        objective = race.objective(best)
        exact = bound is not None and bound - objective < 1
        left = tie_break_seconds(time.perf_counter() - started, settings.time_limit)
        if proven and exact and built.objective is not None and left > 0:
            canonical = canonical_week(built, best, settings, left, cancel)
            if canonical is not None:
                result.chosen, result.supersets = canonical
                result.tie_break = True
        if built.objective is not None:
            result.objective = objective
            result.best_bound = objective if exact else bound
            result.attainment = int(best.value(built.objective.attainment))
            result.pairs = int(best.value(built.objective.pairs))
            result.value = int(best.value(built.objective.value))
            result.exercise_seconds = int(best.value(built.objective.seconds))
    result.solve_seconds = time.perf_counter() - started
    return result
