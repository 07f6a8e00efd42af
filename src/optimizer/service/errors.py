"""The HTTP side of the error contract: one status per `code`, and the failures only the
service has (too large, busy, no key, no such thing, not finished).

Every error body is `to_dict()` of a `PreExhaustError` (code, status, exit_code, field,
message, hint; reasons and, for an infeasible plan, the explanation), so an app reads the same
fields from the service, the CLI's `--json` and the Python API. Statuses:

    422 bad_input     the input breaks a rule of the file or a limit (the CLI's exit 2 line)
    409 infeasible    no week satisfies the hard rules (proven); the body names the conflict
                      and the repairs. 409, not 422: the input is valid and was understood,
                      it is the state of the client's rules that conflicts, and an app must
                      tell "fix the form" (422) from "relax the rules" (409) without parsing.
    504 timeout       no week was found in the time limit (the solve ran; try more time)
    503 busy / cancelled   the queue is full (Retry-After), or the service is stopping
    413 too_large     the body is above the size limit
    401 unauthorized  the API key is missing or wrong
    404 not_found     no such route, exercise or batch job
    409 not_finished  a batch job's results before it is done
    500 internal      a bug, in one line: never a traceback
"""

from __future__ import annotations

from ..errors import EXIT_BAD_INPUT, InputError, PreExhaustError

#: HTTP status of every error code; anything else is 500.
STATUS_BY_CODE = {
    "bad_input": 422,
    "too_large": 413,
    "infeasible": 409,
    "not_finished": 409,
    "timeout": 504,
    "no_program": 504,
    "cancelled": 503,
    "busy": 503,
    "unauthorized": 401,
    "not_found": 404,
    "method_not_allowed": 405,
    "internal": 500,
}


def http_status(code: str) -> int:
    return STATUS_BY_CODE.get(code, 500)


class ServiceError(PreExhaustError):
    """A failure of a request to the service, not of a plan."""

    exit_code = EXIT_BAD_INPUT
    status = "refused"

    def __init__(
        self, code: str, message: str, *, field: str = "", hint: str | None = None
    ) -> None:
        self.code = code
        super().__init__(message, field=field, hint=hint)


class BodyTooLarge(InputError):
    """A request body above the limit: refused before it is read in full."""

    code = "too_large"

    def __init__(self, limit: int, size: int | None = None) -> None:
        got = f" ({size:,} bytes)" if size is not None else ""
        super().__init__(
            "request body",
            f"is larger than the {limit:,}-byte limit{got}",
            "send one client per request, or split a batch",
        )


class ServiceBusy(ServiceError):
    """The solve queue or the batch queue is full: try again after `retry_after` seconds
    (every busy answer carries its `Retry-After` header)."""

    def __init__(self, message: str, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__("busy", message, hint=f"retry after {retry_after} s")
