"""Supersets side by side: the same clients planned with `supersets: none`, `allowed` and
`pre_exhaust`, one worker each, printed as one Markdown table per method and one summary.

What it measures (issue 15): weeks found, attainment (share of weighted target minimums),
coach value, minutes of the week, minutes saved against `none`, supersets per week, proofs and
time to the answer. Quote medians: the machine is shared and noisy.

    python benchmarks/supersets.py [--time-limit 5] [--count 10] [--catalog default]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from optimizer import load_catalog, load_constraints, plan, validate
from optimizer.constraints import Constraints, parse_constraints
from optimizer.errors import InfeasibleError, SolverTimeoutError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import instances

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MODES = ("none", "allowed", "pre_exhaust")


def clients(count: int, catalog_name: str) -> list[tuple[str, Constraints]]:
    """The examples (coach kinds included) and `count` seeded benchmark clients."""
    book = load_catalog()
    out = [
        (path.stem, load_constraints(path, book.vocabulary))
        for path in sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("coach/*.yaml")])
    ]
    if count:
        named = instances.named_catalog(catalog_name)
        for raw in instances.load_or_generate(catalog_name, named)[:count]:
            out.append((raw["client"], parse_constraints(raw, named.vocabulary)))
    return out


def run(c: Constraints, mode: str, time_limit: float) -> dict[str, Any]:
    if mode != "none" and c.ordering == "compound_first":
        return {"outcome": "n/a"}
    file = c.model_copy(
        update={
            "supersets": mode,
            "solver": c.solver.model_copy(update={"time_limit": time_limit, "workers": 1}),
        }
    )
    started = time.perf_counter()
    try:
        program = plan(file)
    except InfeasibleError:
        return {"outcome": "infeasible", "seconds": time.perf_counter() - started}
    except SolverTimeoutError:
        return {"outcome": "timeout", "seconds": time.perf_counter() - started}
    assert not validate(program, file, load_catalog()), program.client
    return {
        "outcome": program.status,
        "seconds": time.perf_counter() - started,
        "attainment": program.attainment,
        "value": program.objective_terms.get("value", 0.0),
        "minutes": sum(d.minutes for d in program.days),
        "supersets": sum(1 for d in program.days for r in d.exercises if r.superset) // 2,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--count", type=int, default=10, help="seeded clients per catalog")
    parser.add_argument("--catalog", default="default")
    args = parser.parse_args()
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    for name, c in clients(args.count, args.catalog):
        if args.count and name.startswith("bench_") and args.catalog != "default":
            continue
        rows[name] = {mode: run(c, mode, args.time_limit) for mode in MODES}
        cells = "  ".join(f"{m}={rows[name][m]['outcome']}" for m in MODES)
        print(f"{name}: {cells}", file=sys.stderr)
    print(
        f"Supersets side by side: {len(rows)} clients (examples + {args.count} seeded), one "
        f"worker, {args.time_limit:g} s a solve, every week validated.\n"
    )
    print(
        "| method | weeks found | proven | attainment (median) | coach value vs none "
        "(median) | week minutes (median) | minutes saved vs none (median / most) "
        "| supersets per week (median) | seconds (median) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for mode in MODES:
        found = [r[mode] for r in rows.values() if "attainment" in r[mode]]
        # compound_first clients refuse supersets at input: not counted for the other modes
        applicable = sum(r[mode]["outcome"] != "n/a" for r in rows.values())
        both = [r for r in rows.values() if "attainment" in r[mode] and "attainment" in r["none"]]
        saved = [r["none"]["minutes"] - r[mode]["minutes"] for r in both]
        value = [r[mode]["value"] - r["none"]["value"] for r in both]

        def median(values: list[float], fmt: str = "{:.1f}") -> str:
            return fmt.format(statistics.median(values)) if values else "-"

        print(
            f"| {mode} | {len(found)}/{applicable} "
            f"| {sum(r['outcome'] == 'optimal' for r in found)} "
            f"| {median([r['attainment'] for r in found], '{:.1%}')} "
            f"| {median(value, '{:+.0f}')} "
            f"| {median([r['minutes'] for r in found])} "
            f"| {median(saved)} / {max(saved, default=0):.1f} "
            f"| {median([r['supersets'] for r in found], '{:.0f}')} "
            f"| {median([r['seconds'] for r in found], '{:.2f}')} |"
        )


if __name__ == "__main__":
    main()
