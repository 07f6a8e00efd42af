"""Engines run the same tasks in different places: here, in a local process pool, on Dask.

Each engine's `run(func, tasks, context, deadline)` yields `(index, result)` as tasks finish, in
any order, and simply stops at the deadline (the runner marks what never came back). Engines
know nothing about clients or files: the runner owns those, so results cannot depend on the
engine. `func(task, context)` must be importable by name (a module-level function) and must
not raise; `context` (the catalog, or None) is shipped to each worker once where possible.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from ..errors import InputError
from ..safe_input import echo
from ..version import __version__

Task = dict[str, Any]
Result = dict[str, Any]
TaskFunc = Callable[[Task, Any], Result]

#: How often the Dask engine looks for finished tasks, in seconds.
POLL_SECONDS = 0.05
#: How many times a task whose worker process died is run again, as Dask's `retries`.
RESUBMITS = 3  # whole resubmissions after a cluster failure (not a task error)
RETRIES = 2


class Engine(Protocol):
    """Where tasks run. `describe()` names it for logs and the benchmark."""

    def run(
        self, func: TaskFunc, tasks: Sequence[Task], context: Any, deadline: float | None
    ) -> Iterator[tuple[int, Result]]: ...

    def describe(self) -> str: ...


def available_cores() -> int:
    """Cores this process may use (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())


def crashed(task: Task, reason: str) -> Result:
    """The result of a task whose worker died every time it ran it."""
    return {
        "client": task.get("client"),
        "status": "error",
        "program": None,
        "error": reason,
        "field": "",
        "seconds": 0.0,
    }


class SerialEngine:
    """In this process, one task after another: for debugging and tests (no pickling at all).

    The batch limit is checked between tasks, so a running solve is not cut short.
    """

    def describe(self) -> str:
        return "serial"

    def run(
        self, func: TaskFunc, tasks: Sequence[Task], context: Any, deadline: float | None
    ) -> Iterator[tuple[int, Result]]:
        for i, task in enumerate(tasks):
            if deadline is not None and time.monotonic() >= deadline:
                return
            yield i, func(task, context)


#: How often a worker checks that the process that started it is still alive, in seconds.
ORPHAN_POLL_SECONDS = 0.5
#: `prctl` option: the signal a Linux process gets when the thread that created it exits.
_PR_SET_PDEATHSIG = 1


def _init_worker(parent: int) -> None:
    """Each pool worker's initializer: leave Ctrl-C to the parent, and die with the parent.

    Pool workers leave Ctrl-C to the parent, which stops them and writes what is done. If the
    parent itself dies (kill -9, the OOM killer), nothing would stop them: they would solve on
    for minutes, about 125 MB each. So on Linux the kernel sends them SIGKILL when it dies
    (`PR_SET_PDEATHSIG`), and everywhere a daemon thread checks every `ORPHAN_POLL_SECONDS`
    that the parent is still `parent` (an orphan is adopted by another process) and ends the
    worker if not. A worker holds nothing to save: its results were for the dead parent.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    watcher = threading.Thread(
        target=_watch_parent, args=(parent,), name="preexhaust-parent-watch", daemon=True
    )
    watcher.start()


def _die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """End this worker as soon as its parent is gone (the portable fallback)."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL_SECONDS)
    os._exit(1)


