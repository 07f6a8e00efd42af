"""Plain-text pieces every output shares: numbers, rep and RIR ranges, the proof status, targets,
the weekly volume rows, an exercise's handout notes, superset positions (A1/A2) and rests, and
names escaped as literal Markdown.

Pure functions of a Program and its parts, with no format of their own, so the Markdown, HTML
and terminal renderers word the same facts the same way. Depends on `optimizer.program` only.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

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


#: What A1/A2 means, said once under a handout's title when some day holds a superset: a client
#: who has never done one needs the order spelled out, and the `->` rest read as a walk over.
SUPERSET_LEGEND = (
    "A1/A2 = a superset: one set of A1, then straight to A2 (the rest marked -> is only the "
    "walk over), the full rest after A2; repeat for every set."
)

#: After a superset member's rest: the next set is its partner's, not its own again.
TRANSITION_MARK = "->"


def _superset_groups(day: DayPlan) -> dict[str, list[int]]:
    """Row indices per superset label, in session order. A label held by one row only (a
    hand-edited program) is no superset to the reader: that row prints as a standalone one,
    so a handout never shows an A1 without its A2."""
    groups: dict[str, list[int]] = {}
    for i, ex in enumerate(day.exercises):
        if ex.superset:
            groups.setdefault(ex.superset, []).append(i)
    return {label: rows for label, rows in groups.items() if len(rows) > 1}


class RowMark(NamedTuple):
    """Where an exercise sits in its session, as the `#` and rest columns print it."""

    #: `3` for a standalone row (its position), `A1`, `A2` for superset members; unescaped
    #: text: each format escapes its own way.
    position: str
    #: Whether the row is a member of a superset (all of A1, A2).
    superset: bool
    #: The position its rest leads to when that rest is the superset's transition (`A2` for
    #: A1), else None: the rest before the row's own next set.
    leads_to: str | None


def row_marks(day: DayPlan) -> list[RowMark]:
    """One mark per exercise, in session order: the `#` column as coaches write it (1, 2, A1,
    A2, 5: a standalone row keeps its position, so the numbers still count the rows), and
    which rests are transitions (every member but a superset's last)."""
    positions = [str(n) for n in range(1, len(day.exercises) + 1)]
    groups = _superset_groups(day)
    for label, rows in groups.items():
        for k, i in enumerate(rows, start=1):
            positions[i] = f"{label}{k}"
    members = {i for rows in groups.values() for i in rows}
    leads_to = {i: positions[j] for rows in groups.values() for i, j in pairwise(rows)}
    return [RowMark(p, i in members, leads_to.get(i)) for i, p in enumerate(positions)]


def rest_text(seconds: int, transition: bool, unit: str = " s") -> str:
    """`90 s`, or `15 s ->` for a transition: short, and the legend says what the arrow means.
    `unit` is `s` in the compact terminal table."""
    return f"{seconds}{unit}" + (f" {TRANSITION_MARK}" if transition else "")


def superset_count_text(day: DayPlan) -> str:
    """`1 superset`, `2 supersets`, or "" for a day without: a day header's note, so a coach
    sees at a glance which sessions need two stations free at once."""
    count = len(_superset_groups(day))
    if not count:
        return ""
    return f"{count} superset" + ("s" if count > 1 else "")


def has_superset(program: Program) -> bool:
    """Whether the superset legend is worth printing."""
    return any(_superset_groups(day) for day in program.days)


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


def count_text(n: int, noun: str) -> str:
    """`1 client`, `2 clients`: a count and its noun, singular for one."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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


def injury_texts(program: Program) -> list[str]:
    """What each injury ruled out, worded alike in every rendering (and on the CLI's stderr)."""
    return [f"injuries: {name} -> avoided {added.text}" for name, added in program.injuries.items()]


def setting_texts(program: Program) -> list[str]:
    """The goal the week prescribes for, and what each injury ruled out: what a client reads
    before the first session."""
    return [
        f"goal: {program.goal} (rep ranges, rest and RIR per models/goals.yaml)",
        *injury_texts(program),
    ]


def legend_texts(program: Program) -> list[str]:
    """The legends a handout prints under its title: RIR and supersets, each only when the week
    has something it explains."""
    return [
        *([RIR_LEGEND] if has_rir(program) else []),
        *([SUPERSET_LEGEND] if has_superset(program) else []),
    ]
