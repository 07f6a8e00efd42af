"""Every bad input ends in one clear line and the documented exit code, never a traceback.

Exit codes (see `optimizer.errors`): 2 bad input, 3 no week satisfies the hard constraints,
4 no week found within the time limit. The cases go through the real CLI (`CliRunner`, one
subprocess) and, for the field paths, through the public API as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

import optimizer
from optimizer import warm_start
from optimizer.cli import app
from optimizer.cpsat import solver as cpsat_solver
from optimizer.cpsat.solver import SolveResult
from optimizer.errors import (
    EXIT_BAD_INPUT,
    EXIT_INFEASIBLE,
    EXIT_NO_PROGRAM_IN_TIME,
    NoProgramError,
)

SRC = Path(__file__).resolve().parents[1] / "src"

BASE: dict[str, Any] = {
    "client": "t",
    "days": ["mon", "wed", "fri"],
    "session_minutes": 45,
    "equipment": ["commercial_gym"],
}
# One short day and one target: the real solves in this file take well under a second.
FAST: dict[str, Any] = {**BASE, "days": ["mon"], "session_minutes": 20, "targets": {"chest": 2}}
DROP = object()  # marks a field to leave out of BASE

runner = CliRunner()


def with_changes(**changes: Any) -> dict[str, Any]:
    """BASE with fields replaced, added, or (value DROP) removed."""
    data = {**BASE, **changes}
    return {k: v for k, v in data.items() if v is not DROP}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder as the working directory, named relatively: an error line clips a long
    path (80 characters), and a test's absolute tmp path is long (longer still under xdist),
    so the tests that compare the named path use a short one."""
    monkeypatch.chdir(tmp_path)
    return Path(".")


def write(folder: Path, content: str | bytes | dict[str, Any], name: str = "client.yaml") -> Path:
    """A constraints file: raw text or bytes as given, a mapping as YAML or JSON by suffix."""
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(content), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(content), encoding="utf-8")
    return path


def invoke(command: str, path: Path, *args: str) -> Result:
    """Run `preexhaust plan|check FILE` in-process; `plan` never writes and stops within 5 s."""
    argv = [command, str(path)]
    if command == "plan":
        argv += ["--no-write", "--time-limit", "5"]
    return runner.invoke(app, [*argv, *args])


