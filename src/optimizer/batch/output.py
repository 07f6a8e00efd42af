"""The batch's output folder: per-client files, per-client records, and the two combined CSVs.

Layout (`out/`):

    clients/<id>.json .csv .md .html   the same files as `preexhaust plan --out`
    records/<id>.json                  the client's summary row + the fingerprint of its input
    summary.csv                        one row per client, in input order
    programs.csv                       one row per exercise per client, in input order
    index.html                         every client in input order, linked to its page

Every file is written atomically (temp file + rename), and a client's record is written last:
a record whose fingerprint matches the input is the proof that the client is done, which is
what `--resume` trusts. summary.csv, programs.csv and index.html are rebuilt from the records
and the per-client CSVs at the end of every run, so a resumed batch ends with the same folder
as an uninterrupted one (only the `solve_seconds` timing column, and timings inside the
per-client JSON/Markdown/HTML, can differ).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

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
    *(f"minutes_{day}" for day in DAYS),
    "solve_seconds",
    "field",
    "error",
)
#: Columns that measure time and so differ between two runs of the same batch.
TIMING_FIELDS = ("solve_seconds",)


def cell(value: Any) -> str:
    """A summary cell: integral floats without `.0`, None as empty, so files diff cleanly."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


class BatchFolder:
    """Reads and writes one batch's output folder; the only code that touches it."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.clients = self.root / CLIENTS_DIR
        self.records = self.root / RECORDS_DIR

    # -- state ------------------------------------------------------------------------------
    def holds_batch(self) -> bool:
        """True when an earlier batch wrote here (so a plain run would mix two batches)."""
        return (self.root / SUMMARY_FILE).exists() or (
            self.records.is_dir() and any(self.records.iterdir())
        )

    def clear(self) -> None:
        """Remove what a batch writes here, and nothing else."""
        for folder in (self.clients, self.records):
            if folder.is_dir():
                shutil.rmtree(folder)
        for name in (SUMMARY_FILE, PROGRAMS_FILE, INDEX_FILE):
            (self.root / name).unlink(missing_ok=True)

    def remove_partial_files(self) -> None:
        """Delete temp files a killed run left behind (`write_atomic` names them `.*.tmp`)."""
        for folder in (self.clients, self.records):
            if folder.is_dir():
                for leftover in folder.glob(".*.tmp"):
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
        """The program files (if any), then the record: a crash in between leaves no record,
        so the client is simply solved again on resume."""
        if program is not None:
            for suffix, text in program_files(program).items():
                write_atomic(self.program_path(client, suffix), text)
        else:  # a failure replaces any program an earlier run wrote for other input
            for suffix in PROGRAM_SUFFIXES:
                self.program_path(client, suffix).unlink(missing_ok=True)
        write_atomic(self.record_path(client), json.dumps(dict(record), indent=2) + "\n")

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
        """Concatenate the per-client CSVs (header once), in the order given."""
        parts = [",".join(CSV_FIELDS) + "\n"]
        for client in clients:
            text = self.program_path(client, ".csv").read_text(encoding="utf-8")
            parts.append(text.split("\n", 1)[1] if "\n" in text else "")
        path = self.root / PROGRAMS_FILE
        write_atomic(path, "".join(parts))
        return path
