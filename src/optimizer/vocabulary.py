"""Canonical names of muscles, equipment, presets, focuses and days, read from `models/`.

The vocabulary is a contract with users and other tools (`vocabulary.md`): names are
snake_case; aliases are accepted on input and normalised; anything unknown is an `InputError`
listing the close matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

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


def load_vocabulary(folder: Path | None = None) -> Vocabulary:
    """Read `muscles.yaml` and `equipment.yaml` from a folder (default: the bundled models/)."""
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
    muscles = {
        normalize(k): int((v or {}).get("size", 1))
        for k, v in _section(mdata, "muscles", "muscles.yaml").items()
    }
    names = tuple(muscles)

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
    return Vocabulary(
        muscles=names,
        muscle_size=muscles,
        muscle_aliases=maliases,
        focuses=focuses,
        equipment=equipment,
        equipment_aliases=ealiases,
        presets=presets,
        implies=implies,
    )
