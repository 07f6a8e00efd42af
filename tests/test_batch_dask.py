"""The batch on a real Dask cluster: a `dask scheduler` and two `dask worker` processes on
127.0.0.1, started and torn down here. Skipped, with the reason, when dask is not installed
(`pip install '.[dask]'`; CI installs it with `.[test]`)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed: pip install '.[dask]'"
)

from optimizer import InputError  # noqa: E402
from optimizer.batch import DaskEngine, plan_many  # noqa: E402
from optimizer.batch.progress import NoProgress  # noqa: E402

from helpers import ROOT  # noqa: E402
from test_batch import QUICK, assert_same_folders, quick_sheet  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env() -> dict[str, str]:
    """The workers import `optimizer` from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    return env


class Cluster:
    """A scheduler and `workers` worker processes; `stop()` leaves no process behind."""

    def __init__(self, workers: int, nanny: bool = True) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        port = self.address.rsplit(":", 1)[1]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": _env()}
        self.scheduler = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                port,
                "--no-dashboard",
            ],
            **quiet,
        )
        self.workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "distributed.cli.dask_worker",
                    self.address,
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--name",
                    f"w{n}",
                    *([] if nanny else ["--no-nanny"]),
                ],
                **quiet,
            )
            for n in range(workers)
        ]
        try:
            with distributed.Client(self.address, timeout="30s") as client:
                client.wait_for_workers(workers, timeout=60)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    running = Cluster(workers=2, nanny=False)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def local_reference(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("local")
    sheet = quick_sheet(tmp / "clients.csv")
    batch = plan_many(sheet, tmp / "out", engine="local", workers=2)
    assert [r.status for r in batch.results] == ["optimal"] * len(QUICK)
    return sheet, tmp / "out"


def test_a_batch_on_dask_is_identical_to_the_local_pool(tmp_path, cluster, local_reference):
    sheet, reference = local_reference
    out = tmp_path / "out"
    batch = plan_many(sheet, out, engine="dask", scheduler=cluster.address)
    assert batch.engine == f"dask ({cluster.address})"
    assert batch.notes == []  # the workers hash strings like the local pool's
    assert [r.status for r in batch.results] == ["optimal"] * len(QUICK)
    assert_same_folders(out, reference)


class KillAfterFirst(NoProgress):
    """Kill -9 a worker as soon as the first client is back: its running task is lost."""

    def __init__(self, victim: subprocess.Popen) -> None:
        self.victim = victim

    def advance(self, result, done, failed) -> None:
        if self.victim.poll() is None:
            os.kill(self.victim.pid, signal.SIGKILL)
            self.victim.wait()


def test_a_worker_killed_mid_batch_loses_no_client(tmp_path, local_reference):
    sheet, reference = local_reference
    doomed = Cluster(workers=2, nanny=False)  # no nanny: the killed worker stays dead
    try:
        out = tmp_path / "out"
        batch = plan_many(
            sheet,
            out,
            engine="dask",
            scheduler=doomed.address,
            progress=KillAfterFirst(doomed.workers[0]),
        )
        assert doomed.workers[0].returncode == -signal.SIGKILL
        failed = [(r.client, r.status, r.error) for r in batch.results if r.status != "optimal"]
        assert not failed
        assert_same_folders(out, reference)
    finally:
        doomed.stop()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    sheet = quick_sheet(tmp_path / "c.csv", QUICK[:1])
    engine = DaskEngine(f"tcp://127.0.0.1:{_free_port()}", connect_timeout=2)
    started = time.monotonic()
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        plan_many(sheet, tmp_path / "out", engine=engine)
    assert time.monotonic() - started < 30


def test_without_dask_the_engine_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    sheet = quick_sheet(tmp_path / "c.csv", QUICK[:1])
    with pytest.raises(InputError, match=r"pip install 'pre-exhaust\[dask\]'"):
        plan_many(sheet, tmp_path / "out", engine="dask", scheduler="tcp://127.0.0.1:1")
