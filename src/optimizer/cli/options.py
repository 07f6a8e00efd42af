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
TimeToleranceOption = Annotated[
    float | None,
    typer.Option(
        help="Minutes of weekly exercise time the week may exceed the shortest best week by "
        "(targets and coach value stay exact); stops sooner. Overrides the file."
    ),
]
