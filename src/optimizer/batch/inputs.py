"""Read many clients from one source: a folder of constraints files, JSON Lines, or a sheet.

Every reader returns one `ClientInput` per client, in the source's order. A problem with one
client (a malformed line, a row with too many cells, a number that is not a number) is kept on
that client as an error, so the batch reports it and goes on; only a problem with the source
itself (missing file, unknown column, Excel without openpyxl) raises `InputError`.

Sheet cells are turned into the same mapping a YAML file would hold, so a row and a file with
the same content give the same `Constraints` (tested), and the planner never sees the sheet.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from .. import limits
from ..constraints import Constraints, read_mapping
from ..errors import InputError, close_matches
from ..safe_input import (
    check_file,
    check_path,
    clip,
    echo,
    loads_json,
    max_batch_bytes,
    max_file_bytes,
    read_text_file,
)

#: File types read from a folder of constraints files (the same as `preexhaust plan`).
CONSTRAINTS_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
SHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")
JSONL_SUFFIXES = (".jsonl", ".ndjson")

#: Sheet columns with a syntax of their own (lists, maps, targets, the solver block).
_SPECIAL_COLUMNS = (
    "days",
    "session_minutes",
    "equipment",
    "targets",
    "avoid_exercises",
    "avoid_muscles",
    "avoid_tags",
    "avoid_patterns",
    "injuries",
    "require",
    "prefer",
    "dislike",
    "rep_ranges",
    "split",
    "sets_per_exercise",
)
_SOLVER_COLUMNS = ("time_limit", "seed", "time_tolerance")


def _scalar_fields() -> dict[str, type]:
    """Top-level constraints fields holding one number or word: each is a sheet column of
    the same name, read by its type, so a new setting of the file is a column at once."""
    out: dict[str, type] = {}
    for name, info in Constraints.model_fields.items():
        kind = _one_value(info.annotation)
        if kind is not None:
            out[name] = kind
    return out


def _one_value(annotation: Any) -> type | None:
    """int, float or str for a field of one number or word (None allowed), else None."""
    if get_origin(annotation) is Literal:
        return str
    if get_origin(annotation) in (Union, UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return _one_value(kinds[0]) if len(kinds) == 1 else None
    return annotation if annotation in (int, float, str) else None


_SCALARS = _scalar_fields()
#: Settings whose "no cap" is None (`max_heavy_per_session`, ...): an empty cell is the
#: default, so a cell `none` (or `null`) is how a sheet turns a default cap off.
_NULLABLE = frozenset(
    name for name in _SCALARS if type(None) in get_args(Constraints.model_fields[name].annotation)
)
_NONE_CELLS = ("none", "null")
_FILE_COLUMNS = (
    "client",
    "days",
    "session_minutes",
    "warmup_minutes",
    "equipment",
    "targets",
    "experience",
    "avoid_exercises",
    "avoid_muscles",
    "avoid_tags",
    "avoid_patterns",
    "injuries",
    "require",
    "prefer",
    "dislike",
    "split",
    "ordering",
    "recovery_hours",
    "sets_per_exercise",
    "max_muscle_sets_per_session",
    "goal",
    "rep_ranges",
)

#: Columns of a client sheet. Names are matched case-insensitively, spaces read as `_`.
#: Settings added to the file later follow the documented ones, before the solver's.
COLUMNS = (
    *_FILE_COLUMNS,
    *(name for name in _SCALARS if name not in _FILE_COLUMNS),
    *_SOLVER_COLUMNS,
)

_LIST_SPLIT = re.compile(r"[;,\s]+")
_TARGET = re.compile(
    r"^(?P<min>\d+(?:\.\d+)?)(?:-(?P<max>\d+(?:\.\d+)?))?(?:@(?P<priority>\d+))?(?P<strict>!)?$"
)


@dataclass(frozen=True)
class ClientInput:
    """One client as read from the source, before validation.

    `data` is the constraints mapping (None when the row could not be read at all); `error`
    and `field` describe a problem found while reading, reported as `invalid_input`.
    """

    client: str
    source: str
    data: dict[str, Any] | None
    error: str | None = None
    field: str | None = None


def read_clients(
    source: str | Path | Iterable[Mapping[str, Any] | Constraints],
) -> list[ClientInput]:
    """Read every client of `source`: a folder, a `.jsonl`, a `.csv`/`.xlsx`, or mappings.

    Raises `InputError` only when the source as a whole cannot be read.
    """
    if not isinstance(source, (str, Path)):
        return _from_mappings(source)
    path = Path(source)
    try:
        info = check_path(path, "batch input")
    except InputError as err:
        hint = "give a folder, a .jsonl, .csv or .xlsx file"
        raise InputError(err.field, err.message, hint) from None
    if stat.S_ISDIR(info.st_mode):
        return _from_folder(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _from_jsonl(path)
    if suffix in SHEET_SUFFIXES:
        return _from_sheet(path)
    raise InputError(
        clip(str(path)),
        f"unsupported batch input {clip(suffix or 'without a suffix', 20)!r}",
        "give a folder of constraints files, a .jsonl, .csv, .tsv or .xlsx file",
    )


# -- mappings and folders -----------------------------------------------------------------------


def _from_mappings(items: Iterable[Mapping[str, Any] | Constraints]) -> list[ClientInput]:
    out = []
    for n, item in enumerate(items, start=1):
        where = f"item {n}"
        if isinstance(item, Constraints):
            out.append(ClientInput(item.client, where, item.model_dump(mode="json")))
        elif isinstance(item, Mapping):
            data = dict(item)
            data.setdefault("client", f"client{n}")
            out.append(ClientInput(_client_label(data["client"], f"client{n}"), where, data))
        else:
            out.append(
                ClientInput(
                    f"client{n}", where, None, f"{where}: expected a mapping of constraints fields"
                )
            )
    return out


def _stem_id(path: Path) -> str:
    """The client id of a file without a `client` field, as `load_constraints` derives it."""
    return re.sub(r"[^A-Za-z0-9_.\-]", "_", path.stem[: limits.CLIENT_NAME_LENGTH]) or "client"


def _client_label(value: Any, fallback: str) -> str:
    """The client id a row is reported under: its `client` as text, clipped; a value that is
    no name (a huge number, a list) is left to validation to report, under the fallback."""
    if isinstance(value, str):
        return clip(value, limits.CLIENT_NAME_LENGTH)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and (isinstance(value, float) or abs(value) <= limits.INPUT_INTEGER):
        return clip(str(value), limits.CLIENT_NAME_LENGTH)
    return fallback


def _from_folder(folder: Path) -> list[ClientInput]:
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in CONSTRAINTS_SUFFIXES
    )
    if not files:
        raise InputError(
            str(folder), "holds no constraints files", "put .yaml, .json or .toml files in it"
        )
    out = []
    for path in files:
        where = f"{folder.name}/{path.name}"
        try:
            data = read_mapping(path)
        except InputError as err:
            out.append(ClientInput(_stem_id(path), where, None, str(err), err.field))
            continue
        data = {"client": _stem_id(path), **data}
        out.append(ClientInput(_client_label(data["client"], _stem_id(path)), where, data))
    return out


def _from_jsonl(path: Path) -> list[ClientInput]:
    lines = read_text_file(path, max_batch_bytes(), "batch input").splitlines()
    row_bytes = max_file_bytes()
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {n}"
        fallback = f"line{n}"
        if len(line) > row_bytes:
            message = f"{where}: the line is too long ({len(line):,} characters)"
            out.append(ClientInput(fallback, where, None, message, where))
            continue
        try:
            data = loads_json(line, where)
        except InputError as err:
            message = re.sub(
                r"^not valid JSON at line 1, (column \d+)", r"not valid JSON at \1", err.message
            )
            out.append(ClientInput(fallback, where, None, f"{where}: {message}", where))
            continue
        if not isinstance(data, dict):
            out.append(
                ClientInput(fallback, where, None, f"{where}: expected a JSON object", where)
            )
            continue
        data = {"client": fallback, **data}
        out.append(ClientInput(_client_label(data["client"], fallback), where, data))
    if not out:
        raise InputError(str(path), "holds no clients", "write one JSON object per line")
    return out


# -- sheets -------------------------------------------------------------------------------------


def _column_name(name: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


OVERFLOW = "__overflow__"


def _columns(path: Path, header: list[Any]) -> list[str]:
    """The sheet's column names, normalised (`_column_name`): a name given twice (`days` and
    `Days`) would make pandas drop one column's cells without a word, so it is refused."""
    names = [_column_name("" if h is None or h != h else h) for h in header]  # h != h: NaN
    seen: dict[str, int] = {}
    for k, name in enumerate(names):
        if name == OVERFLOW:
            raise InputError(f"{path.name} column {name!r}", "unknown column", "remove it")
        if name and name in seen:
            raise InputError(
                f"{path.name} column {name!r}",
                f"given twice (columns {seen[name] + 1} and {k + 1})",
                "keep one",
            )
        seen.setdefault(name, k)
    return names


