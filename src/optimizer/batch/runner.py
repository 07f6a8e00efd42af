"""`plan_many`: many clients through the same `plan`, on any engine, resumable.

read the source -> validate each client here (cheap, and a bad row never reaches a worker) ->
skip the clients an earlier run finished (`resume`) -> run the rest as plain-data tasks on the
engine -> write each client as it arrives -> rebuild summary.csv, programs.csv and index.html.

Results do not depend on the engine or the number of workers: each task is a whole solve with
the client's own seed and (by default) one CP-SAT worker, which is deterministic whenever the
search ends by proof.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import limits
from ..catalog import Catalog, default_catalog, load_catalog
from ..constraints import CLIENT_ID, CLIENT_ID_RULE, Constraints, SolverSettings, parse_constraints
from ..errors import InputError
from ..export.files import output_folder
from ..planner import SolveLimits
from .engines import Engine, make_engine
from .index_page import index_html
from .inputs import ClientInput, read_clients
from .output import CLIENTS_DIR, BatchFolder
from .progress import NoProgress, Progress
from .results import UNFINISHED, BatchResult, ClientResult
from .tasks import OK_STATUSES, solve_task

#: The `client` field's rule (see `Constraints.client`): ids that are safe as file names.


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: what was done is written; `result` says what was not."""

    def __init__(self, result: BatchResult) -> None:
        super().__init__("batch interrupted")
        self.result = result


@dataclass
class _Job:
    index: int
    client: str
    source: str
    constraints: dict[str, Any] | None = None
    fingerprint: str = ""
    error: str = ""
    field: str = ""
    has_files: bool = True  # False for an unusable or duplicate id: summary row only

    @property
    def task(self) -> dict[str, Any]:
        return {"client": self.client, "constraints": self.constraints}


