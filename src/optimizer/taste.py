"""What makes one valid week better than another: the objective's tiers and weights, in one place.

The CP-SAT model (`cpsat/objective.py`) turns these numbers into linear terms; `scoring.py`
evaluates a finished week with the same numbers (`evaluate`), so the greedy, the MIP baseline
and the solver are judged on one scale. Nothing here imports a solver.

Three tiers, lexicographic by construction (each tier's weight exceeds everything below it):

1. **attainment**: priority x half-sets of each target's `min` reached. A week never gives up a
   half-set of a minimum for anything below.
2. **coach value**: what a coach weighs once the minimums are met, in points:
   - volume between `min` and `max` with diminishing returns (Schoenfeld 2017, Pelland 2024):
     `BELOW_GOAL` points per half-set up to the target's goal, `ABOVE_GOAL` from the goal to the
     max, times the priority, counting sets of on-target exercises only (`on_target`);
   - spread over the week (IUSCA 2021: cap per-session volume and add frequency; Schoenfeld
     2016): the half-sets of one muscle in one session beyond `SESSION_STEPS` lose points, so the
     same sets on two days are worth more than on one;
   - frequency (Schoenfeld 2016: twice a week beats once; domain-facts 2.2's default of two
     sessions per muscle): `FREQUENCY` points, times the priority, for each target worked as
     primary on two or more days with at least `FREQUENCY_DAY_HALF_SETS` half-sets each (3
     working sets), where the hard rules allow two such days;
   - fewer, fuller exercises: every exercise costs `EXERCISE` points (its warm-up sets, setup
     and attention), so two 2-set fragments lose to one 4-set exercise unless time or a maximum
     forces them;
   - exercise quality: each set costs `QUALITY` points per step below the best rating, times
     the priority it is bought at (`set_weight`), as its volume earns (a band set is worth
     less than a barbell, dumbbell, machine or cable set of the same muscle);
   - pre-exhaust pairs (`ordering: pre_exhaust`): `PAIR` points per (day, muscle) where
     `FULL_SETS` or more isolation sets and as many compound sets train a targeted muscle as
     primary. A pair of full exercises is the method the client chose, so it pays for its
     second exercise; 2-set fragments never make one: no padding;
   - the client's `prefer` and `dislike` lists, per use.
3. **time**: exercise seconds, fewer is better; only between weeks equal above.

Derivation of the points (README, "The objective"): one point is a half-set of a priority-1 target
above its goal. Below the goal a half-set is worth twice that (the dose-response is steepest near
the minimum). A half-set of a muscle beyond 4 sets in one session gives up a quarter of a below-
goal half-set, beyond 8 sets all of an above-goal one and more: per-session returns fall off near
the ~10-set cap. An exercise costs three points (one and a half below-goal sets of a priority-1
muscle): less than any exercise's own 2 sets earn below the goal. A pre-exhaust pair is worth two
exercises' cost (six points): the client chose the method, and a pair takes two full exercises where
one would carry the same sets, so it pays for the second exercise and for the session loss its 6
sets of one muscle cost at priority 1 (two points), with one to spare; it is worth less than 2
below-goal sets of any target (eight points), so where the minutes are short, volume the client
asked for comes first. When a pair was worth less than one exercise (the first design) it never paid
for its exercise, and a beginner's 14 chest sets were all flies: equal volume, shorter rest. A
quality step costs half a point per set per priority: a rating-3 set loses half of what it earns
above the goal and a rating-1 band set all of it (a quarter and a half of its below-goal worth), at
any priority. A second day for a target is worth one exercise's cost per priority: volume-equated
studies find little more growth from frequency (Schoenfeld 2019, Pelland 2024), so for a priority-1
target it only decides where an exercise the week wants anyway goes (another day rather than the
same one) and never pays for one on its own; for a priority-2 or 3 target, the client's stated
focus, it also pays for moving sets to a second day at the cost of one more exercise.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .catalog import Exercise
from .constraints import TargetSpec
from .problem import ProblemData

# -- tier 2 points (integers: CP-SAT's objective is integral); one point = half a half-set of a
# priority-1 target above its goal, so every number below is an integer.
BELOW_GOAL = 4  # per half-set from the min to the goal, times priority
ABOVE_GOAL = 2  # per half-set from the goal to the max, times priority
#: (half-sets of one muscle in one session, points lost per further half-set, times priority)
SESSION_STEPS: tuple[tuple[int, int], ...] = ((8, 1), (16, 3))
EXERCISE = 6  # every exercise of every session
QUALITY = 1  # per set, per rating step below BEST_QUALITY
BEST_QUALITY = 5
#: working sets of a full exercise, what the scorecard asks of one: a 2-set fragment tacked on
#: to earn a pair or a second day is the padding this objective exists to avoid (a 6-day
#: client's 80-minute Monday took ten exercises, four of them 2-set second days, when any
#: primary set counted)
FULL_SETS = 3
#: per (day, muscle) pre-exhaust pair of full exercises (`holds_pair`): two exercises' cost
PAIR = 2 * EXERCISE
#: per target worked as primary on two or more days, times priority: one exercise's cost
FREQUENCY = EXERCISE
#: half-sets of a target as primary that make a day count for FREQUENCY: a full exercise's
FREQUENCY_DAY_HALF_SETS = 2 * FULL_SETS
PREFER = 3  # per use of an exercise the client prefers
DISLIKE = 8  # per use of an exercise the client dislikes: more than an exercise's cost
#: with no max, the goal is this much above the min (Schoenfeld 2017: +1 set, +0.37% growth;
#: returns diminish, so the goal stops at one and a half times the minimum)
GOAL_OVER_MIN_WITHOUT_MAX = 1.5


def goal_half_sets(spec: TargetSpec) -> int:
    """The volume a target aims at: its `goal`, else halfway from `min` to `max`, else one and
    a half times the min; never below the min or above the max."""
    low = spec.min_half_sets
    high = spec.max_half_sets
    if spec.goal is not None:
        value = math.ceil(spec.goal * 2 - 1e-9)
    elif high is not None:
        value = math.ceil((low + high) / 2)
    else:
        value = math.ceil(low * GOAL_OVER_MIN_WITHOUT_MAX)
    value = max(value, low)
    return min(value, high) if high is not None else value


@dataclass(frozen=True)
class Band:
    """Half-sets above the min that earn `points` each (times priority); `size` None: no end."""

    size: int | None
    points: int


def volume_bands(spec: TargetSpec) -> tuple[Band, ...]:
    """Bands from zero: up to the goal, then to the max. Counting from zero rather than from
    the min keeps the value concave (no kink at the min, which tier 1 already rewards far more),
    so the model needs no boolean for "min reached"."""
    return _bands(goal_half_sets(spec), spec.max_half_sets)


@functools.lru_cache(maxsize=4096)
def _bands(goal: int, high: int | None) -> tuple[Band, ...]:
    """Cached: the greedy reads a target's bands on every move it weighs."""
    bands = []
    if goal > 0:
        bands.append(Band(goal, BELOW_GOAL))
    if high is None or high > goal:
        bands.append(Band(None if high is None else high - goal, ABOVE_GOAL))
    return tuple(bands)


