"""The column mapping of a CSV import: which source column fills each of our fields, and how
source values translate before the vocabulary's aliases apply.

Given as `--map field=Column,...`, a YAML/JSON file (`{columns: ..., values: ..., delimiter:}`)
or a dict; every problem is named before any row is read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from ..catalog import CSV_COLUMNS
from ..errors import InputError, syntax_error, unknown_name

#: Our fields a mapping may fill; `reps` is a range like `8-12` filling reps_min and reps_max.
FIELDS: tuple[str, ...] = (*CSV_COLUMNS, "reps")
VALUE_KINDS = ("muscle", "equipment", "mechanic", "level", "pattern", "tag")


class ColumnMapping(BaseModel):
    """Which source column fills each of our fields, and how source values translate."""

    columns: dict[str, str] = Field(description="our field -> source column")
    values: dict[str, dict[str, str | list[str]]] = Field(
        default_factory=dict,
        description="muscle|equipment|mechanic|level|pattern|tag -> {source value: our name(s)}",
    )
    delimiter: str | None = Field(default=None, description="default: sniffed (, ; or tab)")

    def check(self) -> ColumnMapping:
        """Unknown fields and missing essentials are the user's, named before any row is read."""
        for key in self.columns:
            if key not in FIELDS:
                raise unknown_name(f"mapping.{key}", "field", key, FIELDS)
        for kind in self.values:
            if kind not in VALUE_KINDS:
                raise unknown_name(f"mapping.values.{kind}", "value kind", kind, VALUE_KINDS)
        for need, hint in (
            (("name", "id"), "map name=<column> (or id=<column>)"),
            (("primary",), "map primary=<column>"),
            (("mechanic", "intensity"), "map mechanic=<column> or intensity=<column>"),
        ):
            if not any(f in self.columns for f in need):
                raise InputError("mapping", f"no column for {' or '.join(need)}", hint)
        return self


def parse_map_option(text: str) -> dict[str, str]:
    """`id=Exercise,name=Name` -> {"id": "Exercise", "name": "Name"} (the `--map` option)."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InputError("--map", f"{part!r} is not field=Column", "e.g. name=Exercise")
        out[field.strip().lower()] = column.strip()
    return out


def load_mapping(path: str | Path) -> ColumnMapping:
    """A YAML or JSON mapping file: `{columns: {...}, values: {...}}` or a flat field map."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "mapping file not found") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as err:
        raise syntax_error(str(path), "JSON", err) from None
    except yaml.YAMLError as err:
        raise syntax_error(str(path), "YAML", err) from None
    return as_mapping(data, str(path))


def as_mapping(data: Any, source: str = "mapping") -> ColumnMapping:
    """Accept a `ColumnMapping`, a full `{columns, values}` dict or a flat field map."""
    if isinstance(data, ColumnMapping):
        return data.check()
    if not isinstance(data, Mapping):
        raise InputError(source, "expected a mapping of our fields to source columns")
    if "columns" not in data:
        data = {"columns": data}
    try:
        mapping = ColumnMapping.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{source}: {loc}", first["msg"]) from None
    mapping.columns = {k.strip().lower(): v for k, v in mapping.columns.items()}
    return mapping.check()
