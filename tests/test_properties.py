"""Property-based tests: random constraints files in, valid programs (or a clean refusal) out.

The solving properties run the whole pipeline (parse -> build -> CP-SAT -> Program) on random
but valid constraints and re-check every result with the independent validator; the validity
and ordering properties run over both engines that build weeks, CP-SAT (`plan`) and the greedy
(`greedy_program`, the warm start and the benchmarks' baseline). The sorting
properties need no solver: they check that `order_session` is exact for the ordering rule,
which is why the model has no position variables.

Every test is derandomized, so a run is reproducible in CI; the number of examples is kept
small for the solving properties (each solve takes up to `time_limit` seconds).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import pairwise, permutations
from typing import Any

import pytest
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

from optimizer import (
    InfeasibleError,
    NoProgramError,
    Program,
    SolverTimeoutError,
    load_catalog,
    plan,
    taste,
    validate,
)
from optimizer.assignments import greedy_program
from optimizer.catalog import Exercise
from optimizer.constraints import Constraints, parse_constraints
from optimizer.cpsat.solver import build as build_model
from optimizer.goals import default_goals
from optimizer.injuries import default_injuries
from optimizer.ordering import (
    ORDERINGS,
    order_session,
    pair_count,
    pre_exhausted_by,
    shares_primary,
)
from optimizer.problem import build_problem
from optimizer.vocabulary import DAYS, FOCUSES, default_vocabulary

from helpers import SOLVING

# -- shared data, loaded once -------------------------------------------------------------------

CATALOG = load_catalog()
VOCAB = default_vocabulary()
EXERCISES: tuple[Exercise, ...] = CATALOG.exercises
EXERCISE_IDS: tuple[str, ...] = CATALOG.ids
MUSCLES: tuple[str, ...] = VOCAB.muscles
PRESETS: tuple[str, ...] = ("commercial_gym", "home_gym", "dumbbells_only", "bodyweight_only")
EQUIPMENT: tuple[str, ...] = VOCAB.equipment
EXPERIENCE: tuple[str, ...] = ("beginner", "intermediate", "advanced")
RECOVERY_HOURS: tuple[int, ...] = (0, 24, 48, 72)
TAGS: tuple[str, ...] = VOCAB.tags
PATTERNS: tuple[str, ...] = VOCAB.patterns
INJURIES: tuple[str, ...] = tuple(default_injuries())
GOALS: tuple[str, ...] = tuple(default_goals())
TIMING_FIELDS: tuple[str, ...] = ("solve_seconds", "build_seconds")
# the engines that build weeks; the greedy is fast, so its draws cost little beside CP-SAT's
ENGINES: tuple[str, ...] = ("cp-sat", "greedy")

# Solving properties: few examples, no deadline (a solve may use its whole 2 s time limit).
# Pure sorting properties: cheap, so many examples.
SORTING = settings(max_examples=200, deadline=None, derandomize=True, database=None)


# -- strategies ----------------------------------------------------------------------------------


def usable_ids(
    equipment: list[str], experience: str, avoid: dict[str, list[str]]
) -> tuple[str, ...]:
    """Catalog ids this client's equipment, experience and avoid lists allow."""
    owned = VOCAB.resolve_equipment(equipment, "equipment")
    spared = set(avoid.get("muscles", ()))
    return tuple(
        ex.id
        for ex in EXERCISES
        if ex.usable_with(owned)
        and EXPERIENCE.index(ex.level) <= EXPERIENCE.index(experience)
        and ex.id not in avoid.get("exercises", ())
        and not spared & {*ex.primary, *ex.secondary}
    )


@st.composite
def target_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """One muscle's weekly target: min 0-16 (in half sets), optional max >= min, priority 0-3."""
    # sampled_from draws evenly, where integers() and lists() lean to their small ends; with
    # min 0 or priority 0 everywhere the best week is empty and would test nothing. Priority 1
    # comes first so that it, not 0, is what Hypothesis treats (and shrinks to) as simplest.
    low = draw(st.sampled_from(range(33))) / 2
    spec: dict[str, Any] = {"min": low, "priority": draw(st.sampled_from((1, 2, 3, 0)))}
    if draw(st.booleans()):
        spec["max"] = low + draw(st.sampled_from(range(25))) / 2
    return spec