def _unnamed(path: Path, frame: Any, names: list[str]) -> Any:
    """`frame` without its unnamed columns: an empty one (a trailing separator on every line,
    as Excel writes) is dropped; one that holds a value is refused, not guessed at."""
    for k, name in enumerate(names):
        if name:
            continue
        column = frame.iloc[:, k].astype(str).str.strip()
        if (column != "").any():
            raise InputError(
                f"{path.name} column {k + 1}",
                "has no name but holds values",
                "name it or delete it",
            )
    keep = [k for k, name in enumerate(names) if name] + list(range(len(names), frame.shape[1]))
    frame = frame.iloc[:, keep]
    frame.columns = [names[k] if k < len(names) else OVERFLOW for k in keep]
    return frame


def _csv_header(path: Path, sep: str) -> list[str]:
    """The header row, read by the csv module (pandas renames a repeated or empty name, and
    calls an unclosed quote in the header a parser failure), after checking every quote in the
    sheet closes: pandas' reader stops at a quote that never closes and keeps the rows before
    it, so every client after it was lost without a word."""
    import csv

    header: list[str] | None = None
    start = 1
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, delimiter=sep, strict=True)
        try:
            for record in reader:
                header = record if header is None else header
                start = reader.line_num + 1
        except csv.Error as err:
            if "unexpected end of data" in str(err):
                raise InputError(
                    f"{path.name} row {start}",
                    'a quote (") opens a cell that never closes',
                    "close the quote, or remove it",
                ) from None
            # other quoting quirks (a quote inside a cell): the sheet reader copes with them
        except UnicodeDecodeError:
            raise InputError(str(path), "is not a UTF-8 text file") from None
    if header is None:
        raise InputError(str(path), "the sheet is empty", "see examples/clients.csv")
    if sep == "," and len(header) == 1 and ";" in header[0]:  # Excel's CSV in many locales
        raise InputError(
            path.name,
            "the sheet separates its columns with ';', not ','",
            "save it as CSV with commas, or as .tsv or .xlsx",
        )
    return header


