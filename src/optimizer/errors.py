"""One error contract, so the CLI, the batch runner, the service and an embedding app report
failures the same way.

Every failure a caller can cause is a `PreExhaustError` subclass carrying a machine-readable
`code` (`bad_input`, `infeasible`, `timeout`, `cancelled`, `no_program`, `internal`), the
`field` it concerns (a path such as `targets.chest.max`, or ""), a `message`, a `hint` (the
fix, or None), the CLI's `exit_code` and `to_dict()`. A user mistake must end in one clear
line naming the field and the fix, never a traceback; the CLI catches `PreExhaustError` and
prints `str(error)`, and reports anything else as an internal error (exit 1, one line).

Messages echo what the caller sent, so every part is shortened by `shorten` (one place): a
long echoed value (a name, an input) is cut to `ECHO_LENGTH` characters with an ellipsis, and
a whole message line never exceeds `MESSAGE_LENGTH` characters.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import limits

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_NO_PROGRAM_IN_TIME = 4

#: The longest a value echoed from the input may be in a message (names, numbers, paths).
# defined once, in limits.py (a value echoed, a message line, a field path)
ECHO_LENGTH = limits.ECHO_CHARS
MESSAGE_LENGTH = limits.MESSAGE_CHARS
FIELD_LENGTH = limits.FIELD_CHARS
ELLIPSIS = "…"

_LONG_RUN = re.compile(rf"\S{{{ECHO_LENGTH + 1},}}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with each unpaired UTF-16 surrogate written as its escape (`\\ud83d`). JSON may
    carry one (`"\\ud83d"` alone is valid JSON), and text echoing it cannot be encoded as
    UTF-8: the service answered such a map key with a 500 and a batch could not write its
    summary, so every echo goes through here."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def has_surrogate(text: str) -> bool:
    """`text` holds an unpaired UTF-16 surrogate: not valid Unicode text (`printable`)."""
    return _SURROGATE.search(text) is not None


def clip(text: str, limit: int = ECHO_LENGTH) -> str:
    """`text` cut to `limit` characters, the last one an ellipsis when anything was cut (and
    made `printable`)."""
    text = printable(text)
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + ELLIPSIS


def shorten(value: object, limit: int = MESSAGE_LENGTH) -> str:
    """A message part fit to show: `str(value)` on one line, each run of more than
    `ECHO_LENGTH` non-space characters (an echoed name, number or input) cut to `ECHO_LENGTH`
    with an ellipsis, and the whole cut to `limit`. The one place messages are shortened."""
    text = str(value)
    if len(text) > 4 * MESSAGE_LENGTH:  # never scan a megabyte echoed by mistake
        text = text[: 4 * MESSAGE_LENGTH]
    text = printable(text)
    text = " ".join(text.split()) if "\n" in text or "\r" in text else text
    text = _LONG_RUN.sub(lambda m: clip(m.group(0)), text)
    return clip(text, limit)


def _compose(field: str, message: str, hint: str | None) -> str:
    text = f"{field}: {message}" if field else message
    return text + f" ({hint})" if hint else text


class PreExhaustError(Exception):
    """Base of every error this package raises on purpose.

    `code` is stable and machine-readable; `message` and `hint` are for people. Subclasses
    keep their own constructors; this one takes the contract's parts directly.
    """

    exit_code: int = EXIT_INTERNAL
    code: str = "error"
    #: The kind reported as `status` by `--json`.
    status: str = "error"
    field: str = ""
    message: str = ""
    hint: str | None = None

    def __init__(self, message: str = "", *, field: str = "", hint: str | None = None) -> None:
        self.field = clip(" ".join(str(field).split()), FIELD_LENGTH) if field else ""
        self.message = shorten(message)
        self.hint = shorten(hint) if hint else None
        super().__init__(_fit(self.field, self.message, self.hint))

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data: code, status, exit_code, field, message, hint (and
        the reasons of a solve that found no week)."""
        return {
            "code": self.code,
            "status": self.status,
            "exit_code": self.exit_code,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


def _fit(field: str, message: str, hint: str | None) -> str:
    """`field: message (hint)` in at most MESSAGE_LENGTH characters: the hint gives way
    first, then the message."""
    text = _compose(field, message, hint)
    if len(text) <= MESSAGE_LENGTH:
        return text
    fixed = len(field) + 2 if field else 0
    if hint:
        room = MESSAGE_LENGTH - fixed - len(message) - 3
        hint = clip(hint, room) if room >= 20 else None
    text = _compose(field, message, hint)
    if len(text) > MESSAGE_LENGTH:
        text = clip(text, MESSAGE_LENGTH)
    return text


class InputError(PreExhaustError):
    """The input (constraints file, catalog, vocabulary) is malformed or names something unknown.

    Deliberately not a ValueError: raised inside a pydantic validator it passes through
    unchanged, keeping its exact field path instead of being rewrapped. Its parts are
    shortened (`shorten`), so a 10,000-character name still gives a one-line message.
    """

    exit_code = EXIT_BAD_INPUT
    code = "bad_input"
    #: The kind reported as `status` by `--json`, so a calling app can tell bad input apart
    #: from an infeasible or timed-out solve without parsing the message.
    status = "invalid_input"

    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        super().__init__(message, field=field, hint=hint)


class NoProgramError(PreExhaustError):
    """The solver returned no program; `reasons` says why in the client's terms where known."""

    code = "no_program"
    status = "unknown"

    def __init__(
        self, message: str, reasons: Sequence[str] | None = None, hint: str | None = None
    ) -> None:
        self.message = shorten(message)
        self.reasons = [shorten(reason) for reason in reasons or []]
        self.field = ""
        self.hint = shorten(hint) if hint else None
        text = self.message
        if self.reasons:
            text += "\n" + "\n".join(f"  - {reason}" for reason in self.reasons)
        Exception.__init__(self, text)

    def to_dict(self) -> dict[str, Any]:
        return super().to_dict() | {"reasons": list(self.reasons)}


#: How to get a minimal conflict when an InfeasibleError carries none.
EXPLAIN_HINT = (
    "`preexhaust explain FILE` or `optimizer.explain_infeasible(constraints)` names a minimal "
    "conflict and the smallest repairs"
)


class InfeasibleError(NoProgramError):
    """No week satisfies the hard constraints (proven).

    `reasons` holds the conflict when it was cheap to find (the prechecks name the rules that
    clash); otherwise `hint` says how to get a minimal one (`explain_infeasible`).
    """

    exit_code = EXIT_INFEASIBLE
    code = "infeasible"
    status = "infeasible"

    def __init__(
        self, message: str, reasons: Sequence[str] | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, reasons, hint if hint is not None else EXPLAIN_HINT)

    @property
    def conflict(self) -> list[str]:
        """The rules that clash, when known without a search (else [], see `hint`)."""
        return list(self.reasons)


class SolverTimeoutError(NoProgramError):
    """The time limit ran out before any program was found."""

    exit_code = EXIT_NO_PROGRAM_IN_TIME
    code = "timeout"
    status = "timeout"


class CancelledError(SolverTimeoutError):
    """The caller cancelled the solve (`plan(..., cancel=event)`) before any week was found."""

    code = "cancelled"


class InternalError(PreExhaustError, RuntimeError):
    """A bug of this package, never the caller's mistake: reported with exit code 1 and a
    request to report it. Also a RuntimeError, as such failures were before."""

    exit_code = EXIT_INTERNAL
    code = "internal"
    status = "internal_error"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint or "a bug: please report it")

    @classmethod
    def wrap(cls, error: BaseException) -> InternalError:
        """An unexpected exception as a one-line internal error (type and first line)."""
        first = (str(error).strip().splitlines() or [""])[0]
        name = type(error).__name__
        return cls(f"{name}: {first}" if first else name)


