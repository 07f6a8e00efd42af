"""No orphans (issue 16, reproduction 10): kill -9 of a batch's parent process ends its local
workers within seconds, instead of leaving them solving (about 125 MB each) for minutes."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc"
)

#: Clients whose search runs far longer than the test (capacity-limited, slow to prove).
SLOW_SHEET = (
    "client,days,session_minutes,experience,time_limit\n"
    "heavy1,mon;wed;fri,60,advanced,120\n"
    "heavy2,tue;thu;sat,60,advanced,120\n"
    "heavy3,mon;wed;fri,60,advanced,120\n"
    "heavy4,tue;thu;sat,60,advanced,120\n"
)


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.update(int(p) for p in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a reaper (PID 1 in a container may never reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def is_worker(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline


def wait_for(condition, timeout: float, step: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.mark.parametrize("entry", ["api", "cli"])
def test_kill_9_of_the_parent_ends_its_workers(tmp_path, entry):
    sheet = tmp_path / "slow.csv"
    sheet.write_text(SLOW_SHEET, encoding="utf-8")
    out = tmp_path / "out"
    if entry == "api":
        script = textwrap.dedent(
            f"""
            from optimizer.batch import plan_many
            if __name__ == "__main__":
                plan_many({str(sheet)!r}, {str(out)!r}, engine="local", workers=2)
            """
        )
        command = [sys.executable, "-c", script]
    else:
        command = [sys.executable, "-m", "optimizer", "batch", str(sheet), "--out", str(out)]
        command += ["--workers", "2", "--no-progress"]
    parent = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path
    )
    workers: set[int] = set()
    try:

        def two_workers() -> bool:
            workers.update(p for p in children(parent.pid) if is_worker(p))
            return len(workers) >= 2

        assert wait_for(two_workers, 60), "the batch never started two workers"
        time.sleep(1.0)  # let them import the solver and start solving
        assert all(alive(p) for p in workers)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        gone = wait_for(lambda: not any(alive(p) for p in workers), 10)
        assert gone, f"workers {sorted(p for p in workers if alive(p))} outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers:  # never leave them behind, even when the test fails
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_portable_watch_ends_an_orphan_without_prctl(tmp_path):
    """Where `PR_SET_PDEATHSIG` is missing (macOS), the worker's own watch thread ends it."""
    ready = tmp_path / "ready"
    worker = textwrap.dedent(
        f"""
        import os, pathlib, time
        from optimizer.batch import engines
        engines._die_with_parent = lambda: False
        engines._init_worker(os.getppid())
        pathlib.Path({str(ready)!r}).write_text(str(os.getpid()))
        time.sleep(120)
        """
    )
    middle = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {worker!r}])"
    parent = subprocess.Popen([sys.executable, "-c", middle])
    pid = 0
    try:
        assert wait_for(lambda: ready.exists() and ready.read_text(), 60)
        pid = int(ready.read_text())
        assert alive(pid)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        assert wait_for(lambda: not alive(pid), 10), "the orphan kept running"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if pid and alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_worker_whose_parent_is_already_gone_exits_at_once():
    script = (
        "from optimizer.batch import engines; engines._init_worker(-1); import time; time.sleep(60)"
    )
    done = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert done.returncode == 1