class LocalEngine:
    """A pool of `workers` processes on this machine, started with `spawn`.

    Spawn, not fork: forking a parent that already runs threads (OR-Tools, rich's refresh
    thread) can deadlock the child. Workers die with this process, even by kill -9 (see
    `_init_worker`), so a killed batch leaves no orphan solving. If a worker process dies (a
    crash, the OOM killer), the pool is rebuilt and the unfinished tasks run again; a task
    that was running each time a worker died is finally run alone, so only the task that
    kills its worker is reported.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or available_cores())

    def describe(self) -> str:
        return f"local ({self.workers} worker{'s' if self.workers != 1 else ''})"

    def run(
        self, func: TaskFunc, tasks: Sequence[Task], context: Any, deadline: float | None
    ) -> Iterator[tuple[int, Result]]:
        todo = dict(enumerate(tasks))
        deaths: dict[int, int] = {}
        while todo:
            suspects = [i for i in todo if deaths.get(i, 0) >= RETRIES]
            batch = [suspects[0]] if suspects else list(todo)
            workers = 1 if suspects else min(self.workers, len(batch))
            for i, result in self._pool(func, batch, todo, context, deadline, workers):
                if result is _QUEUED:  # lost with a broken pool, but it never ran
                    continue
                if result is _RUNNING:  # it was running when its worker died
                    deaths[i] = deaths.get(i, 0) + 1
                    if suspects:  # it ran alone: it is the one that kills its worker
                        task = todo.pop(i)
                        yield i, crashed(task, _died(task, deaths[i]))
                    continue
                del todo[i]
                yield i, result
            if deadline is not None and time.monotonic() >= deadline:
                return

    def _pool(
        self,
        func: TaskFunc,
        batch: list[int],
        todo: dict[int, Task],
        context: Any,
        deadline: float | None,
        workers: int,
    ) -> Iterator[tuple[int, Any]]:
        """Run `batch` in one pool, yielding (index, result) as tasks finish.

        When a worker dies the pool is broken and every unfinished task fails with it: those
        seen running are yielded with `_RUNNING` (suspects), the others with `_QUEUED`, so a
        crash costs the innocent queued tasks nothing but a resubmission.
        """
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )
        finished = False
        try:
            futures: dict[Future, int] = {pool.submit(func, todo[i], context): i for i in batch}
            pending = set(futures)
            running: set[Future] = set()
            while pending:
                running |= {f for f in pending if f.running()}
                left = _left(deadline)
                step = POOL_POLL_SECONDS if left is None else min(POOL_POLL_SECONDS, left)
                done, pending = wait(pending, timeout=step, return_when=FIRST_COMPLETED)
                if not done:
                    if left is not None and left <= step:
                        return  # the batch limit: stop here, the finally stops the workers
                    continue
                broken = [f for f in done if isinstance(f.exception(), BrokenProcessPool)]
                if broken:  # every other future fails the same way: collect them all
                    wait(pending)
                    lost = sorted([*done, *pending], key=futures.__getitem__)
                    lost = [f for f in lost if isinstance(f.exception(), BrokenProcessPool)]
                    blamed = [f for f in lost if f in running] or lost
                    for future in sorted(done, key=futures.__getitem__):
                        if future not in lost:
                            yield futures[future], _outcome(future, todo[futures[future]])
                    for future in lost:
                        yield futures[future], _RUNNING if future in blamed else _QUEUED
                    pending = set()
                    break
                for future in sorted(done, key=futures.__getitem__):
                    running.discard(future)  # dropped at once: big batches keep memory flat
                    i = futures.pop(future)
                    yield i, _outcome(future, todo[i])
            finished = True
        finally:
            _stop(pool, kill=not finished)


def _outcome(future: Future, task: Task) -> Result:
    """A finished future's result; an exception here is never the solve's (the task function
    catches everything) but the task or its result failing to pickle."""
    error = future.exception()
    if error is None:
        return future.result()
    return crashed(task, f"{type(error).__name__}: {error}")


#: Markers for tasks lost with a broken pool: running when it broke, or still queued.
_RUNNING = object()
_QUEUED = object()
#: How often the pool's running tasks are noted (and the batch limit checked), in seconds.
POOL_POLL_SECONDS = 0.1


def _died(task: Task, times: int) -> str:
    return (
        f"the worker process died {times} times while solving {task.get('client')} "
        "(a crash or the out-of-memory killer); the rest of the batch went on"
    )


def _stop(pool: ProcessPoolExecutor, kill: bool) -> None:
    """Shut the pool down; on an early stop, end its running solves instead of waiting."""
    if kill:
        # ProcessPoolExecutor has no public way to stop a running call before Python 3.14.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            if process.is_alive():
                process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


#: A Dask scheduler address: a protocol, a host (an IPv6 one in brackets), a port of 1-65535.
_SCHEDULER = re.compile(
    r"(tcp|tls|inproc|ucx|ws|wss)://(\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+)(:(6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}"
    r"|[1-5]\d{4}|[1-9]\d{0,3}))"
)


class DaskEngine:
    """The same tasks on a Dask distributed cluster (`pip install 'pre-exhaust[dask]'`).

    With `scheduler` (``tcp://host:8786``) it connects to a running cluster; without, it starts
    a temporary local cluster of `workers` single-threaded processes. Tasks are submitted with
    `retries` and `pure=False`; a task on a worker that dies is rerun elsewhere by the
    scheduler, so a lost worker loses no client.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        connect_timeout: float = 20.0,
    ) -> None:
        if scheduler is not None and not _SCHEDULER.fullmatch(scheduler):
            # checked before Dask sees it: its Client raised a ValueError (an internal error
            # here) and printed a traceback from its own clean-up
            raise InputError(
                "--scheduler",
                f"{echo(scheduler)} is not a scheduler address",
                "give tcp://host:port, e.g. tcp://10.0.0.5:8786",
            )
        self.scheduler = scheduler
        self.workers = max(1, workers or available_cores())
        self.connect_timeout = connect_timeout
        #: Things the user should know about the cluster, filled when it is reached.
        self.notes: list[str] = []

    def describe(self) -> str:
        if self.scheduler:
            return f"dask ({self.scheduler})"
        return f"dask (temporary local cluster, {self.workers} workers)"

    def _connect(self):
        try:
            import distributed
        except ImportError:
            raise InputError(
                "--engine dask",
                "needs the optional Dask extra",
                "pip install 'pre-exhaust[dask]' (or pip install 'dask[distributed]')",
            ) from None
        cluster = None
        try:
            if self.scheduler:
                client = distributed.Client(
                    self.scheduler, timeout=f"{self.connect_timeout}s", set_as_default=False
                )
            else:
                cluster = distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                client = distributed.Client(cluster, set_as_default=False)
        except (OSError, TimeoutError) as err:
            raise InputError(
                "--scheduler",
                f"cannot reach the Dask scheduler at {self.scheduler}: {err}",
                "start one with `dask scheduler` and pass its tcp://host:port",
            ) from None
        try:
            client.wait_for_workers(1, timeout=self.connect_timeout)
        except (OSError, TimeoutError):
            client.close()
            raise InputError(
                "--scheduler",
                f"no Dask worker joined {self.scheduler} within {self.connect_timeout:g} s",
                "start workers with `dask worker tcp://host:port --nthreads 1`",
            ) from None
        self.notes = _check_workers(client)
        return distributed, client, cluster

    def run(
        self, func: TaskFunc, tasks: Sequence[Task], context: Any, deadline: float | None
    ) -> Iterator[tuple[int, Result]]:
        distributed, client, cluster = self._connect()
        futures: dict[Any, int] = {}
        try:
            shared = (
                client.scatter(context, broadcast=True, hash=False) if context is not None else None
            )
            attempts: dict[int, int] = {}

            def submit(i: int) -> Any:
                attempts[i] = attempts.get(i, 0) + 1
                future = client.submit(
                    func,
                    tasks[i],
                    shared,
                    key=f"preexhaust-{i}-{tasks[i].get('client')}-{os.urandom(4).hex()}",
                    pure=False,
                    retries=RETRIES,
                )
                futures[future] = i
                return future

            finished = distributed.as_completed(
                [submit(i) for i in range(len(tasks))], loop=client.loop
            )
            while not finished.is_empty():
                batch = finished.next_batch(block=False)
                if not batch:
                    if deadline is not None and time.monotonic() >= deadline:
                        return  # the batch limit; the finally cancels what is left
                    time.sleep(POLL_SECONDS)  # short sleeps: Ctrl-C is seen at once
                    continue
                for future in sorted(batch, key=futures.__getitem__):
                    i = futures.pop(future)  # released: the cluster frees its result
                    try:
                        if future.status == "finished":
                            yield i, future.result()
                            continue
                        error = _dask_error(future)
                    except Exception as err:  # the result was on a worker that died since
                        error = f"dask: {type(err).__name__}: {err}"
                    # The task itself never raises (it reports every failure as a result),
                    # so this is the cluster's doing: a killed worker, a lost result. Run it
                    # again, a few times, before reporting the client as failed.
                    if attempts[i] < RESUBMITS:
                        finished.add(submit(i))
                    else:
                        yield i, crashed(tasks[i], error)
        finally:
            unfinished = [f for f in futures if not f.done()]
            if unfinished:
                client.cancel(unfinished, force=True)
            client.close()
            if cluster is not None:
                cluster.close()