def volume_points(spec: TargetSpec, half: int) -> int:
    """Points of `half` weekly half-sets (before priority)."""
    left = max(half, 0)
    points = 0
    for band in volume_bands(spec):
        take = left if band.size is None else min(left, band.size)
        points += take * band.points
        left -= take
    return points


def session_loss(half: int) -> int:
    """Points one muscle's `half` half-sets in one session lose (before priority)."""
    return sum(loss * max(half - start, 0) for start, loss in SESSION_STEPS)


def on_target(data: ProblemData, ex: Exercise) -> bool:
    """An exercise a coach would pick for this client: it trains a valued target as primary.
    Only such exercises earn volume above the minimums; a front raise for a client who asked
    for side delts, not front delts, is filler even though it credits side delts as secondary
    (its sets still count toward minimums, maximums and the per-session loss)."""
    return any(m in data.valued for m in ex.primary)


def use_points(data: ProblemData, ex: Exercise) -> int:
    """Points of using `ex` once (negative: a cost), apart from its sets."""
    points = -EXERCISE
    if ex.id in data.preferred:
        points += PREFER
    if ex.id in data.disliked:
        points -= DISLIKE
    return points


def set_points(data: ProblemData, ex: Exercise) -> int:
    """Points of one set of `ex` apart from its volume: its quality, and what the client's
    goal says a set of its intensity tier is worth (models/goals.yaml `points`): for size, a
    heavy axial lift's fatigue beyond the muscles it credits (RP's stimulus-to-fatigue ratio;
    domain-facts 6.1), so a deadlift is chosen for what it trains, not as the cheapest source of
    fractional sets for six muscles; for strength, the main lifts are what the week is for."""
    points = -QUALITY * (BEST_QUALITY - ex.quality) + data.goal.scheme(ex).points
    return points * set_weight(data, ex)


def set_weight(data: ProblemData, ex: Exercise) -> int:
    """The priority a set of `ex` is bought at: its highest valued primary muscle's (1 when it
    trains none). Its quality and fatigue points scale with it, so they stay the same share of
    what the set earns: at a flat cost a step, a lower rating cost a priority-3 target (a
    default big muscle) a third of the share of a set's worth it cost a priority-1 target, and
    the 3 x 60-minute defaults client took Nordic curls for its hamstrings over a lying leg
    curl."""
    return max((data.valued[m].priority for m in ex.primary if m in data.valued), default=1)


