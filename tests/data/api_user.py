"""A script an app developer might write from the README's "From Python" section.

`tests/test_embedding.py` runs `mypy --strict` on it: what it touches must be typed. It is
type-checked, not run, by that test.
"""

from __future__ import annotations

import threading
from pathlib import Path

import optimizer
from optimizer import (
    Constraints,
    InfeasibleError,
    PreExhaustError,
    Program,
    SolveLimits,
    load_catalog,
    load_constraints,
    plan,
    validate,
)
from optimizer.catalog import filter_exercises, summary


def week_for(path: Path, cancel: threading.Event | None = None) -> Program | None:
    constraints: Constraints = load_constraints(path)
    limits = SolveLimits(max_workers=1, max_time_limit=5.0, allow_log=False)
    try:
        program = plan(constraints, catalog=None, time_limit=5, limits=limits, cancel=cancel)
    except InfeasibleError as error:
        conflict: list[str] = error.conflict
        print(error.code, error.hint, conflict)
        return None
    except PreExhaustError as error:
        details: dict[str, object] = error.to_dict()
        print(error.code, error.field, error.message, details)
        return None
    status: str = program.status
    gap: float = program.gap
    first: str = program.days[0].exercises[0].name
    print(status, gap, first)
    assert validate(program, constraints, load_catalog()) == []
    assert validate(program, {"days": ["mon"]}) == [] or True
    return program


def outputs(program: Program) -> list[str]:
    texts = [
        optimizer.to_json(program),
        optimizer.to_csv(program),
        optimizer.to_markdown(program),
        optimizer.to_html(program),
    ]
    return texts


def main() -> None:
    program = week_for(Path("client.yaml"))
    if program is not None:
        print(len(outputs(program)))
    book = load_catalog()
    raises = filter_exercises(book, muscles=["shoulders"], usable_with=["dumbbells_only"])
    print(summary(book), len(raises))
    explanation = optimizer.explain_infeasible({"days": ["mon"], "session_minutes": 10})
    print(explanation.status)


if __name__ == "__main__":
    main()
