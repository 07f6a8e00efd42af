"""Batch jobs of the service, kept on disk in the batch folder format.

A job is a folder `<batch_dir>/<id>/`: `input.jsonl` (the clients as sent, one per line),
`job.json` (its state) and `out/`, the output folder of `plan_many` (clients/, records/,
summary.csv, programs.csv, index.html). One thread runs the jobs one at a time with
`plan_many(..., resume=True)`, its tasks on the service's own solver processes (`PoolEngine`),
so a job that a stop or a crash interrupted simply continues when the service starts again,
and a finished one is served from its folder. Nothing else is kept: the folder is the job.
"""

from __future__ import annotations

import csv
import json
import logging
import queue
import re
import secrets
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import limits
from ..batch import BatchInterrupted, plan_many, read_clients
from ..batch.engines import TaskFunc, crashed
from ..batch.output import SUMMARY_FILE, BatchFolder
from ..batch.tasks import OK_STATUSES
from ..catalog import Catalog
from ..errors import PreExhaustError, error_dict
from ..export.files import write_atomic
from ..planner import SolveLimits
from .errors import ServiceBusy, ServiceError
from .pool import SolvePool

log = logging.getLogger("optimizer.service")

JOB_ID = re.compile(r"^[0-9a-f]{16}$")
INPUT_FILE = "input.jsonl"
STATE_FILE = "job.json"
OUT_DIR = "out"
#: States of a job; `done` and `failed` are final.
STATES = ("queued", "running", "done", "failed")
#: summary.csv's text columns; every other column holds numbers (or is empty).
_TEXT = ("client", "source", "status", "field", "error")


class PoolEngine:
    """A batch engine on the service's processes: at most `window` tasks submitted at a time,
    so requests that arrive during a batch wait behind a few of its tasks, not all of them.
    Setting `stop` ends the run as Ctrl-C ends a batch (what is done stays written)."""

    def __init__(self, pool: SolvePool, window: int, stop: threading.Event) -> None:
        self.pool = pool
        self.window = max(1, window)
        self.stop = stop

    def describe(self) -> str:
        return f"service pool ({self.pool.workers} workers)"

    def run(
        self, func: TaskFunc, tasks: Sequence[Any], context: Any, deadline: float | None
    ) -> Iterator[tuple[int, Any]]:
        todo = iter(range(len(tasks)))
        pending: dict[Future[Any], int] = {}
        try:
            while True:
                while len(pending) < self.window and (i := next(todo, None)) is not None:
                    pending[self.pool.submit(func, tasks[i], context)] = i
                if not pending:
                    return
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if self.stop.is_set():
                    raise KeyboardInterrupt  # plan_many writes what is done, then stops
                if deadline is not None and time.monotonic() >= deadline:
                    return
                for future in sorted(done, key=pending.__getitem__):
                    i = pending.pop(future)
                    error = future.exception()
                    yield (
                        i,
                        future.result()
                        if error is None
                        else crashed(tasks[i], f"{type(error).__name__}: {error}"),
                    )
        finally:
            for future in pending:
                future.cancel()


