"""Solve every bundled example a few times and print a Markdown table.

Speed is measured here, not in unit tests (the machine is shared and noisy): quote medians.

    python benchmarks/solve_examples.py [--repeat 5] [--workers 1] [--time-limit 10]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from optimizer import load_catalog, load_constraints
from optimizer.cpsat import solver as cpsat
from optimizer.problem import build_problem

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    catalog = load_catalog()
    print(
        f"| example | status | median solve s | max solve s | median build s | variables "
        f"| constraints | gap |  (workers={args.workers}, {args.repeat} runs)"
    )
    print("|---|---|---|---|---|---|---|---|")
    for path in sorted(EXAMPLES.glob("*.yaml")):
        constraints = load_constraints(path, catalog.vocabulary)
        settings = constraints.solver.model_copy(
            update={"workers": args.workers, "time_limit": args.time_limit}
        )
        solves, builds, statuses, gaps = [], [], set(), []
        size = {}
        for _ in range(args.repeat):
            started = time.perf_counter()
            built = cpsat.build(build_problem(constraints, catalog))
            builds.append(time.perf_counter() - started)
            result = cpsat.solve(built, settings)
            solves.append(result.solve_seconds)
            statuses.add(result.status)
            gaps.append(result.gap or 0.0)
            size = built.size
        print(
            f"| {path.stem} | {'/'.join(sorted(statuses))} | {statistics.median(solves):.2f} "
            f"| {max(solves):.2f} | {statistics.median(builds):.3f} | {size['variables']} "
            f"| {size['constraints']} | {max(gaps):.2%} |"
        )


if __name__ == "__main__":
    main()