def _read_frame(path: Path):
    """The sheet as strings, every cell present ('' when empty), one spare column for overflow.

    Read with pandas. A row with more cells than the header must fail on its own, not sink the
    whole file (pandas' default) nor lose its position (pandas' `skip`): the extra cells go to
    a spare column, and a row with anything in it is reported as malformed.
    """
    import pandas as pd

    check_file(path, max_batch_bytes(), "sheet")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            # no header: pandas would rename a repeated or empty name (`_columns` checks them)
            frame = pd.read_excel(path, dtype=str, header=None)
        except ImportError as err:
            # pandas reads .xlsx/.xlsm with openpyxl (our `excel` extra), the old .xls with xlrd
            package = "xlrd" if suffix == ".xls" else "'pre-exhaust[excel]' (openpyxl)"
            raise InputError(
                str(path),
                f"reading Excel needs an extra package ({err})",
                f"pip install {package}, or save the sheet as CSV",
            ) from None
        except Exception as err:  # a corrupt workbook: pandas/openpyxl raise many kinds
            raise InputError(str(path), f"cannot read the workbook: {err}") from None
        if frame.shape[0] == 0:
            raise InputError(str(path), "the sheet is empty", "see examples/clients.csv")
        names = _columns(path, list(frame.iloc[0]))
        frame = _unnamed(path, frame.iloc[1:].fillna(""), names)
        frame[OVERFLOW] = ""
        return frame, 2
    sep = "\t" if suffix == ".tsv" else ","
    names = _columns(path, _csv_header(path, sep))
    width = len(names)

    def overflow(cells: list[str]) -> list[str]:
        return [*cells[:width], sep.join(cells[width:])]

    frame = pd.read_csv(
        path,
        sep=sep,
        header=None,
        skiprows=1,
        names=[*(name or f"{OVERFLOW}{k}" for k, name in enumerate(names)), OVERFLOW],
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="python",
        on_bad_lines=overflow,
        encoding="utf-8-sig",
    )
    return _unnamed(path, frame.fillna(""), names), 2


