"""Movement patterns and tags (issue 14): `models/movements.yaml` names them, every bundled
exercise carries a pattern and its tags, catalogs are checked against them, and importers
derive them.

The coach-sanity tests read the bundled tagging the way a physio would ("is every pull-up a
hang?"); the importer's rules are held to the hand-made bundled tagging, so the two cannot drift
apart. No solver runs here.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from optimizer import Constraints, InputError, TargetSpec, load_catalog
from optimizer.catalog import CSV_COLUMNS, Catalog, Exercise, default_catalog
from optimizer.importers import defaults as d
from optimizer.importers import import_csv, import_free_exercise_db, write_catalog
from optimizer.importers.movement_cues import derive
from optimizer.vocabulary import (
    Vocabulary,
    bundled_movements,
    default_vocabulary,
    load_vocabulary,
)

from helpers import ROOT

MODELS = ROOT / "models"
SAMPLE = Path(__file__).parent / "data" / "free_exercise_db_sample.json"
REAL = ROOT.parent / "shared" / "data" / "free-exercise-db" / "exercises.json"
REQUIRED_TAGS = (
    "overhead",
    "spinal_load",
    "deep_knee_flexion",
    "hanging",
    "floor",
    "impact",
    "wrist_extension_load",
    "grip_heavy",
)
#: Names `max_compounds_per_pattern`, constraint files and the README already use.
KEPT_PATTERNS = (
    "horizontal_push",
    "incline_push",
    "vertical_push",
    "horizontal_pull",
    "vertical_pull",
    "squat",
    "hip_hinge",
    "lunge",
    "dip",
    "upright_row",
    "loaded_carry",
)
# a catalog row in CSV_COLUMNS order, `tags` last; {pattern} and {tags} filled per test
ROW = (
    "curl,Curl,isolation,2,biceps,forearms,dumbbell,{pattern},beginner,5,8,12,3,75,30,false,,{tags}"
)


@pytest.fixture(scope="module")
def book() -> Catalog:
    return default_catalog()


def _csv(tmp_path: Path, pattern: str = "elbow_flexion", tags: str = "") -> Path:
    path = tmp_path / "cat.csv"
    row = ROW.format(pattern=pattern, tags=tags)
    path.write_text(",".join(CSV_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    return path


def _tagged(book: Catalog, tag: str) -> set[str]:
    return {ex.id for ex in book if tag in ex.tags}


# -- the vocabulary ---------------------------------------------------------------------------


def test_vocabulary_lists_and_explains_patterns_and_tags() -> None:
    vocab = default_vocabulary()
    assert set(REQUIRED_TAGS) <= set(vocab.tags)
    assert set(KEPT_PATTERNS) <= set(vocab.patterns)
    assert tuple(vocab.pattern_notes) == vocab.patterns
    assert tuple(vocab.tag_notes) == vocab.tags
    for note in (*vocab.pattern_notes.values(), *vocab.tag_notes.values()):
        assert len(note) > 20 and "\n" not in note
    assert not set(vocab.patterns) & set(vocab.tags)  # one name, one meaning
    assert len(vocab.tags) <= 12  # a short list a physio can read, not a taxonomy


def test_resolve_accepts_aliases_and_names_close_matches() -> None:
    vocab = default_vocabulary()
    assert vocab.resolve_tag("Spinal Load", "x") == "spinal_load"
    assert vocab.resolve_tag("axial-load", "x") == "spinal_load"
    assert vocab.resolve_pattern("hinge", "x") == "hip_hinge"
    assert vocab.resolve_pattern("Upright-Row", "x") == "upright_row"
    assert vocab.resolve_tags(["overhead", "Overhead", "hang"], "t") == ("overhead", "hanging")
    with pytest.raises(InputError) as info:
        vocab.resolve_tag("overhed", "avoid.tags[0]")
    assert info.value.field == "avoid.tags[0]"
    assert "unknown movement tag 'overhed'" in str(info.value)
    assert "did you mean overhead" in str(info.value)
    with pytest.raises(InputError) as info:
        vocab.resolve_pattern("hip_hindge", "avoid.patterns[1]")
    assert info.value.field == "avoid.patterns[1]"
    assert "unknown movement pattern" in str(info.value) and "hip_hinge" in str(info.value)


def test_a_vocabulary_built_by_hand_has_the_bundled_movements() -> None:
    vocab = default_vocabulary()
    by_hand = Vocabulary(
        muscles=vocab.muscles,
        muscle_size=vocab.muscle_size,
        muscle_aliases=vocab.muscle_aliases,
        focuses=vocab.focuses,
        equipment=vocab.equipment,
        equipment_aliases=vocab.equipment_aliases,
        presets=vocab.presets,
    )
    assert by_hand.tags == vocab.tags and by_hand.patterns == vocab.patterns
    assert by_hand.resolve_tag("overhead", "x") == "overhead"


def _folder(tmp_path: Path, movements: str | None) -> Path:
    folder = tmp_path / "cat"
    folder.mkdir()
    for name in ("muscles.yaml", "equipment.yaml"):
        (folder / name).write_text((MODELS / name).read_text(encoding="utf-8"), encoding="utf-8")
    if movements is not None:
        (folder / "movements.yaml").write_text(movements, encoding="utf-8")
    return folder


def test_a_folder_without_movements_yaml_uses_the_bundled_one(tmp_path: Path) -> None:
    folder = _folder(tmp_path, None)
    assert load_vocabulary(folder).tags == default_vocabulary().tags
    (folder / "exercises.csv").write_text(
        _csv(tmp_path, tags="overhead").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert load_catalog(folder)["curl"].tags == ("overhead",)


def test_a_folder_with_its_own_movements_yaml(tmp_path: Path) -> None:
    own = {
        "patterns": {"elbow_flexion": "bending the elbow against load"},
        "tags": {"elbow_load": "the elbow works against load"},
        "aliases": {"tags": {"elbow": "elbow_load"}},
    }
    folder = _folder(tmp_path, yaml.safe_dump(own))
    vocab = load_vocabulary(folder)
    assert (vocab.patterns, vocab.tags) == (("elbow_flexion",), ("elbow_load",))
    (folder / "exercises.csv").write_text(
        _csv(tmp_path, tags="elbow").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert load_catalog(folder)["curl"].tags == ("elbow_load",)
    (folder / "exercises.csv").write_text(
        _csv(tmp_path, tags="overhead").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="unknown movement tag 'overhead'"):
        load_catalog(folder)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("tags: {a: b}\n", "movements.yaml patterns", "missing"),
        ("patterns: {squat: a squat}\ntags: {Over Head: x}\n", "tags.Over Head", "snake_case"),
        ("patterns: {squat: a squat}\ntags: {overhead: ''}\n", "tags.overhead", "description"),
        (
            "patterns: {squat: a squat}\ntags: {overhead: arms up}\n"
            "aliases: {tags: {up: overhed}}\n",
            "aliases.tags.up",
            "did you mean overhead",
        ),
    ],
)
def test_a_broken_movements_yaml_is_named(
    tmp_path: Path, text: str, where: str, words: str
) -> None:
    with pytest.raises(InputError) as info:
        load_vocabulary(_folder(tmp_path, text))
    assert where in info.value.field
    assert words in str(info.value)


# -- the bundled catalog ----------------------------------------------------------------------


def test_every_bundled_exercise_has_a_known_pattern_and_known_tags(book: Catalog) -> None:
    vocab = book.vocabulary
    for ex in book:
        assert ex.pattern in vocab.patterns, ex.id
        assert set(ex.tags) <= set(vocab.tags), ex.id
        assert list(ex.tags) == [t for t in vocab.tags if t in ex.tags], ex.id  # file order
    used = {ex.pattern for ex in book}
    assert set(KEPT_PATTERNS) <= used
    assert used <= set(vocab.patterns)


def test_the_bundled_csv_spells_the_tags_column(book: Catalog) -> None:
    header = (MODELS / "exercises.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == CSV_COLUMNS and CSV_COLUMNS[-1] == "tags"
    assert len(_tagged(book, "overhead")) > 10
    for tag in REQUIRED_TAGS:
        if tag != "impact":  # the bundled catalog has no jumps: impact is for imports
            assert _tagged(book, tag), tag


def test_overhead_covers_every_vertical_push_and_pull(book: Catalog) -> None:
    for ex in book:
        if ex.pattern in ("vertical_push", "vertical_pull"):
            assert "overhead" in ex.tags, ex.id
    for mid in (
        "cable_overhead_triceps_extension",
        "dumbbell_overhead_triceps_extension",
        "dumbbell_pullover",
        "straight_arm_pulldown",
        "hanging_leg_raise",
    ):
        assert "overhead" in book[mid].tags, mid
    for mid in ("barbell_bench_press", "cable_lateral_raise", "face_pull", "barbell_upright_row"):
        assert "overhead" not in book[mid].tags, mid


def test_hangs_are_hanging_overhead_and_grip_heavy(book: Catalog) -> None:
    hangs = {ex.id for ex in book if any(w in ex.id for w in ("pull_up", "chin_up", "hang"))}
    assert {"pull_up", "chin_up", "neutral_grip_pull_up", "dead_hang"} <= hangs
    assert hangs <= _tagged(book, "hanging")
    assert _tagged(book, "hanging") <= _tagged(book, "overhead") & _tagged(book, "grip_heavy")
    assert _tagged(book, "hanging") == {
        ex.id for ex in book if any(group == ("pull_up_bar",) for group in ex.equipment)
    }


def test_spinal_load_covers_barbell_squats_deadlifts_and_carries(book: Catalog) -> None:
    for ex in book:
        barbell = any("barbell" in group or "trap_bar" in group for group in ex.equipment)
        if barbell and ex.pattern in ("squat", "hip_hinge"):
            assert "spinal_load" in ex.tags, ex.id
        if ex.pattern == "loaded_carry" or "deadlift" in ex.id or "good_morning" in ex.id:
            assert "spinal_load" in ex.tags, ex.id
    for mid in ("standing_barbell_overhead_press", "barbell_bent_over_row", "barbell_shrug"):
        assert "spinal_load" in book[mid].tags, mid
    # the back is supported or the load is light: no spinal load
    for mid in ("leg_press", "seated_barbell_shoulder_press", "chest_supported_t_bar_row"):
        assert "spinal_load" not in book[mid].tags, mid


def test_squats_and_lunges_bend_the_knee_deeply(book: Catalog) -> None:
    for ex in book:
        if ex.pattern in ("squat", "lunge"):
            assert "deep_knee_flexion" in ex.tags, ex.id
    assert "deep_knee_flexion" in book["sissy_squat"].tags  # a knee extension, but deep
    for mid in ("leg_extension", "lying_leg_curl", "barbell_hip_thrust", "trap_bar_deadlift"):
        assert "deep_knee_flexion" not in book[mid].tags, mid


def test_floor_wrist_and_grip_where_a_physio_expects_them(book: Catalog) -> None:
    for mid in ("push_up", "plank", "crunch", "glute_bridge", "dead_bug", "dumbbell_floor_press"):
        assert "floor" in book[mid].tags, mid
    for mid in ("push_up", "barbell_front_squat", "chest_dip", "reverse_wrist_curl"):
        assert "wrist_extension_load" in book[mid].tags, mid
    for mid in ("barbell_deadlift", "farmers_walk", "barbell_shrug", "pull_up"):
        assert "grip_heavy" in book[mid].tags, mid
    assert "grip_heavy" not in book["barbell_good_morning"].tags  # the bar rests on the back
    for mid in ("leg_extension", "barbell_bench_press", "cable_lateral_raise", "barbell_curl"):
        assert book[mid].tags == (), mid


def test_dips_and_upright_rows_are_their_own_patterns(book: Catalog) -> None:
    dips = {ex.id for ex in book if ex.pattern == "dip"}
    rows = {ex.id for ex in book if ex.pattern == "upright_row"}
    assert dips == {"chest_dip", "triceps_dip_parallel_bars", "bench_dip"}
    assert rows == {"barbell_upright_row", "dumbbell_upright_row", "cable_upright_row"}


def test_import_rules_reproduce_the_bundled_tagging(book: Catalog) -> None:
    """The importer's rules, run on the bundled names, give the hand-made patterns and tags:
    a rule change that breaks a bundled exercise breaks this test."""
    wrong = []
    for ex in book:
        got = derive(d.words(ex.name), ex.primary, ex.mechanic, ex.equipment, book.vocabulary)
        if got != (ex.pattern, ex.tags):
            wrong.append((ex.id, (ex.pattern, ex.tags), got))
    assert wrong == []


# -- loading catalogs -------------------------------------------------------------------------


def test_csv_tags_are_read_resolved_and_ordered(tmp_path: Path) -> None:
    curl = load_catalog(_csv(tmp_path, tags="grip; Overhead ;axial load"))["curl"]
    assert curl.tags == ("overhead", "spinal_load", "grip_heavy")
    assert load_catalog(_csv(tmp_path, tags=""))["curl"].tags == ()


def test_an_unknown_tag_names_the_row_the_field_and_a_match(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_catalog(_csv(tmp_path, tags="floor;overheed"))
    assert info.value.field == "cat.csv row 2 (curl).tags[1]"
    assert "unknown movement tag 'overheed'" in str(info.value)
    assert "did you mean overhead" in str(info.value)


def test_an_unknown_pattern_names_the_row_the_field_and_a_match(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_catalog(_csv(tmp_path, pattern="elbow_flexon"))
    assert info.value.field == "cat.csv row 2 (curl).pattern"
    assert "unknown movement pattern 'elbow_flexon'" in str(info.value)
    assert "did you mean elbow_flexion" in str(info.value)
    assert load_catalog(_csv(tmp_path, pattern=""))["curl"].pattern == ""


def test_a_catalog_without_the_tags_column_loads_untagged(tmp_path: Path) -> None:
    header = ",".join(c for c in CSV_COLUMNS if c != "tags")
    path = tmp_path / "old.csv"
    path.write_text(header + "\n" + ROW.format(pattern="elbow_flexion", tags="")[:-1] + "\n")
    assert load_catalog(path)["curl"].tags == ()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_yaml_and_json_catalogs_take_a_list_or_a_string(tmp_path: Path, suffix: str) -> None:
    entry = {"id": "curl", "name": "Curl", "mechanic": "isolation", "intensity": 2}
    entry.update(primary="biceps", reps_min=8, reps_max=12, rest_seconds=60)
    entries = [
        {**entry, "pattern": "elbow_flexion", "tags": ["grip_heavy", "overhead"]},
        {**entry, "id": "curl2", "tags": "floor; wrist_extension_load"},
        {**entry, "id": "curl3"},
    ]
    path = tmp_path / f"cat{suffix}"
    text = json.dumps(entries) if suffix == ".json" else yaml.safe_dump({"exercises": entries})
    path.write_text(text, encoding="utf-8")
    book = load_catalog(path)
    assert book["curl"].tags == ("overhead", "grip_heavy")
    assert book["curl2"].tags == ("floor", "wrist_extension_load")
    assert (book["curl3"].pattern, book["curl3"].tags) == ("", ())
    entries[0]["tags"] = ["overhead", "hangin"]
    path.write_text(json.dumps(entries) if suffix == ".json" else yaml.safe_dump(entries))
    with pytest.raises(InputError) as info:
        load_catalog(path)
    assert info.value.field == f"cat{suffix} row 1 (curl).tags[1]"
    assert "did you mean hanging" in str(info.value)


def test_a_catalog_built_in_memory_is_checked_too(book: Catalog, tmp_path: Path) -> None:
    curl = book["barbell_curl"]
    for bad, words in (({"tags": ("overheed",)}, "tags"), ({"pattern": "curling"}, "pattern")):
        odd = Exercise.model_validate({**curl.model_dump(), **bad})
        with pytest.raises(InputError) as info:
            Catalog([odd], book.vocabulary, source="mine")
        assert info.value.field == f"mine: barbell_curl.{words}"
        with pytest.raises(InputError):
            write_catalog([odd], tmp_path / "out")
    assert not (tmp_path / "out" / "exercises.csv").exists()


def test_the_writer_keeps_tags(book: Catalog, tmp_path: Path) -> None:
    path = write_catalog(book, tmp_path / "copy")
    assert list(load_catalog(path.parent)) == list(book)


# -- importers --------------------------------------------------------------------------------


def test_free_exercise_db_sample_is_tagged() -> None:
    exercises, report = import_free_exercise_db(SAMPLE)
    got = {ex.id: (ex.pattern, ex.tags) for ex in exercises}
    assert got["sample_pull_up"] == ("vertical_pull", ("overhead", "hanging", "grip_heavy"))
    assert got["sample_barbell_back_squat"] == ("squat", ("spinal_load", "deep_knee_flexion"))
    assert got["sample_barbell_deadlift"] == ("hip_hinge", ("spinal_load", "grip_heavy"))
    assert got["sample_push_up"] == ("horizontal_push", ("floor", "wrist_extension_load"))
    assert got["sample_weighted_dip"] == ("dip", ("wrist_extension_load",))
    assert got["sample_machine_shoulder_press"] == ("vertical_push", ("overhead",))
    assert got["sample_leg_extension"] == ("knee_extension", ())
    untagged = [ex.name for ex in exercises if not ex.tags]
    assert (report.tagged, report.untagged) == (len(exercises) - len(untagged), len(untagged))
    assert report.untagged_examples == untagged[: len(report.untagged_examples)]
    assert report.tag_counts["spinal_load"] == sum("spinal_load" in t for _, t in got.values())
    assert list(report.tag_counts) == list(default_vocabulary().tags)
    assert report.no_pattern == sum(1 for p, _ in got.values() if not p)
    out = StringIO()
    report.render(Console(file=out, width=400))
    text = out.getvalue()
    assert f"{report.untagged} exercises carry no movement tag (e.g. Sample Leg Extension" in text
    assert f"{report.tagged} of {report.kept} exercises carry at least one" in text
    assert json.loads(report.model_dump_json())["untagged"] == report.untagged


GYM_CSV = """Name,Type,Target,Kit,Tags,Pattern
Standing Overhead Press,compound,Shoulders,Barbell+Power Rack,,
Goblet Squat,Compound,Quadriceps,Kettlebells,deep knee bend,squat
Plank,isolation,Core,Body Only,Lying,anti-extension
Leg Extension,isolation,Quadriceps,leg extension machine,,
"""
GYM_MAP = {"name": "Name", "mechanic": "Type", "primary": "Target", "equipment": "Kit"}


def _gym(tmp_path: Path, text: str = GYM_CSV) -> Path:
    path = tmp_path / "gym.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_import_derives_pattern_and_tags_without_columns(tmp_path: Path) -> None:
    exercises, report = import_csv(_gym(tmp_path), GYM_MAP)
    got = {ex.id: (ex.pattern, ex.tags) for ex in exercises}
    assert got == {
        "standing_overhead_press": ("vertical_push", ("overhead", "spinal_load")),
        "goblet_squat": ("squat", ("deep_knee_flexion",)),
        "plank": ("anti_extension", ("floor",)),
        "leg_extension": ("knee_extension", ()),
    }
    assert (report.tagged, report.untagged, report.tags_given) == (3, 1, 0)
    assert report.untagged_examples == ["Leg Extension"]


def test_csv_import_keeps_the_source_tags_and_pattern(tmp_path: Path) -> None:
    mapping = {**GYM_MAP, "tags": "Tags", "pattern": "Pattern"}
    exercises, report = import_csv(_gym(tmp_path), mapping)
    got = {ex.id: (ex.pattern, ex.tags) for ex in exercises}
    # an empty tags cell is the source's word (no tag); an empty pattern cell is derived
    assert got["standing_overhead_press"] == ("vertical_push", ())
    assert got["goblet_squat"] == ("squat", ("deep_knee_flexion",))  # alias resolved
    assert got["plank"] == ("anti_extension", ("floor",))
    assert report.tags_given == 4
    book = load_catalog(write_catalog(exercises, tmp_path / "out").parent)
    assert list(book) == exercises


def test_csv_import_unknown_tag_or_pattern_is_named_or_dropped(tmp_path: Path) -> None:
    mapping = {**GYM_MAP, "tags": "Tags", "pattern": "Pattern"}
    for old, new, field, kind in (
        ("deep knee bend", "deep knee bnd", "tags[0]", "tag"),
        ("anti-extension", "anti-extenson", "pattern", "pattern"),
    ):
        bad = _gym(tmp_path, GYM_CSV.replace(old, new))
        with pytest.raises(InputError) as info:
            import_csv(bad, mapping)
        row = 3 if kind == "tag" else 4
        assert info.value.field.startswith(f"gym.csv row {row} (")
        assert info.value.field.endswith(f").{field}")
        assert f"unknown movement {kind}" in str(info.value)
        exercises, report = import_csv(bad, mapping, drop_unknown=True)
        assert len(exercises) == 3 and report.dropped == {f"unknown {kind}": 1}


def test_csv_import_translates_tag_values(tmp_path: Path) -> None:
    text = GYM_CSV.replace("deep knee bend", "Knees!")
    spec = {
        "columns": {**GYM_MAP, "tags": "Tags"},
        "values": {"tag": {"Knees!": ["deep_knee_flexion", "floor"]}},
    }
    exercises, _ = import_csv(_gym(tmp_path, text), spec)
    assert {ex.id: ex.tags for ex in exercises}["goblet_squat"] == ("deep_knee_flexion", "floor")


@pytest.mark.skipif(not REAL.is_file(), reason="free-exercise-db not present beside the repo")
def test_real_free_exercise_db_is_mostly_tagged() -> None:
    exercises, report = import_free_exercise_db(REAL)
    by_name = {ex.name: ex for ex in exercises}
    # about half: curls, raises, flies, bench presses and machine isolations honestly carry
    # no tag (the bundled catalog, tagged by hand, has 107 of 195)
    assert report.tagged >= 0.45 * report.kept
    assert report.untagged == sum(1 for ex in exercises if not ex.tags) > 0
    assert report.tagged + report.untagged == report.kept
    expected = {
        "Pullups": {"overhead", "hanging", "grip_heavy"},
        "Chin-Up": {"overhead", "hanging", "grip_heavy"},
        "Barbell Squat": {"spinal_load", "deep_knee_flexion"},
        "Front Barbell Squat": {"spinal_load", "deep_knee_flexion", "wrist_extension_load"},
        "Barbell Deadlift": {"spinal_load", "grip_heavy"},
        "Standing Military Press": {"overhead", "spinal_load"},
        "Wide-Grip Pulldown Behind The Neck": {"overhead", "behind_neck"},
        "Pushups": {"floor", "wrist_extension_load"},
        "Dumbbell Lunges": {"deep_knee_flexion"},
        "Plank": {"floor"},
        "Hanging Leg Raise": {"overhead", "hanging", "grip_heavy"},
        "Leg Extensions": set(),
        "Barbell Curl": set(),
    }
    for name, tags in expected.items():
        assert set(by_name[name].tags) == tags, name
    vertical = [ex for ex in exercises if ex.pattern in ("vertical_push", "vertical_pull")]
    assert vertical and all("overhead" in ex.tags for ex in vertical)
    assert sum(1 for ex in exercises if ex.pattern) >= 0.9 * len(exercises)
    out = StringIO()
    report.render(Console(file=out, width=400))
    assert f"{report.untagged} exercises carry no movement tag" in out.getvalue()


def test_bundled_movements_are_read_once() -> None:
    assert bundled_movements() is bundled_movements()


@pytest.mark.parametrize("size", ["big", 0, 4, 2.5, True])
def test_a_muscle_size_that_is_not_1_to_3_names_its_row(tmp_path: Path, size: object) -> None:
    """A coach edits muscles.yaml: `size: big` used to end in an internal ValueError."""
    folder = _folder(tmp_path, None)
    path = folder / "muscles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["muscles"]["chest"]["size"] = size
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError, match="is not a size") as caught:
        load_vocabulary(folder)
    assert caught.value.field == "muscles.yaml muscles.chest.size"


def test_a_muscle_that_is_not_a_map_names_its_row(tmp_path: Path) -> None:
    folder = _folder(tmp_path, None)
    path = folder / "muscles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["muscles"]["chest"] = "pectoralis"
    data["muscles"]["lats"] = None  # an empty entry is a size-1 muscle, as before
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError, match="is not a map") as caught:
        load_vocabulary(folder)
    assert caught.value.field == "muscles.yaml muscles.chest"
    data["muscles"]["chest"] = {"size": 3}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert load_vocabulary(folder).muscle_size["lats"] == 1


@pytest.mark.parametrize(
    ("default", "field"),
    [
        ("10-20", "muscles.yaml muscles.chest.default"),
        ({"min": 10}, "muscles.yaml muscles.chest.default"),
        ({"min": "ten", "max": 20}, "muscles.yaml muscles.chest.default.min"),
        ({"min": 10, "max": 500}, "muscles.yaml muscles.chest.default.max"),
        ({"min": 12, "max": 8}, "muscles.yaml muscles.chest.default"),
        ({"min": 0, "max": 0}, "muscles.yaml muscles.chest.default"),
        ({"min": 8, "max": 20, "weight": 2}, "muscles.yaml muscles.chest.default"),
        ({"min": 8, "max": 20, "priority": "high"}, "muscles.yaml muscles.chest.default.priority"),
        ({"min": 8, "max": 20, "priority": -1}, "muscles.yaml muscles.chest.default.priority"),
    ],
)
def test_a_default_target_that_is_not_min_max_sets_names_its_row(
    tmp_path: Path, default: object, field: str
) -> None:
    """A coach edits the default weekly sets: a typo names the row, not a week planned
    against nonsense."""
    folder = _folder(tmp_path, None)
    path = folder / "muscles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["muscles"]["chest"]["default"] = default
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_vocabulary(folder)
    assert caught.value.field == field


def test_default_targets_are_the_muscles_a_coach_trains_directly(tmp_path: Path) -> None:
    """A file without targets aims at RP's MEV-to-MRV sets of the medium and large muscles,
    priority by size; the small muscles compounds train get no target (valuing all 19 at 10-20
    sets made 3 x 60 minutes chase farmer's walks and Copenhagen planks). A coach's edit of
    muscles.yaml is what a file without targets then gets."""
    vocab = default_vocabulary()
    targets = Constraints(client="c", days=["mon"]).resolved_targets(vocab)
    assert targets["chest"] == TargetSpec(min=10, max=22, priority=3)  # MEV to MRV
    assert targets["side_delts"] == TargetSpec(min=6, max=26, priority=2)
    assert targets["glutes"] == TargetSpec(min=0, max=16, priority=3)  # RP's MEV 0
    # presses train front delts: capped at RP's MRV, never aimed at (front raises were farmed)
    assert targets["front_delts"] == TargetSpec(min=0, max=12, priority=0)
    # every medium and large muscle, none of the small ones
    assert set(targets) == {m for m, size in vocab.muscle_size.items() if size >= 2}
    folder = _folder(tmp_path, None)
    path = folder / "muscles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["muscles"]["abs"]["default"] = {"min": 4, "max": 10}
    data["muscles"]["quads"]["default"] = {"min": 8, "max": 20, "priority": 5}
    del data["muscles"]["chest"]["default"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    edited = Constraints(client="c", days=["mon"]).resolved_targets(load_vocabulary(folder))
    assert edited["abs"] == TargetSpec(min=4, max=10, priority=1)
    assert edited["quads"] == TargetSpec(min=8, max=20, priority=5)
    assert "chest" not in edited
