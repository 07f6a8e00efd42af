"""The catalog's `quality` column (issue 13): how well an exercise loads and progresses, 1-5.

The bundled catalog rates every exercise; a catalog without the column loads with 3; a bad
value names the row and `quality`; the importers derive the rating and report how they rated;
the catalog writer keeps it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optimizer import InputError, load_catalog
from optimizer.catalog import CSV_COLUMNS, DEFAULT_QUALITY, Catalog
from optimizer.cli import app
from optimizer.importers import defaults as d
from optimizer.importers import import_csv, import_free_exercise_db, write_catalog

from helpers import ROOT

SAMPLE = Path(__file__).parent / "data" / "free_exercise_db_sample.json"
REAL = ROOT.parent / "shared" / "data" / "free-exercise-db" / "exercises.json"
IMPORT = ("catalog", "import", "--format", "free-exercise-db", str(SAMPLE), "--out")
OLD_HEADER = ",".join(c for c in CSV_COLUMNS if c != "quality")
CURL = "curl,Curl,isolation,2,biceps,forearms,dumbbell,elbow_flexion,beginner"
TIMES = "8,12,3,75,30,false,"

# (light-kit variant, its loaded counterpart): same pattern, same primary muscles
PAIRS = (
    ("band_lateral_raise", "dumbbell_lateral_raise"),
    ("band_lateral_raise", "cable_lateral_raise"),
    ("band_front_raise", "dumbbell_front_raise"),
    ("band_triceps_pushdown", "cable_triceps_pushdown"),
    ("band_biceps_curl", "dumbbell_biceps_curl"),
    ("band_seated_row", "seated_cable_row"),
    ("band_hip_extension", "cable_glute_kickback"),
    ("band_pull_apart", "reverse_pec_deck"),
    ("band_assisted_pull_up", "lat_pulldown"),
    ("suspension_trainer_row", "barbell_bent_over_row"),
    ("suspension_trainer_push_up", "dumbbell_bench_press"),
    ("stability_ball_leg_curl", "lying_leg_curl"),
    ("bodyweight_squat", "barbell_back_squat"),
)


def _csv(tmp_path: Path, header: str, *rows: str) -> Path:
    path = tmp_path / "cat.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


# -- the bundled catalog ----------------------------------------------------------------------


def test_bundled_catalog_rates_every_exercise(catalog: Catalog) -> None:
    with (ROOT / "models" / "exercises.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        cells = {row["id"]: row["quality"] for row in reader}
    assert len(cells) == len(catalog) == 195
    assert all(cell in {"1", "2", "3", "4", "5"} for cell in cells.values()), cells
    assert {ex.id: str(ex.quality) for ex in catalog} == cells
    assert {ex.quality for ex in catalog} == {1, 2, 3, 4, 5}


@pytest.mark.parametrize(("light", "loaded"), PAIRS)
def test_light_kit_rates_below_its_loaded_counterpart(
    catalog: Catalog, light: str, loaded: str
) -> None:
    a, b = catalog[light], catalog[loaded]
    assert a.pattern == b.pattern and set(a.primary) == set(b.primary), (a, b)
    assert a.quality < b.quality, (light, a.quality, loaded, b.quality)


def test_bundled_ratings_follow_the_rules(catalog: Catalog) -> None:
    for ex in catalog:
        kit = {item for group in ex.equipment for item in group}
        if kit == {"resistance_band"} or kit == {"suspension_trainer"}:
            assert ex.quality <= 2, ex.id
    for staple in ("barbell_back_squat", "barbell_bench_press", "lat_pulldown", "leg_press"):
        assert catalog[staple].quality == 5
    for mid in ("push_up", "chest_dip", "kettlebell_swing", "landmine_press"):
        assert catalog[mid].quality == 3


# -- loading ----------------------------------------------------------------------------------


def test_catalog_without_the_column_loads_with_3(tmp_path: Path) -> None:
    book = load_catalog(_csv(tmp_path, OLD_HEADER, f"{CURL},{TIMES}"))
    assert book["curl"].quality == DEFAULT_QUALITY == 3
    data = [{"id": "curl", "name": "Curl", "mechanic": "isolation", "intensity": 2}]
    data[0].update(primary="biceps", reps_min=8, reps_max=12, rest_seconds=60)
    for suffix, text in ((".json", json.dumps(data)), (".yaml", json.dumps({"exercises": data}))):
        path = tmp_path / f"cat{suffix}"
        path.write_text(text, encoding="utf-8")
        assert load_catalog(path)["curl"].quality == 3
        data[0]["quality"] = 5
        path.write_text(json.dumps(data), encoding="utf-8")
        assert load_catalog(path)["curl"].quality == 5
        del data[0]["quality"]


def test_quality_column_is_read_and_an_empty_cell_is_3(tmp_path: Path) -> None:
    header = ",".join(CSV_COLUMNS)
    rows = (f"{CURL},5,{TIMES}", f"{CURL.replace('curl,Curl', 'curl2,Curl 2')},,{TIMES}")
    book = load_catalog(_csv(tmp_path, header, *rows))
    assert (book["curl"].quality, book["curl2"].quality) == (5, 3)


@pytest.mark.parametrize("bad", ["0", "6", "x", "2.5"])
def test_bad_quality_names_the_row_and_field(tmp_path: Path, bad: str) -> None:
    header = ",".join(CSV_COLUMNS)
    with pytest.raises(InputError) as caught:
        load_catalog(_csv(tmp_path, header, f"{CURL},{bad},{TIMES}"))
    assert str(caught.value).startswith("cat.csv row 2 (curl).quality"), str(caught.value)


def test_bad_quality_in_json_names_the_row(tmp_path: Path) -> None:
    row = {"id": "curl", "name": "Curl", "mechanic": "isolation", "intensity": 2}
    row.update(primary="biceps", reps_min=8, reps_max=12, rest_seconds=60, quality=9)
    path = tmp_path / "cat.json"
    path.write_text(json.dumps([row]), encoding="utf-8")
    with pytest.raises(InputError, match=r"cat\.json row 1 \(curl\)\.quality"):
        load_catalog(path)


def test_validate_cli_reports_a_bad_quality(tmp_path: Path) -> None:
    text = (ROOT / "models" / "exercises.csv").read_text(encoding="utf-8")
    old = "leg_extension,Leg extension,isolation,1,quads,,leg_extension_machine,"
    old += "knee_extension,beginner,5,"
    assert old in text
    bad = tmp_path / "exercises.csv"
    bad.write_text(text.replace(old, old[:-2] + "7,"), encoding="utf-8")
    result = CliRunner().invoke(app, ["catalog", "validate", str(bad)])
    assert result.exit_code == 2
    assert "(leg_extension).quality" in result.output


# -- importers --------------------------------------------------------------------------------


def _fedb(tmp_path: Path, *entries: tuple[str, str | None, str, str]) -> Path:
    data = [
        {
            "id": name.replace(" ", "_"),
            "name": name,
            "force": "push",
            "level": level,
            "mechanic": mechanic,
            "equipment": equipment,
            "primaryMuscles": ["quadriceps"],
            "secondaryMuscles": [],
            "category": "strength",
        }
        for name, equipment, mechanic, level in entries
    ]
    path = tmp_path / "fedb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_fedb_band_squats_rate_below_barbell_squats(tmp_path: Path) -> None:
    path = _fedb(
        tmp_path,
        ("Barbell Full Squat", "barbell", "compound", "beginner"),
        ("Squats - With Bands", "bands", "compound", "beginner"),
        ("Squat with Bands", "barbell", "compound", "intermediate"),
        ("Suspended Split Squat", "other", "compound", "intermediate"),
        ("Kettlebell Goblet Squat", "kettlebells", "compound", "beginner"),
        ("Bodyweight Squat", "body only", "compound", "beginner"),
        ("Leg Press", "machine", "compound", "beginner"),
        ("Band Assisted Pistol Squat", "body only", "compound", "beginner"),
    )
    exercises, report = import_free_exercise_db(path)
    got = {ex.name: ex.quality for ex in exercises}
    assert got == {
        "Barbell Full Squat": 5,
        "Squats - With Bands": 1,
        "Squat with Bands": 1,
        "Suspended Split Squat": 2,
        "Kettlebell Goblet Squat": 3,
        "Bodyweight Squat": 3,
        "Leg Press": 5,
        "Band Assisted Pistol Squat": 1,  # the band becomes a requirement
    }
    assert report.quality_counts == {"1": 3, "2": 1, "3": 2, "5": 2}
    assert report.quality_given == 0


def test_fedb_sample_ratings_and_report(tmp_path: Path) -> None:
    exercises, report = import_free_exercise_db(SAMPLE)
    by_id = {ex.id: ex for ex in exercises}
    band = by_id["sample_band_y_raise"]
    for loaded in ("sample_dumbbell_side_lateral_raise", "sample_dumbbell_front_raise"):
        assert band.quality < by_id[loaded].quality
    assert by_id["sample_dumbbell_bench_press"].quality == 5
    assert by_id["sample_barbell_back_squat"].quality == 4  # fedb level expert: advanced, -1
    assert by_id["sample_leg_extension"].quality == 5
    assert by_id["sample_exercise_ball_back_extension"].quality <= 2
    assert by_id["sample_crunch"].quality == 2  # isolation without an external load
    assert sum(report.quality_counts.values()) == report.kept == len(exercises)
    assert all(k in {"1", "2", "3", "4", "5"} for k in report.quality_counts)
    lowered = {k: v for k, v in report.adjustments.items() if k.startswith("quality lowered")}
    assert lowered.get("quality lowered: isolation without an external load", 0) >= 2
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [*IMPORT, str(out)])
    assert result.exit_code == 0, result.output
    assert "quality " in result.output and f"derived for {report.kept}" in result.output
    result = CliRunner().invoke(
        app,
        [*IMPORT, str(out), "--json"],
    )
    assert json.loads(result.stdout)["quality_counts"] == report.quality_counts


def test_csv_import_maps_or_derives_quality(tmp_path: Path) -> None:
    sheet = tmp_path / "gym.csv"
    sheet.write_text(
        "Name,Target,Type,Kit,Stars\n"
        "Barbell Curl,biceps,isolation,barbell,\n"
        "Band Curl,biceps,isolation,resistance band,\n"
        "Cable Curl,biceps,isolation,cable,2\n",
        encoding="utf-8",
    )
    mapping = {"name": "Name", "primary": "Target", "mechanic": "Type", "equipment": "Kit"}
    exercises, report = import_csv(sheet, mapping)
    assert [ex.quality for ex in exercises] == [5, 1, 5]
    assert report.quality_given == 0
    exercises, report = import_csv(sheet, {**mapping, "quality": "Stars"})
    assert [ex.quality for ex in exercises] == [5, 1, 2]
    assert report.quality_given == 1
    assert report.quality_counts == {"1": 1, "2": 1, "5": 1}
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(",2\n", ",9\n"), encoding="utf-8")
    with pytest.raises(InputError, match=r"gym\.csv row 4 \(Cable Curl\)\.quality"):
        import_csv(sheet, {**mapping, "quality": "Stars"})


def test_quality_for_rules() -> None:
    text = d.words
    assert (
        d.quality_for((("barbell",), ("squat_rack",)), text("Back Squat"), "compound", "")[0] == 5
    )
    assert d.quality_for((("kettlebell",),), text("Swing"), "compound", "beginner")[0] == 3
    assert d.quality_for((("bodyweight",),), text("Crunch"), "isolation", "beginner") == (
        2,
        ("isolation without an external load",),
    )
    rating, why = d.quality_for((("barbell",),), text("Bench Press - With Bands"), "compound", "")
    assert rating == 2 and why == ("band, suspension, assisted or ball in the name",)
    assert d.quality_for((("dumbbell",),), text("Curl"), "isolation", "advanced")[0] == 4
    assert d.quality_for((("resistance_band",),), text("Band Row"), "compound", "advanced")[0] == 1


# -- writing ----------------------------------------------------------------------------------


def test_writer_round_trip_keeps_quality(tmp_path: Path, catalog: Catalog) -> None:
    path = write_catalog(catalog, tmp_path / "copy")
    assert path.read_text(encoding="utf-8") == (ROOT / "models" / "exercises.csv").read_text(
        encoding="utf-8"
    )
    again = load_catalog(tmp_path / "copy")
    assert [ex.model_dump() for ex in again] == [ex.model_dump() for ex in catalog]
    exercises, _ = import_free_exercise_db(SAMPLE)
    write_catalog(exercises, tmp_path / "fedb")
    back = load_catalog(tmp_path / "fedb")
    assert [ex.quality for ex in back] == [ex.quality for ex in exercises]
    assert [ex.model_dump() for ex in back] == [ex.model_dump() for ex in exercises]


# -- the real dataset -------------------------------------------------------------------------


@pytest.mark.skipif(not REAL.is_file(), reason="free-exercise-db not present beside the repo")
def test_real_fedb_band_variants_rate_below_barbell() -> None:
    exercises, report = import_free_exercise_db(REAL)
    by_name = {ex.name: ex for ex in exercises}
    assert by_name["Squats - With Bands"].quality < by_name["Barbell Full Squat"].quality
    assert (
        by_name["Bench Press - With Bands"].quality
        < by_name["Barbell Bench Press - Medium Grip"].quality
    )
    assert by_name["Band Good Morning"].quality < by_name["Good Morning"].quality
    for ex in exercises:
        kit = {item for group in ex.equipment for item in group}
        if "resistance_band" in kit or "suspension_trainer" in kit:
            assert ex.quality <= 2, ex.name
    assert sum(report.quality_counts.values()) == report.kept == len(exercises)