def _from_sheet(path: Path) -> list[ClientInput]:
    frame, first_row = _read_frame(path)
    columns = [c for c in frame.columns if c != OVERFLOW]
    for column in columns:
        if column not in COLUMNS:
            matches = close_matches(column, COLUMNS)
            hint = (
                "did you mean " + " or ".join(matches) + "?"
                if matches
                else "known columns: " + ", ".join(COLUMNS)
            )
            raise InputError(f"{path.name} column {column!r}", "unknown column", hint)
    if "days" not in columns:
        raise InputError(f"{path.name}", "no 'days' column", "every client needs training days")
    out = []
    for offset, record in enumerate(frame.to_dict(orient="records")):
        row = first_row + offset
        cells = {k: str(v).strip() for k, v in record.items()}
        if not any(cells.values()):
            continue  # a blank line between groups of clients
        where = f"{path.name} row {row}"
        client = clip(cells.get("client") or f"row{row}", limits.CLIENT_NAME_LENGTH)
        if cells.pop(OVERFLOW, ""):
            out.append(
                ClientInput(
                    client,
                    where,
                    None,
                    f"{where}: more cells than the header has columns ({len(columns)}); "
                    "quote cells that contain the separator",
                    where,
                )
            )
            continue
        try:
            data = row_to_mapping(cells)
        except InputError as err:
            out.append(ClientInput(client, where, None, str(err), clip(err.field)))
            continue
        data.setdefault("client", client)
        out.append(ClientInput(client, where, data))
    if not out:
        raise InputError(str(path), "holds no clients", "one client per row under the header")
    return out


