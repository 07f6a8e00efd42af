"""Rule group `avoid`: no avoided exercise ("avoid.exercises"), no exercise working an avoided
muscle as primary or secondary ("avoid.muscles"), none with an avoided movement tag or pattern
("avoid.tags", "avoid.patterns"), none an injury rules out ("injuries")."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.catalog import Catalog
from optimizer.constraints import parse_constraints
from optimizer.cpsat.relax import Relax
from optimizer.cpsat.rules import read_edits
from optimizer.cpsat.rules.avoid import GROUP
from optimizer.cpsat.variables import Variables
from optimizer.injuries import default_injuries
from optimizer.problem import build_problem, exclusion_reason
from optimizer.validate.avoid import check_avoid

from .weeks import CATALOG, broken, client, passes, week
from tiny import BASE, ex, fix, full_problem, setup, solve_relaxed, status

# -- validator --


def test_the_planned_week_avoids_nothing_it_should_not(program, constraints) -> None:
    assert list(check_avoid(week(program, constraints))) == []
    passes(program, constraints)


def test_an_avoided_exercise(program) -> None:
    first = program.days[0].exercises[0].id
    avoid = client(avoid={"exercises": [first]})
    found, *also = broken(program, avoid, "avoid.exercises")  # also: its second day, if any
    assert all(v.message == "avoided exercise used" for v in also)
    assert (found.where, found.message) == (
        f"{program.days[0].day} #1 {first}",
        "avoided exercise used",
    )


def test_an_avoided_muscle_worked_as_secondary(program) -> None:
    row = next(r for d in program.days for r in d.exercises if r.secondary)
    muscle = row.secondary[0]
    avoid = client(avoid={"muscles": [muscle]})
    found = broken(program, avoid, "avoid.muscles")
    assert {v.message for v in found} == {f"works avoided muscle {muscle}"}
    rows = [r for d in program.days for r in d.exercises if muscle in (*r.primary, *r.secondary)]
    assert len(found) == len(rows)


def test_an_avoided_muscle_worked_as_primary(program, constraints) -> None:
    row = program.days[0].exercises[0]
    avoid = client(avoid={"muscles": [row.primary[0]]})
    found = list(check_avoid(week(program, avoid)))
    assert found[0].where == f"{program.days[0].day} #1 {row.id}"
    assert {v.rule for v in found} == {"avoid.muscles"}


# -- model --


def test_model_forbids_avoided_exercises_and_muscles() -> None:
    model, v, _ = setup(GROUP, full=True, avoid={"exercises": ["squat"]})
    fix(model, v, {("mon", "squat"): 3})
    assert status(model) == "INFEASIBLE"
    # biceps is only secondary in the row: avoiding it still rules the row out
    model, v, _ = setup(GROUP, full=True, avoid={"muscles": ["biceps"]})
    fix(model, v, {("mon", "row"): 3})
    assert status(model) == "INFEASIBLE"
    model, v, _ = setup(GROUP, full=True, avoid={"muscles": ["biceps"]})
    fix(model, v, {("mon", "press"): 3})
    assert status(model) == "OPTIMAL"


def test_model_repair_removes_the_entry() -> None:
    data = full_problem(avoid={"exercises": ["curl", "squat"]})
    relaxed = solve_relaxed(GROUP, data, {("mon", "squat"): 2}, "avoid.exercises")
    edits = read_edits(data.constraints, relaxed)
    assert [(e.field, e.action, e.text) for e in edits] == [
        ("avoid.exercises[1]", "remove", "remove avoid.exercises: squat")
    ]
    assert GROUP.describe("avoid.exercises[0]", data.constraints) == "avoid.exercises: curl"


# -- movement tags, patterns and injuries --


def test_an_avoided_tag_or_pattern_in_the_week(program) -> None:
    row = next(r for d in program.days for r in d.exercises if CATALOG[r.id].tags)
    tag = CATALOG[row.id].tags[0]
    found = broken(program, client(avoid={"tags": [tag]}), "avoid.tags")
    assert all(v.message == f"carries the avoided tag {tag}" for v in found)
    tagged = [r for d in program.days for r in d.exercises if tag in CATALOG[r.id].tags]
    assert len(found) == len(tagged)
    pattern = CATALOG[row.id].pattern
    found = broken(program, client(avoid={"patterns": [pattern]}), "avoid.patterns")
    assert {v.message for v in found} == {f"is the avoided pattern {pattern}"}


def test_an_injury_is_rechecked_from_the_table(program) -> None:
    table = default_injuries()
    used = [CATALOG[r.id] for d in program.days for r in d.exercises]
    name = next(n for n, i in table.items() if any(set(i.tags) & set(e.tags) for e in used))
    found = broken(program, client(injuries=[name]), f"injuries ({name})")
    assert found and all(v.rule == f"injuries ({name})" for v in found)


def test_model_forbids_tags_patterns_and_injuries() -> None:
    tagged = Catalog(
        [
            ex("pulldown", "compound", 3, ("lats",), tags=("overhead",), pattern="vertical_pull"),
            ex("row", "compound", 4, ("lats",), pattern="horizontal_pull"),
            ex("dip", "compound", 4, ("triceps",), pattern="dip"),
        ],
        CATALOG.vocabulary,
        source="tagged",
    )
    for fields, banned, allowed in [
        ({"avoid": {"tags": ["overhead"]}}, "pulldown", "row"),
        ({"avoid": {"patterns": ["horizontal_pull"]}}, "row", "pulldown"),
        ({"injuries": ["shoulder"]}, "dip", "row"),
        ({"injuries": ["shoulder"]}, "pulldown", "row"),
    ]:
        data = build_problem(
            parse_constraints({**BASE, "targets": {"lats": 4}, **fields}), tagged, full=True
        )
        for ex_id, expected in ((banned, "INFEASIBLE"), (allowed, "OPTIMAL")):
            model = cp_model.CpModel()
            v = Variables.create(model, data)
            GROUP.add(model, data, v, Relax(model))
            fix(model, v, {("mon", ex_id): 3})
            assert status(model) == expected, (fields, ex_id)


def test_model_repair_names_the_tag_and_the_injury() -> None:
    c = parse_constraints({**BASE, "avoid": {"tags": ["overhead"]}, "injuries": ["knee"]})
    assert GROUP.describe("avoid.tags[0]", c) == "avoid.tags: overhead"
    assert GROUP.describe("injuries[0]", c) == "injuries: knee"
    data = full_problem(injuries=["knee"])
    squat = data.catalog["squat"]
    assert "deep_knee_flexion" not in squat.tags  # the tiny catalog carries no tags
    assert (
        exclusion_reason(
            squat.model_copy(update={"tags": ("deep_knee_flexion",)}), c, frozenset({"barbell"})
        )
        == "squat is deep_knee_flexion, which injuries: knee excludes"
    )
