"""Issue 16, part B: one error contract.

Every failure a caller can cause is a `PreExhaustError` with a machine-readable `code`, a
`field`, a `message`, a `hint` and `to_dict()`; messages stay within 300 characters however
long the input; anything else is an internal error, one line and exit 1 in the CLI (the
traceback only with `--debug`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

import optimizer
from optimizer import planner
from optimizer.cli import app
from optimizer.errors import (
    ECHO_LENGTH,
    EXIT_BAD_INPUT,
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_NO_PROGRAM_IN_TIME,
    MESSAGE_LENGTH,
    CancelledError,
    InfeasibleError,
    InputError,
    InternalError,
    NoProgramError,
    PreExhaustError,
    SolverTimeoutError,
    error_dict,
    shorten,
    unknown_name,
)

runner = CliRunner()
FAST: dict[str, Any] = {
    "client": "t",
    "days": ["mon"],
    "session_minutes": 20,
    "targets": {"chest": 2},
    "solver": {"time_limit": 5},
}

# one instance of every error class, built with the constructors callers already use
EXAMPLES: list[tuple[PreExhaustError, str, int]] = [
    (PreExhaustError("something failed"), "error", 1),
    (InputError("days[0]", "unknown day 'mond'", "did you mean mon?"), "bad_input", 2),
    (NoProgramError("no week", ["a reason"]), "no_program", 1),
    (InfeasibleError("No program for t", ["require: x needs y"]), "infeasible", 3),
    (SolverTimeoutError("No program for t found within 5 s"), "timeout", 4),
    (CancelledError("cancelled"), "cancelled", 4),
    (InternalError("CP-SAT rejected the model"), "internal", 1),
]


def test_every_error_class_is_covered() -> None:
    classes = {type(error) for error, _, _ in EXAMPLES}

    def subclasses(cls: type) -> set[type]:
        return {cls} | {s for sub in cls.__subclasses__() for s in subclasses(sub)}

    ours = {c for c in subclasses(PreExhaustError) if c.__module__ == "optimizer.errors"}
    assert ours == classes


@pytest.mark.parametrize(("error", "code", "exit_code"), EXAMPLES, ids=lambda e: str(e)[:20])
def test_contract(error: PreExhaustError, code: str, exit_code: int) -> None:
    assert error.code == code
    assert error.exit_code == exit_code
    assert isinstance(error.field, str)
    assert isinstance(error.message, str) and error.message
    assert error.hint is None or isinstance(error.hint, str)
    data = error.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert {"code", "status", "exit_code", "field", "message", "hint"} <= set(data)
    assert data["code"] == code and data["message"] == error.message


def test_input_error_keeps_its_constructor_and_format() -> None:
    error = InputError("targets.chest.max", "must be at least min (10)", "raise max or lower min")
    assert str(error) == "targets.chest.max: must be at least min (10) (raise max or lower min)"
    assert (error.field, error.exit_code, error.status) == ("targets.chest.max", 2, "invalid_input")
    assert str(InputError("", "no field")) == "no field"


def test_no_program_errors_keep_their_format() -> None:
    error = InfeasibleError("No program for t:", ["a", "b"])
    assert str(error) == "No program for t:\n  - a\n  - b"
    assert error.reasons == error.conflict == ["a", "b"]
    assert error.to_dict()["reasons"] == ["a", "b"]
    assert (error.status, EXIT_INFEASIBLE) == ("infeasible", error.exit_code)
    assert SolverTimeoutError("late").status == "timeout"
    assert SolverTimeoutError("late").exit_code == EXIT_NO_PROGRAM_IN_TIME
    assert isinstance(CancelledError("stop"), SolverTimeoutError)
    assert isinstance(InternalError("bug"), RuntimeError)


def test_infeasible_error_says_how_to_get_the_conflict() -> None:
    assert "explain_infeasible" in (InfeasibleError("No program").hint or "")
    assert "preexhaust explain" in (InfeasibleError("No program").hint or "")


def test_prechecks_conflict_travels_with_the_error() -> None:
    with pytest.raises(InfeasibleError) as caught:
        optimizer.plan({**FAST, "equipment": ["dumbbells_only"], "require": ["barbell_back_squat"]})
    assert any("squat_rack" in reason for reason in caught.value.conflict)
    assert caught.value.to_dict()["code"] == "infeasible"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        (
            {
                "require": ["barbell_back_squat", "barbell_deadlift", "barbell_good_morning"],
                "max_heavy_per_session": 2,
            },
            "3 intensity-5 exercises",
        ),
        (
            {"require": ["leg_extension", "lying_leg_curl"], "max_exercises_per_session": 1},
            "max_exercises_per_session: 1",
        ),
        (
            {
                "require": ["barbell_back_squat", "smith_machine_squat", "leg_press"],
                "max_compounds_per_pattern": 2,
            },
            "3 squat exercises",
        ),
    ],
)
def test_required_exercises_over_a_session_cap_are_found_without_a_search(
    changes: dict[str, Any], words: str
) -> None:
    # `check` passed such a file and only the search found it impossible
    client = {**FAST, "days": ["mon"], "session_minutes": 120, **changes}
    with pytest.raises(InfeasibleError) as caught:
        optimizer.plan(client)
    assert any(words in reason for reason in caught.value.conflict), caught.value.conflict


def test_solver_proven_infeasible_says_how_to_get_a_minimal_conflict() -> None:
    client = {
        "client": "t",
        "days": ["mon"],
        "session_minutes": 10,
        "warmup_minutes": 0,
        "require": ["barbell_back_squat", "barbell_bench_press"],
        "solver": {"time_limit": 5},
    }
    with pytest.raises(InfeasibleError) as caught:
        optimizer.plan(client)
    assert "proven by the solver" in caught.value.message
    assert "explain_infeasible" in (caught.value.hint or "")


# -- long input, short messages ----------------------------------------------------------------


def test_shorten_cuts_long_values_with_an_ellipsis() -> None:
    assert shorten("short") == "short"
    text = shorten("unknown muscle '" + "x" * 10_000 + "'")
    assert len(text) <= ECHO_LENGTH + len("unknown muscle ")
    assert text.endswith("…")
    assert len(shorten("word " * 10_000)) == MESSAGE_LENGTH


def test_every_part_of_an_input_error_is_shortened() -> None:
    error = InputError("f" * 10_000, "m" * 10_000, "h" * 10_000)
    assert len(str(error)) <= MESSAGE_LENGTH
    assert len(error.message) <= MESSAGE_LENGTH and len(error.field) <= MESSAGE_LENGTH
    assert "…" in str(error)
    spaced = InputError("field", "word " * 10_000, "hint " * 10_000)
    assert len(str(spaced)) <= MESSAGE_LENGTH
    many = InfeasibleError("n" * 10_000, ["r" * 10_000])
    assert all(len(line) <= MESSAGE_LENGTH for line in str(many).splitlines())


def test_unknown_name_with_a_huge_name_stays_short() -> None:
    error = unknown_name("targets", "muscle", "x" * 10_000, ["chest", "quads"])
    assert len(str(error)) <= MESSAGE_LENGTH
    assert "targets: unknown muscle 'xxx" in str(error)


def test_unknown_field_of_10000_characters_gives_a_short_message() -> None:
    name = "z" * 10_000
    with pytest.raises(InputError) as caught:
        optimizer.plan({**FAST, name: 1})
    text = str(caught.value)
    assert len(text) <= MESSAGE_LENGTH, len(text)
    assert len(caught.value.to_dict()["message"]) <= MESSAGE_LENGTH
    assert caught.value.code == "bad_input"


def test_unknown_field_of_10000_characters_in_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "client.yaml"
    path.write_text(yaml.safe_dump({**FAST, "q" * 10_000: 1}), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert len(lines[0]) <= len("error: ") + MESSAGE_LENGTH


def test_unknown_exercise_of_10000_characters(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        optimizer.plan({**FAST, "require": ["e" * 10_000]})
    assert len(str(caught.value)) <= MESSAGE_LENGTH


# -- anything else is an internal error ---------------------------------------------------------


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom in build_problem\nsecond line")


def plan_with_a_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *flags: str) -> Result:
    """`preexhaust [flags] plan` on a good file, with a bug planted in build_problem."""
    monkeypatch.setattr(planner, "build_problem", boom)
    path = tmp_path / "client.yaml"
    path.write_text(yaml.safe_dump(FAST), encoding="utf-8")
    return runner.invoke(app, [*flags, "plan", str(path), "--no-write"])


def test_internal_error_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = plan_with_a_bug(tmp_path, monkeypatch)
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("internal error: RuntimeError: boom in build_problem")
    assert "--debug" in lines[0]
    assert "second line" not in result.stderr


def test_internal_error_with_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = plan_with_a_bug(tmp_path, monkeypatch, "--debug")
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert "Traceback (most recent call last)" in result.stderr
    assert "boom in build_problem" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("internal error: RuntimeError")


def test_user_errors_are_untouched_by_the_catch_all(tmp_path: Path) -> None:
    path = tmp_path / "client.yaml"
    path.write_text(yaml.safe_dump({**FAST, "days": ["mond"]}), encoding="utf-8")
    result = runner.invoke(app, ["--debug", "plan", str(path), "--no-write"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: days")


def test_error_dict_of_anything() -> None:
    assert error_dict(InputError("a", "b"))["code"] == "bad_input"
    data = error_dict(KeyError("k"))
    assert data["code"] == "internal" and data["exit_code"] == EXIT_INTERNAL
    assert "KeyError" in data["message"]
