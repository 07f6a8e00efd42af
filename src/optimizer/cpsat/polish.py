"""A large-neighbourhood polish for one worker (`solver.polish`).

Why: with one worker CP-SAT runs one full search and no large-neighbourhood search (LNS needs
extra workers). On the hard clients its best week stops improving after a few seconds while
the clock runs: the 6-day advanced bodybuilder's week found at 4 s was not improved in 60 s,
with two pulldown variants in one session and 2-set fragments that one more set of a used
exercise would replace. When the search stalls in the second half of the limit (no better
week and no real bound step for 15% of it), the rest of the limit goes to small solves of the
same model with all but two days fixed to the best week (every pair of days in turn, until a
full round finds nothing), then to the full search again, hinted with the polished week,
which may still prove it. The bound of the first search stays valid throughout: the model
never changes.

A proven client is never touched: a search that proves its week does not stall. With two or
more workers CP-SAT's own LNS does this work, and the race (`solver.highs`) has its own
second engine, so both go without. Not a free lunch: the search it stops might have found a
better week after the pause (one of the coach examples finds its best at 8.8 s of 10, after
3.5 s without one), so a polished week is better than where the search stood, not always
better than where it would have got to.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

from .variables import Variables

#: The search has stalled when neither its week nor its bound improved for this share of the
#: limit (at least MIN_STALL_SECONDS). A bound counts as improved when it closes at least
#: BOUND_STEP of the gap left: CP-SAT's bound creeps by 0.01% steps for seconds on the clients
#: it cannot prove (the 6-day bodybuilder: 40 small steps between 1 s and 4 s, gap still 6%).
STALL_SHARE = 0.15
MIN_STALL_SECONDS = 1.0
BOUND_STEP = 0.05
#: No stall is called before this share of the limit has passed: one worker's search often
#: pauses 2-3.5 s between better weeks and then finds one the polish would not (on the coach
#: examples at 10 s, stalls from the start made 4 of 11 unproven weeks worse, from half-time 3,
#: and 6 instead of 5 better; 30 seeded clients: 9 better, 3 worse by at most 0.1%, either way).
START_SHARE = 0.5
#: Below this much time left a stall is not worth acting on.
MIN_POLISH_SECONDS = 0.5
#: Shorter limits get no polish: a stall (at least MIN_STALL_SECONDS, in the second half) would
#: leave it a round or two of neighbourhoods at most, while stopping the search, and the
#: explanation's what-if solves (2 s each) compare weeks that should differ by their rules,
#: not by where a stall happened to fall.
MIN_LIMIT_SECONDS = 5.0
#: One neighbourhood (two days' exercises free, the rest fixed): most prove in 0.05-0.3 s.
NEIGHBOURHOOD_SECONDS = 0.5
#: The hinted full search after the polish runs only with at least this much time left.
MIN_FINAL_SECONDS = 0.5


@dataclass
class Stall:
    """Watches one search: `event` is set once neither its week nor its bound improved for
    `patience` seconds while at least MIN_POLISH_SECONDS of the limit are left."""

    patience: float
    deadline: float
    earliest: float = 0.0  # no stall is called before this moment
    event: threading.Event = field(default_factory=threading.Event)
    last: float = field(default_factory=time.perf_counter)
    done: threading.Event = field(default_factory=threading.Event)
    week: float | None = None  # the best week's objective so far (maximised)
    bound: float | None = None  # the bound when it last counted as improved

    @classmethod
    def of(cls, limit: float, started: float) -> Stall:
        patience = max(MIN_STALL_SECONDS, STALL_SHARE * limit)
        return cls(patience, started + limit, started + START_SHARE * limit, last=started)

    def new_week(self, objective: float) -> None:
        self.week = objective
        self.last = time.perf_counter()

    def new_bound(self, bound: float) -> None:
        if (
            self.bound is not None
            and self.week is not None
            and self.bound - bound < BOUND_STEP * (self.bound - self.week)
        ):
            return
        self.bound = bound
        self.last = time.perf_counter()

    def watch(self) -> None:
        while not self.done.wait(0.05):
            now = time.perf_counter()
            if self.deadline - now < MIN_POLISH_SECONDS:
                return
            if now - self.last >= self.patience and now >= self.earliest:
                self.event.set()
                return

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.watch, name="optimizer-stall", daemon=True)
        thread.start()
        return thread


class Improvements(cp_model.CpSolverSolutionCallback):
    """Tells `stall` of every better week the search finds."""

    def __init__(self, stall: Stall) -> None:
        super().__init__()
        self.stall = stall

    def on_solution_callback(self) -> None:
        self.stall.new_week(self.objective_value)


def neighbourhoods(variables: Variables) -> list[tuple[str, ...]]:
    """Every pair of days with candidates, in week order (one day alone if only one)."""
    days = [day for day, items in variables.by_day.items() if items]
    return list(combinations(days, 2)) if len(days) > 1 else [(d,) for d in days]


def week_values(variables: Variables, solver: cp_model.CpSolver) -> dict[int, int]:
    """The week's decisions (every exercise's use and sets) by variable index."""
    decisions = [var for item in variables.items for var in (item.use, item.sets)]
    return {var.index: int(solver.value(var)) for var in decisions}


def polish(
    model: cp_model.CpModel,
    variables: Variables,
    best: cp_model.CpSolver,
    configure: Callable[[cp_model.CpSolver], None],
    deadline: float,
    stop: Callable[[], bool],
    score: Callable[[cp_model.CpSolver], float],
) -> tuple[cp_model.CpSolver, int]:
    """Improve `best` one pair of days at a time until a full round of pairs finds nothing, the
    deadline or `stop`. `configure` sets a solver's parameters (seed, workers). Returns the
    best week's solver (of a clone with the same variable indices, so it reads the original
    model's variables) and the number of improvements."""
    values = week_values(variables, best)
    current = score(best)
    hoods = neighbourhoods(variables)
    improvements = stale = k = 0
    while hoods and stale < len(hoods) and not stop():
        left = deadline - time.perf_counter()
        if left < 0.05:
            break
        free = set(hoods[k % len(hoods)])
        k += 1
        copy = _hinted(model, values)
        for item in variables.items:
            if item.day not in free:
                for var in (item.use, item.sets):
                    mine = copy.get_int_var_from_proto_index(var.index)
                    copy.add(mine == values[var.index])
        solver = cp_model.CpSolver()
        configure(solver)
        solver.parameters.max_time_in_seconds = min(NEIGHBOURHOOD_SECONDS, left)
        status = solver.solve(copy)
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        if found and score(solver) > current + 0.5:
            best, current = solver, score(solver)
            values = week_values(variables, solver)
            improvements += 1
            stale = 0
        else:
            stale += 1
    return best, improvements


def hinted(
    model: cp_model.CpModel, variables: Variables, best: cp_model.CpSolver
) -> cp_model.CpModel:
    """A clone of `model` hinted with `best`'s week, for the full search after the polish."""
    return _hinted(model, week_values(variables, best))


def _hinted(model: cp_model.CpModel, values: dict[int, int]) -> cp_model.CpModel:
    """A clone of `model` whose only hint is `values` (a week's decisions by index)."""
    copy = model.clone()
    copy.clear_hints()
    for index, value in values.items():
        copy.add_hint(copy.get_int_var_from_proto_index(index), value)
    return copy