def top_priority(data: ProblemData) -> int:
    """The highest priority of any valued target (1 without one): the most `set_weight` is."""
    return max((spec.priority for spec in data.valued.values()), default=1)


def pair_slots(data: ProblemData) -> list[tuple[str, str]]:
    """The (day, muscle) pairs the candidates and the caps allow (none unless pre-exhaust
    ordering). A target whose `max`, or a session cap, is under a pair's own sets of the muscle
    can never hold one: offering its slots anyway only loosened the bound."""
    if not data.reward_pairs:
        return []
    muscles = [m for m, spec in data.valued.items() if pair_blocked(data, spec) is None]
    return [(day, m) for day in data.days for m in muscles if can_pair(data.candidates[day], m)]


def pair_sets(data: ProblemData) -> int:
    """Sets of isolation work, and of compound work, on one muscle that make a pair: a full
    exercise's (`FULL_SETS`), or every set the client's `sets_per_exercise` allows if fewer."""
    return max(min(FULL_SETS, data.sets_max), 1)


def pair_half_sets(data: ProblemData) -> int:
    """Half-sets of its muscle a pair holds at least: `pair_sets` of isolation and as many of
    compound work, each set 2 half-sets (the muscle is primary in both)."""
    return 2 * 2 * pair_sets(data)


def pair_blocked(data: ProblemData, spec: TargetSpec) -> Literal["max", "session"] | None:
    """The cap that leaves a target no pair, if any: its own weekly `max` or the session cap
    (`max_muscle_sets_per_session`) under a pair's half-sets of the muscle. The model offers
    such a target no pair slot and the `pre_exhaust_unpaired` warning names the cap."""
    least = pair_half_sets(data)
    if spec.max_half_sets is not None and spec.max_half_sets < least:
        return "max"
    if data.session_cap_half_sets < least:
        return "session"
    return None


def frequent_days(primary_half: Mapping[str, float]) -> int:
    """Days of {day: a target's half-sets as primary} with 3 sets or more: the count the
    frequency part reads, and the `days` every output reports beside a target."""
    return sum(half >= FREQUENCY_DAY_HALF_SETS for half in primary_half.values())


def frequent(primary_half: Mapping[str, float]) -> bool:
    """{day: a target's half-sets as primary} earns FREQUENCY: two days with 3 sets or more."""
    return frequent_days(primary_half) >= 2


def can_pair(exercises: Iterable[Exercise], muscle: str) -> bool:
    """An isolation and a compound both train `muscle` as primary."""
    kinds = {ex.mechanic for ex in exercises if muscle in ex.primary}
    return kinds == {"isolation", "compound"}


def holds_pair(items: Iterable[tuple[Exercise, int]], muscle: str, need: int) -> bool:
    """A session's (exercise, sets) hold a pre-exhaust pair on `muscle`: `need` sets or more
    of isolation work and as many of compound work with `muscle` as primary (`pair_sets`)."""
    sets = {"isolation": 0, "compound": 0}
    for ex, n in items:
        if muscle in ex.primary:
            sets[ex.mechanic] += n
    return min(sets.values()) >= need


# -- bounds and weights ----------------------------------------------------------------------


def fastest_set_seconds(data: ProblemData, ex: Exercise) -> int:
    """The least one set of `ex` can take: in a superset an isolation rests only the
    transition (the file's base one at least)."""
    if data.constraints.supersets == "none" or ex.mechanic != "isolation":
        return ex.set_seconds
    cut = ex.rest_seconds - data.constraints.superset_transition_seconds
    return ex.set_seconds - max(cut, 0)


