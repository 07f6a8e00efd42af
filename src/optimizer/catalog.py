"""The exercise catalog: one row per exercise, validated on load against the vocabulary.

Kept free of solver imports so that any tool (importers, the validator, exports) can use it.
"""

from __future__ import annotations

import csv
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import limits
from .errors import InputError, unknown_name
from .resources import models_dir
from .safe_input import SafeCatalogLoader, check_path, loads_json, loads_yaml, read_text_file
from .vocabulary import BODYWEIGHT, Vocabulary, default_vocabulary, load_vocabulary, normalize

Level = Literal["beginner", "intermediate", "advanced"]
Mechanic = Literal["isolation", "compound"]
LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
LEVEL_ALIASES = {"expert": "advanced", "novice": "beginner"}
#: The intensity tier of heavy axial barbell lifts (squats, deadlifts, bent-over rows, the
#: standing press): what `max_heavy_per_session` counts.
HEAVY_INTENSITY = 5
ISOLATION_INTENSITIES = (1, 2)
COMPOUND_INTENSITIES = (3, 4, 5)
#: `quality` of an exercise whose catalog has no such column: neither preferred nor avoided.
DEFAULT_QUALITY = 3
CSV_COLUMNS = (
    "id",
    "name",
    "mechanic",
    "intensity",
    "primary",
    "secondary",
    "equipment",
    "pattern",
    "level",
    "quality",
    "reps_min",
    "reps_max",
    "seconds_per_rep",
    "rest_seconds",
    "setup_seconds",
    "unilateral",
    "notes",
    # last, not beside `pattern`: catalogs written before it (and tests building rows by
    # position from these columns) still line up, their missing cell read as no tags
    "tags",
)


