"""Reading untrusted input: files, parsed documents and mappings, within `limits`' input caps.

Apps hand the planner input typed by strangers, so every entry point (the CLI, `plan()`,
`load_constraints`, batch rows, the service) reads through here, and every way such input
can fail ends in one short `InputError` naming the field:

* files: regular files only (a FIFO, device or folder is refused before it is opened, so
  nothing can hang or stream forever), at most `INPUT_FILE_BYTES`, UTF-8;
* parsing: YAML anchors and aliases refused (a 391-byte alias bomb expands to gigabytes),
  nesting bounded before a recursive parser can overflow the stack, the values of a document
  counted as they are composed, numbers of more than `INPUT_NUMBER_DIGITS` digits refused;
* mappings (parsed or given from Python): depth, total values, list and map entries, text
  length and integer magnitude checked iteratively before pydantic sees them;
* messages: echoed values clipped to `ECHO_CHARS`, whole messages to `MESSAGE_CHARS`.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tomllib
from collections.abc import Mapping
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, ScalarNode

from . import errors, limits
from .errors import InputError, syntax_error

MAX_BYTES_ENV = "PREEXHAUST_MAX_INPUT_BYTES"
MAX_BATCH_BYTES_ENV = "PREEXHAUST_MAX_BATCH_BYTES"


# -- messages -----------------------------------------------------------------------------------


def clip(text: Any, limit: int = limits.ECHO_CHARS) -> str:
    """Any value cut to `limit` characters with an ellipsis (`errors.clip` for text; huge ints
    and structures are described, never converted)."""
    return errors.clip(text if isinstance(text, str) else echo(text, limit), limit)


def echo(value: Any, limit: int = limits.ECHO_CHARS) -> str:
    """`repr(value)` for a message, clipped, without ever converting a huge int to text or
    walking a huge structure. `null`, `true` and `false` as the file wrote them (YAML's `yes`
    is `true` too), not Python's None and True."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value) if abs(value) <= limits.INPUT_INTEGER else "a huge number"
    if isinstance(value, (float, str)):
        return clip(repr(value if isinstance(value, float) else value[: limit + 2]), limit)
    if isinstance(value, (Mapping, list, tuple, set, frozenset)):
        kind = "map" if isinstance(value, Mapping) else "list"
        return f"a {kind} of {len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    return f"a {type(value).__name__}"


def _path_label(path: str | os.PathLike[str]) -> str:
    return clip(os.fspath(path), limits.ECHO_CHARS)


# -- files --------------------------------------------------------------------------------------


