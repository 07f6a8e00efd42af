"""The `preexhaust` command: a thin layer over the public API.

Every user mistake ends in one line on stderr and an exit code (2 bad input, 3 infeasible,
4 no program in time); no traceback (see `exits.fail`).

Modules: `plan` (plan, explain, schema, check), `batch`, `catalog` (the `catalog` sub-app),
`options` (parameter types shared by the commands) and `exits` (the shared error exit). Each
command module has a `register(app)`; this package builds the app and calls them, and no
command module imports this one, so the dependency runs one way.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Weekly pre-exhaust training programs from a CP-SAT model.",
)


def _register_commands() -> None:
    """Add the commands in the order `--help` lists them: plan, explain, schema, check, batch,
    catalog."""
    from . import batch, catalog, plan

    plan.register(app)
    batch.register(app)
    catalog.register(app)


_register_commands()


def main() -> None:
    """The console script (`preexhaust`) and `python -m optimizer`: Ctrl-C exits 130, quietly."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


__all__ = ["app", "main"]
