"""Test helpers: every test that solves goes through `solve_checked`, which runs the validator."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from optimizer import Catalog, Program, load_catalog, validate
from optimizer.constraints import Constraints, parse_constraints
from optimizer.planner import plan, with_solver_overrides

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BENCHMARKS = ROOT / "benchmarks"


def benchmark_module(name: str) -> ModuleType:
    """A module of benchmarks/ (not a package); skips the test where the folder is absent."""
    if not (BENCHMARKS / f"{name}.py").exists():
        pytest.skip("benchmarks/ not present", allow_module_level=True)
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


# Hypothesis for tests that solve: reproducible (derandomized, no example database, so CI and
# a laptop draw the same clients) and no per-example deadline (solve times vary with load).
SOLVING = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def solve_checked(
    constraints: Constraints | dict[str, Any], catalog: Catalog | None = None, **overrides: Any
) -> Program:
    """Plan, then re-check every hard rule with the independent validator."""
    catalog = catalog or load_catalog()
    parsed = with_solver_overrides(parse_constraints(constraints, catalog.vocabulary), **overrides)
    program = plan(parsed, catalog)
    violations = validate(program, parsed, catalog)
    assert not violations, "\n".join(str(v) for v in violations)
    return program
