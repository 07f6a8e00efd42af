"""The cuts (dominance, day symmetry, recovery capacity) are valid: they never change the proven
optimum, only how fast it is proven. Small random clients, so both models prove in seconds."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.constraints import SolverSettings, parse_constraints
from optimizer.cpsat import capacity
from optimizer.cpsat import solver as cpsat
from optimizer.problem import build_problem, prechecks
from optimizer.vocabulary import DAYS

from helpers import SOLVING
from test_greedy import CATALOG, PRESETS, VOCAB

PROOF = SolverSettings(time_limit=20, workers=1, seed=0)


@st.composite
def small_clients(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.lists(st.sampled_from(DAYS), min_size=2, max_size=4, unique=True))
    muscles = draw(st.lists(st.sampled_from(VOCAB.muscles), min_size=1, max_size=4, unique=True))
    return {
        "days": days,
        "session_minutes": draw(st.sampled_from((20, 30, 45))),
        "equipment": [draw(st.sampled_from(PRESETS))],
        "targets": {m: {"min": draw(st.sampled_from((4, 8, 12))), "priority": 1} for m in muscles},
        "ordering": draw(st.sampled_from(("pre_exhaust", "compound_first"))),
        "recovery_hours": draw(st.sampled_from((0, 48, 72))),
        "max_muscle_sets_per_session": draw(st.sampled_from((4, 8, 20))),
    }


@settings(SOLVING, max_examples=25)
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