def _env_bytes(name: str, default: int) -> int:
    """A byte limit from the environment: unset is the default; a value that is no positive
    whole number is refused by name (it was ignored, and the next message said to set it)."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or len(text) > 18 or int(text) <= 0:
        raise InputError(
            name, f"{echo(text, 30)} is not a whole number of bytes", f"e.g. {name}={default}"
        )
    return int(text)


def max_file_bytes() -> int:
    """Bytes one constraints file may hold: `limits.INPUT_FILE_BYTES` or the environment's
    `PREEXHAUST_MAX_INPUT_BYTES`, read at each call so a service can set it at start."""
    return _env_bytes(MAX_BYTES_ENV, limits.INPUT_FILE_BYTES)


def max_batch_bytes() -> int:
    """Bytes of a batch source (JSON Lines or a sheet); `PREEXHAUST_MAX_BATCH_BYTES`."""
    return _env_bytes(MAX_BATCH_BYTES_ENV, limits.BATCH_FILE_BYTES)


def _size_text(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def check_path(path: str | os.PathLike[str], what: str = "file") -> os.stat_result:
    """Stat `path` as a regular file the user named, or raise a short `InputError`: not
    found, too long a name, a folder, a FIFO/device/socket, unreadable."""
    label = _path_label(path)
    text = os.fspath(path)
    if not text:
        raise InputError(what, "no path given", f"name the {what}")
    if "\0" in text:
        raise InputError(label, "the path contains a NUL character")
    if len(text) > limits.INPUT_PATH_CHARS:
        raise InputError(label, "the path is too long", f"at most {limits.INPUT_PATH_CHARS}")
    try:
        info = os.stat(text)
    except FileNotFoundError:
        raise InputError(label, f"{what} not found", "check the path") from None
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            raise InputError(label, "the file name is too long", "check the path") from None
        if err.errno in (errno.ENOTDIR, errno.ENOENT, errno.ELOOP):
            raise InputError(label, f"{what} not found", "check the path") from None
        raise InputError(label, f"cannot read the {what}: {clip(err.strerror)}") from None
    except ValueError:  # e.g. an embedded NUL in an odd path type
        raise InputError(label, "not a valid path") from None
    return info


def read_text_file(
    path: str | os.PathLike[str],
    max_bytes: int | None = None,
    what: str = "file",
    info: os.stat_result | None = None,
) -> str:
    """The text of a regular file of at most `max_bytes` (default `max_file_bytes()`).

    The file is checked with `os.stat` before it is opened, opened non-blocking (a FIFO
    swapped in between cannot hang the read), checked again on the open descriptor, and read
    for at most `max_bytes + 1` bytes, so a file growing meanwhile or a device is never read
    without end.
    """
    limit = max_file_bytes() if max_bytes is None else max_bytes
    label = _path_label(path)
    info = info or check_path(path, what)
    _check_regular(info, label, what, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(os.fspath(path), flags)
    except OSError as err:
        raise InputError(label, f"cannot read the {what}: {clip(err.strerror)}") from None
    try:
        _check_regular(os.fstat(fd), label, what, limit)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise InputError(label, f"cannot read the {what}: {clip(err.strerror)}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _too_large(label, limit, len(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(label, "is not a UTF-8 text file") from None


def check_file(
    path: str | os.PathLike[str], max_bytes: int | None = None, what: str = "file"
) -> os.stat_result:
    """`check_path`, then refuse anything but a regular file of at most `max_bytes`: for files
    another library opens (a sheet read by pandas)."""
    limit = max_file_bytes() if max_bytes is None else max_bytes
    info = check_path(path, what)
    _check_regular(info, _path_label(path), what, limit)
    return info


def _check_regular(info: os.stat_result, label: str, what: str, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(label, f"is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            label, "is not a regular file (a pipe, device or socket)", f"give a {what} on disk"
        )
    if info.st_size > limit:
        raise _too_large(label, limit, info.st_size)


def _too_large(label: str, limit: int, size: int) -> InputError:
    return InputError(
        label,
        f"the file is too large ({_size_text(size)}; the limit is {_size_text(limit)})",
        f"set {MAX_BYTES_ENV} to raise it",
    )


# -- parsing ------------------------------------------------------------------------------------


def bracket_depth(text: str, comments: bool = False) -> int:
    """The deepest nesting of `[` and `{` in JSON or TOML text, outside strings (and `#`
    comments when `comments`), found in one pass without recursion."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(depth - 1, 0)
        elif c == '"' or (c == "'" and comments):
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") and comments else c
            i += len(quote)
            while i < n and text[i : i + len(quote)] != quote:
                i += 2 if text[i] == "\\" and c == '"' else 1
            i += len(quote)
            continue
        elif c == "#" and comments:
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        i += 1
    return deepest


def _too_deep(field: str) -> InputError:
    return InputError(
        field,
        f"nested more than {limits.INPUT_DEPTH} levels deep",
        "the constraints file is at most 3 levels deep",
    )


def _json_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > limits.INPUT_NUMBER_DIGITS:
        raise _NumberTooLong(digits)
    return int(text)


