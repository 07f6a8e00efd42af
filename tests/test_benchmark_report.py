"""The benchmark's yardstick: every method is compared with the best CP-SAT week of a client,
also when the rows come from several runs merged into one file."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from helpers import benchmark_module

run = benchmark_module("run")


def _row(client: str, method: str, objective: int | None, stale: int | None = None) -> run.Row:
    row = run.Row(catalog="default", client=client, method=method, limit=10.0, status="feasible")
    row.objective = row.reported = row.bound = objective
    row.gap, row.attainment, row.pairs, row.exercise_minutes = 0.0, 0.8, 0, 100.0
    row.features = {
        "cpsat_best": stale,
        "floor": 0,  # the instance's worst week: ratios are measured from it
        **dict.fromkeys(("days", "minutes", "targets", "candidates", "require"), 1),
        **dict.fromkeys(("equipment", "ordering", "split"), "x"),
    }
    return row


def test_best_is_per_client_over_every_cpsat_method() -> None:
    rows = [
        _row("a", "cpsat-1w", 90),
        _row("a", "cpsat-2w", 100),
        _row("a", "highs", 105),  # a better MIP week is not the CP-SAT best
        _row("a", "greedy", 80),
        _row("b", "greedy", 70),
        _row("b", "cpsat-1w", None),
    ]
    run.mark_cpsat_best(rows)
    assert [r.features["cpsat_best"] for r in rows] == [100, 100, 100, 100, None, None]


def test_summarize_recomputes_the_best_of_merged_runs(tmp_path: Path) -> None:
    """Each run stored its own best; merged, the 1-worker week is no longer 'the best'."""
    first = [_row("a", "cpsat-1w", 90, stale=90)]
    second = [_row("a", "cpsat-2w", 100, stale=100)]
    merged = tmp_path / "merged.jsonl"
    merged.write_text("".join(json.dumps(asdict(r)) + "\n" for r in first + second))
    text = run.summarize(merged)
    line = next(x for x in text.splitlines() if x.startswith("| cpsat-1w "))
    assert "90.00%" in line and "0/1" in line
    line = next(x for x in text.splitlines() if x.startswith("| cpsat-2w "))
    assert "100.00%" in line and "1/1" in line


def test_the_proof_time_is_reported_apart_from_the_tie_break() -> None:
    """`time to optimum` is the whole solve; the cell also gives the proof alone (before the
    tie-break), read from the solve itself, never above the whole."""
    from optimizer import load_catalog
    from optimizer.constraints import load_constraints
    from optimizer.planner import solve_problem
    from optimizer.problem import build_problem

    from helpers import EXAMPLES

    catalog = load_catalog()
    c = load_constraints(EXAMPLES / "article_week.yaml", catalog.vocabulary)
    result = solve_problem(build_problem(c, catalog), c.solver)
    assert result.status == "optimal" and result.tie_break
    assert result.proof_seconds is not None
    assert 0 < result.proof_seconds <= result.solve_seconds
    a = _row("a", "cpsat-1w", 100)
    a.status, a.seconds, a.proof_seconds = "optimal", 1.0, 0.25
    b = _row("b", "cpsat-1w", 100)
    b.status, b.seconds, b.proof_seconds = "optimal", 3.0, 2.0
    c_row = _row("c", "cpsat-1w", 100)  # unproven: counts as beyond the limit
    for row in (a, b, c_row):
        row.limit = 1.0  # each client's one run, at the short limit
    run.mark_cpsat_best([a, b, c_row])
    line = run.quality_line("cpsat-1w", [a, b, c_row], (1.0, 10.0), 3)
    assert "| 2/3 | 3.00 / > 10 (2.00) |" in line
