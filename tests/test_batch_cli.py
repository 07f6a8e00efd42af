"""`preexhaust batch`: exit codes, progress lines, and a batch killed half way then resumed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optimizer.cli import app

from helpers import ROOT
from test_batch import BAD_SHEET, QUICK, assert_same_folders, quick_sheet, read_summary

runner = CliRunner()


def test_a_clean_batch_exits_0_with_one_plain_line_per_client(tmp_path):
    sheet = quick_sheet(tmp_path / "c.csv", QUICK[:3])
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(sheet), "--out", str(out), "--engine", "serial"])
    assert result.exit_code == 0, result.output
    assert "3 clients: 3 optimal" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert [line.split()[0:3] for line in lines] == [
        ["[1/3]", "george", "optimal"],
        ["[2/3]", "pia", "optimal"],
        ["[3/3]", "gus", "optimal"],
    ]
    assert lines[0].endswith(" s")
    assert (out / "summary.csv").is_file() and (out / "programs.csv").is_file()


def test_failures_are_counted_listed_and_exit_1(tmp_path):
    sheet = tmp_path / "c.csv"
    sheet.write_text(BAD_SHEET, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(sheet), "--out", str(out), "--engine", "serial", "--no-progress"]
    )
    assert result.exit_code == 1, result.output
    # boom and slow solve normally here (no fault injection): 7 of 10 fail
    assert "7 of 10 clients failed" in result.stderr
    assert "typo (c.csv row 3): invalid_input: equipment[0]: unknown equipment" in result.stdout
    assert "tight (c.csv row 4): infeasible" in result.stdout
    assert not [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(read_summary(out)) == 10


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--engine", "spark"], "unknown engine 'spark'"),
        (["--scheduler", "tcp://127.0.0.1:1"], "needs --engine dask"),
        (["--time-limit", "0"], "--time-limit"),
        (["--time-tolerance", "-2"], "--time-tolerance"),
        (["--resume", "--overwrite"], "cannot be used with --overwrite"),
    ],
)
def test_a_wrong_batch_is_exit_2_with_one_line(tmp_path, args, words):
    sheet = quick_sheet(tmp_path / "c.csv", QUICK[:1])
    result = runner.invoke(app, ["batch", str(sheet), "--out", str(tmp_path / "o"), *args])
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_an_unknown_column_is_exit_2_before_any_solve(tmp_path):
    sheet = tmp_path / "c.csv"
    sheet.write_text("client,days,sesion_minutes\na,mon,60\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(sheet), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "did you mean session_minutes?" in result.stderr
    assert not (tmp_path / "o").exists()


# -- killed half way --------------------------------------------------------------------------

#: Enough work that a kill after three clients lands mid-batch (about 0.2-1 s per client).
KILL_CLIENTS = QUICK


def _command(sheet: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "optimizer",
        "batch",
        str(sheet),
        "--out",
        str(out),
        "--workers",
        "1",
        *extra,
    ]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    return env


def _records(out: Path) -> int:
    folder = out / "records"
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0


def _group_ends(group: int, seconds: float = 10) -> bool:
    """True once no process of the group is left (the workers were stopped, not orphaned)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> tuple[Path, Path]:
    """The reference: the same batch run once without interruption."""
    tmp = tmp_path_factory.mktemp("reference")
    sheet = quick_sheet(tmp / "clients.csv", KILL_CLIENTS)
    out = tmp / "out"
    done = subprocess.run(
        _command(sheet, out), env=_env(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return sheet, out


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "SIGKILL"])
def test_a_killed_batch_resumes_to_the_same_folder(tmp_path, uninterrupted, how):
    sheet, reference = uninterrupted
    out = tmp_path / "out"
    process = subprocess.Popen(
        _command(sheet, out),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so kill -9 takes the workers too
    )
    try:
        deadline = time.monotonic() + 120
        while _records(out) < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        if how in ("SIGINT", "SIGTERM"):  # Ctrl-C or kill: the parent stops its workers
            process.send_signal(getattr(signal, how))
        else:
            os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    done_at_kill = _records(out)
    assert 3 <= done_at_kill < len(KILL_CLIENTS), "the kill did not land mid-batch"
    if how != "SIGKILL":
        assert _group_ends(process.pid), "a worker outlived the stopped batch"
        assert process.returncode == 130
        assert "--resume" in stderr
        statuses = [row["status"] for row in read_summary(out)]
        assert statuses.count("interrupted") == len(KILL_CLIENTS) - done_at_kill
    else:
        assert process.returncode == -signal.SIGKILL
    if how != "SIGKILL":  # a clean stop; kill -9 may cut a write short (resume cleans up)
        assert not list(out.rglob("*.tmp"))

    resumed = subprocess.run(
        _command(sheet, out, "--resume"), env=_env(), capture_output=True, text=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done_at_kill} already done" in resumed.stderr
    assert_same_folders(out, reference)
