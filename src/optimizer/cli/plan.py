"""`preexhaust plan`, `explain`, `schema` and `check`: one client's constraints file in, a week,
an explanation, the input schema or a verdict on the file out. Registered on the main app.

The heavy modules (solver, explanations, exports) are imported inside the commands, so
`--help` and `check` start fast.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..errors import InfeasibleError, InputError, PreExhaustError
from .exits import fail
from .options import CatalogOption, ConstraintsFile, JsonOption, TimeToleranceOption

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..constraints import Constraints
    from ..program import PlanWarning


def register(app: typer.Typer) -> None:
    """Add plan, explain, schema and check to `app`, in that order."""
    app.command("plan")(plan_command)
    app.command("explain")(explain_command)
    app.command("schema")(schema_command)
    app.command("check")(check_command)


def _explain_and_exit(
    error: InfeasibleError, constraints: Constraints, book: Catalog, as_json: bool, explain: bool
) -> NoReturn:
    """Exit 3 with a minimal conflict in the file's own words and the repairs that lift it."""
    if not explain:
        fail(error, as_json)
    from ..explain import explain_infeasible
    from ..explain.render import as_json as explanation_json
    from ..explain.render import as_text

    explanation = explain_infeasible(constraints, book)
    first = str(error).splitlines()[0]
    if as_json:
        payload = explanation_json(explanation, first)
        payload["reasons"] = error.reasons
        typer.echo(json.dumps(payload, indent=2))
    else:
        typer.echo(as_text(explanation))
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


@contextmanager
def _solver_log(shown: bool) -> Iterator[None]:
    """With the file's `solver.log: true`, print CP-SAT's search log (the `optimizer.cpsat`
    logger) on stderr while the command runs, keeping stdout for the week or its JSON; the
    library itself never prints it."""
    if not shown:
        yield
        return
    logger = logging.getLogger("optimizer.cpsat")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def plan_command(
    file: ConstraintsFile,
    as_json: JsonOption = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for <client>.json, .csv, .md and .html [default: out]"),
    ] = None,
    no_write: Annotated[
        bool, typer.Option("--no-write", help="Print only; write no files.")
    ] = False,
    catalog: CatalogOption = None,
    time_limit: Annotated[float | None, typer.Option(help="Seconds; overrides the file.")] = None,
    workers: Annotated[int | None, typer.Option(help="CP-SAT workers; overrides the file.")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed; overrides the file.")] = None,
    time_tolerance: TimeToleranceOption = None,
    highs: Annotated[
        bool | None,
        typer.Option(
            "--highs/--no-highs",
            help="Race HiGHS against CP-SAT on a second core (solver.highs); overrides the file.",
        ),
    ] = None,
    polish: Annotated[
        bool | None,
        typer.Option(
            "--polish/--no-polish",
            help="With one worker, improve a stalled search's week two days at a time "
            "(solver.polish, on by default); overrides the file.",
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option(help="On an infeasible file, name the conflict and the repairs.")
    ] = True,
) -> None:
    """Solve one client's week, print it, and write it as JSON, CSV, Markdown and HTML."""
    from ..catalog import load_catalog
    from ..constraints import load_constraints
    from ..export.files import output_folder, write_outputs
    from ..export.formats import to_json
    from ..export.terminal import print_program
    from ..export.text import injury_texts
    from ..planner import checked, plan, with_solver_overrides

    try:
        book = load_catalog(catalog)
        constraints = with_solver_overrides(
            load_constraints(file, book.vocabulary),
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            time_tolerance=time_tolerance,
            highs=highs,
            polish=polish,
        )
        folder = None if no_write else output_folder(out or Path("out"))
        with _solver_log(constraints.solver.log):
            program = plan(constraints, book)
    except InfeasibleError as error:
        _explain_and_exit(error, constraints, book, as_json, explain)
    except PreExhaustError as error:
        fail(error, as_json)
    try:
        checked(program, constraints, book)
    except PreExhaustError as error:  # a model bug, never a user mistake
        fail(error, as_json)
    if as_json:
        typer.echo(to_json(program))
    else:
        from rich.console import Console

        # the warnings go to stderr below, once, so the table leaves them out
        print_program(program, Console(width=max(100, Console().width)), warnings=False)
    _print_warnings(program.warnings)
    for text in injury_texts(program):
        typer.echo(text, err=True)
    if folder is not None:
        try:
            written = write_outputs(program, folder)
        except OSError as err:
            # e.g. a folder where a file should go, or the disk filled up: a user's matter, not a
            # crash. No JSON error object here: stdout already holds the program.
            reason = err.strerror or str(err)
            where = err.filename or folder
            fail(InputError(f"--out {folder}", f"cannot write {where}: {reason}"))
        typer.echo("wrote " + ", ".join(str(p) for p in written), err=True)


def _print_warnings(warnings: Sequence[PlanWarning]) -> None:
    """One `warning: ...` line per clash on stderr: stdout keeps only the week or its JSON
    (where they are in `warnings`), and a script reading it never sees them."""
    for warning in warnings:
        typer.echo(f"warning: {warning.message}", err=True)


def explain_command(
    file: ConstraintsFile,
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
    seconds: Annotated[
        float, typer.Option("--seconds", min=0.1, max=600, help="Time limit per solve.")
    ] = 5.0,
) -> None:
    """Why no week fits and what to change, or which rules bind a feasible week."""
    from ..catalog import load_catalog
    from ..constraints import load_constraints
    from ..explain import explain
    from ..explain.render import as_json as explanation_json
    from ..explain.render import as_text

    try:
        book = load_catalog(catalog)
        constraints = load_constraints(file, book.vocabulary)
        explanation = explain(constraints, book, seconds_per_solve=seconds)
    except PreExhaustError as error:
        fail(error, as_json)
    if as_json:
        typer.echo(json.dumps(explanation_json(explanation), indent=2))
    else:
        typer.echo(as_text(explanation))
    if explanation.status == "infeasible":
        raise typer.Exit(InfeasibleError.exit_code)


def schema_command() -> None:
    """Print the JSON Schema of the constraints file."""
    from ..constraints import constraints_schema

    typer.echo(json.dumps(constraints_schema(), indent=2))


def check_command(
    file: Annotated[Path, typer.Argument(help="Constraints file to validate without solving.")],
    catalog: CatalogOption = None,
) -> None:
    """Validate a constraints file without solving (exit 2 bad input, 3 contradictory).

    Rules that clash without making the file contradictory are `warning:` lines on stderr
    and exit 0: a week exists, only not the one they ask for."""
    from ..catalog import load_catalog
    from ..clashes import clashes
    from ..constraints import load_constraints
    from ..planner import check

    try:
        # the catalog first, as plan does: its vocabulary decides which names the file may use
        book = load_catalog(catalog)
        constraints = load_constraints(file, book.vocabulary)
        data = check(constraints, book, f"{file}: valid, but no program can satisfy it:")
    except PreExhaustError as error:
        fail(error)
    usable = len(data.usable)
    typer.echo(
        f"{file}: valid; {len(data.days)} day(s), {usable} of {len(book)} exercises "
        f"usable with this equipment, experience and avoid list"
    )
    _print_warnings(clashes(data))
