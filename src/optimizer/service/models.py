"""Response models: the service's own answers (health, jobs, checks, errors) as pydantic
models, for the OpenAPI description apps generate clients from. A plan's body is the Program
model itself (`optimizer.program.Program`), as `preexhaust plan --json` prints it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """Every error response: `to_dict()` of the error contract (see README, Errors)."""

    code: str = Field(description="bad_input, infeasible, timeout, busy, too_large, ...")
    status: str
    exit_code: int = Field(description="What the CLI exits with for the same failure.")
    field: str = Field(description="The field path the error concerns, or empty.")
    message: str
    hint: str | None = None
    reasons: list[str] | None = None
    explanation: dict[str, Any] | None = Field(
        default=None,
        description="Infeasible plans: the minimal conflict and the repairs (explain --json).",
    )


class Health(BaseModel):
    status: str = "ok"
    workers: int = Field(description="Solver processes.")
    in_flight: int = Field(description="Plan and explain requests running or queued.")
    capacity: int = Field(description="In-flight requests allowed; more get 503.")
    batch_jobs: dict[str, int]


class Version(BaseModel):
    version: str
    api: str = "v1"


class CheckResult(BaseModel):
    valid: bool = True
    client: str
    days: int
    usable_exercises: int = Field(
        description="Exercises usable with this equipment, experience and avoid list."
    )
    catalog_exercises: int


class ClientStatus(BaseModel):
    client: str
    source: str
    status: str = Field(description="pending, or a batch status (optimal, infeasible, ...).")
    field: str = ""
    error: str = ""


class BatchJob(BaseModel):
    id: str
    state: str = Field(description="queued, running, done or failed.")
    created: float
    finished: float | None = None
    total: int
    done: int
    failed: int
    counts: dict[str, int] = Field(description="Clients per status so far.")
    summary: str = ""
    error: ErrorBody | None = Field(default=None, description="Why a failed job failed.")
    clients: list[ClientStatus] | None = None


class BatchResults(BaseModel):
    id: str
    summary: str
    counts: dict[str, int]
    clients: list[dict[str, Any]] = Field(description="summary.csv's rows, typed.")
    programs: dict[str, Any] | None = Field(
        default=None, description="client -> Program JSON, for every client with a week."
    )


class Deleted(BaseModel):
    id: str
    deleted: bool = True
