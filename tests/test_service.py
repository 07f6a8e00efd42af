"""Issue 17: the HTTP service, tested over real HTTP on loopback.

`preexhaust serve` runs in a subprocess (one solver process, a queue of one, an API key) and
httpx calls every endpoint and every error status. The statuses no real solve gives on
demand (504: no week in the time limit; 500: a bug) come from a second server, uvicorn in a
thread of this process with the pool's processes replaced by a thread, so the solver can be
monkeypatched. Every Program a test receives is re-checked by the independent validator.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from optimizer import NoProgramError, Program, SolveLimits, plan, validate, warm_start
from optimizer.cli import app as cli_app
from optimizer.cpsat import solver as cpsat_solver
from optimizer.result import SolveResult
from optimizer.service import ServiceSettings, create_app
from optimizer.service import work as service_work

KEY = "s3cret-key"
AUTH = {"X-API-Key": KEY}
FAST: dict[str, Any] = {
    "client": "fast",
    "days": ["mon"],
    "session_minutes": 20,
    "targets": {"chest": 2},
}
# proven optimal in well under a second with one worker; the seed makes the week repeatable
SAME: dict[str, Any] = {
    "client": "same",
    "days": ["tue"],
    "session_minutes": 30,
    "equipment": ["dumbbells_only"],
    "targets": {"chest": 2, "quads": 2, "biceps": 2},
    "solver": {"seed": 7, "time_limit": 5},
}
# CP-SAT is still improving after several seconds: a solve that uses its whole time limit
SLOW: dict[str, Any] = {"client": "slow", "days": ["mon", "wed", "fri"], "session_minutes": 60}
# repro 1 of issue 16: infeasible, with a cheap conflict and repairs
INFEASIBLE: dict[str, Any] = {"days": ["mon"], "equipment": [], "require": ["leg_extension"]}
#: Program fields that measure time, and so differ between two runs of the same solve.
TIMING = ("solve_seconds", "build_seconds")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def checked(body: str | dict[str, Any], constraints: dict[str, Any]) -> Program:
    """The Program of a response, after the validator found no broken rule in it."""
    program = (
        Program.model_validate_json(body) if isinstance(body, str) else Program.model_validate(body)
    )
    assert validate(program, constraints) == []
    return program


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The error contract's body with the expected status and code, and no traceback."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    assert {"code", "status", "exit_code", "field", "message", "hint"} <= set(body)
    assert "Traceback" not in response.text and len(body["message"]) <= 300
    return body


class Served:
    """`preexhaust serve` in a subprocess on a free loopback port."""

    def __init__(self, batch_dir: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        argv = [sys.executable, "-m", "optimizer", "serve", "--port", str(self.port)]
        argv += ["--batch-dir", str(batch_dir), "--no-access-log", *args]
        self.process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.process.stderr.read()}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start in 60 s")

    def stop(self) -> None:
        """SIGTERM, as a process manager stops it: uvicorn shuts down cleanly."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = Served(
        tmp_path_factory.mktemp("batches"),
        "--workers", "1", "--queue-size", "1", "--max-time-limit", "5", "--api-key", KEY,
    )  # fmt: skip
    yield server
    server.stop()


@pytest.fixture(scope="module")
def http(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, headers=AUTH, timeout=60) as client:
        yield client


# -- the plain endpoints ----------------------------------------------------------------------


