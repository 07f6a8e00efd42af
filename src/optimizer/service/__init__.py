"""The HTTP service (`preexhaust serve`, `pip install 'pre-exhaust[service]'`): the public API
over HTTP for apps in any language, a thin layer like the CLI.

    uvicorn optimizer.service:app          # settings from PREEXHAUST_* environment variables
    from optimizer.service import create_app, ServiceSettings

Modules: `settings` (what a deployment may set), `pool` (the bounded process pool with its
queue), `work` (what runs in a pool worker: plain data in and out), `jobs` (batch jobs on disk
in the batch folder format), `errors` (HTTP statuses of the error contract), `inputs`
(request bodies within the input limits), `models` (response models) and `app` (FastAPI).

Only `app`, `inputs`, `errors` and `models` import FastAPI, and nothing imports this package
from `optimizer`: the pool workers import `work` without FastAPI, and `import optimizer` stays
light. `app` is built on first access (PEP 562), so importing `create_app` reads no
environment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .settings import ServiceSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from .app import create_app


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "app":
        from .app import create_app

        value: FastAPI = create_app(ServiceSettings.from_env())
        globals()["app"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ServiceSettings", "app", "create_app"]
