"""Writing a week to disk: every format at once, each file atomically.

The only export module that touches the file system and the only one that knows the whole set
of formats, so `plan --out` and the batch write the same files. Depends on `formats`, `html`
and `optimizer.program`; nothing in the export package depends on it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..program import Program
from .formats import to_csv, to_json, to_markdown
from .html import to_html

#: The files a week is written as, in writing order: the JSON last, it completes the set.
PROGRAM_SUFFIXES = (".csv", ".md", ".html", ".json")


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def program_files(program: Program) -> dict[str, str]:
    """Every file a week is written as, by suffix, in `PROGRAM_SUFFIXES` order: `plan --out` and
    the batch write the same set."""
    texts = {
        ".csv": to_csv(program),
        ".md": to_markdown(program),
        ".html": to_html(program),
        ".json": to_json(program) + "\n",
    }
    return {suffix: texts[suffix] for suffix in PROGRAM_SUFFIXES}


def write_outputs(program: Program, folder: str | Path) -> list[Path]:
    """`<client>.csv`, `.md`, `.html` and `.json` in `folder`; returns the paths written."""
    folder = Path(folder)
    paths = []
    for suffix, text in program_files(program).items():
        path = folder / f"{program.client}{suffix}"
        write_atomic(path, text)
        paths.append(path)
    return paths
