"""Pre-exhaust supersets in every output (issue 15): the `#` column says A1/A2 the way coaches
write it, the isolation's rest is marked as the transition, one legend explains both, and the
JSON and CSV carry the label.

The weeks are built by hand from the bundled catalog (see test_handout), so these tests hold
whatever the planner does.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console
from test_handout import Cells, day, exercise, html_rows, terminal_text, week

from optimizer.export import print_program, to_csv, to_html, to_json, to_markdown
from optimizer.export.text import (
    SUPERSET_LEGEND,
    RowMark,
    has_superset,
    rest_text,
    row_marks,
    superset_count_text,
)
from optimizer.program import DayPlan, Program

MD_HEADER = "| # | exercise | sets x reps | RIR | rest | min | intensity | pre-exhausts | notes |"


@pytest.fixture
def legs() -> DayPlan:
    """1, 2, A1, A2, 5: two standalone lifts, the pair, a standalone calf raise."""
    return day(
        exercise("barbell_romanian_deadlift", rir=(2, 3)),
        exercise("lying_leg_curl", rir=(1, 2)),
        exercise("leg_extension", "barbell_back_squat", rir=(0, 1), superset="A", rest_seconds=15),
        exercise("barbell_back_squat", rir=(2, 2), superset="A"),
        exercise("standing_calf_raise_machine", rir=(0, 1)),
    )


@pytest.fixture
def program(legs: DayPlan) -> Program:
    return week(legs)


@pytest.fixture
def plain() -> Program:
    """The same day with no superset: every output as before issue 15."""
    return week(
        day(
            exercise("leg_extension", "barbell_back_squat", rir=(0, 1)),
            exercise("barbell_back_squat", rir=(2, 2)),
        )
    )


def markdown_row(page: str, position: str) -> str:
    return next(line for line in page.splitlines() if line.startswith(f"| {position} | "))


# -- the shared text ------------------------------------------------------------------------------


def test_positions_keep_counting_rows(legs: DayPlan) -> None:
    assert row_marks(legs) == [
        RowMark("1", False, None),
        RowMark("2", False, None),
        RowMark("A1", True, "A2"),
        RowMark("A2", True, None),
        RowMark("5", False, None),
    ]
    assert superset_count_text(legs) == "1 superset"


def test_two_supersets_in_a_day() -> None:
    push = day(
        exercise("dumbbell_fly", "barbell_bench_press", superset="A"),
        exercise("barbell_bench_press", superset="A"),
        exercise("dumbbell_lateral_raise", "dumbbell_shoulder_press", superset="B"),
        exercise("dumbbell_shoulder_press", superset="B"),
        exercise("cable_triceps_pushdown"),
    )
    assert [m.position for m in row_marks(push)] == ["A1", "A2", "B1", "B2", "5"]
    assert [m.leads_to for m in row_marks(push)] == ["A2", None, "B2", None, None]
    assert superset_count_text(push) == "2 supersets"


def test_a_label_without_a_partner_prints_as_a_standalone_row() -> None:
    # a hand-edited program: an A1 without an A2 would send the client looking for it
    lonely = day(exercise("leg_extension", superset="A"), exercise("barbell_back_squat"))
    assert row_marks(lonely) == [RowMark("1", False, None), RowMark("2", False, None)]
    assert superset_count_text(lonely) == "" and not has_superset(week(lonely))


def test_rest_text() -> None:
    assert rest_text(90, False) == "90 s" and rest_text(15, True) == "15 s ->"
    assert rest_text(15, True, unit="s") == "15s ->"


# -- every human format ---------------------------------------------------------------------------


def test_the_terminal_writes_a1_a2_and_the_transition(program: Program) -> None:
    text = terminal_text(program)
    assert text.count(SUPERSET_LEGEND) == 1
    lines = text.splitlines()
    assert any("Mon - legs" in line and line.rstrip().endswith("- 1 superset") for line in lines)
    rows = {name: next(line for line in lines if name in line) for name in ("Romanian", "Lying")}
    rows |= {name: next(line for line in lines if name in line) for name in ("Leg ext", "back sq")}
    rows["calf"] = next(line for line in lines if "Standing calf" in line)
    assert rows["Romanian"].startswith("│  1 │") and rows["Lying"].startswith("│  2 │")
    assert rows["Leg ext"].startswith("│ A1 │") and rows["back sq"].startswith("│ A2 │")
    assert rows["calf"].startswith("│  5 │")
    assert " 15s -> " in rows["Leg ext"]
    assert " 180s " in rows["back sq"] and "->" not in rows["back sq"]


def test_markdown_writes_a1_a2_and_the_transition(program: Program) -> None:
    page = to_markdown(program)
    assert page.count(SUPERSET_LEGEND) == 1
    assert "## Mon: legs (30 of 60 min, 5 min warm-up, 1 superset)" in page
    assert MD_HEADER in page  # the columns are as before
    assert [markdown_row(page, p).split(" | ")[1] for p in ("1", "2", "A1", "A2", "5")] == [
        "Barbell Romanian deadlift",
        "Lying leg curl",
        "Leg extension",
        "Barbell back squat",
        "Standing calf raise (machine)",
    ]
    assert "| 0-1 | 15 s -> | 6.75 |" in markdown_row(page, "A1")
    assert "| 2 | 180 s | 12.5 |" in markdown_row(page, "A2")
    width = MD_HEADER.count("|")
    for position in ("1", "2", "A1", "A2", "5"):
        assert markdown_row(page, position).replace("\\|", "").count("|") == width


def test_html_writes_a1_a2_and_the_transition(program: Program) -> None:
    page = to_html(program)
    assert page.count(SUPERSET_LEGEND.replace(">", "&gt;")) == 1
    assert "5 min warm-up; 1 superset</p>" in page
    rows = [row for row in html_rows(page) if len(row) > 5]  # exercise rows, not volume
    assert [row[0] for row in rows] == ["1", "2", "A1", "A2", "5"]
    assert [row[4] for row in rows] == ["180 s", "60 s", "15 s ->", "180 s", "60 s"]
    assert 'title="transition: straight to A2, no rest">15 s -&gt;</span>' in page
    assert page.count('<tr class="isolation superset to-partner">') == 1
    assert page.count('<tr class="compound superset">') == 1
    parser = Cells()
    parser.feed(page)
    assert parser.tags.count("tr") == 1 + 5 + 1 + 2  # heads, the day's rows, the volume


def test_a_week_without_supersets_prints_as_before(plain: Program) -> None:
    terminal, page, html = terminal_text(plain), to_markdown(plain), to_html(plain)
    for text in (terminal, page, html.split("</style>")[1]):  # the style sheet names the class
        assert "superset" not in text.lower() and "A1" not in text and "->" not in text
    assert "## Mon: legs (30 of 60 min, 5 min warm-up)" in page
    assert markdown_row(page, "1").startswith("| 1 | Leg extension |")
    assert "| 2 | 180 s |" in markdown_row(page, "2")
    assert [row[0] for row in html_rows(html) if len(row) > 5] == ["1", "2"]
    assert '<tr class="isolation"><td class="num">1</td>' in html


# -- escaping -------------------------------------------------------------------------------------


@pytest.fixture
def hostile(legs: DayPlan) -> Program:
    label = "<b>|[red]x"
    rows = [
        ex.model_copy(update={"superset": label}) if ex.superset else ex for ex in legs.exercises
    ]
    return week(legs.model_copy(update={"exercises": rows}))


def test_labels_are_escaped_like_any_text(hostile: Program) -> None:
    page = to_markdown(hostile)
    assert "<b>" not in page
    assert "| &lt;b&gt;\\|\\[red\\]x1 | Leg extension |" in page
    assert markdown_row(page, "&lt;b&gt;\\|\\[red\\]x2").replace("\\|", "").count("|") == 10
    html = to_html(hostile)
    assert "<b>" not in html and "&lt;b&gt;|[red]x1" in html
    parser = Cells()
    parser.feed(html)
    assert "b" not in parser.tags
    assert 'title="transition: straight to &lt;b&gt;|[red]x2, no rest"' in html
    console = Console(width=200, record=True)
    print_program(hostile, console)
    assert "<b>|[red]x1" in console.export_text()  # shown, not read as rich markup


# -- JSON and CSV ---------------------------------------------------------------------------------


def test_json_carries_the_label(program: Program) -> None:
    data = json.loads(to_json(program))
    assert [ex["superset"] for ex in data["days"][0]["exercises"]] == [
        None,
        None,
        "A",
        "A",
        None,
    ]
    assert Program.model_validate(data) == program
    schema = Program.model_json_schema()
    assert "superset" in schema["$defs"]["ProgramExercise"]["properties"]


def test_csv_carries_the_label_and_the_row_order(program: Program) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(program))))
    assert [row["superset"] for row in rows] == ["", "", "A", "A", ""]
    assert [row["order"] for row in rows] == ["1", "2", "3", "4", "5"]  # a number, for sorting
    assert rows[2]["rest_seconds"] == "15"  # the transition, as seconds


def test_csv_neutralises_a_formula_label(legs: DayPlan) -> None:
    rows = [
        ex.model_copy(update={"superset": "=1+1"}) if ex.superset else ex for ex in legs.exercises
    ]
    table = list(
        csv.DictReader(io.StringIO(to_csv(week(legs.model_copy(update={"exercises": rows})))))
    )
    assert [row["superset"] for row in table] == ["", "", "'=1+1", "'=1+1", ""]
