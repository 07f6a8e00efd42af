"""How every command ends on a user mistake: one `error:` line on stderr and the error's exit
code (2 bad input, 3 infeasible, 4 no program in time), never a traceback.

One helper for all commands, so `plan`, `check`, `batch` and `catalog` fail the same way.
"""

from __future__ import annotations

import json
from typing import NoReturn

import typer

from ..errors import InputError, PreExhaustError


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
