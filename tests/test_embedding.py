"""Issue 16, part B: safe to embed.

The app's limits beat the input's `solver` block (reproduction 12), the search log goes
through `logging` and never to stdout, a running solve can be cancelled from another thread,
`import optimizer` stays light (no pandas), the package is typed (`mypy --strict` on a user
script), and the tidy top-level API.
"""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

import optimizer
from optimizer import CancelledError, SolveLimits, SolverTimeoutError, plan, validate
from optimizer.constraints import SolverSettings
from optimizer.cpsat import solver as cpsat_solver
from optimizer.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FAST: dict[str, Any] = {
    "client": "t",
    "days": ["mon"],
    "session_minutes": 20,
    "targets": {"chest": 2},
}
# reproduction 12: the input asks for every core, an hour and the search log
GREEDY_SOLVER = {"workers": 64, "time_limit": 3600, "log": True}
# three days with the default targets: CP-SAT is still improving after several seconds
SLOW: dict[str, Any] = {"client": "slow", "days": ["mon", "wed", "fri"], "session_minutes": 60}


@pytest.fixture
def seen_settings(monkeypatch: pytest.MonkeyPatch) -> list[SolverSettings]:
    """The settings every CP-SAT solve of `plan` receives (the real solve still runs)."""
    seen: list[SolverSettings] = []
    real = cpsat_solver.solve

    def spy(built: cpsat_solver.BuiltModel, settings: SolverSettings, **kw: Any) -> Any:
        seen.append(settings)
        return real(built, settings, **kw)

    monkeypatch.setattr(cpsat_solver, "solve", spy)
    return seen


# -- reproduction 12: the input's solver block is capped by the app's limits --------------------


