"""The HTML page: well-formed, says what the Markdown says, and escapes every input text."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import pytest

from optimizer import Program
from optimizer.export import status_line, to_markdown
from optimizer.export.html import DAY_NAMES, to_html

from helpers import EXAMPLES, solve_checked

CLIENT = {
    "client": "sam",
    "days": ["mon", "wed", "fri"],
    "session_minutes": 40,
    "equipment": ["commercial_gym"],
    "targets": {"quads": {"min": 8, "priority": 2}, "chest": 6, "biceps": {"min": 60}},
    "solver": {"time_limit": 3, "seed": 0, "workers": 1},
}
VOID = {"meta", "br", "link", "img", "hr", "input"}


class Page(HTMLParser):
    """Checks nesting as it reads, and keeps the text and the table rows."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self.open and self.open[-1] in ("td", "small", "span") and self.rows:
            self.rows[-1].append(data)


def read(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.open == [], f"unclosed: {parser.open}"
    return parser


@pytest.fixture(scope="module")
def program(catalog) -> Program:
    return solve_checked(CLIENT, catalog)


def test_the_page_is_well_formed_and_standalone(program: Program) -> None:
    page = to_html(program)
    assert page.startswith("<!doctype html>")
    parsed = read(page)
    # nothing fetched from elsewhere, nothing run
    assert not {"script", "link", "img", "iframe"} & set(parsed.tags)
    assert "http" not in page


def test_the_page_says_what_the_markdown_says(program: Program) -> None:
    page = read(to_html(program))
    text = " ".join(page.text)
    assert "Week for sam" in text and status_line(program) in text
    markdown = to_markdown(program)
    for day in program.days:
        assert DAY_NAMES[day.day] in text
        for ex in day.exercises:
            assert ex.name in text and ex.name in markdown
    # one row per exercise in order, with its sets x reps, rest and minutes
    # (in page order: the same exercise may stand at the same place on two days)
    cells = iter([" ".join(r) for r in page.rows])
    for day in program.days:
        for n, ex in enumerate(day.exercises, start=1):
            row = next(c for c in cells if c.startswith(f"{n} {ex.name} "))
            assert f"{ex.sets} x " in row and f"{ex.rest_seconds} s" in row
    # the weekly volume, every target with its met flag and its days: 60 biceps sets cannot
    # fit 3 sessions
    volume = {r[0]: r for r in page.rows if r and r[0] in ("quads", "chest", "biceps")}
    assert set(volume) == {"quads", "chest", "biceps"}
    assert volume["biceps"][-2] == "no" and not program.targets["biceps"].met
    assert volume["quads"][-2] == ("yes" if program.targets["quads"].met else "no")
    for muscle, row in volume.items():
        assert row[-1] == str(program.targets[muscle].days)
        line = next(x for x in markdown.splitlines() if x.startswith(f"| {muscle} |"))
        assert line.endswith(f"| {program.targets[muscle].days} |")


def test_pre_exhausts_names_the_compound() -> None:
    # one day and a required isolation and compound of one muscle: a pre-exhaust pair for sure
    program = solve_checked(
        {
            "client": "pair",
            "days": ["mon"],
            "session_minutes": 45,
            "targets": {"quads": "6-12"},
            "require": ["leg_extension", "leg_press"],
        },
        time_limit=3,
    )
    pairs = [
        (ex, day) for day in program.days for ex in day.exercises if ex.pre_exhausts is not None
    ]
    assert pairs, "the fixture week should hold a pre-exhaust pair"
    page = to_html(program)
    for ex, day in pairs:
        compound = next(c for c in day.exercises if c.id == ex.pre_exhausts)
        assert f"<td>{escape(compound.name)}</td></tr>" in page


def test_every_input_text_is_escaped(program: Program) -> None:
    evil = '<script>alert("x")</script> & <b>'
    day = program.days[0].model_copy(
        update={
            "exercises": [ex.model_copy(update={"name": evil}) for ex in program.days[0].exercises]
        }
    )
    hacked = program.model_copy(update={"days": [day, *program.days[1:]]})
    page = to_html(hacked)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert evil in " ".join(read(page).text)


def test_a_rest_day_is_said(program: Program) -> None:
    empty = program.days[0].model_copy(update={"exercises": [], "minutes": 0.0})
    page = to_html(program.model_copy(update={"days": [empty]}))
    read(page)
    assert "Rest day" in page and "<tbody>" in page  # the volume table is still there


def test_plan_writes_the_page_beside_the_other_files(tmp_path) -> None:
    from typer.testing import CliRunner

    from optimizer.cli import app

    out = tmp_path / "weeks"
    # the files are the point, not the search: a short limit (the file's own runs to the end)
    example = str(EXAMPLES / "home_dumbbells.yaml")
    result = CliRunner().invoke(app, ["plan", example, "--out", str(out), "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    client = names[0].rsplit(".", 1)[0]
    assert names == [f"{client}.{s}" for s in ("csv", "html", "json", "md")]
    page = (out / f"{client}.html").read_text(encoding="utf-8")
    assert f"Week for {client}" in " ".join(read(page).text)
