"""Weeks for the validator tests: one small client planned once, and hand-built Programs whose
every reported field (minutes, pre-exhaust links, weekly sets, pairs) agrees with their
listing, so that a test breaks exactly the rule it means to and nothing else."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from optimizer import load_catalog, plan, validate
from optimizer.constraints import Constraints, parse_constraints
from optimizer.goals import rir_for
from optimizer.ordering import pair_count
from optimizer.program import DayPlan, Program, ProgramExercise
from optimizer.validate import Violation, Week
from optimizer.validate.context import build_week
from optimizer.vocabulary import DAYS

CATALOG = load_catalog()
VOCAB = CATALOG.vocabulary

# Three full-body days: quads need two sessions (12 sets, at most 10 in one), so a muscle is
# primary on two days; the lats, chest and quads isolations give pre-exhaust pairs.
CLIENT: dict[str, Any] = {
    "client": "rules",
    "days": ["mon", "wed", "fri"],
    "session_minutes": 45,
    "equipment": ["commercial_gym"],
    "experience": "intermediate",
    "targets": {
        "quads": {"min": 12, "max": 16},
        "chest": {"min": 8, "max": 12},
        # with maxima: a target without one keeps earning volume (the coach-value tier), and
        # a test reads the week against the default targets too
        "lats": "8-14",
        "biceps": "4-10",
    },
    "solver": {"time_limit": 5, "workers": 1},
}

# A hand-built week that keeps every rule of `client()`: an isolation before its compound
# each day (three pairs), every session well inside 45 minutes.
BASIC: dict[str, list[tuple[str, int]]] = {
    "mon": [("leg_extension", 3), ("machine_hack_squat", 3)],
    "wed": [("pec_deck_machine_fly", 3), ("machine_chest_press", 3)],
    "fri": [("straight_arm_pulldown", 3), ("lat_pulldown", 3)],
}


def client(**fields: Any) -> Constraints:
    """`CLIENT` with some fields replaced (a field set to None is dropped: its default)."""
    data = {k: v for k, v in {**CLIENT, **fields}.items() if v is not None}
    return parse_constraints(data, VOCAB)


@cache
def planned() -> Program:
    """`client()` planned by CP-SAT once per test session (read it, never mutate it)."""
    return plan(client(), CATALOG, time_limit=5, workers=1)


def build(
    listing: Mapping[str, Sequence[tuple[str, int]]],
    constraints: Constraints,
    *,
    focus: Mapping[str, str] | None = None,
) -> Program:
    """A Program listing `listing` ({day: [(exercise id, sets), ...]}, in session order), its
    reported fields computed from that listing with the catalog's formulas.

    Every training day is listed (empty when `listing` leaves it out), and so is any other
    day `listing` names, in week order. A day's focus is `focus[day]`, else the split's."""
    owned = constraints.owned_equipment(VOCAB)
    days: list[DayPlan] = []
    weekly: dict[str, float] = {}
    pairs = 0
    targets = constraints.resolved_targets(VOCAB)
    wanted = [m for m, spec in targets.items() if spec.priority > 0]
    for day in sorted({*constraints.days, *listing}, key=DAYS.index):
        chosen = [(CATALOG[ex_id], sets) for ex_id, sets in listing.get(day, ())]
        rows = []
        for k, (ex, sets) in enumerate(chosen):
            shares = [e for e, _ in chosen if set(e.primary) & set(ex.primary)]
            later = [e.id for e, _ in chosen[k + 1 :] if e in shares and e.mechanic == "compound"]
            for muscle in ex.primary:
                weekly[muscle] = weekly.get(muscle, 0.0) + sets
            for muscle in ex.secondary:
                weekly[muscle] = weekly.get(muscle, 0.0) + 0.5 * sets
            pre_exhausts = later[0] if ex.mechanic == "isolation" and later else None
            rir = rir_for(ex, constraints.goal)
            rows.append(ProgramExercise.of(ex, sets, ex.equipment_used(owned), pre_exhausts, rir))
        pairs += pair_count(chosen, wanted, min(3, constraints.sets_per_exercise[1]))
        seconds = sum(ex.seconds(sets) for ex, sets in chosen)
        days.append(
            DayPlan(
                day=day,
                focus=(focus or {}).get(day, constraints.focus_of(day)),
                minutes=round(constraints.warmup_minutes + seconds / 60, 2),
                budget_minutes=constraints.session_minutes.get(day, 0),
                warmup_minutes=constraints.warmup_minutes,
                exercises=rows,
            )
        )
    return Program(
        client=constraints.client,
        status="feasible",
        objective=0.0,
        best_bound=0.0,
        gap=0.0,
        solve_seconds=0.0,
        ordering=constraints.ordering,
        days=days,
        weekly_sets=weekly,
        pre_exhaust_pairs=pairs,
    )


def edit_row(program: Program, day: str, index: int, **changes: Any) -> Program:
    """A deep copy of `program` with fields of one listed exercise replaced."""
    copy = program.model_copy(deep=True)
    plan_ = next(d for d in copy.days if d.day == day)
    plan_.exercises[index] = plan_.exercises[index].model_copy(update=changes)
    return copy


def edit_day(program: Program, day: str, **changes: Any) -> Program:
    """A deep copy of `program` with fields of one day replaced."""
    copy = program.model_copy(deep=True)
    copy.days = [d.model_copy(update=changes) if d.day == day else d for d in copy.days]
    return copy


def week(program: Program, constraints: Constraints) -> Week:
    """What a `check_<group>` function reads."""
    return build_week(program, constraints, CATALOG)


def show(violations: Iterable[Violation]) -> str:
    return "\n".join(str(v) for v in violations) or "no violation"


def passes(program: Program, constraints: Constraints) -> None:
    found = validate(program, constraints, CATALOG)
    assert found == [], show(found)


def broken(program: Program, constraints: Constraints, rule: str) -> list[Violation]:
    """The program's violations, asserted to be at least one and all of `rule`."""
    found = validate(program, constraints, CATALOG)
    assert found, f"expected a {rule} violation, found none"
    assert {v.rule for v in found} == {rule}, show(found)
    return found


def session_sets(program: Program) -> list[dict[str, float]]:
    """Fractional sets per muscle of each listed day, from the rows' own muscle lists."""
    return [day.muscle_sets() for day in program.days]
