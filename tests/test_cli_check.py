"""`preexhaust check --catalog`: the file is checked against the catalog given, like `plan` and
`explain` do, and a catalog that cannot be read is one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from optimizer.catalog import CSV_COLUMNS
from optimizer.cli import app
from optimizer.errors import EXIT_BAD_INPUT

runner = CliRunner()

# Two exercises the bundled catalog does not have: the check can only pass `require` with them.
ROWS = [
    "wall_push_up,Wall push-up,compound,3,chest,triceps;front_delts,,horizontal_push,beginner,"
    "10,20,3,60,15,false,",
    "towel_curl,Towel curl,isolation,2,biceps,forearms,,elbow_flexion,beginner,8,12,3,60,15,false,",
]
CLIENT = {
    "client": "wall",
    "days": ["mon", "thu"],
    "session_minutes": 30,
    "equipment": ["bodyweight_only"],
    "targets": {"chest": 4, "biceps": 4},
    "require": ["wall_push_up"],
}


def write_catalog(folder: Path) -> Path:
    path = folder / "home.csv"
    path.write_text(
        ",".join(c for c in CSV_COLUMNS if c != "quality") + "\n" + "\n".join(ROWS) + "\n",
        encoding="utf-8",
    )
    return path


def write_client(folder: Path) -> Path:
    path = folder / "wall.yaml"
    path.write_text(yaml.safe_dump(CLIENT), encoding="utf-8")
    return path


def check(*args: str | Path) -> Result:
    return runner.invoke(app, ["check", *(str(a) for a in args)])


def one_error_line(result: Result, *words: str) -> str:
    """Exit 2, no traceback, one `error:` line on stderr holding every word."""
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    return lines[0]


def test_check_uses_the_catalog_given(tmp_path: Path) -> None:
    client = write_client(tmp_path)
    result = check(client, "--catalog", write_catalog(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{client}: valid; 2 day(s), ")
    assert "of 2 exercises usable" in result.stdout  # counted in the custom catalog
    assert result.stderr == ""


def test_check_catalog_folder(tmp_path: Path) -> None:
    folder = tmp_path / "home"
    folder.mkdir()
    write_catalog(tmp_path).rename(folder / "exercises.csv")
    result = check(write_client(tmp_path), "--catalog", folder)
    assert result.exit_code == 0, result.output
    assert "of 2 exercises usable" in result.stdout


def test_without_catalog_the_bundled_one_applies(tmp_path: Path) -> None:
    """The same file fails against the bundled catalog: its required exercise is not there."""
    one_error_line(check(write_client(tmp_path)), "require[0]", "wall_push_up")


def test_missing_catalog_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: an error line clips a long one
    missing = Path("nope.csv")
    one_error_line(check(write_client(Path(".")), "--catalog", missing), str(missing), "not found")


def test_folder_without_exercises_csv_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    one_error_line(check(write_client(tmp_path), "--catalog", empty), str(empty), "not found")


def test_bad_catalog_row_names_row_and_field(tmp_path: Path) -> None:
    path = write_catalog(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("biceps,", "bicepz,"), "utf-8")
    one_error_line(check(write_client(tmp_path), "--catalog", path), "row 3", "primary", "biceps")
