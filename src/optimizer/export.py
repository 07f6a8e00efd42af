"""Exports of a Program: JSON, CSV (one row per exercise), Markdown and a terminal table (the
HTML page is in export_html.py).

Pure functions of the Program, so every format says the same thing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .program import Program

CSV_FIELDS = (
    "client",
    "day",
    "focus",
    "order",
    "id",
    "name",
    "mechanic",
    "intensity",
    "sets",
    "reps_min",
    "reps_max",
    "rest_seconds",
    "minutes",
    "primary",
    "secondary",
    "equipment",
    "pre_exhausts",
)
# the files a week is written as, in writing order: the JSON last, it completes the set
PROGRAM_SUFFIXES = (".csv", ".md", ".html", ".json")


def to_json(program: Program, indent: int | None = 2) -> str:
    return program.model_dump_json(indent=indent)


def exercise_rows(program: Program) -> list[dict[str, Any]]:
    rows = []
    for day in program.days:
        for n, ex in enumerate(day.exercises, start=1):
            rows.append(
                {
                    "client": program.client,
                    "day": day.day,
                    "focus": day.focus,
                    "order": n,
                    "id": ex.id,
                    "name": ex.name,
                    "mechanic": ex.mechanic,
                    "intensity": ex.intensity,
                    "sets": ex.sets,
                    "reps_min": ex.reps[0],
                    "reps_max": ex.reps[1],
                    "rest_seconds": ex.rest_seconds,
                    "minutes": ex.minutes,
                    "primary": ";".join(ex.primary),
                    "secondary": ";".join(ex.secondary),
                    "equipment": ";".join(ex.equipment),
                    "pre_exhausts": ex.pre_exhausts or "",
                }
            )
    return rows


def to_csv(program: Program) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(exercise_rows(program))
    return buffer.getvalue()


def reps_text(reps: tuple[int, int]) -> str:
    return str(reps[0]) if reps[0] == reps[1] else f"{reps[0]}-{reps[1]}"


def number_text(x: float) -> str:
    return f"{x:g}"


def proof_text(program: Program) -> str:
    """What the solver proved, in words (see `Program.absolute_gap` for the minutes)."""
    if program.status != "optimal":
        return f"best found, gap {program.gap:.2%}"
    left = program.absolute_gap
    if left <= 0:
        return "proven optimal"
    if left <= 60 * program.solver.get("time_tolerance", 0):
        return (
            f"targets and pairs proven best, exercise time within {left / 60:.1f} min of the "
            f"shortest"
        )
    return f"proven within the gap limit ({program.gap:.2%})"


def status_line(program: Program) -> str:
    proof = proof_text(program)
    return (
        f"{proof} in {program.solve_seconds:.2f} s; {program.pre_exhaust_pairs} pre-exhaust "
        f"pair(s); {program.attainment:.0%} of weighted target minimums reached"
    )


def to_markdown(program: Program) -> str:
    lines = [f"# Week for {program.client}", "", status_line(program), ""]
    for day in program.days:
        lines += [
            f"## {day.day.capitalize()}: {day.focus} ({number_text(day.minutes)} of "
            f"{day.budget_minutes} min, {day.warmup_minutes} min warm-up)",
            "",
        ]
        if not day.exercises:
            lines += ["Rest day: nothing fits or nothing is needed.", ""]
            continue
        lines += [
            "| # | exercise | sets x reps | rest | min | intensity | pre-exhausts |",
            "|---|---|---|---|---|---|---|",
        ]
        for n, ex in enumerate(day.exercises, start=1):
            lines.append(
                f"| {n} | {ex.name} | {ex.sets} x {reps_text(ex.reps)} | "
                f"{ex.rest_seconds} s | {number_text(ex.minutes)} | {ex.intensity} | "
                f"{ex.pre_exhausts or ''} |"
            )
        lines.append("")
    lines += [
        "## Weekly sets per muscle",
        "",
        "| muscle | sets | target | met |",
        "|---|---|---|---|",
    ]
    for muscle, sets in volume_rows(program):
        target = program.targets.get(muscle)
        tgt = target_text(target) if target else ""
        met = ("yes" if target.met else "no") if target else ""
        lines.append(f"| {muscle} | {number_text(sets)} | {tgt} | {met} |")
    return "\n".join(lines) + "\n"


def target_text(target) -> str:
    upper = f"-{number_text(target.max)}" if target.max is not None else "+"
    text = number_text(target.min) + upper
    return text + (f" (priority {target.priority})" if target.priority != 1 else "")


def volume_rows(program: Program) -> list[tuple[str, float]]:
    muscles = list(program.weekly_sets) + [
        m for m in program.targets if m not in program.weekly_sets
    ]
    return [(m, program.weekly_sets.get(m, 0.0)) for m in muscles]


def print_program(program: Program, console=None) -> None:
    """A readable table per day and the weekly volume against targets (rich)."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    console.print(f"[bold]Week for {program.client}[/bold]: {status_line(program)}")
    for day in program.days:
        table = Table(
            title=f"{day.day.capitalize()} - {day.focus} - {number_text(day.minutes)} of "
            f"{day.budget_minutes} min (incl. {day.warmup_minutes} min warm-up)",
            title_justify="left",
        )
        for col, justify in (
            ("#", "right"),
            ("exercise", "left"),
            ("sets x reps", "left"),
            ("rest", "right"),
            ("min", "right"),
            ("int.", "right"),
            ("pre-exhausts", "left"),
        ):
            table.add_column(col, justify=justify)
        for n, ex in enumerate(day.exercises, start=1):
            table.add_row(
                str(n),
                ex.name,
                f"{ex.sets} x {reps_text(ex.reps)}",
                f"{ex.rest_seconds}s",
                number_text(ex.minutes),
                str(ex.intensity),
                ex.pre_exhausts or "",
            )
        console.print(table)
    volume = Table(title="Weekly sets per muscle (primary 1, secondary 0.5)", title_justify="left")
    for col in ("muscle", "sets", "target", "met"):
        volume.add_column(col)
    for muscle, sets in volume_rows(program):
        target = program.targets.get(muscle)
        met = ("[green]yes[/green]" if target.met else "[red]no[/red]") if target else ""
        volume.add_row(muscle, number_text(sets), target_text(target) if target else "", met)
    console.print(volume)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def program_files(program: Program) -> dict[str, str]:
    """Every file a week is written as, by suffix, in `PROGRAM_SUFFIXES` order: `plan --out` and
    the batch write the same set."""
    from .export_html import to_html  # it builds on this module's text helpers

    texts = {
        ".csv": to_csv(program),
        ".md": to_markdown(program),
        ".html": to_html(program),
        ".json": to_json(program) + "\n",
    }
    return {suffix: texts[suffix] for suffix in PROGRAM_SUFFIXES}


def write_outputs(program: Program, folder: str | Path) -> list[Path]:
    """`<client>.csv`, `.md`, `.html` and `.json` in `folder`; returns the paths written."""
    folder = Path(folder)
    paths = []
    for suffix, text in program_files(program).items():
        path = folder / f"{program.client}{suffix}"
        write_atomic(path, text)
        paths.append(path)
    return paths


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2)