@st.composite
def constraints_strategy(
    draw: st.DrawFn,
    *,
    require: bool = True,
    orderings: tuple[str, ...] = ORDERINGS,
) -> dict[str, Any]:
    """A valid constraints mapping, as a client or an app would write it.

    `require=False` leaves `require` empty; the empty week then satisfies every hard rule, so
    such an instance is never infeasible. `orderings` narrows the ordering rule drawn.
    """
    days = draw(st.permutations(DAYS))[: draw(st.sampled_from(range(1, 7)))]
    minutes = st.integers(20, 120)
    session_minutes = draw(st.one_of(minutes, st.fixed_dictionaries({d: minutes for d in days})))
    presets = draw(st.lists(st.sampled_from(PRESETS), max_size=2, unique=True))
    items = draw(
        st.lists(st.sampled_from(EQUIPMENT), min_size=0 if presets else 1, max_size=4, unique=True)
    )
    equipment = presets + items
    experience = draw(st.sampled_from(EXPERIENCE))
    muscles = draw(st.permutations(MUSCLES))[: draw(st.sampled_from(range(1, 9)))]
    targets = {m: draw(target_strategy()) for m in muscles}
    avoid: dict[str, list[str]] = {}
    if draw(st.booleans()):
        avoid["muscles"] = draw(st.lists(st.sampled_from(MUSCLES), max_size=2, unique=True))
    if draw(st.booleans()):
        avoid["exercises"] = draw(st.lists(st.sampled_from(EXERCISE_IDS), max_size=3, unique=True))
    required: list[str] = []
    if require:
        # Half the time from what this client can use, so `require` reaches the solver (and
        # its spacing, time and focus rules) instead of failing the prechecks on equipment.
        usable = usable_ids(equipment, experience, avoid) if draw(st.booleans()) else ()
        required = draw(st.lists(st.sampled_from(usable or EXERCISE_IDS), max_size=2, unique=True))
    split: str | dict[str, str] = draw(
        st.one_of(
            st.just("auto"),
            st.fixed_dictionaries({d: st.sampled_from((*FOCUSES, "auto")) for d in days}),
        )
    )
    data = {
        "client": "property",
        "days": days,
        "session_minutes": session_minutes,
        "equipment": equipment,
        "experience": experience,
        "targets": targets,
        "avoid": avoid,
        "require": required,
        "split": split,
        "ordering": draw(st.sampled_from(orderings)),
        "recovery_hours": draw(st.sampled_from(RECOVERY_HOURS)),
        "solver": {"time_limit": 1, "seed": draw(st.integers(0, 5)), "workers": 1},
        # drawn last, so the draws above stay what they were before the setting existed
        "max_exercises_per_session": draw(st.sampled_from((None, None, 2, 3, 5))),
    }
    # issue 14's fields, drawn after the rest for the same reason: the validator re-checks
    # every avoided tag, pattern and injury from the catalog and models/injuries.yaml
    if draw(st.booleans()):
        avoid["tags"] = draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))
        avoid["patterns"] = draw(st.lists(st.sampled_from(PATTERNS), max_size=2, unique=True))
    data["injuries"] = draw(st.lists(st.sampled_from(INJURIES), max_size=2, unique=True))
    data["goal"] = draw(st.sampled_from(GOALS))
    # issue 15, drawn last too; compound_first refuses supersets at input
    if data["ordering"] != "compound_first":
        data["supersets"] = draw(st.sampled_from(("none", "none", "allowed", "pre_exhaust")))
    return data


def exercise_subsets(max_size: int) -> st.SearchStrategy[list[Exercise]]:
    """Distinct catalog exercises, as one session might hold them."""
    return st.lists(st.sampled_from(EXERCISES), max_size=max_size, unique_by=lambda e: e.id)


# -- helpers -------------------------------------------------------------------------------------


def parsed(data: dict[str, Any]) -> Constraints:
    """The strategy only draws valid files, so parsing must never raise."""
    return parse_constraints(data, VOCAB)


