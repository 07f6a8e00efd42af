"""Rules of one file that clash: a week still exists, but not the one the file asks for.

`split: full` on Mon/Wed/Fri with `recovery_hours: 72` cannot give three full-body days: no
muscle may be trained on Wednesday and on Monday or Friday. The solver does not fail on it, it
returns the best week the rules allow (an empty or 28-minute Wednesday), so without a word the
coach reads a bug. Each check here names the settings that clash and what the plan does
instead, one line each.

Everything is decided from the resolved problem (`problem.ProblemData`), with no solver: the
`check` command runs it in milliseconds, and a warning states a consequence of the rules, never
a guess about which of several weeks the solver picks. A file no week fits at all is not a
warning but an error (`problem.prechecks`, or the solver's proof); a target whose `strict` min
cannot be met is left to those too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

from . import limits, taste
from .catalog import Exercise
from .constraints import MovementRule, TargetSpec
from .errors import clip
from .problem import ProblemData, day_gap_hours, level_allowed
from .program import PlanWarning, TargetReport

#: Names a message lists before it says "and N more": keeps every line within MESSAGE_CHARS.
LISTED = 4


def clashes(data: ProblemData) -> list[PlanWarning]:
    """Every clash of the file's rules, in a fixed order (no target at all, recovery, then
    targets, empty days, pre-exhaust pairs), each message at most `limits.MESSAGE_CHARS` characters.

    The explanation's full model (`data.full`, every exercise on every day) is not the file's
    week, so it has none.
    """
    if data.full:
        return []
    view = _View.of(data)
    found = [warning for check in CHECKS for warning in check(view)]
    return [w.model_copy(update={"message": clip(w.message, limits.MESSAGE_CHARS)}) for w in found]


# -- what every check reads ----------------------------------------------------------------------


@dataclass
class _View:
    """The problem as the checks need it: exercises a target's max can never let in are
    dropped (one use gives `sets_per_exercise` min sets), so the bounds below stay true."""

    data: ProblemData
    days: tuple[str, ...]
    close: frozenset[frozenset[str]]
    candidates: dict[str, tuple[Exercise, ...]]
    asked: dict[str, TargetSpec]
    primary_days: dict[str, tuple[str, ...]]
    _spreads: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @cached_property
    def movements(self) -> list[MovementRule]:
        """The file's movement rules, expanded once for every exercise `_blame` asks about."""
        return self.data.constraints.avoided_movements()

    @classmethod
    def of(cls, data: ProblemData) -> _View:
        days = data.training_days or data.days
        blocked = {ex.id for d in days for ex in data.candidates[d] if _too_much(ex, data)}
        candidates = {
            d: tuple(ex for ex in data.candidates[d] if ex.id not in blocked) for d in days
        }
        # what the client asks for: a min that counts (a min of 0 or priority 0 asks nothing)
        asked = {m: s for m, s in data.targets.items() if s.min_half_sets > 0 and s.priority > 0}
        primary_days = {
            m: tuple(d for d in days if any(m in ex.primary for ex in candidates[d]))
            for m in data.targets
        }
        return cls(
            data=data,
            days=days,
            close=frozenset(frozenset(pair) for pair in data.close_pairs),
            candidates=candidates,
            asked=asked,
            primary_days=primary_days,
        )

    @property
    def hours(self) -> int:
        return self.data.constraints.recovery_hours

    def spaced(self, days: Sequence[str]) -> bool:
        return all(frozenset(p) not in self.close for p in combinations(days, 2))

    def spreads(self, days: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """Every largest subset of `days` with no two closer than recovery_hours: the days
        one muscle can be trained on. At most 7 days, so trying every subset is cheap."""
        if days not in self._spreads:
            best: tuple[tuple[str, ...], ...] = ((),)
            for size in range(len(days), 0, -1):
                found = tuple(c for c in combinations(days, size) if self.spaced(c))
                if found:
                    best = found
                    break
            self._spreads[days] = best
        return self._spreads[days]

    def explicit_focus(self, day: str) -> str | None:
        """The focus the file's split names for `day` (None for auto)."""
        split = self.data.constraints.split
        focus = split.get(day, "auto") if isinstance(split, dict) else "auto"
        return None if focus == "auto" else focus


def _too_much(ex: Exercise, data: ProblemData) -> bool:
    """Whether one use of `ex`, at `sets_per_exercise` min sets, already passes a target's max
    (the model can never choose it)."""
    for muscle, spec in data.targets.items():
        limit = spec.max_half_sets
        if limit is not None and ex.credit(muscle) * data.sets_min > limit:
            return True
    return False


# -- wording -------------------------------------------------------------------------------------


def _join(names: Sequence[str], limit: int = LISTED, word: str = "and") -> str:
    """`a, b and c`; past `limit` names, `a, b, c and 4 more`."""
    items = list(names)
    if len(items) > limit:
        items = [*items[: limit - 1], f"{len(items) - limit + 1} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _pairs_text(view: _View, days: Sequence[str]) -> str:
    """`mon and wed are 48 h apart`, `mon-wed and wed-fri are 48 h apart`: the close pairs
    among `days`, with their gap when they share one."""
    pairs = [(a, b) for a, b in combinations(days, 2) if frozenset((a, b)) in view.close]
    gaps = {day_gap_hours(a, b) for a, b in pairs}
    gap = f"{gaps.pop()} h" if len(gaps) == 1 else f"under {view.hours} h"
    if len(pairs) == 1:
        return f"{pairs[0][0]} and {pairs[0][1]} are {gap} apart"
    return f"{_join([f'{a}-{b}' for a, b in pairs])} are {gap} apart"


def _them(days: Sequence[str]) -> str:
    return "it" if len(days) == 1 else "them"


def _muscles_text(muscles: Sequence[str], among: Sequence[str]) -> str:
    """The muscles, or `every targeted muscle` when they are all of `among`."""
    if len(muscles) > 1 and set(muscles) == set(among):
        return "every targeted muscle"
    return _join(muscles)


# -- recovery against the split -------------------------------------------------------------------


@dataclass(frozen=True)
class _Shared:
    """Days the split gives one focus, and the targeted muscles recovery keeps off some."""

    focus: str
    days: tuple[str, ...]
    muscles: tuple[str, ...]
    wanted: tuple[str, ...]
    idle: tuple[str, ...]


def _shared_out(view: _View) -> list[_Shared]:
    """For each focus the split names on several days: the muscles it promises that
    recovery_hours cannot put on all of them, grouped by the days they could use."""
    focuses = view.data.catalog.vocabulary.focuses
    named: dict[str, list[str]] = {}
    for day in view.days:
        focus = view.explicit_focus(day)
        if focus is not None:
            named.setdefault(focus, []).append(day)
    out = []
    for focus, days in named.items():
        wanted = tuple(m for m in view.asked if m in focuses[focus])
        groups: dict[tuple[str, ...], list[str]] = {}
        for muscle in wanted:
            own = tuple(d for d in days if d in view.primary_days[muscle])
            if len(own) >= 2 and len(view.spreads(own)[0]) < len(own):
                groups.setdefault(own, []).append(muscle)
        for own, muscles in groups.items():
            idle = tuple(_idle_days(view, own, muscles))
            out.append(_Shared(focus, own, tuple(muscles), wanted, idle))
    return out


def _idle_days(view: _View, days: Sequence[str], muscles: Sequence[str]) -> list[str]:
    """Days of `days` in no largest spread of any of `muscles` that can use them: training
    one of those muscles there always costs it a day elsewhere."""
    out = []
    for day in days:
        relevant = [m for m in muscles if day in view.primary_days[m]]
        if relevant and all(
            day not in spread for m in relevant for spread in view.spreads(view.primary_days[m])
        ):
            out.append(day)
    return out


def _skips(view: _View, idle: Sequence[str], days: Sequence[str]) -> str:
    """What the plan does with idle days: `a muscle trained on wed skips mon and fri, so the
    plan gives wed what mon and fri leave out, if anything`."""
    if len(idle) == 1:
        near = [d for d in days if frozenset((d, idle[0])) in view.close]
        return (
            f"a muscle trained on {idle[0]} skips {_join(near)}, so the plan gives {idle[0]} "
            f"what {_join(near)} leave out, if anything"
        )
    return (
        f"a muscle trained on {_join(idle, word='or')} skips the days under {view.hours} h from "
        f"it, so the plan gives {_join(idle)} what those leave out, if anything"
    )


def _recovery_split(view: _View) -> Iterator[PlanWarning]:
    """A focus the split names on several days whose targeted muscles recovery_hours keeps
    off some of them: the days share the muscles out instead of each training them all."""
    for shared in _shared_out(view):
        own, idle = shared.days, shared.idle
        most = len(view.spreads(own)[0])
        text = (
            f"split: {shared.focus} on {_join(own)} with recovery_hours: {view.hours}: "
            f"{_pairs_text(view, own)}, so {_muscles_text(shared.muscles, shared.wanted)} can "
            f"be trained on only {most} of the {len(own)} days; "
        )
        if idle:
            text += _skips(view, idle, own)
        else:
            text += f"at most {most} of the {len(own)} {shared.focus} days can train them all"
        yield PlanWarning(code="recovery_split", fields=["split", "recovery_hours"], message=text)


def _recovery_idle_day(view: _View) -> Iterator[PlanWarning]:
    """A training day too close to others for any targeted muscle to use it without losing a
    day elsewhere; with split auto too (Mon/Wed/Fri at 72 h leaves Wednesday nothing). Days
    `recovery_split` already named are not named twice."""
    told = {day for shared in _shared_out(view) for day in shared.idle}
    idle = [d for d in _idle_days(view, view.days, list(view.asked)) if d not in told]
    if not idle:
        return
    near = [
        d for d in view.days if d not in idle and any(frozenset((d, i)) in view.close for i in idle)
    ]
    c = view.data.constraints
    if isinstance(c.split, dict):
        head = f"{_day_words(view, idle)} and days: [{', '.join(view.days)}]"
    else:
        head = f"days: [{', '.join(view.days)}] with split: auto"
    yield PlanWarning(
        code="recovery_idle_day",
        fields=["days", "recovery_hours", "split"],
        message=(
            f"{head} and recovery_hours: {view.hours}: {_join(idle)} "
            f"{'is' if len(idle) == 1 else 'are'} under {view.hours} h from "
            f"{_join(near) or 'each other'}; {_skips(view, idle, view.days)}"
        ),
    )


# -- targets -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reach:
    """The most weekly half-sets one muscle can get, and which rules set that limit."""

    half_sets: int
    days: tuple[str, ...]
    limited_by: tuple[str, ...]


def _day_cap(view: _View, muscle: str, day: str, secondary_only: bool) -> tuple[int, str]:
    """Half-sets of `muscle` one session can hold at most, and the rule that caps it."""
    data = view.data
    budget = data.budget_seconds[day]
    exercises = [
        ex
        for ex in view.candidates[day]
        if ex.credit(muscle)
        and not (secondary_only and muscle in ex.primary)
        and ex.seconds(data.sets_min) <= budget
    ]
    if not exercises:
        return 0, ""
    caps = {
        "max_muscle_sets_per_session": data.session_cap_half_sets,
        # the best credit per second of work, over the whole session: setups only lower it
        "session_minutes": max(budget * ex.credit(muscle) // ex.set_seconds for ex in exercises),
        "sets_per_exercise": sum(ex.credit(muscle) for ex in exercises) * data.sets_max,
    }
    rule = min(caps, key=lambda k: caps[k])
    return caps[rule], rule


def _reach(view: _View, muscle: str) -> _Reach:
    """Recovery limits only the days a muscle is primary on; secondary work may fill others."""
    both = {d: _day_cap(view, muscle, d, False) for d in view.days}
    second = {d: _day_cap(view, muscle, d, True) for d in view.days}
    own = view.primary_days[muscle]
    best = _Reach(0, (), ())
    for size in range(len(own), -1, -1):  # more primary days first: they win a tie
        for chosen in combinations(own, size):
            if not view.spaced(chosen):
                continue
            caps = [both[d] if d in chosen else second[d] for d in view.days]
            total = sum(half for half, _ in caps)
            if total > best.half_sets:
                rules = tuple(dict.fromkeys(rule for half, rule in caps if half))
                best = _Reach(total, chosen, rules)
    return best


def _usable_for(view: _View, muscle: str) -> list[Exercise]:
    return [ex for ex in view.data.usable if ex.credit(muscle)]


#: The filter fields of the file, in the order messages name them.
FILTERS = (
    "equipment",
    "experience",
    "avoid.exercises",
    "avoid.muscles",
    "avoid.tags",
    "avoid.patterns",
    "injuries",
)


def _blame(view: _View, ex: Exercise) -> frozenset[str]:
    """Every filter field that keeps `ex` out (all of them, where `exclusion_reason` names
    the first): lifting fewer than these leaves it out."""
    c = view.data.constraints
    out = set()
    if not ex.usable_with(view.data.owned):
        out.add("equipment")
    if not level_allowed(ex, c.experience):
        out.add("experience")
    if ex.id in c.avoid.exercises:
        out.add("avoid.exercises")
    if set(c.avoid.muscles) & {*ex.primary, *ex.secondary}:
        out.add("avoid.muscles")
    for rule in view.movements:
        if rule.hits(ex.tags, ex.pattern):
            out.add(rule.key.partition("[")[0])  # avoid.tags, avoid.patterns or injuries
    return frozenset(out)


def _least_blame(view: _View, options: Sequence[Sequence[Exercise]]) -> list[str]:
    """The fewest filter fields whose lifting would let in one of `options` (each a group of
    exercises needed together), in `FILTERS` order; [] when there is no option."""
    sets = [frozenset().union(*(_blame(view, ex) for ex in group)) for group in options]
    if not sets:
        return []
    best = min(sets, key=lambda s: (len(s), sorted(FILTERS.index(f) for f in s)))
    return sorted(best, key=FILTERS.index)


def _setting(view: _View, name: str) -> str:
    """A field as the file says it, for a message: `equipment: [dumbbells]`."""
    c = view.data.constraints
    if name == "equipment":
        return f"equipment: [{', '.join(c.equipment)}]"
    if name == "experience":
        return f"experience: {c.experience}"
    if name == "avoid.exercises":
        listed = c.avoid.exercises  # ids can be long: past two, the count says enough
        if len(listed) > 2:
            return f"avoid.exercises ({len(listed)} exercises)"
        return f"avoid.exercises: [{', '.join(listed)}]"
    if name == "avoid.muscles":
        return f"avoid.muscles: [{_join(c.avoid.muscles, 3)}]"
    if name in ("avoid.tags", "avoid.patterns"):
        return f"{name}: [{_join(getattr(c.avoid, name.partition('.')[2]), 3)}]"
    if name == "injuries":
        return f"injuries: [{_join(c.injuries, 3)}]"
    if name == "recovery_hours":
        return f"recovery_hours: {c.recovery_hours}"
    if name == "max_muscle_sets_per_session":
        return f"max_muscle_sets_per_session: {c.max_muscle_sets_per_session:g}"
    if name == "sets_per_exercise":
        low, high = c.sets_per_exercise
        return f"sets_per_exercise: [{low}, {high}]"
    if name == "warmup_minutes":
        return f"warmup_minutes: {c.warmup_minutes}"
    if name == "session_minutes":
        minutes = sorted(set(c.session_minutes.values()))
        return f"session_minutes: {'/'.join(map(str, minutes))}"
    if name.startswith("targets.") and name.endswith(".max"):
        spec = view.asked[name.split(".")[1]]
        return f"{name} {spec.max:g}"
    if name == "split":
        if not isinstance(c.split, dict):
            return "split: auto"
        return "split: " + ", ".join(f"{d} {f}" for d, f in c.split.items())
    return name


def _settings(view: _View, fields: Sequence[str]) -> str:
    """`equipment: [bands], experience: beginner and split: auto`."""
    return _join([_setting(view, f) for f in fields], limit=len(fields))


def _target_out_of_reach(view: _View) -> Iterator[PlanWarning]:
    """A target min no week can reach: the plan gives the muscle what the rules allow and
    reports the shortfall (a strict min makes it an infeasibility instead)."""
    data = view.data
    c = data.constraints
    for muscle, spec in view.asked.items():
        if spec.strict:
            continue
        reach = _reach(view, muscle)
        if reach.half_sets >= spec.min_half_sets:
            continue
        head = f"targets.{muscle}.min {spec.min:g}"
        if reach.half_sets == 0:
            fields, why = _nothing_for(view, muscle)
            settings = _settings(view, fields)
            yield PlanWarning(
                code="target_out_of_reach",
                fields=[f"targets.{muscle}.min", *fields],
                message=f"{head} with {settings}: {why}, so the plan gives {muscle} 0 sets",
            )
            continue
        fields = list(reach.limited_by)
        own = view.primary_days[muscle]
        if len(reach.days) < len(own):
            fields.insert(0, "recovery_hours")
        if isinstance(c.split, dict) and len(own) < len(view.days):
            fields.append("split")
        sets = reach.half_sets / 2
        how = f"as a primary muscle on {_join(reach.days)} only" if reach.days else "secondary work"
        yield PlanWarning(
            code="target_out_of_reach",
            fields=[f"targets.{muscle}.min", *fields],
            message=(
                f"{head} with {_settings(view, fields)}: at most {sets:g} weekly sets of "
                f"{muscle} fit ({how}), so the plan falls short of {spec.min:g}"
            ),
        )


def _nothing_for(view: _View, muscle: str) -> tuple[list[str], str]:
    """Why no week can give `muscle` a set: the fields to blame and the reason in words."""
    data = view.data
    c = data.constraints
    if muscle in c.avoid.muscles:
        return ["avoid.muscles"], f"no exercise may work {muscle}"
    usable = _usable_for(view, muscle)
    if not usable:
        every = [[ex] for ex in data.catalog if ex.credit(muscle)]
        return _least_blame(view, every) or ["equipment"], f"no usable exercise works {muscle}"
    if not any(ex.credit(muscle) for d in view.days for ex in data.candidates[d]):
        return ["split"], f"no day's focus allows an exercise that works {muscle}"
    if not any(ex.credit(muscle) for d in view.days for ex in view.candidates[d]):
        return ["sets_per_exercise"], f"one exercise for {muscle} gives a muscle more than its max"
    return ["session_minutes", "warmup_minutes"], f"no exercise for {muscle} fits a session"


def _max_below_sets_min(view: _View) -> Iterator[PlanWarning]:
    """A target max under what one exercise gives: every exercise that works the muscle is
    out. A max of 0 says exactly that on purpose, so it is no clash."""
    data = view.data
    low, high = data.constraints.sets_per_exercise
    for muscle, spec in data.targets.items():
        limit = spec.max_half_sets
        if spec.max is None or limit is None or spec.max <= 0 or limit >= 2 * low:
            continue
        primary = any(muscle in ex.primary for d in view.days for ex in data.candidates[d])
        if not primary:
            continue
        also = (
            " or secondary one"
            if limit < low and any(ex.credit(muscle) == 1 for ex in data.usable)
            else ""
        )
        yield PlanWarning(
            code="max_below_sets_min",
            fields=[f"targets.{muscle}.max", "sets_per_exercise"],
            message=(
                f"targets.{muscle}.max {spec.max:g} with sets_per_exercise: [{low}, {high}]: one "
                f"exercise gives {muscle} at least {low} sets, so the plan uses no exercise with "
                f"{muscle} as a primary{also} muscle"
            ),
        )


def _no_targets(view: _View) -> Iterator[PlanWarning]:
    """Nothing to aim at: no target with a priority above 0. Every set then only costs, so
    the best week is empty but for `require`: a coach who wrote `targets: {}`, set every
    priority to 0 or edited muscles.yaml's `default` rows away (or to priority 0) reads an empty
    week as a bug."""
    data = view.data
    if data.valued:
        return
    c = data.constraints
    if c.targets is None:
        what = "targets: none in the file, and muscles.yaml sets no default above priority 0"
    elif not c.targets:
        what = "targets: {} names no muscle"
    else:
        what = "targets: every target has priority: 0"
    holds = (
        f"holds only what require names ({_join(list(c.require))})"
        if c.require
        else "leaves every day empty"
    )
    yield PlanWarning(
        code="no_targets",
        fields=["targets"],
        message=(
            f"{what}, so no set earns anything and the plan {holds}; name the muscles to "
            f"train, e.g. targets: {{chest: 10-20}}"
        ),
    )


# -- days ----------------------------------------------------------------------------------------


def _day_words(view: _View, days: Sequence[str]) -> str:
    """`split: push on wed`, or `split: auto on mon and wed`."""
    focuses = {view.explicit_focus(d) for d in days}
    focus = focuses.pop() if len(focuses) == 1 else None
    if focus is not None:
        return f"split: {focus} on {_join(days)}"
    return f"split: auto on {_join(days)}"


def _no_exercise_for_day(view: _View) -> Iterator[PlanWarning]:
    """A training day no usable exercise fits (its focus with equipment, experience, avoid)."""
    data = view.data
    focuses = data.catalog.vocabulary.focuses
    by_focus: dict[str, list[str]] = {}
    for day in view.days:
        if not data.candidates[day]:
            by_focus.setdefault(data.focus[day], []).append(day)
    for focus, days in by_focus.items():
        # every filter that removed one of them took part: name them all
        fitting = [ex for ex in data.catalog if set(ex.primary) <= focuses[focus]]
        blamed = frozenset().union(*(_blame(view, ex) for ex in fitting))
        fields = sorted(blamed, key=FILTERS.index)
        what = "no exercise" if focus == "full" else f"no exercise for {focus} muscles alone"
        if fields:
            reason = f" with {_settings(view, fields)}: {what} is usable"
        else:
            reason = f": the catalog has {what}"
        if view.explicit_focus(days[0]) is not None:
            fields.insert(0, "split")
        yield PlanWarning(
            code="no_exercise_for_day",
            fields=fields or ["split"],
            message=f"{_day_words(view, days)}{reason}, so the plan leaves {_join(days)} empty",
        )


def _session_too_short(view: _View) -> Iterator[PlanWarning]:
    """A session whose minutes, after the warm-up, hold no exercise at its minimum sets."""
    data = view.data
    c = data.constraints
    low, high = c.sets_per_exercise
    short: dict[tuple[int, int], list[str]] = {}
    for day in view.days:
        exercises = data.candidates[day]
        if not exercises:
            continue  # said by no_exercise_for_day
        fastest = min(ex.seconds(low) for ex in exercises)
        if fastest > data.budget_seconds[day]:
            need = -(-(fastest + c.warmup_minutes * 60) // 60)
            short.setdefault((c.session_minutes[day], need), []).append(day)
    for (minutes, need), days in short.items():
        yield PlanWarning(
            code="session_too_short",
            fields=[
                *(f"session_minutes.{d}" for d in days),
                "warmup_minutes",
                "sets_per_exercise",
            ],
            message=(
                f"session_minutes: {minutes} on {_join(days)} with warmup_minutes: "
                f"{c.warmup_minutes} and sets_per_exercise: [{low}, {high}]: the shortest "
                f"exercise there takes {need} minutes with the warm-up, so the plan leaves "
                f"{_them(days)} empty"
            ),
        )


# -- pre-exhaust ---------------------------------------------------------------------------------


def _pairs(exercises: Sequence[Exercise], muscle: str) -> list[tuple[Exercise, Exercise]]:
    """(isolation, compound) of `exercises` both working `muscle` as primary."""
    isolations = [e for e in exercises if e.mechanic == "isolation" and muscle in e.primary]
    compounds = [e for e in exercises if e.mechanic == "compound" and muscle in e.primary]
    return [(i, k) for i in isolations for k in compounds]


def _pairable(exercises: Sequence[Exercise], muscle: str, budget: int | None, low: int) -> bool:
    """Whether an isolation and a compound both working `muscle` as primary fit one session
    (of `budget` seconds; None: any length)."""
    return any(
        budget is None or i.seconds(low) + k.seconds(low) <= budget
        for i, k in _pairs(exercises, muscle)
    )


def _pre_exhaust_unpaired(view: _View) -> Iterator[PlanWarning]:
    """ordering: pre_exhaust asks for isolation-then-compound pairs; targeted muscles the
    client's own settings leave without one get none. One line for all of them: the pair count
    is one figure of the week. A muscle the catalog has no pair for is no clash of the file's
    rules and is not reported."""
    data = view.data
    if not data.reward_pairs:
        return
    low = taste.pair_sets(data)  # a pair is `low` isolation sets, then as many compound sets
    fields: list[str] = []
    muscles: list[str] = []
    for muscle, spec in view.asked.items():
        if not view.primary_days[muscle] or not _pairs(data.catalog.exercises, muscle):
            continue  # not trainable at all (target_out_of_reach says so), or the catalog's
        blocked = taste.pair_blocked(data, spec)
        if blocked is not None:
            capped = f"targets.{muscle}.max" if blocked == "max" else "max_muscle_sets_per_session"
            muscles.append(muscle)
            fields += [] if capped in fields else [capped]
            continue
        if any(
            _pairable(view.candidates[d], muscle, data.budget_seconds[d], low) for d in view.days
        ):
            continue
        if any(_pairable(view.candidates[d], muscle, None, low) for d in view.days):
            blamed = ["session_minutes"]  # a pair exists on some day, but not in its minutes
        elif any(_pairable(data.candidates[d], muscle, None, low) for d in view.days):
            blamed = ["sets_per_exercise"]  # a target's max keeps one of the pair out
        elif _pairable(data.usable, muscle, None, low):
            blamed = ["split"]  # usable, but no day's focus holds both
        else:
            blamed = _least_blame(view, _pairs(data.catalog.exercises, muscle))
        muscles.append(muscle)
        fields += [f for f in blamed if f not in fields]
    if not muscles:
        return
    order = ("split", "session_minutes", "sets_per_exercise", *FILTERS)
    fields.sort(key=lambda f: (f in order, order.index(f) if f in order else 0))
    subject = muscles[0] if len(muscles) == 1 else "they"
    yield PlanWarning(
        code="pre_exhaust_unpaired",
        fields=["ordering", *fields],
        message=(
            f"ordering: pre_exhaust with {_settings(view, fields)}: no session can hold "
            f"{low} isolation sets then {low} compound sets for {_join(muscles)}, so {subject} "
            f"{'gets' if len(muscles) == 1 else 'get'} no pre-exhaust pair"
        ),
    )


def short_of_minimums(
    data: ProblemData,
    reports: Mapping[str, TargetReport],
    proven: bool,
    said: Sequence[PlanWarning],
) -> list[PlanWarning]:
    """The week's targets below their min that no check above explains (`said`): the
    minimums compete for the same minutes and caps, and the lower priorities lose. Read from
    the week, not the rules alone: with a proof (`proven`) it is a consequence of the rules, as
    every warning here is (no week reaches more of the weighted minimums); without one it may
    be the search's, and the line says so. A busy client with 2 x 30 minutes and 29 sets of
    minimums otherwise sees a "98% reached" headline and no reason."""
    if data.full:
        return []
    explained = {f for w in said for f in w.fields if f.startswith("targets.")}
    short = [
        (m, reports[m].sets, spec)
        for m, spec in data.targets.items()
        if spec.min_half_sets > 0
        and spec.priority > 0
        and not spec.strict
        and f"targets.{m}.min" not in explained
        and not reports[m].met
    ]
    if not short:
        return []
    c = data.constraints
    listed = _join([f"{m} {sets:g} of {spec.min:g}" for m, sets, spec in short])
    fields = [f"targets.{m}.min" for m, _, _ in short]
    if proven:
        why = (
            "no week reaches every target min under these rules "
            "(proven; each min weighted by its priority)"
        )
        fix = "more session_minutes or days, or lower mins, make room"
        fields += ["session_minutes", "days"]
    else:
        why = f"the best week found in solver.time_limit {c.solver.time_limit:g} s, not proven"
        fix = "a longer solver.time_limit may reach them"
        fields += ["solver.time_limit"]
    message = f"targets below their min: {listed} sets: {why}; {fix}"
    return [
        PlanWarning(
            code="minimums_short",
            fields=fields,
            message=clip(message, limits.MESSAGE_CHARS),
        )
    ]


#: The checks in the order their warnings are listed.
CHECKS: tuple[Callable[[_View], Iterator[PlanWarning]], ...] = (
    _no_targets,
    _recovery_split,
    _recovery_idle_day,
    _target_out_of_reach,
    _max_below_sets_min,
    _no_exercise_for_day,
    _session_too_short,
    _pre_exhaust_unpaired,
)

__all__ = ["CHECKS", "PlanWarning", "clashes", "short_of_minimums"]
