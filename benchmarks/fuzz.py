"""The long fuzz campaign of issue 16: hostile API inputs and files, each under a memory and
time cap, counted by outcome.

    python benchmarks/fuzz.py                  # 10,000 API inputs + 1,000 files, ~10 min
    python benchmarks/fuzz.py --quick          # 500 + 100, about a minute
    python benchmarks/fuzz.py --api 2000 --files 300 --seed 7 --processes 2
    python benchmarks/fuzz.py --replay api:1234 --seed 0   # rerun one input, full traceback

What it measures: whether every failure a caller can cause ends inside the error contract
(`optimizer.errors`): a program, or a `PreExhaustError` (counted by `code`) whose message is at
most 300 characters. Anything else is counted as a bug:

- `long message`: a contract error with a line of `str()` over 300 characters (an infeasible
  error lists its reasons one per line; `preexhaust check`'s `error: ` prefix is not counted);
- `other exception`: any exception outside the contract (printed with its type, a short repr
  of the input and the traceback's last line);
- `crash (memory)`: the worker died (killed, or MemoryError under the address-space cap);
- `hang`: no answer within the wall-clock cap (the worker is killed and restarted).

Inputs:

- API: the constraint mappings of examples/*.yaml and examples/coach/*.yaml, mutated one to
  four times (wrong types, huge/negative/NaN/inf numbers, 10**5000, long strings, unicode,
  deep nesting, unknown fields, empty lists, duplicated days, random muscle and exercise names,
  shared-list bombs, ...), and one in ten drawn from scratch. Each goes to
  `optimizer.plan(mapping, time_limit=0.2, workers=1)` (about 10 minutes for 10,000 on 2
  cores); with `--solve-every N` only every Nth does, the others go to what `plan` does before
  the solve (`parse_constraints` + `build_problem` + `prechecks`), 5 times faster. Every 10th
  infeasible one also goes to `optimizer.explain_infeasible` (0.5 s per solve).
- Files: the examples as YAML, JSON and TOML text, mutated (cut, bytes flipped or spliced,
  junk, BOMs, alias bombs, deep nesting, 5000-digit numbers, huge files, binary junk, empty
  files), plus special paths (a FIFO, a symlink to /dev/zero, a folder, a 300-character name,
  a missing file). Each goes to `optimizer.load_constraints`; every 20th also to
  `preexhaust check FILE` in a subprocess (exit 1 or a traceback there is a bug).

Every input is generated inside the worker from (seed, kind, index), so nothing deep is
pickled and any input can be replayed alone with `--replay`. Each worker is a persistent
process under `RLIMIT_AS` (1.5 GB by default) that takes inputs one by one; the parent waits
at most `--timeout` seconds (20) per input. At most `--processes` workers (default 2).

Prints the counts as a Markdown table and writes it to benchmarks/results/fuzz.md (or
fuzz-quick.md with --quick).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime
import json
import multiprocessing as mp
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/coach/*.yaml")])
RESULTS = ROOT / "benchmarks" / "results"
MESSAGE_LIMIT = 300
EXPLAIN_EVERY = 10  # every 10th infeasible API input also goes to explain_infeasible
CLI_EVERY = 20  # every 20th file also goes to `preexhaust check`

# -- input generators ---------------------------------------------------------------------------

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FIELDS = [
    "client",
    "days",
    "session_minutes",
    "warmup_minutes",
    "equipment",
    "experience",
    "targets",
    "avoid",
    "require",
    "split",
    "recovery_hours",
    "sets_per_exercise",
    "exercises_per_session",
    "solver",
    "time_limit",
    "workers",
    "seed",
    "log",
    "min",
    "max",
    "priority",
    "exercises",
    "muscles",
]
UNICODE = [
    "é",
    "ß",
    "日本語",
    "🏋️",
    "\u202e",
    "\u200b",
    "\x00",
    "\ud7ff",
    "Ω≈ç√",
    "\n",
    "\r\n",
    "\t",
    "'",
    '"',
    "\\",
    "%s",
    "{0}",
    "<script>",
    "=HYPERLINK(1)",
    "|",
]


def example_mappings() -> list[dict[str, Any]]:
    """The valid example constraint mappings the mutations start from."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in EXAMPLES]


