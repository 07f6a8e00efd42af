"""HiGHS on a second core, racing CP-SAT on the same model (`solver.highs`).

Why: on this model the two engines are strong in different places. One CP-SAT worker finds
good weeks early (its objective at 1 s is within 1% of its best on most clients); HiGHS's
cutting planes close the bound on clients CP-SAT cannot prove (17 vs 15 of 30 seeded clients
in 10 s, benchmarks/run.py). Racing them keeps the first proof, the better week and the
tighter bound, so the answer is never worse than either engine alone, and a week found by one
can be proven by the other's bound.

HiGHS solves `mip.translate(model)`: the model CP-SAT solves, every rule and cut included. A
week HiGHS finds is re-read through CP-SAT (`adopt`: its exercises and sets fixed, the rest
derived), so every number the planner reports comes from the CP-SAT model either way.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from . import mip
from .variables import Variables

#: Adopting a HiGHS week only fixes exercises and sets: CP-SAT derives the rest at once.
ADOPT_SECONDS = 2.0


@dataclass
class HighsRun:
    """A HiGHS solve in its own thread; `proved` is set when it proves the optimum."""

    stop: threading.Event = field(default_factory=threading.Event)
    proved: threading.Event = field(default_factory=threading.Event)
    outcome: mip.MipOutcome | None = None
    error: str = ""
    thread: threading.Thread | None = None

    def finish(self) -> mip.MipOutcome | None:
        """Stop HiGHS (if still running) and wait for it: it looks at `stop` at every
        interrupt point, so this returns within milliseconds."""
        self.stop.set()
        if self.thread is not None:
            self.thread.join()
        return self.outcome


def start(model: cp_model.CpModel, time_limit: float, absolute_gap: float, seed: int) -> HighsRun:
    run = HighsRun()
    translated = mip.translate(model)  # before the thread: the proto is not shared while solving

    def work() -> None:
        try:
            run.outcome = mip.solve(
                translated, time_limit, absolute_gap=absolute_gap, seed=seed, stop=run.stop
            )
        except Exception as err:  # the race is then CP-SAT alone, and the report says so
            run.error = f"{type(err).__name__}: {err}"
            return
        if run.outcome.status == "optimal":
            run.proved.set()

    run.thread = threading.Thread(target=work, name="optimizer-highs", daemon=True)
    run.thread.start()
    return run


class EitherEvent:
    """Set when any of its events is (the caller's cancel, or HiGHS's proof): what
    `solver.run` watches to stop CP-SAT."""

    def __init__(self, *events: object) -> None:
        self.events = [e for e in events if e is not None]

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)  # type: ignore[attr-defined]

    def wait(self, timeout: float | None = None) -> bool:
        first = self.events[0]
        first.wait(timeout)  # type: ignore[attr-defined]
        return self.is_set()


def adopt(
    model: cp_model.CpModel, variables: Variables, values: list[int], parameters: object
) -> cp_model.CpSolver | None:
    """CP-SAT's reading of a HiGHS week: every exercise's use and sets (and every superset
    choice) fixed to HiGHS's values, the objective's own variables left to CP-SAT. None if
    CP-SAT rejects it (a rounding HiGHS's tolerances allowed)."""
    copy = model.clone()
    copy.clear_hints()
    fixed = [v for item in variables.items for v in (item.use, item.sets)]
    fixed += [o.chosen for options in variables.supersets.values() for o in options]
    for var in fixed:
        copy.add(copy.get_int_var_from_proto_index(var.index) == values[var.index])
    solver = cp_model.CpSolver()
    solver.parameters.copy_from(parameters)  # type: ignore[attr-defined]
    solver.parameters.max_time_in_seconds = ADOPT_SECONDS
    solver.parameters.num_workers = 1
    solver.parameters.log_search_progress = False
    status = solver.solve(copy)
    return solver if status == cp_model.OPTIMAL else None


def objective(solver: cp_model.CpSolver) -> float:
    """A week's objective, an integer (every coefficient is): a solve of a clone can report
    it a few 1e-12 off after presolve's rescaling, and the Program must not show that."""
    return float(round(solver.objective_value))


def combined_bound(cpsat_bound: float | None, outcome: mip.MipOutcome | None) -> float | None:
    """The tighter of the two engines' bounds (the objective is maximised). HiGHS's dual
    bound is fractional; the optimum is an integer, so it is rounded down (within 1e-6)."""
    bounds = [b for b in (cpsat_bound, outcome and outcome.bound) if b is not None]
    bounds = [math.floor(b + 1e-6) for b in bounds if math.isfinite(b)]
    return float(min(bounds)) if bounds else None


def merge(
    model: cp_model.CpModel,
    variables: Variables,
    highs: HighsRun,
    best: cp_model.CpSolver | None,
    bound: float | None,
    parameters: object,
) -> tuple[cp_model.CpSolver | None, float | None, dict[str, object]]:
    """After CP-SAT has stopped: stop HiGHS, take its week if strictly better (read through
    CP-SAT), and the tighter bound. Returns (the week's solver, the bound, the report)."""
    outcome = highs.finish()
    if outcome is None:
        return best, bound, {"highs": "failed", "highs_detail": highs.error, "week_from": "cpsat"}
    report: dict[str, object] = {
        "highs": outcome.status,
        "highs_seconds": round(outcome.seconds, 3),
        "week_from": "cpsat",
    }
    better = outcome.objective is not None and (
        best is None or outcome.objective > objective(best) + 0.5
    )
    if better and outcome.values is not None:
        adopted = adopt(model, variables, outcome.values, parameters)
        if adopted is not None:
            best = adopted
            report["week_from"] = "highs"
    return best, combined_bound(bound, outcome), report
