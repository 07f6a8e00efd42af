"""The service's solver processes: a bounded pool with a bounded queue.

Solves run in `workers` spawned processes, never on the event loop, so a slow client cannot
delay `/healthz` or another request's parsing. Admission is counted here, not in the
executor: at most `workers + queue_size` requests are in flight, and one more is refused at
once (`ServiceBusy`, 503 with Retry-After) instead of piling up memory and latency. Batch jobs
share the same processes through `submit` with a window of their own (see `jobs`), so a big
batch interleaves with interactive requests instead of queueing ahead of them.

Workers are started like the batch's (`spawn`, dying with this process even on kill -9),
and a pool broken by a dead worker (a crash, the OOM killer) is replaced on the next
submission; the request that was running gets a 500.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .. import limits
from ..batch.engines import _init_worker
from ..errors import InternalError
from .errors import ServiceBusy


class SolvePool:
    """`workers` processes, `queue_size` waiting requests at most (see the module)."""

    def __init__(self, workers: int, queue_size: int) -> None:
        self.workers = workers
        self.capacity = workers + queue_size
        self._lock = threading.Lock()
        self._admitted = 0
        self._executor: ProcessPoolExecutor | None = None
        self._recent: deque[float] = deque(maxlen=50)  # seconds of recent requests

    # -- the processes -------------------------------------------------------------------------
    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, func: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run `func(*args)` in a worker, outside the admission count (the batch engine
        bounds its own share)."""
        with self._lock:
            if self._executor is None:
                self._executor = self._new_executor()
            try:
                return self._executor.submit(func, *args)
            except (BrokenProcessPool, RuntimeError):  # a worker died: a fresh pool
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
                return self._executor.submit(func, *args)

    def warm(self, func: Callable[..., Any], *args: Any) -> None:
        """Start every worker and have it run `func` (imports, the catalog) now."""
        for _ in range(self.workers):
            self.submit(func, *args)

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    # -- admission -----------------------------------------------------------------------------
    @property
    def in_flight(self) -> int:
        """Requests running or waiting for a worker."""
        return self._admitted

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: the requests ahead, `workers` at a time, at
        the median recent request time."""
        typical = statistics.median(self._recent) if self._recent else 1.0
        rounds = self._admitted / max(self.workers, 1)
        low, high = limits.SERVICE_RETRY_AFTER
        return int(min(max(math.ceil(typical * rounds), low), high))

    def _admit(self) -> None:
        with self._lock:
            if self._admitted >= self.capacity:
                raise ServiceBusy(
                    f"the service is busy: {self.capacity} requests are running or queued",
                    self.retry_after(),
                )
            self._admitted += 1

    def _release(self, started: float) -> None:
        with self._lock:
            self._admitted -= 1
            self._recent.append(time.monotonic() - started)

    async def run(self, func: Callable[..., Any], *args: Any) -> Any:
        """`func(*args)` in a worker, if there is room: raises `ServiceBusy` when
        `workers + queue_size` requests are in flight already."""
        self._admit()
        started = time.monotonic()
        try:
            future = self.submit(func, *args)
            try:
                return await asyncio.wrap_future(future)
            except asyncio.CancelledError:  # the server is stopping: drop it if not begun
                future.cancel()
                raise
            except BrokenProcessPool:
                raise InternalError(
                    "the solver process died during this request (out of memory?)",
                    hint="try again; the service replaced the process",
                ) from None
        finally:
            self._release(started)
