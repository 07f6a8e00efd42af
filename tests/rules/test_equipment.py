"""Rule group `equipment`: every exercise can be done with what the client owns, and each row
lists only owned items."""

from __future__ import annotations

from optimizer.cpsat.relax import Relaxed
from optimizer.cpsat.rules import read_edits
from optimizer.cpsat.rules.equipment import GROUP
from optimizer.explain import explain_infeasible
from optimizer.validate.equipment import check_equipment

from .weeks import broken, build, client, edit_row, passes, week
from tiny import fix, full_problem, setup, solve_relaxed, status

# -- validator --

DUMBBELL_WEEK = {
    "mon": [("dumbbell_biceps_curl", 3)],
    "wed": [("dumbbell_bench_press", 3)],
}


def test_the_planned_week_uses_owned_equipment(program, constraints) -> None:
    assert list(check_equipment(week(program, constraints))) == []
    passes(program, constraints)


def test_a_gym_week_for_a_client_with_dumbbells_only(program) -> None:
    home = client(equipment=["dumbbells_only"])
    found = broken(program, home, "equipment")
    # every shortfall is named: one `needs` per unmet requirement, one `uses` per unowned item
    assert any(v.message.startswith("needs ") for v in found)
    assert any(v.message.endswith(", which the client does not have") for v in found)


def test_a_requirement_with_no_owned_alternative() -> None:
    home = client(equipment=["dumbbells_only"])
    passes(build(DUMBBELL_WEEK, home), home)
    pulldown = build({**DUMBBELL_WEEK, "fri": [("lat_pulldown", 3)]}, client())
    found = list(check_equipment(week(pulldown, home)))
    assert [(v.where, v.message) for v in found] == [
        ("fri #1 lat_pulldown", "needs lat_pulldown_machine or cable_station"),
        ("fri #1 lat_pulldown", "uses lat_pulldown_machine, which the client does not have"),
    ]
    assert found == broken(pulldown, home, "equipment")


def test_a_row_listing_an_unowned_item() -> None:
    home = client(equipment=["dumbbells_only"])
    barbell = edit_row(build(DUMBBELL_WEEK, home), "mon", 0, equipment=["barbell"])
    (found,) = broken(barbell, home, "equipment")
    assert (found.where, found.message) == (
        "mon #1 dumbbell_biceps_curl",
        "uses barbell, which the client does not have",
    )


# -- model --


def test_model_forbids_what_the_equipment_lacks() -> None:
    model, v, _ = setup(GROUP, full=True, equipment=["dumbbell"])
    fix(model, v, {("mon", "curl"): 3})
    assert status(model) == "OPTIMAL"
    model, v, _ = setup(GROUP, full=True, equipment=["dumbbell"])
    fix(model, v, {("mon", "knee_ext"): 3})
    assert status(model) == "INFEASIBLE"


def test_model_is_not_in_the_filtered_model() -> None:
    """The optimizing path filters before the model: the group adds nothing there."""
    model, _, _ = setup(GROUP, equipment=["dumbbell"])
    assert len(model.proto.constraints) == 0


def test_model_repair_adds_the_missing_items() -> None:
    data = full_problem(equipment=["dumbbell"])
    relaxed = solve_relaxed(GROUP, data, {("mon", "squat"): 2}, "equipment")
    edits = read_edits(data.constraints, relaxed)
    assert sorted(e.text for e in edits) == ["add equipment: barbell", "add equipment: squat_rack"]


def test_model_words() -> None:
    c = full_problem(equipment=["dumbbell", "barbell"]).constraints
    assert GROUP.describe("equipment", c) == "equipment: [dumbbell, barbell]"
    assert GROUP.edit(Relaxed("add", "equipment:squat_rack", "squat_rack"), c).value == "squat_rack"


def test_no_equipment_reads_as_an_empty_list_and_is_repaired() -> None:
    """An empty list is bodyweight alone; its explanation once failed with an IndexError."""
    c = full_problem(equipment=[]).constraints
    assert GROUP.describe("equipment", c) == "equipment: []"
    report = explain_infeasible(
        {"days": ["mon"], "equipment": [], "require": ["leg_extension"]}, seconds_per_solve=3
    )
    assert report.status == "infeasible"
    assert "equipment: [] (default)" not in [x.text for x in report.conflicts]
    assert "equipment: []" in [x.text for x in report.conflicts]
    assert "add equipment: leg_extension_machine" in [r.text for r in report.repairs]
