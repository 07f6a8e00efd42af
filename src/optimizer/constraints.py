"""The client's constraints file: what they have and want, validated by pydantic.

Names are resolved against the vocabulary at load time, so a typo fails before any solving,
with the field path and close matches. Exercise ids (`require`, `avoid.exercises`) are checked
against the catalog when a plan is made, since the catalog is chosen then.
"""

from __future__ import annotations

import math
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from . import limits
from .catalog import Catalog, load_catalog
from .errors import InputError, close_matches, unknown_name
from .goals import DEFAULT_GOAL, RepRange, goal_names
from .injuries import default_injuries, injury
from .safe_input import (
    check_path,
    check_structure,
    clip,
    echo,
    loads_document,
    read_text_file,
)
from .vocabulary import DAYS, FOCUSES, Vocabulary, default_vocabulary, normalize

Ordering = Literal["pre_exhaust", "compound_first", "free"]
Supersets = Literal["none", "pre_exhaust", "allowed"]
Experience = Literal["beginner", "intermediate", "advanced"]


def _vocab(info: ValidationInfo) -> Vocabulary:
    context = info.context or {}
    return context.get("vocabulary") or default_vocabulary()


_DAY_SCHEMA = {"type": "string", "enum": list(DAYS)}
_MINUTES_SCHEMA = {
    "type": "integer",
    "minimum": limits.SESSION_MINUTES.low,
    "maximum": limits.SESSION_MINUTES.high,
}


def within(bound: limits.Range, default: Any, description: str) -> Any:
    """A field between `bound`'s ends, both allowed: its range is written once, in limits.py."""
    return Field(default=default, ge=bound.low, le=bound.high, description=description)


class TargetSpec(BaseModel):
    """Weekly fractional sets for one muscle (a primary set counts 1, a secondary set 0.5)."""

    model_config = ConfigDict(extra="forbid")

    min: float = within(
        limits.TARGET_SETS,
        0.0,
        "Goal; shortfall costs points.",
    )
    max: float | None = within(
        limits.TARGET_SETS,
        None,
        "Hard upper limit.",
    )
    goal: float | None = within(
        limits.TARGET_SETS,
        None,
        "The volume aimed at: sets up to it earn twice what sets beyond it earn (default "
        "halfway from min to max; one and a half times the min without a max).",
    )
    priority: int = within(
        limits.TARGET_PRIORITY,
        1,
        "Weight of this muscle's goal.",
    )
    strict: bool = Field(default=False, description="Make min a hard rule, not a goal.")

    @model_validator(mode="after")
    def _ordered(self) -> TargetSpec:
        if self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min:g} is above max {self.max:g}")
        if self.goal is not None and self.goal < self.min:
            raise ValueError(f"goal {self.goal:g} is below min {self.min:g}")
        if self.goal is not None and self.max is not None and self.goal > self.max:
            raise ValueError(f"goal {self.goal:g} is above max {self.max:g}")
        return self

    @property
    def min_half_sets(self) -> int:
        """The min in half-sets, rounded up: weeks come in half-sets, and one that reaches the
        count must reach the min itself (`round` took 10.25 sets as 10, which a strict min, and
        the validator, refuse)."""
        return math.ceil(self.min * 2 - 1e-9)

    @property
    def max_half_sets(self) -> int | None:
        return None if self.max is None else int(self.max * 2 + 1e-9)


class MovementRule(NamedTuple):
    """One rule against movements: its field path, its words, what it rules out."""

    key: str
    text: str
    tags: frozenset[str]
    patterns: frozenset[str]

    def hits(self, tags: tuple[str, ...], pattern: str) -> list[str]:
        """What of an exercise's tags and pattern this rule rules out (empty: allowed)."""
        return sorted(self.tags.intersection(tags)) + (
            [pattern] if pattern in self.patterns else []
        )


