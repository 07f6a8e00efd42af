"""CSV cells a spreadsheet cannot run: the one rule every CSV this package writes goes through.

A catalog name such as `=HYPERLINK("http://...")` written raw to a CSV becomes a live formula
when a coach opens the file in Excel, LibreOffice or Google Sheets ("CSV injection"). As OWASP
recommends, a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading single quote, which every spreadsheet shows as text. Numbers are never touched: a value
that is not a string, or a string that is a plain number (`-1.5`, `+2`, `-3e5`), is no formula.
Pure functions, no imports from the package: `formats` (the per-client CSV) and the batch's
`summary.csv` and `programs.csv` share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A plain decimal number, which a spreadsheet reads as a number whatever its sign.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

V = TypeVar("V")


def csv_cell(value: V) -> V | str:
    """`value` as a safe CSV cell: a formula-like string gets a leading `'`, anything else is
    returned as is. Idempotent (a neutralised cell starts with `'`)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every cell of a `csv.DictWriter` row through `csv_cell`."""
    return {key: csv_cell(value) for key, value in row.items()}


def csv_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [csv_row(row) for row in rows]
