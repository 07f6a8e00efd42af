"""Fixtures of the rule-group tests: the small client and its week, planned once a session."""

from __future__ import annotations

import pytest

from optimizer import Program
from optimizer.constraints import Constraints

from .weeks import client, planned


@pytest.fixture(scope="session")
def constraints() -> Constraints:
    return client()


@pytest.fixture(scope="session")
def program() -> Program:
    return planned()