def test_health_version_schema_and_docs(http: httpx.Client, served: Served) -> None:
    health = httpx.get(f"{served.url}/healthz", timeout=5)  # open: no key needed
    assert health.status_code == 200 and health.json()["workers"] == 1
    assert httpx.head(f"{served.url}/healthz", timeout=5).status_code == 200  # load balancers
    assert http.get("/v1/healthz").json()["capacity"] == 2
    from optimizer import __version__, constraints_schema

    assert http.get("/v1/version").json() == {"version": __version__, "api": "v1"}
    assert http.get("/v1/schema").json() == constraints_schema()
    spec = httpx.get(f"{served.url}/openapi.json", timeout=5).json()
    paths = set(spec["paths"])
    assert {"/v1/plan", "/v1/explain", "/v1/check", "/v1/batches/{job_id}/results"} <= paths
    assert (
        "Constraints" in spec["components"]["schemas"]
        and "Program" in spec["components"]["schemas"]
    )
    # every 422 is described as the body the service sends, never FastAPI's {"detail": ...}
    for operations in spec["paths"].values():
        for operation in operations.values():
            if "422" in operation["responses"]:
                schema = operation["responses"]["422"]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert httpx.get(f"{served.url}/docs", timeout=5).status_code == 200


def test_plan_gives_a_valid_week(http: httpx.Client) -> None:
    response = http.post("/v1/plan", json=FAST)
    assert response.status_code == 200
    program = checked(response.text, FAST)
    assert program.status == "optimal"
    # the request's time limit is capped by --max-time-limit 5, and one CP-SAT worker
    capped = http.post(
        "/v1/plan", params={"time_limit": 3000}, json={**FAST, "solver": {"workers": 8}}
    )
    assert checked(capped.text, FAST).solver["time_limit"] <= 5
    assert capped.json()["solver"]["workers"] == 1


def test_plan_takes_yaml_too(http: httpx.Client) -> None:
    text = "client: y\ndays: [mon]\nsession_minutes: 20\ntargets: {chest: 2}\n"
    response = http.post("/v1/plan", content=text, headers={"content-type": "application/yaml"})
    assert response.status_code == 200
    checked(response.text, {**FAST, "client": "y"})


def test_same_program_as_plan(http: httpx.Client) -> None:
    """Same client, same seed, one worker, proven optimal: the same week as the library."""
    response = http.post("/v1/plan", json=SAME)
    served_program = checked(response.text, SAME)
    local = plan(SAME, limits=SolveLimits(max_workers=1, max_time_limit=5))
    assert served_program.status == local.status == "optimal"
    ours = served_program.model_dump(mode="json", exclude=set(TIMING))
    assert ours == local.model_dump(mode="json", exclude=set(TIMING))


def test_explain_feasible_and_infeasible(http: httpx.Client) -> None:
    feasible = http.post("/v1/explain", params={"seconds": 1}, json=FAST)
    assert feasible.status_code == 200 and feasible.json()["status"] == "feasible"
    assert feasible.json()["solves"] >= 2  # the plan and its baseline at least; it said 0
    infeasible = http.post("/v1/explain", json=INFEASIBLE)
    assert infeasible.status_code == 200
    body = infeasible.json()
    assert body["status"] == "infeasible" and body["conflicts"] and body["repairs"]


def test_check(http: httpx.Client) -> None:
    body = http.post("/v1/check", json=FAST).json()
    assert body["valid"] is True and body["days"] == 1 and body["usable_exercises"] > 0
    assert_error(http.post("/v1/check", json=INFEASIBLE), 409, "infeasible")
    assert_error(http.post("/v1/check", json={"days": ["funday"]}), 422, "bad_input")


def test_catalog(http: httpx.Client) -> None:
    chest = http.get("/v1/catalog", params={"muscle": "chest", "mechanic": "isolation"}).json()
    assert chest and all("chest" in ex["primary"] and ex["mechanic"] == "isolation" for ex in chest)
    one = http.get(f"/v1/catalog/{chest[0]['id']}").json()
    assert one == chest[0]
    body = assert_error(http.get("/v1/catalog", params={"muscle": "chestt"}), 422, "bad_input")
    assert body["field"] == "muscle[0]" and "chest" in body["hint"]
    body = assert_error(http.get("/v1/catalog/leg_extensio"), 404, "not_found")
    assert "leg_extension" in body["hint"]


# -- errors -----------------------------------------------------------------------------------


