"""Batch throughput: N clients from examples/clients.csv on 1 and 2 local workers and on Dask.

The sheet's rows are repeated with new client ids and seeds until there are N clients, then the
same batch runs on each engine into a fresh folder. Prints a Markdown table: wall seconds
(including starting the workers), clients per second, median and p95 solve seconds per client,
and the statuses. Speed is measured here, not in unit tests (the machine is shared and noisy).

    python benchmarks/batch_throughput.py [--clients 200] [--time-limit 10]
        [--engines local-1,local-2,dask-2]

`dask-N` starts a temporary local Dask cluster of N single-threaded worker processes (the
same code path as `--engine dask` without `--scheduler`).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import ortools

from optimizer.batch import DaskEngine, LocalEngine, plan_many
from optimizer.batch.engines import available_cores

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def make_sheet(source: Path, count: int, target: Path) -> None:
    """Repeat the rows of `source` with ids `<client>-<k>` and seeds `seed + k` up to `count`."""
    with source.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    out = []
    k = 0
    while len(out) < count:
        for row in rows:
            if len(out) == count:
                break
            copy = dict(row)
            copy["client"] = f"{row['client']}-{k}"
            copy["seed"] = str(int(row.get("seed") or 0) + k)
            out.append(copy)
        k += 1
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def engine_for(name: str):
    kind, _, count = name.partition("-")
    workers = int(count or 1)
    if kind == "local":
        return LocalEngine(workers)
    if kind == "dask":
        return DaskEngine(None, workers)
    raise SystemExit(f"unknown engine {name!r}: use local-N or dask-N")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--engines", default="local-1,local-2,dask-2")
    parser.add_argument("--sheet", type=Path, default=EXAMPLES / "clients.csv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        sheet = Path(tmp) / "clients.csv"
        make_sheet(args.sheet, args.clients, sheet)
        print(
            f"{args.clients} clients from {args.sheet.name}, per-client limit "
            f"{args.time_limit:g} s, CP-SAT 1 worker per client, ortools {ortools.__version__}, "
            f"Python {platform.python_version()}, {available_cores()} cores, load average "
            f"{os.getloadavg()[0]:.1f} at start"
        )
        print()
        print(
            "| engine | wall s | clients/s | median solve s | p95 solve s | max solve s "
            "| statuses |"
        )
        print("|---|---|---|---|---|---|---|")
        for name in args.engines.split(","):
            engine = engine_for(name.strip())
            started = time.perf_counter()
            batch = plan_many(sheet, Path(tmp) / name, engine=engine, time_limit=args.time_limit)
            wall = time.perf_counter() - started
            solves = [r.solve_seconds for r in batch.results if r.solve_seconds is not None]
            statuses = ", ".join(f"{n} {s}" for s, n in batch.counts().items())
            print(
                f"| {engine.describe()} | {wall:.1f} | {len(batch.results) / wall:.2f} "
                f"| {statistics.median(solves):.2f} | {percentile(solves, 0.95):.2f} "
                f"| {max(solves):.2f} | {statuses} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
