"""The week on a terminal: a rich table per day and the weekly volume against the targets.

Separate from the file formats because it needs rich (imported when called: the CLI's other
paths and a web app never pay for it). Depends on `text` and `optimizer.program`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..program import Program
from .text import (
    SUPERSET_LEGEND,
    has_superset,
    injury_texts,
    number_text,
    reps_text,
    rest_text,
    rir_text,
    row_marks,
    status_line,
    superset_count_text,
    target_text,
    volume_rows,
    warning_texts,
)

if TYPE_CHECKING:
    from rich.console import Console


def print_program(
    program: Program, console: Console | None = None, *, warnings: bool = True
) -> None:
    """A readable table per day and the weekly volume against targets (rich).

    Kept compact for an 80-column terminal: the RIR target is a column, the cues and pairing
    reasons are left to the Markdown and HTML handouts.

    `warnings=False` leaves out the warning lines, for a caller that prints them elsewhere
    (the CLI, on stderr) so a terminal does not show them twice."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    console.print(f"[bold]Week for {program.client}[/bold]: {status_line(program)}")
    for text in injury_texts(program) if warnings else []:
        console.print(escape(text))  # the injuries; the CLI prints them with the warnings
    for text in warning_texts(program) if warnings else []:
        # escaped: `equipment: [bands]` in a message is text, not rich markup
        console.print(f"[yellow]{escape(text)}[/yellow]")
    if has_superset(program):
        console.print(escape(SUPERSET_LEGEND))
    for day in program.days:
        supersets = superset_count_text(day)
        table = Table(
            title=f"{day.day.capitalize()} - {day.focus} - {number_text(day.minutes)} of "
            f"{day.budget_minutes} min (incl. {day.warmup_minutes} min warm-up)"
            + (f" - {supersets}" if supersets else ""),
            title_justify="left",
        )
        for col, justify in (
            ("#", "right"),
            ("exercise", "left"),
            ("sets x reps", "left"),
            ("RIR", "right"),
            ("rest", "right"),
            ("min", "right"),
            ("int.", "right"),
            ("pre-exhausts", "left"),
        ):
            table.add_column(col, justify=justify)
        for ex, mark in zip(day.exercises, row_marks(day), strict=True):
            table.add_row(
                escape(mark.position),  # a superset label is text too
                escape(ex.name),  # a catalog name is text, never rich markup
                f"{ex.sets} x {reps_text(ex.reps)}",
                rir_text(ex.rir),
                rest_text(ex.rest_seconds, mark.leads_to is not None, unit="s"),
                number_text(ex.minutes),
                str(ex.intensity),
                escape(ex.pre_exhausts or ""),
            )
        console.print(table)
    volume = Table(title="Weekly sets per muscle (primary 1, secondary 0.5)", title_justify="left")
    for col in ("muscle", "sets", "target", "met", "days"):
        volume.add_column(col)
    for muscle, sets in volume_rows(program):
        target = program.targets.get(muscle)
        met = ("[green]yes[/green]" if target.met else "[red]no[/red]") if target else ""
        days = str(target.days) if target else ""
        volume.add_row(muscle, number_text(sets), target_text(target) if target else "", met, days)
    console.print(volume)