def plan_many(
    clients: str | Path | Iterable[Mapping[str, Any] | Constraints],
    out: str | Path | None = None,
    *,
    catalog: Catalog | str | Path | None = None,
    engine: str | Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    time_limit: float | None = None,
    solver_workers: int | None = None,
    time_tolerance: float | None = None,
    highs: bool = False,
    batch_time_limit: float | None = None,
    resume: bool = False,
    retry_failed: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    limits: SolveLimits | None = None,
) -> BatchResult:
    """Plan every client of `clients` and return their results in input order.

    `clients`: a folder of constraints files, a `.jsonl`, a `.csv`/`.tsv`/`.xlsx` sheet, or an
    iterable of mappings / `Constraints`. `out`: the output folder (see `batch.output`); None
    keeps everything in memory. `engine`: `local` (a process pool of `workers`, default the
    number of cores), `dask` (on `scheduler`, or a temporary local cluster) or `serial`.
    `time_limit`, `solver_workers` and `time_tolerance` override every client's
    `solver.time_limit`, `solver.workers` and `solver.time_tolerance`; `highs=True` turns
    on every client's `solver.highs` (the race; one more thread per client); `batch_time_limit`
    marks every client not finished by then `batch_timeout`. `resume` skips the clients `out`
    already holds for the same input (failed ones too, unless `retry_failed`); `overwrite`
    replaces an earlier batch in `out`, deleting only the files its records list. An `out`
    (or its `clients/`, `records/`) that is a symbolic link is refused. `limits` caps every
    client's solve as `plan(limits=...)` does (an embedding app's policy, e.g. the service's
    `--max-time-limit`), on top of the batch's own cap of CP-SAT workers to the cores.

    One bad client never stops the batch: it gets a failure status and a one-line reason.
    Raises `InputError` only for a problem with the batch itself (source, catalog, options,
    output folder, Dask connection), and `BatchInterrupted` on Ctrl-C after writing what
    was done.
    """
    started = time.monotonic()
    book = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    # The bundled catalog is loaded by each worker itself; another one travels with the tasks.
    context = None if book is default_catalog() else book
    overrides = _overrides(time_limit, solver_workers, time_tolerance)
    if highs:  # one more thread per client: the pool of one client per core then shares them
        overrides["highs"] = True
    if retry_failed and not resume:  # it only changes what a resume skips
        raise InputError("--retry-failed", "needs --resume", "add --resume")
    if batch_time_limit is not None and not 0 < batch_time_limit < math.inf:
        raise InputError(
            "--batch-time-limit", f"must be a positive number of seconds, got {batch_time_limit:g}"
        )
    runner = engine if not isinstance(engine, str) else make_engine(engine, workers, scheduler)
    jobs = _prepare(read_clients(clients), book, overrides)
    folder = _open_folder(out, resume, overwrite)
    keep_programs = folder is None
    results: list[ClientResult | None] = [None] * len(jobs)

    for job in jobs:
        if job.error:
            results[job.index] = ClientResult(
                job.client, job.source, "invalid_input", error=job.error, field=job.field
            )
            if folder is not None and job.has_files:
                _write(folder, job, results[job.index])
        elif folder is not None and resume:
            results[job.index] = _resumed(folder, job, retry_failed)

    todo = [job for job in jobs if results[job.index] is None]
    progress = progress or NoProgress()
    done = len(jobs) - len(todo)
    failed = sum(1 for r in results if r is not None and not r.ok)
    progress.start(len(jobs), done, runner.describe())
    deadline = None if batch_time_limit is None else started + batch_time_limit
    interrupted = False
    try:
        caps = {} if limits is None else {"limits": dataclasses.asdict(limits)}
        tasks = [job.task | caps for job in todo]
        stream = runner.run(solve_task, tasks, context, deadline)
        try:
            for k, raw in stream:
                job = todo[k]
                result = ClientResult.from_task(job.client, job.source, raw)
                if folder is not None:
                    _write(folder, job, result)
                if not keep_programs:
                    result.program = None  # on disk; keeps memory flat for big batches
                results[job.index] = result
                done += 1
                failed += not result.ok
                progress.advance(result, done, failed)
        finally:
            stream.close()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.stop()

    status = "interrupted" if interrupted else "batch_timeout"
    if interrupted:
        reason = "interrupted before it finished; run again with --resume"
    else:
        limit = f" of {batch_time_limit:g} s" if batch_time_limit is not None else ""
        reason = f"not finished within the batch limit{limit}; run again with --resume"
    final: list[ClientResult] = [
        r if r is not None else ClientResult(jobs[i].client, jobs[i].source, status, error=reason)
        for i, r in enumerate(results)
    ]
    batch = BatchResult(
        final,
        folder.root if folder else None,
        runner.describe(),
        round(time.monotonic() - started, 3),
        interrupted,
        list(getattr(runner, "notes", [])),
    )
    if folder is not None:
        folder.write_summary(r.row() for r in final)
        folder.write_programs(r.client for r in final if r.ok)
        folder.write_index(index_html(final, CLIENTS_DIR))
    if interrupted:
        raise BatchInterrupted(batch)
    return batch


def _write(folder: BatchFolder, job: _Job, result: ClientResult) -> None:
    """One client's files; a folder that cannot be written stops the batch (exit 2), since
    every later client would fail the same way."""
    try:
        folder.write_client(job.client, result.program, result.record(job.fingerprint))
    except OSError as err:
        raise InputError(
            str(folder.root), f"cannot write {job.client}'s files: {err.strerror or err}"
        ) from None


_OPTION_NAMES = {
    "time_limit": "--time-limit",
    "workers": "--solver-workers",
    "time_tolerance": "--time-tolerance",
}


def _overrides(
    time_limit: float | None, solver_workers: int | None, time_tolerance: float | None
) -> dict[str, Any]:
    """Check the batch-wide solver overrides once, naming the option, not a client."""
    given = {"time_limit": time_limit, "workers": solver_workers, "time_tolerance": time_tolerance}
    overrides = {k: v for k, v in given.items() if v is not None}
    try:
        SolverSettings.model_validate(overrides)
    except ValidationError as err:
        first = err.errors()[0]
        name = _OPTION_NAMES[str(first["loc"][0])]
        raise InputError(name, f"{first['msg']}, got {first.get('input')!r}") from None
    return overrides