def _dask_error(future) -> str:
    try:
        error = future.exception()
    except Exception as err:  # cancelled futures raise here
        error = err
    return f"dask: {type(error).__name__}: {error}"


def _check_workers(client) -> list[str]:
    """Fail early, with the fix, when a worker cannot import this package or runs another
    version: otherwise every task would fail one by one with the same import error. Returns
    notes for the user (none so far).
    """

    def probe() -> str:
        # imports the package on the worker too (its __init__ runs first)
        from optimizer.version import __version__ as version

        return version

    try:
        answers = client.run(probe)
    except Exception as err:  # ModuleNotFoundError raised on a worker, re-raised here
        raise InputError(
            "--scheduler",
            f"a Dask worker cannot import the optimizer package ({type(err).__name__}: {err})",
            "install pre-exhaust in the workers' environment",
        ) from None
    wrong = {w: v for w, v in answers.items() if v != __version__}
    if wrong:
        worker, version = next(iter(wrong.items()))
        raise InputError(
            "--scheduler",
            f"Dask worker {worker} runs pre-exhaust {version}, this batch {__version__}",
            "install the same version on every worker",
        )
    return []


def make_engine(name: str, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine named on the command line: local (default), dask or serial."""
    if scheduler and name != "dask":  # any other engine would ignore it without a word
        raise InputError("--scheduler", "needs --engine dask", "add --engine dask")
    if name == "local":
        return LocalEngine(workers)
    if name == "dask":
        return DaskEngine(scheduler, workers)
    if name == "serial":
        return SerialEngine()
    raise InputError("--engine", f"unknown engine {name!r}", "use local, dask or serial")
