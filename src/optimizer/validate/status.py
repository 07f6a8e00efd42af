"""The proof status: no negative gap, and "optimal" only when proven, exactly or within what
the client allowed."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..constraints import Constraints
from ..program import Program
from .context import Violation, Week


def check_status(week: Week) -> Iterator[Violation]:
    program = week.program
    if program.gap < 0 or (program.status == "optimal" and not _proven(program, week.constraints)):
        yield Violation("status", "gap", f"{program.status} with gap {program.gap}")


def _proven(program: Program, constraints: Constraints) -> bool:
    """An "optimal" week has no gap, or one the client allowed: `relative_gap`, or seconds of
    exercise time under `time_tolerance` (`Program.absolute_gap`)."""
    allowed = constraints.solver
    r = allowed.relative_gap  # over the bound or the objective: either reading passes
    relative = math.inf if r >= 1 else r / (1 - r)
    return (
        program.gap <= 1e-9
        or program.gap <= relative + 1e-9
        or program.absolute_gap <= 60 * allowed.time_tolerance + 1e-6
    )
