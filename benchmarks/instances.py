"""A seeded set of benchmark clients: constraints dicts, saved and loaded as JSONL.

Each client is drawn from its own stream (`seed`, index), so a subset (`--quick`) holds the same
clients as the full set, and the shape of client i (days, minutes, equipment, targets, rules)
is the same on every catalog. Only the exercise ids in `avoid.exercises` and `require` are
drawn from the catalog at hand, from a second stream, among exercises the client can really
use and place; a requirement is kept only if the greedy heuristic can build a week with it,
so every instance has a valid week (no benchmark time goes to infeasible files).

    python benchmarks/instances.py [--catalog default|free_exercise_db] [--count 120]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from optimizer import load_catalog
from optimizer.catalog import Catalog
from optimizer.constraints import parse_constraints
from optimizer.errors import NoProgramError
from optimizer.greedy import greedy_assignment
from optimizer.problem import build_problem, prechecks
from optimizer.vocabulary import DAYS

HERE = Path(__file__).resolve().parent
INSTANCE_DIR = HERE / "instances"
SEED = 20261124
COUNT = 120
PRESETS = ("commercial_gym", "home_gym", "dumbbells_only", "bodyweight_only")
FOCUSES = ("lower", "push", "pull", "upper", "full")
SPARED = ("lower_back", "front_delts", "forearms", "traps", "adductors", "obliques", "calves")


FREE_EXERCISE_DB = HERE.parents[1] / "shared" / "data" / "free-exercise-db" / "exercises.json"


class CatalogUnavailable(Exception):
    """The imported catalog cannot be built here (importer or data missing)."""


def named_catalog(name: str, source: Path = FREE_EXERCISE_DB) -> Catalog:
    """`default` (the bundled catalog) or `free_exercise_db` (the 873-exercise public-domain
    list, converted by `optimizer.importers`)."""
    if name == "default":
        return load_catalog()
    if name != "free_exercise_db":
        raise ValueError(f"unknown catalog {name!r}")
    try:
        from optimizer.importers import import_free_exercise_db
    except ImportError as err:
        raise CatalogUnavailable(f"optimizer.importers is not importable: {err}") from err
    if not source.exists():
        raise CatalogUnavailable(f"{source} not found")
    exercises, _report = import_free_exercise_db(source)
    return Catalog(exercises, load_catalog().vocabulary, source=str(source))


def _targets(rng: random.Random, muscles: tuple[str, ...]) -> dict[str, Any] | None:
    """Random goals on 3-12 muscles; about one client in seven keeps the default (all 19)."""
    if rng.random() < 0.15:
        return None
    out: dict[str, Any] = {}
    for muscle in rng.sample(muscles, rng.randint(3, 12)):
        low = rng.choice((4, 6, 8, 10, 12, 14, 16))
        spec: dict[str, Any] = {"min": low, "priority": rng.choice((1, 1, 2, 2, 3))}
        if rng.random() < 0.05:
            spec["priority"] = 0
        if rng.random() < 0.6:
            spec["max"] = low + rng.choice((4, 6, 8, 10))
        out[muscle] = spec
    return out


def shape(index: int, muscles: tuple[str, ...], equipment: tuple[str, ...]) -> dict[str, Any]:
    """Client `index` without catalog-specific exercise ids."""
    rng = random.Random(f"{SEED}-{index}")
    days = sorted(rng.sample(DAYS, rng.randint(2, 6)), key=DAYS.index)
    c: dict[str, Any] = {"client": f"bench_{index:03d}", "days": days}
    if rng.random() < 0.2:
        c["session_minutes"] = {d: rng.randrange(20, 121, 5) for d in days}
    else:
        c["session_minutes"] = rng.randrange(20, 121, 5)
    c["warmup_minutes"] = rng.choice((0, 5, 5, 10))
    items = [PRESETS[index % len(PRESETS)]]
    if rng.random() < 0.25:
        items += rng.sample([e for e in equipment if e != "bodyweight"], rng.randint(1, 2))
    c["equipment"] = items
    c["experience"] = rng.choice(("beginner", "intermediate", "advanced"))
    targets = _targets(rng, muscles)
    if targets is not None:
        c["targets"] = targets
    c["ordering"] = rng.choices(("pre_exhaust", "compound_first", "free"), (8, 1, 1))[0]
    c["recovery_hours"] = rng.choice((24, 48, 48, 48, 72))
    if rng.random() < 0.25:
        c["split"] = {d: rng.choice(FOCUSES) for d in days}
    if rng.random() < 0.2:
        c["sets_per_exercise"] = rng.choice(([1, 4], [3, 5], [2, 4], [3, 6]))
    if rng.random() < 0.2:
        c["max_muscle_sets_per_session"] = rng.choice((6, 8, 12))
    if rng.random() < 0.3:
        c["avoid"] = {"muscles": [rng.choice(SPARED)]}
    return c


def _placeable(c: dict[str, Any], catalog: Catalog) -> list[str]:
    """Ids this client can use and fit on some day at the minimum sets."""
    data = build_problem(parse_constraints(c, catalog.vocabulary), catalog)
    low = data.sets_min
    return sorted(
        {
            ex.id
            for d in data.days
            for ex in data.candidates[d]
            if ex.seconds(low) <= data.budget_seconds[d] // 2
        }
    )


def _builds(c: dict[str, Any], catalog: Catalog) -> bool:
    data = build_problem(parse_constraints(c, catalog.vocabulary), catalog)
    if prechecks(data):
        return False
    try:
        greedy_assignment(data)
    except NoProgramError:
        return False
    return True


def instance(index: int, catalog: Catalog) -> dict[str, Any]:
    """Client `index` on `catalog`: the shape plus avoided and required ids that stay usable."""
    vocab = catalog.vocabulary
    c = shape(index, vocab.muscles, vocab.equipment)
    rng = random.Random(f"{SEED}-{index}-ids")
    wants_avoid = rng.random() < 0.3
    wants_require = rng.random() < 0.3
    usable = _placeable(c, catalog)
    if wants_avoid and len(usable) > 10:
        c.setdefault("avoid", {})["exercises"] = rng.sample(usable, rng.randint(1, 3))
        usable = [i for i in usable if i not in c["avoid"]["exercises"]]
    if wants_require and usable:
        for _ in range(5):
            trial = {**c, "require": rng.sample(usable, min(len(usable), rng.randint(1, 2)))}
            if _builds(trial, catalog):
                c = trial
                break
    return c


def generate(catalog: Catalog, count: int = COUNT) -> list[dict[str, Any]]:
    return [instance(i, catalog) for i in range(count)]


def path_for(name: str) -> Path:
    return INSTANCE_DIR / f"{name}.jsonl"


def save(instances: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(c, sort_keys=True) + "\n" for c in instances))


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def load_or_generate(name: str, catalog: Catalog, count: int = COUNT) -> list[dict[str, Any]]:
    """The saved set when it exists (reproducible across code changes), else a new one."""
    path = path_for(name)
    if path.exists():
        saved = load(path)
        if len(saved) >= count:
            return saved[:count]
    made = generate(catalog, count)
    save(made, path)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", default="default", help="default or free_exercise_db")
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args()
    catalog = named_catalog(args.catalog)
    made = generate(catalog, args.count)
    save(made, path_for(args.catalog))
    print(f"wrote {len(made)} clients to {path_for(args.catalog)}")


if __name__ == "__main__":
    main()