def solve_valid(
    constraints: Constraints, engine: str = "cp-sat", **overrides: Any
) -> tuple[str, Program | None]:
    """Build a week with `engine` and validate it: (outcome, program). Infeasible and timeout
    are acceptable refusals, and so is a greedy that gets stuck (`NoProgramError`: a required
    exercise or strict minimum it cannot place); any other exception propagates and fails the
    property; a program must have no violation. `overrides` are CP-SAT's solver settings."""
    try:
        if engine == "greedy":
            program = greedy_program(constraints, CATALOG)
        else:
            program = plan(constraints, CATALOG, **overrides)
    except InfeasibleError:
        outcome, program = "infeasible", None
    except SolverTimeoutError:
        outcome, program = "timeout", None
    except NoProgramError:
        if engine != "greedy":
            raise
        outcome, program = "greedy stuck", None
    else:
        outcome = program.status
        violations = validate(program, constraints, CATALOG)
        assert not violations, "\n".join(str(v) for v in violations)
    event(f"outcome: {outcome}")
    note(f"outcome: {outcome}")
    return outcome, program


def comparable(program: Program) -> dict[str, Any]:
    """The program as JSON data without wall-clock fields, which differ between runs."""
    data = program.model_dump(mode="json")
    for key in TIMING_FIELDS:
        data.pop(key)
    return data


ALL_MUSCLES = VOCAB.muscles


def count_pairs(
    ordered: list[tuple[Exercise, int]], wanted: Iterable[str] = ALL_MUSCLES, need: int = 3
) -> int:
    """The pre-exhaust pair definition, written out independently of `ordering.pair_count`:
    muscles of `wanted` with `need` or more sets of isolations (working it as primary) placed
    before `need` or more sets of compounds that also work it as primary."""

    def sets(rows: list[tuple[Exercise, int]], muscle: str, mechanic: str) -> int:
        return sum(n for ex, n in rows if ex.mechanic == mechanic and muscle in ex.primary)

    return sum(
        any(
            sets(ordered[:k], muscle, "isolation") >= need
            and sets(ordered[k:], muscle, "compound") >= need
            for k in range(len(ordered) + 1)
        )
        for muscle in wanted
    )


def non_decreasing(values: list[int]) -> bool:
    return all(a <= b for a, b in pairwise(values))


def non_increasing(values: list[int]) -> bool:
    return all(a >= b for a, b in pairwise(values))


# -- solving properties --------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@SOLVING
@given(constraints_strategy())
def test_plan_is_valid_or_refuses_cleanly(engine: str, data: dict[str, Any]) -> None:
    """A program passes the validator with no violation; otherwise the only refusals are
    InfeasibleError and SolverTimeoutError (and, for the greedy, getting stuck)."""
    solve_valid(parsed(data), engine)


def test_strategy_without_require_is_mostly_feasible() -> None:
    """Guard against a strategy that only tests refusals: without `require` the empty week fits
    every hard rule, so no draw may be infeasible and nearly all must yield a program."""
    outcomes: Counter[str] = Counter()

    @settings(SOLVING, max_examples=22)
    @given(constraints_strategy(require=False))
    def run(data: dict[str, Any]) -> None:
        outcome, _ = solve_valid(parsed(data))
        outcomes[outcome] += 1

    run()
    total = sum(outcomes.values())
    assert total >= 20, outcomes
    assert outcomes["infeasible"] == 0, outcomes
    assert outcomes["optimal"] + outcomes["feasible"] >= 0.9 * total, outcomes