class _NumberTooLong(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(f"a number of {digits:,} digits")
        self.digits = digits


def _long_number(source: str, err: _NumberTooLong, where: str = "") -> InputError:
    return InputError(
        source,
        f"a number{where} has {err.digits:,} digits",
        f"numbers have at most {limits.INPUT_NUMBER_DIGITS} digits",
    )


class _KeyTwice(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when a key appears twice: `json` keeps the last value and
    drops the first without a word (two `targets` objects lost the first one's muscles)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _KeyTwice(key)
        out[key] = value
    return out


def _key_twice(source: str, key: str) -> InputError:
    return InputError(source, f"the key {echo(key, 40)} appears twice in one map", "keep one")


def loads_json(text: str, source: str) -> Any:
    """`json.loads` with nesting bounded before parsing, long integers and repeated keys
    refused."""
    if bracket_depth(text) > limits.INPUT_DEPTH:
        raise _too_deep(source)
    try:
        return json.loads(text, parse_int=_json_int, object_pairs_hook=_object)
    except _KeyTwice as err:
        raise _key_twice(source, err.key) from None
    except _NumberTooLong as err:
        raise _long_number(source, err) from None
    except json.JSONDecodeError as err:
        raise syntax_error(source, "JSON", err) from None
    except RecursionError:  # the depth scan missed it; never reached in the tests
        raise _too_deep(source) from None


def loads_toml(text: str, source: str) -> Any:
    """`tomllib.loads` with nesting bounded before parsing and long integers refused."""
    if bracket_depth(text, comments=True) > limits.INPUT_DEPTH:
        raise _too_deep(source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(source, f"not valid TOML: {clip(str(err), 150)}") from None
    except ValueError as err:  # int() of a number past Python's digit limit
        problem = "a number has too many digits" if "digits" in str(err) else clip(str(err))
        raise InputError(
            source,
            f"not valid TOML: {problem}",
            f"numbers have at most {limits.INPUT_NUMBER_DIGITS} digits",
        ) from None
    except RecursionError:
        raise _too_deep(source) from None


class _YamlLimit(yaml.YAMLError):
    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class SafeLimitedLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader without anchors or aliases, with nesting and values bounded as the
    document is composed (before the recursive composer can overflow the stack) and integers
    of more than `INPUT_NUMBER_DIGITS` digits refused before `int()` sees them."""

    max_values: int | None = limits.INPUT_VALUES

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._values = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _YamlLimit(
                "anchors and aliases (&name, *name) are not supported; write the values out",
                event.start_mark,
            )
        self._values += 1
        if self.max_values is not None and self._values > self.max_values:
            raise _YamlLimit(f"more than {self.max_values:,} values", event.start_mark)
        nested = isinstance(event, CollectionStartEvent)
        if nested:
            self._depth += 1
            if self._depth > limits.INPUT_DEPTH:
                raise _YamlLimit(
                    f"nested more than {limits.INPUT_DEPTH} levels deep", event.start_mark
                )
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            if nested:
                self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        """Refuses a key given twice in one map (PyYAML keeps the last value: a second
        `targets:` block dropped the first one's muscles)."""
        if isinstance(node, MappingNode):
            seen: dict[tuple[str, str], Any] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode):
                    continue
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise ConstructorError(
                        f"while reading the map started on line {node.start_mark.line + 1}",
                        None,
                        f"the key {echo(key_node.value, 40)} appears twice (first on line "
                        f"{seen[key].line + 1}); keep one",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark
        return SafeConstructor.construct_mapping(self, node, deep)

    def construct_yaml_int(self, node: Any) -> int:
        value = self.construct_scalar(node)
        digits = sum(ch.isalnum() for ch in str(value))
        if digits > limits.INPUT_NUMBER_DIGITS:
            raise ConstructorError(
                None,
                None,
                f"a number of {digits:,} digits (at most {limits.INPUT_NUMBER_DIGITS})",
                node.start_mark,
            )
        return SafeConstructor.construct_yaml_int(self, node)


SafeLimitedLoader.add_constructor("tag:yaml.org,2002:int", SafeLimitedLoader.construct_yaml_int)


class SafeCatalogLoader(SafeLimitedLoader):
    """The same, without the value budget: a catalog holds thousands of exercises."""

    max_values = None


def loads_yaml(text: str, source: str, loader: type[SafeLimitedLoader] = SafeLimitedLoader) -> Any:
    """YAML through `SafeLimitedLoader`; every problem one line with its line and column."""
    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader subclass
    except yaml.YAMLError as err:
        raise syntax_error(source, "YAML", err) from None
    except RecursionError:
        raise _too_deep(source) from None


def loads_document(text: str, suffix: str, source: str) -> Any:
    """Parse a constraints document by its file suffix (.json, .toml, else YAML)."""
    if suffix == ".json":
        return loads_json(text, source)
    if suffix == ".toml":
        return loads_toml(text, source)
    return loads_yaml(text, source)


# -- mappings -----------------------------------------------------------------------------------

_LIST_CAPS = {"days": limits.INPUT_DAYS, "targets": limits.INPUT_TARGETS}


def _field_range(path: tuple[str, ...]) -> limits.Range | None:
    """The limits.Range of the number at `path`, where the file has one."""
    if not path:
        return None
    head, last = path[0], path[-1]
    if head == "targets":
        if len(path) == 2 or last in ("min", "max", "0", "1"):
            return limits.TARGET_SETS
        return limits.TARGET_PRIORITY if last == "priority" else None
    if head == "solver" and len(path) == 2:
        return {
            "time_limit": limits.TIME_LIMIT_SECONDS,
            "seed": limits.SEED,
            "workers": limits.WORKERS,
            "relative_gap": limits.RELATIVE_GAP,
            "time_tolerance": limits.TIME_TOLERANCE_MINUTES,
        }.get(last)
    return {
        "session_minutes": limits.SESSION_MINUTES,
        "warmup_minutes": limits.WARMUP_MINUTES,
        "recovery_hours": limits.RECOVERY_HOURS,
        "sets_per_exercise": limits.SETS_PER_EXERCISE,
        "max_muscle_sets_per_session": limits.MUSCLE_SETS_PER_SESSION,
        "max_days_per_exercise": limits.DAYS_PER_EXERCISE,
        "max_exercises_per_session": limits.EXERCISES_PER_SESSION,
        "max_heavy_per_session": limits.HEAVY_PER_SESSION,
        "max_compounds_per_pattern": limits.COMPOUNDS_PER_PATTERN,
    }.get(head)


def _field_name(path: tuple[str, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return clip(out or "constraints", limits.ECHO_CHARS)


def _not_text(field: str, value: str, what: str = "") -> InputError:
    """A string holding an unpaired UTF-16 surrogate (JSON's `"\\ud83d"` alone): no name or
    text can hold one, and refused here it never reaches a message, a file or a response."""
    return InputError(
        field,
        f"{what}{echo(value, 30)} is not valid text (an unpaired UTF-16 surrogate)",
        "send UTF-8 text; in JSON, escape a character beyond U+FFFF as a surrogate pair",
    )


def check_structure(data: Any, source: str = "constraints") -> None:
    """Raise a short `InputError` naming the field if `data` (a parsed document or a mapping
    from Python) is deeper, larger or holds longer text or bigger integers than the input
    limits allow. Iterative, and it counts values as visited, so a cycle or a list shared a
    billion times over is refused at the budget, never expanded."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    seen = 0
    while stack:
        value, path = stack.pop()
        seen += 1
        if seen > limits.INPUT_VALUES:
            raise InputError(
                source,
                f"more than {limits.INPUT_VALUES:,} values",
                "a constraints file holds a few hundred at most",
            )
        if isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        if isinstance(value, int):
            if abs(value) > limits.INPUT_INTEGER:
                bounds = _field_range(path)
                raise InputError(
                    _field_name(path),
                    "the number is out of range",
                    f"use {bounds.text}" if bounds else None,
                )
            continue
        if isinstance(value, str):
            in_list = bool(path) and path[-1].isdigit()
            cap = limits.INPUT_NAME_CHARS if in_list else limits.INPUT_TEXT_CHARS
            if path == ("client",):  # the one text field with a smaller rule of its own
                cap = limits.CLIENT_NAME_LENGTH
            if len(value) > cap:
                raise InputError(
                    _field_name(path),
                    f"{echo(value, 30)} is too long ({len(value):,} characters)",
                    f"at most {cap:,}",
                )
            if errors.has_surrogate(value):
                raise _not_text(_field_name(path), value)
            continue
        if isinstance(value, (Mapping, list, tuple, set, frozenset)):
            if len(path) >= limits.INPUT_DEPTH:
                raise _too_deep(_field_name(path))
            cap = _LIST_CAPS.get(path[0], limits.INPUT_LIST_ITEMS) if len(path) == 1 else None
            cap = cap or limits.INPUT_LIST_ITEMS
            if len(value) > cap:
                noun = "entries"
                raise InputError(
                    _field_name(path), f"{len(value):,} {noun} given", f"at most {cap:,}"
                )
            if isinstance(value, Mapping):
                for key, item in value.items():
                    if isinstance(key, str) and len(key) > limits.INPUT_NAME_CHARS:
                        raise InputError(
                            _field_name(path),
                            f"the key {echo(key, 30)} is too long ({len(key):,} characters)",
                            f"at most {limits.INPUT_NAME_CHARS}",
                        )
                    if isinstance(key, str) and errors.has_surrogate(key):
                        raise _not_text(_field_name(path), key, "the key ")
                    name = key if isinstance(key, str) else echo(key, 30)
                    stack.append((key, (*path, "key")))
                    stack.append((item, (*path, name)))
            else:
                stack.extend((item, (*path, str(n))) for n, item in enumerate(value))
