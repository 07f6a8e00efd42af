"""Rule group `session_minutes`: every session, warm-up included, fits its day's budget. The
time is recomputed from the catalog (sets x (top reps x seconds per rep x sides + rest) +
setup), never read from the program's minutes."""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relax
from optimizer.cpsat.rules.session_minutes import GROUP
from optimizer.cpsat.variables import Variables
from optimizer.problem import build_problem
from optimizer.validate.session_minutes import check_session_minutes

from .weeks import BASIC, broken, build, client, passes, week
from tiny import BASE, TINY, fix, setup, status

# -- validator --


def test_the_planned_week_fits_the_budget(program, constraints) -> None:
    assert all(d.minutes <= 45 for d in program.days)
    assert list(check_session_minutes(week(program, constraints))) == []
    passes(program, constraints)


def test_a_smaller_budget_breaks_the_longest_session(program) -> None:
    longest = max(d.minutes for d in program.days)
    budget = math.ceil(longest) - 1
    tight = client(session_minutes=budget)
    found = broken(program, tight, "session_minutes")
    over = [d for d in program.days if d.minutes > budget]
    assert [v.where for v in found] == [d.day for d in over]
    assert found[0].message == f"{over[0].minutes:.1f} min planned, budget {budget}"


def test_a_budget_per_day(program) -> None:
    minutes = {d.day: math.ceil(d.minutes) for d in program.days}
    passes(program, client(session_minutes=minutes))
    first = program.days[0]
    tight = client(session_minutes={**minutes, first.day: math.ceil(first.minutes) - 1})
    (found,) = check_session_minutes(week(program, tight))
    assert found.where == first.day
    broken(program, tight, "session_minutes")


def test_the_warm_up_counts() -> None:
    cold = client(warmup_minutes=0, session_minutes=15)
    listing = {"mon": BASIC["mon"]}
    program = build(listing, cold)
    assert 10 < program.days[0].minutes <= 15
    passes(program, cold)
    warm = client(warmup_minutes=5, session_minutes=15)
    (found,) = broken(build(listing, warm), warm, "session_minutes")
    assert found.where == "mon"


def test_time_is_recomputed_not_read(program, constraints) -> None:
    """A program reporting fewer minutes is still over the budget (and misreports them)."""
    tight = client(session_minutes=math.ceil(program.days[0].minutes) - 1)
    understated = program.model_copy(deep=True)
    understated.days[0].minutes = 1.0
    found = list(check_session_minutes(week(understated, tight)))
    assert program.days[0].day in [v.where for v in found]


# -- model --


def test_model_counts_sets_rest_setup_and_warmup() -> None:
    # 10 minutes with a 4-minute warm-up leave 360 s: 3 sets of one exercise = 270 + 30 = 300 s
    # fit; 2 exercises x 2 sets = 2 x (180 + 30) = 420 s do not.
    model, v, _ = setup(GROUP, session_minutes=10, warmup_minutes=4)
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, session_minutes=10, warmup_minutes=4)
    fix(model, v, {("mon", "squat"): 2, ("mon", "knee_ext"): 2})
    assert status(model) == "INFEASIBLE"


def test_model_is_per_day() -> None:
    model, v, _ = setup(GROUP, session_minutes={"mon": 10, "wed": 30}, warmup_minutes=0)
    fix(model, v, {("wed", "squat"): 5, ("wed", "knee_ext"): 5, ("mon", "curl"): 3})
    assert status(model) == "OPTIMAL"


def test_model_guarded_rule_group_switches_off() -> None:
    """The explanation path relies on guards: with the literal false, the rule is gone."""
    data = build_problem(parse_constraints({**BASE, "days": ["mon"], "session_minutes": 10}), TINY)
    model = cp_model.CpModel()
    v = Variables.create(model, data)
    relax = Relax(model, guarded=True)
    GROUP.add(model, data, v, relax)
    fix(model, v, {("mon", "squat"): 5, ("mon", "press"): 5})
    model.add(relax.literals["session_minutes.mon"] == 0)
    assert status(model) == "OPTIMAL"
