"""Benchmark CP-SAT against the alternatives: greedy, and the same model as a MIP (HiGHS).

    python benchmarks/run.py            # 100 clients x 2 catalogs, limits 1 s and 10 s (~45 min)
    python benchmarks/run.py --quick    # 8 + 4 clients, limits 0.5 s and 2 s (< 2 minutes)

Methods: `greedy` (optimizer.greedy), `highs` (benchmarks/mip.py, HiGHS through highspy, 1 thread),
`cpsat-1w` and `cpsat-2w` (our model, 1 and 2 workers, warm-started from the greedy week as
`plan` does). Variants on request: `cpsat-<N>w` for any number of workers, `-cold` without
the warm start, `-tol<M>` with `solver.time_tolerance: M` (stop once targets and pairs are
proven and the time within M minutes: their "proven" is that weaker proof, their gap what is
left), e.g. `cpsat-1w-cold`, `cpsat-2w-tol1`, `cpsat-1w-tol5`; `-highs` with
`solver.highs` (HiGHS races the CP-SAT workers on one more core, cpsat/race.py), e.g.
`cpsat-1w-highs`; `-nopolish` with `solver.polish: false` (no large-neighbourhood polish
after a stalled one-worker search, cpsat/polish.py), e.g. `cpsat-1w-nopolish`. Each solver
runs first with the short limit; an instance it does not prove optimal there runs again with
the long limit. Both solvers stop only by proof or by the clock, so a proof within the short
limit is the long run's result too, and the time to the
proven optimum is the time of the run that proved it.

Every week is turned into a Program, checked by `optimizer.validate` (the tables count the
violations: they must be 0) and scored by `optimizer.scoring.score` on the CP-SAT objective's
scale; "vs best" is that score over the best score any CP-SAT run reached on the instance.

Runs are sequential: on 2 cores, solving two instances at once would distort every timing
(and CP-SAT with 2 workers uses both cores). Raw rows go to benchmarks/results/*.jsonl
(gitignored); the Markdown tables are printed and saved as benchmarks/results/latest*.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import math
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import ortools

sys.path.insert(0, str(Path(__file__).resolve().parent))

import instances as instance_set
import mip

from optimizer import validate
from optimizer.assignments import assignment_to_program
from optimizer.catalog import Catalog
from optimizer.constraints import Constraints, SolverSettings, parse_constraints
from optimizer.errors import InputError, NoProgramError
from optimizer.greedy import greedy_assignment
from optimizer.planner import solve_problem, to_program
from optimizer.problem import ProblemData, build_problem, prechecks
from optimizer.program import Program
from optimizer.scoring import program_assignment, score_assignment

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
METHODS = ("greedy", "highs", "cpsat-1w", "cpsat-2w")
BASELINES = ("greedy", "highs")
# any cpsat-<N>w[-cold][-tol<M>][-highs] on request (see the module docstring)
CPSAT_METHOD = re.compile(
    r"^cpsat-(?P<workers>[1-9]\d*)w(?P<cold>-cold)?(?:-tol(?P<tol>\d+(?:\.\d+)?))?"
    r"(?P<highs>-highs)?(?P<nopolish>-nopolish)?$"
)
CATALOGS = ("default", "free_exercise_db")


@dataclass
class Row:
    """One method's result on one instance at one time limit (None: no limit, greedy)."""

    catalog: str
    client: str
    method: str
    limit: float | None
    status: str
    seconds: float = 0.0  # wall time of the solve (or of the greedy)
    proof_seconds: float | None = None  # to the proof, before the tie-break (CP-SAT methods)
    problem_seconds: float = 0.0  # build_problem: filters and candidate lists
    model_seconds: float = 0.0  # building the solver's model from ProblemData
    variables: int = 0
    constraints: int = 0
    objective: int | None = None  # scoring.score of the week
    reported: float | None = None  # the solver's own objective value
    bound: float | None = None
    gap: float | None = None
    attainment: float | None = None
    pairs: int | None = None
    exercise_minutes: float | None = None
    violations: int = 0
    detail: str = ""
    features: dict[str, Any] = field(default_factory=dict)