class Exercise(BaseModel):
    """One exercise with everything the model and the time budget need."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    mechanic: Mechanic
    intensity: int = Field(ge=1, le=5)
    primary: tuple[str, ...] = Field(min_length=1)
    secondary: tuple[str, ...] = ()
    equipment: tuple[tuple[str, ...], ...] = Field(
        default=((BODYWEIGHT,),),
        description="All of these requirements; each requirement is satisfied by any of its items.",
    )
    pattern: str = Field(
        default="",
        description="The one movement pattern trained (movements.yaml `patterns`), or empty.",
    )
    tags: tuple[str, ...] = Field(
        default=(),
        description=(
            "The loads and positions it puts the body in (movements.yaml `tags`: overhead, "
            "spinal_load, ...), for a client to avoid; empty when none applies."
        ),
    )
    level: Level = "beginner"
    quality: int = Field(
        default=DEFAULT_QUALITY,
        ge=1,
        le=5,
        description=(
            "How well the exercise can be loaded and progressed in small steps, 1-5: 5 barbell, "
            "dumbbell, machine and cable staples; 3 bodyweight compounds, kettlebell, landmine; "
            "1-2 band, suspension and other light-kit variants (README, The catalog)."
        ),
    )
    reps_min: int = Field(ge=limits.REPS.low, le=limits.REPS.high)
    reps_max: int = Field(ge=limits.REPS.low, le=limits.REPS.high)
    seconds_per_rep: int = Field(default=3, ge=1, le=20)
    rest_seconds: int = Field(ge=limits.REST_SECONDS.low, le=limits.REST_SECONDS.high)
    setup_seconds: int = Field(default=30, ge=0, le=600)
    unilateral: bool = False
    notes: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if self.reps_min > self.reps_max:
            raise ValueError(f"reps_min {self.reps_min} is above reps_max {self.reps_max}")
        allowed = ISOLATION_INTENSITIES if self.mechanic == "isolation" else COMPOUND_INTENSITIES
        if self.intensity not in allowed:
            raise ValueError(
                f"intensity {self.intensity} does not fit mechanic {self.mechanic} "
                f"(isolation is 1-2, compound is 3-5)"
            )
        both = set(self.primary) & set(self.secondary)
        if both:
            raise ValueError(f"{sorted(both)} listed as both primary and secondary")
        return self

    @property
    def reps(self) -> tuple[int, int]:
        return (self.reps_min, self.reps_max)

    @property
    def set_seconds(self) -> int:
        """One working set plus its rest, at the top of the rep range so a planned day never runs
        over when the client does the most reps."""
        sides = 2 if self.unilateral else 1
        return self.reps_max * self.seconds_per_rep * sides + self.rest_seconds

    def seconds(self, sets: int) -> int:
        """Time for `sets` sets including the one-off setup (the time-budget formula)."""
        return sets * self.set_seconds + self.setup_seconds if sets > 0 else 0

    def usable_with(self, owned: frozenset[str]) -> bool:
        return all(any(item in owned for item in group) for group in self.equipment)

    def equipment_used(self, owned: frozenset[str]) -> list[str]:
        """The concrete items this client uses: the first owned alternative of each requirement."""
        out: list[str] = []
        for group in self.equipment:
            item = next((i for i in group if i in owned), group[0])
            if item != BODYWEIGHT or len(self.equipment) == 1:
                out.append(item)
        return out

    @property
    def equipment_text(self) -> str:
        return "+".join("|".join(group) for group in self.equipment)

    def credit(self, muscle: str) -> int:
        """Half-sets of weekly volume one set gives `muscle`: 2 for primary, 1 for secondary."""
        if muscle in self.primary:
            return 2
        if muscle in self.secondary:
            return 1
        return 0


class Catalog:
    """An immutable, validated collection of exercises plus the vocabulary they are written in."""

    def __init__(
        self, exercises: Iterable[Exercise], vocabulary: Vocabulary, source: str = "<memory>"
    ) -> None:
        self.exercises: tuple[Exercise, ...] = tuple(exercises)
        self.vocabulary = vocabulary
        self.source = source
        self._by_id: dict[str, Exercise] = {}
        for ex in self.exercises:
            if ex.id in self._by_id:
                raise InputError(
                    f"{source}: {ex.id}", "duplicate exercise id", "every id must be unique"
                )
            self._by_id[ex.id] = ex
            for muscle in (*ex.primary, *ex.secondary):
                if muscle not in vocabulary.muscle_size:
                    raise unknown_name(
                        f"{source}: {ex.id}.primary/secondary", "muscle", muscle, vocabulary.muscles
                    )
            for group in ex.equipment:
                for item in group:
                    if item not in vocabulary.equipment:
                        raise unknown_name(
                            f"{source}: {ex.id}.equipment", "equipment", item, vocabulary.equipment
                        )
            if ex.pattern and ex.pattern not in vocabulary.patterns:
                raise unknown_name(
                    f"{source}: {ex.id}.pattern",
                    "movement pattern",
                    ex.pattern,
                    vocabulary.patterns,
                )
            for tag in ex.tags:
                if tag not in vocabulary.tags:
                    raise unknown_name(
                        f"{source}: {ex.id}.tags", "movement tag", tag, vocabulary.tags
                    )
        if not self.exercises:
            raise InputError(source, "the catalog holds no exercises")

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self._by_id[exercise_id]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def resolve_id(self, name: str, where: str) -> str:
        key = normalize(name)
        if key in self._by_id:
            return key
        raise unknown_name(where, "exercise", str(name), self._by_id)

    @cached_property
    def index(self) -> dict[str, int]:
        return {ex.id: i for i, ex in enumerate(self.exercises)}


# -- loading ---------------------------------------------------------------------------------


def parse_equipment(text: str) -> tuple[tuple[str, ...], ...]:
    """`barbell|ez_bar+preacher_bench` -> ((barbell, ez_bar), (preacher_bench,))."""
    text = (text or "").strip()
    if not text:
        return ((BODYWEIGHT,),)
    groups = []
    for part in text.split("+"):
        items = tuple(normalize(item) for item in part.split("|") if item.strip())
        if items:
            groups.append(items)
    return tuple(groups) or ((BODYWEIGHT,),)


def _split_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(normalize(v) for v in value if str(v).strip())
    return tuple(normalize(v) for v in str(value).replace(",", ";").split(";") if v.strip())


def _quality(value: Any) -> Any:
    """An empty or missing `quality` cell is the default; anything else goes to the check."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_QUALITY
    return value.strip() if isinstance(value, str) else value


