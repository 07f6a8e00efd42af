"""Problem data: the client's constraints resolved against a catalog, with no solver imports.

Everything that can be decided without search happens here (equipment, experience, avoid and
day focus become candidate lists), so the CP-SAT model only holds real choices, and the
validator, the explanation and the benchmarks can share one resolved view of the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

from . import limits
from .catalog import HEAVY_INTENSITY, LEVELS, Catalog, Exercise
from .constraints import Constraints, MovementRule, TargetSpec
from .errors import InputError
from .goals import DEFAULT_GOAL, Goal, default_goals, prescribed_for
from .vocabulary import DAYS


def day_gap_hours(a: str, b: str) -> int:
    """Hours between two weekdays in a repeating week (sun -> mon is 24 h)."""
    diff = abs(DAYS.index(a) - DAYS.index(b)) % 7
    return 24 * min(diff, 7 - diff)


def close_day_pairs(days: list[str], recovery_hours: int) -> list[tuple[str, str]]:
    """Pairs of training days too close for the same primary muscle."""
    return [(a, b) for a, b in combinations(days, 2) if day_gap_hours(a, b) < recovery_hours]


def level_allowed(exercise: Exercise, experience: str) -> bool:
    return LEVELS.index(exercise.level) <= LEVELS.index(experience)


LABELS = ("lower", "push", "pull", "upper", "full")


def smallest_focus(muscles: set[str], focuses: dict[str, frozenset[str]]) -> str:
    """Name a day by the narrowest focus holding all its primary muscles (for split: auto):
    the one with the fewest muscles, so a day of planks and crunches (core, in lower, push and
    pull alike) is `push`, not the first in the list; ties go to the list's order."""
    if not muscles:  # an empty session is labelled as it always was
        return LABELS[0]
    holding = [name for name in LABELS if name == "full" or muscles <= focuses[name]]
    return min(holding, key=lambda name: (len(focuses[name]), LABELS.index(name)))


@dataclass(frozen=True)
class ProblemData:
    """A solver-ready instance. Times are integer seconds; volumes integer half-sets."""

    constraints: Constraints
    catalog: Catalog
    days: tuple[str, ...]
    focus: dict[str, str]
    budget_seconds: dict[str, int]
    owned: frozenset[str]
    usable: tuple[Exercise, ...]
    candidates: dict[str, tuple[Exercise, ...]]
    targets: dict[str, TargetSpec]
    required: tuple[str, ...]
    close_pairs: tuple[tuple[str, str], ...]
    sets_min: int
    sets_max: int
    session_cap_half_sets: int
    reward_pairs: bool
    unavailable: dict[str, str] = field(default_factory=dict)
    training_days: tuple[str, ...] = ()
    full: bool = False
    # exercise ids the client prefers / dislikes (soft: the objective's coach-value tier)
    preferred: frozenset[str] = frozenset()
    disliked: frozenset[str] = frozenset()
    # the file's training goal (models/goals.yaml): the catalog above is already prescribed
    # by it; its per-set points are part of the coach value
    goal: Goal = field(default_factory=lambda: default_goals()[DEFAULT_GOAL])

    @property
    def muscles(self) -> tuple[str, ...]:
        return self.catalog.vocabulary.muscles

    @cached_property
    def valued(self) -> dict[str, TargetSpec]:
        """Targets that earn in the objective: a priority above 0. Read on every term the
        model builds and every move the greedy weighs, so resolved once."""
        return {m: spec for m, spec in self.targets.items() if spec.priority > 0}

    @cached_property
    def two_day_targets(self) -> tuple[str, ...]:
        """Valued targets the hard rules let work as primary on two days: two days not too
        close for `recovery_hours`, each with a candidate that works the muscle as primary.
        Only these can earn the objective's frequency part (`taste.FREQUENCY`), read by the
        model, its bound and the greedy, so resolved once."""
        close = set(self.close_pairs)
        out = []
        for m in self.valued:
            able = [d for d in self.days if any(m in ex.primary for ex in self.candidates[d])]
            if any(
                (a, b) not in close and (b, a) not in close
                for i, a in enumerate(able)
                for b in able[i + 1 :]
            ):
                out.append(m)
        return tuple(out)

    @cached_property
    def minimums(self) -> dict[str, TargetSpec]:
        """Targets whose `min` the attainment tier counts: a min and a priority above 0."""
        return {m: spec for m, spec in self.valued.items() if spec.min_half_sets > 0}

    @property
    def week_seconds(self) -> int:
        """The week's exercise time budget: no week's seconds tier can exceed it."""
        return sum(self.budget_seconds.values())

    @property
    def time_room(self) -> int:
        """The largest time tolerance that can matter, in seconds: the file's maximum, or the
        whole week when that is shorter (a tolerance of a week lets any time through)."""
        return min(self.week_seconds, 60 * int(limits.TIME_TOLERANCE_MINUTES.high))


