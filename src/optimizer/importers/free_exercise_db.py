"""Import the public free-exercise-db dataset (yuhonas/free-exercise-db, `exercises.json`).

Each entry is kept only if it can be planned safely and honestly in our terms:

1. category `strength` or `powerlifting` (stretching, cardio, plyometrics, olympic
   weightlifting and strongman are not hypertrophy sets with a rest between them);
2. a primary muscle we know (`neck` is not in our vocabulary);
3. a mechanic (without one the pre-exhaust order has nothing to go on);
4. not an olympic-style or jumping lift hiding in `strength` (snatch, clean, jerk, jump);
5. equipment we can name (a specific machine, not "machine").

The first failing rule is the entry's drop reason in the `ImportReport`. Timing, intensity and
quality (`defaults.quality_for`) come from `defaults`, like the bundled catalog; the movement
pattern and tags from `movement_cues` (the dataset has neither).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..catalog import LEVEL_ALIASES, Exercise
from ..errors import InputError, syntax_error
from ..vocabulary import default_vocabulary
from . import defaults as d
from .fedb_equipment import Unmappable, map_equipment
from .fedb_muscles import map_muscle
from .movement_cues import derive
from .report import ImportReport

FORMAT = "free-exercise-db"
KEPT_CATEGORIES = frozenset({"strength", "powerlifting"})
BALLISTIC_CUES = ("snatch", "clean", "jerk", "jump", "plyo")
NOT_BALLISTIC_CUES = ("clean grip",)


def read_entries(path: str | Path) -> list[dict[str, Any]]:
    """The dataset's list of entries; a malformed file is an `InputError`, not a traceback."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "is not a UTF-8 text file") from None
    except json.JSONDecodeError as err:
        raise syntax_error(str(path), "JSON", err) from None
    if isinstance(data, dict) and isinstance(data.get("exercises"), list):
        data = data["exercises"]
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON list of free-exercise-db exercises")
    return data


def _muscles(
    names: Any, text: str, force: str | None, decisions: list[str], role: str
) -> list[str]:
    out: list[str] = []
    for name in names if isinstance(names, list) else []:
        muscle, decision = map_muscle(str(name), text, force)
        if decision:
            decisions.append(f"{role} {decision}")
        if muscle and muscle not in out:
            out.append(muscle)
    return out


def _convert(entry: dict[str, Any], decisions: list[str]) -> dict[str, Any] | str:
    """The fields of one exercise (id filled later), or the reason it is dropped. The mapping
    guesses made are appended to `decisions` (reported only if the exercise is kept)."""
    name = d.clean_text(entry.get("name"))
    category = str(entry.get("category") or "").strip().lower()
    if category not in KEPT_CATEGORIES:
        return f"category {category or 'missing'}"
    text = d.words(name)
    force = entry.get("force")
    primary = _muscles(entry.get("primaryMuscles"), text, force, decisions, "primary")
    if not primary:
        raw = [str(m).lower() for m in entry.get("primaryMuscles") or []]
        return "primary muscle neck" if "neck" in raw else "no known primary muscle"
    mechanic = entry.get("mechanic")
    if mechanic not in ("isolation", "compound"):
        return "no mechanic"
    if d.has(text, *BALLISTIC_CUES) and not d.has(text, *NOT_BALLISTIC_CUES):
        return "olympic-style or jumping lift"
    try:
        groups = map_equipment(entry.get("equipment"), text)
    except Unmappable as err:
        return err.reason
    secondary = _muscles(entry.get("secondaryMuscles"), text, force, decisions, "secondary")
    if "obliques" in primary and "abs" not in primary:
        secondary.insert(0, "abs")  # fedb's "abdominals" covered both; keep the credit
    decisions.extend("secondary equal to a primary dropped" for m in secondary if m in primary)
    intensity = d.intensity_for(mechanic, groups, d.heavy(text))
    hold = force == "static"
    level = str(entry.get("level") or "beginner").strip().lower()
    level = LEVEL_ALIASES.get(level, level)
    quality, lowered = d.quality_for(groups, text, mechanic, level)
    decisions.extend(f"quality lowered: {why}" for why in lowered)
    pattern, tags = derive(text, tuple(primary), mechanic, groups, default_vocabulary())
    steadied = d.uncredited(pattern, secondary)
    decisions.extend(f"secondary {m} dropped: not credited in a {pattern}" for m in steadied)
    secondary = [m for m in secondary if m not in steadied]
    notes = f"free-exercise-db {d.clean_text(entry.get('id'))}"
    return {
        "name": name,
        "mechanic": mechanic,
        "intensity": intensity,
        "primary": tuple(primary),
        "secondary": tuple(dict.fromkeys(m for m in secondary if m not in primary)),
        "equipment": groups,
        "pattern": pattern,
        "tags": tags,
        "level": level,
        "quality": quality,
        "reps_min": (d.HOLD_REPS if hold else d.REPS[intensity])[0],
        "reps_max": (d.HOLD_REPS if hold else d.REPS[intensity])[1],
        "seconds_per_rep": 1 if hold else d.SECONDS_PER_REP,
        "rest_seconds": d.REST_SECONDS[intensity],
        "setup_seconds": d.setup_seconds(groups),
        "unilateral": d.unilateral(text),
        "notes": f"{notes}; {d.HOLD_NOTE}" if hold else notes,
    }


def import_free_exercise_db(path: str | Path) -> tuple[list[Exercise], ImportReport]:
    """Convert the dataset at `path` to our exercises, with a report of what was dropped and
    why. Ids are the names in snake_case, a repeat getting `_2`, `_3`, ..."""
    entries = read_entries(path)
    report = ImportReport(source=str(path), format=FORMAT)
    converted: list[dict[str, Any]] = []
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict) or not d.clean_text(entry.get("name")):
            report.drop(f"entry {n}", "", "malformed entry", "not an object with a name")
            continue
        row = d.clean_text(entry.get("id")) or f"entry {n}"
        decisions: list[str] = []
        result = _convert(entry, decisions)
        if isinstance(result, str):
            report.drop(row, d.clean_text(entry["name"]), result)
        else:
            converted.append({**result, "_row": row})
            for decision in decisions:
                report.adjust(decision)
    ids = d.unique_ids(c["name"] for c in converted)
    renamed = sum(1 for i, c in zip(ids, converted, strict=True) if i != d.slug(c["name"]))
    if renamed:
        report.adjust("duplicate id renamed with a suffix", renamed)
    exercises: list[Exercise] = []
    for ex_id, fields in zip(ids, converted, strict=True):
        row = fields.pop("_row")
        try:
            exercises.append(Exercise.model_validate({"id": ex_id, **fields}))
        except ValidationError as err:  # a bug in the mapping, kept visible instead of raised
            report.drop(row, fields["name"], "invalid after mapping", str(err.errors()[0]["msg"]))
    return exercises, report.finish(exercises, len(entries))
