"""`preexhaust batch`: many clients at once (see optimizer/batch/). Registered on the main app.

A thin layer over `optimizer.plan_many`: options in, progress on stderr, the totals and the
failures on stdout, and the exit code (0 every client has a program, 1 some failed, 2 the batch
itself is wrong: source, catalog, options, folder or cluster; 130 interrupted).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from .exits import fail
from .options import CatalogOption, TimeToleranceOption

#: Failed clients listed on stdout; the rest are in summary.csv.
SHOWN_FAILURES = 20


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def register(app: typer.Typer) -> None:
    """Add the batch command to `app`."""
    app.command("batch")(batch_command)


def batch_command(
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder of constraints files, a .jsonl file, or a .csv/.tsv/.xlsx sheet "
            "with one client per row."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Output folder (clients/, records/, summary.csv, ...).")
    ] = Path("out/batch"),
    engine: Annotated[
        str, typer.Option(help="local (process pool), dask (a Dask cluster) or serial.")
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Local processes (default: the number of cores)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (--engine dask)."),
    ] = None,
    catalog: CatalogOption = None,
    time_limit: Annotated[
        float | None, typer.Option(help="Seconds per client; overrides every client's own.")
    ] = None,
    solver_workers: Annotated[
        int | None,
        typer.Option(help="CP-SAT workers per client (default 1: deterministic, see README)."),
    ] = None,
    time_tolerance: TimeToleranceOption = None,
    highs: Annotated[
        bool,
        typer.Option(
            "--highs",
            help="Race HiGHS against CP-SAT for every client (solver.highs): one more core each.",
        ),
    ] = False,
    batch_time_limit: Annotated[
        float | None,
        typer.Option(help="Seconds for the whole batch; clients not done by then: batch_timeout."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue the batch in --out: skip the clients done."),
    ] = False,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="With --resume, run failed clients again.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an earlier batch in --out.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress on stderr [default: a bar on a terminal, one line per client "
            "otherwise].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Plan many clients at once, on this machine or a Dask cluster; resumable."""
    from ..batch import BatchInterrupted, plan_many
    from ..batch.engines import available_cores
    from ..batch.progress import NoProgress, default_progress
    from ..errors import PreExhaustError

    if engine == "dask":
        import logging

        # Worker-loss and reconnect chatter would bury the progress lines.
        logging.getLogger("distributed").setLevel(logging.ERROR)
    cores = available_cores()
    threads = (solver_workers or 1) + (1 if highs else 0)
    if engine == "local" and (workers or cores) * threads > cores:
        typer.echo(
            f"warning: {workers or cores} processes x {threads} solver threads "
            f"({solver_workers or 1} CP-SAT{' + HiGHS' if highs else ''}) "
            f"exceeds the {cores} cores; solves will compete for them",
            err=True,
        )
    reporter = NoProgress() if progress is False else default_progress(sys.stderr)
    # `kill` and `timeout` send SIGTERM: stop as on Ctrl-C, so the workers are ended too and
    # the summary says what was not done, instead of leaving orphaned solves running.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        batch = plan_many(
            source,
            out,
            catalog=catalog,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            time_limit=time_limit,
            solver_workers=solver_workers,
            time_tolerance=time_tolerance,
            highs=highs,
            batch_time_limit=batch_time_limit,
            resume=resume,
            retry_failed=retry_failed,
            overwrite=overwrite,
            progress=reporter,
        )
    except BatchInterrupted as stop:
        done = sum(1 for r in stop.result.results if r.status != "interrupted")
        typer.echo(
            f"interrupted: {done} of {len(stop.result.results)} clients done and written to "
            f"{out}; run the same command with --resume to finish",
            err=True,
        )
        raise typer.Exit(130) from None
    except PreExhaustError as error:
        fail(error)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for note in batch.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"{batch.describe()} in {batch.seconds:.1f} s on {batch.engine}")
    typer.echo(
        f"wrote {out / 'index.html'}, {out / 'summary.csv'}, {out / 'programs.csv'} and "
        f"{out / 'clients'}/"
    )
    failed = batch.failed
    if failed:
        for result in failed[:SHOWN_FAILURES]:
            typer.echo(f"  {result.client} ({result.source}): {result.status}: {result.error}")
        if len(failed) > SHOWN_FAILURES:
            typer.echo(f"  ... and {len(failed) - SHOWN_FAILURES} more in summary.csv")
        typer.echo(f"{len(failed)} of {len(batch.results)} clients failed", err=True)
        raise typer.Exit(1)