def _names() -> dict[str, list[str]]:
    try:
        from optimizer import load_catalog

        catalog = load_catalog()
        v = catalog.vocabulary
        return {
            "muscles": list(v.muscles),
            "equipment": [*v.equipment, *v.presets],
            "exercises": list(catalog.ids)[:400],
            "focuses": list(v.focuses),
        }
    except Exception:  # the generators must not depend on the library working
        return {
            "muscles": ["chest", "quads"],
            "equipment": ["commercial_gym"],
            "exercises": ["barbell_bench_press"],
            "focuses": ["push"],
        }


_NAMES: dict[str, list[str]] | None = None


def names() -> dict[str, list[str]]:
    global _NAMES
    if _NAMES is None:
        _NAMES = _names()
    return _NAMES


def random_text(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return ""
    if kind == 1:
        return rng.choice("x9[&*é日") * rng.choice([1, 50, 101, 301, 2001, 100_000, 1_000_000])
    if kind == 2:
        return "".join(rng.choice(UNICODE) for _ in range(rng.randrange(1, 6)))
    if kind == 3:
        return "".join(chr(rng.randrange(1, 0x2FFFF)) for _ in range(rng.randrange(1, 30)))
    if kind == 4:
        return rng.choice([*DAYS, "monday", "MON", "Mon", "mond", "1", "day1", "weekend"])
    if kind == 5:
        return rng.choice(names()["muscles"] + names()["focuses"] + ["auto", "2-5", "full"])
    if kind == 6:
        return rng.choice(names()["exercises"] + names()["equipment"])
    return rng.choice(FIELDS) + rng.choice(["", "_", "s", "-1", " "])


def random_number(rng: random.Random) -> Any:
    return rng.choice(
        [
            0,
            -1,
            1,
            2,
            7,
            60,
            301,
            -(10**6),
            10**15,
            10**15 + 1,
            10**30,
            10**5000,
            -(10**5000),
            2**63,
            0.5,
            -0.0,
            1e-300,
            1e308,
            float("nan"),
            float("inf"),
            float("-inf"),
            rng.randint(-1000, 1000),
            rng.uniform(-100, 400),
            True,
            False,
        ]
    )


def nested(depth: int, leaf: Any, kind: str = "list") -> Any:
    for _ in range(depth):
        leaf = [leaf] if kind == "list" else {"x": leaf}
    return leaf


def random_leaf(rng: random.Random) -> Any:
    kind = rng.randrange(6)
    if kind == 0:
        return None
    if kind in (1, 2):
        return random_number(rng)
    return random_text(rng)


def random_value(rng: random.Random, depth: int = 0) -> Any:
    """A random value: a leaf, a list or a map, sometimes very deep, long or shared."""
    kind = rng.randrange(12)
    if kind < 5 or depth > 3:
        return random_leaf(rng)
    if kind == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 6))]
    if kind == 6:
        return {
            random_text(rng)[:40]: random_value(rng, depth + 1) for _ in range(rng.randrange(6))
        }
    if kind == 7:
        return nested(
            rng.choice([25, 100, 600, 3000]), random_leaf(rng), rng.choice(["list", "map"])
        )
    if kind == 8:
        return [random_leaf(rng)] * rng.choice([0, 501, 5000, 200_000])
    if kind == 9:  # a shared-list bomb: few objects, 9**9 leaves when walked
        bomb: Any = ["x"] * 9
        for _ in range(rng.randrange(3, 10)):
            bomb = [bomb] * 9
        return bomb
    if kind == 10:
        return [random_text(rng)[:120] for _ in range(rng.randrange(1, 30))]
    return rng.choice([[], {}, "", set(), (), b"bytes", object(), 3j, range(5)])


def random_target(rng: random.Random) -> Any:
    kind = rng.randrange(4)
    if kind == 0:
        return random_number(rng)
    if kind == 1:
        lo = rng.choice([0, 2, 6, 10, 20, 150, 300, -3, 10**40])
        return {
            "min": lo,
            "max": rng.choice([lo, lo + 4, lo - 2, None]),
            "priority": rng.randint(0, 5),
        }
    if kind == 2:
        return {rng.choice(["min", "max", "priority", "bogus"]): random_value(rng, 2)}
    return random_value(rng, 2)


