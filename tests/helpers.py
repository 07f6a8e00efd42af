"""Test helpers: every test that solves goes through `solve_checked`, which runs the validator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from optimizer import Catalog, Program, load_catalog, plan, validate
from optimizer.constraints import Constraints, parse_constraints

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def solve_checked(
    constraints: Constraints | dict[str, Any], catalog: Catalog | None = None, **overrides: Any
) -> Program:
    """Plan, then re-check every hard rule with the independent validator."""
    catalog = catalog or load_catalog()
    parsed = parse_constraints(constraints, catalog.vocabulary)
    program = plan(parsed, catalog, **overrides)
    violations = validate(program, parsed, catalog)
    assert not violations, "\n".join(str(v) for v in violations)
    return program
