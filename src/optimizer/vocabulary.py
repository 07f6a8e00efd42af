"""Canonical names of muscles, equipment, presets, focuses, days and movement patterns and
tags, read from `models/`.

The vocabulary is a contract with users and other tools (`vocabulary.md`): names are
snake_case; aliases are accepted on input and normalised; anything unknown is an `InputError`
listing the close matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from . import limits
from .errors import InputError, syntax_error, unknown_name
from .resources import models_dir

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_ALIASES: dict[str, str] = {
    **{
        name: day
        for day, name in zip(
            DAYS,
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            strict=True,
        )
    },
    "tues": "tue",
    "weds": "wed",
    "thur": "thu",
    "thurs": "thu",
}
FOCUSES: tuple[str, ...] = ("lower", "push", "pull", "upper", "full")
BODYWEIGHT = "bodyweight"


def normalize(name: str) -> str:
    """Lower-case snake_case, so `Body Only`, `body-only` and `body_only` are one name."""
    return re.sub(r"[\s\-/]+", "_", str(name).strip().lower()).strip("_")


#: the keys of a muscles.yaml `default`
DEFAULT_KEYS = frozenset({"min", "max", "priority"})


class DefaultTarget(NamedTuple):
    """A muscle's target in a file without `targets` (muscles.yaml `default`)."""

    min: float
    max: float
    priority: int


@dataclass(frozen=True)
class Movements:
    """The movement patterns and tags of `movements.yaml`, with what each means."""

    pattern_notes: dict[str, str]
    tag_notes: dict[str, str]
    pattern_aliases: dict[str, str]
    tag_aliases: dict[str, str]


@lru_cache(maxsize=1)
def bundled_movements() -> Movements:
    """The bundled `movements.yaml`, read once: the default of a `Vocabulary` built by hand and
    of a catalog folder that brings muscles.yaml but no movements.yaml."""
    return _read_movements(models_dir() / "movements.yaml")


@dataclass(frozen=True)
class Vocabulary:
    """Everything needed to resolve a name a user typed to the canonical ones."""

    muscles: tuple[str, ...]
    muscle_size: dict[str, int]
    muscle_aliases: dict[str, tuple[str, ...]]
    focuses: dict[str, frozenset[str]]
    equipment: tuple[str, ...]
    equipment_aliases: dict[str, tuple[str, ...]]
    presets: dict[str, frozenset[str]]
    implies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: muscles.yaml `default`: the target of a file without `targets`; a muscle not listed
    #: gets no default target
    default_targets: dict[str, DefaultTarget] = field(default_factory=dict)
    # movements.yaml; the defaults are the bundled file, so a Vocabulary built by hand has them
    patterns: tuple[str, ...] = field(
        default_factory=lambda: tuple(bundled_movements().pattern_notes)
    )
    tags: tuple[str, ...] = field(default_factory=lambda: tuple(bundled_movements().tag_notes))
    pattern_notes: dict[str, str] = field(
        default_factory=lambda: dict(bundled_movements().pattern_notes)
    )
    tag_notes: dict[str, str] = field(default_factory=lambda: dict(bundled_movements().tag_notes))
    pattern_aliases: dict[str, str] = field(
        default_factory=lambda: dict(bundled_movements().pattern_aliases)
    )
    tag_aliases: dict[str, str] = field(
        default_factory=lambda: dict(bundled_movements().tag_aliases)
    )

    # -- muscles ---------------------------------------------------------------------------
    def resolve_muscle(self, name: str, where: str) -> tuple[str, ...]:
        """One name as typed -> one or more canonical muscles (an alias may stand for several)."""
        key = normalize(name)
        if key in self.muscle_size:
            return (key,)
        if key in self.muscle_aliases:
            return self.muscle_aliases[key]
        raise unknown_name(where, "muscle", str(name), self.muscles, self.muscle_aliases)

    def resolve_muscles(self, names: list[str], where: str) -> tuple[str, ...]:
        out: list[str] = []
        for i, name in enumerate(names):
            for muscle in self.resolve_muscle(name, f"{where}[{i}]"):
                if muscle not in out:
                    out.append(muscle)
        return tuple(out)

    # -- equipment -------------------------------------------------------------------------
    def resolve_equipment_item(self, name: str, where: str) -> tuple[str, ...]:
        key = normalize(name)
        if key in self.equipment:
            return (key,)
        if key in self.equipment_aliases:
            return self.equipment_aliases[key]
        raise unknown_name(where, "equipment", str(name), self.equipment, self.equipment_aliases)

    def resolve_equipment(self, names: list[str], where: str) -> frozenset[str]:
        """Names and presets -> the canonical set the client owns (bodyweight and implied added)."""
        owned: set[str] = {BODYWEIGHT}
        for i, name in enumerate(names):
            key = normalize(name)
            if key in self.presets:
                owned |= self.presets[key]
            else:
                try:
                    owned.update(self.resolve_equipment_item(name, f"{where}[{i}]"))
                except InputError as err:
                    raise unknown_name(
                        f"{where}[{i}]",
                        "equipment or preset",
                        str(name),
                        [*self.equipment, *self.presets],
                        self.equipment_aliases,
                    ) from err
        for item in list(owned):
            owned.update(self.implies.get(item, ()))
        return frozenset(owned)

    # -- movement patterns and tags ----------------------------------------------------------
    def resolve_pattern(self, name: str, where: str) -> str:
        """One movement pattern as typed -> its canonical name (an alias is accepted)."""
        key = normalize(name)
        if key in self.patterns:
            return key
        if key in self.pattern_aliases:
            return self.pattern_aliases[key]
        aliases = {k: (v,) for k, v in self.pattern_aliases.items()}
        raise unknown_name(where, "movement pattern", str(name), self.patterns, aliases)

    def resolve_tag(self, name: str, where: str) -> str:
        """One movement tag as typed -> its canonical name (an alias is accepted)."""
        key = normalize(name)
        if key in self.tags:
            return key
        if key in self.tag_aliases:
            return self.tag_aliases[key]
        aliases = {k: (v,) for k, v in self.tag_aliases.items()}
        raise unknown_name(where, "movement tag", str(name), self.tags, aliases)

    def resolve_tags(self, names: list[str], where: str) -> tuple[str, ...]:
        """Tags as typed -> canonical, each named `where[i]` in an error; returned once each in
        the vocabulary's order, so one exercise reads the same however its tags were typed."""
        found = {self.resolve_tag(name, f"{where}[{i}]") for i, name in enumerate(names)}
        return tuple(t for t in self.tags if t in found)

    # -- days and focuses --------------------------------------------------------------------
    @staticmethod
    def resolve_day(name: str, where: str) -> str:
        key = normalize(name)
        if key in DAYS:
            return key
        if key in DAY_ALIASES:
            return DAY_ALIASES[key]
        raise unknown_name(where, "day", str(name), DAYS)

    def resolve_focus(self, name: str, where: str) -> str:
        key = normalize(name)
        if key in self.focuses:
            return key
        raise unknown_name(where, "day focus", str(name), self.focuses)


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise InputError(str(path), "file not found") from err
    except yaml.YAMLError as err:
        raise syntax_error(str(path), "YAML", err) from None
    if not isinstance(data, dict):
        raise InputError(str(path), "expected a mapping at the top level")
    return data


