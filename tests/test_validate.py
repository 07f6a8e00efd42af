"""The independent validator: its public API, how it finds its checks, what it may import, and
the output-integrity checks (the program's own report agrees with its listing): client,
catalog facts, minutes, pre-exhaust links, weekly sets, pair count and proof status.

The hard rules have one test module per rule group in tests/rules/.
"""

from __future__ import annotations

import ast
import importlib
import sys
import textwrap
from pathlib import Path

import pytest

import optimizer
from optimizer import Program, Violation, validate
from optimizer.validate import CHECKS, discover
from optimizer.validate.output import (
    check_catalog,
    check_client,
    check_minutes,
    check_pairs,
    check_pre_exhausts,
    check_weekly_sets,
)
from optimizer.validate.status import check_status

from rules.weeks import BASIC, CATALOG, broken, build, client, edit_day, edit_row, passes, planned
from rules.weeks import week as week_of

RULE_GROUPS = (
    "avoid",
    "days",
    "equipment",
    "experience",
    "max_days_per_exercise",
    "max_muscle_sets_per_session",
    "ordering",
    "recovery_hours",
    "require",
    "session_minutes",
    "sets_per_exercise",
    "split",
    "supersets",
    "targets",
)
OUTPUT_CHECKS = ("client", "catalog", "minutes", "pre_exhausts", "weekly_sets", "pairs", "status")
# what the validator may import from the package: never the model, the planner or their helpers
# the data modules; goals and injuries are tables a coach edits (models/*.yaml), not the model
ALLOWED = {
    "catalog",
    "constraints",
    "program",
    "vocabulary",
    "errors",
    "validate",
    "goals",
    "injuries",
}
PACKAGE = Path(optimizer.__file__).parent / "validate"


@pytest.fixture(scope="module")
def program() -> Program:
    return planned()


@pytest.fixture(scope="module")
def constraints():
    return client()


# -- the API and the checks ------------------------------------------------------------------


def test_the_public_api(program, constraints) -> None:
    assert optimizer.validate is validate and optimizer.Violation is Violation
    assert validate(program, constraints) == validate(program, constraints, CATALOG) == []
    v = Violation("days", "days", "wrong")
    assert str(v) == "[days] days: wrong"
    assert v == Violation("days", "days", "wrong")
    with pytest.raises(AttributeError):
        v.rule = "other"  # type: ignore[misc]


def test_every_rule_group_and_output_check_is_found() -> None:
    names = [check.__name__ for check in CHECKS]
    assert len(names) == len(set(names))
    expected = {f"check_{group}" for group in (*RULE_GROUPS, *OUTPUT_CHECKS)}
    assert expected <= set(names)
    for group in RULE_GROUPS:  # one module per rule group, named after it
        assert f"check_{group}" in vars(importlib.import_module(f"optimizer.validate.{group}"))
    modules = [check.__module__ for check in CHECKS]
    assert modules == sorted(modules)  # a fixed order: modules by name


def test_a_new_module_with_a_check_is_picked_up(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "fake_checks"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "b_rule.py").write_text(
        textwrap.dedent(
            """
            def check_b_rule(week):
                return ["b"]

            def check_b_other(week):
                return ["b2"]

            def helper(week):
                return ["not a check"]
            """
        )
    )
    (package / "a_rule.py").write_text(
        "from fake_checks.b_rule import check_b_rule\n\ndef check_a_rule(week):\n    return []\n"
    )
    (package / "_private.py").write_text("def check_private(week):\n    return ['hidden']\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        found = discover([str(package)], "fake_checks")
        # sorted modules, each module's own checks in definition order, none imported twice
        assert [f.__name__ for f in found] == ["check_a_rule", "check_b_rule", "check_b_other"]
    finally:
        for name in [n for n in sys.modules if n.startswith("fake_checks")]:
            del sys.modules[name]


def test_the_validator_imports_nothing_of_the_model() -> None:
    """It must recompute everything itself: only the data modules, errors and stdlib."""
    stdlib = set(sys.stdlib_module_names)
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                top = (node.module or "").split(".")[0]
                if node.level == 1:  # inside optimizer.validate
                    continue
                assert node.level == 2 and top in ALLOWED, (path.name, node.module)
            elif isinstance(node, ast.ImportFrom):
                assert node.module.split(".")[0] in stdlib | {"__future__"}, (
                    path.name,
                    node.module,
                )
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] in stdlib, (path.name, alias.name)


# -- output integrity --------------------------------------------------------------------------

# -- validator --


def test_the_planned_and_a_built_week_report_themselves_truly(program, constraints) -> None:
    for checked in (program, build(BASIC, constraints)):
        week = week_of(checked, constraints)
        for check in (
            check_client,
            check_catalog,
            check_minutes,
            check_pre_exhausts,
            check_weekly_sets,
            check_pairs,
            check_status,
        ):
            assert list(check(week)) == [], check.__name__
        passes(checked, constraints)


def test_another_client(program, constraints) -> None:
    (found,) = broken(program.model_copy(update={"client": "someone"}), constraints, "client")
    assert found.message == "'someone' is not 'rules'"


def test_a_row_that_misstates_a_catalog_fact(program, constraints) -> None:
    row = program.days[0].exercises[0]
    renamed = edit_row(program, program.days[0].day, 0, name="Something else")
    (found,) = broken(renamed, constraints, "catalog")
    assert found.message == f"name 'Something else' differs from the catalog's {row.name!r}"
    reps = edit_row(program, program.days[0].day, 0, reps=(1, 2))
    (found,) = check_catalog(week_of(reps, constraints))
    assert found.message == f"reps (1, 2) differs from the catalog's {tuple(row.reps)!r}"


