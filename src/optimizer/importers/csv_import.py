"""Import any exercise spreadsheet (CSV) through a column mapping.

The mapping names, for each of our fields, the source column holding it
(`id=Exercise,name=Name,primary=Target`), and optionally translates source values
(`values: {muscle: {Pecs: chest}}`). Names then go through the vocabulary's aliases, so
`Quadriceps`, `Shoulders` or `Dumbbells` need no entry. Fields the source lacks get the same
defaults as a free-exercise-db import (rest, reps and setup by intensity and equipment; the
quality rating by equipment, name cues, mechanic and level when no `quality` column is mapped;
the movement pattern when no `pattern` is given, and the movement tags when no `tags` column is
mapped, from name cues). A given pattern or tag must be in the vocabulary, like a muscle.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..catalog import LEVEL_ALIASES, LEVELS, Exercise
from ..errors import InputError, unknown_name
from ..vocabulary import BODYWEIGHT, Vocabulary, default_vocabulary, normalize
from . import defaults as d
from .csv_mapping import ColumnMapping, as_mapping, load_mapping
from .movement_cues import derive
from .report import ImportReport

FORMAT = "csv"
MECHANIC_ALIASES = {
    "isolation": "isolation",
    "isolated": "isolation",
    "single_joint": "isolation",
    "single": "isolation",
    "compound": "compound",
    "multi_joint": "compound",
    "multi": "compound",
}
TRUE = {"true", "1", "yes", "y", "x"}


class _Unknown(Exception):
    """An unknown name in a row: an error, or a dropped row with `--drop-unknown`."""

    def __init__(self, kind: str, error: InputError) -> None:
        super().__init__(str(error))
        self.kind = kind
        self.error = error


class _Row:
    """One source row read through the mapping; `where` names it in every error."""

    def __init__(
        self, raw: dict[str, Any], mapping: ColumnMapping, vocabulary: Vocabulary, where: str
    ) -> None:
        self.raw = raw
        self.mapping = mapping
        self.vocabulary = vocabulary
        self.where = where
        self.values = {
            k: {normalize(s): t for s, t in v.items()} for k, v in mapping.values.items()
        }

    def get(self, field: str) -> str:
        column = self.mapping.columns.get(field)
        return d.clean_text(self.raw.get(column)) if column else ""

    def translate(self, kind: str, value: str) -> list[str]:
        target = self.values.get(kind, {}).get(normalize(value), value)
        return [target] if isinstance(target, str) else list(target)

    def resolve(self, kind: str, value: str, field: str, resolver: Callable) -> tuple[str, ...]:
        out: list[str] = []
        for name in self.translate(kind, value):
            try:
                out.extend(resolver(name, f"{self.where}.{field}"))
            except InputError as err:
                raise _Unknown(kind, err) from None
        return tuple(out)

    def muscles(self, field: str) -> tuple[str, ...]:
        names = [p.strip() for p in re.split(r"[;,]", self.get(field)) if p.strip()]
        out: list[str] = []
        for i, name in enumerate(names):
            for muscle in self.resolve(
                "muscle", name, f"{field}[{i}]", self.vocabulary.resolve_muscle
            ):
                if muscle not in out:
                    out.append(muscle)
        return tuple(out)

    def equipment(self) -> d.Groups:
        """`a+b|c` (or `a, b`): all requirements, each met by any of its alternatives."""
        groups: list[tuple[str, ...]] = []
        for part in re.split(r"[+;,]", self.get("equipment")):
            group: list[str] = []
            for alt in (a.strip() for a in part.split("|")):
                if alt:
                    resolver = self.vocabulary.resolve_equipment_item
                    group.extend(self.resolve("equipment", alt, "equipment", resolver))
            if group:
                groups.append(tuple(dict.fromkeys(group)))
        groups = [g for g in groups if g != (BODYWEIGHT,)] or [(BODYWEIGHT,)]
        return tuple(dict.fromkeys(groups))

    def pattern(self) -> str | None:
        """The source's movement pattern, or None (no column, or an empty cell) to derive one."""
        value = self.get("pattern")
        if not value:
            return None
        resolver = self.vocabulary.resolve_pattern
        return self.resolve("pattern", value, "pattern", lambda n, w: (resolver(n, w),))[0]

    def tags(self) -> tuple[str, ...] | None:
        """The source's movement tags, or None when no column is mapped: a mapped column is
        the source's word even when a cell is empty (a leg extension carries no tag)."""
        if "tags" not in self.mapping.columns:
            return None
        names = [p.strip() for p in re.split(r"[;,]", self.get("tags")) if p.strip()]
        resolver = self.vocabulary.resolve_tag
        out: list[str] = []
        for i, name in enumerate(names):
            out.extend(self.resolve("tag", name, f"tags[{i}]", lambda n, w: (resolver(n, w),)))
        return tuple(t for t in self.vocabulary.tags if t in out)

    def choice(self, kind: str, field: str, aliases: Mapping[str, str]) -> str:
        value = self.get(field)
        if not value:
            return ""
        key = normalize(self.translate(kind, value)[0])
        if key in aliases:
            return aliases[key]
        err = unknown_name(f"{self.where}.{field}", kind, value, sorted(set(aliases.values())))
        raise _Unknown(kind, err)

    def number(self, field: str, default: int) -> int:
        value = self.get(field)
        if not value:
            return default
        try:
            return int(float(value))
        except ValueError:
            raise InputError(f"{self.where}.{field}", f"not a number: {value!r}") from None

    def reps(self, intensity: int) -> tuple[int, int]:
        text = self.get("reps")
        if not text:  # a default top never falls below a given bottom
            low = self.number("reps_min", d.REPS[intensity][0])
            return low, self.number("reps_max", max(d.REPS[intensity][1], low))
        match = re.fullmatch(r"(\d+)(?:\s*(?:-|–|to)\s*(\d+))?", text)
        if not match:
            raise InputError(f"{self.where}.reps", f"not a rep range: {text!r}", "e.g. 8-12")
        return int(match.group(1)), int(match.group(2) or match.group(1))