def _row_to_exercise(row: Mapping[str, Any], vocabulary: Vocabulary, where: str) -> Exercise:
    data = {k.strip(): v for k, v in row.items() if k is not None}
    try:
        primary = vocabulary.resolve_muscles(
            list(_split_list(data.get("primary"))), f"{where}.primary"
        )
        secondary = tuple(
            m
            for m in vocabulary.resolve_muscles(
                list(_split_list(data.get("secondary"))), f"{where}.secondary"
            )
            if m not in primary
        )
        equipment = data.get("equipment")
        if isinstance(equipment, str) or equipment is None:
            groups = parse_equipment(equipment or "")
        else:
            groups = tuple(
                tuple(normalize(i) for i in ([g] if isinstance(g, str) else g)) for g in equipment
            )
        groups = tuple(
            tuple(
                dict.fromkeys(
                    item
                    for name in group
                    for item in vocabulary.resolve_equipment_item(name, f"{where}.equipment")
                )
            )
            for group in groups
        )
        pattern = data.get("pattern")
        pattern = (
            vocabulary.resolve_pattern(str(pattern), f"{where}.pattern")
            if pattern is not None and str(pattern).strip()
            else ""
        )
        tags = vocabulary.resolve_tags(list(_split_list(data.get("tags"))), f"{where}.tags")
        level = normalize(data.get("level") or "beginner")
        unilateral = str(data.get("unilateral") or "false").strip().lower() in {"true", "1", "yes"}
        fields = {
            "id": normalize(data.get("id") or ""),
            "name": str(data.get("name") or "").strip(),
            "mechanic": normalize(data.get("mechanic") or ""),
            "intensity": data.get("intensity"),
            "primary": primary,
            "secondary": secondary,
            "equipment": groups,
            "pattern": pattern,
            "tags": tags,
            "level": LEVEL_ALIASES.get(level, level),
            "quality": _quality(data.get("quality")),
            "reps_min": data.get("reps_min"),
            "reps_max": data.get("reps_max"),
            "seconds_per_rep": data.get("seconds_per_rep") or 3,
            "rest_seconds": data.get("rest_seconds"),
            "setup_seconds": data.get("setup_seconds") or 0,
            "unilateral": unilateral,
            "notes": str(data.get("notes") or "").strip(),
        }
        return Exercise.model_validate(fields)
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise InputError(
            f"{where}.{loc}" if loc else where, first["msg"].removeprefix("Value error, ")
        ) from None


