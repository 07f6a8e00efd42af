"""`preexhaust serve`: the HTTP service (optimizer/service/) on uvicorn. Registered on the app.

Only this module and `optimizer.service` import FastAPI and uvicorn, and only inside the
command: `preexhaust --help` and every other command run without the `service` extra.
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from .. import limits
from ..errors import InputError, PreExhaustError
from ..safe_input import echo
from ..service.settings import DEFAULT_BATCH_DIR
from .exits import fail
from .options import CatalogOption


def register(app: typer.Typer) -> None:
    """Add the serve command to `app`."""
    app.command("serve")(serve_command)


def port_free(host: str, port: int) -> None:
    """A port already in use is a user mistake: one line and exit 2 before the solver
    processes start (uvicorn would start them, then log the bind error and exit 3, which this
    CLI means as "no week fits")."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as err:
        # the address, not the port: no such host (a lookup error, whose codes are negative)
        # or an address this machine does not have
        if err.errno is not None and (err.errno < 0 or err.errno == errno.EADDRNOTAVAIL):
            raise InputError(
                "--host",
                f"cannot listen on {echo(host)}: {err.strerror or err}",
                "give an address of this machine, e.g. 127.0.0.1 or 0.0.0.0",
            ) from None
        raise InputError(
            "--port",
            f"cannot listen on {host}:{port}: {err.strerror or err}",
            "choose another --port, or stop what listens there",
        ) from None


def serve_command(
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Solver processes (default: the number of cores)."),
    ] = None,
    solver_workers: Annotated[
        int, typer.Option(min=1, help="CP-SAT workers one solve may use (1: repeatable).")
    ] = 1,
    max_time_limit: Annotated[
        float,
        typer.Option(help="Seconds one solve may run at most, whatever the request asks."),
    ] = limits.SERVICE_MAX_TIME_LIMIT,
    queue_size: Annotated[
        int,
        typer.Option(min=0, help="Requests that may wait for a solver; more get 503."),
    ] = limits.SERVICE_QUEUE,
    api_key: Annotated[
        str | None,
        typer.Option(
            envvar="PREEXHAUST_API_KEY",
            show_envvar=True,
            help="Require this key (X-API-Key or Authorization: Bearer) on every request "
            "but /healthz and the docs.",
        ),
    ] = None,
    batch_dir: Annotated[
        Path,
        typer.Option(help="Folder of the batch jobs (kept across restarts)."),
    ] = DEFAULT_BATCH_DIR,
    catalog: CatalogOption = None,
    root_path: Annotated[
        str, typer.Option(help="The path prefix a reverse proxy serves this under, e.g. /api.")
    ] = "",
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(help="Proxies trusted for X-Forwarded-* headers (uvicorn's option)."),
    ] = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="One log line per request.")
    ] = True,
) -> None:
    """Serve the planner over HTTP (needs the `service` extra)."""
    try:
        try:
            import uvicorn

            from ..service import ServiceSettings, create_app
        except ImportError:
            raise InputError(
                "serve",
                "needs the optional service extra",
                "pip install 'pre-exhaust[service]'",
            ) from None
        port_free(host, port)
        settings = ServiceSettings(
            workers=workers or 0,
            solver_workers=solver_workers,
            max_time_limit=max_time_limit,
            queue_size=queue_size,
            api_key=api_key,
            batch_dir=batch_dir,
            catalog=catalog,
        )
        app = create_app(settings)
    except PreExhaustError as error:
        fail(error)
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.api_key:
        typer.echo(f"warning: listening on {host} without --api-key", err=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        root_path=root_path,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips or os.environ.get("FORWARDED_ALLOW_IPS"),
        access_log=access_log,
        log_level="info",
    )