def _catalog_fingerprint(book: Catalog) -> str:
    """The exercises and the vocabulary (a folder may bring its own focuses and presets)."""
    if book is default_catalog():
        return _bundled_fingerprint()
    return _digest(_catalog_data(book))


@lru_cache(maxsize=1)
def _bundled_fingerprint() -> str:
    return _digest(_catalog_data(default_catalog()))


def _catalog_data(book: Catalog) -> Any:
    return {
        "exercises": [ex.model_dump(mode="json") for ex in book],
        "vocabulary": _plain(dataclasses.asdict(book.vocabulary)),
    }


def _plain(value: Any) -> Any:
    """JSON-ready with sets sorted: `str(frozenset)` follows the per-process string hash."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _digest(data: Any) -> str:
    text = json.dumps(_plain(data), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _prepare(inputs: list[ClientInput], book: Catalog, overrides: dict[str, Any]) -> list[_Job]:
    """Validate every client here, so bad input is reported without a worker's round trip,
    and give each a fingerprint of exactly what will be solved (resume compares it)."""
    catalog_fp = _catalog_fingerprint(book)
    seen: dict[str, str] = {}
    jobs = []
    for index, item in enumerate(inputs):
        job = _Job(index, item.client, item.source)
        jobs.append(job)
        key = item.client.lower()  # ids differing in case collide on some file systems
        if not CLIENT_ID.match(item.client) or len(item.client) > limits.CLIENT_NAME_LENGTH:
            job.has_files = False
            job.field = "client"
            job.error = f"client: {item.client!r} is not a usable id ({CLIENT_ID_RULE})"
            continue
        if key in seen:
            job.has_files = False
            job.field = "client"
            job.error = (
                f"client: duplicate id {item.client!r} (first at {seen[key]}); "
                "ids must be unique within a batch, ignoring case"
            )
            continue
        seen[key] = item.source
        if item.data is None:
            job.error, job.field = item.error or "unreadable", item.field or ""
            job.fingerprint = _digest({"unreadable": item.error, "catalog": catalog_fp})
            continue
        try:
            constraints = parse_constraints(item.data, book.vocabulary, source=item.source)
        except InputError as err:
            job.error, job.field = " ".join(str(err).split()), err.field
            job.fingerprint = _digest({"raw": item.data, "catalog": catalog_fp})
            continue
        data = constraints.model_dump(mode="json")
        data["solver"].update(overrides)
        job.constraints = data
        job.fingerprint = _digest({"constraints": data, "catalog": catalog_fp})
    return jobs


def _open_folder(out: str | Path | None, resume: bool, overwrite: bool) -> BatchFolder | None:
    if out is None:
        if resume:
            raise InputError("--resume", "needs an output folder", "give --out DIR")
        return None
    if resume and overwrite:
        raise InputError("--resume", "cannot be used with --overwrite", "choose one")
    folder = BatchFolder(out)
    folder.check_not_linked()
    output_folder(folder.root)  # a file in the way or no way to create it: every --out's words
    if folder.holds_batch() and not resume:
        if not overwrite:
            raise InputError(
                str(folder.root),
                "already holds a batch",
                "add --resume to continue it, --overwrite to replace it, or choose another folder",
            )
        folder.clear()
    folder.remove_partial_files()
    return folder


def _resumed(folder: BatchFolder, job: _Job, retry_failed: bool) -> ClientResult | None:
    """The client's earlier result, if it is still valid for this input; else None (run it)."""
    record = folder.read_record(job.client)
    if not record or record.get("fingerprint") != job.fingerprint:
        return None
    status = record.get("status")
    if status in OK_STATUSES:
        if not folder.has_program(job.client):
            return None
    elif retry_failed or status in UNFINISHED or not status:
        return None
    return ClientResult.from_record(record, job.source)
