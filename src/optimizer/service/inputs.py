"""Request bodies, read within the input limits before anything parses them.

The body is counted as it streams (and refused at once when Content-Length says it is too
large), then decoded and parsed by `optimizer.safe_input`, the reader of files and batch rows:
the same nesting, number and size limits, and the same one-line messages as the CLI gives for
a file. FastAPI's own body parsing is not used for this reason (it has no nesting bound).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from .. import limits
from ..catalog import Catalog
from ..constraints import Constraints, parse_constraints
from ..errors import InputError
from ..safe_input import loads_document, loads_json
from .errors import BodyTooLarge

SOURCE = "request body"
#: Media types of one client's constraints, by the file suffix they stand for.
SUFFIXES = {
    "application/json": ".json",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    "application/toml": ".toml",
}
JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_body(request: Request, limit: int) -> str:
    """The body as text, refused (413) as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit, int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    try:
        # a leading byte-order mark is dropped, as the CLI's file reader does (Windows apps)
        text = b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(SOURCE, "is not UTF-8 text") from None
    if not text.strip():
        raise InputError(SOURCE, "is empty", "send a constraints object, see GET /v1/schema")
    return text


def parse_client(text: str, kind: str, catalog: Catalog) -> Constraints:
    """One client's constraints from a body of media type `kind` (JSON when unknown)."""
    suffix = SUFFIXES.get(kind, ".json")
    data = loads_document(text, suffix, SOURCE)
    return parse_constraints(data, catalog.vocabulary, source=SOURCE)


def batch_lines(text: str, kind: str) -> list[str]:
    """The clients of a batch body as JSON Lines, the batch source format: a JSON array of
    constraints objects, or JSON Lines as they are (each line is checked by the batch reader,
    so one bad client fails alone)."""
    if kind in JSON_LINES:
        lines = [line for line in text.splitlines() if line.strip()]
    else:
        data: Any = loads_json(text, SOURCE)
        if not isinstance(data, list):
            raise InputError(
                SOURCE,
                "expected a JSON array of constraints objects",
                "or send JSON Lines as application/x-ndjson",
            )
        lines = [json.dumps(item, separators=(",", ":")) for item in data]
    if not lines:
        raise InputError(SOURCE, "holds no client")
    if len(lines) > limits.SERVICE_BATCH_CLIENTS:
        raise InputError(
            SOURCE,
            f"holds {len(lines):,} clients, above the {limits.SERVICE_BATCH_CLIENTS:,} limit",
            "split the batch",
        )
    return lines