def features(c: Constraints, data: ProblemData) -> dict[str, Any]:
    """What might explain a slow instance: size, time, targets, rules."""
    return {
        "days": len(data.days),
        "minutes": sum(c.session_minutes.values()),
        "equipment": "+".join(c.equipment),
        "experience": c.experience,
        "targets": len(data.targets),
        "candidates": sum(len(v) for v in data.candidates.values()),
        "ordering": c.ordering,
        "split": "auto" if isinstance(c.split, str) else "/".join(c.split.values()),
        "require": len(data.required),
        "recovery_hours": c.recovery_hours,
    }


def finish(row: Row, program: Program, c: Constraints, data: ProblemData, catalog: Catalog) -> Row:
    """Validate and score the week; the gap is measured from its score."""
    row.violations = len(validate(program, c, catalog))
    s = score_assignment(data, program_assignment(program, catalog))
    row.objective = s.objective
    w = s.weights  # the lowest objective any week can have: the ratios are measured from it
    row.features["floor"] = (
        -w.attainment * w.attainment_max + w.value * w.value_min - data.week_seconds
    )
    row.attainment = round(s.attainment_share, 4)
    row.pairs = s.pairs
    row.exercise_minutes = round(s.seconds / 60, 2)
    if row.bound is not None:  # not 0 for every "optimal": a tolerance leaves a gap
        row.gap = max(0.0, row.bound - s.objective) / max(1.0, abs(s.objective))
    elif row.status == "optimal":
        row.gap = 0.0
    return row


def run_greedy(base: Row, c: Constraints, data: ProblemData, catalog: Catalog) -> list[Row]:
    row = Row(**{**asdict(base), "method": "greedy", "limit": None, "status": "feasible"})
    started = time.perf_counter()
    try:
        chosen = greedy_assignment(data)
    except NoProgramError as err:
        row.status, row.detail = "none", str(err)
        return [row]
    row.seconds = time.perf_counter() - started
    program = assignment_to_program(data, chosen, status="feasible", engine="greedy")
    return [finish(row, program, c, data, catalog)]


def run_cpsat(
    workers: int,
    limits: tuple[float, float],
    base: Row,
    c: Constraints,
    data: ProblemData,
    catalog: Catalog,
    *,
    warm_start: bool = True,
    time_tolerance: float = 0.0,
    highs: bool = False,
    polish: bool = True,
) -> list[Row]:
    """Through `planner.solve_problem`, the path `plan` takes: the greedy warm start's time is
    part of the solve time (and comes out of the limit)."""
    rows = []
    name = f"cpsat-{workers}w" + ("" if warm_start else "-cold")
    name += f"-tol{time_tolerance:g}" if time_tolerance else ""
    name += "-highs" if highs else ""
    name += "" if polish else "-nopolish"
    for limit in limits:
        settings = SolverSettings(
            time_limit=limit,
            workers=workers,
            seed=0,
            warm_start=warm_start,
            time_tolerance=time_tolerance,
            highs=highs,
            polish=polish,
        )
        # the week as `plan` would give it with these settings in the file: the Program and
        # the validator read the tolerance from the constraints (the weights do not use them)
        run_c = c.model_copy(update={"solver": settings})
        run_data = dataclasses.replace(data, constraints=run_c)
        row = Row(**{**asdict(base), "method": name, "limit": limit, "status": ""})
        started = time.perf_counter()
        result = solve_problem(run_data, settings)
        row.seconds = time.perf_counter() - started - result.build_seconds
        row.proof_seconds = result.proof_seconds
        row.model_seconds = result.build_seconds
        row.variables = result.model_size["variables"]
        row.constraints = result.model_size["constraints"]
        row.status = str(result.status)
        row.reported, row.bound = result.objective, result.best_bound
        if result.status in ("optimal", "feasible"):
            finish(row, to_program(run_data, result), run_c, data, catalog)
        rows.append(row)
        if result.status in ("optimal", "infeasible"):
            break
    return rows


