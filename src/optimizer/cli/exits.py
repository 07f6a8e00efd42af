"""How every command ends on a user mistake: one `error:` line on stderr and the error's exit
code (2 bad input, 3 infeasible, 4 no program in time), never a traceback; and on a bug, one
`internal error:` line and exit 1 (the traceback too with `--debug`).

One helper for all commands, so `plan`, `check`, `batch` and `catalog` fail the same way.
"""

from __future__ import annotations

import json
import traceback
from typing import NoReturn

import typer

from ..errors import EXIT_INTERNAL, InputError, InternalError, PreExhaustError

#: Where the main app's `--debug` flag is kept in the click context's `meta`.
DEBUG_KEY = "optimizer.debug"


def fail(error: PreExhaustError, as_json: bool = False) -> NoReturn:
    """Print `error: <field>: <message>` on stderr and exit with `error.exit_code`.

    With `as_json` (a command's `--json`), stdout first gets a JSON object with the status, the
    first line of the message, the reasons and (bad input) the field, so a script reading
    stdout still gets JSON.
    """
    if as_json:
        payload = {
            "status": getattr(error, "status", "error"),
            "error": str(error).splitlines()[0],
            "reasons": getattr(error, "reasons", []),
        }
        if isinstance(error, InputError):
            payload["field"] = error.field
        typer.echo(json.dumps(payload, indent=2))
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code) from None


def internal_error(error: BaseException, debug: bool = False) -> NoReturn:
    """Report a bug: `internal error: <type>: <first line> (...)` on stderr, exit 1; with
    `debug`, the traceback first. Never the raw traceback alone."""
    if debug:
        typer.echo(
            "".join(traceback.format_exception(type(error), error, error.__traceback__)),
            err=True,
            nl=False,
        )
    wrapped = error if isinstance(error, InternalError) else InternalError.wrap(error)
    advice = "" if debug else "; run `preexhaust --debug ...` for the traceback"
    typer.echo(f"internal error: {wrapped.message} (a bug: please report it{advice})", err=True)
    raise typer.Exit(EXIT_INTERNAL) from None