def test_reproduction_12_limits_cap_the_solver_block(
    tmp_path: Path, seen_settings: list[SolverSettings], capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "greedy.yaml"
    path.write_text(yaml.safe_dump({**FAST, "solver": GREEDY_SOLVER}), encoding="utf-8")
    limits = SolveLimits(max_workers=1, max_time_limit=5)
    program = plan(path, time_limit=30, limits=limits)
    assert program.status == "optimal"
    (settings,) = seen_settings
    assert settings.workers == 1
    assert settings.time_limit <= 5
    assert settings.log is False  # allow_log defaults to False
    assert program.solver["workers"] == 1 and program.solver["time_limit"] == 5
    assert validate(program, path) == []
    out, err = capfd.readouterr()
    assert "CP-SAT" not in out + err


def test_limits_only_cap(seen_settings: list[SolverSettings]) -> None:
    """A limit above what the input asks for leaves the input's setting."""
    plan({**FAST, "solver": {"time_limit": 2, "workers": 1}}, limits=SolveLimits(max_workers=8))
    assert seen_settings[0].workers == 1 and seen_settings[0].time_limit <= 2


def test_limits_count_the_highs_thread(seen_settings: list[SolverSettings]) -> None:
    """`solver.highs` is one more thread: a cap of one thread turns it off, a cap of two
    keeps it beside one CP-SAT worker."""
    asked = {**FAST, "solver": {"time_limit": 2, "workers": 1, "highs": True}}
    plan(asked, limits=SolveLimits(max_workers=1))
    plan(asked, limits=SolveLimits(max_workers=2))
    assert [s.highs for s in seen_settings] == [False, True]
    plan({**asked, "solver": {**asked["solver"], "workers": 4}}, limits=SolveLimits(max_workers=2))
    assert (seen_settings[-1].workers, seen_settings[-1].highs) == (2, False)


def test_limits_reject_nonsense() -> None:
    with pytest.raises(InputError):
        SolveLimits(max_workers=0)
    with pytest.raises(InputError):
        SolveLimits(max_time_limit=-1)


def test_limits_are_frozen() -> None:
    limits = SolveLimits(max_workers=2)
    with pytest.raises(AttributeError):
        limits.max_workers = 64  # type: ignore[misc]


# -- the search log goes through logging ---------------------------------------------------------


def test_search_log_goes_to_the_logger_not_stdout(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    with caplog.at_level(logging.INFO, logger="optimizer.cpsat"):
        plan({**FAST, "solver": {"time_limit": 5, "log": True}})
    out, err = capfd.readouterr()
    assert "CP-SAT" not in out and "CP-SAT" not in err
    lines = [r.getMessage() for r in caplog.records if r.name == "optimizer.cpsat"]
    assert any("CP-SAT solver" in line for line in lines)


def test_allowed_log_still_goes_to_the_logger(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    with caplog.at_level(logging.INFO, logger="optimizer.cpsat"):
        plan({**FAST, "solver": {"time_limit": 5, "log": True}}, limits=SolveLimits(allow_log=True))
    assert "CP-SAT" not in capfd.readouterr().out
    assert any(r.name == "optimizer.cpsat" for r in caplog.records)


# -- cancel from another thread ------------------------------------------------------------------


def test_cancel_stops_a_slow_solve_from_another_thread() -> None:
    client = {**SLOW, "solver": {"time_limit": 60, "workers": 1}}
    stop = threading.Event()
    timer = threading.Timer(1.5, stop.set)
    started = time.monotonic()
    timer.start()
    try:
        program = plan(client, cancel=stop)
    except SolverTimeoutError as error:  # no week yet: a clear error, not a hang
        assert isinstance(error, CancelledError)
        program = None
    finally:
        timer.cancel()
    elapsed = time.monotonic() - started
    assert stop.is_set()
    assert elapsed < 15, elapsed  # the search would have run for 60 s
    if program is not None:
        assert program.status in ("feasible", "optimal")
        assert validate(program, client) == []


def test_cancel_before_the_solve_raises_cancelled() -> None:
    stop = threading.Event()
    stop.set()
    started = time.monotonic()
    with pytest.raises(CancelledError) as caught:
        plan({**SLOW, "solver": {"time_limit": 60}}, cancel=stop)
    assert time.monotonic() - started < 10
    assert caught.value.code == "cancelled" and caught.value.exit_code == 4


def test_an_unset_cancel_changes_nothing() -> None:
    program = plan({**FAST, "solver": {"time_limit": 5}}, cancel=threading.Event())
    assert program.status == "optimal"


# -- import cost ---------------------------------------------------------------------------------


def test_import_optimizer_does_not_import_pandas_or_ortools() -> None:
    code = (
        "import sys, optimizer\n"
        "heavy = [m for m in ('pandas', 'ortools', 'numpy') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
        "optimizer.to_json, optimizer.explain_infeasible, optimizer.plan_many\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(SRC)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"imported by `import optimizer`: {done.stdout}"


# -- a tidy, typed API ---------------------------------------------------------------------------


def test_top_level_api() -> None:
    from optimizer.explain import explain_infeasible
    from optimizer.export import to_csv, to_html, to_json, to_markdown

    assert optimizer.to_json is to_json and optimizer.to_csv is to_csv
    assert optimizer.to_markdown is to_markdown and optimizer.to_html is to_html
    assert optimizer.explain_infeasible is explain_infeasible
    assert set(optimizer.__all__) <= set(dir(optimizer))
    with pytest.raises(AttributeError):
        _ = optimizer.no_such_name  # type: ignore[attr-defined]


def test_validate_takes_what_plan_takes(tmp_path: Path) -> None:
    client = {**FAST, "solver": {"time_limit": 5}}
    path = tmp_path / "client.yaml"
    path.write_text(yaml.safe_dump(client), encoding="utf-8")
    program = plan(path)
    constraints = optimizer.load_constraints(path)
    assert validate(program, constraints) == []
    assert validate(program, client) == []
    assert validate(program, path) == []
    assert validate(program, str(path), optimizer.load_catalog()) == []
    assert validate(program, {**client, "session_minutes": 10}) != []


def test_py_typed_ships_with_the_package() -> None:
    assert (SRC / "optimizer" / "py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["src/optimizer"]' in pyproject  # hatch ships every file of the folder


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy not installed")
def test_mypy_strict_on_a_user_script(tmp_path: Path) -> None:
    script = ROOT / "tests" / "data" / "api_user.py"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "mypy"),
            str(script),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_plan_many_example_runs_as_a_script(tmp_path: Path) -> None:
    """The README's example, with its `__main__` guard, pasted into a script (spawned
    workers re-import the script)."""
    script = tmp_path / "batch_script.py"
    script.write_text(
        "from optimizer import plan_many\n\n"
        'if __name__ == "__main__":\n'
        "    clients = [\n"
        f"        {{**{FAST!r}, 'client': 'a'}},\n"
        f"        {{**{FAST!r}, 'client': 'b'}},\n"
        "    ]\n"
        "    batch = plan_many(clients, None, workers=2, time_limit=5)\n"
        "    print(batch.describe())\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "2 clients" in done.stdout, done.stdout


def test_a_batch_row_cannot_ask_for_more_threads_than_cores_or_a_log() -> None:
    """The batch applies the same policy to every row (issue 16: "the service and batch use
    it"): a sheet saying workers 64 and log true gets the worker's cores and no log."""
    from optimizer.batch.engines import available_cores
    from optimizer.batch.tasks import solve_task

    row = {
        "client": "greedy_row",
        "days": ["mon"],
        "session_minutes": 30,
        "targets": {"chest": 4},
        "solver": {"workers": 64, "log": True, "time_limit": 2},
    }
    result = solve_task({"client": "greedy_row", "constraints": row})
    assert result["status"] in ("optimal", "feasible"), result["error"]
    assert result["program"]["solver"]["workers"] == min(64, available_cores())
