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
import contextlib
import math
import multiprocessing
import os
import secrets
import shutil
import statistics
import tempfile
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .. import limits
from ..batch.engines import _init_worker
from ..errors import InternalError
from .errors import ServiceBusy
from .work import StopFlag

#: How often a request's caller is checked for having gone while its solve waits or runs.
GONE_POLL_SECONDS = 0.25


class CallerGone(Exception):
    """The caller disconnected before its answer: the solve was dropped or stopped."""


class SolvePool:
    """`workers` processes, `queue_size` waiting requests at most (see the module)."""

    def __init__(self, workers: int, queue_size: int) -> None:
        self.workers = workers
        self.capacity = workers + queue_size
        self._lock = threading.Lock()
        self._admitted = 0
        self._executor: ProcessPoolExecutor | None = None
        self._recent: deque[float] = deque(maxlen=50)  # seconds of recent requests
        self._flags: str | None = None  # the folder of this pool's stop flags

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
            flags, self._flags = self._flags, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        if flags is not None:
            shutil.rmtree(flags, ignore_errors=True)

    def stop_flag(self) -> StopFlag:
        """A fresh flag for one request (`run(..., stop=...)`), unset."""
        with self._lock:
            if self._flags is None:
                self._flags = tempfile.mkdtemp(prefix="preexhaust-stop-")
            return StopFlag(os.path.join(self._flags, secrets.token_hex(8)))

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

    async def run(
        self,
        func: Callable[..., Any],
        *args: Any,
        gone: Callable[[], Awaitable[bool]] | None = None,
        stop: StopFlag | None = None,
    ) -> Any:
        """`func(*args)` in a worker, if there is room: raises `ServiceBusy` when
        `workers + queue_size` requests are in flight already. With `gone` (the request's
        `is_disconnected`), a caller who leaves gets no solve: a waiting one is dropped, a
        running one is stopped through `stop` (an argument of `func` too), and its slot is
        freed when the worker is; `CallerGone` is raised."""
        self._admit()
        started = time.monotonic()
        try:
            future = self.submit(func, *args)
            try:
                return await self._answer(future, gone, stop)
            except asyncio.CancelledError:  # the server is stopping: drop it if not begun
                future.cancel()
                raise
            except BrokenProcessPool:
                raise InternalError(
                    "the solver process died during this request (out of memory?)",
                    hint="try again; the service replaced the process",
                ) from None
        finally:
            if stop is not None:
                stop.clear()
            self._release(started)

    async def _answer(
        self,
        future: Future[Any],
        gone: Callable[[], Awaitable[bool]] | None,
        stop: StopFlag | None,
    ) -> Any:
        answer = asyncio.wrap_future(future)
        if gone is None:
            return await answer
        while True:
            done, _ = await asyncio.wait({answer}, timeout=GONE_POLL_SECONDS)
            if done:
                return answer.result()
            if await gone():
                break
        if not future.cancel() and stop is not None:  # running: stop it, and wait for the
            stop.set()  # worker (it returns within a poll), so the slot count stays true
            with contextlib.suppress(Exception):
                await answer
        raise CallerGone
