"""The public entry point: constraints in, a proven-best weekly Program out.

input -> Constraints -> ProblemData -> CP-SAT model -> solve -> Program. No global state:
every call builds its own model and solver, so threads and processes can call it freely.

The solver (and with it OR-Tools, numpy and pandas) is imported on the first solve, not by
`import optimizer`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from . import taste
from .catalog import Catalog, Exercise
from .clashes import clashes, short_of_minimums
from .constraints import Constraints, SolverSettings, resolve_inputs
from .errors import (
    CancelledError,
    InfeasibleError,
    InputError,
    InternalError,
    SolverTimeoutError,
)
from .goals import rir_for
from .injuries import injury
from .ordering import order_session, pair_count, pre_exhausted_by, superset_transition
from .problem import ProblemData, build_problem, prechecks, smallest_focus
from .program import DayPlan, InjuryExpansion, Program, ProgramExercise, TargetReport
from .result import Chosen, SolveResult, Status
from .scored import rescored
from .scoring import Score, score_assignment
from .validate import validate

if TYPE_CHECKING:
    from .cpsat.solver import CancelEvent


@dataclass(frozen=True)
class SolveLimits:
    """What an embedding app allows a solve, whatever the input's `solver` block says.

    `max_workers` caps the solve's threads (CP-SAT's workers, plus one for HiGHS with
    `solver.highs`, which is turned off first), `max_time_limit` the wall-clock seconds (the
    warm start included), and `allow_log=False` (the default) turns the search log off;
    None: no cap. The
    input cannot raise them: a file saying `workers: 64`, `time_limit: 3600` or `log: true`
    gets the caps. Apply them with `plan(..., limits=SolveLimits(...))`.
    """

    max_workers: int | None = None
    max_time_limit: float | None = None
    allow_log: bool = False

    def __post_init__(self) -> None:
        if self.max_workers is not None and self.max_workers < 1:
            raise InputError("limits.max_workers", f"must be at least 1, got {self.max_workers}")
        if self.max_time_limit is not None and not self.max_time_limit > 0:
            raise InputError(
                "limits.max_time_limit", f"must be above 0 seconds, got {self.max_time_limit}"
            )

    def apply(self, settings: SolverSettings) -> SolverSettings:
        """`settings` within these limits (the same object when nothing is capped)."""
        capped: dict[str, Any] = {}
        if self.max_workers is not None and settings.workers > self.max_workers:
            capped["workers"] = self.max_workers
        if (
            self.max_workers is not None
            and settings.highs
            and capped.get("workers", settings.workers) + 1 > self.max_workers
        ):
            capped["highs"] = False
        if self.max_time_limit is not None and settings.time_limit > self.max_time_limit:
            capped["time_limit"] = float(self.max_time_limit)
        if not self.allow_log and settings.log:
            capped["log"] = False
        return settings.model_copy(update=capped) if capped else settings


def plan(
    constraints: Constraints | Mapping[str, Any] | str | Path,
    catalog: Catalog | str | Path | None = None,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    time_tolerance: float | None = None,
    highs: bool | None = None,
    polish: bool | None = None,
    limits: SolveLimits | None = None,
    cancel: CancelEvent | None = None,
) -> Program:
    """Solve one client's week.

    `constraints` may be a `Constraints`, a mapping with the file's fields, or a path.
    Keyword overrides replace the file's `solver` settings; `limits` then caps workers, time
    limit and logging whatever the input and the overrides say. `cancel` (a
    `threading.Event`) stops a running solve when another thread sets it: `plan` then returns
    the best week found so far, or raises `CancelledError` (a `SolverTimeoutError`). Raises
    `InputError` (bad input), `InfeasibleError` (no week fits the hard rules) or
    `SolverTimeoutError` (no week found in the time limit); all are `PreExhaustError`s.
    """
    constraints, catalog = resolve_inputs(constraints, catalog)
    constraints = with_solver_overrides(
        constraints,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        time_tolerance=time_tolerance,
        highs=highs,
        polish=polish,
    )
    if limits is not None:
        capped = limits.apply(constraints.solver)
        if capped is not constraints.solver:
            constraints = constraints.model_copy(update={"solver": capped})
    data = check(
        constraints, catalog, f"No program for {constraints.client} satisfies the hard constraints:"
    )
    if cancel is not None and cancel.is_set():
        raise CancelledError(f"Planning for {constraints.client} was cancelled before it began.")
    result = solve_problem(data, constraints.solver, cancel=cancel)
    if result.status == "infeasible":
        raise InfeasibleError(
            f"No program for {constraints.client} satisfies the hard constraints (proven by "
            f"the solver). Loosen session_minutes, equipment, targets max, recovery_hours, "
            f"split or require."
        )
    if result.status == "model_invalid":  # our bug, never the user's: fail loudly
        raise InternalError(f"CP-SAT rejected the model for {constraints.client}")
    if result.status not in ("optimal", "feasible"):
        if cancel is not None and cancel.is_set():
            raise CancelledError(
                f"No program for {constraints.client}: the solve was cancelled before it "
                f"found a week."
            )
        raise SolverTimeoutError(
            f"No program for {constraints.client} found within {constraints.solver.time_limit:g} "
            f"s (status {result.status}); raise solver.time_limit or use more workers."
        )
    return to_program(data, pruned(data, result, constraints, catalog))


def pruned(
    data: ProblemData, result: SolveResult, constraints: Constraints, catalog: Catalog
) -> SolveResult:
    """An unproven week without the exercises that cost it more than they earn.

    A search stopped early (a short `time_limit`, one worker, before the polish's second half)
    can return an incumbent that holds an exercise earning nothing: the defaults client's 5 s
    week had a 3-set side plank, though obliques and abs have no default target. Each removal
    is kept only when the week scores higher on the objective's own scale (`scoring`) and the
    independent validator finds no broken rule (a required exercise, a pre-exhaust order, a
    strict minimum...), so no rule is traded for points; the bound stays the search's. Proven
    weeks cannot improve, and weeks with supersets keep the solver's pairing."""
    if result.status != Status.FEASIBLE or any(result.supersets.values()):
        return result
    chosen = {day: list(items) for day, items in result.chosen.items()}
    best = score_assignment(data, chosen)
    while (better := _one_fewer(data, result, chosen, best, constraints, catalog)) is not None:
        chosen, best = better
    return result if chosen == result.chosen else rescored(result, chosen, best)


def _one_fewer(
    data: ProblemData,
    result: SolveResult,
    chosen: Chosen,
    best: Score,
    constraints: Constraints,
    catalog: Catalog,
) -> tuple[Chosen, Score] | None:
    """The first week of `chosen` less one exercise that scores above `best` and keeps every
    rule, with its score; None when no removal does. Scoring is cheap, so only a week that
    scores higher is built and validated."""
    for day, items in chosen.items():
        for k in range(len(items)):
            trial = {**chosen, day: items[:k] + items[k + 1 :]}
            s = score_assignment(data, trial, best.weights)
            if s.objective > best.objective and not validate(
                to_program(data, replace(result, chosen=trial)), constraints, catalog
            ):
                return trial, s
    return None


def check(constraints: Constraints, catalog: Catalog, headline: str) -> ProblemData:
    """The resolved problem, or `InfeasibleError(headline, reasons)` when a reason that needs
    no search (a required exercise nothing admits, a day too short...) rules every week out:
    `plan`, `preexhaust check` and the service's /check share it."""
    data = build_problem(constraints, catalog)
    reasons = prechecks(data)
    if reasons:
        raise InfeasibleError(headline, reasons)
    return data


def checked(program: Program, constraints: Constraints, catalog: Catalog) -> Program:
    """`program` if the independent validator finds no broken rule; else `InternalError`
    (a model bug, never the user's: a wrong week is never handed out). The CLI, the batch
    and the service all return weeks through it."""
    violations = validate(program, constraints, catalog)
    if violations:
        raise InternalError(
            "the program broke a rule: " + "; ".join(str(v) for v in violations[:3])
        )
    return program


def solve_problem(
    data: ProblemData, settings: SolverSettings, *, cancel: CancelEvent | None = None
) -> SolveResult:
    """Build the model, warm-start it from the greedy week, and solve: the one path every
    caller takes (plan, batch, benchmarks). The warm start's time comes out of the limit.
    `cancel`: see `plan`."""
    from . import warm_start as warm
    from .cpsat import solver as cpsat

    built = cpsat.build(data)
    report = None
    if settings.warm_start:
        report = warm.warm_start(built, data, settings.time_limit)
        remaining = max(settings.time_limit - report.seconds, warm.MIN_SECONDS)
        settings = settings.model_copy(update={"time_limit": remaining})
    # two positional arguments unless cancellable: tests replace `solve` with a stand-in
    result = (
        cpsat.solve(built, settings)
        if cancel is None
        else cpsat.solve(built, settings, cancel=cancel)
    )
    if report is not None:
        if result.status == Status.UNKNOWN and report.week is not None:
            result = warm.hinted_week(data, result, report.week)
            report.detail = "no week from the search within the limit: this is the warm start"
        result.solve_seconds += report.seconds
        if result.proof_seconds is not None:
            result.proof_seconds += report.seconds
        result.warm_start = report
    return result


def with_solver_overrides(
    constraints: Constraints, **overrides: float | bool | None
) -> Constraints:
    """The constraints with the given `solver` settings replaced (None: keep the file's).
    Callers that validate the week afterwards need these, not the file's: the validator reads
    `time_tolerance` and `relative_gap` to check an "optimal" with a gap left."""
    given = {k: v for k, v in overrides.items() if v is not None}
    if not given:
        return constraints
    return constraints.model_copy(update={"solver": _solver_settings(constraints.solver, given)})


def _solver_settings(settings: SolverSettings, overrides: dict[str, Any]) -> SolverSettings:
    """Apply keyword overrides with the file's own limits: `model_copy` alone skips validation,
    so `--time-limit -1` or `--workers 0` would reach CP-SAT and fail as a timeout or run on
    every core."""
    try:
        return SolverSettings.model_validate({**settings.model_dump(), **overrides})
    except ValidationError as err:
        first = err.errors()[0]
        name = str(first["loc"][0])
        raise InputError(
            f"solver.{name}",
            f"{first['msg']}, got {first.get('input')!r}",
            f"from the {name} override (--{name.replace('_', '-')} on the command line)",
        ) from None


def _warm_start_info(result: SolveResult) -> dict[str, Any]:
    """Whether the search began from the greedy week (its time is inside solve_seconds, so
    the info stays the same from run to run)."""
    report = result.warm_start
    if report is None:
        return {}
    return {"warm_start": report.applied} | (
        {"warm_start_detail": report.detail} if report.detail else {}
    )


def superset_rows(
    data: ProblemData, ordered: list[Exercise], pairs: list[tuple[str, str]]
) -> tuple[dict[str, str], dict[str, int]]:
    """Each superset member's label (A, B, ... in session order) and each superset
    isolation's rest, the transition to its compound (ordering.superset_transition)."""
    compound_of = dict(pairs)
    by_id = {ex.id: ex for ex in ordered}
    labels: dict[str, str] = {}
    rests: dict[str, int] = {}
    for ex in ordered:
        if ex.id in compound_of:
            label = chr(ord("A") + len(labels) // 2)
            labels[ex.id] = labels[compound_of[ex.id]] = label
            rests[ex.id] = superset_transition(
                ex,
                by_id[compound_of[ex.id]],
                data.owned,
                data.constraints.superset_transition_seconds,
            )
    return labels, rests


def to_program(data: ProblemData, result: SolveResult) -> Program:
    """Turn a solved assignment (from any engine) into the output model: order, pairs,
    minutes, volumes."""
    c = data.constraints
    vocab = data.catalog.vocabulary
    days: list[DayPlan] = []
    weekly: dict[str, float] = {}
    for day in data.days:
        chosen: dict[str, int] = {ex.id: sets for ex, sets in result.chosen.get(day, [])}
        exercises: list[Exercise] = [data.catalog[i] for i in chosen]
        pairs_today = result.supersets.get(day, [])
        ordered = order_session(exercises, c.ordering, vocab.muscle_size, pairs_today)
        feeds = pre_exhausted_by(ordered)
        labels, rests = superset_rows(data, ordered, pairs_today)
        rows = []
        for ex in ordered:
            rows.append(
                ProgramExercise.of(
                    ex,
                    chosen[ex.id],
                    ex.equipment_used(data.owned),
                    feeds[ex.id],
                    rir_for(ex, c.goal),
                    superset=labels.get(ex.id),
                    rest_seconds=rests.get(ex.id),
                )
            )
        focus = data.focus[day]
        if c.focus_of(day) == "full" and (
            not isinstance(c.split, dict) or c.split.get(day) == "auto"
        ):
            focus = smallest_focus({m for ex in ordered for m in ex.primary}, vocab.focuses)
        seconds = sum(
            ex.seconds(chosen[ex.id])
            - chosen[ex.id] * (ex.rest_seconds - rests.get(ex.id, ex.rest_seconds))
            for ex in ordered
        )
        days.append(
            DayPlan(
                day=day,
                focus=focus,
                minutes=round(c.warmup_minutes + seconds / 60, 2),
                budget_minutes=c.session_minutes[day],
                warmup_minutes=c.warmup_minutes,
                exercises=rows,
            )
        )
        for muscle, sets in days[-1].muscle_sets().items():
            weekly[muscle] = weekly.get(muscle, 0.0) + sets
    weekly = {m: weekly[m] for m in vocab.muscles if m in weekly}
    targets = {
        m: TargetReport(
            min=spec.min,
            max=spec.max,
            priority=spec.priority,
            sets=weekly.get(m, 0.0),
            met=weekly.get(m, 0.0) + 1e-9 >= spec.min,
            days=taste.frequent_days(
                {
                    d.day: sum(
                        data.catalog[e.id].credit(m) * e.sets for e in d.exercises if m in e.primary
                    )
                    for d in days
                }
            ),
        )
        for m, spec in data.targets.items()
    }
    best_attainment = result.attainment_max
    wanted = list(data.valued)
    need = taste.pair_sets(data)
    pairs = sum(
        pair_count([(data.catalog[e.id], e.sets) for e in d.exercises], wanted, need) for d in days
    )
    # not 0 for "optimal": a proof within relative_gap or time_tolerance leaves a gap to report
    gap = result.gap or 0.0
    warnings = clashes(data)  # from the rules alone: any engine's week carries the same
    # a proof within a relative gap may hide an attainment half-set (the shifted objective is
    # far below zero when a min is short), so only an exact proof proves the shortfall, or a
    # bound that rules out every week with all minimums reached
    exact = result.status == Status.OPTIMAL and c.solver.relative_gap == 0
    proven = exact or taste.minimums_out_of_reach(data, result.best_bound)
    warnings += short_of_minimums(data, targets, proven, warnings)
    return Program(
        client=c.client,
        status=str(result.status),
        objective=result.objective or 0.0,
        best_bound=result.best_bound or 0.0,
        gap=round(gap, 6),
        solve_seconds=round(result.solve_seconds, 3),
        build_seconds=round(result.build_seconds, 3),
        ordering=c.ordering,
        days=days,
        weekly_sets=weekly,
        targets=targets,
        pre_exhaust_pairs=pairs,
        attainment=round(result.attainment / best_attainment, 4) if best_attainment else 1.0,
        objective_terms={
            "attainment": result.attainment,
            "attainment_max": best_attainment,
            "value": result.value,
            "pairs": result.pairs,
            "exercise_minutes": round(result.exercise_seconds / 60, 2),
        },
        model_size=result.model_size,
        solver={
            "engine": result.engine,
            "ortools": result.version,
            "workers": c.solver.workers,
            "highs": c.solver.highs,  # the race's timings stay out: same input, same Program
            "polish": c.solver.polish,
            "seed": c.solver.seed,
            "time_limit": c.solver.time_limit,
            "time_tolerance": c.solver.time_tolerance,
            **_warm_start_info(result),
            **({"tie_break": True} if result.tie_break else {}),
        },
        warnings=warnings,
        goal=c.goal,
        injuries={
            name: InjuryExpansion(tags=list(hurt.tags), patterns=list(hurt.patterns))
            for name in c.injuries
            for hurt in [injury(name, "injuries")]
        },
    )
