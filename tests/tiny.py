"""A six-exercise catalog and the tools to test one rule group alone, in the CP-SAT primer's
test-driven style: build the variables, add ONE rule group, fix an assignment, and check that
the rule accepts or rejects it."""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from optimizer.catalog import Catalog, Exercise
from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relax
from optimizer.cpsat.rules import RuleGroup
from optimizer.cpsat.variables import Item, Variables
from optimizer.problem import ProblemData, build_problem
from optimizer.vocabulary import default_vocabulary


def ex(
    id: str,
    mechanic: str,
    intensity: int,
    primary: tuple[str, ...],
    secondary: tuple[str, ...] = (),
    **kw: Any,
) -> Exercise:
    fields = {
        "name": id.replace("_", " "),
        "reps_min": 10,
        "reps_max": 10,
        "seconds_per_rep": 3,
        "rest_seconds": 60,
        "setup_seconds": 30,
        **kw,
    }
    return Exercise(
        id=id,
        mechanic=mechanic,
        intensity=intensity,
        primary=primary,
        secondary=secondary,
        **fields,
    )


# set_seconds = 10 reps x 3 s + 60 s rest = 90 s; one exercise with s sets = 90 s + 30 s setup
TINY = Catalog(
    [
        ex("knee_ext", "isolation", 1, ("quads",)),
        ex("squat", "compound", 5, ("quads",), ("glutes",)),
        ex("curl", "isolation", 2, ("biceps",)),
        ex("row", "compound", 4, ("upper_back",), ("biceps",)),
        ex("fly", "isolation", 1, ("chest",)),
        ex("press", "compound", 4, ("chest",), ("triceps", "front_delts")),
    ],
    default_vocabulary(),
    source="tiny",
)

BASE = {
    "client": "t",
    "days": ["mon", "wed"],
    "session_minutes": 60,
    "warmup_minutes": 0,
    "equipment": ["commercial_gym"],
    "targets": {"quads": 10},
}


def setup(
    group: RuleGroup, *, full: bool = False, **fields: Any
) -> tuple[cp_model.CpModel, Variables, ProblemData]:
    """A model holding only the variables and `group` (hard), for the tiny client plus
    `fields`; `full` keeps every exercise on every day (the explanation's model) and uses the
    catalog with equipment and levels, so the filter groups have something to forbid."""
    catalog = GEAR if full else TINY
    data = build_problem(parse_constraints({**BASE, **fields}), catalog, full=full)
    model = cp_model.CpModel()
    v = Variables.create(model, data)
    group.add(model, data, v, Relax(model))
    return model, v, data


def status(model: cp_model.CpModel) -> str:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5
    return solver.status_name(solver.solve(model))


def item(v: Variables, day: str, ex_id: str) -> Item:
    return next(i for i in v.by_day[day] if i.exercise.id == ex_id)


def fix(model: cp_model.CpModel, v: Variables, assignment: dict[tuple[str, str], int]) -> None:
    """Fix sets for the listed (day, exercise); every other item is unused."""
    for it in v.items:
        sets = assignment.get((it.day, it.exercise.id), 0)
        model.add(it.sets == sets)
        model.add(it.use == (1 if sets else 0))


# The same six exercises with equipment and levels, for the filter groups of the full model.
GEAR = Catalog(
    [
        ex("knee_ext", "isolation", 1, ("quads",), equipment=(("leg_extension_machine",),)),
        ex(
            "squat",
            "compound",
            5,
            ("quads",),
            ("glutes",),
            equipment=(("barbell",), ("squat_rack",)),
            level="intermediate",
        ),
        ex("curl", "isolation", 2, ("biceps",), equipment=(("dumbbell",),)),
        ex("row", "compound", 4, ("upper_back",), ("biceps",), equipment=(("dumbbell",),)),
        ex("fly", "isolation", 1, ("chest",), equipment=(("dumbbell",),)),
        ex(
            "press",
            "compound",
            4,
            ("chest",),
            ("triceps", "front_delts"),
            equipment=(("barbell",), ("flat_bench",)),
            level="advanced",
        ),
    ],
    default_vocabulary(),
    source="gear",
)


def solve_relaxed(
    group: RuleGroup, data: ProblemData, force: dict[tuple[str, str], int], elastic: str
) -> list[Any]:
    """Add `group` with `elastic` relaxable, force the listed (day, exercise) sets, minimise
    the relaxation's cost and read it back as plain values (`Relaxed`)."""
    model = cp_model.CpModel()
    v = Variables.create(model, data)
    relax = Relax(model, elastic=frozenset({elastic}))
    group.add(model, data, v, relax)
    for (day, ex_id), sets in force.items():
        it = item(v, day, ex_id)
        model.add(it.use == 1)
        model.add(it.sets == sets)
    model.minimize(relax.total_cost)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return relax.readout(solver.value)


def full_problem(catalog: Catalog = GEAR, **fields: Any) -> ProblemData:
    return build_problem(parse_constraints({**BASE, **fields}), catalog, full=True)