def run_highs(
    limits: tuple[float, float], base: Row, c: Constraints, data: ProblemData, catalog: Catalog
) -> list[Row]:
    built = mip.build(data)
    size = built.size
    rows = []
    for limit in limits:
        row = Row(**{**asdict(base), "method": "highs", "limit": limit, "status": ""})
        row.model_seconds = built.build_seconds
        row.variables, row.constraints = size["variables"], size["constraints"]
        result = mip.solve(built, limit)
        row.seconds, row.status, row.detail = result.solve_seconds, result.status, result.detail
        row.reported, row.bound = result.objective, result.best_bound
        if result.status in ("optimal", "feasible"):
            program = assignment_to_program(
                data,
                result.chosen,
                status=result.status,
                engine="highs",
                best_bound=result.best_bound,
            )
            finish(row, program, c, data, catalog)
        rows.append(row)
        if result.status in ("optimal", "infeasible"):
            break
    return rows


def run_instance(
    name: str,
    raw: dict[str, Any],
    catalog: Catalog,
    methods: tuple[str, ...],
    limits: tuple[float, float],
) -> list[Row]:
    try:
        c = parse_constraints(raw, catalog.vocabulary)
        started = time.perf_counter()
        data = build_problem(c, catalog)
        problem_seconds = time.perf_counter() - started
    except InputError as err:  # e.g. a saved id the catalog no longer has: regenerate the set
        return [Row(name, raw["client"], m, None, "error", detail=str(err)) for m in methods]
    base = Row(name, c.client, "", None, "", problem_seconds=problem_seconds)
    base.features = features(c, data)
    if prechecks(data):
        return [Row(**{**asdict(base), "method": m, "status": "infeasible"}) for m in methods]

    def runner(method: str) -> list[Row]:
        if method == "greedy":
            return run_greedy(base, c, data, catalog)
        if method == "highs":
            return run_highs(limits, base, c, data, catalog)
        match = CPSAT_METHOD.match(method)
        assert match, method  # main() checks the names
        return run_cpsat(
            int(match["workers"]),
            limits,
            base,
            c,
            data,
            catalog,
            warm_start=not match["cold"],
            time_tolerance=float(match["tol"] or 0),
            highs=bool(match["highs"]),
            polish=not match["nopolish"],
        )

    rows: list[Row] = []
    for method in methods:
        try:
            rows += runner(method)
        except Exception as err:  # a benchmark row, not a crash of the whole run
            rows.append(
                Row(
                    **{
                        **asdict(base),
                        "method": method,
                        "status": "error",
                        "detail": f"{type(err).__name__}: {err}",
                    }
                )
            )
    mark_cpsat_best(rows)
    return rows


def mark_cpsat_best(rows: list[Row]) -> None:
    """Store on every row of a client the best objective any CP-SAT run reached on it, so
    runs of several methods (or several files merged by --summarize) share one yardstick."""
    best: dict[tuple[str, str], float] = {}
    for r in rows:
        if r.method.startswith("cpsat") and r.objective is not None:
            key = (r.catalog, r.client)
            best[key] = max(best.get(key, r.objective), r.objective)
    for r in rows:
        r.features["cpsat_best"] = best.get((r.catalog, r.client))


# -- summary -----------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (inf for an unproven instance stays inf)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def final_and_short(rows: list[Row], limits: tuple[float, float]) -> tuple[dict, dict]:
    """Per client: the result at the long limit (the last run) and at the short one."""
    final: dict[str, Row] = {}
    short: dict[str, Row] = {}
    for r in rows:
        if r.limit is None or r.limit == limits[0]:
            short[r.client] = r
        final[r.client] = r  # the long run comes after the short one, if there is one
    return final, short


