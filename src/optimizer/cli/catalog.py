"""`preexhaust catalog ...`: import, list, show and validate catalogs. Registered on the app.

Like the rest of the CLI, a user mistake ends in one `error:` line on stderr and exit 2. The
queries themselves (`filter_exercises`, `summary`) live in `optimizer.catalog`, for Python
users too; this module only parses options and prints.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..catalog import filter_exercises, summary
from ..errors import InputError, PreExhaustError
from .exits import fail
from .options import CatalogOption, JsonOption

if TYPE_CHECKING:
    from rich.console import Console

    from ..catalog import Catalog

catalog_app = typer.Typer(
    no_args_is_help=True,
    help="Import, list, show and validate exercise catalogs.",
)


class Format(StrEnum):
    free_exercise_db = "free-exercise-db"
    csv = "csv"


def register(app: typer.Typer) -> None:
    """Add the `catalog` sub-commands to `app`."""
    app.add_typer(catalog_app, name="catalog")


def _console() -> Console:
    """The terminal's width on a terminal; wide otherwise, so a file or pipe gets whole rows."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=200)


@catalog_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The dataset to convert.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write exercises.csv into.")],
    fmt: Annotated[
        Format, typer.Option("--format", help="free-exercise-db (its JSON) or csv (with --map).")
    ],
    map_: Annotated[
        str | None,
        typer.Option("--map", help="csv: our field=source column, comma separated."),
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option("--map-file", help="csv: YAML/JSON mapping {columns: ..., values: ...}."),
    ] = None,
    drop_unknown: Annotated[
        bool,
        typer.Option("--drop-unknown", help="csv: drop rows naming unknown muscles etc."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Convert a third-party exercise list to a catalog folder `load_catalog` and `--catalog`
    accept, and print what was kept, dropped (and why) and guessed."""
    from ..importers import import_csv, import_free_exercise_db, write_catalog
    from ..importers.csv_mapping import load_mapping, parse_map_option

    try:
        if fmt is Format.free_exercise_db:
            if map_ or map_file:
                raise InputError("--map", "only the csv format takes a column mapping")
            exercises, report = import_free_exercise_db(file)
        else:
            if not (map_ or map_file):
                raise InputError("--map", "the csv format needs --map or --map-file")
            spec = load_mapping(map_file).model_dump() if map_file else {"columns": {}}
            spec["columns"].update(parse_map_option(map_ or ""))
            exercises, report = import_csv(file, spec, drop_unknown=drop_unknown)
        try:
            path = write_catalog(exercises, out)
        except OSError as err:
            raise InputError(f"--out {out}", f"cannot write there: {err.strerror or err}") from None
    except PreExhaustError as error:
        fail(error)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        report.render(_console())
    typer.echo(f"wrote {path} ({len(exercises)} exercises)", err=True)


def _load(catalog: Path | None) -> Catalog:
    """The catalog at `catalog` (the bundled one for None), or exit 2 naming the row and field."""
    from ..catalog import load_catalog

    try:
        return load_catalog(catalog)
    except PreExhaustError as error:
        fail(error)


@catalog_app.command("list")
def list_command(
    catalog: CatalogOption = None,
    muscle: Annotated[
        list[str] | None,
        typer.Option("--muscle", help="Works this muscle as primary (aliases like shoulders)."),
    ] = None,
    equipment: Annotated[
        list[str] | None, typer.Option("--equipment", help="Needs this item (one of its options).")
    ] = None,
    usable_with: Annotated[
        list[str] | None,
        typer.Option("--usable-with", help="Can be done with these items/presets only."),
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="beginner|intermediate|advanced")
    ] = None,
    mechanic: Annotated[str | None, typer.Option("--mechanic", help="isolation|compound")] = None,
    as_json: JsonOption = False,
) -> None:
    """List a catalog's exercises, filtered (every filter must hold)."""
    book = _load(catalog)
    try:
        chosen = filter_exercises(book, muscle, equipment, usable_with, level, mechanic)
    except PreExhaustError as error:
        fail(error)
    if as_json:
        typer.echo(json.dumps([ex.model_dump(mode="json") for ex in chosen], indent=2))
        return
    from rich.table import Table

    table = Table()
    for column in ("id", "name", "mechanic", "int", "primary", "secondary", "equipment", "level"):
        # ids are never cut or wrapped: they are what `show` and constraints files need
        widest = max((len(ex.id) for ex in chosen), default=2)
        table.add_column(
            column,
            justify="right" if column == "int" else "left",
            no_wrap=column == "id",
            min_width=widest if column == "id" else None,
        )
    for ex in chosen:
        table.add_row(
            ex.id,
            ex.name,
            ex.mechanic,
            str(ex.intensity),
            ", ".join(ex.primary),
            ", ".join(ex.secondary),
            ex.equipment_text,
            ex.level,
        )
    console = _console()
    console.print(table)
    console.print(f"{len(chosen)} of {len(book)} exercises in {book.source}")


@catalog_app.command("show")
def show_command(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id.")],
    catalog: CatalogOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every field of one exercise, and the time one set with its rest takes."""
    book = _load(catalog)
    try:
        ex = book[book.resolve_id(exercise_id, "ID")]
    except PreExhaustError as error:
        fail(error)
    data = ex.model_dump(mode="json")
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    data["equipment"] = ex.equipment_text
    for key, value in data.items():
        text = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key + ':':<16} {text}")
    typer.echo(f"{'set + rest:':<16} {ex.set_seconds} s (at the top of the rep range)")


@catalog_app.command("validate")
def validate_command(
    path: Annotated[Path, typer.Argument(help="Catalog file (.csv/.yaml/.json) or folder.")],
) -> None:
    """Load a catalog with full validation: exit 0 with counts, or 2 with the row and field."""
    book = _load(path)
    typer.echo(f"{path}: {summary(book)}")
