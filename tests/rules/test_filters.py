"""The filters decided before the model: equipment, experience, avoid, split and days become
each day's candidate list in the problem data (`problem.build_problem`), so the optimizing
model holds only real choices. The full model states each filter as its own rule group
(test_equipment.py, test_experience.py, test_avoid.py, test_split.py, test_days.py)."""

from __future__ import annotations

from optimizer.constraints import parse_constraints
from optimizer.problem import build_problem

from tiny import GEAR, TINY


def test_split_focus_filters_candidates() -> None:
    data = build_problem(
        parse_constraints({"days": ["mon", "wed"], "split": {"mon": "lower", "wed": "push"}}), TINY
    )
    assert {e.id for e in data.candidates["mon"]} == {"knee_ext", "squat"}
    assert {e.id for e in data.candidates["wed"]} == {"fly", "press"}


def test_avoid_muscles_excludes_secondary_too() -> None:
    data = build_problem(
        parse_constraints({"days": ["mon"], "avoid": {"muscles": ["biceps"]}}), TINY
    )
    assert {e.id for e in data.usable} == {"knee_ext", "squat", "fly", "press"}
    assert "biceps" in data.unavailable["row"]


def test_equipment_and_experience_filter_and_say_why() -> None:
    c = parse_constraints({"days": ["mon"], "equipment": ["dumbbell"], "experience": "beginner"})
    data = build_problem(c, GEAR)
    assert {e.id for e in data.usable} == {"curl", "row", "fly"}
    assert "leg_extension_machine" in data.unavailable["knee_ext"]
    assert data.unavailable["squat"].startswith("squat needs barbell")
    assert data.candidates["mon"] == data.usable


def test_the_full_model_filters_nothing() -> None:
    c = parse_constraints({"days": ["mon"], "equipment": ["dumbbell"], "split": {"mon": "push"}})
    data = build_problem(c, GEAR, full=True)
    assert data.days == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert all(len(data.candidates[d]) == len(GEAR) for d in data.days)