def fmt_s(x: float, cap: float) -> str:
    return f"> {cap:g}" if math.isinf(x) else f"{x:.2f}"


def fmt_gap(x: float) -> str:
    """A relative gap; `none` when no week was found, capped at 100% (a near-empty week)."""
    if math.isinf(x):
        return "none"
    return "> 100%" if x > 1 else f"{100 * x:.2f}%"


def pc(x: float) -> str:
    return f"{100 * x:.2f}%"


def rel(r: Row) -> float | None:
    """Score over CP-SAT's best on the instance, both measured from the lowest objective a week
    of the instance can have (the objective is shifted and often negative, so a plain ratio
    means nothing); a run that found no week counts as 0."""
    best, floor = r.features.get("cpsat_best"), r.features.get("floor")
    if best is None or floor is None or best <= floor:
        return None
    return ((r.objective if r.objective is not None else floor) - floor) / (best - floor)


def mean_min(xs: list[float]) -> str:
    return f"{pc(statistics.mean(xs))} / {pc(min(xs))}" if xs else "—"


def quality_line(method: str, rows: list[Row], limits: tuple[float, float], n: int) -> str:
    """Proof, gaps and objective of one method over a catalog's clients."""
    final, short = final_and_short(rows, limits)
    solved = [r for r in final.values() if r.objective is not None]
    violations = sum(r.violations for r in rows)
    rel_short = [x for r in short.values() if (x := rel(r)) is not None]
    rel_long = [x for r in final.values() if (x := rel(r)) is not None]
    at_best = sum(
        1
        for r in final.values()
        if r.objective is not None
        and r.features.get("cpsat_best") is not None
        and r.objective >= r.features["cpsat_best"]
    )
    attain = pc(statistics.mean(r.attainment for r in solved)) if solved else "—"
    if method == "greedy":
        proof = "| — | — | — | — | — "
    else:
        proven = sum(1 for r in final.values() if r.status == "optimal")
        t = [r.seconds if r.status == "optimal" else math.inf for r in final.values()]
        # the proof alone: a proven week then takes the tie-break (solver.canonical_week), which
        # at a 1 s limit runs to the clock when it cannot finish
        tp = [
            (r.proof_seconds if r.proof_seconds is not None else r.seconds)
            if r.status == "optimal"
            else math.inf
            for r in final.values()
        ]
        gs = [r.gap if r.gap is not None else math.inf for r in short.values()]
        gl = [r.gap if r.gap is not None else math.inf for r in final.values()]
        within = sum(1 for g in gl if g <= 0.01)
        proof = (
            f"| {proven}/{n} | {fmt_s(pct(t, 0.5), limits[1])} / {fmt_s(pct(t, 0.95), limits[1])} "
            f"({fmt_s(pct(tp, 0.5), limits[1])}) "
            f"| {fmt_gap(pct(gs, 0.5))} / {fmt_gap(pct(gs, 0.95))} "
            f"| {fmt_gap(pct(gl, 0.5))} / {fmt_gap(pct(gl, 0.95))} | {within}/{n} "
        )
    return (
        f"| {method} {proof}| {mean_min(rel_short)} | {mean_min(rel_long)} | {at_best}/{n} "
        f"| {attain} | {len(solved)}/{n} | {violations} |"
    )


def cost_line(method: str, rows: list[Row], limits: tuple[float, float]) -> str:
    """Model size and build time, apart from the solve time."""
    final, _ = final_and_short(rows, limits)
    runs = [r.seconds for r in final.values() if r.status not in ("error", "none")]
    solve = f"{statistics.median(runs):.3f} / {max(runs):.2f}" if runs else "—"
    if method == "greedy":
        return f"| {method} | — | {solve} | — | — |"
    model_s = [r.model_seconds for r in final.values()]
    v = [r.variables for r in final.values()]
    c = [r.constraints for r in final.values()]
    return (
        f"| {method} | {1000 * statistics.median(model_s):.0f} / {1000 * max(model_s):.0f} "
        f"| {solve} | {int(statistics.median(v))} / {max(v)} "
        f"| {int(statistics.median(c))} / {max(c)} |"
    )


