"""Training goals: rep ranges, rest and reps in reserve per intensity tier (`models/goals.yaml`).

A goal changes what each exercise prescribes, and so how long its sets take: the planner
solves on the prescribed exercises (`prescribed_catalog`), the validator recomputes the same
prescription from the table and the file, and the handouts print it. Kept free of solver
imports; the table is data a coach may edit, checked on load with the goal, tier and field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from . import limits
from .catalog import COMPOUND_INTENSITIES, ISOLATION_INTENSITIES, Catalog, Exercise
from .errors import InputError
from .resources import models_dir
from .safe_input import loads_yaml

#: The goal a file without `goal:` gets: the catalog's own ranges are written for it.
DEFAULT_GOAL = "hypertrophy"
TIERS: tuple[int, ...] = (*ISOLATION_INTENSITIES, *COMPOUND_INTENSITIES)
#: A catalog exercise with this many seconds per rep is timed (a hold or a carry: its reps are
#: seconds), so a goal's rep range would be meaningless for it and its own range stays.
TIMED_SECONDS_PER_REP = 1


class RepRange(BaseModel):
    """A coach's prescription for one exercise (a file's `rep_ranges` entry), over the goal's
    and the catalog's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reps: tuple[int, int] = Field(description="[fewest, most] reps per working set.")
    rest: int | None = Field(default=None, description="Seconds after each set; none: the goal's.")


@dataclass(frozen=True)
class Scheme:
    """What one intensity tier prescribes; None keeps the exercise's catalog value."""

    reps: tuple[int, int] | None
    rest_seconds: int | None
    rir: tuple[int, int]
    #: coach-value points per working set of this tier (taste.set_points): negative where a
    #: tier's fatigue outweighs what it trains (heavy axial lifts for size), positive where the
    #: tier is what the goal trains (the main lifts for strength)
    points: int = 0


@dataclass(frozen=True)
class Goal:
    name: str
    description: str
    tiers: Mapping[int, Scheme]

    def scheme(self, ex: Exercise) -> Scheme:
        return self.tiers[ex.intensity]


def _pair(value: Any, where: str, low: int, high: int) -> tuple[int, int]:
    """A [fewest, most] pair of whole numbers within [low, high]."""
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise InputError(where, f"expected [fewest, most] whole numbers, got {value!r}")
    a, b = value
    if not low <= a <= b <= high:
        raise InputError(where, f"{value!r} is not {low} <= fewest <= most <= {high}")
    return (a, b)


def _scheme(raw: Any, where: str) -> Scheme:
    if not isinstance(raw, dict):
        raise InputError(where, "expected a map of reps, rest and rir")
    unknown = set(raw) - {"reps", "rest", "rir", "points"}
    if unknown:
        raise InputError(
            f"{where}.{sorted(unknown)[0]}", "unknown field", "use reps, rest, rir, points"
        )
    points = raw.get("points", 0)
    if (
        not isinstance(points, int)
        or isinstance(points, bool)
        or not limits.SET_POINTS.holds(points)
    ):
        raise InputError(
            f"{where}.points", f"{points!r} is not a whole number, {limits.SET_POINTS.text}"
        )
    if "rir" not in raw:
        raise InputError(f"{where}.rir", "missing", "every tier names its reps in reserve")
    reps = (
        _pair(raw["reps"], f"{where}.reps", *limits.REPS) if raw.get("reps") is not None else None
    )
    rest = raw.get("rest")
    if rest is not None and (
        not isinstance(rest, int) or isinstance(rest, bool) or not limits.REST_SECONDS.holds(rest)
    ):
        raise InputError(
            f"{where}.rest", f"{rest!r} is not whole seconds, {limits.REST_SECONDS.text}"
        )
    return Scheme(reps, rest, _pair(raw["rir"], f"{where}.rir", 0, 10), points)


def parse_goals(data: Any, source: str) -> dict[str, Goal]:
    """The goals table of `data` (the YAML's content), every tier of every goal checked."""
    goals = data.get("goals") if isinstance(data, dict) else None
    if not isinstance(goals, dict) or not goals:
        raise InputError(f"{source} goals", "missing, or not a map of goals")
    out: dict[str, Goal] = {}
    for name, spec in goals.items():
        where = f"{source} goals.{name}"
        if not isinstance(spec, dict) or not isinstance(spec.get("tiers"), dict):
            raise InputError(f"{where}.tiers", "missing, or not a map of intensity tiers")
        tiers = spec["tiers"]
        missing = [t for t in TIERS if t not in tiers]
        if missing:
            raise InputError(f"{where}.tiers", f"missing tier {missing[0]}", "give tiers 1 to 5")
        extra = [t for t in tiers if t not in TIERS]
        if extra:
            raise InputError(f"{where}.tiers.{extra[0]}", "unknown tier", "tiers are 1 to 5")
        out[str(name)] = Goal(
            str(name),
            str(spec.get("description") or "").strip(),
            {t: _scheme(tiers[t], f"{where}.tiers.{t}") for t in TIERS},
        )
    if DEFAULT_GOAL not in out:
        raise InputError(f"{source} goals", f"missing the default goal {DEFAULT_GOAL!r}")
    return out


@lru_cache(maxsize=1)
def default_goals() -> dict[str, Goal]:
    """The bundled table, read once per process: it is immutable."""
    path = models_dir() / "goals.yaml"
    return parse_goals(loads_yaml(path.read_text(encoding="utf-8"), str(path)), path.name)


def goal_names() -> tuple[str, ...]:
    return tuple(default_goals())


def prescribe(ex: Exercise, goal: Goal, override: RepRange | None = None) -> Exercise:
    """The exercise as this goal prescribes it: its rep range and rest (a file's `rep_ranges`
    entry first, then the goal's tier, then the catalog's). Everything else, the time formula
    included, stays the catalog's, so the time budget covers what is printed."""
    scheme = goal.scheme(ex)
    reps = None if ex.seconds_per_rep == TIMED_SECONDS_PER_REP else scheme.reps
    rest = scheme.rest_seconds
    if override is not None:
        reps = override.reps
        rest = override.rest if override.rest is not None else rest
    update: dict[str, Any] = {}
    if reps is not None and reps != ex.reps:
        update["reps_min"], update["reps_max"] = reps
    if rest is not None and rest != ex.rest_seconds:
        update["rest_seconds"] = rest
    return ex.model_copy(update=update) if update else ex


def prescribed_catalog(catalog: Catalog, goal: Goal, rep_ranges: Mapping[str, RepRange]) -> Catalog:
    """`catalog` with every exercise as prescribed; the same object when nothing changes."""
    exercises = [prescribe(ex, goal, rep_ranges.get(ex.id)) for ex in catalog]
    if all(a is b for a, b in zip(exercises, catalog.exercises, strict=True)):
        return catalog
    return Catalog(exercises, catalog.vocabulary, source=catalog.source)


def prescribed_for(catalog: Catalog, goal: str, rep_ranges: Mapping[str, RepRange]) -> Catalog:
    """The catalog as a file's `goal` and `rep_ranges` prescribe it (ids in `rep_ranges` are
    checked against the catalog here, where the catalog is known)."""
    ranges = {
        catalog.resolve_id(name, f"rep_ranges.{name}"): value for name, value in rep_ranges.items()
    }
    return prescribed_catalog(catalog, default_goals()[goal], ranges)


def rir_for(ex: Exercise, goal: str) -> tuple[int, int]:
    """Target reps in reserve of `ex`'s working sets under `goal`."""
    return default_goals()[goal].scheme(ex).rir
