"""The polish after a stalled one-worker search (cpsat/polish.py): it only ever keeps a better
week of the same model, its weeks pass the validator, it stops at a week no two days can
improve, the stall watch ignores a creeping bound, and a proven week never goes through it."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from optimizer import load_catalog, plan, validate
from optimizer.assignments import assignment_to_program
from optimizer.constraints import load_constraints
from optimizer.cpsat import hint, polish
from optimizer.cpsat import solver as cpsat
from optimizer.greedy import greedy_assignment
from optimizer.problem import build_problem

from helpers import EXAMPLES

CATALOG = load_catalog()
GLUTE = EXAMPLES / "coach" / "glute_focus_4day.yaml"
#: a client whose every neighbourhood proves in well under a second, so a full polish to the
#: local optimum takes about one (the glute client's took 22 s, the busy parent's 42 s)
TRAVELLER = EXAMPLES / "coach" / "bodyweight_traveller.yaml"


def _configure(solver: cp_model.CpSolver) -> None:
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.linearization_level = 2


def _greedy_week(path):
    """A client's model with the greedy week as its solved incumbent: a valid week
    well below the optimum, as a stalled search would hold."""
    constraints = load_constraints(path, CATALOG.vocabulary)
    data = build_problem(constraints, CATALOG)
    built = cpsat.build(data)
    report = hint.apply(built.model, data, built.variables, greedy_assignment(data), time_limit=5)
    assert report.applied, report.detail
    solver = cp_model.CpSolver()
    _configure(solver)
    solver.parameters.fix_variables_to_their_hinted_value = True
    assert solver.solve(built.model) == cp_model.OPTIMAL
    return constraints, data, built, solver


def _polish(built, start: cp_model.CpSolver, stop: bool):
    """Polish `start` with a minute to spare; `stop`: the caller has cancelled."""
    return polish.polish(
        built.model,
        built.variables,
        start,
        _configure,
        time.perf_counter() + 60,
        lambda: stop,
        lambda s: float(round(s.objective_value)),
    )


def test_the_polish_improves_a_stalled_week_to_a_two_day_local_optimum(monkeypatch) -> None:
    # time enough for every neighbourhood to finish on a loaded machine: a solve stopped by
    # its clock may miss a better week, and the round would end short of the local optimum
    monkeypatch.setattr(polish, "NEIGHBOURHOOD_SECONDS", 10.0)
    constraints, data, built, start = _greedy_week(TRAVELLER)
    before = round(start.objective_value)
    best, improvements = _polish(built, start, stop=False)
    after = round(best.objective_value)
    assert improvements > 0 and after > before
    # the polished week is a week of the model: the validator re-checks every hard rule
    program = assignment_to_program(
        data, built.variables.chosen(best), status="feasible", engine="cp-sat"
    )
    assert validate(program, constraints, CATALOG) == []
    assert round(program.objective) == after
    # and no pair of days can improve it: the polish stopped at a local optimum, not a clock
    values = polish.week_values(built.variables, best)
    copy = polish.hinted(built.model, built.variables, best)
    free = set(polish.neighbourhoods(built.variables)[0])
    for item in built.variables.items:
        if item.day not in free:
            for var in (item.use, item.sets):
                copy.add(copy.get_int_var_from_proto_index(var.index) == values[var.index])
    check = cp_model.CpSolver()
    _configure(check)
    assert check.solve(copy) == cp_model.OPTIMAL
    assert round(check.objective_value) == after


def test_the_polish_keeps_the_week_when_stopped() -> None:
    _, _, built, start = _greedy_week(GLUTE)
    best, improvements = _polish(built, start, stop=True)
    assert best is start and improvements == 0


def test_neighbourhoods_are_the_pairs_of_days_with_candidates() -> None:
    _, _, built, _ = _greedy_week(GLUTE)
    assert polish.neighbourhoods(built.variables) == [
        ("mon", "tue"),
        ("mon", "thu"),
        ("mon", "fri"),
        ("tue", "thu"),
        ("tue", "fri"),
        ("thu", "fri"),
    ]


def test_a_creeping_bound_is_a_stall_and_a_better_week_is_not() -> None:
    started = time.perf_counter()
    stall = polish.Stall.of(10.0, started)
    assert stall.patience == 1.5  # 15% of the limit
    stall.new_week(100.0)
    stall.new_bound(200.0)
    marked = stall.last
    stall.new_bound(199.0)  # 1% of the gap of 100: creeping
    assert stall.last == marked and stall.bound == 200.0
    stall.new_bound(190.0)  # 10% of it: progress
    assert stall.last > marked and stall.bound == 190.0
    assert stall.earliest == started + 5.0  # no stall in the first half of the limit
    stall.earliest = started
    stall.last = started - 5  # nothing for 5 s
    stall.watch()
    assert stall.event.is_set()


def test_no_stall_is_called_in_the_first_half_of_the_limit() -> None:
    """The search often pauses seconds between better weeks early on: a pause then is not a
    stall, however long."""
    now = time.perf_counter()
    stall = polish.Stall(patience=0.0, deadline=now + 0.9, earliest=now + 10, last=now - 60)
    stall.watch()  # returns once too little time is left to act
    assert not stall.event.is_set()


def test_no_stall_is_called_without_the_time_to_act_on_it() -> None:
    now = time.perf_counter()
    stall = polish.Stall(patience=0.0, deadline=now + polish.MIN_POLISH_SECONDS / 2, last=now)
    stall.watch()
    assert not stall.event.is_set()


def test_a_proven_week_is_the_same_with_or_without_the_polish() -> None:
    article = EXAMPLES / "article_week.yaml"
    on = plan(article, CATALOG, time_limit=10)
    off = plan(article, CATALOG, time_limit=10, polish=False)
    assert on.status == off.status == "optimal"
    assert on.days == off.days
    assert on.solver["polish"] is True and off.solver["polish"] is False


def test_the_command_line_turns_it_off() -> None:
    import json

    from typer.testing import CliRunner

    from optimizer.cli import app

    args = ["plan", str(EXAMPLES / "article_week.yaml"), "--json", "--no-write"]
    result = CliRunner().invoke(app, [*args, "--no-polish", "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["solver"]["polish"] is False


def test_short_limits_are_not_polished(monkeypatch) -> None:
    """Below MIN_LIMIT_SECONDS a stall would leave the polish nothing to work with: a hard
    client the search cannot prove in 2 s keeps the search's own week."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("polished under a short limit")

    monkeypatch.setattr(polish, "polish", refuse)
    hard = EXAMPLES / "coach" / "advanced_bodybuilder_6day.yaml"
    program = plan(hard, CATALOG, time_limit=2.0)
    assert program.status == "feasible"
