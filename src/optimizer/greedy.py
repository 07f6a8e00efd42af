"""A greedy week builder: the baseline for the benchmarks and a warm-start hint for CP-SAT.

What a typical training app does: fill the week with the exercise that covers the most of the
remaining (priority-weighted) target deficit per second of session time, until nothing fits,
then sort each session by intensity. Unlike many apps it keeps every hard rule of the model
(time budget with warm-up, sets per exercise, per-session muscle cap, weekly maximums, recovery
spacing of primary muscles, split focus, equipment, experience, avoid, required exercises, the
days one exercise may be on, exercises, heavy lifts and compounds of one pattern per session),
so its weeks pass `optimizer.validate` and can seed CP-SAT.

Steps, each deterministic:
1. required exercises are placed first, most constrained first, with a small depth-first
   search over their days (a greedy day choice alone can strand a later requirement);
2. repeatedly take the feasible move (a new exercise on a day with some sets, or more sets of
   one already chosen) with the largest weighted deficit covered per added second, deficits
   counted in half-sets toward each target's `min` as in the CP-SAT objective (strict minimums
   first);
3. then take the feasible move with the most coach value per added second (`optimizer.taste`:
   volume toward each goal and max, spread over the days, an exercise's cost and quality,
   pre-exhaust pairs, the client's preferences), while one adds value;
4. trim: drop sets and exercises whose removal loses neither attainment nor value.

It proves nothing. `planner` uses its week as CP-SAT's warm start (cpsat/hint.py), and
`assignments.greedy_program` turns it into a Program (status "feasible", best_bound the trivial
bound: every minimum reached, the most coach value, no time).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import taste
from .catalog import HEAVY_INTENSITY, Exercise
from .constraints import TargetSpec
from .errors import NoProgramError
from .problem import ProblemData

STRICT_WEIGHT = 1_000_000  # a strict minimum's half-set outranks any goal's
REQUIRED_SEARCH_NODES = 5_000  # placements tried for required exercises before giving up


@dataclass
class _Week:
    """The partial week and the running totals every feasibility test needs."""

    data: ProblemData
    sets: dict[str, dict[str, int]] = field(default_factory=dict)  # day -> id -> sets
    days_of: dict[str, list[str]] = field(default_factory=dict)  # id -> days it is on
    seconds: dict[str, int] = field(default_factory=dict)
    day_half: dict[str, dict[str, int]] = field(default_factory=dict)
    week_half: dict[str, int] = field(default_factory=dict)
    aimed_half: dict[str, int] = field(default_factory=dict)  # from on-target exercises only
    # day -> muscle -> mechanic -> sets working it as primary (pre-exhaust pairs)
    kinds: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    # read on every move weighed, so resolved once: the valued targets, the exercises that
    # earn volume (`taste.on_target`) and those crediting any valued target
    targets: dict[str, TargetSpec] = field(default_factory=dict)
    on_target: set[str] = field(default_factory=set)
    crediting: set[str] = field(default_factory=set)
    primary_on: dict[str, dict[str, int]] = field(default_factory=dict)  # muscle -> day -> count
    often: set[str] = field(default_factory=set)  # targets the rules let train on two days
    pair_sets: int = 0  # taste.pair_sets
    # muscle -> day -> half-sets as primary, for the targets in `often` (taste.frequent)
    primary_half: dict[str, dict[str, int]] = field(default_factory=dict)
    # day -> heavy lifts, and day -> pattern -> compounds: the session caps read them on the
    # greedy's hottest path (every move it weighs), so they are counted, not rebuilt
    heavy_on: dict[str, int] = field(default_factory=dict)
    pattern_on: dict[str, dict[str, int]] = field(default_factory=dict)
    close: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.targets = self.data.valued
        self.often = set(self.data.two_day_targets)
        self.pair_sets = taste.pair_sets(self.data)
        usable = {ex.id: ex for day in self.data.days for ex in self.data.candidates[day]}
        self.on_target = {i for i, ex in usable.items() if taste.on_target(self.data, ex)}
        self.crediting = {
            i for i, ex in usable.items() if any(m in self.targets for m, _ in _credits(ex))
        }
        for day in self.data.days:
            self.sets[day] = {}
            self.seconds[day] = 0
            self.day_half[day] = {}
            self.close[day] = set()
            self.heavy_on[day] = 0
            self.pattern_on[day] = {}
            self.kinds[day] = {}
        for a, b in self.data.close_pairs:
            self.close[a].add(b)
            self.close[b].add(a)

    # -- feasibility ------------------------------------------------------------------------
    def fits(self, day: str, ex: Exercise, more: int) -> bool:
        """Can `day` take `more` sets of `ex` (a new exercise if it is not on `day` yet)?"""
        data = self.data
        new = ex.id not in self.sets[day]
        if new and not self.more_days(ex.id):
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

    def more_days(self, ex_id: str) -> bool:
        """Can `ex_id` go on one more day (`max_days_per_exercise`)? A day that already
        has it only takes more sets, never a second entry (`sets` is keyed by id)."""
        return len(self.days_of.get(ex_id, ())) < self.data.constraints.max_days_per_exercise

    def _session_room(self, day: str, ex: Exercise) -> bool:
        """Can `day` take one more exercise like `ex` under the session-count rules?"""
        c = self.data.constraints
        most = c.max_exercises_per_session
        if most is not None and len(self.sets[day]) >= most:
            return False
        heavy = c.max_heavy_per_session
        if heavy is not None and _heavy(ex) and self.heavy_on[day] >= heavy:
            return False
        same = c.max_compounds_per_pattern
        pattern = _pattern(ex)
        return not (same is not None and pattern and self.pattern_on[day].get(pattern, 0) >= same)

    # -- changes ----------------------------------------------------------------------------
    def add(self, day: str, ex: Exercise, more: int) -> None:
        new = ex.id not in self.sets[day]
        self.sets[day][ex.id] = self.sets[day].get(ex.id, 0) + more
        self.seconds[day] += more * ex.set_seconds + (ex.setup_seconds if new else 0)
        self._volume(day, ex, more)
        if new:
            self.days_of.setdefault(ex.id, []).append(day)
            for muscle in ex.primary:
                on = self.primary_on.setdefault(muscle, {})
                on[day] = on.get(day, 0) + 1
            self._count(day, ex, 1)

    def remove(self, day: str, ex: Exercise, fewer: int) -> None:
        left = self.sets[day][ex.id] - fewer
        self.seconds[day] -= fewer * ex.set_seconds + (ex.setup_seconds if left == 0 else 0)
        self._volume(day, ex, -fewer)
        if left:
            self.sets[day][ex.id] = left
            return
        del self.sets[day][ex.id]
        self.days_of[ex.id].remove(day)
        for muscle in ex.primary:
            self.primary_on[muscle][day] -= 1
        self._count(day, ex, -1)

    def _count(self, day: str, ex: Exercise, step: int) -> None:
        self.heavy_on[day] += step if _heavy(ex) else 0
        pattern = _pattern(ex)
        if pattern:
            patterns = self.pattern_on[day]
            patterns[pattern] = patterns.get(pattern, 0) + step

    def _volume(self, day: str, ex: Exercise, more: int) -> None:
        aimed = ex.id in self.on_target
        for muscle in ex.primary:
            by_kind = self.kinds[day].setdefault(muscle, {})
            by_kind[ex.mechanic] = by_kind.get(ex.mechanic, 0) + more
            if muscle in self.often:
                half = self.primary_half.setdefault(muscle, {})
                half[day] = half.get(day, 0) + ex.credit(muscle) * more
        for muscle, credit in _credits(ex):
            self.day_half[day][muscle] = self.day_half[day].get(muscle, 0) + credit * more
            self.week_half[muscle] = self.week_half.get(muscle, 0) + credit * more
            if aimed:
                self.aimed_half[muscle] = self.aimed_half.get(muscle, 0) + credit * more

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


def _heavy(ex: Exercise) -> bool:
    return ex.intensity >= HEAVY_INTENSITY


def _pattern(ex: Exercise) -> str:
    """The pattern `max_compounds_per_pattern` counts `ex` under ("" for none: isolations
    and compounds without a pattern are in no group)."""
    return ex.pattern if ex.mechanic == "compound" else ""


_CREDITS: dict[Exercise, tuple[tuple[str, int], ...]] = {}


def _credits(ex: Exercise) -> tuple[tuple[str, int], ...]:
    """(muscle, half-sets per set); read on every move weighed, so computed once."""
    found = _CREDITS.get(ex)
    if found is None:
        found = (*((m, 2) for m in ex.primary), *((m, 1) for m in ex.secondary))
        if len(_CREDITS) < 100_000:  # a bound for long-lived processes with many catalogs
            _CREDITS[ex] = found
    return found


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
            if not have and not week.more_days(ex.id):
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


def _new_pairs(week: _Week, day: str, ex: Exercise, more: int) -> int:
    """Pre-exhaust (day, muscle) pairs (`taste.holds_pair`) that `more` sets of `ex` on `day`
    complete."""
    other = "compound" if ex.mechanic == "isolation" else "isolation"
    need = week.pair_sets
    count = 0
    for m in ex.primary:
        if m not in week.targets:
            continue
        by_kind = week.kinds[day].get(m, {})
        have = by_kind.get(ex.mechanic, 0)
        count += by_kind.get(other, 0) >= need and have < need <= have + more
    return count


def _value_of_move(week: _Week, day: str, ex: Exercise, more: int) -> int:
    """The change in coach value (`optimizer.taste`) of `more` sets of `ex` on `day` (a new
    exercise if it is not there yet), computed from the running totals."""
    data = week.data
    targets = week.targets
    aimed = ex.id in week.on_target
    new = ex.id not in week.sets[day]
    gain = taste.set_points(data, ex) * more + (taste.use_points(data, ex) if new else 0)
    for muscle, credit in _credits(ex):
        spec = targets.get(muscle)
        if spec is None:
            continue
        step = credit * more
        if aimed:
            have = week.aimed_half.get(muscle, 0)
            gain += spec.priority * (
                taste.volume_points(spec, have + step) - taste.volume_points(spec, have)
            )
        today = week.day_half[day].get(muscle, 0)
        gain -= spec.priority * (taste.session_loss(today + step) - taste.session_loss(today))
    if data.reward_pairs:
        gain += taste.PAIR * _new_pairs(week, day, ex, more)
    gain += taste.FREQUENCY * sum(targets[m].priority for m in _second_days(week, day, ex, more))
    return gain


def _second_days(week: _Week, day: str, ex: Exercise, more: int) -> list[str]:
    """Targets that `more` sets of `ex` on `day` make frequent (`taste.frequent`)."""
    out = []
    for m in ex.primary:
        if m not in week.often:
            continue
        half = week.primary_half.get(m, {})
        if taste.frequent(half):
            continue
        after = {**half, day: half.get(day, 0) + ex.credit(m) * more}
        if taste.frequent(after):
            out.append(m)
    return out


def _best_value_move(week: _Week) -> tuple[str, Exercise, int] | None:
    """The feasible move with the most coach value per added second, if any adds value."""
    data = week.data
    best: tuple[float, int, int] | None = None
    move: tuple[str, Exercise, int] | None = None
    for day in data.days:
        chosen = week.sets[day]
        for ex in data.candidates[day]:
            if ex.id not in week.crediting:
                continue  # it credits no valued target: it can only cost
            have = chosen.get(ex.id, 0)
            if not have and not week.more_days(ex.id):
                continue
            first = 1 if have else data.sets_min
            setup = 0 if have else ex.setup_seconds
            for more in range(first, data.sets_max - have + 1):
                if not week.fits(day, ex, more):
                    break  # more sets only cost more time and volume
                gain = _value_of_move(week, day, ex, more)
                if gain <= 0:
                    continue
                cost = more * ex.set_seconds + setup
                key = (gain / cost, gain, -cost)
                if best is None or key > best:
                    best, move = key, (day, ex, more)
    return move


def _trim(week: _Week, goals: dict[str, tuple[int, int]]) -> None:
    """Drop sets, then whole exercises, whose removal loses no attainment and no value."""
    data = week.data
    required = set(data.required)

    def attained() -> int:
        return sum(w * min(goal, week.week_half.get(m, 0)) for m, (w, goal) in goals.items())

    floor = attained()
    for day in data.days:
        for ex_id in sorted(week.sets[day], key=lambda i: -data.catalog[i].set_seconds):
            ex = data.catalog[ex_id]
            while week.sets[day].get(ex_id, 0) > data.sets_min:
                week.remove(day, ex, 1)
                if attained() < floor or _value_of_move(week, day, ex, 1) > 0:
                    week.add(day, ex, 1)
                    break
            if ex_id in required or ex_id not in week.sets[day]:
                continue
            sets = week.sets[day][ex_id]
            week.remove(day, ex, sets)
            if attained() < floor or _value_of_move(week, day, ex, sets) > 0:
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
    while (move := _best_value_move(week)) is not None:
        week.add(*move)
    _trim(week, goals)
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
