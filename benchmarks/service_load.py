"""Service load: a bounded burst of plan requests on loopback, and the same clients as a batch.

Starts `preexhaust serve` (W solver processes, one CP-SAT worker each), waits until it
answers, then sends N plan requests, C at a time, from an asyncio httpx client, one client per
request from examples/clients.csv (rows repeated with new ids and seeds, as
batch_throughput.py does). Then runs `preexhaust batch` on the same clients with W local
workers. Prints a Markdown table: throughput, latency median / p95 / p99, errors, the
server's peak memory (its own and its solver processes' peak resident sizes, summed), the
batch's throughput and the ratio.

The latency model: with C requests in flight and W processes, a request waits for about
C / W - 1 solves ahead of it and then runs its own, so latency ~ ceil(C / W) x the mean solve
time (build + solve, as the Programs report it). The goal is p95 within 1.5x of that.

    python benchmarks/service_load.py [--requests 200] [--concurrency 8] [--workers 2]
        [--time-limit 10] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from batch_throughput import EXAMPLES, make_sheet, percentile

from optimizer.batch import read_clients
from optimizer.batch.engines import available_cores


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_kib(pid: int) -> int:
    """VmHWM (peak resident set) of `pid` in KiB; 0 where /proc is not there."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_peak_mib(pid: int) -> float:
    """The server's and its children's peak resident sizes, summed (an upper bound of the
    peak of the whole: each process may peak at another time)."""
    pids = [pid]
    try:
        import psutil

        pids += [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except (ImportError, OSError):
        pass
    return sum(peak_kib(p) for p in pids) / 1024


async def burst(
    url: str, clients: list[dict[str, Any]], concurrency: int, time_limit: float
) -> tuple[float, list[float], list[float], dict[int, int]]:
    """Send every client once, `concurrency` at a time: wall seconds, latencies, the solve
    seconds the Programs report, and the count of each non-200 status (0: no answer)."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    solves: list[float] = []
    errors: dict[int, int] = {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=600, limits=limits) as http:

        async def one(client: dict[str, Any]) -> None:
            async with gate:
                started = time.perf_counter()
                try:
                    response = await http.post(
                        "/v1/plan", json=client, params={"time_limit": time_limit}
                    )
                except httpx.HTTPError:
                    errors[0] = errors.get(0, 0) + 1
                    return
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors[response.status_code] = errors.get(response.status_code, 0) + 1
                    return
                program = response.json()
                solves.append(program["solve_seconds"] + program.get("build_seconds", 0.0))

        started = time.perf_counter()
        await asyncio.gather(*(one(client) for client in clients))
        return time.perf_counter() - started, latencies, solves, errors


def serve(port: int, workers: int, queue: int, batch_dir: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "optimizer", "serve", "--port", str(port)]
    argv += ["--workers", str(workers), "--queue-size", str(queue), "--no-access-log"]
    argv += ["--batch-dir", str(batch_dir), "--max-time-limit", "60"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                time.sleep(3)  # let the workers finish importing the solver (pool.warm)
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start in 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=available_cores())
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--quick", action="store_true", help="40 requests, 4 at a time")
    args = parser.parse_args()
    if args.quick:
        args.requests, args.concurrency = 40, 4
    with tempfile.TemporaryDirectory(prefix="service-load-") as tmp:
        sheet = Path(tmp) / "clients.csv"
        make_sheet(EXAMPLES / "clients.csv", args.requests, sheet)
        clients = [item.data for item in read_clients(sheet) if item.data is not None]

        port = free_port()
        # the queue holds the whole burst's concurrency: this measures latency, not refusals
        server = serve(port, args.workers, args.concurrency, Path(tmp) / "batches")
        try:
            wall, latencies, solves, errors = asyncio.run(
                burst(f"http://127.0.0.1:{port}", clients, args.concurrency, args.time_limit)
            )
            memory = tree_peak_mib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=60)

        argv = [sys.executable, "-m", "optimizer", "batch", str(sheet), "--out", f"{tmp}/batch"]
        argv += ["--workers", str(args.workers), "--time-limit", str(args.time_limit)]
        started = time.perf_counter()
        done = subprocess.run([*argv, "--no-progress"], capture_output=True, text=True)
        batch_wall = time.perf_counter() - started

    ok = len(solves)
    rate = ok / wall
    batch_rate = len(clients) / batch_wall
    rounds = math.ceil(args.concurrency / args.workers)
    model = rounds * statistics.mean(solves) if solves else float("nan")
    p95 = percentile(latencies, 0.95)
    lost = len(clients) - len(latencies)
    print(
        f"{platform.node()}: {os.cpu_count()} CPUs (nproc {available_cores()}), "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        f"{len(clients)} plan requests, {args.concurrency} concurrent, {args.workers} solver "
        f"processes x 1 CP-SAT worker, time limit {args.time_limit:g} s"
    )
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| requests | {len(clients)} ({ok} ok, {sum(errors.values())} errors, {lost} lost) |")
    print(f"| errors by status | {errors or 'none'} |")
    print(f"| service throughput | {rate:.2f} plans/s ({wall:.1f} s wall) |")
    print(
        f"| latency median / p95 / p99 | {statistics.median(latencies):.2f} / {p95:.2f} / "
        f"{percentile(latencies, 0.99):.2f} s |"
    )
    print(
        f"| solve (build + solve) median / mean | {statistics.median(solves):.2f} / "
        f"{statistics.mean(solves):.2f} s |"
    )
    print(
        f"| latency model: ceil({args.concurrency}/{args.workers}) x mean solve | {model:.2f} s; "
        f"p95 / model = {p95 / model:.2f} (goal <= 1.5) |"
    )
    print(f"| server peak memory (server + solver processes) | {memory:.0f} MiB |")
    status = "" if done.returncode == 0 else f", exit {done.returncode}"
    print(
        f"| `preexhaust batch` throughput (same clients, {args.workers} workers) | "
        f"{batch_rate:.2f} clients/s ({batch_wall:.1f} s wall, worker start included{status}) |"
    )
    print(f"| service / batch throughput | {rate / batch_rate:.0%} (goal >= 80%) |")


if __name__ == "__main__":
    main()