def table(
    catalog: str, rows: list[Row], methods: tuple[str, ...], limits: tuple[float, float], note: str
) -> str:
    clients = sorted({r.client for r in rows})
    n = len(clients)
    short, long_ = (f"{x:g} s" for x in limits)
    firsts = [r for r in rows if r.method == methods[0]]
    problem = [r.problem_seconds for r in firsts]
    cands = [r.features.get("candidates", 0) for r in firsts]
    lines = [
        f"### Catalog `{catalog}`: {n} clients, {note}",
        "",
        f"| method | proven optimal | time to optimum s, median / p95 (the proof alone, median) "
        f"| gap at {short}, median / "
        f"p95 | gap at {long_}, median / p95 | gap <= 1% at {long_} | objective at {short} / "
        f"CP-SAT best, mean / min | objective at {long_} / CP-SAT best, mean / min "
        f"| = CP-SAT best at {long_} | target attainment | weeks found | validator violations |",
        "|" + "---|" * 12,
    ]
    lines += [
        quality_line(m, [r for r in rows if r.method == m], limits, n)
        for m in methods
        if any(r.method == m for r in rows)
    ]
    lines += [
        "",
        f"Model size and time (ProblemData build, the filters: median "
        f"{1000 * statistics.median(problem):.1f} ms, max {1000 * max(problem):.1f} ms; "
        f"(day, exercise) candidates: median {int(statistics.median(cands))}, max {max(cands)}):",
        "",
        "| method | model build ms, median / max | solve s (last run), median / max "
        "| variables, median / max | constraints, median / max |",
        "|---|---|---|---|---|",
    ]
    lines += [
        cost_line(m, [r for r in rows if r.method == m], limits)
        for m in methods
        if any(r.method == m for r in rows)
    ]
    lines.append("")
    return "\n".join(lines)


def slow_table(rows: list[Row], limits: tuple[float, float], k: int = 10) -> str:
    """The CP-SAT (1 worker) instances slowest to prove, with what might explain them."""
    final, _ = final_and_short([r for r in rows if r.method == "cpsat-1w"], limits)
    highs, _ = final_and_short([r for r in rows if r.method == "highs"], limits)

    def hardness(r: Row) -> tuple[bool, float, float]:
        return (r.status == "optimal", -(math.inf if r.gap is None else r.gap), -r.seconds)

    slow = sorted(final.values(), key=hardness)[:k]
    out = [
        "Slowest for CP-SAT (1 worker):",
        "",
        "| client | status | s | gap | HiGHS | days | minutes | equipment | targets | "
        "candidates | variables | constraints | ordering | split | require |",
        "|" + "---|" * 15,
    ]
    for r in slow:
        f = r.features
        h = highs.get(r.client)
        h_text = f"{h.status} {h.seconds:.2f} s" if h else "—"
        gap = "no week" if r.gap is None else f"{100 * r.gap:.2f}%"
        out.append(
            f"| {r.client} | {r.status} | {r.seconds:.2f} | {gap} | {h_text} "
            f"| {f['days']} | {f['minutes']} | {f['equipment']} | {f['targets']} "
            f"| {f['candidates']} | {r.variables} | {r.constraints} | {f['ordering']} "
            f"| {f['split']} | {f['require']} |"
        )
    out.append("")
    return "\n".join(out)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, ortools "
        f"{ortools.__version__}, highspy {package_version('highspy')}, "
        f"{datetime.date.today().isoformat()}"
    )


