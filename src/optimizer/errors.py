"""Exceptions that carry an exit code, so the CLI and the batch runner report them the same way.

A user mistake must end in one clear line naming the field and the fix, never a traceback; the
CLI catches `PreExhaustError` and prints `str(error)`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_NO_PROGRAM_IN_TIME = 4


class PreExhaustError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code: int = 1


class InputError(PreExhaustError):
    """The input (constraints file, catalog, vocabulary) is malformed or names something unknown.

    Deliberately not a ValueError: raised inside a pydantic validator it passes through
    unchanged, keeping its exact field path instead of being rewrapped.
    """

    exit_code = EXIT_BAD_INPUT
    #: The kind reported as `status` by `--json`, so a calling app can tell bad input apart
    #: from an infeasible or timed-out solve without parsing the message.
    status: str = "invalid_input"

    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        self.field = field
        self.message = message
        self.hint = hint
        text = f"{field}: {message}" if field else message
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class NoProgramError(PreExhaustError):
    """The solver returned no program; `reasons` says why in the client's terms where known."""

    status: str = "unknown"

    def __init__(self, message: str, reasons: list[str] | None = None) -> None:
        self.message = message
        self.reasons = list(reasons or [])
        text = message
        if self.reasons:
            text += "\n" + "\n".join(f"  - {reason}" for reason in self.reasons)
        super().__init__(text)


class InfeasibleError(NoProgramError):
    """No week satisfies the hard constraints (proven)."""

    exit_code = EXIT_INFEASIBLE
    status = "infeasible"


class SolverTimeoutError(NoProgramError):
    """The time limit ran out before any program was found."""

    exit_code = EXIT_NO_PROGRAM_IN_TIME
    status = "timeout"


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
    for match in close_matches(str(name), [*pool, *aliases], n=5):
        for canonical in aliases.get(match, (match,)):
            if canonical not in matches:
                matches.append(canonical)
    matches = matches[:3]
    if matches:
        hint = "did you mean " + " or ".join(matches) + "?"
    else:
        shown = ", ".join(pool[:12]) + (", ..." if len(pool) > 12 else "")
        hint = f"known {kind} names: {shown}"
    return InputError(field, f"unknown {kind} {name!r}", hint)


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