def week_capacity(data: ProblemData) -> tuple[int, int]:
    """(exercises, sets) no week can exceed: each day's budget over its fastest choices."""
    uses = sets = 0
    fastest = functools.partial(fastest_set_seconds, data)
    for day in data.days:
        cands = data.candidates[day]
        if not cands:
            continue
        budget = data.budget_seconds[day]
        fastest_set = min(fastest(ex) for ex in cands)
        fastest_use = min(ex.setup_seconds + max(data.sets_min, 1) * fastest(ex) for ex in cands)
        sets += min(budget // max(fastest_set, 1), len(cands) * data.sets_max)
        uses += min(budget // max(fastest_use, 1), len(cands))
    return uses, sets


def value_bounds(data: ProblemData) -> tuple[int, int]:
    """(most, least) coach value any week of this instance can have: the most earns every band,
    pair and preference and pays nothing; the least pays every cost at full capacity."""
    uses, sets = week_capacity(data)
    session_cap = data.session_cap_half_sets
    best = PAIR * len(pair_slots(data)) + PREFER * uses
    best += FREQUENCY * sum(data.valued[m].priority for m in data.two_day_targets)
    tiers = [scheme.points for scheme in data.goal.tiers.values()]
    top = top_priority(data)
    best += sets * max(0, *tiers) * top
    worst = uses * (EXERCISE + DISLIKE)
    worst += sets * (QUALITY * (BEST_QUALITY - 1) - min(0, *tiers)) * top
    for spec in data.valued.values():
        reach = 2 * sets if spec.max_half_sets is None else spec.max_half_sets
        best += spec.priority * volume_points(spec, reach)
        worst += spec.priority * session_loss(session_cap) * len(data.days)
    return best, -worst


@dataclass(frozen=True)
class Weights:
    """Tier weights of one instance: they depend on the instance, never on the week."""

    value: int  # one coach-value point: more than any week's seconds, plus the time room
    attainment: int  # one attainment half-set: more than any two weeks' value difference
    attainment_max: int
    value_max: int
    value_min: int


def weights(data: ProblemData) -> Weights:
    value = data.week_seconds + 1 + data.time_room
    most, least = value_bounds(data)
    best = sum(spec.priority * spec.min_half_sets for spec in data.minimums.values())
    return Weights(value, value * (most - least + 1), best, most, least)


def minimums_out_of_reach(data: ProblemData, bound: float | None) -> bool:
    """The objective's `bound` (any engine's, on the model's scale) proves that no week
    reaches every weighted minimum, whether or not the week itself is proven. A week with
    every minimum reached scores at least `value x value_min - week_seconds` (no attainment
    shortfall, the least coach value, the longest week); one half-set short scores at most
    `-attainment + value x value_max = value x (value_min - 1)`, which is lower, since one
    value point outweighs any week's seconds. So a bound under the first figure is a proof.
    The 3 x 60-minute defaults-only client (19 muscles x 10 sets of minimums) is proven short
    within a second while its week stays far from proven, and was told a longer time limit
    might reach the minimums."""
    if bound is None:
        return False
    w = weights(data)
    return bound < w.value * w.value_min - data.week_seconds


# -- evaluation of a finished week -----------------------------------------------------------


@dataclass(frozen=True)
class Tiers:
    """One week's tiers, and the parts of its coach value (for reports and tests)."""

    attainment: int
    volume: int
    spread: int
    exercises: int
    quality: int
    pairs: int
    preferences: int
    seconds: int
    frequency: int = 0

    @property
    def value(self) -> int:
        return (
            self.volume
            + self.spread
            + self.exercises
            + self.quality
            + PAIR * self.pairs
            + self.preferences
            + self.frequency
        )


def evaluate(data: ProblemData, chosen: Mapping[str, Iterable[tuple[Exercise, int]]]) -> Tiers:
    """The tiers of {day: [(exercise, sets), ...]}, as the model counts them."""
    targets = data.valued
    week: dict[str, int] = {}
    primary_half: dict[str, dict[str, int]] = {}  # muscle -> day -> half-sets as primary
    aimed: dict[str, int] = {}  # half-sets from on-target exercises: what earns volume
    spread = exercises = quality = pairs = preferences = seconds = 0
    need = pair_sets(data)
    for day, items in chosen.items():
        items = [(ex, sets) for ex, sets in items if sets > 0]
        today: dict[str, int] = {}
        for ex, sets in items:
            seconds += ex.seconds(sets)
            exercises -= EXERCISE
            preferences += use_points(data, ex) + EXERCISE
            quality += set_points(data, ex) * sets  # quality and the goal's points per set
            aims = on_target(data, ex)
            for muscle in ex.primary:
                on = primary_half.setdefault(muscle, {})
                on[day] = on.get(day, 0) + ex.credit(muscle) * sets
            for muscle in (*ex.primary, *ex.secondary):
                today[muscle] = today.get(muscle, 0) + ex.credit(muscle) * sets
                if aims:
                    aimed[muscle] = aimed.get(muscle, 0) + ex.credit(muscle) * sets
        for muscle, half in today.items():
            week[muscle] = week.get(muscle, 0) + half
            if muscle in targets:
                spread -= targets[muscle].priority * session_loss(half)
        if data.reward_pairs and day in data.days:
            pairs += sum(holds_pair(items, m, need) for m in targets)
    attainment = sum(
        spec.priority * min(spec.min_half_sets, week.get(m, 0)) for m, spec in data.minimums.items()
    )
    volume = sum(
        spec.priority * volume_points(spec, aimed.get(m, 0)) for m, spec in targets.items()
    )
    frequency = FREQUENCY * sum(
        spec.priority for m, spec in targets.items() if frequent(primary_half.get(m, {}))
    )
    return Tiers(
        attainment, volume, spread, exercises, quality, pairs, preferences, seconds, frequency
    )
