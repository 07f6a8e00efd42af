"""The cuts (dominance, day symmetry, recovery capacity) are valid: they never change the proven
optimum, only how fast it is proven. Small random clients, so both models prove in seconds."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.catalog import Catalog
from optimizer.constraints import SolverSettings, parse_constraints
from optimizer.cpsat import capacity, dominance
from optimizer.cpsat import solver as cpsat
from optimizer.problem import build_problem, prechecks
from optimizer.vocabulary import DAYS, default_vocabulary

from helpers import SOLVING
from test_greedy import CATALOG, PRESETS, VOCAB, draw_targets
from tiny import ex

PROOF = SolverSettings(time_limit=4, workers=1, seed=0)


@st.composite
def small_clients(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.lists(st.sampled_from(DAYS), min_size=2, max_size=4, unique=True))
    muscles = draw(st.lists(st.sampled_from(VOCAB.muscles), min_size=1, max_size=4, unique=True))
    targets = draw_targets(draw, muscles, (4, 8, 12), (1, 1, 2, 0), (0, 4))
    raw = {
        "days": days,
        "session_minutes": draw(st.sampled_from((20, 30, 45))),
        "equipment": [draw(st.sampled_from(PRESETS))],
        "targets": targets,
        "ordering": draw(st.sampled_from(("pre_exhaust", "compound_first"))),
        "recovery_hours": draw(st.sampled_from((0, 48, 72))),
        "max_muscle_sets_per_session": draw(st.sampled_from((4, 8, 20))),
    }
    if draw(st.booleans()):  # day focus: dominance must respect each day's candidates
        raw["split"] = {d: draw(st.sampled_from(("lower", "push", "pull", "full"))) for d in days}
    return raw


@settings(SOLVING, max_examples=10)
@given(small_clients())
def test_cuts_keep_the_optimum(raw: dict[str, Any]) -> None:
    data = build_problem(parse_constraints(raw, CATALOG.vocabulary), CATALOG)
    if prechecks(data):
        return
    with_cuts = cpsat.solve(cpsat.build(data), PROOF)
    without = cpsat.solve(cpsat.build(data, cuts=False), PROOF)
    if with_cuts.status == without.status == "optimal":
        assert with_cuts.objective == without.objective
    else:  # a proof that took too long says nothing; both must at least agree it is feasible
        assert {with_cuts.status, without.status} <= {"optimal", "feasible"}


def test_capacity_cuts_are_added_only_where_recovery_applies() -> None:
    base = {"days": ["mon", "tue", "thu"], "session_minutes": 30}
    spaced = build_problem(
        parse_constraints({**base, "recovery_hours": 48}, CATALOG.vocabulary), CATALOG
    )
    built = cpsat.build(spaced)
    assert built.variables.trained
    assert capacity.add(built.model, spaced, built.variables) == len(built.variables.trained)
    free = build_problem(
        parse_constraints({**base, "recovery_hours": 0}, CATALOG.vocabulary), CATALOG
    )
    built = cpsat.build(free)
    assert capacity.add(built.model, free, built.variables) == 0


def _curls(*exercises) -> Catalog:
    return Catalog(list(exercises), default_vocabulary(), source="curls")


def _dominators(catalog: Catalog, targets: dict[str, int]) -> dict[str, str]:
    raw = {"days": ["mon", "thu"], "session_minutes": 60, "targets": targets}
    data = build_problem(parse_constraints(raw, catalog.vocabulary), catalog)
    return dominance.dominators(data, catalog.ids)


def test_load_on_a_muscle_the_client_does_not_name_only_counts_against_an_exercise() -> None:
    """Same biceps credit and time; the grip curl also works forearms. For a biceps-only client
    that extra load can only cost (per-session caps), so the plain curl dominates; once forearms
    is a target the two differ in what the objective sees and neither dominates."""
    catalog = _curls(
        ex("curl_plain", "isolation", 2, ("biceps",)),
        ex("curl_grip", "isolation", 2, ("biceps",), ("forearms",)),
    )
    assert _dominators(catalog, {"biceps": 10}) == {"curl_grip": "curl_plain"}
    assert _dominators(catalog, {"biceps": 10, "forearms": 4}) == {}


def test_a_faster_exercise_with_more_load_elsewhere_dominates_nothing() -> None:
    catalog = _curls(
        ex("curl_slow", "isolation", 2, ("biceps",)),  # 90 s a set
        ex("curl_fast", "isolation", 2, ("biceps",), ("forearms",), rest_seconds=45),  # 75 s
    )
    assert _dominators(catalog, {"biceps": 10}) == {}


def lp_bound(built: cpsat.BuiltModel) -> float:
    """The LP relaxation's bound of a built model (HiGHS on its translation, integrality off)."""
    import numpy as np

    from optimizer.cpsat import mip

    t = mip.translate(built.model)
    h = mip.highs_model(t, 60, absolute_gap=mip.ABSOLUTE_GAP, seed=0)
    n = len(t.cost)
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.zeros(n, dtype=np.uint8))
    h.run()
    return t.scale * h.getInfo().objective_function_value


def test_the_perspective_cut_stops_half_training_every_day() -> None:
    """Six days in a row at 48 h: each muscle can be trained every other day, so its volume
    lands in three sessions and pays the per-session loss. Without the perspective cut the LP
    trains every muscle "half" on all six days and pays none; with it the bound falls by more
    than a hundred points (one point weighs `weights.value`)."""
    from optimizer import load_constraints

    from helpers import EXAMPLES

    constraints = load_constraints(
        EXAMPLES / "coach" / "advanced_bodybuilder_6day.yaml", CATALOG.vocabulary
    )
    data = build_problem(constraints, CATALOG)
    plain = cpsat.build(data)
    assert plain.objective is not None
    point = plain.objective.weights.value
    cut = lp_bound(plain)
    # the same model without the cut: spread() alone, the rest of the cuts kept
    from optimizer.cpsat import objective as objective_module

    original = objective_module.spread
    try:
        objective_module.spread = lambda m, d, v, cuts=True: original(m, d, v, False)
        uncut = lp_bound(cpsat.build(data))
    finally:
        objective_module.spread = original
    assert (uncut - cut) / point > 100


def test_two_variants_of_one_movement_share_a_session_only_when_one_cannot_hold_their_sets() -> (
    None
):
    """The merge cut: the plain curl dominates the grip curl, so 2 + 2 sets of them on one day
    (4, which one exercise may have) is cut, the week with the 4 sets on the plain curl stays;
    3 + 3 (6, more than `sets_per_exercise` allows one exercise) is kept."""
    from ortools.sat.python import cp_model

    catalog = _curls(
        ex("curl_plain", "isolation", 2, ("biceps",)),
        ex("curl_grip", "isolation", 2, ("biceps",), ("forearms",)),
    )
    raw = {"days": ["mon", "thu"], "session_minutes": 60, "targets": {"biceps": 10}}
    data = build_problem(parse_constraints(raw, catalog.vocabulary), catalog)

    def feasible(sets: dict[str, int]) -> bool:
        built = cpsat.build(data, with_objective=False)
        for item in built.variables.by_day["mon"]:
            built.model.add(item.sets == sets.get(item.exercise.id, 0))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = 5
        return solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    assert data.sets_max == 5
    assert not feasible({"curl_plain": 2, "curl_grip": 2})
    assert feasible({"curl_plain": 4})
    assert feasible({"curl_plain": 3, "curl_grip": 3})