def _paths(value: Any) -> list[tuple[Any, ...]]:
    """Paths into a mapping (up to 300, 6 levels deep; shared and deep values not walked)."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while stack and len(found) < 300:
        item, prefix = stack.pop()
        found.append(prefix)
        if len(prefix) >= 6:
            continue
        if isinstance(item, dict):
            stack += [(v, (*prefix, k)) for k, v in list(item.items())[:50]]
        elif isinstance(item, list) and len(item) < 50:
            stack += [(v, (*prefix, i)) for i, v in enumerate(item)]
    return found


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return doc


def mutate(rng: random.Random, doc: dict[str, Any]) -> Any:
    """One mutation of a constraint mapping (the mapping is changed in place and returned)."""
    kind = rng.randrange(14)
    paths = [p for p in _paths(doc) if p]
    if kind == 0 and paths:  # replace any value by a random one
        return _set(doc, rng.choice(paths), random_value(rng))
    if kind == 1 and paths:  # replace a value by a hostile number
        return _set(doc, rng.choice(paths), random_number(rng))
    if kind == 2 and paths:  # delete a key or an item
        path = rng.choice(paths)
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]
        return doc
    if kind == 3:  # an unknown field, top level or nested
        where = (
            doc
            if rng.random() < 0.6 or not isinstance(doc.get("targets"), dict)
            else doc["targets"]
        )
        where[random_text(rng)[:200] or "x"] = random_value(rng)
        return doc
    if kind == 4:  # days: duplicated, unknown, empty, too many
        doc["days"] = rng.choice(
            [
                ["mon", "mon"],
                [],
                DAYS * 3,
                [random_text(rng)[:50] for _ in range(rng.randrange(1, 5))],
                "mon,wed,fri",
                rng.sample(DAYS, rng.randint(1, 7)),
                [1, 2, 3],
            ]
        )
        return doc
    if kind == 5:  # targets with random muscle names and numbers
        muscles = names()["muscles"] + [random_text(rng)[:60]]
        doc["targets"] = {
            rng.choice(muscles): random_target(rng) for _ in range(rng.randrange(0, 12))
        }
        return doc
    if kind == 6:  # require / avoid with random exercise and muscle names
        pool = names()["exercises"] + [random_text(rng)[:60] for _ in range(3)]
        field = rng.choice(["require", "avoid"])
        picks = [rng.choice(pool) for _ in range(rng.randrange(0, 8))]
        if field == "avoid":
            doc["avoid"] = {rng.choice(["exercises", "muscles", "tags", "x"]): picks}
        else:
            doc["require"] = picks
        return doc
    if kind == 7:  # equipment: empty, random, a string
        doc["equipment"] = rng.choice(
            [[], [rng.choice(names()["equipment"])], "commercial_gym", [random_text(rng)[:60]]]
        )
        return doc
    if kind == 8:  # a plausible change of a number field (feasible or infeasible weeks)
        field = rng.choice(
            [
                "session_minutes",
                "warmup_minutes",
                "recovery_hours",
                "sets_per_exercise",
                "exercises_per_session",
            ]
        )
        doc[field] = rng.choice([0, 1, 10, 15, 20, 45, 60, 90, 120, 168, 300, 301, -5])
        return doc
    if kind == 9:  # the solver block
        doc["solver"] = {
            rng.choice(
                ["time_limit", "workers", "seed", "log", "relative_gap", "bogus"]
            ): random_value(rng)
        }
        return doc
    if kind == 10:  # swap a field's type: list <-> string <-> map
        if paths:
            path = rng.choice(paths)
            parent = doc
            for key in path[:-1]:
                parent = parent[key]
            old = parent[path[-1]]
            if isinstance(old, list):
                texts = [describe(item, 200) for item in old]  # str() of a deep list recurses
                new: Any = ",".join(texts) if rng.random() < 0.5 else dict.fromkeys(texts, 1)
            elif isinstance(old, dict):
                new = list(old)
            else:
                new = [old]
            parent[path[-1]] = new
        return doc
    if kind == 11:  # deep nesting under a known field
        doc[rng.choice(FIELDS[:14])] = nested(rng.choice([19, 21, 200, 990, 5000]), "x")
        return doc
    if kind == 12:  # the whole document another type
        return rng.choice([None, [], "x" * 300, "days: [mon]", 3, [doc], {"": doc}])
    doc["client"] = random_text(rng)  # a hostile client name
    return doc


def api_input(seed: int, index: int, bases: list[dict[str, Any]]) -> Any:
    """The API input number `index` of a campaign: a mutated example or a random mapping."""
    rng = random.Random(f"{seed}:api:{index}")
    if rng.random() < 0.1:
        doc: Any = {
            random_text(rng)[:30] if rng.random() < 0.3 else rng.choice(FIELDS): random_value(rng)
            for _ in range(rng.randrange(0, 8))
        }
        if rng.random() < 0.7:
            doc["days"] = rng.sample(DAYS, rng.randint(1, 4))
        return doc
    doc = copy.deepcopy(rng.choice(bases))
    for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3, 4])):
        if not isinstance(doc, dict):
            break
        doc = mutate(rng, doc)
    return doc


# -- files --------------------------------------------------------------------------------------


def alias_bomb(rng: random.Random) -> str:
    levels = ["&a0 [x,x,x,x,x,x,x,x,x]"]
    levels += [f"&a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    body = "[" + ", ".join(levels) + "]"
    key = rng.choice(["require", "equipment", "targets", "avoid", "days", "<<"])
    if key == "targets":
        return f"days: [mon]\ntargets: {{chest: {body}}}\n"
    if key == "avoid":
        return f"days: [mon]\navoid: {{exercises: {body}}}\n"
    return f"days: [mon]\n{key}: {body}\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items())
            + "}"
        )
    return json.dumps(str(value))


def small(doc: Any, budget: int = 200_000) -> bool:
    """Whether `doc` serialises to at most about `budget` characters (walked, not expanded)."""
    stack = [doc]
    while stack:
        item = stack.pop()
        budget -= len(item) if isinstance(item, (str, bytes)) else 8
        if budget < 0:
            return False
        if isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple)):
            stack += item
    return True


def to_text(doc: Any, suffix: str) -> str:
    if not small(doc):
        return describe(doc, 5000)
    if suffix == ".json":
        return json.dumps(doc)
    if suffix == ".toml" and isinstance(doc, dict):
        return "\n".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in doc.items()) + "\n"
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def _deep_text(suffix: str, depth: int) -> str:
    if suffix == ".json":
        return '{"days": ["mon"], "require": ' + "[" * depth + '"x"' + "]" * depth + "}"
    if suffix == ".toml":
        return 'days = ["mon"]\nrequire = ' + "[" * depth + '"x"' + "]" * depth + "\n"
    return "days: [mon]\nrequire: " + "[" * depth + "x" + "]" * depth + "\n"


def file_input(seed: int, index: int, bases: list[dict[str, Any]]) -> tuple[str, bytes]:
    """The file number `index`: (suffix or a special kind, bytes to write)."""
    rng = random.Random(f"{seed}:file:{index}")
    suffix = rng.choice([".yaml", ".yaml", ".yml", ".json", ".toml", ".txt"])
    kind = rng.randrange(20)
    if kind == 0:
        special = rng.choice(["fifo", "dev_zero", "folder", "long_name", "missing", "dev_null"])
        return special, b""
    if kind == 1:
        return ".yaml", alias_bomb(rng).encode()
    if kind == 2:
        return suffix, _deep_text(
            suffix, rng.choice([19, 25, 490, 496, 992, 5000, 100_000])
        ).encode()
    if kind == 3:  # a 5000-digit number
        digits = "9" * rng.choice([31, 4300, 5000, 100_000])
        field = rng.choice(
            ["warmup_minutes", "session_minutes", "targets: {chest", "solver: {seed"]
        )
        close = "}" if "{" in field else ""
        if suffix == ".json":
            return suffix, f'{{"days": ["mon"], "warmup_minutes": {digits}}}'.encode()
        if suffix == ".toml":
            return suffix, f'days = ["mon"]\nwarmup_minutes = {digits}\n'.encode()
        return ".yaml", f"days: [mon]\n{field}: {digits}{close}\n".encode()
    if kind == 4:  # binary junk
        return suffix, bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000])))
    if kind == 5:  # empty or whitespace
        return suffix, rng.choice(
            [b"", b"\n", b" ", b"\xef\xbb\xbf", b"---\n", b"null", b"[]", b"~"]
        )
    if kind == 6:  # big files: over and under the size cap
        line = rng.choice([b"# comment comment comment\n", b"- x\n", b"x: 1\n"])
        return ".yaml", b"days: [mon]\nrequire:\n" + line * rng.choice([1000, 60_000, 400_000])
    doc: Any = (
        api_input(seed, 1_000_000 + index, bases) if kind < 12 else copy.deepcopy(rng.choice(bases))
    )
    try:
        text = to_text(doc, suffix).encode("utf-8", "surrogatepass")
    except Exception:  # a mapping that does not serialise: use its repr
        text = describe(doc, 5000).encode("utf-8", "surrogatepass")
    mutation = rng.randrange(8)
    if mutation == 0 and text:  # cut short
        text = text[: rng.randrange(len(text))]
    elif mutation == 1 and text:  # flip bytes
        data = bytearray(text)
        for _ in range(rng.randrange(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        text = bytes(data)
    elif mutation == 2:  # a BOM (UTF-8, UTF-16) in front
        text = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + text
    elif mutation == 3 and text:  # splice YAML syntax in
        at = rng.randrange(len(text))
        bit = rng.choice(
            [
                b"&a ",
                b"*a",
                b"[",
                b"{",
                b"!!python/object:os.system ",
                b"<<: ",
                b"\t",
                b"\x00",
                b"%YAML 1.1\n",
                b"? ",
                b"|\n",
                b"!!binary ",
            ]
        )
        text = text[:at] + bit + text[at:]
    elif mutation == 4:  # encoded as UTF-16
        with contextlib.suppress(UnicodeDecodeError):
            text = text.decode("utf-8").encode("utf-16")
    return suffix, text


def describe(value: Any, limit: int = 160) -> str:
    """A short repr of an input, safe for huge ints, deep and shared structures."""
    out: list[str] = []
    size = 0

    def walk(v: Any, depth: int) -> None:
        nonlocal size
        if size > limit:
            return
        if depth > 6:
            part = "..."
        elif isinstance(v, bool) or v is None:
            part = repr(v)
        elif isinstance(v, int):
            part = repr(v) if abs(v) < 10**20 else f"<int of {v.bit_length()} bits>"
        elif isinstance(v, (str, bytes)):
            part = repr(v[:40]) + (f"<+{len(v) - 40}>" if len(v) > 40 else "")
        elif isinstance(v, dict):
            out.append("{")
            for i, (k, item) in enumerate(list(v.items())[:8]):
                walk(k, depth + 1)
                out.append(": ")
                walk(item, depth + 1)
                out.append(", " if i < len(v) - 1 else "")
            out.append("...}" if len(v) > 8 else "}")
            return
        elif isinstance(v, list):
            out.append("[")
            for i, item in enumerate(v[:4]):
                out.append(", " if i else "")
                walk(item, depth + 1)
            out.append(f", ...<{len(v)} items>]" if len(v) > 4 else "]")
            return
        else:
            part = f"<{type(v).__name__}>"
        if isinstance(v, float):
            part = repr(v)
        out.append(part)
        size += len(part)

    walk(value, 0)
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- running one input (in the worker) ----------------------------------------------------------


class Runner:
    """Lives in a worker: runs inputs by (kind, index) and classifies each outcome."""

    def __init__(self, seed: int, folder: str, time_limit: float, solve_every: int = 1) -> None:
        from optimizer import load_catalog

        self.solve_every = max(solve_every, 1)
        self.seed = seed
        self.folder = Path(folder)
        self.time_limit = time_limit
        self.bases = example_mappings()
        self.catalog = load_catalog()
        self.infeasible = 0

    def run(self, kind: str, index: int) -> list[dict[str, Any]]:
        if kind == "api":
            return self.run_api(index)
        return self.run_file(index)

    def classify(
        self, call: Callable[[], Any], what: str, describe_input: Callable[[], str]
    ) -> dict[str, Any]:
        from optimizer.errors import PreExhaustError

        try:
            call()
            return {"what": what, "outcome": "ok"}
        except PreExhaustError as err:
            try:
                text = str(err)
            except Exception as inner:  # str() itself failing is a bug
                return self.bug(what, inner, describe_input)
            longest = max(len(line) for line in text.splitlines() or [""])
            if longest > MESSAGE_LIMIT:  # a contract message is lines of at most 300
                return {
                    "what": what,
                    "outcome": "long message",
                    "detail": f"{type(err).__name__}, a line of {longest} chars: {text[:200]!r}",
                    "input": describe_input(),
                }
            return {"what": what, "outcome": f"contract: {err.code}"}
        except MemoryError:
            return {"what": what, "outcome": "crash (memory)", "input": describe_input()}
        except Exception as err:
            return self.bug(what, err, describe_input)

    def bug(
        self, what: str, err: BaseException, describe_input: Callable[[], str]
    ) -> dict[str, Any]:
        frames = traceback.extract_tb(err.__traceback__)
        last = frames[-1] if frames else None
        where = f"{last.filename.split('src/')[-1]}:{last.lineno} {last.line}" if last else "?"
        return {
            "what": what,
            "outcome": "other exception",
            "detail": f"{type(err).__name__}: {str(err)[:160]}",
            "where": where,
            "input": describe_input(),
        }

    def run_api(self, index: int) -> list[dict[str, Any]]:
        import optimizer
        from optimizer.errors import InfeasibleError
        from optimizer.planner import resolve_inputs
        from optimizer.problem import build_problem, prechecks

        doc = api_input(self.seed, index, self.bases)
        results = []
        infeasible = False

        def call() -> None:
            nonlocal infeasible
            try:
                if index % self.solve_every == 0:
                    optimizer.plan(doc, self.catalog, time_limit=self.time_limit, workers=1)
                else:  # what `plan` does before the solve
                    constraints, catalog = resolve_inputs(doc, self.catalog)
                    reasons = prechecks(build_problem(constraints, catalog))
                    if reasons:
                        raise InfeasibleError(f"No program for {constraints.client}:", reasons)
            except InfeasibleError:
                infeasible = True
                raise

        results.append(self.classify(call, "api", lambda: describe(doc)))
        if infeasible:
            self.infeasible += 1
            if self.infeasible % EXPLAIN_EVERY == 1:
                results.append(
                    self.classify(
                        lambda: optimizer.explain_infeasible(
                            doc, self.catalog, seconds_per_solve=0.5
                        ),
                        "explain",
                        lambda: describe(doc),
                    )
                )
        return results

    def make_file(self, index: int) -> tuple[Path, str]:
        suffix, data = file_input(self.seed, index, self.bases)
        base = self.folder / f"f{index}"
        if suffix == "fifo":
            path = base.with_suffix(".yaml")
            with contextlib.suppress(FileExistsError):
                os.mkfifo(path)
        elif suffix in ("dev_zero", "dev_null"):
            path = base.with_suffix(".yaml")
            with contextlib.suppress(FileExistsError):
                path.symlink_to("/dev/zero" if suffix == "dev_zero" else "/dev/null")
        elif suffix == "folder":
            path = base.with_suffix(".yaml")
            path.mkdir(exist_ok=True)
        elif suffix == "long_name":
            path = self.folder / ("n" * 300 + ".yaml")
        elif suffix == "missing":
            path = base.with_suffix(".json")
        else:
            path = base.with_suffix(suffix)
            path.write_bytes(data)
        head = data[:60]
        return path, f"{suffix} {len(data)} bytes {head!r}"

    def run_file(self, index: int) -> list[dict[str, Any]]:
        from optimizer import load_constraints

        path, desc = self.make_file(index)
        results = [
            self.classify(
                lambda: load_constraints(path, self.catalog.vocabulary), "file", lambda: desc
            )
        ]
        if index % CLI_EVERY == 0:
            results.append(self.run_cli(path, desc))
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()
        return results

    def run_cli(self, path: Path, desc: str) -> dict[str, Any]:
        exe = Path(sys.executable).with_name("preexhaust")
        command = [str(exe)] if exe.exists() else [sys.executable, "-m", "optimizer"]
        try:
            done = subprocess.run(
                [*command, "check", str(path)],
                capture_output=True,
                timeout=15,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            return {"what": "cli", "outcome": "hang", "input": desc}
        output = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
        # the CLI prints `error: MESSAGE`; the contract bounds MESSAGE's lines
        lines = [line.removeprefix("error: ") for line in output.splitlines()] or [""]
        if done.returncode < 0:
            return {"what": "cli", "outcome": "crash (memory)", "input": desc}
        if done.returncode == 1 or "Traceback" in output:
            return {
                "what": "cli",
                "outcome": "other exception",
                "detail": f"exit {done.returncode}: {lines[-1][:200]}",
                "where": "preexhaust check",
                "input": desc,
            }
        if any(len(line) > MESSAGE_LIMIT for line in lines) and done.returncode != 0:
            return {
                "what": "cli",
                "outcome": "long message",
                "detail": f"exit {done.returncode}: {max(map(len, lines))} chars",
                "input": desc,
            }
        return {
            "what": "cli",
            "outcome": "ok" if done.returncode == 0 else f"contract: exit {done.returncode}",
        }


def worker_main(
    conn: Any, seed: int, folder: str, time_limit: float, memory: int, solve_every: int
) -> None:
    """A persistent worker: capped address space, one input at a time from the pipe."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    runner = Runner(seed, folder, time_limit, solve_every)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        kind, index = job
        try:
            results = runner.run(kind, index)
        except MemoryError:
            results = [{"what": kind, "outcome": "crash (memory)"}]
        except Exception as err:  # the fuzzer's own fault: report, keep going
            frames = traceback.extract_tb(err.__traceback__)
            where = f"fuzz.py:{frames[-1].lineno}" if frames else ""
            results = [
                {
                    "what": kind,
                    "outcome": "fuzzer error",
                    "detail": repr(err)[:200],
                    "where": where,
                    "input": f"{kind}:{index}",
                }
            ]
        conn.send(results)


