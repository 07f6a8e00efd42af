"""Batch inputs: sheets, JSON Lines and folders read into the same constraints as a file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from optimizer import InputError, load_catalog
from optimizer.batch import COLUMNS, read_clients
from optimizer.constraints import CLIENT_ID, Constraints, parse_constraints

from helpers import EXAMPLES

HEADER = ",".join(COLUMNS)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_and_a_yaml_file_with_the_same_content_give_the_same_constraints(tmp_path):
    sheet = write(
        tmp_path / "c.csv",
        "client,days,session_minutes,warmup_minutes,equipment,targets,experience,"
        "avoid_exercises,avoid_muscles,require,split,ordering,recovery_hours,"
        "sets_per_exercise,max_muscle_sets_per_session,time_limit,seed,time_tolerance\n"
        'ana,mon;wed fri,mon:45;wed:75;fri:60,8,"home_gym;resistance_band",'
        "chest:12;quads:10-16@3;biceps:6!;lats:8@2,advanced,barbell_back_squat,lower_back,"
        "barbell_hip_thrust,mon:lower;wed:push;fri:auto,compound_first,72,2-4,8.5,7.5,3,1.5\n",
    )
    [row] = read_clients(sheet)
    assert row.error is None, row.error
    same = yaml.safe_load(
        """
        client: ana
        days: [mon, wed, fri]
        session_minutes: {mon: 45, wed: 75, fri: 60}
        warmup_minutes: 8
        equipment: [home_gym, resistance_band]
        targets:
          chest: 12
          quads: {min: 10, max: 16, priority: 3}
          biceps: {min: 6, strict: true}
          lats: {min: 8, priority: 2}
        experience: advanced
        avoid: {exercises: [barbell_back_squat], muscles: [lower_back]}
        require: [barbell_hip_thrust]
        split: {mon: lower, wed: push, fri: auto}
        ordering: compound_first
        recovery_hours: 72
        sets_per_exercise: [2, 4]
        max_muscle_sets_per_session: 8.5
        solver: {time_limit: 7.5, seed: 3, time_tolerance: 1.5}
        """
    )
    assert parse_constraints(row.data) == parse_constraints(same)


def test_empty_cells_are_the_defaults_and_a_single_number_is_every_day(tmp_path):
    sheet = write(tmp_path / "c.csv", f"{HEADER}\nbo,tue;thu,45{',' * (len(COLUMNS) - 3)}\n")
    [row] = read_clients(sheet)
    parsed = parse_constraints(row.data)
    assert parsed == parse_constraints(
        {"client": "bo", "days": ["tue", "thu"], "session_minutes": 45}
    )
    assert parsed.session_minutes == {"tue": 45, "thu": 45}


def test_every_example_row_is_valid_varied_and_unique():
    rows = read_clients(EXAMPLES / "clients.csv")
    catalog = load_catalog()
    assert len(rows) >= 50
    parsed = [parse_constraints(r.data, catalog.vocabulary) for r in rows if not r.error]
    assert len(parsed) == len(rows), [r.error for r in rows if r.error]
    assert len({c.client.lower() for c in parsed}) == len(parsed)
    assert {len(c.days) for c in parsed} >= {2, 3, 4, 5, 6}
    minutes = [m for c in parsed for m in c.session_minutes.values()]
    assert min(minutes) <= 30 and max(minutes) >= 90
    presets = {"commercial_gym", "home_gym", "dumbbells_only", "bodyweight_only"}
    assert presets <= {e for c in parsed for e in c.equipment}
    assert {c.ordering for c in parsed} == {"pre_exhaust", "compound_first", "free"}
    assert {c.experience for c in parsed} == {"beginner", "intermediate", "advanced"}
    assert any(c.avoid.exercises for c in parsed) and any(c.avoid.muscles for c in parsed)
    assert any(c.require for c in parsed) and any(isinstance(c.split, dict) for c in parsed)
    assert any(c.split == "auto" for c in parsed)


@pytest.mark.parametrize(
    ("cells", "field", "words"),
    [
        ("zed,mon;wed,60,,dumbell", "equipment[0]", "did you mean"),
        ("zed,mon;wed,sixty", "session_minutes", "expected a number"),
        ("zed,mon;wed,60,,,chest:lots", "targets.chest", "cannot read"),
        ("zed,mon;wed,60,,,chest", "targets", "key:value"),
        ("zed,mon;funday,60", "days[1]", "unknown day"),
        ("zed,mon;wed,mon:45;tue:60", "session_minutes.tue", "not a training day"),
        ("zed,mon;wed,60,,,,wizard", "experience", "wizard"),
        ("zed,mon;wed,60,,,chest:10;chest:12", "targets.chest", "given twice"),
    ],
)
def test_a_bad_cell_is_an_error_on_its_row_naming_the_field(tmp_path, cells, field, words):
    sheet = write(tmp_path / "c.csv", f"{HEADER}\n{cells}\nok,mon;wed,60\n")
    bad, good = read_clients(sheet)
    assert good.error is None and good.client == "ok"
    if bad.error is None:  # names are checked when the mapping is validated
        with pytest.raises(InputError) as caught:
            parse_constraints(bad.data)
        assert caught.value.field == field
        assert words in str(caught.value)
    else:
        assert bad.field == field
        assert words in bad.error
    assert bad.client == "zed" and bad.source == "c.csv row 2"


def test_a_row_with_too_many_cells_is_reported_in_place_and_the_rest_is_read(tmp_path):
    sheet = write(
        tmp_path / "c.csv",
        "client,days,session_minutes\na,mon,60\nb,mon,60,oops,more\n\nc,tue,45\n",
    )
    rows = read_clients(sheet)
    assert [(r.client, r.source) for r in rows] == [
        ("a", "c.csv row 2"),
        ("b", "c.csv row 3"),
        ("c", "c.csv row 5"),
    ]
    assert rows[1].data is None and "more cells than the header" in rows[1].error
    assert rows[0].error is None and rows[2].error is None


def test_a_row_without_a_client_is_named_by_its_row(tmp_path):
    sheet = write(tmp_path / "c.csv", "client,days\n,mon\n")
    [row] = read_clients(sheet)
    assert row.client == "row2" and row.data["client"] == "row2"


def test_an_unknown_column_stops_the_batch_before_any_solve(tmp_path):
    sheet = write(tmp_path / "c.csv", "client,days,equipmnt\na,mon,home_gym\n")
    with pytest.raises(InputError, match="did you mean equipment"):
        read_clients(sheet)


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        # pandas kept the rows before an unclosed quote and dropped every client after it
        ('client,days\nalex,mon\nbea,"tue\ncarl,wed\n', "c.csv row 3", "never closes"),
        ('"client,days\nalex,mon\n', "c.csv row 1", "never closes"),
        # one of two same-named columns was dropped (xlsx) or crashed the reader (csv)
        ("client,days,Days\nalex,mon,wed\n", "c.csv column 'days'", "given twice"),
        ("client,days,days\nalex,mon,wed\n", "c.csv column 'days'", "given twice"),
        ("client,days,__overflow__\nalex,mon,x\n", "c.csv column '__overflow__'", "unknown"),
        ("client,days,\nalex,mon,x\n", "c.csv column 3", "has no name"),
        ("client;days;session_minutes\nalex;mon;60\n", "c.csv", "with ';', not ','"),
    ],
)
def test_a_sheet_that_would_lose_cells_is_refused_whole(tmp_path, text, field, words):
    with pytest.raises(InputError, match=words) as caught:
        read_clients(write(tmp_path / "c.csv", text))
    assert caught.value.field == field


def test_an_empty_unnamed_column_is_ignored(tmp_path):
    # a separator at the end of every line, as spreadsheets write it
    rows = read_clients(write(tmp_path / "c.csv", "client,days,\nalex,mon,\nbea,tue,\n"))
    assert [r.client for r in rows] == ["alex", "bea"] and all(r.error is None for r in rows)


def test_an_excel_sheet_with_a_column_twice_is_refused(tmp_path):
    import pandas as pd

    path = tmp_path / "c.xlsx"
    pd.DataFrame([["client", "days", "Days"], ["a", "mon", "wed"]]).to_excel(
        path, header=False, index=False
    )
    with pytest.raises(InputError, match="given twice"):
        read_clients(path)


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("empty.csv", "", "empty"),
        ("nodays.csv", "client\na\n", "no 'days' column"),
        ("header.csv", "client,days\n", "holds no clients"),
        ("notes.txt", "hello", "unsupported batch input"),
    ],
)
def test_a_source_that_cannot_be_read_is_one_clear_error(tmp_path, name, text, words):
    with pytest.raises(InputError, match=words):
        read_clients(write(tmp_path / name, text))
    with pytest.raises(InputError, match="not found"):
        read_clients(tmp_path / "missing.csv")


def test_json_lines_keep_going_past_a_broken_line(tmp_path):
    path = write(
        tmp_path / "c.jsonl",
        '{"client": "a", "days": ["mon"]}\n\n{"client": "b", "days": \n[1, 2]\n{"days": "tue"}\n',
    )
    rows = read_clients(path)
    assert [r.client for r in rows] == ["a", "line3", "line4", "line5"]
    assert rows[0].error is None and rows[3].error is None
    assert "not valid JSON" in rows[1].error and "JSON object" in rows[2].error
    assert rows[3].data == {"client": "line5", "days": "tue"}


def test_a_folder_reads_yaml_json_and_toml_sorted_with_bad_files_kept(tmp_path):
    write(tmp_path / "b.yaml", "days: [mon, wed]\n")
    write(tmp_path / "a.json", json.dumps({"client": "ann", "days": ["tue"]}))
    write(tmp_path / "c.toml", 'days = ["fri"]\n')
    write(tmp_path / "d.yaml", "days: [mon\n")
    write(tmp_path / "readme.md", "not a client")
    rows = read_clients(tmp_path)
    assert [r.client for r in rows] == ["ann", "b", "c", "d"]
    assert [r.error is None for r in rows] == [True, True, True, False]
    assert "not valid YAML" in rows[3].error


def test_mappings_and_constraints_are_accepted_directly():
    c = Constraints(client="x", days=["mon"])
    rows = read_clients([c, {"days": ["tue"]}, 42])
    assert [r.client for r in rows] == ["x", "client2", "client3"]
    assert parse_constraints(rows[0].data) == c
    assert rows[2].error


def test_an_excel_sheet_reads_like_the_csv(tmp_path):
    import pandas as pd

    frame = pd.read_csv(EXAMPLES / "clients.csv", dtype=str, keep_default_na=False).head(5)
    # numbers as numbers, as a spreadsheet stores them (read back as "60" or "60.0")
    frame["session_minutes"] = [float(v) if v.isdigit() else v for v in frame["session_minutes"]]
    path = tmp_path / "clients.xlsx"
    frame.to_excel(path, index=False)
    from_excel = read_clients(path)
    from_csv = read_clients(EXAMPLES / "clients.csv")[:5]
    assert [parse_constraints(r.data) for r in from_excel] == [
        parse_constraints(r.data) for r in from_csv
    ]
    assert from_excel[0].source == "clients.xlsx row 2"


def test_excel_without_openpyxl_says_what_to_install(tmp_path, monkeypatch):
    import pandas as pd

    def missing(*args, **kwargs):
        raise ImportError("Missing optional dependency 'openpyxl'")

    monkeypatch.setattr(pd, "read_excel", missing)
    with pytest.raises(InputError, match=r"pip install 'pre-exhaust\[excel\]' \(openpyxl\)"):
        read_clients(write(tmp_path / "c.xlsx", ""))
    with pytest.raises(InputError, match="pip install xlrd"):
        read_clients(write(tmp_path / "c.xls", ""))


def test_the_client_id_rule_matches_the_constraints_model():
    pattern = Constraints.model_json_schema()["properties"]["client"]["pattern"]
    assert pattern == CLIENT_ID.pattern
    assert re.fullmatch(CLIENT_ID, "alex-2.b_c") and not CLIENT_ID.match("al ex")


def test_goal_injury_tag_pattern_preference_and_rep_range_columns(tmp_path):
    sheet = write(
        tmp_path / "c.csv",
        "client,days,injuries,avoid_tags,avoid_patterns,goal,rep_ranges,prefer,dislike,"
        "supersets,superset_transition_seconds\n"
        "kim,mon;thu,shoulder;knee,floor,dip,strength,"
        '"barbell_back_squat:3-5;barbell_bench_press:4-6",leg_press,leg_extension,allowed,20\n',
    )
    [row] = read_clients(sheet)
    assert row.error is None, row.error
    same = {
        "client": "kim",
        "days": ["mon", "thu"],
        "injuries": ["shoulder", "knee"],
        "avoid": {"tags": ["floor"], "patterns": ["dip"]},
        "goal": "strength",
        "rep_ranges": {"barbell_back_squat": [3, 5], "barbell_bench_press": [4, 6]},
        "prefer": ["leg_press"],
        "dislike": ["leg_extension"],
        "supersets": "allowed",
        "superset_transition_seconds": 20,
    }
    assert parse_constraints(row.data) == parse_constraints(same)