class Avoid(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exercises: list[str] = Field(default_factory=list, description="Exercise ids never to use.")
    muscles: list[str] = Field(
        default_factory=list,
        description="Muscles to spare: no exercise that works them as primary or secondary.",
    )
    tags: list[str] = Field(
        default_factory=list,
        description="Movement tags to avoid (models/movements.yaml: overhead, spinal_load, "
        "deep_knee_flexion, hanging, floor, impact, ...): no exercise carrying one.",
    )
    patterns: list[str] = Field(
        default_factory=list,
        description="Movement patterns to avoid (models/movements.yaml: upright_row, dip, "
        "squat, hip_hinge, ...): no exercise of that pattern.",
    )

    @field_validator("exercises", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> Any:
        return [normalize(v) for v in _as_list(value, "avoid.exercises")]

    @field_validator("muscles", mode="before")
    @classmethod
    def _muscles(cls, value: Any, info: ValidationInfo) -> Any:
        return list(_vocab(info).resolve_muscles(_as_list(value, "avoid.muscles"), "avoid.muscles"))

    @field_validator("tags", "patterns", mode="before")
    @classmethod
    def _movements(cls, value: Any, info: ValidationInfo) -> Any:
        vocab = _vocab(info)
        field = f"avoid.{info.field_name}"
        resolve = vocab.resolve_tag if info.field_name == "tags" else vocab.resolve_pattern
        names = _as_list(value, field)
        return list(dict.fromkeys(resolve(v, f"{field}[{i}]") for i, v in enumerate(names)))


class SolverSettings(BaseModel):
    """How long and how the CP-SAT search runs; the same input + seed + workers repeats."""

    model_config = ConfigDict(extra="forbid")

    time_limit: float = Field(
        default=10.0,
        gt=limits.TIME_LIMIT_SECONDS.low,
        le=limits.TIME_LIMIT_SECONDS.high,
        description="Seconds of wall time.",
    )
    seed: int = Field(default=0, ge=limits.SEED.low, le=limits.SEED.high)
    workers: int = within(
        limits.WORKERS,
        1,
        "CP-SAT search workers. 1 repeats exactly; 2 or more add large-neighbourhood "
        "search on the extra cores, which finds better weeks on hard clients within the time "
        "limit but may return a different week from run to run.",
    )
    relative_gap: float = within(
        limits.RELATIVE_GAP,
        0.0,
        "Stop when proven within this gap (0 = optimal).",
    )
    time_tolerance: float = within(
        limits.TIME_TOLERANCE_MINUTES,
        0.0,
        "Minutes of weekly exercise time the week may exceed the shortest best week "
        "by: the search stops once targets and coach value are proven best and the time "
        "is proven within this. 0 proves the shortest exactly; 1 often saves most of the "
        "solve on clients whose last seconds are slow to prove.",
    )
    highs: bool = Field(
        default=False,
        description="Also run HiGHS (a MIP solver, one thread) on the same model on another "
        "core and keep the first proof, the better week and the tighter bound of the two: "
        "proves more clients within the limit, at the cost of a second core and of "
        "repeatability when the clock, not a proof, ends the search.",
    )
    polish: bool = Field(
        default=True,
        description="With one worker and a time limit of 5 s or more: when the search stops "
        "improving in the second half of "
        "the time limit (no better week and no real bound step for 15% of it), spend the rest "
        "improving the week two days at a time, then search the whole model again from it. "
        "Finds better weeks on most clients the search cannot prove, on one core; proven "
        "weeks are never touched.",
    )
    log: bool = Field(default=False, description="Print the CP-SAT search log.")
    warm_start: bool = Field(
        default=True,
        description="Start the search from the greedy week (same result when proven, found "
        "sooner on large catalogs).",
    )


def _as_list(value: Any, field: str) -> list[Any]:
    """Accept a list, one name or a comma/space separated string; a map is a mistake."""
    if isinstance(value, Mapping):
        raise InputError(field, "expected a list, got a map", f"e.g. {field}: [a, b]")
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s;]+", value) if v]
    if not isinstance(value, (list, tuple, set, frozenset)):
        # a number or true/false read as a name ("unknown day '3'") misleads
        raise InputError(
            field, f"expected a list of names, got {echo(value)}", f"e.g. {field}: [a, b]"
        )
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise InputError(f"{field}[{i}]", f"expected a name, got {echo(item)}")
    return list(value)


#: A client id, used in output file names: the rule and its words, for the model and the batch.
CLIENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
CLIENT_ID_RULE = (
    f"letters, digits, _ . -, at most {limits.CLIENT_NAME_LENGTH}, starting with a letter or digit"
)
#: pydantic's words for a value that is not a map, by the field that wants one: an example
#: instead of "a valid dictionary or instance of Avoid"
_MAP_EXAMPLES = {
    "avoid": "e.g. avoid: {exercises: [barbell_back_squat], muscles: [lower_back]}",
    "solver": "e.g. solver: {time_limit: 10, workers: 1}",
    "goal": "e.g. goal: size",
}


def _once(seen: Mapping[str, Any], key: str, where: str, what: str) -> None:
    """A map whose keys name one thing twice (`mon` and `Monday`, an exercise id in two
    spellings) would keep the last value and drop the first without a word: refused."""
    if key in seen:
        raise InputError(where, f"{key} already has {what}", "give it once")


class Constraints(BaseModel):
    """Everything a client tells us; see the README's constraints file reference."""

    model_config = ConfigDict(extra="forbid", title="pre-exhaust constraints")

    client: str = Field(
        default="client",
        min_length=1,
        max_length=limits.CLIENT_NAME_LENGTH,
        pattern=CLIENT_ID.pattern,
        description="Id used in output file names.",
    )
    days: Annotated[
        list[str],
        WithJsonSchema({"type": "array", "items": _DAY_SCHEMA, "minItems": 1, "uniqueItems": True}),
    ] = Field(description="Training days; the week repeats, so sun -> mon is consecutive.")
    session_minutes: Annotated[
        dict[str, int],
        WithJsonSchema(
            {
                "anyOf": [
                    _MINUTES_SCHEMA,
                    {
                        "type": "object",
                        "propertyNames": _DAY_SCHEMA,
                        "additionalProperties": _MINUTES_SCHEMA,
                    },
                ]
            }
        ),
    ] = Field(default_factory=dict, description="Minutes per session: one number or a map.")
    warmup_minutes: int = within(
        limits.WARMUP_MINUTES,
        5,
        "Deducted from every session before exercises.",
    )
    equipment: list[str] = Field(
        default_factory=lambda: ["commercial_gym"],
        description="Equipment names and/or presets; bodyweight implied.",
    )
    targets: (
        Annotated[
            dict[str, TargetSpec],
            WithJsonSchema(
                {
                    "type": "object",
                    "additionalProperties": {
                        "anyOf": [
                            {"type": "number", "minimum": 0},
                            {"type": "string", "pattern": r"^\d+(\.\d+)?-\d+(\.\d+)?$"},
                            TargetSpec.model_json_schema(),
                        ]
                    },
                }
            ),
        ]
        | None
    ) = Field(
        default=None,
        description=(
            "Weekly fractional sets per muscle: {min, max, priority}, a number (= min) "
            "or 'min-max'. "
            "Left out: models/muscles.yaml `default` (RP's MEV to MRV for the medium and "
            "large muscles, e.g. chest 10-22, quads 8-20), priority by muscle size."
        ),
    )
    experience: Experience = "intermediate"
    goal: str = Field(
        default=DEFAULT_GOAL,
        description="Training goal: hypertrophy (default), strength, powerbuilding or "
        "endurance; sets rep ranges, rest and reps in reserve per intensity tier "
        "(models/goals.yaml).",
    )
    rep_ranges: dict[str, RepRange] = Field(
        default_factory=dict,
        description="Per-exercise reps (and rest) overriding the goal and the catalog: "
        "[fewest, most], or {reps: [fewest, most], rest: seconds}, e.g. "
        "{barbell_bench_press: {reps: [3, 5], rest: 240}}.",
    )
    injuries: list[str] = Field(
        default_factory=list,
        description="Injury shorthands (shoulder, knee, lower_back, elbow, wrist): each adds the "
        "movement tags and patterns of models/injuries.yaml to avoid.",
    )
    avoid: Avoid = Field(default_factory=Avoid)
    require: list[str] = Field(default_factory=list, description="Exercise ids that must appear.")
    prefer: list[str] = Field(
        default_factory=list,
        description="Exercise ids the client likes: chosen over equal alternatives (soft).",
    )
    dislike: list[str] = Field(
        default_factory=list,
        description="Exercise ids the client would rather not do: used only where they earn "
        "clearly more than an alternative (soft; `avoid.exercises` is the hard form).",
    )
    split: Annotated[
        str | dict[str, str],
        WithJsonSchema(
            {
                "anyOf": [
                    {"const": "auto"},
                    {
                        "type": "object",
                        "propertyNames": _DAY_SCHEMA,
                        "additionalProperties": {"enum": [*FOCUSES, "auto"]},
                    },
                ]
            }
        ),
    ] = Field(default="auto", description="auto, or a focus per day: lower upper push pull full.")
    ordering: Ordering = "pre_exhaust"
    supersets: Supersets = Field(
        default="none",
        description="none (default): no supersets; pre_exhaust: each isolation that "
        "pre-exhausts a compound is done as a superset with it (alternate sets, a short "
        "transition instead of the isolation's rest); allowed: the solver decides pair by pair.",
    )
    superset_transition_seconds: int = within(
        limits.SUPERSET_TRANSITION_SECONDS,
        15,
        "Seconds from an isolation set to its compound's set in a superset (replaces the "
        "isolation's rest); twice this when the two share no equipment (two stations).",
    )
    recovery_hours: int = within(
        limits.RECOVERY_HOURS,
        48,
        ("The same primary muscle is not trained on days closer than this."),
    )
    sets_per_exercise: tuple[int, int] = Field(default=(2, 5), description="[min, max] sets.")
    max_muscle_sets_per_session: float = Field(
        default=10,
        gt=limits.MUSCLE_SETS_PER_SESSION.low,
        le=limits.MUSCLE_SETS_PER_SESSION.high,
        description="Fractional sets per muscle in one session, at most.",
    )
    max_days_per_exercise: int = within(
        limits.DAYS_PER_EXERCISE,
        2,
        "Training days of the week one exercise may be on, at most (default 2); never twice "
        "in one session.",
    )
    max_exercises_per_session: int | None = within(
        limits.EXERCISES_PER_SESSION,
        None,
        "Exercises in one session, at most; none (the default) sets no cap.",
    )
    max_heavy_per_session: int | None = within(
        limits.HEAVY_PER_SESSION,
        2,
        "Intensity-5 lifts (heavy squats, deadlifts, barbell rows and presses) in "
        "one session, at most; 2 is the default, none sets no cap.",
    )
    max_compounds_per_pattern: int | None = within(
        limits.COMPOUNDS_PER_PATTERN,
        2,
        "Compounds of one movement pattern (squat, hip hinge, horizontal push, ...) "
        "in one session, at most; 2 is the default, none sets no cap.",
    )
    solver: SolverSettings = Field(default_factory=SolverSettings)

    # -- field normalisation ----------------------------------------------------------------
    @field_validator("days", mode="before")
    @classmethod
    def _days(cls, value: Any, info: ValidationInfo) -> Any:
        items = _as_list(value, "days")
        if not items:
            raise InputError("days", "no training day given", "e.g. days: [mon, wed, fri]")
        days = [Vocabulary.resolve_day(str(v), f"days[{i}]") for i, v in enumerate(items)]
        for i, day in enumerate(days):
            if day in days[:i]:  # name the repeat's index, as a typo is named, to find it fast
                raise InputError(f"days[{i}]", f"{day} is listed twice", "list each day once")
        return sorted(days, key=DAYS.index)

    @field_validator("equipment", mode="before")
    @classmethod
    def _equipment(cls, value: Any, info: ValidationInfo) -> Any:
        names = [normalize(v) for v in _as_list(value, "equipment")]
        _vocab(info).resolve_equipment(names, "equipment")
        return names

    @field_validator("require", "prefer", "dislike", mode="before")
    @classmethod
    def _exercise_ids(cls, value: Any, info: ValidationInfo) -> Any:
        return [normalize(v) for v in _as_list(value, str(info.field_name))]

    @field_validator("goal", mode="before")
    @classmethod
    def _goal(cls, value: Any) -> Any:
        if value is None:
            return DEFAULT_GOAL
        name = normalize(str(value))
        if name not in goal_names():
            raise unknown_name("goal", "training goal", str(value), goal_names())
        return name

    @field_validator("injuries", mode="before")
    @classmethod
    def _injuries(cls, value: Any) -> Any:
        raw = _as_list(value, "injuries")
        return list(
            dict.fromkeys(injury(normalize(v), f"injuries[{i}]").name for i, v in enumerate(raw))
        )

    @field_validator("rep_ranges", mode="before")
    @classmethod
    def _rep_ranges(cls, value: Any) -> Any:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise InputError(
                "rep_ranges",
                "expected a map of exercise -> [fewest, most] reps",
                "e.g. rep_ranges: {barbell_back_squat: [3, 5]}",
            )
        out: dict[str, RepRange] = {}
        for key, given in value.items():
            where = f"rep_ranges.{key}"
            pair, rest = given, None
            if isinstance(given, Mapping):
                unknown = set(given) - {"reps", "rest"}
                if unknown or "reps" not in given:
                    raise InputError(
                        where,
                        "expected {reps: [fewest, most], rest: seconds}",
                        "e.g. {reps: [3, 5], rest: 240}",
                    )
                pair, rest = given["reps"], given.get("rest")
                if rest is not None and (
                    not isinstance(rest, int)
                    or isinstance(rest, bool)
                    or not limits.REST_SECONDS.holds(rest)
                ):
                    whole = isinstance(rest, int) and not isinstance(rest, bool)
                    raise InputError(
                        f"{where}.rest",
                        f"{echo(rest)} is {'out of range' if whole else 'not whole seconds'}",
                        f"use {limits.REST_SECONDS.text}",
                    )
            if isinstance(pair, str) and re.fullmatch(r"\s*\d+\s*-\s*\d+\s*", pair):
                pair = [int(x) for x in pair.split("-")]
            if (
                not isinstance(pair, (list, tuple))
                or len(pair) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
            ):
                raise InputError(
                    where, f"expected [fewest, most] reps, got {pair!r}", "e.g. [3, 5]"
                )
            low, high = pair
            if not limits.REPS.low <= low <= high <= limits.REPS.high:
                raise InputError(
                    where,
                    f"{list(pair)} is not a valid range",
                    f"use {limits.REPS.low:g} <= fewest <= most <= {limits.REPS.high:g}",
                )
            name = normalize(str(key))
            _once(out, name, where, "a rep range")
            out[name] = RepRange(reps=(low, high), rest=rest)
        return out

    @field_validator("targets", mode="before")
    @classmethod
    def _targets(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise InputError(
                "targets",
                "expected a map of muscle -> sets",
                "e.g. targets: {chest: 12, quads: {min: 10, max: 16, priority: 2}}",
            )
        vocab = _vocab(info)
        out: dict[str, Any] = {}
        for key, spec in value.items():
            where = f"targets.{key}"
            if isinstance(spec, bool):
                raise InputError(where, "expected a number of sets or {min, max, priority}")
            if isinstance(spec, (int, float)):
                spec = {"min": spec}
            elif isinstance(spec, str) and re.fullmatch(
                r"\s*\d+(\.\d+)?\s*-\s*\d+(\.\d+)?\s*", spec
            ):
                low, high = (float(x) for x in spec.split("-"))
                spec = {"min": low, "max": high}
            elif isinstance(spec, (list, tuple)) and len(spec) == 2:
                spec = {"min": spec[0], "max": spec[1]}
            elif not isinstance(spec, Mapping):
                raise InputError(
                    where, f"expected a number of sets or {{min, max, priority}}, got {spec!r}"
                )
            for muscle in vocab.resolve_muscle(str(key), where):
                if muscle in out:
                    raise InputError(
                        where, f"{muscle} already has a target", "give each muscle one target"
                    )
                out[muscle] = spec
        return out

    @field_validator("split", mode="before")
    @classmethod
    def _split(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return "auto"
        if isinstance(value, str):
            if normalize(value) != "auto":
                raise InputError(
                    "split",
                    f"expected auto or a map of day -> focus, got {value!r}",
                    "e.g. split: {mon: lower, wed: push, fri: pull}",
                )
            return "auto"
        if not isinstance(value, Mapping):
            raise InputError("split", "expected auto or a map of day -> focus")
        vocab = _vocab(info)
        out: dict[str, str] = {}
        for key, focus in value.items():
            day = Vocabulary.resolve_day(str(key), f"split.{key}")
            _once(out, day, f"split.{key}", "a focus")
            f = normalize(str(focus))
            out[day] = "auto" if f == "auto" else vocab.resolve_focus(f, f"split.{day}")
        return out

    @field_validator("session_minutes", mode="before")
    @classmethod
    def _minutes(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, bool):
            raise InputError("session_minutes", "expected minutes, got a boolean")
        if isinstance(value, (int, float)):
            return {"*": value}
        if isinstance(value, Mapping):
            out: dict[str, Any] = {}
            for k, v in value.items():
                day = Vocabulary.resolve_day(str(k), f"session_minutes.{k}")
                _once(out, day, f"session_minutes.{k}", "minutes")
                out[day] = v
            return out
        raise InputError(
            "session_minutes",
            f"expected a number or a map of day -> minutes, got {value!r}",
            "e.g. session_minutes: 60",
        )

    @field_validator("sets_per_exercise", mode="before")
    @classmethod
    def _sets(cls, value: Any) -> Any:
        given = value
        if isinstance(value, Mapping):
            value = (value.get("min", 2), value.get("max", 5))
        if isinstance(value, str):
            # "2-5"; anything else would surface as int()'s or pydantic's wording, not ours
            match = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", value)
            value = (int(match[1]), int(match[2])) if match else None
        if not isinstance(value, (list, tuple)):
            raise InputError(
                "sets_per_exercise",
                f"expected [min, max] sets, got {given!r}",
                "e.g. sets_per_exercise: [2, 5]",
            )
        return value

    @model_validator(mode="after")
    def _cross_checks(self) -> Constraints:
        # session minutes: a number for every day
        raw = dict(self.session_minutes)
        if "*" in raw:
            raw = {day: raw["*"] for day in self.days}
        elif not raw:
            raw = {day: 60 for day in self.days}
        else:
            extra = [d for d in raw if d not in self.days]
            if extra:
                raise InputError(
                    f"session_minutes.{extra[0]}",
                    f"{extra[0]} is not a training day",
                    f"training days are {', '.join(self.days)}",
                )
            missing = [d for d in self.days if d not in raw]
            if missing:
                raise InputError(
                    "session_minutes",
                    f"no minutes for {', '.join(missing)}",
                    "give every training day a number, or one number for all",
                )
        for day, minutes in raw.items():
            if not limits.SESSION_MINUTES.holds(minutes):
                raise InputError(
                    f"session_minutes.{day}",
                    f"{minutes} minutes is out of range",
                    f"use {limits.SESSION_MINUTES.text}",
                )
            if minutes <= self.warmup_minutes:
                raise InputError(
                    f"session_minutes.{day}",
                    f"{minutes} minutes leaves no time after the "
                    f"{self.warmup_minutes}-minute warm-up",
                    "raise session_minutes or lower warmup_minutes",
                )
        object.__setattr__(self, "session_minutes", {d: int(raw[d]) for d in self.days})
        if isinstance(self.split, dict):
            extra = [d for d in self.split if d not in self.days]
            if extra:
                raise InputError(
                    f"split.{extra[0]}",
                    f"{extra[0]} is not a training day",
                    f"training days are {', '.join(self.days)}",
                )
            missing = [d for d in self.days if d not in self.split]
            if missing:
                raise InputError(
                    "split",
                    f"no focus for {', '.join(missing)}",
                    "give every training day a focus (lower, upper, push, pull, "
                    "full or auto), or use split: auto",
                )
        if self.supersets != "none" and self.ordering == "compound_first":
            raise InputError(
                "supersets",
                f"{self.supersets} puts an isolation right before its compound, which "
                "ordering compound_first forbids",
                "use ordering pre_exhaust or free, or supersets: none",
            )
        low, high = self.sets_per_exercise
        bounds = limits.SETS_PER_EXERCISE
        if not bounds.low <= low <= high <= bounds.high:
            raise InputError(
                "sets_per_exercise",
                f"[{low}, {high}] is not a valid range",
                f"use {bounds.low:g} <= min <= max <= {bounds.high:g}, e.g. [2, 5]",
            )
        return self

    # -- derived views ------------------------------------------------------------------------
    def avoided_movements(self) -> list[MovementRule]:
        """Every movement rule of the file: each `avoid.tags` and `avoid.patterns` entry, and
        each injury with what models/injuries.yaml expands it to. One list, so the filter, the
        model, the validator and the explanations name a rule the same way (`avoid.tags[0]`,
        `injuries[1]`) and say it alike (`avoid.tags: overhead`, `injuries: shoulder`)."""
        out = [
            MovementRule(f"avoid.tags[{i}]", f"avoid.tags: {t}", frozenset({t}), frozenset())
            for i, t in enumerate(self.avoid.tags)
        ]
        out += [
            MovementRule(
                f"avoid.patterns[{i}]", f"avoid.patterns: {p}", frozenset(), frozenset({p})
            )
            for i, p in enumerate(self.avoid.patterns)
        ]
        for i, name in enumerate(self.injuries):
            hurt = injury(name, f"injuries[{i}]")
            out.append(
                MovementRule(
                    f"injuries[{i}]",
                    f"injuries: {name}",
                    frozenset(hurt.tags),
                    frozenset(hurt.patterns),
                )
            )
        return out

    def focus_of(self, day: str) -> str:
        """The focus that restricts `day`: the split's, or full when the split is auto."""
        if isinstance(self.split, dict):
            focus = self.split.get(day, "auto")
            return "full" if focus == "auto" else focus
        return "full"

    def resolved_targets(self, vocabulary: Vocabulary | None = None) -> dict[str, TargetSpec]:
        """The targets in force: the file's, or the vocabulary's default weekly sets (muscles.yaml
        `default`) at its priority, the muscle's size unless it names one."""
        if self.targets is not None:
            return dict(self.targets)
        vocab = vocabulary or default_vocabulary()
        return {
            m: TargetSpec(min=d.min, max=d.max, priority=d.priority)
            for m, d in vocab.default_targets.items()
        }

    def owned_equipment(self, vocabulary: Vocabulary | None = None) -> frozenset[str]:
        return (vocabulary or default_vocabulary()).resolve_equipment(self.equipment, "equipment")


# -- loading ----------------------------------------------------------------------------------


def _pydantic_to_input_error(err: ValidationError) -> InputError:
    first = err.errors()[0]
    # "*" is the key of a value for every day (session_minutes: 60): the field is its parent
    loc = [str(p) for p in first["loc"] if p != "*"]
    field = clip(".".join(loc))
    kind = first["type"]
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        known = list(parent.model_fields) if parent else []
        matches = close_matches(loc[-1][: limits.INPUT_NAME_CHARS], known)
        hint = (
            ("did you mean " + " or ".join(matches) + "?")
            if matches
            else ("known fields: " + ", ".join(known) if known else None)
        )
        return InputError(field, "unknown field", hint)
    if kind == "missing":
        return InputError(field, "this field is required")
    value = first.get("input")
    if loc == ["client"] and kind in ("string_pattern_mismatch", "string_too_long"):
        return InputError(field, f"{echo(value)} is not a usable id", CLIENT_ID_RULE)
    if kind in ("model_type", "dict_type"):
        return InputError(field, f"expected a map, got {echo(value)}", _MAP_EXAMPLES.get(loc[-1]))
    if isinstance(value, float) and not math.isfinite(value):
        return InputError(field, f"expected a finite number, got {echo(value)}")
    if kind == "int_from_float":
        return InputError(field, f"expected a whole number, got {echo(value)}")
    message = clip(first["msg"].removeprefix("Value error, "), 150)
    if kind not in {"value_error"} and not isinstance(value, (dict, list)):
        message += f", got {echo(value)}"
    return InputError(field, message)


def _model_at(path: list[str]) -> type[BaseModel] | None:
    model: type[BaseModel] = Constraints
    for part in path:
        field = model.model_fields.get(part)
        if field is None:
            return TargetSpec if model is Constraints and part == "targets" else None
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif part == "targets":
            return TargetSpec
        else:
            return None
    return model


def parse_constraints(
    data: Any, vocabulary: Vocabulary | None = None, source: str = "constraints"
) -> Constraints:
    """Validate a mapping into `Constraints`, turning every problem into one `InputError`.

    The mapping is first checked against the input limits (`optimizer.safe_input`): depth,
    size, text length and integer magnitude, so untrusted input fails in one short message.
    """
    if isinstance(data, Constraints):
        return data
    source = clip(source)
    if not isinstance(data, Mapping):
        raise InputError(
            source,
            "expected a mapping of fields at the top level",
            "see examples/article_week.yaml",
        )
    check_structure(data, source)
    try:
        return Constraints.model_validate(
            dict(data), context={"vocabulary": vocabulary} if vocabulary else None
        )
    except ValidationError as err:
        raise _pydantic_to_input_error(err) from None
    except InputError as err:  # raised in a validator; its echo of the input is clipped
        raise err from None


def read_mapping(path: str | Path) -> dict[str, Any]:
    """Read YAML, JSON or TOML into a dict, with the file and line in every error.

    Read through `optimizer.safe_input`: a regular file within the size cap, parsed with
    nesting, values, numbers and (for YAML) aliases bounded, then checked as a mapping.
    """
    info = check_path(path)
    path = Path(path)
    label = clip(str(path))
    if stat.S_ISDIR(info.st_mode):
        raise InputError(label, "is a folder, not a constraints file")
    suffix = path.suffix.lower()
    if suffix not in {".json", ".toml", ".yaml", ".yml", ""}:
        raise InputError(
            label, f"unsupported file type {clip(suffix, 20)!r}", "use .yaml, .yml, .json or .toml"
        )
    text = read_text_file(path, info=info)
    # Checked before parsing so an empty file reads the same in every format (JSON would call
    # it a syntax error at line 1, TOML an empty table missing `days`).
    if not text.strip():
        raise InputError(label, "the file is empty", "see examples/article_week.yaml")
    data = loads_document(text, suffix, label)
    if data is None:
        raise InputError(label, "the file is empty", "see examples/article_week.yaml")
    if not isinstance(data, dict):
        raise InputError(
            label,
            "expected a mapping of fields at the top level",
            "see examples/article_week.yaml",
        )
    check_structure(data, label)
    return data


def load_constraints(path: str | Path, vocabulary: Vocabulary | None = None) -> Constraints:
    """Load and validate a constraints file (.yaml, .yml, .json or .toml)."""
    data = read_mapping(path)
    if "client" not in data:
        stem = Path(path).stem[: limits.CLIENT_NAME_LENGTH]
        data = {"client": re.sub(r"[^A-Za-z0-9_.\-]", "_", stem) or "client", **data}
    return parse_constraints(data, vocabulary, source=str(path))


def constraints_schema() -> dict[str, Any]:
    """JSON Schema of the constraints file, for editors and for apps that build files. The
    names the bundled tables define (goals, injuries, movement tags and patterns) are listed
    as enums, read when asked for, so an edited table shows in the schema."""
    schema = Constraints.model_json_schema()
    vocab = default_vocabulary()
    props = schema["properties"]
    props["goal"]["enum"] = list(goal_names())
    props["injuries"]["items"] = {"type": "string", "enum": list(default_injuries())}
    avoid = schema["$defs"]["Avoid"]["properties"]
    avoid["tags"]["items"] = {"type": "string", "enum": list(vocab.tags)}
    avoid["patterns"]["items"] = {"type": "string", "enum": list(vocab.patterns)}
    return schema


def resolve_inputs(
    constraints: Constraints | Mapping[str, Any] | str | Path,
    catalog: Catalog | str | Path | None = None,
) -> tuple[Constraints, Catalog]:
    """What every entry point accepts, as validated objects: a Constraints, a mapping or a
    file path; a Catalog, a catalog path or None for the bundled one."""
    if not isinstance(catalog, Catalog):
        catalog = load_catalog(catalog)
    if isinstance(constraints, (str, Path)):
        return load_constraints(constraints, catalog.vocabulary), catalog
    return parse_constraints(constraints, catalog.vocabulary), catalog
