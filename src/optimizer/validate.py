"""An independent validator: re-checks every hard rule from a Program's own output.

It never looks at solver variables or the model; it recomputes times, volumes, spacing and
order from the program, the constraints and the catalog facts, with its own arithmetic, so a
bug in the model cannot hide behind the same bug here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .catalog import LEVELS, Catalog, load_catalog
from .constraints import Constraints
from .program import Program
from .vocabulary import DAYS

TOLERANCE = 0.02  # minutes; outputs are rounded to 0.01


@dataclass(frozen=True)
class Violation:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


def validate(
    program: Program, constraints: Constraints, catalog: Catalog | None = None
) -> list[Violation]:
    """Every broken rule, in the words of the constraints file; an empty list means valid."""
    catalog = catalog or load_catalog()
    vocab = catalog.vocabulary
    out: list[Violation] = []

    def bad(rule: str, where: str, message: str) -> None:
        out.append(Violation(rule, where, message))

    if program.client != constraints.client:
        bad("client", "client", f"{program.client!r} is not {constraints.client!r}")
    owned = vocab.resolve_equipment(constraints.equipment, "equipment")
    targets = constraints.resolved_targets(vocab)
    low, high = constraints.sets_per_exercise
    cap = constraints.max_muscle_sets_per_session

    listed = [d.day for d in program.days]
    if listed != list(constraints.days):
        bad(
            "days",
            "days",
            f"program days {listed} are not the training days {list(constraints.days)}",
        )

    seen: dict[str, str] = {}
    weekly: dict[str, float] = {}
    primary_days: dict[str, set[str]] = {}
    pairs = 0
    for day in program.days:
        where_day = day.day
        budget = constraints.session_minutes.get(day.day)
        focus_rule = constraints.focus_of(day.day)
        explicit = isinstance(constraints.split, dict) and constraints.split.get(day.day) != "auto"
        if explicit and day.focus != focus_rule:
            bad("split", where_day, f"focus {day.focus} is not the split's {focus_rule}")
        if day.focus not in vocab.focuses:
            bad("split", where_day, f"unknown focus {day.focus}")
        focus_muscles = vocab.focuses.get(day.focus, frozenset())
        total_seconds = 0
        session: dict[str, float] = {}
        for k, item in enumerate(day.exercises):
            where = f"{day.day} #{k + 1} {item.id}"
            if item.id not in catalog:
                bad("catalog", where, "exercise not in the catalog")
                continue
            ex = catalog[item.id]
            facts = {
                "name": ex.name,
                "mechanic": ex.mechanic,
                "intensity": ex.intensity,
                "reps": tuple(ex.reps),
                "rest_seconds": ex.rest_seconds,
                "primary": list(ex.primary),
                "secondary": list(ex.secondary),
            }
            for key, value in facts.items():
                got = getattr(item, key)
                if (tuple(got) if key == "reps" else got) != value:
                    bad("catalog", where, f"{key} {got!r} differs from the catalog's {value!r}")
            if item.id in seen:
                bad("no_repeat", where, f"already used on {seen[item.id]}")
            seen[item.id] = day.day
            if not low <= item.sets <= high:
                bad("sets_per_exercise", where, f"{item.sets} sets, allowed {low}-{high}")
            for group in ex.equipment:
                if not any(i in owned for i in group):
                    bad("equipment", where, f"needs {' or '.join(group)}")
            for used in item.equipment:
                if used not in owned:
                    bad("equipment", where, f"uses {used}, which the client does not have")
            if LEVELS.index(ex.level) > LEVELS.index(constraints.experience):
                bad("experience", where, f"{ex.level} exercise for a {constraints.experience}")
            if item.id in constraints.avoid.exercises:
                bad("avoid.exercises", where, "avoided exercise used")
            for muscle in (*ex.primary, *ex.secondary):
                if muscle in constraints.avoid.muscles:
                    bad("avoid.muscles", where, f"works avoided muscle {muscle}")
            outside = [m for m in ex.primary if m not in focus_muscles]
            if outside:
                bad("split", where, f"primary {outside} outside the {day.focus} focus")
            sides = 2 if ex.unilateral else 1
            seconds = (
                item.sets * (ex.reps_max * ex.seconds_per_rep * sides + ex.rest_seconds)
                + ex.setup_seconds
            )
            total_seconds += seconds
            if abs(item.minutes - seconds / 60) > TOLERANCE:
                bad(
                    "minutes",
                    where,
                    f"reports {item.minutes} min, the catalog gives {seconds / 60:.2f}",
                )
            for muscle in ex.primary:
                session[muscle] = session.get(muscle, 0) + item.sets
                primary_days.setdefault(muscle, set()).add(day.day)
            for muscle in ex.secondary:
                session[muscle] = session.get(muscle, 0) + 0.5 * item.sets
            # ordering rule and pre-exhaust links, from the listed order alone
            if k > 0:
                prev = day.exercises[k - 1]
                if constraints.ordering == "pre_exhaust" and item.intensity < prev.intensity:
                    bad("ordering", where, f"intensity {item.intensity} after {prev.intensity}")
                if constraints.ordering == "compound_first" and item.intensity > prev.intensity:
                    bad("ordering", where, f"intensity {item.intensity} after {prev.intensity}")
            later = [
                e
                for e in day.exercises[k + 1 :]
                if e.mechanic == "compound" and set(e.primary) & set(item.primary)
            ]
            expected = later[0].id if item.mechanic == "isolation" and later else None
            if item.pre_exhausts != expected:
                bad("pre_exhausts", where, f"says {item.pre_exhausts}, expected {expected}")
            if item.mechanic == "compound" and any(
                e.mechanic == "isolation" and set(e.primary) & set(item.primary)
                for e in day.exercises[:k]
            ):
                pairs += 1
        minutes = constraints.warmup_minutes + total_seconds / 60
        if budget is not None and minutes > budget + 1e-9:
            bad("session_minutes", where_day, f"{minutes:.1f} min planned, budget {budget}")
        if abs(day.minutes - minutes) > TOLERANCE:
            bad("minutes", where_day, f"reports {day.minutes} min, recomputed {minutes:.2f}")
        for muscle, sets in session.items():
            if sets > cap + 1e-9:
                bad("max_muscle_sets_per_session", where_day, f"{muscle}: {sets:g} sets > {cap:g}")
        for muscle, sets in session.items():
            weekly[muscle] = weekly.get(muscle, 0.0) + sets

    for ex_id in constraints.require:
        if ex_id not in seen:
            bad("require", ex_id, "required exercise missing")
    for muscle, spec in targets.items():
        if spec.max is not None and weekly.get(muscle, 0.0) > spec.max + 1e-9:
            bad("targets.max", muscle, f"{weekly[muscle]:g} weekly sets > max {spec.max:g}")
    for muscle, days in primary_days.items():
        ordered = sorted(days, key=DAYS.index)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                steps = (DAYS.index(b) - DAYS.index(a)) % 7
                hours = 24 * min(steps, 7 - steps)
                if hours < constraints.recovery_hours:
                    bad(
                        "recovery_hours",
                        muscle,
                        f"primary on {a} and {b}, {hours} h apart < {constraints.recovery_hours}",
                    )
    reported = {m: s for m, s in program.weekly_sets.items() if s}
    recomputed = {m: s for m, s in weekly.items() if s}
    if reported != recomputed:
        bad("weekly_sets", "weekly_sets", f"reported {reported}, recomputed {recomputed}")
    if program.pre_exhaust_pairs != pairs:
        bad(
            "pre_exhaust_pairs",
            "pre_exhaust_pairs",
            f"reported {program.pre_exhaust_pairs}, counted {pairs}",
        )
    if program.gap < 0 or (program.status == "optimal" and not _proven(program, constraints)):
        bad("status", "gap", f"{program.status} with gap {program.gap}")
    return out


def _proven(program: Program, constraints: Constraints) -> bool:
    """An "optimal" week has no gap, or one the client allowed: `relative_gap`, or seconds of
    exercise time under `time_tolerance` (`Program.absolute_gap`)."""
    allowed = constraints.solver
    r = allowed.relative_gap  # over the bound or the objective: either reading passes
    relative = math.inf if r >= 1 else r / (1 - r)
    return (
        program.gap <= 1e-9
        or program.gap <= relative + 1e-9
        or program.absolute_gap <= 60 * allowed.time_tolerance + 1e-6
    )