def test_an_unknown_exercise_is_reported_once(constraints) -> None:
    """Its row has no facts to check: the catalog check names it, the per-exercise checks skip
    it (only the day's totals, which it cannot count, disagree with the report)."""
    unknown = edit_row(build(BASIC, constraints), "mon", 0, id="no_such_exercise")
    found = validate(unknown, constraints.model_copy(update={"require": ["no_such_exercise"]}))
    mine = [v for v in found if v.where.startswith("mon #1")]
    assert [(v.rule, v.where, v.message) for v in mine] == [
        ("catalog", "mon #1 no_such_exercise", "exercise not in the catalog")
    ]
    assert {v.rule for v in found} == {"catalog", "minutes", "weekly_sets", "require"}


def test_misreported_minutes(program, constraints) -> None:
    day = program.days[0]
    row = day.exercises[0]
    off = edit_row(program, day.day, 0, minutes=row.minutes + 1)
    (found,) = broken(off, constraints, "minutes")
    assert found.where == f"{day.day} #1 {row.id}"
    assert found.message.startswith(f"reports {row.minutes + 1} min, the catalog gives ")
    day_off = edit_day(program, day.day, minutes=day.minutes - 0.5)
    (found,) = check_minutes(week_of(day_off, constraints))
    assert found.where == day.day
    # rounding to 0.01 is tolerated
    passes(edit_day(program, day.day, minutes=day.minutes + 0.01), constraints)


def test_a_wrong_pre_exhaust_link(program, constraints) -> None:
    linked = [
        (d.day, k, row)
        for d in program.days
        for k, row in enumerate(d.exercises)
        if row.pre_exhausts is not None
    ]
    assert linked
    day, k, row = linked[0]
    dropped = edit_row(program, day, k, pre_exhausts=None)
    (found,) = broken(dropped, constraints, "pre_exhausts")
    assert found.message == f"says None, expected {row.pre_exhausts}"
    other = edit_row(program, day, k, pre_exhausts="barbell_back_squat")
    found = list(check_pre_exhausts(week_of(other, constraints)))
    assert [(v.where, v.message) for v in found] == [
        (f"{day} #{k + 1} {row.id}", f"says barbell_back_squat, expected {row.pre_exhausts}")
    ]
    # a compound pre-exhausts nothing
    d, c = next(
        (d, c) for d in program.days for c, r in enumerate(d.exercises) if r.mechanic == "compound"
    )
    (found,) = broken(edit_row(program, d.day, c, pre_exhausts=row.id), constraints, "pre_exhausts")
    assert found.message == f"says {row.id}, expected None"


def test_misreported_weekly_sets(program, constraints) -> None:
    more = {**program.weekly_sets, "quads": program.weekly_sets["quads"] + 1}
    (found,) = broken(program.model_copy(update={"weekly_sets": more}), constraints, "weekly_sets")
    assert found.where == "weekly_sets"
    # a muscle reported at 0 sets is the same as one left out
    zero = {**program.weekly_sets, "calves": 0.0}
    zeroed = program.model_copy(update={"weekly_sets": zero})
    assert list(check_weekly_sets(week_of(zeroed, constraints))) == []


def test_a_miscounted_pair(program, constraints) -> None:
    assert program.pre_exhaust_pairs > 0
    wrong = program.model_copy(update={"pre_exhaust_pairs": program.pre_exhaust_pairs + 1})
    (found,) = broken(wrong, constraints, "pre_exhaust_pairs")
    assert found.message == (
        f"reported {program.pre_exhaust_pairs + 1}, counted {program.pre_exhaust_pairs}"
    )
    assert list(check_pairs(week_of(build(BASIC, constraints), constraints))) == []
    assert build(BASIC, constraints).pre_exhaust_pairs == 3


def test_misreported_target_days(program, constraints) -> None:
    """`days` beside a target: the days with 3 or more sets of it as primary, recounted."""
    muscle, report = next(iter(program.targets.items()))
    wrong = {**program.targets, muscle: report.model_copy(update={"days": report.days + 1})}
    (found,) = broken(program.model_copy(update={"targets": wrong}), constraints, "target_days")
    assert found.where == f"targets.{muscle}.days"
    assert found.message == f"reported {report.days + 1}, counted {report.days}"


def test_a_negative_gap(program, constraints) -> None:
    (found,) = broken(program.model_copy(update={"gap": -0.1}), constraints, "status")
    assert (found.where, found.message) == ("gap", f"{program.status} with gap -0.1")


def test_optimal_with_a_gap_needs_the_client_allowance(constraints) -> None:
    built = build(BASIC, constraints)
    claimed = built.model_copy(
        update={"status": "optimal", "gap": 0.05, "objective": 100.0, "best_bound": 105.0}
    )
    (found,) = broken(claimed, constraints, "status")
    assert found.message == "optimal with gap 0.05"
    # feasible with a gap is honest
    passes(claimed.model_copy(update={"status": "feasible"}), constraints)
    # relative_gap: 0.05 of the bound is 0.0526 of the objective, either reading passes
    solver = constraints.solver
    loose = constraints.model_copy(
        update={"solver": solver.model_copy(update={"relative_gap": 0.05})}
    )
    passes(claimed, loose)
    # time_tolerance: the bound leaves 5 s of exercise time, a tolerance of 0.1 min allows it
    tolerant = constraints.model_copy(
        update={"solver": solver.model_copy(update={"time_tolerance": 0.1})}
    )
    assert list(check_status(week_of(claimed, tolerant))) == []
    too_little = constraints.model_copy(
        update={"solver": solver.model_copy(update={"time_tolerance": 0.05})}
    )
    assert [v.rule for v in check_status(week_of(claimed, too_little))] == ["status"]