def report(name: str, rows: list[Row], limits: tuple[float, float], size: int | str) -> str:
    ran = list(dict.fromkeys(r.method for r in rows))  # the order they ran (or were merged)
    methods = tuple(sorted(ran, key=lambda m: BASELINES.index(m) if m in BASELINES else 2))
    note = f"{size} exercises, time limits {limits[0]:g} s and {limits[1]:g} s"
    text = table(name, rows, methods, limits, note)
    if "cpsat-1w" in methods:
        text += "\n" + slow_table(rows, limits)
    return text


def summarize(path: Path) -> str:
    """Tables from a raw JSONL file (a finished run, or one still going)."""
    rows = [Row(**json.loads(line)) for line in path.read_text().splitlines() if line.strip()]
    mark_cpsat_best(rows)
    out = []
    for name in dict.fromkeys(r.catalog for r in rows):
        sub = [r for r in rows if r.catalog == name]
        found = sorted({r.limit for r in sub if r.limit is not None})
        limits = (found[0], found[-1]) if found else (0.0, 0.0)
        try:
            size: int | str = len(instance_set.named_catalog(name))
        except instance_set.CatalogUnavailable:
            size = "?"
        out.append(report(name, sub, limits, size))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 + 4 clients, limits 0.5 and 2 s")
    parser.add_argument("--count", type=int, help="clients per catalog (default 100)")
    parser.add_argument("--short", type=float, help="first time limit, s (default 1)")
    parser.add_argument("--long", type=float, help="second time limit, s (default 10)")
    parser.add_argument("--catalogs", default=",".join(CATALOGS))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--summarize", type=Path, help="print the tables of a raw .jsonl file")
    args = parser.parse_args()
    if args.summarize:
        print(summarize(args.summarize))
        return
    limits = (
        args.short or (0.5 if args.quick else 1.0),
        args.long or (2.0 if args.quick else 10.0),
    )
    methods = tuple(m for m in args.methods.split(",") if m)
    unknown = [m for m in methods if m not in BASELINES and not CPSAT_METHOD.match(m)]
    if unknown:
        parser.error(
            f"unknown methods {unknown}; choose from greedy, highs, "
            "cpsat-<N>w[-cold][-tol<M>][-highs][-nopolish]"
        )
    tag = "quick" if args.quick else "full"
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    raw_path = RESULTS / f"{stamp}-{tag}.jsonl"
    started = time.perf_counter()
    out = [f"Machine: {machine()}. Runs are sequential, one instance at a time.", ""]
    print(out[0], flush=True)
    for name in [x for x in args.catalogs.split(",") if x]:
        count = args.count or ((8 if name == "default" else 4) if args.quick else 100)
        try:
            catalog = instance_set.named_catalog(name)
        except instance_set.CatalogUnavailable as err:
            msg = f"### Catalog `{name}`: skipped ({err})\n"
            print(msg, flush=True)
            out.append(msg)
            continue
        clients = instance_set.load_or_generate(name, catalog, instance_set.COUNT)[:count]
        rows: list[Row] = []
        with raw_path.open("a") as raw:
            for k, c in enumerate(clients):
                got = run_instance(name, c, catalog, methods, limits)
                rows += got
                for r in got:
                    raw.write(json.dumps(asdict(r)) + "\n")
                raw.flush()
                print(
                    f"  {name} {k + 1}/{len(clients)} {c['client']}: "
                    + ", ".join(
                        f"{r.method}@{r.limit or '-'} {r.status} {r.seconds:.2f}s" for r in got
                    ),
                    file=sys.stderr,
                    flush=True,
                )
        text = report(name, rows, limits, len(catalog))
        print(text, flush=True)
        out.append(text)
    out.append(f"Total wall time {time.perf_counter() - started:.0f} s; raw rows: {raw_path.name}.")
    print(out[-1])
    (RESULTS / ("latest-quick.md" if args.quick else "latest.md")).write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
