"""The recipe holds for every rule group: its model module, its validator check and its test
file exist under one name, it owns real fields of the file, and the explanation can name and
repair each of its field paths without a branch on field names anywhere else."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from optimizer.constraints import Constraints, parse_constraints
from optimizer.cpsat import rules
from optimizer.cpsat import solver as cpsat
from optimizer.problem import build_problem
from optimizer.validate import CHECKS

from .weeks import CATALOG

HERE = Path(__file__).parent
NAMES = [group.name for group in rules.GROUPS]


def test_groups_are_found_in_their_model_order() -> None:
    assert NAMES[:3] == ["sets_per_exercise", "max_days_per_exercise", "session_minutes"]
    positions = [group.position for group in rules.GROUPS]
    assert positions == sorted(positions)
    assert len(set(NAMES)) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_group_is_one_unit(name: str) -> None:
    module = importlib.import_module(f"optimizer.validate.{name}")
    assert callable(getattr(module, f"check_{name}"))
    assert getattr(module, f"check_{name}") in CHECKS
    assert (HERE / f"test_{name}.py").exists()


@pytest.mark.parametrize("group", rules.GROUPS, ids=NAMES)
def test_each_group_owns_fields_of_the_file(group: rules.RuleGroup) -> None:
    for path in group.fields:
        top = path.split(".")[0]
        assert top in Constraints.model_fields, path
        assert group.owns(path)


FILE = {
    "client": "every_rule",
    "days": ["mon", "thu"],
    "session_minutes": {"mon": 40, "thu": 50},
    "equipment": ["dumbbells_only"],
    "experience": "beginner",
    "targets": {"quads": {"min": 6, "max": 12, "strict": True}, "chest": "4-8"},
    "avoid": {"exercises": ["barbell_back_squat"], "muscles": ["lower_back"]},
    "require": ["goblet_squat"],
    "split": {"mon": "lower", "thu": "push"},
    "recovery_hours": 72,
    "max_exercises_per_session": 5,
}


def test_every_guarded_rule_has_an_owner_and_words() -> None:
    c = parse_constraints(FILE, CATALOG.vocabulary)
    built = cpsat.build(build_problem(c, CATALOG, full=True), with_objective=False, guarded=True)
    keys = list(built.relax.literals)
    owners = {rules.owner(key).name for key in keys}
    assert owners >= {"session_minutes", "targets", "require", "equipment", "experience"}
    assert owners >= {"avoid", "split", "days", "max_exercises_per_session", "recovery_hours"}
    for key in keys:
        text = rules.describe(key, c)
        assert text != key and text.startswith(key.split("[")[0].split(".")[0]), key