# -- the parent ---------------------------------------------------------------------------------


class Worker:
    """The parent's handle on one worker process; restarts it when it dies or hangs."""

    def __init__(self, args: argparse.Namespace, folder: str) -> None:
        self.args = args
        self.folder = folder
        self.process: Any = None
        self.conn: Any = None
        self.restarts = 0

    def start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self.process = ctx.Process(
            target=worker_main,
            args=(
                child,
                self.args.seed,
                self.folder,
                self.args.time_limit,
                self.args.memory_mb * 2**20,
                self.args.solve_every,
            ),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.conn = parent
        if not self.conn.poll(120):
            raise RuntimeError("a fuzz worker did not start")
        self.conn.recv()

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError, BrokenPipeError):
                self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()
        self.process = None

    def run(self, kind: str, index: int) -> list[dict[str, Any]]:
        if self.process is None:
            self.start()
            self.restarts += 1
        try:
            self.conn.send((kind, index))
            if self.conn.poll(self.args.timeout):
                return self.conn.recv()
            outcome = "hang"
        except (EOFError, OSError):
            outcome = "crash (memory)"
        self.process.join(0.5)
        if outcome == "hang" and not self.process.is_alive():
            outcome = "crash (memory)"
        self.stop(kill=True)
        return [{"what": kind, "outcome": outcome, "input": f"{kind}:{index}"}]