def row_to_mapping(cells: Mapping[str, str]) -> dict[str, Any]:
    """One sheet row (column -> cell text) -> the constraints mapping; empty cells are defaults.

    The cell syntax (see the README's column reference): lists separated by `;`, `,` or spaces;
    maps as `key:value;key:value`; targets as `muscle:min[-max][@priority][!]`.
    """
    data: dict[str, Any] = {}
    solver: dict[str, Any] = {}
    avoid: dict[str, Any] = {}
    for column, text in cells.items():
        if not text:
            continue
        if column in ("days", "equipment", "require", "prefer", "dislike", "injuries"):
            data[column] = _list(text)
        elif column.startswith("avoid_"):
            avoid[column.removeprefix("avoid_")] = _list(text)
        elif column == "rep_ranges":
            data[column] = _map(text, column, lambda v, f: v)  # "a:3-5;b:8-12"
        elif column == "session_minutes":
            data[column] = (
                _map(text, column, lambda v, f: _number(v, f, whole=True))
                if ":" in text
                else _number(text, column, whole=True)
            )
        elif column == "sets_per_exercise":
            data[column] = text  # "2-5"; the constraints model reads and checks it
        elif column == "targets":
            data[column] = _targets(text)
        elif column == "split":
            data[column] = _map(text, column, lambda v, f: v) if ":" in text else text
        elif column in _SCALARS:
            data[column] = _scalar(text, column, _SCALARS[column])
        elif column == "time_limit":
            solver["time_limit"] = _number(text, f"solver.{column}")
        elif column == "seed":
            solver["seed"] = _number(text, f"solver.{column}", whole=True)
        elif column == "time_tolerance":
            solver["time_tolerance"] = _number(text, f"solver.{column}")
    if avoid:
        data["avoid"] = avoid
    if solver:
        data["solver"] = solver
    return data


def _scalar(text: str, column: str, kind: type) -> Any:
    """A one-value setting: a number of the field's kind, or a word (choices are lowercase)."""
    if kind is str:
        return text if column == "client" else text.lower()
    if column in _NULLABLE and text.strip().lower() in _NONE_CELLS:
        return None
    return _number(text, column, whole=kind is int)


def _list(text: str) -> list[str]:
    return [item for item in _LIST_SPLIT.split(text) if item]


def _number(text: str, field: str, whole: bool = False) -> int | float:
    """A cell as a number; `60.0` (what spreadsheets often store) counts as the whole 60."""
    try:
        value = float(text)
    except ValueError:
        raise InputError(field, f"expected a number, got {echo(text)}") from None
    if whole:
        if not value.is_integer():
            raise InputError(field, f"expected a whole number, got {echo(text)}")
        return int(value)
    return int(value) if value.is_integer() else value


def _map(text: str, column: str, convert) -> dict[str, Any]:
    """`mon:45;wed:75` -> {mon: 45, wed: 75}, each value converted with its field path."""
    out: dict[str, Any] = {}
    for item in (p.strip() for p in re.split(r"[;,]", text)):
        if not item:
            continue
        key, sep, value = (part.strip() for part in item.partition(":"))
        if not sep or not key or not value:
            raise InputError(
                column,
                f"cannot read {echo(item)}",
                f"write key:value pairs, e.g. {_EXAMPLES[column]}",
            )
        if key in out:  # the last would win and the first vanish
            raise InputError(f"{column}.{key}", f"{echo(key)} is given twice", "keep one")
        out[key] = convert(value, f"{column}.{key}")
    return out


_EXAMPLES = {
    "session_minutes": "mon:45;wed:75",
    "split": "mon:lower;wed:push;fri:pull",
    "targets": "chest:12;quads:10-16@3;biceps:6!",
    "rep_ranges": "barbell_back_squat:3-5;barbell_bench_press:4-6",
}


def _targets(text: str) -> dict[str, Any]:
    """`chest:10-20@3!` -> {chest: {min: 10, max: 20, priority: 3, strict: true}}."""

    def spec(value: str, field: str) -> dict[str, Any]:
        match = _TARGET.fullmatch(value.replace(" ", ""))
        if not match:
            raise InputError(
                field,
                f"cannot read {echo(value)}",
                "write min, min-max, then @priority and ! for strict if wanted, e.g. 10-20@3",
            )
        out: dict[str, Any] = {"min": float(match["min"])}
        if match["max"]:
            out["max"] = float(match["max"])
        if match["priority"]:
            out["priority"] = int(match["priority"])
        if match["strict"]:
            out["strict"] = True
        return out

    return _map(text, "targets", spec)
