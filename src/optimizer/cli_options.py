"""Parameter types shared by the commands, so each is named and documented the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConstraintsFile = Annotated[Path, typer.Argument(help="Constraints file (.yaml, .json or .toml).")]
CatalogOption = Annotated[
    Path | None,
    typer.Option("--catalog", help="Catalog file or folder (default: the bundled catalog)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON only.")]
