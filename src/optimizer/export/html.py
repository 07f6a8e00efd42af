"""The week as one self-contained HTML page: what a coach prints or sends to a client.

No scripts, no fonts or styles from elsewhere: the page opens offline, in a mail client and in
a browser's print preview the same way. Every text from the input (client id, exercise names
from a user's catalog) is escaped, so a catalog cannot inject markup into the page.

Depends on `text` and `optimizer.program`; `page_start` is shared with the batch's index page.
(`from html import escape` below is the standard library: imports are absolute.)
"""

from __future__ import annotations

from html import escape

from ..program import DayPlan, Program, ProgramExercise
from .text import (
    RowMark,
    handout_notes,
    legend_texts,
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

DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
ORDERING_TEXT = {
    "pre_exhaust": "pre-exhaust: isolation work first, the compound lift that shares its muscle "
    "last",
    "compound_first": "compound first: heavy multi-joint lifts first, isolation work after",
    "free": "no ordering rule (listed in pre-exhaust order)",
}

STYLE = """
:root { color-scheme: light dark; --line: #8884; --muted: #777; --iso: #2a7ab8; --comp: #b8562a; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { margin: 1.6rem 0 .2rem; font-size: 1.2rem; }
.status, .meta, .time, .rest { color: var(--muted); margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
th { font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
small { color: var(--muted); } small.note { display: block; font-style: italic; }
abbr, .transition { text-decoration: underline dotted; cursor: help; }
tr.superset td:first-child { font-weight: 600; } tr.to-partner td { border-bottom-style: dashed; }
.mech { font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.isolation .mech { color: var(--iso); } .compound .mech { color: var(--comp); }
.met { color: #2e7d32; } .short { color: #c62828; } .warning { color: #b26a00; margin: .2rem 0; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; }
               section { break-inside: avoid; } }
"""


def page_start(title: str) -> list[str]:
    """Everything up to the body, the same for every page we write (`title` is escaped)."""
    return [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    ]


def to_html(program: Program) -> str:
    """The page: the proof status, one table per training day, the weekly volume."""
    client = escape(program.client)
    parts = [
        *page_start(f"Week for {program.client}"),
        "<header>",
        f"<h1>Week for {client}</h1>",
        f'<p class="status">{escape(status_line(program))}</p>',
        f'<p class="meta">Order within each session: '
        f"{escape(ORDERING_TEXT.get(program.ordering, program.ordering))}.</p>",
        *(f'<p class="meta">{escape(text)}</p>' for text in legend_texts(program)),
        *(f'<p class="meta">{escape(text)}</p>' for text in setting_texts(program)),
        *(f'<p class="warning">{escape(text)}</p>' for text in warning_texts(program)),
        "</header>",
    ]
    for day in program.days:
        parts += _day(day)
    parts += _volume(program)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _day(day: DayPlan) -> list[str]:
    title = f"{DAY_NAMES.get(day.day, day.day)}: {day.focus}"
    supersets = superset_count_text(day)
    out = [
        "<section>",
        f"<h2>{escape(title)}</h2>",
        f'<p class="time">{number_text(day.minutes)} of {day.budget_minutes} min, including '
        f"{day.warmup_minutes} min warm-up{f'; {supersets}' if supersets else ''}</p>",
    ]
    if not day.exercises:
        rest = '<p class="rest">Rest day: nothing fits or nothing is needed.</p>'
        return [*out, rest, "</section>"]
    names = {ex.id: ex.name for ex in day.exercises}
    out += [
        "<table>",
        '<thead><tr><th class="num">#</th><th>Exercise</th><th>Sets x reps</th>'
        '<th class="num"><abbr title="reps in reserve">RIR</abbr></th>'
        '<th class="num">Rest</th><th class="num">Min</th><th class="num">Intensity</th>'
        "<th>Pre-exhausts</th></tr></thead>",
        "<tbody>",
    ]
    marks = zip(day.exercises, row_marks(day), strict=True)
    out += [_exercise_row(ex, day, names, mark) for ex, mark in marks]
    return [*out, "</tbody>", "</table>", "</section>"]


def _rest_cell(ex: ProgramExercise, leads_to: str | None) -> str:
    """The rest, or a superset's transition with a tooltip naming where it leads, for a reader
    who skipped the legend."""
    rest = escape(rest_text(ex.rest_seconds, leads_to is not None))
    if leads_to is None:
        return f'<td class="num">{rest}</td>'
    hint = escape(f"transition: straight to {leads_to}, no rest")
    return f'<td class="num"><span class="transition" title="{hint}">{rest}</span></td>'


def _exercise_row(ex: ProgramExercise, day: DayPlan, names: dict[str, str], mark: RowMark) -> str:
    """One table row; the cue and the pairing reason go under the name as small lines, so the
    table keeps its width on paper and the pre-exhausts cell stays the row's last. A superset
    member's row is marked (`superset`, and `to-partner` before its partner) so print keeps
    the pair visibly together."""
    muscles = ", ".join(m.replace("_", " ") for m in ex.primary)
    if ex.secondary:
        muscles += "; also " + ", ".join(m.replace("_", " ") for m in ex.secondary)
    target = ex.pre_exhausts
    before = escape(names.get(target, target)) if target else ""
    notes = "".join(
        f'<small class="note">{escape(line)}</small>' for line in handout_notes(day, ex)
    )
    classes = ex.mechanic + (" superset" if mark.superset else "")
    classes += " to-partner" if mark.leads_to is not None else ""
    return (
        f'<tr class="{classes}"><td class="num">{escape(mark.position)}</td>'
        f'<td>{escape(ex.name)} <span class="mech">{ex.mechanic}</span>'
        f"<br><small>{escape(muscles)}</small>{notes}</td>"
        f"<td>{ex.sets} x {reps_text(ex.reps)}</td>"
        f'<td class="num">{rir_text(ex.rir)}</td>'
        f"{_rest_cell(ex, mark.leads_to)}"
        f'<td class="num">{number_text(ex.minutes)}</td>'
        f'<td class="num">{ex.intensity}</td>'
        f"<td>{before}</td></tr>"
    )


def _volume(program: Program) -> list[str]:
    out = [
        "<section>",
        "<h2>Weekly sets per muscle</h2>",
        '<p class="time">A set counts 1 for a primary muscle and 0.5 for a secondary one. '
        "Days: the days with 3 or more sets of the muscle as primary.</p>",
        "<table>",
        '<thead><tr><th>Muscle</th><th class="num">Sets</th><th class="num">Target</th>'
        '<th>Met</th><th class="num">Days</th></tr></thead>',
        "<tbody>",
    ]
    for muscle, sets in volume_rows(program):
        target = program.targets.get(muscle)
        if target is None:
            wanted, met, days = "", "", ""
        else:
            wanted = escape(target_text(target))
            met = '<span class="met">yes</span>' if target.met else '<span class="short">no</span>'
            days = str(target.days)
        out.append(
            f"<tr><td>{escape(muscle.replace('_', ' '))}</td>"
            f'<td class="num">{number_text(sets)}</td>'
            f'<td class="num">{wanted}</td><td>{met}</td><td class="num">{days}</td></tr>'
        )
    return [*out, "</tbody>", "</table>", "</section>"]