def test_bad_input_is_422_with_the_cli_line(http: httpx.Client, tmp_path: Path) -> None:
    bad = {**FAST, "targets": {"chest": {"min": 2, "max": 1000}}, "bogus": 1}
    body = assert_error(http.post("/v1/plan", json=bad), 422, "bad_input")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["check", str(path)])
    assert result.exit_code == 2 == body["exit_code"]
    line = result.stderr.strip()
    assert line.startswith(f"error: {body['field']}: {body['message']}"), (line, body)


def test_an_unknown_query_parameter_is_bad_input(http: httpx.Client) -> None:
    # a typo was ignored and the solve ran with the default limit
    body = assert_error(http.post("/v1/plan", params={"timelimit": 1}, json=FAST), 422, "bad_input")
    assert body["field"] == "timelimit" and "did you mean time_limit?" in body["hint"]
    body = assert_error(http.get("/v1/version", params={"x": 1}), 422, "bad_input")
    assert body["hint"] == "it takes none"
    assert http.post("/v1/plan", params={"time_limit": 2}, json=FAST).status_code == 200


def test_bodies_that_are_not_constraints(http: httpx.Client) -> None:
    for content in (b"{not json", b"\xff\xfe", b"", b"[1, 2]", b"[" * 50 + b"]" * 50):
        assert_error(http.post("/v1/plan", content=content), 422, "bad_input")
    body = assert_error(
        http.post(
            "/v1/plan", content=b'{"days": ["mon"], "warmup_minutes": 1' + b"0" * 5000 + b"}"
        ),
        422,
        "bad_input",
    )
    assert body["field"] == "request body"
    assert_error(http.post("/v1/plan", params={"time_limit": -1}, json=FAST), 422, "bad_input")


def test_lone_surrogates_are_bad_input_not_500(http: httpx.Client) -> None:
    # `"\ud83d"` alone is valid JSON but no text: echoed in a message it broke the response
    # (500) and, in a batch, the job's summary file and every later poll of its status
    for where in ("targets", "split", "session_minutes"):
        body = json.dumps({**FAST, where: {"\ud83d": 1}})  # ensure_ascii: the escape itself
        for route in ("/v1/check", "/v1/plan"):
            error = assert_error(http.post(route, content=body), 422, "bad_input")
            assert error["field"] == where and "\\ud83d" in error["message"]
    rows = [{**FAST, "client": "\ud800"}, {**FAST, "client": "fine"}]
    job = http.post("/v1/batches", content=json.dumps(rows)).json()
    status = wait_done(http, job["id"])
    assert [c["status"] for c in status["clients"]] == ["invalid_input", "optimal"]
    assert http.get(f"/v1/batches/{job['id']}/results").status_code == 200


def test_infeasible_is_409_with_conflict_and_repairs(http: httpx.Client) -> None:
    body = assert_error(http.post("/v1/plan", json=INFEASIBLE), 409, "infeasible")
    assert body["reasons"] and body["exit_code"] == 3
    explanation = body["explanation"]
    assert {c["field"] for c in explanation["conflicts"]} >= {"equipment"}
    assert any(r["verified"] for r in explanation["repairs"])
    quick = assert_error(
        http.post("/v1/plan", params={"explain": False}, json=INFEASIBLE), 409, "infeasible"
    )
    assert quick.get("explanation") is None and "POST /v1/explain" in quick["hint"]


def test_unknown_route_and_method(http: httpx.Client) -> None:
    assert_error(http.get("/v1/nothing"), 404, "not_found")
    refused = http.get("/v1/plan")
    assert_error(refused, 405, "method_not_allowed")
    assert refused.headers["allow"] == "POST"  # RFC 9110: a 405 names what the path takes


def test_a_byte_order_mark_is_read_as_the_cli_reads_it(http: httpx.Client) -> None:
    body = b"\xef\xbb\xbf" + json.dumps(FAST).encode()
    assert http.post("/v1/check", content=body).json()["valid"] is True