def assert_clean_exit(result: Result, code: int) -> None:
    """The expected code, raised on purpose (SystemExit), with no traceback anywhere."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def assert_one_line(result: Result, code: int, field: str, *words: str) -> str:
    """One line on stderr, `error: <field>: ...`, holding every word; returns that line."""
    assert_clean_exit(result, code)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(f"error: {field}: "), line
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    return line


# -- files that cannot be read as constraints --------------------------------------------------

FILE_CASES = [
    pytest.param(
        "client.yaml",
        "days: [mon, wed\nclient: t\n",
        ["not valid YAML", "line 2"],
        id="yaml-syntax",
    ),
    pytest.param(
        "client.yml", "days:\n  - mon\n bad: indent\n", ["not valid YAML"], id="yml-syntax"
    ),
    pytest.param(
        "client.json",
        '{"days": ["mon",}',
        ["not valid JSON", "line 1, column 17"],
        id="json-syntax",
    ),
    pytest.param("client.toml", 'days = ["mon"\n', ["not valid TOML"], id="toml-syntax"),
    pytest.param("client.yaml", "", ["the file is empty"], id="empty-yaml"),
    pytest.param("client.json", "", ["the file is empty"], id="empty-json"),
    pytest.param("client.toml", " \n\n", ["the file is empty"], id="blank-toml"),
    pytest.param("client.yaml", "- mon\n- wed\n", ["expected a mapping"], id="yaml-list"),
    pytest.param("client.json", '["mon", "wed"]', ["expected a mapping"], id="json-list"),
    pytest.param("client.yaml", "just some words\n", ["expected a mapping"], id="yaml-scalar"),
    pytest.param(
        "client.txt", "days: [mon]\n", ["unsupported file type '.txt'", ".toml"], id="suffix"
    ),
    pytest.param("client.yaml", b"\xff\xfe\x00\x81days", ["not a UTF-8 text file"], id="not-utf8"),
]


@pytest.mark.parametrize("command", ["plan", "check"])
@pytest.mark.parametrize(("name", "content", "words"), FILE_CASES)
def test_unreadable_file(
    here: Path, command: str, name: str, content: str | bytes, words: list[str]
) -> None:
    path = write(here, content, name)
    assert_one_line(invoke(command, path), EXIT_BAD_INPUT, str(path), *words)


@pytest.mark.parametrize("command", ["plan", "check"])
def test_missing_file(here: Path, command: str) -> None:
    path = here / "nope.yaml"
    assert_one_line(invoke(command, path), EXIT_BAD_INPUT, str(path), "file not found")


@pytest.mark.parametrize("command", ["plan", "check"])
def test_folder_instead_of_file(here: Path, command: str) -> None:
    folder = here / "client.yaml"
    folder.mkdir()
    assert_one_line(invoke(command, folder), EXIT_BAD_INPUT, str(folder), "is a folder")


@pytest.mark.parametrize(
    ("name", "content"), [pytest.param(*p.values[:2], id=p.id) for p in FILE_CASES]
)
def test_unreadable_file_api(here: Path, name: str, content: str | bytes) -> None:
    path = write(here, content, name)
    with pytest.raises(optimizer.InputError) as caught:
        optimizer.load_constraints(path)
    assert caught.value.field == str(path)
    assert caught.value.exit_code == EXIT_BAD_INPUT


# -- unknown names and impossible numbers, each named by its field path ---------------------

FIELD_CASES = [
    # unknown names, with close matches
    pytest.param(
        {"equipment": ["dumbell"]}, "equipment[0]", ["'dumbell'", "dumbbell"], id="equipment-typo"
    ),
    pytest.param(
        {"equipment": ["barbell", "kettlebel"]},
        "equipment[1]",
        ["kettlebell"],
        id="equipment-typo-second",
    ),
    pytest.param(
        {"targets": {"chets": 10}}, "targets.chets", ["unknown muscle", "chest"], id="muscle-typo"
    ),
    pytest.param(
        {"avoid": {"muscles": ["chets"]}}, "avoid.muscles[0]", ["chest"], id="avoid-muscle-typo"
    ),
    pytest.param(
        {"avoid": {"exercises": ["leg_extenson"]}},
        "avoid.exercises[0]",
        ["unknown exercise", "leg_extension"],
        id="avoid-exercise-typo",
    ),
    pytest.param(
        {"require": ["barbel_back_squat"]},
        "require[0]",
        ["unknown exercise", "barbell_back_squat"],
        id="require-typo",
    ),
    pytest.param(
        {"require": ["leg_extension", "nope"]},
        "require[1]",
        ["'nope'"],
        id="require-unknown-second",
    ),
    pytest.param({"days": ["mon", "wensday"]}, "days[1]", ["unknown day", "wed"], id="day-typo"),
    pytest.param(
        {"split": {"mon": "legz", "wed": "push", "fri": "pull"}},
        "split.mon",
        ["unknown day focus", "lower"],
        id="focus-typo",
    ),
    pytest.param(
        {"split": {"mon": "lower", "wendsday": "push", "fri": "pull"}},
        "split.wendsday",
        ["unknown day"],
        id="split-day-typo",
    ),
    pytest.param(
        {"sessoin_minutes": 45},
        "sessoin_minutes",
        ["unknown field", "session_minutes"],
        id="field-typo",
    ),
    pytest.param(
        {"solver": {"time_limt": 5}}, "solver.time_limt", ["time_limit"], id="nested-field-typo"
    ),
    pytest.param(
        {"targets": {"chest": {"mn": 3}}},
        "targets.chest.mn",
        ["unknown field", "min"],
        id="target-field-typo",
    ),
    pytest.param({"experience": "expert"}, "experience", ["beginner", "'expert'"], id="experience"),
    pytest.param({"days": DROP}, "days", ["required"], id="days-missing"),
    pytest.param({"days": []}, "days", ["no training day"], id="days-empty"),
    pytest.param(
        {"days": ["mon", "wed", "monday"]}, "days[2]", ["mon is listed twice"], id="day-twice"
    ),
    # impossible numbers
    pytest.param(
        {"session_minutes": 5}, "session_minutes.mon", ["5 minutes", "10 to 300"], id="minutes-5"
    ),
    pytest.param(
        {"session_minutes": 500},
        "session_minutes.mon",
        ["500 minutes", "10 to 300"],
        id="minutes-500",
    ),
    pytest.param(
        {"session_minutes": {"mon": 45, "wed": 45, "fri": 5}},
        "session_minutes.fri",
        ["out of range"],
        id="minutes-map-5",
    ),
    pytest.param(
        {"session_minutes": {"mon": 45, "tue": 45, "wed": 45, "fri": 45}},
        "session_minutes.tue",
        ["not a training day", "mon, wed, fri"],
        id="minutes-non-training-day",
    ),
    pytest.param(
        {"session_minutes": {"mon": 45, "wed": 45}},
        "session_minutes",
        ["no minutes for fri"],
        id="minutes-missing-day",
    ),
    pytest.param({"session_minutes": "lots"}, "session_minutes", ["'lots'"], id="minutes-text"),
    pytest.param(
        {"session_minutes": 20, "warmup_minutes": 20},
        "session_minutes.mon",
        ["warm-up"],
        id="warmup-eats-session",
    ),
    pytest.param(
        {"recovery_hours": -1},
        "recovery_hours",
        ["greater than or equal to 0", "-1"],
        id="recovery-negative",
    ),
    pytest.param(
        {"targets": {"chest": {"min": 12, "max": 8}}},
        "targets.chest",
        ["min 12 is above max 8"],
        id="target-min-above-max",
    ),
    pytest.param(
        {"targets": {"chest": "12-8"}},
        "targets.chest",
        ["min 12 is above max 8"],
        id="target-range-reversed",
    ),
    pytest.param({"targets": {"chest": "lots"}}, "targets.chest", ["'lots'"], id="target-text"),
    pytest.param(
        {"sets_per_exercise": [4, 2]},
        "sets_per_exercise",
        ["[4, 2]", "not a valid range"],
        id="sets-reversed",
    ),
    pytest.param(
        {"sets_per_exercise": "a-b"},
        "sets_per_exercise",
        ["expected [min, max] sets", "'a-b'"],
        id="sets-text",
    ),
    pytest.param(
        {"split": {"mon": "push", "wed": "push", "fri": "pull", "sat": "lower"}},
        "split.sat",
        ["not a training day"],
        id="split-non-training-day",
    ),
    pytest.param(
        {"split": {"mon": "push", "wed": "pull"}},
        "split",
        ["no focus for fri"],
        id="split-missing-day",
    ),
    pytest.param(
        {"solver": {"time_limit": 0}},
        "solver.time_limit",
        ["greater than 0"],
        id="solver-time-limit",
    ),
]


@pytest.mark.parametrize("command", ["plan", "check"])
@pytest.mark.parametrize(("changes", "field", "words"), FIELD_CASES)
def test_bad_field(
    tmp_path: Path, command: str, changes: dict[str, Any], field: str, words: list[str]
) -> None:
    path = write(tmp_path, with_changes(**changes))
    assert_one_line(invoke(command, path), EXIT_BAD_INPUT, field, *words)


@pytest.mark.parametrize(("changes", "field", "words"), FIELD_CASES)
def test_bad_field_api(changes: dict[str, Any], field: str, words: list[str]) -> None:
    with pytest.raises(optimizer.InputError) as caught:
        optimizer.plan(with_changes(**changes))
    assert caught.value.field == field
    assert caught.value.exit_code == EXIT_BAD_INPUT
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"equipment": ["dumbell"]}, "equipment[0]"),
        ({"targets": {"chets": 10}}, "targets.chets"),
        ({"days": ["mon", "wensday"]}, "days[1]"),
        ({"session_minutes": {"mon": 45, "wed": 45, "fri": 45, "sun": 45}}, "session_minutes.sun"),
        ({"sets_per_exercise": [4, 2]}, "sets_per_exercise"),
    ],
)
def test_bad_field_load_constraints(tmp_path: Path, changes: dict[str, Any], field: str) -> None:
    path = write(tmp_path, with_changes(**changes), "client.json")
    with pytest.raises(optimizer.InputError) as caught:
        optimizer.load_constraints(path)
    assert caught.value.field == field


def test_bad_input_json_status(tmp_path: Path) -> None:
    path = write(tmp_path, with_changes(equipment=["dumbell"]))
    result = invoke("plan", path, "--json")
    assert_one_line(result, EXIT_BAD_INPUT, "equipment[0]", "dumbbell")
    payload = json.loads(result.stdout)
    assert payload["status"] == "invalid_input"
    assert payload["field"] == "equipment[0]"
    assert "dumbbell" in payload["error"]


# -- command-line options ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [
        ("--time-limit", "-1", "solver.time_limit"),
        ("--time-limit", "0", "solver.time_limit"),
        ("--workers", "0", "solver.workers"),
        ("--seed", "-1", "solver.seed"),
        ("--time-tolerance", "-1", "solver.time_tolerance"),
        ("--time-tolerance", "61", "solver.time_tolerance"),
    ],
)
def test_bad_solver_override(tmp_path: Path, option: str, value: str, field: str) -> None:
    path = write(tmp_path, BASE)
    result = runner.invoke(app, ["plan", str(path), "--no-write", option, value])
    assert_one_line(result, EXIT_BAD_INPUT, field, option)


def test_bad_solver_override_api() -> None:
    with pytest.raises(optimizer.InputError) as caught:
        optimizer.plan(BASE, time_limit=-1)
    assert caught.value.field == "solver.time_limit"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("book.yaml", "- [a\n", ["not valid YAML", "line 2"]),
        ("book.json", "[", ["not valid JSON", "line 1"]),
        ("book.csv", "id,name\nx,y\n", ["missing column(s)", "mechanic"]),
        ("book.txt", "x", ["unsupported catalog format"]),
    ],
)
def test_bad_catalog(tmp_path: Path, name: str, content: str, words: list[str]) -> None:
    book = write(tmp_path, content, name)
    path = write(tmp_path, BASE)
    assert_one_line(invoke("plan", path, "--catalog", str(book)), EXIT_BAD_INPUT, str(book), *words)


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (["plan", "--time-limit", "abc", "x.yaml"], "error: --time-limit: "),
        (["plan", "--bogus"], "error: No such option: --bogus"),
        (["plan"], "error: Missing argument"),
        (["batch", "x.csv", "--workers", "0"], "error: --workers: "),
        (["serve", "--port", "0"], "error: --port: "),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv: list[str], start: str) -> None:
    """The CLI's own line, not click's usage block and a framed box."""
    result = runner.invoke(app, argv)
    assert result.exit_code == EXIT_BAD_INPUT
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(start), result.stderr
    assert lines[0].endswith(f" {argv[0]} --help')")  # the program's name, then the command


@pytest.mark.parametrize("below", ["", "sub"])
def test_out_is_a_file(tmp_path: Path, below: str) -> None:
    """`--out` naming a file (or a folder below one) is one line before any solve: it was
    found only after the week's search, which a file's time limit may make minutes."""
    path = write(tmp_path, FAST)
    blocker = write(tmp_path, "not a folder", "blocker")
    out = blocker / below if below else blocker
    result = runner.invoke(app, ["plan", str(path), "--time-limit", "5", "--out", str(out)])
    assert_clean_exit(result, EXIT_BAD_INPUT)
    assert result.stderr.strip().startswith(f"error: --out {out}: ")
    assert result.stdout == ""  # refused before the solve: no week printed


def test_a_file_that_cannot_be_written_is_named(here: Path) -> None:
    path = write(here, FAST)
    (here / "out" / f"{FAST['client']}.json").mkdir(parents=True)  # a folder in its place
    result = runner.invoke(app, ["plan", str(path), "--out", "out"])
    assert_clean_exit(result, EXIT_BAD_INPUT)
    assert f"cannot write out/{FAST['client']}.json" in result.stderr, result.stderr


# -- no week satisfies the hard constraints ---------------------------------------------------

INFEASIBLE_CASES = [
    pytest.param(
        {"equipment": ["dumbbells_only"], "require": ["barbell_back_squat"]},
        ["require", "barbell_back_squat", "barbell", "squat_rack", "equipment"],
        id="require-missing-equipment",
    ),
    pytest.param(
        {"split": {"mon": "push", "wed": "push", "fri": "push"}, "require": ["leg_extension"]},
        ["require", "leg_extension", "quads", "split", "mon: push"],
        id="require-outside-split",
    ),
    pytest.param(
        {"experience": "beginner", "require": ["barbell_front_squat"]},
        ["require", "barbell_front_squat", "advanced", "experience is beginner"],
        id="require-too-advanced",
    ),
    pytest.param(
        {"session_minutes": 10, "require": ["barbell_back_squat"]},
        ["require", "barbell_back_squat", "minutes", "session_minutes"],
        id="require-too-long",
    ),
    pytest.param(
        {"targets": {"chest": {"max": 1}}, "require": ["dumbbell_bench_press"]},
        ["require", "dumbbell_bench_press", "targets.chest.max"],
        id="require-above-target-max",
    ),
    # each fits a 10-minute session alone (9 and 7 minutes), not both: only the solver sees it
    pytest.param(
        {
            "days": ["mon"],
            "session_minutes": 10,
            "warmup_minutes": 0,
            "require": ["barbell_back_squat", "barbell_bench_press"],
        },
        ["proven by the solver", "session_minutes", "require"],
        id="solver-proves-infeasible",
    ),
]


@pytest.mark.parametrize(("changes", "words"), INFEASIBLE_CASES)
def test_infeasible(tmp_path: Path, changes: dict[str, Any], words: list[str]) -> None:
    path = write(tmp_path, with_changes(**changes))
    result = invoke("plan", path)
    assert_clean_exit(result, EXIT_INFEASIBLE)
    assert result.stderr.startswith("error: No program for t satisfies the hard constraints")
    for word in words:
        assert word in result.stderr, f"{word!r} not in {result.stderr!r}"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("changes", "words"), INFEASIBLE_CASES[:1] + INFEASIBLE_CASES[-1:])
def test_infeasible_json(tmp_path: Path, changes: dict[str, Any], words: list[str]) -> None:
    path = write(tmp_path, with_changes(**changes))
    result = invoke("plan", path, "--json")
    assert_clean_exit(result, EXIT_INFEASIBLE)
    payload = json.loads(result.stdout)
    assert payload["status"] == "infeasible"
    assert payload["error"].startswith("No program for t")
    assert all(word in payload["error"] + " ".join(payload["reasons"]) for word in words)


def test_infeasible_api() -> None:
    with pytest.raises(optimizer.InfeasibleError) as caught:
        optimizer.plan(with_changes(equipment=["dumbbells_only"], require=["barbell_back_squat"]))
    assert caught.value.exit_code == EXIT_INFEASIBLE
    assert caught.value.status == "infeasible"
    assert any("squat_rack" in reason for reason in caught.value.reasons)


# -- no week within the time limit ------------------------------------------------------------


@pytest.fixture
def solver_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """CP-SAT stops at its time limit with no solution and the greedy has no week to fall back
    on (a real solve cannot do that reliably)."""

    def no_greedy_week(data: object) -> None:
        raise NoProgramError("the greedy heuristic could not place every required exercise")

    monkeypatch.setattr(cpsat_solver, "solve", lambda built, settings: SolveResult("unknown"))
    monkeypatch.setattr(warm_start, "greedy_assignment", no_greedy_week)


@pytest.mark.usefixtures("solver_times_out")
def test_timeout_cli(tmp_path: Path) -> None:
    path = write(tmp_path, FAST)
    result = invoke("plan", path)
    assert_clean_exit(result, EXIT_NO_PROGRAM_IN_TIME)
    assert result.stderr.startswith("error: No program for t found within 5 s")
    assert "time_limit" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.usefixtures("solver_times_out")
def test_timeout_json(tmp_path: Path) -> None:
    path = write(tmp_path, FAST)
    result = invoke("plan", path, "--json")
    assert_clean_exit(result, EXIT_NO_PROGRAM_IN_TIME)
    assert json.loads(result.stdout)["status"] == "timeout"


@pytest.mark.usefixtures("solver_times_out")
def test_timeout_api() -> None:
    with pytest.raises(optimizer.SolverTimeoutError) as caught:
        optimizer.plan(FAST, time_limit=3)
    assert caught.value.exit_code == EXIT_NO_PROGRAM_IN_TIME
    assert "within 3 s" in str(caught.value)


# -- the real entry point, `check` and `schema` ---------------------------------------------


def test_module_entry_point_subprocess(tmp_path: Path) -> None:
    path = write(tmp_path, with_changes(equipment=["dumbell"]))
    paths = [str(SRC), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-m", "optimizer", "plan", str(path), "--no-write"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: equipment[0]: unknown equipment or preset 'dumbell' ")
    assert "dumbbell" in lines[0]
    assert not (tmp_path / "out").exists()


def test_check_good_file(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    result = invoke("check", path)
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout
    assert result.stderr == ""


def test_check_bad_file(tmp_path: Path) -> None:
    path = write(tmp_path, with_changes(targets={"chets": 10}))
    assert_one_line(invoke("check", path), EXIT_BAD_INPUT, "targets.chets", "chest")


def test_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert '"days"' in result.stdout
    assert '"session_minutes"' in result.stdout
    assert {"days", "session_minutes"} <= set(schema["properties"])
    assert "days" in schema["required"]


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "examples/article_week.yaml", "--format", "md"],
        ["plan"],
        ["batch", "examples/clients.csv", "--bogus"],
    ],
    ids=["unknown-option", "missing-argument", "batch-unknown-option"],
)
def test_a_usage_mistake_is_exit_2_not_an_internal_error(args: list[str]) -> None:
    """Typer 0.29 ships its own click, whose usage errors are not click.ClickException; they
    must still be the usage line and exit 2, never 'internal error'."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "Traceback" not in result.output
