"""What a pool worker runs for one request: plain data in, plain data out.

Results cross a process boundary, so a failure comes back as its error contract
(`to_dict()`), never as an exception object (custom exceptions do not always unpickle), and a
Program as the exact JSON text `preexhaust plan --json` prints. No FastAPI here: the workers
import this module and the public API only.
"""

from __future__ import annotations

import contextlib
import os
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..catalog import Catalog, load_catalog
from ..constraints import Constraints
from ..errors import InfeasibleError, PreExhaustError, error_dict
from ..limits import SERVICE_EXPLAIN_SECONDS
from ..planner import SolveLimits, checked, plan, with_solver_overrides

Outcome = dict[str, Any]


class StopFlag:
    """A cancel event across processes (`plan(cancel=...)`): set when its file exists. Plain
    data, so it crosses to a worker with the request; the service sets it when the caller has
    gone, and the worker's solve stops within a poll instead of running to its time limit for
    no one (four abandoned requests held a two-worker service for ten seconds)."""

    POLL_SECONDS = 0.02

    def __init__(self, path: str) -> None:
        self.path = path

    def is_set(self) -> bool:
        return os.path.exists(self.path)

    def wait(self, timeout: float | None = None) -> bool:
        end = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            left = None if end is None else end - time.monotonic()
            if left is not None and left <= 0:
                return False
            time.sleep(self.POLL_SECONDS if left is None else min(left, self.POLL_SECONDS))
        return True

    def set(self) -> None:
        with open(self.path, "a"):
            pass

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


@lru_cache(maxsize=4)
def catalog_at(path: Path | None) -> Catalog:
    """The catalog of this worker, loaded once (the bundled one for None)."""
    return load_catalog(path)


def warm(path: Path | None) -> bool:
    """Load the catalog and the solver before the first request needs them (about a second
    per worker), so the first client's latency is a solve, not an import."""
    from ..cpsat import solver  # noqa: F401

    catalog_at(path)
    return True


def capped(constraints: Constraints, limits: SolveLimits) -> Constraints:
    """The constraints with the service's limits applied to their `solver` block, for the
    calls that take no `limits` (explain)."""
    settings = limits.apply(constraints.solver)
    if settings is constraints.solver:
        return constraints
    return constraints.model_copy(update={"solver": settings})


def plan_request(
    constraints: Constraints,
    overrides: dict[str, Any],
    limits: SolveLimits,
    catalog: Path | None,
    explain_seconds: float | None,
    stop: StopFlag | None = None,
) -> Outcome:
    """`{"program": <plan --json text>}` or `{"error": <to_dict()>}`; an infeasible client
    gets the minimal conflict and repairs under `error.explanation` (as `plan` does on the
    command line) unless `explain_seconds` is None."""
    book = catalog_at(catalog)
    constraints = with_solver_overrides(constraints, **overrides)
    try:
        program = checked(plan(constraints, book, limits=limits, cancel=stop), constraints, book)
    except InfeasibleError as error:
        body = error.to_dict()
        if explain_seconds is not None and not (stop is not None and stop.is_set()):
            body["explanation"] = _explanation(constraints, book, limits, explain_seconds, stop)
        return {"error": body}
    except Exception as error:  # the contract's to_dict(); a bug as one line, no traceback
        return {"error": error_dict(error)}
    from ..export.formats import to_json

    return {"program": to_json(program)}


def _bounds(seconds: float, stop: StopFlag | None) -> dict[str, Any]:
    """How long an explanation here may run, and what stops it: one place for both kinds."""
    return {"seconds_per_solve": seconds, "budget_seconds": SERVICE_EXPLAIN_SECONDS, "cancel": stop}


def explain_request(
    constraints: Constraints,
    limits: SolveLimits,
    catalog: Path | None,
    seconds: float,
    stop: StopFlag | None = None,
) -> Outcome:
    """`{"explanation": <explain --json data>}` or `{"error": <to_dict()>}`."""
    from ..explain import explain
    from ..explain.render import as_json

    try:
        book = catalog_at(catalog)
        explanation = explain(capped(constraints, limits), book, **_bounds(seconds, stop))
        return {"explanation": as_json(explanation)}
    except Exception as error:
        return {"error": error_dict(error)}


def _explanation(
    constraints: Constraints,
    book: Catalog,
    limits: SolveLimits,
    seconds: float,
    stop: StopFlag | None,
) -> dict[str, Any] | None:
    from ..explain import explain_infeasible
    from ..explain.render import as_json

    try:
        found = explain_infeasible(capped(constraints, limits), book, **_bounds(seconds, stop))
    except PreExhaustError:  # the error itself still stands; its hint says how to explain
        return None
    return as_json(found)
