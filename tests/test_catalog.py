"""The bundled catalog is complete and consistent, and bad catalogs fail with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer import InputError, load_catalog
from optimizer.catalog import CSV_COLUMNS
from optimizer.vocabulary import default_vocabulary

FIXED_IDS = [
    "leg_extension",
    "lying_leg_curl",
    "barbell_hip_thrust",
    "barbell_romanian_deadlift",
    "barbell_back_squat",
    "barbell_deadlift",
    "leg_press",
    "cable_triceps_pushdown",
    "dumbbell_overhead_triceps_extension",
    "dumbbell_front_raise",
    "dumbbell_lateral_raise",
    "dumbbell_shoulder_press",
    "dumbbell_bench_press",
    "hammer_curl",
    "dumbbell_biceps_curl",
    "zottman_curl",
    "straight_arm_pulldown",
    "lat_pulldown",
    "barbell_bent_over_row",
]


def test_size_and_fixed_ids(catalog) -> None:
    assert len(catalog) >= 150
    for ex_id in FIXED_IDS:
        assert ex_id in catalog, ex_id


def test_every_muscle_and_equipment_is_covered(catalog) -> None:
    vocab = default_vocabulary()
    primaries = {m for ex in catalog for m in ex.primary}
    assert primaries == set(vocab.muscles)
    used = {item for ex in catalog for group in ex.equipment for item in group}
    assert used == set(vocab.equipment)


def test_intensity_matches_mechanic(catalog) -> None:
    for ex in catalog:
        assert ex.intensity in ((1, 2) if ex.mechanic == "isolation" else (3, 4, 5)), ex.id


def test_article_profiles(catalog) -> None:
    assert catalog["leg_extension"].intensity == 1
    assert catalog["leg_extension"].primary == ("quads",)
    assert catalog["barbell_back_squat"].intensity == 5
    assert catalog["lat_pulldown"].mechanic == "compound"
    assert catalog["straight_arm_pulldown"].mechanic == "isolation"


def test_every_preset_reaches_the_big_muscles(catalog) -> None:
    vocab = default_vocabulary()
    for preset in vocab.presets:
        owned = vocab.resolve_equipment([preset], "equipment")
        reached = {m for ex in catalog if ex.usable_with(owned) for m in ex.primary}
        for muscle in ("chest", "lats", "quads", "hamstrings", "glutes", "abs"):
            assert muscle in reached, (preset, muscle)


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "cat.csv"
    path.write_text(
        ",".join(c for c in CSV_COLUMNS if c != "quality") + "\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return path


GOOD = "curl,Curl,isolation,2,biceps,forearms,dumbbell,elbow_flexion,beginner,8,12,3,75,30,false,"


def test_custom_catalog_loads(tmp_path: Path) -> None:
    book = load_catalog(_write(tmp_path, [GOOD]))
    assert book.ids == ("curl",)
    assert book["curl"].set_seconds == 12 * 3 + 75


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (GOOD.replace("biceps,forearms", "bicepz,forearms"), "primary", "did you mean biceps"),
        (GOOD.replace("dumbbell,elbow", "dumbel,elbow"), "equipment", "did you mean dumbbell"),
        (GOOD.replace("isolation,2", "isolation,4"), "", "does not fit mechanic isolation"),
        (GOOD.replace(",8,12,", ",12,8,"), "", "reps_min 12 is above reps_max 8"),
        (GOOD.replace("beginner", "wizard"), "level", "beginner"),
        (GOOD.replace("elbow_flexion", "elbow_flexon"), "pattern", "did you mean elbow_flexion"),
        (GOOD + ",floor;overheed", "tags[1]", "did you mean overhead"),
    ],
)
def test_bad_rows_name_the_row_and_field(tmp_path: Path, row: str, field: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        load_catalog(_write(tmp_path, [row]))
    assert "row 2 (curl)" in str(err.value)
    assert field in err.value.field
    assert words in str(err.value)


def test_duplicate_ids_rejected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="duplicate exercise id"):
        load_catalog(_write(tmp_path, [GOOD, GOOD]))


def test_missing_columns_and_files(tmp_path: Path) -> None:
    path = tmp_path / "cat.csv"
    path.write_text("id,name\ncurl,Curl\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        load_catalog(path)
    with pytest.raises(InputError, match="not found"):
        load_catalog(tmp_path / "nope.csv")
