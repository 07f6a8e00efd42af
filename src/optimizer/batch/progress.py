"""Progress of a batch: a rich bar on a terminal, one plain line per client otherwise.

The runner calls `start`, `advance` for each finished client and `stop`; it never prints.
Plain lines (`[12/50] alex optimal 0.4 s`) keep logs and CI output readable where a live bar
would print control codes.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol, TextIO

from ..export.text import count_text


class Progress(Protocol):
    def start(self, total: int, already_done: int, engine: str) -> None: ...

    def advance(self, result: Any, done: int, failed: int) -> None: ...

    def stop(self) -> None: ...


class NoProgress:
    """The API's default: silent."""

    def start(self, total: int, already_done: int, engine: str) -> None:
        pass

    def advance(self, result: Any, done: int, failed: int) -> None:
        pass

    def stop(self) -> None:
        pass


def _line(result: Any) -> str:
    text = f"{result.client} {result.status}"
    if result.solve_seconds is not None:
        text += f" {result.solve_seconds:.1f} s"
    if result.error:
        text += f": {result.error}"
    return text


class PlainProgress:
    """One line per finished client on `stream` (stderr by default)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = 0

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def start(self, total: int, already_done: int, engine: str) -> None:
        self.total = total
        text = f"batch: {count_text(total, 'client')} on {engine}"
        if already_done:
            text += f"; {already_done} already done (resume)"
        self._print(text)

    def advance(self, result: Any, done: int, failed: int) -> None:
        self._print(f"[{done}/{self.total}] {_line(result)}")

    def stop(self) -> None:
        pass


class RichProgress:
    """A live bar with done and failed counts and the ETA, on stderr."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int, already_done: int, engine: str) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self._bar = Bar(
            TextColumn("[bold]batch[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("done, [red]{task.fields[failed]} failed[/red]"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._bar.start()
        if already_done:
            clients = count_text(total, "client")
            self.console.print(f"resume: {already_done} of {clients} already done")
        self.console.print(f"batch: {count_text(total, 'client')} on {engine}")
        self._task = self._bar.add_task("batch", total=total, completed=already_done, failed=0)

    def advance(self, result: Any, done: int, failed: int) -> None:
        if result.status not in ("optimal", "feasible"):
            self._bar.console.print(f"[red]{_line(result)}[/red]")
        self._bar.update(self._task, completed=done, failed=failed)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def default_progress(stream: TextIO | None = None) -> Progress:
    """Rich on a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    return RichProgress() if stream.isatty() else PlainProgress(stream)