@dataclass
class Job:
    """One batch job: its folder and what is known of its progress."""

    id: str
    root: Path
    state: str = "queued"
    created: float = field(default_factory=time.time)
    finished: float | None = None
    time_limit: float | None = None
    total: int = 0
    error: dict[str, Any] | None = None
    described: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    #: client -> status of the clients finished in this run (the rest: records / pending)
    statuses: dict[str, str] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    #: (client, source) in input order, and the statuses an earlier run recorded: read once,
    #: not on every poll (a 10,000-client job's status took 0.7-0.9 s a poll)
    _listed: list[tuple[str, str]] | None = field(default=None, repr=False)
    _earlier: dict[str, str] | None = field(default=None, repr=False)

    @property
    def input(self) -> Path:
        return self.root / INPUT_FILE

    @property
    def out(self) -> Path:
        return self.root / OUT_DIR

    def save(self) -> None:
        data = {
            "id": self.id,
            "state": self.state,
            "created": self.created,
            "finished": self.finished,
            "time_limit": self.time_limit,
            "total": self.total,
            "error": self.error,
            "summary": self.described,
            "counts": self.counts,
        }
        write_atomic(self.root / STATE_FILE, json.dumps(data, indent=2) + "\n")

    @classmethod
    def load(cls, root: Path) -> Job | None:
        try:
            data = json.loads((root / STATE_FILE).read_text(encoding="utf-8"))
            job = cls(
                id=root.name,
                root=root,
                state=str(data["state"]),
                created=float(data["created"]),
                finished=data.get("finished"),
                time_limit=data.get("time_limit"),
                total=int(data.get("total") or 0),
                error=data.get("error"),
                described=str(data.get("summary") or ""),
                counts=dict(data.get("counts") or {}),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return job if job.state in STATES else None

    # -- what GET returns --------------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        """summary.csv as typed rows (a finished job), in input order."""
        with (self.out / SUMMARY_FILE).open(encoding="utf-8", newline="") as handle:
            return [
                {k: _typed(k, v) for k, v in row.items() if v != "" or k == "status"}
                for row in csv.DictReader(handle)
            ]

    def clients(self) -> list[dict[str, Any]]:
        """Every client in input order with its status so far: finished in this run, or
        recorded by an earlier one (a resumed job), or `pending`."""
        if self.state == "done":
            return [
                {k: row.get(k, "") for k in ("client", "source", "status", "field", "error")}
                for row in self.rows()
            ]
        if self._listed is None:
            try:
                inputs = read_clients(self.input)
            except PreExhaustError:  # a job that failed on its input: `error` says why
                return []
            self._listed = [(item.client, item.source) for item in inputs]
        if self._earlier is None:
            folder = BatchFolder(self.out)
            earlier: dict[str, str] = {}
            if folder.records.is_dir():
                for client, _ in self._listed:
                    if client not in self.statuses:
                        status = (folder.read_record(client) or {}).get("status")
                        if status:
                            earlier[client] = status
            self._earlier = earlier
        return [
            {
                "client": client,
                "source": source,
                "status": self.statuses.get(client) or self._earlier.get(client) or "pending",
            }
            for client, source in self._listed
        ]

    def programs(self) -> dict[str, Any]:
        """The Program JSON of every client with a week, as `plan --json` gives it."""
        folder = BatchFolder(self.out)
        return {
            row["client"]: json.loads(folder.program_path(row["client"], ".json").read_text())
            for row in self.rows()
            if row.get("status") in OK_STATUSES
        }


def _typed(column: str, value: str) -> Any:
    if column in _TEXT or not value:
        return value
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


class _Progress:
    """plan_many's progress callbacks, kept on the job for GET /batches/{id}."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def start(self, total: int, already_done: int, engine: str) -> None:
        self.job.total = total

    def advance(self, result: Any, done: int, failed: int) -> None:
        self.job.statuses[result.client] = result.status

    def stop(self) -> None:
        pass


class BatchJobs:
    """The jobs of one service: submit, look up, delete; one runner thread."""

    def __init__(
        self,
        root: Path,
        pool: SolvePool,
        catalog: Catalog,
        solve_limits: SolveLimits,
        max_queued: int = limits.SERVICE_BATCH_JOBS,
    ) -> None:
        self.root = root
        self.pool = pool
        self.catalog = catalog
        self.limits = solve_limits
        self.max_queued = max_queued
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Load the jobs on disk (a finished one is served as it is, an unfinished one is
        queued again and resumes where it stopped) and start the runner."""
        self.root.mkdir(parents=True, exist_ok=True)
        found = [job for p in sorted(self.root.iterdir()) if (job := self._load(p)) is not None]
        for job in sorted(found, key=lambda j: j.created):
            self._jobs[job.id] = job
            if job.state in ("queued", "running"):
                job.state = "queued"
                self._queue.put(job.id)
        self._thread = threading.Thread(target=self._run, name="preexhaust-batches", daemon=True)
        self._thread.start()

    def _load(self, path: Path) -> Job | None:
        if not JOB_ID.match(path.name) or not path.is_dir() or path.is_symlink():
            return None
        return Job.load(path)

    def stop(self) -> None:
        """Stop the running job (it resumes on the next start) and the runner."""
        for job in list(self._jobs.values()):
            job.stop.set()
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout=30)

    def counts(self) -> dict[str, int]:
        found = {state: 0 for state in STATES}
        for job in list(self._jobs.values()):
            found[job.state] += 1
        return found

    # -- requests ------------------------------------------------------------------------------
    def submit(self, lines: list[str], time_limit: float | None) -> Job:
        """A new job of `lines` (one JSON client per line), queued; its folder is written
        before this returns, so a crash right after loses nothing."""
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if j.state == "queued")
            if waiting >= self.max_queued:
                # a job takes minutes: the longest wait the service ever suggests
                raise ServiceBusy(
                    f"{waiting} batch jobs are waiting already", limits.SERVICE_RETRY_AFTER.high
                )
            job_id = secrets.token_hex(8)
            job = Job(job_id, self.root / job_id, time_limit=time_limit, total=len(lines))
            job.root.mkdir(parents=True)
            write_atomic(job.input, "\n".join(lines) + "\n")
            job.save()
            self._jobs[job.id] = job
        self._queue.put(job.id)
        return job

    def get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id) if JOB_ID.match(job_id) else None
        if job is None:
            raise ServiceError(
                "not_found",
                f"no batch job {job_id[:40]!r}",
                field="id",
                hint="see POST /v1/batches",
            )
        return job

    def delete(self, job_id: str) -> Job:
        """Stop the job if it runs and remove its folder (the service owns it whole)."""
        job = self.get(job_id)
        with self._lock:
            self._jobs.pop(job.id, None)
        job.stop.set()
        while job.state == "running":  # the runner sees `stop` within a poll
            time.sleep(0.05)
        shutil.rmtree(job.root, ignore_errors=True)
        return job

    # -- the runner ----------------------------------------------------------------------------
    def _run(self) -> None:
        while (job_id := self._queue.get()) is not None:
            job = self._jobs.get(job_id)
            if job is None or job.state != "queued" or job.stop.is_set():
                continue
            self._run_job(job)

    def _run_job(self, job: Job) -> None:
        job.state = "running"
        job.save()
        engine = PoolEngine(self.pool, self.pool.workers, job.stop)
        try:
            batch = plan_many(
                job.input,
                job.out,
                catalog=self.catalog,
                engine=engine,
                time_limit=job.time_limit,
                resume=True,  # a fresh folder runs all; an interrupted one continues
                progress=_Progress(job),
                limits=self.limits,
            )
        except BatchInterrupted:  # stopped: deleted, or the service is stopping
            job.state = "queued"
            if job.id in self._jobs:
                job.save()
            return
        except Exception as error:  # the batch itself is wrong (or a bug): the job failed
            if not isinstance(error, PreExhaustError):
                log.exception("batch job %s failed", job.id)
            job.state, job.error = "failed", error_dict(error)
        else:
            job.state, job.described, job.counts = "done", batch.describe(), batch.counts()
        job.finished = time.time()
        if job.id in self._jobs:
            job.save()