def _read_rows(path: Path) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    # a user's --catalog is read as a constraints file is: a regular file within a size cap
    text = read_text_file(path, limits.CATALOG_FILE_BYTES, "catalog file")
    if suffix == ".csv":
        reader = csv.DictReader(text.splitlines())
        missing = [
            c
            for c in (
                "id",
                "name",
                "mechanic",
                "intensity",
                "primary",
                "reps_min",
                "reps_max",
                "rest_seconds",
            )
            if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise InputError(
                str(path),
                f"missing column(s) {', '.join(missing)}",
                f"expected the columns {', '.join(CSV_COLUMNS)}",
            )
        return list(reader)
    if suffix in {".yaml", ".yml", ".json"}:
        # a syntax error is the user's, like in a constraints file: one line, no traceback
        # with nesting bounded and YAML aliases refused, as in a constraints file
        if suffix == ".json":
            data = loads_json(text, str(path))
        else:
            data = loads_yaml(text, str(path), SafeCatalogLoader)
        if isinstance(data, dict):
            data = data.get("exercises", data)
        if not isinstance(data, list):
            raise InputError(str(path), "expected a list of exercises (or {exercises: [...]})")
        return data
    raise InputError(
        str(path), f"unsupported catalog format {suffix!r}", "use .csv, .yaml or .json"
    )


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load and validate a catalog: a CSV/YAML/JSON file, or a folder with `exercises.csv`.

    A folder may carry its own `muscles.yaml` and `equipment.yaml`; otherwise the bundled
    vocabulary applies. With no path, the bundled catalog is returned.
    """
    if path is None:
        return default_catalog()
    return _read_catalog(Path(path))


def _read_catalog(path: Path) -> Catalog:
    # a too-long or unreadable path is an InputError; a FIFO or device is refused on reading
    info = check_path(path, "catalog file")
    if stat.S_ISDIR(info.st_mode):
        folder = path
        path = folder / "exercises.csv"
        vocabulary = (
            load_vocabulary(folder) if (folder / "muscles.yaml").is_file() else default_vocabulary()
        )
    else:
        vocabulary = default_vocabulary()
    if not path.exists():
        raise InputError(str(path), "catalog file not found")
    rows = _read_rows(path)
    exercises = []
    for n, row in enumerate(rows, start=2 if path.suffix.lower() == ".csv" else 1):
        label = row.get("id") if isinstance(row, dict) else None
        where = f"{path.name} row {n}" + (f" ({label})" if label else "")
        if not isinstance(row, dict):
            raise InputError(where, "expected a mapping of exercise fields")
        exercises.append(_row_to_exercise(row, vocabulary, where))
    return Catalog(exercises, vocabulary, source=path.name)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The bundled catalog, parsed once per process (it is immutable)."""
    return _read_catalog(models_dir())


# -- queries ---------------------------------------------------------------------------------


def filter_exercises(
    book: Catalog,
    muscles: list[str] | None = None,
    items: list[str] | None = None,
    usable_with: list[str] | None = None,
    level: str | None = None,
    mechanic: str | None = None,
) -> list[Exercise]:
    """The exercises of `book` passing every given filter, in catalog order (`preexhaust catalog
    list` and a coach's script ask the same question the same way).

    `muscles`: works one of them as primary; `items`: needs one of these equipment items in
    some requirement; `usable_with`: can be done with these items and presets only; `level`
    and `mechanic`: equal to it. Names go through the vocabulary's aliases (`shoulders`,
    `expert`); an unknown one raises `InputError` naming the filter by its CLI option
    (`--muscle`, `--equipment[i]`, `--usable-with`, `--level`, `--mechanic`) with close matches.
    """
    vocab = book.vocabulary
    wanted = set(vocab.resolve_muscles(muscles, "--muscle")) if muscles else None
    needed: set[str] = set()
    for i, name in enumerate(items or []):
        needed.update(vocab.resolve_equipment_item(name, f"--equipment[{i}]"))
    owned = vocab.resolve_equipment(usable_with, "--usable-with") if usable_with else None
    if level is not None:
        level = LEVEL_ALIASES.get(normalize(level), normalize(level))
        if level not in LEVELS:
            raise unknown_name("--level", "level", level, LEVELS)
    if mechanic is not None:
        mechanic = normalize(mechanic)
        if mechanic not in ("isolation", "compound"):
            raise unknown_name("--mechanic", "mechanic", mechanic, ("isolation", "compound"))
    return [
        ex
        for ex in book
        if (wanted is None or wanted & set(ex.primary))
        and (not needed or needed & {item for group in ex.equipment for item in group})
        and (owned is None or ex.usable_with(owned))
        and (level is None or ex.level == level)
        and (mechanic is None or ex.mechanic == mechanic)
    ]


def summary(book: Catalog) -> str:
    """One line of the counts a coach checks after editing a catalog (exercises per mechanic
    and intensity, muscles covered as primary) naming the muscles nothing trains, since a
    target on such a muscle can never be met. `preexhaust catalog validate` prints it."""
    mechanics = Counter(ex.mechanic for ex in book)
    tiers = Counter(ex.intensity for ex in book)
    covered = {m for ex in book for m in ex.primary}
    missing = [m for m in book.vocabulary.muscles if m not in covered]
    text = (
        f"{len(book)} exercises valid (isolation {mechanics['isolation']}, compound "
        f"{mechanics['compound']}; intensity "
        + ", ".join(f"{t}: {tiers[t]}" for t in sorted(tiers))
        + f"); {len(book.vocabulary.muscles) - len(missing)}/{len(book.vocabulary.muscles)} "
        "muscles are primary somewhere"
    )
    return text + (f" (none for {', '.join(missing)})" if missing else "")