def exclusion_reason(
    ex: Exercise,
    constraints: Constraints,
    owned: frozenset[str],
    movements: Sequence[MovementRule] | None = None,
) -> str | None:
    """Why a client cannot use an exercise at all, in the words of their file (None if usable).
    `movements`: the file's movement rules, when the caller asks for many exercises (they are
    expanded from the injuries table once, not per exercise)."""
    if ex.id in constraints.avoid.exercises:
        return f"{ex.id} is in avoid.exercises"
    hit = [m for m in (*ex.primary, *ex.secondary) if m in constraints.avoid.muscles]
    if hit:
        return f"{ex.id} works {', '.join(hit)}, which avoid.muscles excludes"
    for rule in constraints.avoided_movements() if movements is None else movements:
        hit = rule.hits(ex.tags, ex.pattern)
        if hit:
            return f"{ex.id} is {', '.join(hit)}, which {rule.text} excludes"
    if not ex.usable_with(owned):
        missing = [
            " or ".join(group) for group in ex.equipment if not any(item in owned for item in group)
        ]
        return f"{ex.id} needs {', '.join(missing)}, which equipment does not include"
    if not level_allowed(ex, constraints.experience):
        return f"{ex.id} is an {ex.level} exercise and experience is {constraints.experience}"
    return None


def build_problem(constraints: Constraints, catalog: Catalog, *, full: bool = False) -> ProblemData:
    """Resolve names against the catalog and filter what no search needs to decide.

    With `full`, nothing is filtered: every exercise is a candidate on all seven days, and
    the filters (equipment, experience, avoid, split, days) become rule groups of the model
    (`cpsat/rules/filters.py`), so an explanation can blame them and a repair can relax them.
    """
    vocab = catalog.vocabulary
    # every exercise as the goal prescribes it: the time budget counts what is printed
    catalog = prescribed_for(catalog, constraints.goal, constraints.rep_ranges)
    for i, name in enumerate(constraints.avoid.exercises):
        catalog.resolve_id(name, f"avoid.exercises[{i}]")
    required = tuple(
        dict.fromkeys(
            catalog.resolve_id(name, f"require[{i}]") for i, name in enumerate(constraints.require)
        )
    )
    preferred = frozenset(
        catalog.resolve_id(name, f"prefer[{i}]") for i, name in enumerate(constraints.prefer)
    )
    disliked = frozenset(
        catalog.resolve_id(name, f"dislike[{i}]") for i, name in enumerate(constraints.dislike)
    )
    for i, name in enumerate(constraints.dislike):
        if catalog.resolve_id(name, f"dislike[{i}]") in preferred:
            raise InputError(
                f"dislike[{i}]", f"{name} is also in prefer", "list it in one of the two"
            )
    for muscle in [*(constraints.targets or {}), *constraints.avoid.muscles]:
        if muscle not in vocab.muscle_size:
            raise InputError("targets", f"muscle {muscle!r} is not in this catalog's vocabulary")
    owned = constraints.owned_equipment(vocab)
    usable: list[Exercise] = []
    unavailable: dict[str, str] = {}
    movements = constraints.avoided_movements()
    for ex in catalog:
        reason = exclusion_reason(ex, constraints, owned, movements)
        if reason is None:
            usable.append(ex)
        else:
            unavailable[ex.id] = reason
    training = tuple(constraints.days)
    days = DAYS if full else training
    focus = {day: constraints.focus_of(day) if day in training else "full" for day in days}
    if full:
        candidates = {day: catalog.exercises for day in days}
    else:
        candidates = {
            day: tuple(ex for ex in usable if set(ex.primary) <= vocab.focuses[focus[day]])
            for day in days
        }
    warmup = constraints.warmup_minutes * 60
    budget = {day: constraints.session_minutes[day] * 60 - warmup for day in training}
    spare = max(budget.values())  # an added day gets the longest session the client has
    budget = {day: budget.get(day, spare) for day in days}
    low, high = constraints.sets_per_exercise
    return ProblemData(
        constraints=constraints,
        catalog=catalog,
        days=days,
        focus=focus,
        budget_seconds=budget,
        owned=owned,
        usable=tuple(usable),
        candidates=candidates,
        targets=constraints.resolved_targets(vocab),
        required=required,
        close_pairs=tuple(close_day_pairs(list(days), constraints.recovery_hours)),
        sets_min=low,
        sets_max=high,
        session_cap_half_sets=int(constraints.max_muscle_sets_per_session * 2 + 1e-9),
        reward_pairs=constraints.ordering == "pre_exhaust",
        unavailable=unavailable,
        training_days=training,
        full=full,
        preferred=preferred,
        disliked=disliked,
        goal=default_goals()[constraints.goal],
    )


