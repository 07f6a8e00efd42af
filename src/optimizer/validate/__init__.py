"""An independent validator: re-checks every hard rule from a Program's own output.

It never looks at solver variables or the model; it recomputes times, volumes, spacing and
order from the program, the constraints and the catalog facts, with its own arithmetic, so a
bug in the model cannot hide behind the same bug here. It imports only the catalog,
constraints, program, vocabulary and errors modules of the package, and the two data tables a
coach edits (goals, injuries), never the model, the planner or the greedy (a test holds it to
that).

One module per rule group, each with a function `check_<group>(week)` that yields the
`Violation`s of its rule(s); `week` is the `context.Week` built once per call, holding the
inputs and the facts the checks share (seconds per exercise, minutes and fractional sets per
session, weekly sets, the days each muscle is primary on).

Checks are discovered, not listed: `CHECKS` holds every module-level function named
`check_*` defined in a module of this package (modules whose name starts with `_` are
skipped), modules in sorted name order, functions in the order their module defines them.
So adding a rule group is one new file, `validate/<group>.py` with `check_<group>`; nothing
here changes. `validate` returns the violations in that order.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..constraints import Constraints, resolve_inputs
from ..program import Program
from .context import TOLERANCE, Violation, Week, build_week

Check = Callable[[Week], Iterable[Violation]]

__all__ = ["CHECKS", "TOLERANCE", "Check", "Violation", "Week", "discover", "validate"]


def discover(path: Sequence[str], package: str) -> tuple[Check, ...]:
    """The `check_*` functions of the modules of `package` (found on `path`), in a fixed
    order: modules sorted by name, then each module's functions as it defines them. A
    function a module imports from another is not counted twice."""
    checks: list[Check] = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        checks.extend(
            fn
            for name, fn in vars(module).items()
            if name.startswith("check_")
            and inspect.isfunction(fn)
            and fn.__module__ == module.__name__
        )
    return tuple(checks)


CHECKS: tuple[Check, ...] = discover(__path__, __name__)


def validate(
    program: Program,
    constraints: Constraints | Mapping[str, Any] | str | Path,
    catalog: Catalog | str | Path | None = None,
) -> list[Violation]:
    """Every broken rule, in the words of the constraints file; an empty list means valid.

    Takes what `plan` takes: `constraints` a `Constraints`, a mapping with the file's fields
    or a path; `catalog` a `Catalog`, a catalog path or None for the bundled one.
    """
    constraints, catalog = resolve_inputs(constraints, catalog)
    week = build_week(program, constraints, catalog)
    return [violation for check in CHECKS for violation in check(week)]