def error_dict(error: BaseException) -> dict[str, Any]:
    """`to_dict()` of any exception: a PreExhaustError as itself, anything else as an
    internal error."""
    if isinstance(error, PreExhaustError):
        return error.to_dict()
    return InternalError.wrap(error).to_dict()


def close_matches(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Suggest the nearest known names, so a typo costs the user one glance, not a doc search."""
    pool = list(choices)
    found = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    if not found:
        found = [c for c in pool if word and (word in c or c in word)][:n]
    return found


def unknown_name(
    field: str,
    kind: str,
    name: str,
    choices: Iterable[str],
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> InputError:
    """Build the standard 'unknown name' error with close matches.

    Aliases are matched too but suggested by their canonical names, so a typo of `bicep`
    suggests `biceps`, never another alias.
    """
    aliases = aliases or {}
    pool = sorted(set(choices))
    matches: list[str] = []
    for match in close_matches(str(name)[: 4 * ECHO_LENGTH], [*pool, *aliases], n=5):
        for canonical in aliases.get(match, (match,)):
            if canonical not in matches:
                matches.append(canonical)
    matches = matches[:3]
    if matches:
        hint = "did you mean " + " or ".join(matches) + "?"
    else:
        shown = ", ".join(pool[:12]) + (", ..." if len(pool) > 12 else "")
        hint = f"known {kind} names: {shown}"
    return InputError(field, f"unknown {kind} {clip(repr(name))}", hint)


def syntax_error(source: str, language: str, err: Exception) -> InputError:
    """One line for a JSON or YAML syntax error in `source`: PyYAML's own text spans several
    lines and repeats the input, which buries the line and column the user needs."""
    mark = getattr(err, "problem_mark", None)  # yaml.MarkedYAMLError, 0-based
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    else:  # json.JSONDecodeError, 1-based
        line, column = getattr(err, "lineno", None), getattr(err, "colno", None)
    problem = getattr(err, "problem", None) or getattr(err, "msg", None)
    problem = problem or (str(err).splitlines() or ["syntax error"])[0]
    where = f" at line {line}, column {column}" if line else ""
    return InputError(source, f"not valid {language}{where}: {problem}")
