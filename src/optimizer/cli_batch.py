"""`preexhaust batch`: many clients at once (see batch/). Registered on the main app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the batch command to `app` (filled in by the batch work)."""