def _fields(row: _Row, report: ImportReport) -> dict[str, Any]:
    """Our exercise fields from one row (id added by the caller). A derived quality's lowering
    rules are counted in `report`."""
    name = row.get("name") or row.get("id").replace("_", " ").capitalize()
    primary = row.muscles("primary")
    if not primary:
        raise InputError(f"{row.where}.primary", "no primary muscle")
    secondary = tuple(m for m in row.muscles("secondary") if m not in primary)
    groups = row.equipment()
    level_aliases = {**{lv: lv for lv in LEVELS}, **LEVEL_ALIASES}
    level = row.choice("level", "level", level_aliases) or "beginner"
    mechanic = row.choice("mechanic", "mechanic", MECHANIC_ALIASES)
    text = d.words(name)
    intensity = row.number("intensity", 0)
    if not mechanic:
        if not intensity:
            raise InputError(f"{row.where}.mechanic", "no mechanic and no intensity")
        mechanic = "isolation" if intensity <= 2 else "compound"
    intensity = intensity or d.intensity_for(mechanic, groups, d.heavy(text))
    tier = min(max(intensity, 1), 5)  # out-of-range values are left for the Exercise check
    reps_min, reps_max = row.reps(tier)
    pattern, tags = derive(text, primary, mechanic, groups, row.vocabulary, row.pattern())
    given = row.tags()
    if given is not None:
        tags = given
        report.tags_given += 1
    flag = row.get("unilateral").lower()
    quality: Any = row.get("quality")  # a given value is checked as the Exercise's (1-5)
    if quality:
        report.quality_given += 1
    else:
        quality, lowered = d.quality_for(groups, text, mechanic, level)
        for why in lowered:
            report.adjust(f"quality lowered: {why}")
    return {
        "name": name,
        "mechanic": mechanic,
        "intensity": intensity,
        "primary": primary,
        "secondary": secondary,
        "equipment": groups,
        "pattern": pattern,
        "tags": tags,
        "level": level,
        "quality": quality,
        "reps_min": reps_min,
        "reps_max": reps_max,
        "seconds_per_rep": row.number("seconds_per_rep", d.SECONDS_PER_REP),
        "rest_seconds": row.number("rest_seconds", d.REST_SECONDS[tier]),
        "setup_seconds": row.number("setup_seconds", d.setup_seconds(groups)),
        "unilateral": flag in TRUE if flag else d.unilateral(text),
        "notes": row.get("notes"),
    }


def _read(path: Path, mapping: ColumnMapping) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "is not a UTF-8 text file") from None
    delimiter = mapping.delimiter
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    for field, column in mapping.columns.items():
        if column not in header:
            raise unknown_name(f"mapping.{field}", f"column of {path.name}", column, header)
    return [{(k or "").strip(): v for k, v in row.items()} for row in reader]


def import_csv(
    path: str | Path,
    mapping: ColumnMapping | Mapping[str, Any] | str | Path,
    *,
    drop_unknown: bool = False,
    vocabulary: Vocabulary | None = None,
) -> tuple[list[Exercise], ImportReport]:
    """Convert a CSV through `mapping` (a `ColumnMapping`, a dict, or a mapping file's path).

    An unknown muscle, equipment, mechanic, level, movement pattern or tag is an `InputError`
    naming the row and field, or, with `drop_unknown`, drops the row under "unknown <kind>" in
    the report. Any other bad
    value (a rep range upside down, intensity 3 for an isolation) is always an error.
    """
    path = Path(path)
    vocabulary = vocabulary or default_vocabulary()
    spec = load_mapping(mapping) if isinstance(mapping, (str, Path)) else as_mapping(mapping)
    rows = _read(path, spec)
    report = ImportReport(source=str(path), format=FORMAT)
    kept: list[tuple[str, dict[str, Any]]] = []
    given_ids: dict[str, int] = {}
    for n, raw in enumerate(rows, start=2):  # row 1 is the header, as a spreadsheet shows it
        label = d.clean_text(raw.get(spec.columns.get("name", spec.columns.get("id", ""))))
        where = f"{path.name} row {n}" + (f" ({label})" if label else "")
        row = _Row(raw, spec, vocabulary, where)
        try:
            fields = _fields(row, report)
        except _Unknown as err:
            if not drop_unknown:
                raise err.error from None
            report.drop(f"row {n}", label, f"unknown {err.kind}", err.error.message)
            continue
        ex_id = d.slug(row.get("id")) if row.get("id") else ""
        if ex_id:
            if ex_id in given_ids:
                raise InputError(
                    f"{where}.id", f"duplicate id {ex_id!r} (row {given_ids[ex_id]} has it too)"
                )
            given_ids[ex_id] = n
        kept.append((ex_id, {**fields, "_where": where}))
    # ids from names where the source has none, never clashing with a given one
    derived = iter(d.unique_ids((f["name"] for i, f in kept if not i), taken=set(given_ids)))
    exercises: list[Exercise] = []
    for ex_id, fields in kept:
        where = fields.pop("_where")
        ex_id = ex_id or next(derived)
        try:
            exercises.append(Exercise.model_validate({"id": ex_id, **fields}))
        except ValidationError as err:
            first = err.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise InputError(f"{where}.{loc}" if loc else where, message) from None
    if not exercises:
        raise InputError(str(path), "no exercise left to import")
    return exercises, report.finish(exercises, len(rows))
