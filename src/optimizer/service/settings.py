"""What a deployment of the service may set: from `preexhaust serve` options or, for any ASGI
server (`uvicorn optimizer.service:app`), from PREEXHAUST_* environment variables.

The defaults are the limits of `optimizer.limits` (defined once there); a setting can lower or
raise them per deployment, never per request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..batch.engines import available_cores
from ..errors import InputError
from ..planner import SolveLimits
from ..safe_input import max_batch_bytes, max_file_bytes

#: Environment variable of each setting (for `optimizer.service:app`).
ENV = {
    "workers": "PREEXHAUST_WORKERS",
    "solver_workers": "PREEXHAUST_SOLVER_WORKERS",
    "max_time_limit": "PREEXHAUST_MAX_TIME_LIMIT",
    "queue_size": "PREEXHAUST_QUEUE_SIZE",
    "api_key": "PREEXHAUST_API_KEY",
    "batch_dir": "PREEXHAUST_BATCH_DIR",
    "catalog": "PREEXHAUST_CATALOG",
}
DEFAULT_BATCH_DIR = Path("out/service-batches")


@dataclass(frozen=True)
class ServiceSettings:
    """One service's policy.

    `workers`: solver processes (default: the cores). `solver_workers`: the most CP-SAT
    threads one solve may use (default 1: repeatable weeks, and `workers` solves at once).
    `max_time_limit`: the most seconds one solve may run, whatever the input or the request
    asks. `queue_size`: solves that may wait for a worker; more get 503. `api_key`: when set,
    every request but the health check and the docs needs it. `batch_dir`: where batch jobs
    live (a restarted service serves and resumes them from there). `catalog`: a catalog file
    or folder instead of the bundled one. `body_bytes` / `batch_bytes`: the largest request
    body for one client / one batch (the input limits of a file / a batch source).
    """

    workers: int = 0
    solver_workers: int = 1
    max_time_limit: float = limits.SERVICE_MAX_TIME_LIMIT
    queue_size: int = limits.SERVICE_QUEUE
    api_key: str | None = None
    batch_dir: Path = DEFAULT_BATCH_DIR
    catalog: Path | None = None
    body_bytes: int = 0
    batch_bytes: int = 0

    def __post_init__(self) -> None:
        # 0 means "the default", resolved here so the app reads one number
        if self.workers <= 0:
            object.__setattr__(self, "workers", available_cores())
        if self.body_bytes <= 0:
            object.__setattr__(self, "body_bytes", max_file_bytes())
        if self.batch_bytes <= 0:
            object.__setattr__(self, "batch_bytes", max_batch_bytes())
        if not limits.WORKERS.holds(self.solver_workers):
            raise InputError("--solver-workers", f"must be {limits.WORKERS.text}")
        top = limits.TIME_LIMIT_SECONDS.high
        if not (0 < self.max_time_limit <= top):
            raise InputError("--max-time-limit", f"must be above 0 and at most {top:g}")
        if self.queue_size < 0:
            raise InputError("--queue-size", "must be 0 or more")
        if self.api_key is not None and not self.api_key.strip():
            object.__setattr__(self, "api_key", None)

    @property
    def solve_limits(self) -> SolveLimits:
        """What every solve of this service gets, whatever its input asks: the CP-SAT
        workers, the time limit and no search log."""
        return SolveLimits(
            max_workers=self.solver_workers, max_time_limit=self.max_time_limit, allow_log=False
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServiceSettings:
        """The settings the PREEXHAUST_* variables give (unset: the defaults)."""
        env = os.environ if environ is None else environ
        given: dict[str, object] = {}
        for name, variable in ENV.items():
            text = env.get(variable)
            if text is None or not text.strip():
                continue
            try:
                if name in ("workers", "solver_workers", "queue_size"):
                    given[name] = int(text)
                elif name == "max_time_limit":
                    given[name] = float(text)
                elif name in ("batch_dir", "catalog"):
                    given[name] = Path(text)
                else:
                    given[name] = text
            except ValueError:
                raise InputError(variable, f"not a number: {text[:40]!r}") from None
        return cls(**given)  # type: ignore[arg-type]
