"""The batch's output folder: per-client files, per-client records, and the two combined CSVs.

Layout (`out/`):

    clients/<id>.json .csv .md .html   the same files as `preexhaust plan --out`
    records/<id>.json                  the summary row, the input's fingerprint, the files written
    summary.csv                        one row per client, in input order
    programs.csv                       one row per exercise per client, in input order
    index.html                         every client in input order, linked to its page

Every file is written atomically (temp file + rename, with the mode the umask gives), and a
client's record is written last: a record whose fingerprint matches the input is the proof
that the client is done, which is what `--resume` trusts. summary.csv, programs.csv and
index.html are rebuilt from the records and the per-client CSVs at the end of every run, so a
resumed batch ends with the same folder as an uninterrupted one (only the `solve_seconds`
timing column, and timings inside the per-client JSON/Markdown/HTML, can differ).

Safe to point at a folder that holds other files: a record lists the files its client wrote,
and `clear` (`--overwrite`) deletes only those, the records, and the three combined files. A
folder that is a symbolic link (the root, `clients/` or `records/`) is refused, so a batch never
writes into, or deletes from, a place it was not given. Every CSV cell goes through
`export.csv_safe`, so a name cannot become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..export.csv_safe import csv_cell
from ..export.files import PROGRAM_SUFFIXES, program_files, write_atomic
from ..export.formats import CSV_FIELDS
from ..program import Program
from ..vocabulary import DAYS

CLIENTS_DIR = "clients"
RECORDS_DIR = "records"
SUMMARY_FILE = "summary.csv"
PROGRAMS_FILE = "programs.csv"
INDEX_FILE = "index.html"

SUMMARY_FIELDS = (
    "client",
    "source",
    "status",
    "objective",
    "gap",
    "attainment",
    "pre_exhaust_pairs",
    "warnings",
    *(f"minutes_{day}" for day in DAYS),
    "solve_seconds",
    "field",
    "error",
)
#: Columns that measure time and so differ between two runs of the same batch.
TIMING_FIELDS = ("solve_seconds",)
#: The temp files `write_atomic` leaves when killed mid-write: `.<file>.<random>.tmp`.
_PARTIAL = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_.\-]*\.(?:json|csv|md|html)\.[A-Za-z0-9_]+\.tmp")


def cell(value: Any) -> str:
    """A summary cell: integral floats without `.0`, None as empty, so files diff cleanly;
    text that a spreadsheet would run as a formula starts with `'` (numbers never do)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (int, float)):
        return str(value)
    return csv_cell(str(value))


