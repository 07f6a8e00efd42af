"""Issue 16: the fuzz campaign's input generators (benchmarks/fuzz.py), checked in-process.

A few hundred generated API mappings go through `parse_constraints` (no solving): each ends in
Constraints or a `PreExhaustError` whose message lines are at most 300 characters. The long
campaign, each input under a memory and time cap, is `python benchmarks/fuzz.py`.
"""

from __future__ import annotations

from typing import Any

import pytest

from optimizer import load_catalog
from optimizer.constraints import parse_constraints
from optimizer.errors import MESSAGE_LENGTH, PreExhaustError

from helpers import benchmark_module

fuzz = benchmark_module("fuzz")
COUNT = 300


@pytest.fixture(scope="module")
def bases() -> list[dict[str, Any]]:
    return fuzz.example_mappings()


def test_generators_are_seeded(bases: list[dict[str, Any]]) -> None:
    for index in range(20):
        first = fuzz.describe(fuzz.api_input(3, index, bases), 2000)
        assert first == fuzz.describe(fuzz.api_input(3, index, bases), 2000)
        assert fuzz.file_input(3, index, bases) == fuzz.file_input(3, index, bases)


def test_generated_mappings_stay_inside_the_contract(bases: list[dict[str, Any]]) -> None:
    vocabulary = load_catalog().vocabulary
    outcomes: dict[str, int] = {}
    for index in range(COUNT):
        data = fuzz.api_input(0, index, bases)
        try:
            parse_constraints(data, vocabulary)
            outcome = "ok"
        except PreExhaustError as err:
            lines = str(err).splitlines() or [""]
            assert max(map(len, lines)) <= MESSAGE_LENGTH, (index, str(err)[:400])
            outcome = err.code
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    # the mutations reach both sides: valid weeks and refused input
    assert outcomes.get("ok", 0) >= 10 and outcomes.get("bad_input", 0) >= 10, outcomes
