"""A batch's worker processes never outlive it, however the batch ends.

Killed with SIGKILL or SIGTERM (a closed terminal, a job runner's time limit), the batch
used to leave its workers running for ever: each held both ends of its pipe, so none
ever read end-of-file. Each worker now holds only its own end, and ends when its parent
does: by the kernel's parent-death signal on Linux, else by noticing its parent is gone.
The batches here render files whose template runs until the 10-second template limit,
so every worker is busy when its batch is killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

PLAN = """\
org: 定边镇希望小学
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
goals: [依法治教。]
templates: 模板
"""
BUSY = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
WITHOUT_DEATH_SIGNAL = (
    "import sys\n"
    "import planmaker.workers\n"
    "planmaker.workers._parent_death_signal = lambda: False\n"
    "from planmaker.cli import main\n"
    "main(sys.argv[1:])\n"
)


def busy_folder(tmp_path: Path, files: int = 4) -> Path:
    inputs = tmp_path / "in"
    (inputs / "模板").mkdir(parents=True)
    (inputs / "模板" / "plan.md.j2").write_text(BUSY, encoding="utf-8")
    for n in range(files):
        (inputs / f"plan{n}.yaml").write_text(PLAN, encoding="utf-8")
    return inputs


def start_batch(tmp_path: Path, jobs: int, *python: str) -> subprocess.Popen:
    args = ["batch", str(busy_folder(tmp_path)), "-o", str(tmp_path / "out"), "-j", str(jobs)]
    return subprocess.Popen(
        [sys.executable, *(python or ("-m", "planmaker")), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
        start_new_session=True,
    )


def stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name; None once the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def alive(pid: int) -> bool:
    fields = stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        fields = stat(int(entry)) if entry.isdigit() else None
        if fields is not None and int(fields[1]) == pid:
            found.append(int(entry))
    return found


def wait_for(condition, timeout: float) -> float:
    """Wait until ``condition()``; the seconds it took."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError("timed out")
        time.sleep(0.02)
    return time.monotonic() - started


def busy_workers(batch: subprocess.Popen, jobs: int) -> list[int]:
    wait_for(lambda: len(children(batch.pid)) == jobs, timeout=60)
    time.sleep(0.5)  # each has its file and is deep in the template
    workers = children(batch.pid)
    assert len(workers) == jobs
    return workers


def stop_all(batch: subprocess.Popen, workers: list[int]) -> None:
    """Clean up after a failed test: the batch and the workers it started, by their ids."""
    if batch.poll() is None:
        batch.kill()
        batch.wait()
    for pid in workers:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_end_when_their_batch_is_killed(tmp_path, sig):
    batch = start_batch(tmp_path, 2)
    workers: list[int] = []
    try:
        workers = busy_workers(batch, 2)
        os.kill(batch.pid, sig)
        batch.wait(timeout=10)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), timeout=5) < 5
    finally:
        stop_all(batch, workers)


def test_without_the_kernels_signal_a_worker_sees_its_parent_is_gone(tmp_path):
    batch = start_batch(tmp_path, 2, "-c", WITHOUT_DEATH_SIGNAL)
    workers: list[int] = []
    try:
        workers = busy_workers(batch, 2)
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait(timeout=10)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), timeout=5) < 5
    finally:
        stop_all(batch, workers)


def sockets(pid: int) -> set[str]:
    """The sockets process ``pid`` holds open (``socket:[inode]``)."""
    folder = Path(f"/proc/{pid}/fd")
    held = set()
    for fd in folder.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            held.add(target)
    return held


def test_a_worker_holds_only_its_own_end_of_its_pipe(tmp_path):
    batch = start_batch(tmp_path, 3)
    workers: list[int] = []
    try:
        workers = busy_workers(batch, 3)
        parent_ends = sockets(batch.pid)
        assert len(parent_ends) >= 3
        for pid in workers:
            own = sockets(pid)
            assert len(own) == 1, own  # its end of its pipe, and nothing of the others
            assert not own & parent_ends
    finally:
        stop_all(batch, workers)
