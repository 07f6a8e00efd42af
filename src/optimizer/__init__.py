"""pre-exhaust: weekly resistance-training programs from a CP-SAT model.

from optimizer import plan, load_constraints
program = plan(load_constraints("client.yaml"))
"""

from .batch import plan_many
from .catalog import Catalog, Exercise, load_catalog
from .constraints import Constraints, TargetSpec, constraints_schema, load_constraints
from .errors import (
    InfeasibleError,
    InputError,
    NoProgramError,
    PreExhaustError,
    SolverTimeoutError,
)
from .planner import plan
from .program import DayPlan, Program, ProgramExercise
from .validate import Violation, validate
from .version import __version__

__all__ = [
    "Catalog",
    "Constraints",
    "DayPlan",
    "Exercise",
    "InfeasibleError",
    "InputError",
    "NoProgramError",
    "PreExhaustError",
    "Program",
    "ProgramExercise",
    "SolverTimeoutError",
    "TargetSpec",
    "Violation",
    "__version__",
    "constraints_schema",
    "load_catalog",
    "load_constraints",
    "plan",
    "plan_many",
    "validate",
]
