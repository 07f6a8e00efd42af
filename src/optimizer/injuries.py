"""Injury shorthands (`injuries: [shoulder]`): movement tags and patterns to avoid, from
`models/injuries.yaml`, a table a coach or physio may edit. No solver imports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import InputError, unknown_name
from .resources import models_dir
from .safe_input import loads_yaml
from .vocabulary import Vocabulary, default_vocabulary, normalize


@dataclass(frozen=True)
class Injury:
    name: str
    description: str
    tags: tuple[str, ...]
    patterns: tuple[str, ...]


def parse_injuries(data: Any, source: str, vocabulary: Vocabulary) -> dict[str, Injury]:
    """The injuries table of `data`, every tag and pattern resolved against `vocabulary`."""
    table = data.get("injuries") if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table:
        raise InputError(f"{source} injuries", "missing, or not a map of injuries")
    out: dict[str, Injury] = {}
    for raw_name, spec in table.items():
        name = normalize(str(raw_name))
        where = f"{source} injuries.{raw_name}"
        if not isinstance(spec, dict):
            raise InputError(where, "expected a map of description, tags and patterns")
        unknown = set(spec) - {"description", "tags", "patterns"}
        if unknown:
            raise InputError(
                f"{where}.{sorted(unknown)[0]}", "unknown field", "use description, tags, patterns"
            )
        lists: dict[str, tuple[str, ...]] = {}
        for key, resolve in (
            ("tags", vocabulary.resolve_tag),
            ("patterns", vocabulary.resolve_pattern),
        ):
            items = spec.get(key) or []
            if not isinstance(items, list):
                raise InputError(f"{where}.{key}", "expected a list")
            lists[key] = tuple(resolve(str(v), f"{where}.{key}[{i}]") for i, v in enumerate(items))
        if not lists["tags"] and not lists["patterns"]:
            raise InputError(where, "names no tag and no pattern", "list what to avoid")
        out[name] = Injury(
            name, str(spec.get("description") or "").strip(), lists["tags"], lists["patterns"]
        )
    return out


@lru_cache(maxsize=1)
def default_injuries() -> dict[str, Injury]:
    """The bundled table, read once per process: it is immutable."""
    path = models_dir() / "injuries.yaml"
    data = loads_yaml(path.read_text(encoding="utf-8"), str(path))
    return parse_injuries(data, path.name, default_vocabulary())


def injury(name: str, where: str) -> Injury:
    table = default_injuries()
    if name not in table:
        raise unknown_name(where, "injury", name, table)
    return table[name]