def _section(data: dict, key: str, source: str) -> dict:
    """A required map in a vocabulary file, so a missing one is named instead of a KeyError."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise InputError(f"{source} {key}", "missing, or not a map")
    return value


def _size(entry: object, where: str) -> int:
    """A muscle's size (1 small, 2 medium, 3 large): the default targets' priority and the
    ordering's tie-break. A coach edits muscles.yaml, so a typo is their mistake to be named,
    not an internal error (`size: big` used to end in a ValueError)."""
    if entry is not None and not isinstance(entry, dict):
        raise InputError(where, f"{entry!r} is not a map", hint="write {covers: ..., size: 1-3}")
    value = (entry or {}).get("size", 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3:
        raise InputError(
            f"{where}.size", f"{value!r} is not a size", hint="use 1 (small), 2 or 3 (large)"
        )
    return value


def _default_target(entry: object, where: str, size: int) -> DefaultTarget | None:
    """A muscle's default weekly sets, `{min, max}` and an optional `priority` (its `size`
    without one), checked here because a coach edits it and a typo must name its field
    rather than plan a week against a nonsense target."""
    if not isinstance(entry, dict) or entry.get("default") is None:
        return None
    where = f"{where}.default"
    value = entry["default"]
    hint = (
        "write default: {min: 8, max: 16} (weekly sets; priority: N optional), or leave it out "
        "for no default"
    )
    if not isinstance(value, dict) or not {"min", "max"} <= set(value) <= DEFAULT_KEYS:
        raise InputError(where, f"{value!r} is not a {{min, max[, priority]}} map", hint=hint)
    priority = value.get("priority")
    if priority is not None and (
        isinstance(priority, bool)
        or not isinstance(priority, int)
        or not limits.TARGET_PRIORITY.low <= priority <= limits.TARGET_PRIORITY.high
    ):
        raise InputError(
            f"{where}.priority",
            f"{priority!r} is not a priority",
            hint=f"use a whole number {limits.TARGET_PRIORITY.low}-{limits.TARGET_PRIORITY.high}"
            " (0: capped by max, never aimed at), or leave it out for the muscle's size",
        )
    low, high = value["min"], value["max"]
    for key, number in (("min", low), ("max", high)):
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise InputError(f"{where}.{key}", f"{number!r} is not a number of sets", hint=hint)
        if not limits.TARGET_SETS.low <= number <= limits.TARGET_SETS.high:
            raise InputError(
                f"{where}.{key}",
                f"{number:g} is outside {limits.TARGET_SETS.low}-{limits.TARGET_SETS.high} sets",
                hint=hint,
            )
    if low > high or high == 0:
        raise InputError(where, f"min {low:g} and max {high:g} hold no sets", hint=hint)
    return DefaultTarget(float(low), float(high), size if priority is None else priority)


def _names(section: dict, source: str, key: str) -> dict[str, str]:
    """name -> one-line description; a name must already be snake_case (it is a contract, and a
    silently normalised key would make two spellings of one name in the file)."""
    out: dict[str, str] = {}
    for raw, note in section.items():
        name = normalize(raw)
        if not name or name != str(raw):
            raise InputError(f"{source} {key}.{raw}", "a name must be snake_case")
        if not isinstance(note, str) or not note.strip():
            raise InputError(f"{source} {key}.{raw}", "needs a one-line description")
        out[name] = " ".join(note.split())
    return out


def _read_movements(path: Path) -> Movements:
    data = _load_yaml(path)
    source = path.name
    patterns = _names(_section(data, "patterns", source), source, "patterns")
    tags = _names(_section(data, "tags", source), source, "tags")
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise InputError(f"{source} aliases", "not a map")

    def check(kind: str, names: dict[str, str], label: str) -> dict[str, str]:
        section = aliases.get(kind) or {}
        if not isinstance(section, dict):
            raise InputError(f"{source} aliases.{kind}", "not a map")
        out: dict[str, str] = {}
        for alias, target in section.items():
            if normalize(target) not in names:
                raise unknown_name(f"{source} aliases.{kind}.{alias}", label, target, names)
            out[normalize(alias)] = normalize(target)
        return out

    return Movements(
        pattern_notes=patterns,
        tag_notes=tags,
        pattern_aliases=check("patterns", patterns, "movement pattern"),
        tag_aliases=check("tags", tags, "movement tag"),
    )


def load_vocabulary(folder: Path | None = None) -> Vocabulary:
    """Read `muscles.yaml`, `equipment.yaml` and `movements.yaml` from a folder (default: the
    bundled models/); a folder without `movements.yaml` uses the bundled one."""
    if folder is None:
        return default_vocabulary()
    return _read_vocabulary(Path(folder))


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The bundled vocabulary, read once: it is immutable, so caching it is not shared state."""
    return _read_vocabulary(models_dir())