def campaign(
    args: argparse.Namespace,
) -> tuple[Counter[tuple[str, str]], list[dict[str, Any]], float]:
    jobs = [("api", i) for i in range(args.api)] + [("file", i) for i in range(args.files)]
    random.Random(args.seed).shuffle(jobs)
    counts: Counter[tuple[str, str]] = Counter()
    bugs: list[dict[str, Any]] = []
    lock = threading.Lock()
    started = time.perf_counter()
    done = 0

    with tempfile.TemporaryDirectory(prefix="preexhaust-fuzz-") as folder:

        def drive(worker: Worker) -> None:
            nonlocal done
            while True:
                with lock:
                    if not jobs:
                        break
                    kind, index = jobs.pop()
                for result in worker.run(kind, index):
                    with lock:
                        counts[(result["what"], result["outcome"])] += 1
                        if "input" in result:
                            result["id"] = f"{kind}:{index}"
                            bugs.append(result)
                            print(
                                f"  {result['what']} {kind}:{index} {result['outcome']}: "
                                f"{result.get('detail', '')} at {result.get('where', '')} "
                                f"input {result['input']}",
                                flush=True,
                            )
                with lock:
                    done += 1
                    if done % 500 == 0:
                        print(f"  {done} inputs, {time.perf_counter() - started:.0f} s", flush=True)
            worker.stop()

        workers = [Worker(args, folder) for _ in range(args.processes)]
        threads = [threading.Thread(target=drive, args=(w,)) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return counts, bugs, time.perf_counter() - started


#: outcomes outside the contract; "fuzzer error" is this script's own fault, listed apart
BUG_OUTCOMES = ("long message", "other exception", "crash (memory)", "hang")
ORDER = {o: i for i, o in enumerate(("ok", *BUG_OUTCOMES, "fuzzer error"))}


def table(counts: Counter[tuple[str, str]]) -> str:
    columns = ["api", "explain", "file", "cli"]
    titles = {
        "api": "API (`plan`)",
        "explain": "`explain_infeasible`",
        "file": "files (`load_constraints`)",
        "cli": "files (`preexhaust check`)",
    }
    seen = {o for _, o in counts} | set(BUG_OUTCOMES)
    outcomes = sorted(seen, key=lambda o: (ORDER.get(o, 0.5), o))
    lines = ["| outcome | " + " | ".join(titles[c] for c in columns) + " |"]
    lines.append("|---|" + "---:|" * len(columns))
    for o in outcomes:
        name = f"**{o}** (bug)" if o in BUG_OUTCOMES else o
        lines.append(f"| {name} | " + " | ".join(f"{counts[(c, o)]:,}" for c in columns) + " |")
    totals = [sum(n for (c2, _), n in counts.items() if c2 == c) for c in columns]
    lines.append("| total | " + " | ".join(f"{t:,}" for t in totals) + " |")
    return "\n".join(lines)


def replay(args: argparse.Namespace) -> None:
    kind, index = args.replay.split(":")
    bases = example_mappings()
    if kind == "api":
        doc = api_input(args.seed, int(index), bases)
        print("input:", describe(doc, 2000))
        import optimizer

        optimizer.plan(doc, time_limit=args.time_limit, workers=1)
        print("ok")
    else:
        with tempfile.TemporaryDirectory() as folder:
            runner = Runner(args.seed, folder, args.time_limit)
            path, desc = runner.make_file(int(index))
            print("input:", path, desc)
            from optimizer import load_constraints

            print(load_constraints(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", type=int, default=10_000, help="API inputs (default 10,000)")
    parser.add_argument("--files", type=int, default=1_000, help="files (default 1,000)")
    parser.add_argument("--quick", action="store_true", help="500 API inputs + 100 files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--processes", type=int, default=2, help="worker processes (max 2)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per input")
    parser.add_argument("--memory-mb", type=int, default=1536, help="address space per worker")
    parser.add_argument("--time-limit", type=float, default=0.2, help="solver seconds per plan")
    parser.add_argument(
        "--solve-every",
        type=int,
        default=1,
        help="every Nth API input goes to plan() (default 1: all); the others to "
        "parse_constraints + build_problem + prechecks (what plan does before solving)",
    )
    parser.add_argument("--replay", help="run one input in this process: api:N or file:N")
    parser.add_argument("--out", type=Path, help="Markdown output (default benchmarks/results/)")
    args = parser.parse_args(argv)
    if args.replay:
        replay(args)
        return 0
    if args.quick:
        args.api, args.files = 500, 100
    args.processes = max(1, min(args.processes, 2))
    counts, bugs, seconds = campaign(args)
    found = sum(n for (_, o), n in counts.items() if o in BUG_OUTCOMES)
    solving = f"API inputs to `plan(time_limit={args.time_limit:g}, workers=1)`"
    if args.solve_every > 1:
        solving = (
            f"every {args.solve_every}th of the {solving}, the others to `parse_constraints` + "
            "`build_problem` + `prechecks`"
        )
    header = (
        f"Fuzz campaign of issue 16, {datetime.date.today()}: seed {args.seed}, "
        f"{args.api:,} API inputs and {args.files:,} files; each under a {args.memory_mb} MB "
        f"address-space cap and a {args.timeout:g} s wall-clock cap; {solving}; "
        f"every {EXPLAIN_EVERY}th infeasible input also to "
        f"`explain_infeasible`, every {CLI_EVERY}th file also to `preexhaust check`. "
        f"{args.processes} worker processes on {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.machine()}; "
        f"{seconds:.0f} s wall. Inputs outside the contract: {found}."
    )
    report = f"{header}\n\n{table(counts)}\n"
    if bugs:
        report += "\nOutside the contract (replay with `--seed S --replay ID`):\n\n"
        for bug in bugs[:50]:
            detail = " ".join(str(bug.get(k, "")) for k in ("detail", "where")).strip()
            report += f"- `{bug['id']}` ({bug['what']}) {bug['outcome']}: {detail}; "
            report += f"input {bug['input']}\n"
    print()
    print(report)
    out = args.out or RESULTS / ("fuzz-quick.md" if args.quick else "fuzz.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(f"written to {out}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
