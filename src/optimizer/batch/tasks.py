"""The unit of work of a batch: one client's solve, as plain data in and plain data out.

A task must cross process and machine boundaries (a spawn pool, a Dask cluster), so it carries
the constraints as a JSON-ready dict and returns the program as one, never a CP-SAT model
(not picklable) nor an exception object (custom exceptions do not always unpickle). The catalog
is passed beside the task: `None` means the bundled one, which each worker loads itself once.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Mapping
from typing import Any

from ..catalog import Catalog, load_catalog
from ..constraints import parse_constraints
from ..errors import InfeasibleError, InputError, PreExhaustError
from ..planner import SolveLimits, checked, plan
from .engines import available_cores

#: Statuses of a client with a program; every other status is a failure.
OK_STATUSES = ("optimal", "feasible")


def solve_task(task: dict[str, Any], catalog: Catalog | None = None) -> dict[str, Any]:
    """Plan one client and re-check the week with the validator; never raises.

    `task` is `{"client": str, "constraints": dict}`, with optional `"limits"` (the fields of
    a `SolveLimits`, from `plan_many(limits=...)`, which can only lower `batch_limits`).
    Returns `{"client", "status", "program" (a dict or None), "error", "field", "seconds"}`,
    where `status` is optimal, feasible, invalid_input, infeasible, timeout or error. Any
    exception becomes an `error` result, so one client can never stop a batch, whatever
    engine runs it.
    """
    start = time.perf_counter()
    result: dict[str, Any] = {
        "client": task.get("client"),
        "status": "error",
        "program": None,
        "error": "",
        "field": "",
    }
    try:
        book = catalog if catalog is not None else load_catalog()
        constraints = parse_constraints(task["constraints"], book.vocabulary)
        program = plan(constraints, book, limits=batch_limits(task.get("limits")))
        checked(program, constraints, book)  # a model bug is an InternalError, below
        result["status"] = program.status
        result["program"] = program.model_dump(mode="json")
    except PreExhaustError as err:
        result["status"] = getattr(err, "status", "error")
        result["error"] = one_line(err)
        if isinstance(err, InputError):
            result["field"] = err.field
    except Exception as err:  # anything unexpected is reported on this client, not raised
        result["error"] = f"{type(err).__name__}: {err}"
        result["traceback"] = traceback.format_exc(limit=8)
    result["seconds"] = round(time.perf_counter() - start, 3)
    return result


def batch_limits(caps: Mapping[str, Any] | None = None) -> SolveLimits:
    """What a row of a batch may ask of the machine it runs on: no more CP-SAT threads than
    the cores this worker may use, and no search log (a sheet's `log: true` would interleave
    thousands of lines from every worker). The batch's own options still set the rest.

    `caps` (a `SolveLimits` as a dict) is the caller's policy, e.g. the service's
    `--max-time-limit`: it lowers these, never raises them (a cap, unlike `--time-limit`,
    leaves a client asking for less alone)."""
    caps = caps or {}
    cores = available_cores()
    workers = caps.get("max_workers")
    return SolveLimits(
        max_workers=min(cores, workers) if workers else cores,
        max_time_limit=caps.get("max_time_limit"),
        allow_log=False,
    )


def one_line(error: PreExhaustError) -> str:
    """The error as one summary cell: the message, then the reasons separated by `; `."""
    if isinstance(error, InfeasibleError) and error.reasons:
        return error.message.rstrip(":") + ": " + "; ".join(error.reasons)
    return " ".join(str(error).split())
