"""pre-exhaust: weekly resistance-training programs from a CP-SAT model.

from optimizer import plan, load_constraints
program = plan(load_constraints("client.yaml"))

`import optimizer` stays light: OR-Tools, numpy and pandas load on the first solve (or the
first DataFrame), and `plan_many`, `explain_infeasible` and the export functions are imported
when first used (PEP 562 `__getattr__`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .catalog import Catalog, Exercise, load_catalog
from .constraints import Constraints, TargetSpec, constraints_schema, load_constraints
from .errors import (
    CancelledError,
    InfeasibleError,
    InputError,
    InternalError,
    NoProgramError,
    PreExhaustError,
    SolverTimeoutError,
)
from .planner import SolveLimits, plan
from .program import DayPlan, Program, ProgramExercise
from .validate import Violation, validate
from .version import __version__

if TYPE_CHECKING:
    from .batch import plan_many
    from .explain import explain_infeasible
    from .export import to_csv, to_html, to_json, to_markdown

#: name -> module of the names imported on first use
_LAZY = {
    "plan_many": ".batch",
    "explain_infeasible": ".explain",
    "to_csv": ".export",
    "to_html": ".export",
    "to_json": ".export",
    "to_markdown": ".export",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "CancelledError",
    "Catalog",
    "Constraints",
    "DayPlan",
    "Exercise",
    "InfeasibleError",
    "InputError",
    "InternalError",
    "NoProgramError",
    "PreExhaustError",
    "Program",
    "ProgramExercise",
    "SolveLimits",
    "SolverTimeoutError",
    "TargetSpec",
    "Violation",
    "__version__",
    "constraints_schema",
    "explain_infeasible",
    "load_catalog",
    "load_constraints",
    "plan",
    "plan_many",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "validate",
]
