"""The handouts speak like a coach (issue 14): every output shows the RIR target, and the
Markdown and HTML pages add the catalog's cue and why an isolation comes before its compound.

The weeks here are built by hand from the bundled catalog, so the tests need no solver and hold
whether or not the planner fills in RIR yet.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from rich.console import Console

from optimizer import load_catalog
from optimizer.export import print_program, rir_text, to_csv, to_html, to_json, to_markdown
from optimizer.export.text import RIR_LEGEND, handout_notes
from optimizer.program import (
    EXERCISE_ROW_FIELDS,
    DayPlan,
    Program,
    ProgramExercise,
    pairing_reason,
)

REASON = "Leg extension first: tires the quads so the barbell back squat works them harder."
EVIL_NOTE = '<script>alert("x")</script> a|b\n=cmd|" /C calc"!A0'


def exercise(id: str, pre_exhausts: str | None = None, **update) -> ProgramExercise:
    """A bundled catalog exercise as a program lists it, with `update` over its fields."""
    book = load_catalog()
    row = ProgramExercise.of(book[id], 3, ["gym"], pre_exhausts)
    return row.model_copy(update=update)


def week(*days: DayPlan, client: str = "robin") -> Program:
    return Program(
        client=client,
        status="optimal",
        objective=1.0,
        best_bound=1.0,
        gap=0.0,
        solve_seconds=0.1,
        ordering="pre_exhaust",
        days=list(days),
        weekly_sets={"quads": 6.0, "glutes": 1.5},
        pre_exhaust_pairs=1,
    )


def day(*exercises: ProgramExercise, name: str = "mon") -> DayPlan:
    return DayPlan(
        day=name,
        focus="legs",
        minutes=30.0,
        budget_minutes=60,
        warmup_minutes=5,
        exercises=list(exercises),
    )


@pytest.fixture
def legs() -> DayPlan:
    return day(
        exercise("leg_extension", "barbell_back_squat", rir=(0, 1)),
        exercise("barbell_back_squat", rir=(2, 2)),
    )


@pytest.fixture
def program(legs: DayPlan) -> Program:
    return week(legs)


def terminal_text(program: Program) -> str:
    console = Console(width=200, record=True)
    print_program(program, console)
    return console.export_text()


class Cells(HTMLParser):
    """The text of every table row's cells, `small` lines included."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_rows(page: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(page)
    parser.close()
    return [row for row in parser.rows if row]


# -- the pairing reason ---------------------------------------------------------------------------


def test_the_pairing_reason_for_a_leg_extension_before_a_squat(legs: DayPlan) -> None:
    extension, squat = legs.exercises
    assert pairing_reason(legs, extension) == REASON
    assert pairing_reason(legs, squat) is None  # a compound pre-exhausts nothing


def test_a_pair_naming_a_missing_compound_has_no_reason() -> None:
    lonely = day(exercise("leg_extension", "no_such_lift"))
    assert pairing_reason(lonely, lonely.exercises[0]) is None
    assert handout_notes(lonely, lonely.exercises[0]) == [
        "Classic quad pre-exhaust before squat or leg press."
    ]
    assert REASON not in to_markdown(week(lonely)) + to_html(week(lonely))


def test_the_reason_names_shared_muscles_as_words() -> None:
    # the isolation's primaries the press also works (as primary or secondary), as words;
    # the biceps, which the press does not work, are left out
    iso = ProgramExercise(
        id="fly",
        name="Cable fly",
        mechanic="isolation",
        intensity=1,
        sets=3,
        reps=(12, 15),
        rest_seconds=60,
        minutes=5.0,
        primary=["chest", "front_delts", "biceps"],
        secondary=[],
        equipment=["cable_station"],
        pre_exhausts="bench",
    )
    press = iso.model_copy(
        update={
            "id": "bench",
            "name": "Barbell bench press",
            "mechanic": "compound",
            "primary": ["chest"],
            "secondary": ["front_delts", "triceps"],
            "pre_exhausts": None,
        }
    )
    both = day(iso, press)
    assert pairing_reason(both, iso) == (
        "Cable fly first: tires the chest and front delts so the barbell bench press works "
        "them harder."
    )
    chest_only = day(iso.model_copy(update={"primary": ["chest"]}), press)
    assert pairing_reason(chest_only, chest_only.exercises[0]) == (
        "Cable fly first: tires the chest so the barbell bench press works it harder."
    )


# -- RIR in every output --------------------------------------------------------------------------


def test_rir_text() -> None:
    assert rir_text((0, 1)) == "0-1"
    assert rir_text((2, 2)) == "2"
    assert rir_text(None) == "-"


def test_the_terminal_shows_rir(program: Program) -> None:
    text = terminal_text(program)
    assert "RIR" in text
    lines = text.splitlines()
    extension = next(line for line in lines if "Leg extension" in line)
    squat = next(line for line in lines if "Barbell back squat" in line)
    assert " 0-1 " in extension and " 2 " in squat


