"""Writing a week to disk: every format at once, each file atomically.

The only export module that touches the file system and the only one that knows the whole set
of formats, so `plan --out` and the batch write the same files. Depends on `formats`, `html`
and `optimizer.program`; nothing in the export package depends on it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..errors import InputError
from ..program import Program
from .formats import to_csv, to_json, to_markdown
from .html import to_html

#: The files a week is written as, in writing order: the JSON last, it completes the set.
PROGRAM_SUFFIXES = (".csv", ".md", ".html", ".json")


#: Flags of a new temp file: created here or failing (never through a symlink or onto another
#: file), binary on Windows (the text layer already chose the line ends), not inherited.
_CREATE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOINHERIT", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new, empty `.<name>.<random>.tmp` beside `path`, opened for writing.

    Created with mode 0o666, so the kernel applies the process's umask as it does for any file
    (`tempfile.mkstemp` makes 0600 files, which a rename would keep): no umask is read or
    changed here, so there is no window where another thread creates files with a wrong mask.
    """
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, _CREATE_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a reader never sees half a file; the file's mode
    follows the umask, like any file the user creates."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
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


def output_folder(folder: str | Path, option: str = "--out") -> Path:
    """`folder`, created if missing, as a place files can be written, or one `InputError`
    naming `option`: checked before any solve, so a mistyped `--out` costs no solve (`plan`
    found it only after a week's search, and `serve --batch-dir` as a traceback at startup)."""
    path = Path(folder)
    label = f"{option} {path}"
    if path.exists() and not path.is_dir():
        raise InputError(label, "is a file, not a folder", f"choose another {option}")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(label, f"cannot create the folder: {err.strerror or err}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise InputError(label, "cannot write in the folder", f"choose another {option}")
    return path


def write_outputs(program: Program, folder: str | Path) -> list[Path]:
    """`<client>.csv`, `.md`, `.html` and `.json` in `folder`; returns the paths written."""
    folder = Path(folder)
    paths = []
    for suffix, text in program_files(program).items():
        path = folder / f"{program.client}{suffix}"
        try:
            write_atomic(path, text)
        except OSError as err:  # named as the file it was to be, not its temp file
            raise OSError(err.errno, err.strerror, str(path)) from err
        paths.append(path)
    return paths
