"""The week as JSON, CSV (one row per exercise) and Markdown strings.

Pure functions of the Program, so every format says the same thing; the HTML page is in
`html.py` and the terminal table in `terminal.py`. Depends on `text`, `csv_safe` and
`optimizer.program`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..program import EXERCISE_ROW_FIELDS, Program
from .csv_safe import csv_rows
from .text import (
    handout_notes,
    legend_texts,
    markdown_text,
    number_text,
    reps_text,
    rest_text,
    rir_text,
    row_marks,
    setting_texts,
    status_line,
    superset_count_text,
    target_text,
    volume_rows,
    warning_texts,
)

#: The per-exercise CSV's header (and programs.csv's): the Program's own row fields.
CSV_FIELDS = EXERCISE_ROW_FIELDS


def to_json(program: Program, indent: int | None = 2) -> str:
    """The Program exactly as its pydantic model dumps it (what `plan --json` prints)."""
    return program.model_dump_json(indent=indent)


def dumps(data: Any) -> str:
    """Any JSON-ready data, indented like the Program's JSON."""
    return json.dumps(data, indent=2)


def exercise_rows(program: Program) -> list[dict[str, Any]]:
    """One row per exercise (`Program.exercise_rows`; kept here for the export's callers)."""
    return program.exercise_rows()


def to_csv(program: Program) -> str:
    """One row per exercise with the `CSV_FIELDS` header, `\\n` line ends; a text cell a
    spreadsheet would run as a formula starts with `'` (see `csv_safe`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(program.exercise_rows()))
    return buffer.getvalue()


def to_markdown(program: Program) -> str:
    """A page per week: the status line, a table per day, the weekly volume against targets.

    Every name from the catalog or the client goes through `markdown_text`, so a name cannot
    inject HTML (`<script>`) or break a table (`|`) when the page is rendered; the notes column
    (cue and pairing reason) too, as one line, since a cell cannot hold a line break, and the
    superset label in the `#` column. Our own texts (numbers, the legends, a transition's `->`)
    are written as they are: none holds `<` or `|`, and `->` mid-cell is no Markdown.
    """
    md = markdown_text
    lines = [f"# Week for {md(program.client)}", "", status_line(program), ""]
    for legend in legend_texts(program):
        lines += [legend, ""]
    lines += [*(f"- {md(text)}" for text in setting_texts(program)), ""]
    if program.warnings:
        lines += [*(f"- {md(text)}" for text in warning_texts(program)), ""]
    for day in program.days:
        supersets = superset_count_text(day)
        lines += [
            f"## {day.day.capitalize()}: {md(day.focus)} ({number_text(day.minutes)} of "
            f"{day.budget_minutes} min, {day.warmup_minutes} min warm-up"
            + (f", {supersets})" if supersets else ")"),
            "",
        ]
        if not day.exercises:
            lines += ["Rest day: nothing fits or nothing is needed.", ""]
            continue
        lines += [
            "| # | exercise | sets x reps | RIR | rest | min | intensity | pre-exhausts | notes |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for ex, mark in zip(day.exercises, row_marks(day), strict=True):
            notes = " ".join(handout_notes(day, ex))
            rest = rest_text(ex.rest_seconds, mark.leads_to is not None)
            lines.append(
                f"| {md(mark.position)} | {md(ex.name)} | {ex.sets} x {reps_text(ex.reps)} | "
                f"{rir_text(ex.rir)} | {rest} | {number_text(ex.minutes)} | {ex.intensity} | "
                f"{md(ex.pre_exhausts or '')} | {md(notes)} |"
            )
        lines.append("")
    lines += [
        "## Weekly sets per muscle",
        "",
        "| muscle | sets | target | met | days |",
        "|---|---|---|---|---|",
    ]
    for muscle, sets in volume_rows(program):
        target = program.targets.get(muscle)
        tgt = target_text(target) if target else ""
        met = ("yes" if target.met else "no") if target else ""
        days = str(target.days) if target else ""
        lines.append(f"| {md(muscle)} | {number_text(sets)} | {tgt} | {met} | {days} |")
    return "\n".join(lines) + "\n"
