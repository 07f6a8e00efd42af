"""Write exercises as a catalog folder that `load_catalog(folder)` reads back unchanged."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..catalog import CSV_COLUMNS, Catalog, Exercise
from ..export import write_atomic
from ..vocabulary import Vocabulary, default_vocabulary


def exercise_row(ex: Exercise) -> dict[str, str]:
    """One CSV row in the bundled catalog's notation (`;` lists, `a+b|c` equipment)."""
    return {
        "id": ex.id,
        "name": ex.name,
        "mechanic": ex.mechanic,
        "intensity": str(ex.intensity),
        "primary": ";".join(ex.primary),
        "secondary": ";".join(ex.secondary),
        "equipment": ex.equipment_text,
        "pattern": ex.pattern,
        "level": ex.level,
        "quality": str(ex.quality),
        "reps_min": str(ex.reps_min),
        "reps_max": str(ex.reps_max),
        "seconds_per_rep": str(ex.seconds_per_rep),
        "rest_seconds": str(ex.rest_seconds),
        "setup_seconds": str(ex.setup_seconds),
        "unilateral": "true" if ex.unilateral else "false",
        "notes": ex.notes,
        "tags": ";".join(ex.tags),
    }


def catalog_csv(exercises: Iterable[Exercise]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(exercise_row(ex) for ex in exercises)
    return buffer.getvalue()


def write_catalog(
    exercises: Iterable[Exercise], out_dir: str | Path, vocabulary: Vocabulary | None = None
) -> Path:
    """Write `out_dir/exercises.csv` in `CSV_COLUMNS` order and return its path.

    The exercises are checked as a `Catalog` first (unique ids, known names), so a file that
    the loader would reject is never written; the write is atomic, so a reader never sees half
    a catalog.
    """
    book = Catalog(exercises, vocabulary or default_vocabulary(), source=str(out_dir))
    path = Path(out_dir) / "exercises.csv"
    write_atomic(path, catalog_csv(book))
    return path