def prechecks(data: ProblemData) -> list[str]:
    """Reasons no week can exist that need no search; each names the file's field."""
    reasons: list[str] = []
    for ex_id in data.required:
        if ex_id in data.unavailable:
            reasons.append(f"require: {data.unavailable[ex_id]}")
            continue
        ex = data.catalog[ex_id]
        days = [d for d in data.days if ex in data.candidates[d]]
        if not days:
            reasons.append(
                f"require: {ex_id} works {', '.join(ex.primary)}, which no day's focus in split "
                f"allows ({', '.join(f'{d}: {data.focus[d]}' for d in data.days)})"
            )
            continue
        fits = [d for d in days if ex.seconds(data.sets_min) <= data.budget_seconds[d]]
        if not fits:
            need = -(-(ex.seconds(data.sets_min) + data.constraints.warmup_minutes * 60) // 60)
            reasons.append(
                f"require: {ex_id} takes at least {need} minutes with warm-up, more "
                f"than session_minutes on {', '.join(days)}"
            )
        for muscle in ex.primary:
            spec = data.targets.get(muscle)
            if (
                spec is not None
                and spec.max_half_sets is not None
                and 2 * data.sets_min > spec.max_half_sets
            ):
                reasons.append(
                    f"require: {ex_id} gives {muscle} at least {data.sets_min} sets, "
                    f"above targets.{muscle}.max {spec.max:g}"
                )
    return reasons + _required_over_caps(data)


def _required_over_caps(data: ProblemData) -> list[str]:
    """Required exercises more than a per-session cap can hold on the days they may go to:
    `check` passed three required heavy lifts on one day with max_heavy_per_session 2, and
    only the search found the file impossible."""
    c = data.constraints
    required = [data.catalog[i] for i in data.required if i not in data.unavailable]
    groups: list[tuple[str, int, str, list[Exercise]]] = []
    if c.max_exercises_per_session is not None:
        groups.append(("max_exercises_per_session", c.max_exercises_per_session, "", required))
    if c.max_heavy_per_session is not None:
        heavy = [ex for ex in required if ex.intensity >= HEAVY_INTENSITY]
        groups.append(("max_heavy_per_session", c.max_heavy_per_session, "intensity-5 ", heavy))
    if c.max_compounds_per_pattern is not None:
        patterns: dict[str, list[Exercise]] = {}
        for ex in required:
            if ex.mechanic == "compound" and ex.pattern:
                patterns.setdefault(ex.pattern, []).append(ex)
        for pattern, exs in patterns.items():
            groups.append(
                ("max_compounds_per_pattern", c.max_compounds_per_pattern, f"{pattern} ", exs)
            )
    reasons = []
    for field_name, cap, kind, exs in groups:
        days = [d for d in data.days if any(ex in data.candidates[d] for ex in exs)]
        if exs and len(exs) > cap * len(days):
            ids = ", ".join(ex.id for ex in exs)
            reasons.append(
                f"require: {len(exs)} {kind}exercises ({ids}) on {len(days)} possible day(s), "
                f"more than {field_name}: {cap} a session allows"
            )
    return reasons