def _read_vocabulary(folder: Path) -> Vocabulary:
    mdata = _load_yaml(folder / "muscles.yaml")
    edata = _load_yaml(folder / "equipment.yaml")
    entries = _section(mdata, "muscles", "muscles.yaml")
    muscles = {normalize(k): _size(v, f"muscles.yaml muscles.{k}") for k, v in entries.items()}
    names = tuple(muscles)
    default_targets = {
        normalize(k): target
        for k, v in entries.items()
        if (target := _default_target(v, f"muscles.yaml muscles.{k}", muscles[normalize(k)]))
        is not None
    }

    def check_muscles(items: list[str], where: str) -> tuple[str, ...]:
        for item in items:
            if item not in muscles:
                raise unknown_name(where, "muscle", item, names)
        return tuple(items)

    maliases = {
        normalize(k): check_muscles(v, f"muscles.yaml aliases.{k}")
        for k, v in (mdata.get("aliases") or {}).items()
    }
    focuses = {
        normalize(k): frozenset(check_muscles(v, f"muscles.yaml focuses.{k}"))
        for k, v in _section(mdata, "focuses", "muscles.yaml").items()
    }
    for focus in FOCUSES:
        if focus not in focuses:
            raise InputError("muscles.yaml focuses", f"missing the focus {focus!r}")

    equipment = tuple(
        dict.fromkeys(
            normalize(item)
            for group in _section(edata, "equipment", "equipment.yaml").values()
            for item in group
        )
    )
    if BODYWEIGHT not in equipment:
        equipment = (*equipment, BODYWEIGHT)

    def check_items(items: list[str], where: str) -> tuple[str, ...]:
        for item in items:
            if item not in equipment:
                raise unknown_name(where, "equipment", item, equipment)
        return tuple(items)

    ealiases = {
        normalize(k): check_items(v, f"equipment.yaml aliases.{k}")
        for k, v in (edata.get("aliases") or {}).items()
    }
    presets: dict[str, frozenset[str]] = {}
    for key, items in (edata.get("presets") or {}).items():
        if items == ["all"]:
            presets[normalize(key)] = frozenset(equipment)
        else:
            presets[normalize(key)] = frozenset(check_items(items, f"equipment.yaml presets.{key}"))
    implies = {
        normalize(k): check_items(v, f"equipment.yaml implies.{k}")
        for k, v in (edata.get("implies") or {}).items()
    }
    own = folder / "movements.yaml"
    movements = _read_movements(own) if own.is_file() else bundled_movements()
    return Vocabulary(
        muscles=names,
        muscle_size=muscles,
        muscle_aliases=maliases,
        focuses=focuses,
        equipment=equipment,
        equipment_aliases=ealiases,
        presets=presets,
        implies=implies,
        default_targets=default_targets,
        patterns=tuple(movements.pattern_notes),
        tags=tuple(movements.tag_notes),
        pattern_notes=dict(movements.pattern_notes),
        tag_notes=dict(movements.tag_notes),
        pattern_aliases=dict(movements.pattern_aliases),
        tag_aliases=dict(movements.tag_aliases),
    )
