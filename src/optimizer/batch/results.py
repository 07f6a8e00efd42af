"""What a batch returns: one `ClientResult` per client, in input order, and their totals.

A client's result is also its summary row and its record on disk, so a resumed client (read
back from its record) and a freshly solved one are the same object and summarise the same way.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..export.text import count_text
from ..program import EXERCISE_ROW_FIELDS, Program
from .output import PROGRAMS_FILE, SUMMARY_FIELDS, BatchFolder
from .tasks import OK_STATUSES

#: Every status a client can end with, successes first.
STATUSES = (
    "optimal",
    "feasible",
    "invalid_input",
    "infeasible",
    "timeout",
    "error",
    "batch_timeout",
    "interrupted",
)
#: Statuses that a resumed batch runs again (nothing was decided about the client).
UNFINISHED = ("batch_timeout", "interrupted")


@dataclass
class ClientResult:
    """One client's outcome: its program's key figures, or the reason there is none."""

    client: str
    source: str
    status: str
    program: Program | None = None
    error: str = ""
    field: str = ""
    objective: float | None = None
    gap: float | None = None
    attainment: float | None = None
    pre_exhaust_pairs: int | None = None
    #: clashes of the client's rules (`Program.warnings`): a coach scans the summary for them
    warnings: int | None = None
    minutes: dict[str, float] = dataclasses.field(default_factory=dict)
    solve_seconds: float | None = None
    resumed: bool = False
    traceback: str = ""

    @property
    def ok(self) -> bool:
        return self.status in OK_STATUSES

    @classmethod
    def from_program(cls, program: Program, source: str) -> ClientResult:
        return cls(
            client=program.client,
            source=source,
            status=program.status,
            program=program,
            objective=program.objective,
            gap=program.gap,
            attainment=program.attainment,
            pre_exhaust_pairs=program.pre_exhaust_pairs,
            warnings=len(program.warnings),
            minutes={day.day: day.minutes for day in program.days},
            solve_seconds=program.solve_seconds,
        )

    @classmethod
    def from_task(cls, client: str, source: str, raw: dict[str, Any]) -> ClientResult:
        """From a task's plain-data result (see `tasks.solve_task`)."""
        if raw.get("program") is not None:
            return cls.from_program(Program.model_validate(raw["program"]), source)
        status = raw.get("status") or "error"
        if status in OK_STATUSES:  # a success must carry its week; without one it is a bug
            raw = {**raw, "error": f"internal error: {status} without a program"}
            status = "error"
        return cls(
            client=client,
            source=source,
            status=status,
            error=raw.get("error") or "",
            field=raw.get("field") or "",
            solve_seconds=raw.get("seconds"),
            traceback=raw.get("traceback") or "",
        )

    @classmethod
    def from_record(cls, record: dict[str, Any], source: str) -> ClientResult:
        """A client finished by an earlier run, read back from its record."""
        return cls(
            client=record["client"],
            source=source,
            status=record["status"],
            error=record.get("error") or "",
            field=record.get("field") or "",
            objective=record.get("objective"),
            gap=record.get("gap"),
            attainment=record.get("attainment"),
            pre_exhaust_pairs=record.get("pre_exhaust_pairs"),
            warnings=record.get("warnings"),
            minutes=dict(record.get("minutes") or {}),
            solve_seconds=record.get("solve_seconds"),
            resumed=True,
        )

    def record(self, fingerprint: str) -> dict[str, Any]:
        """What `records/<client>.json` holds: the summary figures and the input's
        fingerprint (the source is not kept: rows may move between runs)."""
        out: dict[str, Any] = {
            "client": self.client,
            "status": self.status,
            "objective": self.objective,
            "gap": self.gap,
            "attainment": self.attainment,
            "pre_exhaust_pairs": self.pre_exhaust_pairs,
            "warnings": self.warnings,
            "minutes": self.minutes,
            "solve_seconds": self.solve_seconds,
            "field": self.field,
            "error": self.error,
            "fingerprint": fingerprint,
        }
        if self.traceback:
            out["traceback"] = self.traceback
        return out

    def row(self) -> dict[str, Any]:
        """The client's summary.csv row."""
        row: dict[str, Any] = {
            "client": self.client,
            "source": self.source,
            "status": self.status,
            "objective": self.objective,
            "gap": self.gap,
            "attainment": self.attainment,
            "pre_exhaust_pairs": self.pre_exhaust_pairs,
            "warnings": self.warnings,
            "solve_seconds": self.solve_seconds,
            "field": self.field,
            "error": self.error,
        }
        for day, minutes in self.minutes.items():
            row[f"minutes_{day}"] = minutes
        return row


@dataclass
class BatchResult:
    """Every client's result in input order, where they were written, and the totals."""

    results: list[ClientResult]
    out: Path | None
    engine: str
    seconds: float
    interrupted: bool = False
    #: Remarks from the engine (e.g. Dask workers without a pinned hash seed).
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every client has a program (the CLI's exit code 0)."""
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> list[ClientResult]:
        return [r for r in self.results if not r.ok]

    def counts(self) -> dict[str, int]:
        """Clients per status, in the order of `STATUSES`, only those that occur."""
        found = Counter(r.status for r in self.results)
        return {s: found[s] for s in (*STATUSES, *sorted(found)) if found.get(s)}

    def describe(self) -> str:
        """`50 clients: 48 optimal, 1 feasible, 1 infeasible (2 failed)`."""
        parts = ", ".join(f"{n} {status}" for status, n in self.counts().items())
        failed = len(self.failed)
        tail = f"; {failed} failed" if failed else ""
        return f"{count_text(len(self.results), 'client')}: {parts}{tail}"

    def program(self, client: str) -> Program | None:
        """One client's program, from memory or from the output folder."""
        for result in self.results:
            if result.client == client and result.ok:
                if result.program is not None:
                    return result.program
                if self.out is not None:
                    return BatchFolder(self.out).read_program(client)
        return None

    def summary(self):
        """summary.csv as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame([r.row() for r in self.results], columns=list(SUMMARY_FIELDS))

    def programs(self):
        """One row per exercise per client (programs.csv) as a pandas DataFrame."""
        import pandas as pd

        if self.out is not None and (self.out / PROGRAMS_FILE).is_file():
            return pd.read_csv(self.out / PROGRAMS_FILE, keep_default_na=False)
        rows = [row for r in self.results if r.program for row in r.program.exercise_rows()]
        return pd.DataFrame(rows, columns=list(EXERCISE_ROW_FIELDS))
