"""Shared fixtures. Every test that solves goes through `helpers.solve_checked` (validator)."""

from __future__ import annotations

from typing import Any

import pytest

from optimizer import Catalog, Program, load_catalog
from optimizer.constraints import Constraints

from helpers import EXAMPLES, ROOT, solve_checked

__all__ = ["EXAMPLES", "ROOT", "solve_checked"]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def solve(catalog: Catalog):
    def _solve(constraints: Constraints | dict[str, Any], **overrides: Any) -> Program:
        overrides.setdefault("time_limit", 10)
        return solve_checked(constraints, catalog, **overrides)

    return _solve
