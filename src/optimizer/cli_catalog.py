"""`preexhaust catalog ...`: import, list, show and validate catalogs. Registered on the app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the catalog sub-commands to `app` (filled in by the catalog work)."""
