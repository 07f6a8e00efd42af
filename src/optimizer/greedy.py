"""A greedy week builder: the baseline for the benchmarks and a warm-start hint for CP-SAT.

What a typical training app does: fill the week with the exercise that covers the most of the
remaining (priority-weighted) target deficit per second of session time, until nothing fits,
then sort each session by intensity. Unlike many apps it keeps every hard rule of the model
(time budget with warm-up, sets per exercise, per-session muscle cap, weekly maximums, recovery
spacing of primary muscles, split focus, equipment, experience, avoid, required exercises, no
exercise twice a week, exercises, heavy lifts and compounds of one pattern per session), so its
weeks pass `optimizer.validate` and can seed CP-SAT.

Steps, each deterministic:
1. required exercises are placed first, most constrained first, with a small depth-first
   search over their days (a greedy day choice alone can strand a later requirement);
2. repeatedly take the feasible move (a new exercise on a day with some sets, or more sets of
   one already chosen) with the largest weighted deficit covered per added second, deficits
   counted in half-sets toward each target's `min` as in the CP-SAT objective (strict minimums
   first);
3. with `ordering: pre_exhaust`, add the shortest exercises that create new pre-exhaust
   (day, muscle) pairs, the objective's second tier;
4. trim: drop sets and exercises that earn nothing (the objective's third tier is time).

It proves nothing. `planner` uses its week as CP-SAT's warm start (cpsat/hint.py), and
`assignments.greedy_program` turns it into a Program (status "feasible", best_bound the trivial
bound: every minimum reached, every possible pair, no time).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import HEAVY_INTENSITY, Exercise
from .errors import NoProgramError
from .problem import ProblemData

STRICT_WEIGHT = 1_000_000  # a strict minimum's half-set outranks any goal's
REQUIRED_SEARCH_NODES = 5_000  # placements tried for required exercises before giving up


@dataclass
class _Week:
    """The partial week and the running totals every feasibility test needs."""

    data: ProblemData
    sets: dict[str, dict[str, int]] = field(default_factory=dict)  # day -> id -> sets
    day_of: dict[str, str] = field(default_factory=dict)  # id -> day
    seconds: dict[str, int] = field(default_factory=dict)
    day_half: dict[str, dict[str, int]] = field(default_factory=dict)
    week_half: dict[str, int] = field(default_factory=dict)
    primary_on: dict[str, dict[str, int]] = field(default_factory=dict)  # muscle -> day -> count
    close: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for day in self.data.days:
            self.sets[day] = {}
            self.seconds[day] = 0
            self.day_half[day] = {}
            self.close[day] = set()
        for a, b in self.data.close_pairs:
            self.close[a].add(b)
            self.close[b].add(a)

    # -- feasibility ------------------------------------------------------------------------
    def fits(self, day: str, ex: Exercise, more: int) -> bool:
        """Can `day` take `more` sets of `ex` (a new exercise if it is not on `day` yet)?"""
        data = self.data
        new = ex.id not in self.sets[day]
        if new and ex.id in self.day_of:
            return False
        if new and not self._session_room(day, ex):
            return False
        total = self.sets[day].get(ex.id, 0) + more
        if total > data.sets_max or (new and total < data.sets_min):
            return False
        cost = more * ex.set_seconds + (ex.setup_seconds if new else 0)
        if self.seconds[day] + cost > data.budget_seconds[day]:
            return False
        cap = data.session_cap_half_sets
        for muscle, credit in _credits(ex):
            if self.day_half[day].get(muscle, 0) + credit * more > cap:
                return False
            spec = data.targets.get(muscle)
            limit = spec.max_half_sets if spec is not None else None
            if limit is not None and self.week_half.get(muscle, 0) + credit * more > limit:
                return False
        if new:
            for muscle in ex.primary:
                on = self.primary_on.get(muscle, {})
                if any(on.get(other, 0) for other in self.close[day]):
                    return False
        return True

    def _session_room(self, day: str, ex: Exercise) -> bool:
        """Can `day` take one more exercise like `ex` under the session-count rules?"""
        c = self.data.constraints
        most = c.max_exercises_per_session
        if most is not None and len(self.sets[day]) >= most:
            return False
        if c.max_heavy_per_session is None and c.max_compounds_per_pattern is None:
            return True  # the default: no list to build on the greedy's hottest path
        here = [self.data.catalog[i] for i in self.sets[day]]
        heavy = c.max_heavy_per_session
        if heavy is not None and ex.intensity >= HEAVY_INTENSITY:  # noqa: SIM102 (one rule, one test)
            if sum(e.intensity >= HEAVY_INTENSITY for e in here) >= heavy:
                return False
        same = c.max_compounds_per_pattern
        if same is not None and ex.mechanic == "compound" and ex.pattern:
            alike = sum(e.mechanic == "compound" and e.pattern == ex.pattern for e in here)
            if alike >= same:
                return False
        return True

    # -- changes ----------------------------------------------------------------------------
    def add(self, day: str, ex: Exercise, more: int) -> None:
        new = ex.id not in self.sets[day]
        self.sets[day][ex.id] = self.sets[day].get(ex.id, 0) + more
        self.seconds[day] += more * ex.set_seconds + (ex.setup_seconds if new else 0)
        self._volume(day, ex, more)
        if new:
            self.day_of[ex.id] = day
            for muscle in ex.primary:
                on = self.primary_on.setdefault(muscle, {})
                on[day] = on.get(day, 0) + 1

    def remove(self, day: str, ex: Exercise, fewer: int) -> None:
        left = self.sets[day][ex.id] - fewer
        self.seconds[day] -= fewer * ex.set_seconds + (ex.setup_seconds if left == 0 else 0)
        self._volume(day, ex, -fewer)
        if left:
            self.sets[day][ex.id] = left
            return
        del self.sets[day][ex.id]
        del self.day_of[ex.id]
        for muscle in ex.primary:
            self.primary_on[muscle][day] -= 1

    def _volume(self, day: str, ex: Exercise, more: int) -> None:
        for muscle, credit in _credits(ex):
            self.day_half[day][muscle] = self.day_half[day].get(muscle, 0) + credit * more
            self.week_half[muscle] = self.week_half.get(muscle, 0) + credit * more

    def assignment(self) -> dict[str, list[tuple[Exercise, int]]]:
        """{day: [(exercise, sets)]} in catalog order, like the CP-SAT result."""
        index = self.data.catalog.index
        return {
            day: sorted(
                ((self.data.catalog[i], s) for i, s in chosen.items()),
                key=lambda pair: index[pair[0].id],
            )
            for day, chosen in self.sets.items()
        }


def _credits(ex: Exercise) -> tuple[tuple[str, int], ...]:
    return (*((m, 2) for m in ex.primary), *((m, 1) for m in ex.secondary))


def _goal_weights(data: ProblemData) -> dict[str, tuple[int, int]]:
    """muscle -> (weight per half-set, goal in half-sets) for every minimum worth reaching."""
    out: dict[str, tuple[int, int]] = {}
    for muscle, spec in data.targets.items():
        if spec.min_half_sets <= 0:
            continue
        weight = spec.priority + (STRICT_WEIGHT if spec.strict else 0)
        if weight > 0:
            out[muscle] = (weight, spec.min_half_sets)
    return out


def _place_required(week: _Week) -> bool:
    """Place every required exercise at sets_min, by depth-first search over their days."""
    data = week.data
    options = {
        ex_id: [d for d in data.days if data.catalog[ex_id] in data.candidates[d]]
        for ex_id in data.required
    }
    order = sorted(data.required, key=lambda i: (len(options[i]), data.catalog.index[i]))
    budget = [REQUIRED_SEARCH_NODES]

    def place(k: int) -> bool:
        if k == len(order):
            return True
        ex = data.catalog[order[k]]
        days = [d for d in options[ex.id] if week.fits(d, ex, data.sets_min)]
        days.sort(key=lambda d: data.budget_seconds[d] - week.seconds[d], reverse=True)
        for day in days:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            week.add(day, ex, data.sets_min)
            if place(k + 1):
                return True
            week.remove(day, ex, data.sets_min)
        return False

    return place(0)


def _best_deficit_move(
    week: _Week, goals: dict[str, tuple[int, int]]
) -> tuple[str, Exercise, int] | None:
    """The feasible move covering the most weighted deficit per added second."""
    data = week.data
    deficit = {
        m: goal - week.week_half.get(m, 0)
        for m, (_, goal) in goals.items()
        if goal > week.week_half.get(m, 0)
    }
    if not deficit:
        return None
    best: tuple[float, int, int] | None = None
    move: tuple[str, Exercise, int] | None = None
    for day in data.days:
        chosen = week.sets[day]
        for ex in data.candidates[day]:
            useful = [(m, c, goals[m][0]) for m, c in _credits(ex) if m in deficit]
            if not useful:
                continue
            have = chosen.get(ex.id, 0)
            if not have and ex.id in week.day_of:
                continue
            first = 1 if have else data.sets_min
            setup = 0 if have else ex.setup_seconds
            for more in range(first, data.sets_max - have + 1):
                if not week.fits(day, ex, more):
                    break  # more sets only cost more time and volume
                gain = sum(w * min(deficit[m], c * more) for m, c, w in useful)
                cost = more * ex.set_seconds + setup
                key = (gain / cost, gain, -cost)
                if best is None or key > best:
                    best, move = key, (day, ex, more)
    return move


def _pairs_on(week: _Week, day: str, wanted: tuple[str, ...]) -> int:
    catalog = week.data.catalog
    exercises = [catalog[i] for i in week.sets[day]]
    return sum(
        {e.mechanic for e in exercises if m in e.primary} == {"isolation", "compound"}
        for m in wanted
    )


def _best_pair_move(week: _Week, wanted: tuple[str, ...]) -> tuple[str, Exercise, int] | None:
    """The shortest new exercise (at sets_min) that adds pre-exhaust pairs, most pairs first."""
    data = week.data
    best: tuple[float, int] | None = None
    move: tuple[str, Exercise, int] | None = None
    for day in data.days:
        catalog = data.catalog
        present = [catalog[i] for i in week.sets[day]]
        missing: dict[str, str] = {}  # muscle -> mechanic that would complete its pair
        for m in wanted:
            kinds = {e.mechanic for e in present if m in e.primary}
            if len(kinds) == 1:
                missing[m] = "compound" if "isolation" in kinds else "isolation"
        if not missing:
            continue
        for ex in data.candidates[day]:
            gain = sum(1 for m in ex.primary if missing.get(m) == ex.mechanic)
            if not gain or ex.id in week.day_of or not week.fits(day, ex, data.sets_min):
                continue
            cost = ex.seconds(data.sets_min)
            key = (gain / cost, gain)
            if best is None or key > best:
                best, move = key, (day, ex, data.sets_min)
    return move


def _trim(week: _Week, goals: dict[str, tuple[int, int]], wanted: tuple[str, ...]) -> None:
    """Drop sets, then whole exercises, that earn neither target volume nor pairs."""
    data = week.data
    required = set(data.required)

    def earned() -> tuple[int, int]:
        attained = sum(w * min(goal, week.week_half.get(m, 0)) for m, (w, goal) in goals.items())
        pairs = sum(_pairs_on(week, d, wanted) for d in data.days) if data.reward_pairs else 0
        return attained, pairs

    target = earned()
    for day in data.days:
        for ex_id in sorted(week.sets[day], key=lambda i: -data.catalog[i].set_seconds):
            ex = data.catalog[ex_id]
            while week.sets[day].get(ex_id, 0) > data.sets_min:
                week.remove(day, ex, 1)
                if earned() < target:
                    week.add(day, ex, 1)
                    break
            if ex_id in required or ex_id not in week.sets[day]:
                continue
            sets = week.sets[day][ex_id]
            week.remove(day, ex, sets)
            if earned() < target:
                week.add(day, ex, sets)


def greedy_assignment(data: ProblemData) -> dict[str, list[tuple[Exercise, int]]]:
    """The greedy week as {day: [(exercise, sets), ...]} (every day present, catalog order).

    Works on the filtered problem (`build_problem(..., full=False)`), whose candidate lists
    already apply equipment, experience, avoid and split. Raises `NoProgramError` when it
    cannot place every required exercise or reach every strict minimum; that proves nothing
    about the instance (CP-SAT may still find a week).
    """
    if data.full:
        raise ValueError("greedy_assignment needs the filtered problem (full=False)")
    week = _Week(data)
    if not _place_required(week):
        raise NoProgramError(
            "The greedy heuristic could not place every required exercise "
            "(this does not prove that no week exists)."
        )
    goals = _goal_weights(data)
    while (move := _best_deficit_move(week, goals)) is not None:
        week.add(*move)
    wanted = tuple(m for m, spec in data.targets.items() if spec.priority > 0)
    if data.reward_pairs:
        while (move := _best_pair_move(week, wanted)) is not None:
            week.add(*move)
    _trim(week, goals, wanted)
    short = [
        m
        for m, spec in data.targets.items()
        if spec.strict and week.week_half.get(m, 0) < spec.min_half_sets
    ]
    if short:
        raise NoProgramError(
            f"The greedy heuristic could not reach the strict minimum of {', '.join(short)} "
            f"(this does not prove that no week exists)."
        )
    return week.assignment()
