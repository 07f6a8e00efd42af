"""`index.html` of a batch folder: every client in input order, linked to its week's page.

A coach with two hundred clients opens one file to see who got which week and who needs a
fix, with the reason, without a spreadsheet. Built from the same results as summary.csv (so a
resumed batch gets the same page) and with no timing in it, so two runs of one batch give
identical pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from ..export.html import page_start
from ..export.text import count_text, number_text
from .results import ClientResult


def index_html(results: Sequence[ClientResult], clients_dir: str) -> str:
    counts = Counter(r.status for r in results)
    tally = ", ".join(f"{n} {status}" for status, n in counts.most_common())
    failed = sum(not r.ok for r in results)
    fix = f"; {failed} need a fix" if failed else ""
    parts = [
        *page_start(f"Batch of {count_text(len(results), 'client')}"),
        f"<h1>Batch of {count_text(len(results), 'client')}</h1>",
        f'<p class="status">{escape(tally)}{fix}</p>',
        '<p class="meta">A client\'s name opens its week. <em>optimal</em>: proven best; '
        "<em>feasible</em>: best found in the time limit, the gap says how far from proven.</p>",
        "<table>",
        '<thead><tr><th>Client</th><th>Status</th><th class="num">Targets reached</th>'
        '<th class="num">Pairs</th><th class="num">Min per week</th><th class="num">Gap</th>'
        "<th>Why not</th></tr></thead>",
        "<tbody>",
    ]
    parts += [_row(r, clients_dir) for r in results]
    parts += ["</tbody>", "</table>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _row(r: ClientResult, clients_dir: str) -> str:
    name = escape(r.client)
    if r.ok:
        href = escape(f"{clients_dir}/{quote(r.client)}.html")
        name = f'<a href="{href}">{name}</a>'
        reached = f"{r.attainment:.0%}" if r.attainment is not None else ""
        pairs = str(r.pre_exhaust_pairs) if r.pre_exhaust_pairs is not None else ""
        minutes = number_text(round(sum(r.minutes.values()), 1))
        gap = f"{r.gap:.2%}" if r.gap else "0"
        why = ""
    else:
        reached = pairs = minutes = gap = ""
        why = escape(r.error)  # it names the field already
    css = "" if r.ok else ' class="short"'
    return (
        f'<tr><td>{name}</td><td{css}>{escape(r.status)}</td><td class="num">{reached}</td>'
        f'<td class="num">{pairs}</td><td class="num">{minutes}</td>'
        f'<td class="num">{gap}</td><td>{why}</td></tr>'
    )