@pytest.mark.parametrize("engine", ENGINES)
@settings(SOLVING, max_examples=12)
@given(constraints_strategy(orderings=("pre_exhaust",)))
def test_pre_exhaust_days_rise_in_intensity_and_name_their_compound(
    engine: str, data: dict[str, Any]
) -> None:
    constraints = parsed(data)
    _, program = solve_valid(constraints, engine)
    if program is None:
        return
    targets = constraints.resolved_targets(CATALOG.vocabulary)
    wanted = [m for m, spec in targets.items() if spec.priority > 0]
    pairs = 0
    for day in program.days:
        rows = day.exercises
        # a superset is one block at its compound's intensity (README, Supersets)
        units = [
            r.intensity
            for k, r in enumerate(rows)
            if not (r.superset and k + 1 < len(rows) and rows[k + 1].superset == r.superset)
        ]
        assert non_decreasing(units), day.day
        for k, row in enumerate(rows):
            later = [
                r.id
                for r in rows[k + 1 :]
                if r.mechanic == "compound" and set(r.primary) & set(row.primary)
            ]
            if row.mechanic == "isolation" and later:
                assert row.pre_exhausts == later[0], (day.day, row.id)
            else:
                assert row.pre_exhausts is None, (day.day, row.id)
        need = min(3, constraints.sets_per_exercise[1])
        pairs += count_pairs([(CATALOG[r.id], r.sets) for r in rows], wanted, need)
    assert program.pre_exhaust_pairs == pairs


@pytest.mark.parametrize("engine", ENGINES)
@settings(SOLVING, max_examples=12)
@given(constraints_strategy(orderings=("compound_first",)))
def test_compound_first_days_fall_in_intensity(engine: str, data: dict[str, Any]) -> None:
    _, program = solve_valid(parsed(data), engine)
    if program is None:
        return
    for day in program.days:
        assert non_increasing([r.intensity for r in day.exercises]), day.day
        assert all(r.pre_exhausts is None for r in day.exercises), day.day
    assert program.pre_exhaust_pairs == 0


@settings(SOLVING, max_examples=12)
@given(constraints_strategy(), st.lists(st.integers(0, 5), min_size=2, max_size=2, unique=True))
def test_another_seed_keeps_the_program_valid(data: dict[str, Any], seeds: list[int]) -> None:
    """The seed steers the search, never the rules: both seeds give a valid program, a proof
    (optimal value, infeasibility) cannot depend on the seed, and neither can a week proven
    exactly (the tie-break solve picks one of the equally good weeks by a fixed order)."""
    constraints = parsed(data)
    first, a = solve_valid(constraints, seed=seeds[0], workers=1)
    second, b = solve_valid(constraints, seed=seeds[1], workers=1)
    outcomes = {first, second}
    assert not ("infeasible" in outcomes and outcomes & {"optimal", "feasible"}), outcomes
    if a is not None and b is not None:
        assert a.solver["seed"] != b.solver["seed"]
        if a.status == b.status == "optimal":
            assert a.objective == b.objective
            if a.solver.get("tie_break") and b.solver.get("tie_break"):
                assert [d.exercises for d in a.days] == [d.exercises for d in b.days]


@settings(SOLVING, max_examples=12)
@given(constraints_strategy())
def test_same_seed_single_worker_repeats_an_optimal_program(data: dict[str, Any]) -> None:
    constraints = parsed(data)
    first, a = solve_valid(constraints, workers=1)
    if a is None or first != "optimal":
        event("repeat: skipped, first solve not optimal")
        return
    # a longer limit: one worker searches the same path, and the proof must not depend on
    # how loaded the machine is when the repeat runs
    _, b = solve_valid(constraints, workers=1, time_limit=10)
    assert b is not None and b.status == "optimal"
    assert a.objective == b.objective
    if a.solver.get("tie_break"):  # the week itself: the first optimal one in a fixed order
        assert a.days == b.days


# -- sorting properties (no solver) --------------------------------------------------------------


def with_sets(ordered: list[Exercise], counts: list[int]) -> list[tuple[Exercise, int]]:
    """Each exercise with a drawn number of sets, the same for it in any order."""
    by_id = {
        e.id: counts[k % len(counts)] for k, e in enumerate(sorted(ordered, key=lambda e: e.id))
    }
    return [(e, by_id[e.id]) for e in ordered]


SET_COUNTS = st.lists(st.integers(1, 5), min_size=1, max_size=16)


