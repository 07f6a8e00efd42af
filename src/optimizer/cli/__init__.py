"""The `preexhaust` command: a thin layer over the public API.

Every user mistake ends in one line on stderr and an exit code (2 bad input, 3 infeasible,
4 no program in time); no traceback (see `exits.fail`). Anything else is a bug: one
`internal error:` line and exit 1, the traceback only with `preexhaust --debug ...`
(`exits.internal_error`, called by the app's group for every command).

Modules: `plan` (plan, explain, schema, check), `batch`, `catalog` (the `catalog` sub-app),
`options` (parameter types shared by the commands) and `exits` (the shared error exit). Each
command module has a `register(app)`; this package builds the app and calls them, and no
command module imports this one, so the dependency runs one way.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from .exits import DEBUG_KEY, internal_error


class SafeGroup(TyperGroup):
    """The main app's group: an exception no command expected becomes one `internal error:`
    line and exit 1 (the traceback too with `--debug`), in the console script and in
    `CliRunner` alike. Exits, Ctrl-C and click's own usage errors pass through."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's usage errors (a bad option value, an unknown option, a missing argument)
        as the CLI's one `error:` line and exit 2, not a usage block and a framed box."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except Exception as error:
            if not _usage_error(error):
                raise
            if type(error).__name__ == "NoArgsIsHelpError":  # no command: the help it asks for
                error.show()  # type: ignore[attr-defined]
            else:
                typer.echo(_usage_line(error), err=True)
            sys.exit(error.exit_code)  # type: ignore[attr-defined]
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (
            typer.Exit,
            typer.Abort,
            click.exceptions.Exit,
            click.ClickException,
            click.Abort,
            SystemExit,
            KeyboardInterrupt,
        ):
            raise
        except BrokenPipeError:
            _closed_pipe()
        except Exception as error:
            if _usage_error(error):
                raise  # typer prints the usage line and exits 2
            internal_error(error, debug=bool(ctx.meta.get(DEBUG_KEY)))


def _closed_pipe() -> None:
    """The reader of stdout went away (`preexhaust plan ... | head`): not a bug, and there is
    no one left to tell. Point stdout at devnull so the interpreter's final flush cannot raise
    again, and exit as other tools do on SIGPIPE (128 + 13)."""
    # a stdout with no file descriptor (a test runner's buffer) has nothing to redirect
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(141)


def _usage_line(error: Exception) -> str:
    """`error: --time-limit: <what is wrong> (see 'preexhaust plan --help')`."""
    ctx = getattr(error, "ctx", None)
    param = getattr(error, "param", None)
    text = " ".join(str(error.format_message()).split())  # type: ignore[attr-defined]
    message = getattr(error, "message", None)
    if param is not None and message:
        opts = getattr(param, "opts", None)
        field = opts[0] if opts and str(opts[0]).startswith("-") else param.human_readable_name
        text = f"{field}: {' '.join(str(message).split())}"
    where = ctx.command_path if ctx is not None else "preexhaust"
    return f"error: {text} (see '{where} --help')"


def _usage_error(error: Exception) -> bool:
    """Click's usage errors (an unknown option, a missing argument). Typer 0.29 ships its own
    copy of click (`typer._click`), whose exceptions are not `click.ClickException`, so they are
    recognised by the interface both copies share."""
    return callable(getattr(error, "show", None)) and isinstance(
        getattr(error, "exit_code", None), int
    )


app = typer.Typer(
    cls=SafeGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Weekly pre-exhaust training programs from a CP-SAT model.",
)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="On an internal error, print the traceback too (a bug: please report it).",
        ),
    ] = False,
) -> None:
    """Weekly pre-exhaust training programs from a CP-SAT model."""
    ctx.meta[DEBUG_KEY] = debug


def _register_commands() -> None:
    """Add the commands in the order `--help` lists them: plan, explain, schema, check, batch,
    catalog."""
    from . import batch, catalog, plan, serve

    plan.register(app)
    batch.register(app)
    catalog.register(app)
    serve.register(app)


_register_commands()


def main() -> None:
    """The console script (`preexhaust`) and `python -m optimizer`: Ctrl-C exits 130, quietly."""
    try:
        app()
    except BrokenPipeError:
        _closed_pipe()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


__all__ = ["SafeGroup", "app", "main"]
