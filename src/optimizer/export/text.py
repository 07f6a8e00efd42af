"""Plain-text pieces every output shares: numbers, rep and RIR ranges, the proof status, targets,
the weekly volume rows, an exercise's handout notes, and names escaped as literal Markdown.

Pure functions of a Program and its parts, with no format of their own, so the Markdown, HTML
and terminal renderers word the same facts the same way. Depends on `optimizer.program` only.
"""

from __future__ import annotations

import re

from ..program import DayPlan, Program, ProgramExercise, TargetReport, pairing_reason

#: Characters Markdown would read as markup in a name: HTML (`<`, `>`, `&`), a table's cell
#: boundary (`|`), a link (`[`, `]`) and the backslash that escapes them, with their escapes.
_MARKDOWN_ESCAPES = {
    "\\": "\\\\",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "\\|",
    "[": "\\[",
    "]": "\\]",
}
_MARKDOWN_SPECIAL = re.compile("[" + re.escape("".join(_MARKDOWN_ESCAPES)) + "]")


def reps_text(reps: tuple[int, int]) -> str:
    """`8-12`, or `10` for a fixed count."""
    return str(reps[0]) if reps[0] == reps[1] else f"{reps[0]}-{reps[1]}"


#: What RIR means, said once under a handout's title when some exercise has a target: a client
#: reading "RIR 1-3" for the first time needs the words, a coach does not need them per row.
RIR_LEGEND = (
    "RIR = reps in reserve: end each working set with that many good reps still in the tank "
    "(0 = the last rep you can do)."
)


def rir_text(rir: tuple[int, int] | None) -> str:
    """`0-1`, `2` when both ends agree, `-` for a program without RIR targets (older JSON), so
    every table keeps its columns."""
    return "-" if rir is None else reps_text(rir)


def has_rir(program: Program) -> bool:
    """Whether the legend is worth printing: an older program has no targets to explain."""
    return any(ex.rir is not None for day in program.days for ex in day.exercises)


def _sentence(text: str) -> str:
    """A catalog note as a sentence beside the pairing reason: capital first, a full stop."""
    flat = " ".join(text.split())
    if not flat:
        return ""
    flat = flat[:1].upper() + flat[1:]
    return flat if flat.endswith((".", "!", "?")) else flat + "."


def handout_notes(day: DayPlan, ex: ProgramExercise) -> list[str]:
    """The short lines a handout prints under an exercise: the catalog's cue, then why it
    comes before its compound. Plain text, unescaped: each format escapes its own way."""
    lines = [_sentence(ex.notes), pairing_reason(day, ex) or ""]
    return [line for line in lines if line]


def number_text(x: float) -> str:
    """Shortest form: 10.0 -> `10`, 10.75 -> `10.75`."""
    return f"{x:g}"


def markdown_text(text: str) -> str:
    """A name from the catalog or the client as literal Markdown text, safe in a table cell:
    HTML is escaped (`<script>` shows, never runs), `|` cannot end a cell, `[...](...)` cannot
    make a link, and a line break cannot end the row."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_ESCAPES[m.group()], flat)


def proof_text(program: Program) -> str:
    """What the solver proved, in words (see `Program.absolute_gap` for the minutes)."""
    if program.status != "optimal":
        return f"best found, gap {program.gap:.2%}"
    left = program.absolute_gap
    if left <= 0:
        return "proven optimal"
    if left <= 60 * program.solver.get("time_tolerance", 0):
        return (
            f"targets and coach value proven best, exercise time within {left / 60:.1f} min of the "
            f"shortest"
        )
    return f"proven within the gap limit ({program.gap:.2%})"


def status_line(program: Program) -> str:
    """The one-line verdict under every rendering's title: proof, time, pairs, targets."""
    proof = proof_text(program)
    return (
        f"{proof} in {program.solve_seconds:.2f} s; {program.pre_exhaust_pairs} pre-exhaust "
        f"pair(s); {program.attainment:.0%} of weighted target minimums reached"
    )


def target_text(target: TargetReport) -> str:
    """`10-20`, `8+` (no maximum), with the priority when it is not the default 1."""
    upper = f"-{number_text(target.max)}" if target.max is not None else "+"
    text = number_text(target.min) + upper
    return text + (f" (priority {target.priority})" if target.priority != 1 else "")


def volume_rows(program: Program) -> list[tuple[str, float]]:
    """(muscle, weekly sets): every muscle worked, then targeted muscles the week missed."""
    muscles = list(program.weekly_sets) + [
        m for m in program.targets if m not in program.weekly_sets
    ]
    return [(m, program.weekly_sets.get(m, 0.0)) for m in muscles]


def warning_texts(program: Program) -> list[str]:
    """`warning: ...`, one per clash of the file's rules, worded alike in every rendering."""
    return [f"warning: {w.message}" for w in program.warnings]


def setting_texts(program: Program) -> list[str]:
    """The goal the week prescribes for, and what each injury ruled out: what a client reads
    before the first session, worded alike in every rendering."""
    lines = [f"goal: {program.goal} (rep ranges, rest and RIR per models/goals.yaml)"]
    lines += [
        f"injuries: {name} -> avoided {added.text}" for name, added in program.injuries.items()
    ]
    return lines