@SORTING
@given(exercise_subsets(16), st.booleans(), SET_COUNTS)
def test_order_session_is_a_sorted_permutation(
    subset: list[Exercise], sized: bool, counts: list[int]
) -> None:
    sizes = VOCAB.muscle_size if sized else None
    ids = sorted(e.id for e in subset)

    pre = order_session(subset, "pre_exhaust", sizes)
    assert sorted(e.id for e in pre) == ids
    assert non_decreasing([e.intensity for e in pre])
    assert order_session(subset, "free", sizes) == pre

    first = order_session(subset, "compound_first", sizes)
    assert sorted(e.id for e in first) == ids
    assert non_increasing([e.intensity for e in first])

    for ordered in (pre, first, subset):
        for need in (1, 3):
            rows = with_sets(ordered, counts)
            assert pair_count(rows, ALL_MUSCLES, need) == count_pairs(rows, ALL_MUSCLES, need)
    # Sorted for pre-exhaust, every isolation precedes every compound: each muscle with 3 sets
    # of isolation and 3 of compound work as primary in the session is a pair (taste.holds_pair).
    rows = with_sets(pre, counts)
    both = {m for m in ALL_MUSCLES if taste.holds_pair(rows, m, 3)}
    assert pair_count(rows, ALL_MUSCLES, 3) == len(both)

    feeds = pre_exhausted_by(pre)
    for k, ex in enumerate(pre):
        later = [c.id for c in pre[k + 1 :] if c.mechanic == "compound" and shares_primary(ex, c)]
        expected = later[0] if ex.mechanic == "isolation" and later else None
        assert feeds[ex.id] == expected


@SORTING
@given(exercise_subsets(6), st.booleans(), SET_COUNTS)
def test_sorting_reaches_the_most_pairs_any_valid_order_can(
    subset: list[Exercise], sized: bool, counts: list[int]
) -> None:
    """Brute force: over every order with non-decreasing intensity, the best pair count is the
    one the sort gives, so position variables could not find a better session."""
    sizes = VOCAB.muscle_size if sized else None
    ordered = order_session(subset, "pre_exhaust", sizes)
    valid = [list(p) for p in permutations(subset) if non_decreasing([e.intensity for e in p])]
    assert [e.id for e in ordered] in [[e.id for e in p] for p in valid]
    most = max(pair_count(with_sets(p, counts), ALL_MUSCLES, 3) for p in valid)
    assert most == pair_count(with_sets(ordered, counts), ALL_MUSCLES, 3)


@settings(SOLVING, max_examples=4)
@given(constraints_strategy(require=False))
def test_supersets_none_is_the_week_without_the_setting(data: dict[str, Any]) -> None:
    """`supersets: none` adds nothing to the model: the very model of a file without it,
    variable for variable (so the same week, whatever the clock; comparing two time-limited
    solves instead failed whenever the machine was busy), and its week is valid."""
    data = {**data, "supersets": "none"}
    without = {k: v for k, v in data.items() if k != "supersets"}
    try:
        models = [
            str(build_model(build_problem(parsed(d), CATALOG)).model.proto) for d in (data, without)
        ]
    except InfeasibleError:
        return
    assert models[0] == models[1]
    solve_valid(parsed(data))


@settings(SOLVING, max_examples=5)
@given(constraints_strategy(require=False))
def test_supersets_allowed_is_never_worse_than_none(data: dict[str, Any]) -> None:
    """Supersets only add options: on weeks both prove optimal, `allowed` scores at least what
    `none` does, tier by tier (attainment, coach value, then fewer seconds)."""
    if data["ordering"] == "compound_first":
        data = {**data, "ordering": "pre_exhaust"}
    outcome = {}
    for mode in ("none", "allowed"):
        file = {**data, "supersets": mode, "solver": {**data["solver"], "time_limit": 3}}
        outcome[mode] = solve_valid(parsed(file))[1]
    plain, allowed = outcome["none"], outcome["allowed"]
    if plain is None or allowed is None or "feasible" in (plain.status, allowed.status):
        return
    a, b = allowed.objective_terms, plain.objective_terms
    assert (a["attainment"], a["value"]) >= (b["attainment"], b["value"])
    if (a["attainment"], a["value"]) == (b["attainment"], b["value"]):
        assert a["exercise_minutes"] <= b["exercise_minutes"] + 1e-6