class BatchFolder:
    """Reads and writes one batch's output folder; the only code that touches it."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.clients = self.root / CLIENTS_DIR
        self.records = self.root / RECORDS_DIR

    # -- state ------------------------------------------------------------------------------
    def check_not_linked(self) -> None:
        """Refuse a root, `clients/` or `records/` that is a symbolic link: files would be
        written, and `--overwrite` would delete, somewhere the batch was not pointed at."""
        for folder in (self.root, self.clients, self.records):
            if folder.is_symlink():
                raise InputError(
                    str(folder),
                    "is a symbolic link; a batch writes only into real folders",
                    "give --out a real folder (or the link's target)",
                )

    def holds_batch(self) -> bool:
        """True when an earlier batch wrote here (so a plain run would mix two batches)."""
        return (self.root / SUMMARY_FILE).exists() or (
            self.records.is_dir() and any(self.records.glob("*.json"))
        )

    def client_files(self, client: str) -> list[str]:
        """The files a client's program is written as, relative to the root (a record's
        `files`)."""
        return [f"{CLIENTS_DIR}/{client}{suffix}" for suffix in PROGRAM_SUFFIXES]

    def clear(self) -> None:
        """Remove what an earlier batch wrote here, and nothing else: each record's listed
        files (only names its client could have written), the record, the combined files.
        A coach's own files in `clients/` or `records/` stay, and so do those folders."""
        self.check_not_linked()
        if self.records.is_dir():
            for path in sorted(self.records.glob("*.json")):
                if not path.is_file() or path.is_symlink():
                    continue
                try:
                    record = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue  # not a record this package wrote: keep it
                if not isinstance(record, dict) or "fingerprint" not in record:
                    continue
                allowed = self.client_files(path.stem)
                listed = record.get("files", allowed)  # records before `files`: all four
                for name in listed if isinstance(listed, list) else []:
                    if name in allowed:
                        (self.root / name).unlink(missing_ok=True)
                path.unlink(missing_ok=True)
        for name in (SUMMARY_FILE, PROGRAMS_FILE, INDEX_FILE):
            path = self.root / name
            if path.is_file() or path.is_symlink():
                path.unlink(missing_ok=True)

    def remove_partial_files(self) -> None:
        """Delete temp files a killed run left behind (`write_atomic` names them
        `.<file>.<random>.tmp`)."""
        for folder in (self.root, self.clients, self.records):
            if folder.is_dir():
                for leftover in folder.glob(".*.tmp"):
                    if _PARTIAL.fullmatch(leftover.name) and not leftover.is_dir():
                        leftover.unlink(missing_ok=True)

    def program_path(self, client: str, suffix: str) -> Path:
        return self.clients / f"{client}{suffix}"

    def record_path(self, client: str) -> Path:
        return self.records / f"{client}.json"

    def read_record(self, client: str) -> dict[str, Any] | None:
        """The client's record, or None when missing or unreadable (then it is solved again)."""
        try:
            record = json.loads(self.record_path(client).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    def has_program(self, client: str) -> bool:
        return all(self.program_path(client, s).is_file() for s in PROGRAM_SUFFIXES)

    def read_program(self, client: str) -> Program:
        text = self.program_path(client, ".json").read_text(encoding="utf-8")
        return Program.model_validate_json(text)

    # -- writing ----------------------------------------------------------------------------
    def write_client(self, client: str, program: Program | None, record: Mapping[str, Any]) -> None:
        """The program files (if any), then the record, which lists them (`files`, relative to
        the root; what `clear` may delete): a crash in between leaves no record, so the client
        is simply solved again on resume."""
        files: list[str] = []
        if program is not None:
            for suffix, text in program_files(program).items():
                write_atomic(self.program_path(client, suffix), text)
            files = self.client_files(client)
        else:  # a failure replaces any program an earlier run wrote for other input
            for suffix in PROGRAM_SUFFIXES:
                self.program_path(client, suffix).unlink(missing_ok=True)
        data = {**record, "files": files}
        write_atomic(self.record_path(client), json.dumps(data, indent=2) + "\n")

    def write_summary(self, rows: Iterable[Mapping[str, Any]]) -> Path:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(row.get(k)) for k in SUMMARY_FIELDS})
        path = self.root / SUMMARY_FILE
        write_atomic(path, buffer.getvalue())
        return path

    def write_index(self, page: str) -> Path:
        """`index.html` (see index_page.py; it links to the clients' pages in CLIENTS_DIR)."""
        path = self.root / INDEX_FILE
        write_atomic(path, page)
        return path

    def write_programs(self, clients: Iterable[str]) -> Path:
        """Concatenate the per-client CSVs (header once), in the order given.

        The rows are read and written again through `csv_cell`: the per-client CSVs are safe
        already (`to_csv`), but one left by an older version may not be, and this is the file
        a coach opens. A safe cell passes unchanged, so the rows match the per-client files.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for client in clients:
            text = self.program_path(client, ".csv").read_text(encoding="utf-8")
            rows = csv.reader(io.StringIO(text, newline=""))
            next(rows, None)  # the header
            writer.writerows([csv_cell(value) for value in row] for row in rows)
        path = self.root / PROGRAMS_FILE
        write_atomic(path, buffer.getvalue())
        return path
