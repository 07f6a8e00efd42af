"""Exports of a Program: JSON, CSV, Markdown and HTML strings, files on disk, a terminal table.

One way only: every module here reads a `Program` (`optimizer.program`), and the Program knows
nothing of them (its `exercise_rows`, which the CSV and `Program.to_dataframe` share, lives on
the Program). Inside the package the graph is one-way too:

    text      numbers, rep and RIR ranges, the proof status, targets, volume rows, warnings,
              handout notes (cue and pairing reason), superset positions (A1/A2) and rests,
              the legends, Markdown escape
    csv_safe  csv_cell: the CSV formula-injection rule every CSV writer shares (pure)
    formats   to_json, to_csv, to_markdown            <- text, csv_safe
    html      to_html, page_start                     <- text
    terminal  print_program (rich)                    <- text
    files     write_atomic, program_files, write_outputs  <- formats, html

Everything importable from `optimizer.export` before it became a package still is.
"""

from __future__ import annotations

from .files import PROGRAM_SUFFIXES, program_files, write_atomic, write_outputs
from .formats import CSV_FIELDS, dumps, exercise_rows, to_csv, to_json, to_markdown
from .html import DAY_NAMES, page_start, to_html
from .terminal import print_program
from .text import (
    number_text,
    proof_text,
    reps_text,
    rir_text,
    setting_texts,
    status_line,
    target_text,
    volume_rows,
    warning_texts,
)

__all__ = [
    "CSV_FIELDS",
    "DAY_NAMES",
    "PROGRAM_SUFFIXES",
    "dumps",
    "exercise_rows",
    "number_text",
    "page_start",
    "print_program",
    "program_files",
    "proof_text",
    "reps_text",
    "rir_text",
    "setting_texts",
    "status_line",
    "target_text",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "volume_rows",
    "warning_texts",
    "write_atomic",
    "write_outputs",
]
