"""Rule group `targets`: weekly fractional sets never above a target's `max`
("targets.max"), and at least its `min` when the target is `strict` ("targets.min"); a
goal's `min` is not a rule."""

from __future__ import annotations

import pytest

from optimizer import plan
from optimizer.assignments import greedy_program
from optimizer.constraints import Constraints, TargetSpec, parse_constraints
from optimizer.cpsat.rules.targets import GROUP
from optimizer.validate.targets import check_targets

from .weeks import BASIC, CATALOG, CLIENT, broken, build, client, passes, week
from tiny import fix, setup, status

# -- validator --


def test_the_planned_week_keeps_its_targets(program, constraints) -> None:
    assert list(check_targets(week(program, constraints))) == []
    passes(program, constraints)
    passes(program, client(targets=None))  # the default targets (muscles.yaml `default`)


def quads_as(spec: dict) -> Constraints:
    """The client with only its quads target changed: the other targets stay, so the week's
    pre-exhaust pairs (counted over the targeted muscles) still match its report."""
    return client(targets={**CLIENT["targets"], "quads": spec})


def test_a_max_below_the_weekly_sets(program) -> None:
    quads = program.weekly_sets["quads"]
    capped = quads_as({"max": quads - 0.5})
    (found,) = broken(program, capped, "targets.max")
    assert (found.where, found.message) == ("quads", f"{quads:g} weekly sets > max {quads - 0.5:g}")
    passes(program, quads_as({"max": quads}))


def test_secondary_sets_count_toward_a_max(constraints) -> None:
    program = build(BASIC, constraints)  # glutes only as a secondary: 0.5 x 3 squat sets
    assert program.weekly_sets["glutes"] == 1.5
    (found,) = check_targets(week(program, client(targets={"glutes": {"max": 1}})))
    assert (found.rule, found.message) == ("targets.max", "1.5 weekly sets > max 1")


def test_a_strict_min_not_reached(program) -> None:
    quads = program.weekly_sets["quads"]
    goal = quads_as({"min": quads + 0.5})
    passes(program, goal)  # a goal may fall short
    strict = quads_as({"min": quads + 0.5, "strict": True})
    (found,) = broken(program, strict, "targets.min")
    assert (found.where, found.message) == (
        "quads",
        f"{quads:g} weekly sets < strict min {quads + 0.5:g}",
    )
    passes(program, quads_as({"min": quads, "strict": True}))


def test_a_strict_min_of_a_muscle_the_week_never_works(program) -> None:
    assert "calves" not in program.weekly_sets
    strict = client(targets={"calves": {"min": 2, "strict": True}, "quads": 4})
    found = list(check_targets(week(program, strict)))
    assert [(v.rule, v.where, v.message) for v in found] == [
        ("targets.min", "calves", "0 weekly sets < strict min 2")
    ]


# -- model --


def test_model_weekly_max_is_hard() -> None:
    model, v, _ = setup(GROUP, targets={"quads": {"min": 4, "max": 6}})
    fix(model, v, {("mon", "squat"): 4, ("wed", "knee_ext"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(GROUP, targets={"quads": {"min": 4, "max": 7}})
    fix(model, v, {("mon", "squat"): 4, ("wed", "knee_ext"): 3})
    assert status(model) == "OPTIMAL"


def test_model_strict_min_is_hard() -> None:
    model, v, _ = setup(GROUP, targets={"quads": {"min": 8, "strict": True}})
    fix(model, v, {("mon", "squat"): 4, ("wed", "knee_ext"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(GROUP, targets={"quads": {"min": 7, "strict": True}})
    fix(model, v, {("mon", "squat"): 4, ("wed", "knee_ext"): 3})
    assert status(model) == "OPTIMAL"


@pytest.mark.parametrize(
    ("sets", "half"), [(10, 20), (10.5, 21), (10.25, 21), (10.2, 21), (0.1, 1)]
)
def test_model_min_in_half_sets_rounds_up(sets: float, half: int) -> None:
    assert TargetSpec(min=sets).min_half_sets == half


def test_a_strict_min_between_half_sets_is_reached_on_both_engines() -> None:
    data = {
        "client": "quarter",
        "days": ["mon", "thu"],
        "session_minutes": 60,
        "targets": {"quads": {"min": 10.25, "strict": True}, "chest": 6},
        "solver": {"time_limit": 5, "workers": 1},
    }
    c = parse_constraints(data, CATALOG.vocabulary)
    for program in (plan(c, CATALOG), greedy_program(c, CATALOG)):
        passes(program, c)
        assert program.weekly_sets["quads"] >= 10.25