def test_markdown_shows_rir_notes_and_the_reason(program: Program) -> None:
    page = to_markdown(program)
    header = "| # | exercise | sets x reps | RIR | rest | min | intensity | pre-exhausts | notes |"
    assert header in page and RIR_LEGEND in page
    extension = next(line for line in page.splitlines() if line.startswith("| 1 | Leg extension"))
    assert "| 3 x 10-20 | 0-1 |" in extension
    assert "Classic quad pre-exhaust before squat or leg press." in extension
    assert REASON in extension
    squat = next(line for line in page.splitlines() if line.startswith("| 2 | Barbell"))
    assert "| 3 x 5-10 | 2 |" in squat
    assert squat.endswith("|  |")  # no cue in the catalog, no pair: an empty notes cell


def test_html_shows_rir_notes_and_the_reason(program: Program) -> None:
    page = to_html(program)
    assert ">RIR</abbr>" in page and RIR_LEGEND in page
    rows = html_rows(page)
    extension = next(r for r in rows if r[1].startswith("Leg extension"))
    squat = next(r for r in rows if r[1].startswith("Barbell back squat"))
    assert extension[3] == "0-1" and squat[3] == "2"
    assert "Classic quad pre-exhaust before squat or leg press." in extension[1]
    assert REASON in extension[1]
    assert extension[-1] == "Barbell back squat"  # the pre-exhausts cell is still the last
    assert (
        '<small class="note">' not in page.split("Barbell back squat <span", 1)[1].split("</tr>")[0]
    )


def test_csv_and_dataframe_carry_rir_and_notes(program: Program) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(program))))
    assert tuple(rows[0]) == EXERCISE_ROW_FIELDS
    assert (rows[0]["rir_min"], rows[0]["rir_max"]) == ("0", "1")
    assert (rows[1]["rir_min"], rows[1]["rir_max"]) == ("2", "2")
    assert rows[0]["notes"] == "classic quad pre-exhaust before squat or leg press"
    frame = program.to_dataframe()
    assert list(frame.columns) == list(EXERCISE_ROW_FIELDS)
    assert list(frame["rir_min"]) == [0, 2] and list(frame["rir_max"]) == [1, 2]


def test_json_carries_rir_and_notes(program: Program) -> None:
    data = json.loads(to_json(program))
    extension, squat = data["days"][0]["exercises"]
    assert extension["rir"] == [0, 1] and squat["rir"] == [2, 2]
    assert extension["notes"].startswith("classic quad")
    assert Program.model_validate(data) == program
    schema = Program.model_json_schema()
    assert {"rir", "notes"} <= set(schema["$defs"]["ProgramExercise"]["properties"])


def test_no_rir_renders_as_a_dash_everywhere() -> None:
    old = week(day(exercise("leg_extension", "barbell_back_squat"), exercise("barbell_back_squat")))
    assert all(ex.rir is None for ex in old.days[0].exercises)
    markdown = to_markdown(old)
    assert "| 3 x 10-20 | - |" in markdown and RIR_LEGEND not in markdown
    page = to_html(old)
    assert RIR_LEGEND not in page
    # the exercise rows (the volume table's rows have 5 cells, the exercises' 8)
    assert [r[3] for r in html_rows(page) if len(r) > 5] == ["-", "-"]
    assert " - " in next(line for line in terminal_text(old).splitlines() if "Leg ext" in line)
    rows = list(csv.DictReader(io.StringIO(to_csv(old))))
    assert {(r["rir_min"], r["rir_max"]) for r in rows} == {("", "")}
    assert json.loads(to_json(old))["days"][0]["exercises"][0]["rir"] is None


# -- escaping -------------------------------------------------------------------------------------


@pytest.fixture
def hostile(legs: DayPlan) -> Program:
    extension, squat = legs.exercises
    return week(
        day(
            extension.model_copy(update={"notes": EVIL_NOTE, "name": "Ext <b>|"}),
            squat.model_copy(update={"notes": "=cmd", "name": "Squat [x](http://e)"}),
        )
    )


def test_markdown_neutralises_notes(hostile: Program) -> None:
    page = to_markdown(hostile)
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page
    rows = [line for line in page.splitlines() if line.startswith(("| 1 |", "| 2 |"))]
    assert len(rows) == 2  # the note's line break did not end the row
    for row in rows:
        assert row.replace("\\|", "").count("|") == 10  # nor its pipes add cells
    # the reason quotes both names, escaped like any name
    assert "Ext &lt;b&gt;\\| first: tires the quads so the squat \\[x\\](http://e)" in rows[0]
    assert "=cmd" in rows[1]  # harmless in Markdown: shown as text


def test_html_neutralises_notes(hostile: Program) -> None:
    page = to_html(hostile)
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    parser = Cells()
    parser.feed(page)
    assert not {"script", "b", "a"} & set(parser.tags)
    rows = html_rows(page)
    assert 'alert("x")' in rows[0][1] and "Ext <b>| first: tires the quads" in rows[0][1]


def test_csv_neutralises_notes(hostile: Program) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(hostile))))
    assert rows[0]["notes"] == EVIL_NOTE  # starts with "<": no formula, kept as written
    assert rows[1]["notes"] == "'=cmd"
    assert not [v for row in rows for v in row.values() if v[:1] in ("=", "+", "-", "@")]