def test_body_size_limit(http: httpx.Client, served: Served) -> None:
    big = b'{"days": ["mon"], "client": "' + b"x" * 1_100_000 + b'"}'
    body = assert_error(http.post("/v1/plan", content=big), 413, "too_large")
    assert "1,000,000" in body["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"days": ["mon"], "client": "'
        for _ in range(12):
            yield b"x" * 100_000
        yield b'"}'

    assert_error(http.post("/v1/plan", content=chunks()), 413, "too_large")
    assert http.get("/v1/healthz").status_code == 200  # the server is fine


def test_api_key(served: Served) -> None:
    url = f"{served.url}/v1/version"
    missing = httpx.get(url, timeout=5)
    assert_error(missing, 401, "unauthorized")
    assert missing.headers["www-authenticate"] == "Bearer"
    assert_error(httpx.get(url, headers={"X-API-Key": "wrong"}, timeout=5), 401, "unauthorized")
    bearer = httpx.get(url, headers={"Authorization": f"Bearer {KEY}"}, timeout=5)
    assert bearer.status_code == 200
    # refused before the body is read or anything parsed
    assert_error(httpx.post(f"{served.url}/v1/plan", json=FAST, timeout=5), 401, "unauthorized")
    # the docs are open, both of them, and health with or without a trailing slash
    for path in ("/docs", "/redoc", "/healthz", "/healthz/"):
        answer = httpx.get(f"{served.url}{path}", timeout=5, follow_redirects=True)
        assert answer.status_code == 200, path
    assert_error(httpx.get(f"{served.url}/v1/version/", timeout=5), 401, "unauthorized")


def test_queue_limit_gives_503_with_retry_after(http: httpx.Client) -> None:
    """One solver process and a queue of one: a third solve at once is refused, the first
    two complete, and /healthz answers while the worker is busy."""
    slow = {**SLOW, "solver": {"time_limit": 2}}
    answers: list[httpx.Response] = []

    def send() -> None:
        answers.append(http.post("/v1/plan", params={"explain": False}, json=slow))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
        wanted = threads.index(thread) + 1
        deadline = time.monotonic() + 10
        while http.get("/v1/healthz").json()["in_flight"] < wanted:
            assert time.monotonic() < deadline
            time.sleep(0.02)
    started = time.monotonic()
    refused = http.post("/v1/plan", json=FAST)
    assert time.monotonic() - started < 1  # at once, not after the queue
    assert_error(refused, 503, "busy")
    assert int(refused.headers["retry-after"]) >= 1
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [200, 200]
    for answer in answers:
        checked(answer.text, slow)


# -- batch jobs -------------------------------------------------------------------------------


def wait_done(client: httpx.Client, job: str, seconds: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        status = client.get(f"/v1/batches/{job}").json()
        if status["state"] in ("done", "failed"):
            return status
        assert time.monotonic() < deadline, status
        time.sleep(0.1)


BATCH = [
    {**FAST, "client": "ann"},
    {**FAST, "client": "bob", "bogus": 1},
    {**SAME, "client": "cy"},
    {**INFEASIBLE, "client": "dee"},
]


def test_batch_job_from_submission_to_results(http: httpx.Client) -> None:
    submitted = http.post("/v1/batches", json=BATCH)
    assert submitted.status_code == 202
    job = submitted.json()
    assert job["state"] in ("queued", "running") and job["total"] == 4
    status = wait_done(http, job["id"])
    assert status["state"] == "done" and status["done"] == 4 and status["failed"] == 2
    assert [c["status"] for c in status["clients"]] == [
        "optimal",
        "invalid_input",
        "optimal",
        "infeasible",
    ]
    assert status["clients"][1]["field"] == "bogus"
    results = http.get(f"/v1/batches/{job['id']}/results").json()
    assert results["counts"] == {"optimal": 2, "invalid_input": 1, "infeasible": 1}
    assert [row["client"] for row in results["clients"]] == ["ann", "bob", "cy", "dee"]
    assert set(results["programs"]) == {"ann", "cy"}
    for item in (BATCH[0], BATCH[2]):
        checked(results["programs"][item["client"]], item)
    # the batch gives the same week as /v1/plan (same seed, one worker, proven)
    single = checked(http.post("/v1/plan", json={**SAME, "client": "cy"}).text, BATCH[2])
    assert single.model_dump(exclude=set(TIMING)) == checked(
        results["programs"]["cy"], BATCH[2]
    ).model_dump(exclude=set(TIMING))
    assert http.delete(f"/v1/batches/{job['id']}").json() == {"id": job["id"], "deleted": True}
    assert_error(http.get(f"/v1/batches/{job['id']}"), 404, "not_found")


def test_batch_errors(http: httpx.Client) -> None:
    assert_error(http.post("/v1/batches", json={"days": ["mon"]}), 422, "bad_input")
    assert_error(http.post("/v1/batches", json=[]), 422, "bad_input")
    assert_error(http.get("/v1/batches/../../etc"), 404, "not_found")
    assert_error(http.get("/v1/batches/0123456789abcdef/results"), 404, "not_found")
    assert_error(http.delete("/v1/batches/0123456789abcdef"), 404, "not_found")
    # results before the job is done: 409 not_finished (a slow client keeps it running)
    job = http.post(
        "/v1/batches",
        params={"time_limit": 2},
        content=json.dumps(SLOW) + "\n",
        headers={"content-type": "application/x-ndjson"},
    ).json()
    assert_error(http.get(f"/v1/batches/{job['id']}/results"), 409, "not_finished")
    assert http.delete(f"/v1/batches/{job['id']}").status_code == 200  # stops it, too


def test_a_full_batch_queue_is_busy_with_retry_after(tmp_path: Path) -> None:
    from optimizer import limits, load_catalog
    from optimizer.service.errors import ServiceBusy
    from optimizer.service.jobs import BatchJobs
    from optimizer.service.pool import SolvePool

    jobs = BatchJobs(tmp_path, SolvePool(1, 1), load_catalog(), SolveLimits(), max_queued=0)
    with pytest.raises(ServiceBusy) as busy:
        jobs.submit([json.dumps(FAST)], None)
    # the app's handler turns every ServiceBusy into 503 with this as `Retry-After`
    assert busy.value.retry_after == limits.SERVICE_RETRY_AFTER.high
    assert busy.value.to_dict()["code"] == "busy"


def test_a_caller_who_leaves_frees_the_solver(http: httpx.Client, served: Served) -> None:
    """A client that times out (or is killed) stops its solve: the slot is free within a
    poll or two, not after the time limit (abandoned requests held the service with 503s)."""
    slow = {**SLOW, "solver": {"time_limit": 5}}
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(
            f"{served.url}/v1/plan", params={"explain": False}, json=slow, headers=AUTH, timeout=1
        )
    left = time.monotonic()
    while http.get("/v1/healthz").json()["in_flight"] > 0:
        assert time.monotonic() - left < 3.5, "the solve ran on for no one"
        time.sleep(0.05)
    assert http.post("/v1/plan", json=FAST).status_code == 200  # and the service serves on
    # an explanation too: its week's solve (5 s) is stopped, and no relaxation (3 s each) begins
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(
            f"{served.url}/v1/explain", params={"seconds": 3}, json=slow, headers=AUTH, timeout=1
        )
    left = time.monotonic()
    assert http.post("/v1/plan", json=FAST).status_code == 200  # the one worker is free again
    assert time.monotonic() - left < 4, "the explanation ran on for no one"


def test_restart_still_serves_a_finished_job(tmp_path: Path) -> None:
    first = Served(tmp_path, "--workers", "1", "--max-time-limit", "5")
    try:
        with httpx.Client(base_url=first.url, timeout=30) as client:
            job = client.post("/v1/batches", json=BATCH[:1]).json()["id"]
            assert wait_done(client, job)["state"] == "done"
            before = client.get(f"/v1/batches/{job}/results").json()
    finally:
        first.stop()
    assert (tmp_path / job / "out" / "summary.csv").is_file()  # the batch folder format
    second = Served(tmp_path, "--workers", "1")
    try:
        with httpx.Client(base_url=second.url, timeout=30) as client:
            after = client.get(f"/v1/batches/{job}/results").json()
    finally:
        second.stop()
    assert after == before and after["counts"] == {"optimal": 1}
    checked(after["programs"]["ann"], BATCH[0])


# -- 504 and 500: a server in this process, the solver monkeypatched -----------------------------


@pytest.fixture
def in_process(tmp_path: Path) -> Iterator[str]:
    """uvicorn in a thread; the pool's processes replaced by a thread, so monkeypatches of the
    solver apply to the solves."""
    app = create_app(ServiceSettings(workers=1, batch_dir=tmp_path, max_time_limit=5))
    pool = app.state.service.pool
    pool._new_executor = lambda: ThreadPoolExecutor(max_workers=1)  # type: ignore[method-assign]
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_a_caller_leaving_mid_upload_is_no_internal_error(
    in_process: str, caplog: pytest.LogCaptureFixture
) -> None:
    host, port = in_process.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 50\r\n\r\n{"days":'
        )
    time.sleep(0.5)  # the server notices the closed socket
    assert httpx.get(f"{in_process}/healthz", timeout=5).status_code == 200
    errors = [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert not errors, [r.getMessage() for r in errors]


def test_no_week_in_time_is_504(in_process: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_greedy_week(data: object) -> None:
        raise NoProgramError("the greedy heuristic could not place every required exercise")

    monkeypatch.setattr(cpsat_solver, "solve", lambda built, settings, **_: SolveResult("unknown"))
    monkeypatch.setattr(warm_start, "greedy_assignment", no_greedy_week)
    response = httpx.post(f"{in_process}/v1/plan", json=FAST, params={"time_limit": 3}, timeout=30)
    body = assert_error(response, 504, "timeout")
    assert "within 3 s" in body["message"] and body["exit_code"] == 4


def test_a_bug_is_500_in_one_line(in_process: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ZeroDivisionError("boom\n  File 'x.py', line 1")

    monkeypatch.setattr(service_work, "plan", broken)
    response = httpx.post(f"{in_process}/v1/plan", json=FAST, timeout=30)
    body = assert_error(response, 500, "internal")
    assert body["message"] == "ZeroDivisionError: boom" and "File" not in response.text


def test_import_optimizer_does_not_import_the_service() -> None:
    heavy = "('fastapi', 'uvicorn', 'starlette')"
    code = f"import sys, optimizer\nprint([m for m in {heavy} if m in sys.modules])"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert done.stdout.strip() == "[]"


def test_only_the_service_imports_fastapi_and_uvicorn() -> None:
    import ast

    import optimizer

    root = Path(optimizer.__file__).resolve().parent
    allowed = {root / "cli" / "serve.py", *(root / "service").rglob("*.py")}
    found = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            if any(n.split(".")[0] in ("fastapi", "uvicorn", "starlette") for n in names):
                found.append(path)
    assert found and set(found) <= allowed, sorted(set(found) - allowed)


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["--host", "999.1.1.1"], "error: --host: cannot listen on '999.1.1.1'"),
        (["--batch-dir", "{file}"], "error: --batch-dir {file}: is a file, not a folder"),
    ],
)
def test_a_bad_host_or_batch_folder_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str], start: str
) -> None:
    # --host was blamed on --port; a batch folder that cannot be made was a traceback, exit 3
    file = tmp_path / "f"
    file.write_text("")
    argv = ["serve", "--port", str(free_port()), *(a.format(file=file) for a in args)]
    result = CliRunner().invoke(cli_app, argv)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(start.format(file=file)), result.stderr
    assert "Traceback" not in result.output


def test_a_busy_port_is_one_line_and_exit_2() -> None:
    """A port in use is the user's to change: one line naming --port, before any solver
    process starts (uvicorn alone logged the bind error and exited 3)."""
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: --port: cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in result.output
