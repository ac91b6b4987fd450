"""The worker processes of ``planmaker batch``.

Each worker is a process of its own, fed one task at a time through its own pipe, so the
parent always knows which file a worker holds. A worker keeps the parsed templates, the
Markdown parser and the DOCX writer's prepared styles and base document from one file to
the next, because those live in module-level caches. Problems travel back as plain
:class:`~planmaker.errors.Problem` lists, which pickle, never as exceptions.

A worker that dies (killed, out of memory) loses the file it held, which is reported as
failed, and a new worker takes its place; so does a worker that holds one file longer
than the time limit (``batch --timeout``), which is killed. Ctrl-C stops handing out
files, lets each worker finish the one it holds (workers ignore SIGINT, so nothing is
cut half-way) and then re-raises ``KeyboardInterrupt``.

A worker never outlives the batch, however the batch ends (Ctrl-C, SIGTERM, SIGKILL): it
keeps only its own end of its pipe, so an idle worker reads end-of-file when the parent
is gone; on Linux it asks the kernel to kill it when its parent dies
(``PR_SET_PDEATHSIG``), and where that cannot be had a thread in the worker notices the
parent is gone and ends the worker.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planmaker.errors import Location, Problem
from planmaker.tasks import Outcome, Task, prepare, remove_temporaries, render_task

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from planmaker.pipeline import RenderOptions

STOP_GRACE_SECONDS = 30.0
"""How long an interrupted batch waits for the workers to finish the file each holds."""
TICK_SECONDS = 0.2
"""How often the pool calls ``tick`` while it waits (to refresh a progress bar)."""
PARENT_POLL_SECONDS = 0.5
"""How often a worker without the kernel's parent-death signal checks for its parent."""
_PR_SET_PDEATHSIG = 1
YOUNG_COLLECTION = 10_000
"""New objects between two rounds of a settled worker's cycle collector (Python's is 700)."""


def _worker_main(
    conn: Connection, opts: RenderOptions, inherited: list[Connection], parent: int
) -> None:
    """A worker: render each task received until ``None`` (or the parent's end) arrives.

    ``inherited`` are the parent's ends of every pipe, which a forked worker holds copies
    of: closed at once, so that the parent's end closes when the parent dies.
    """
    for other in inherited:
        with contextlib.suppress(OSError):
            other.close()
    _end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepare()
    settled = False
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        outcome = render_task(task, opts)
        try:
            conn.send(outcome)
        except Exception:  # a value in a problem's params that does not pickle
            conn.send(_as_text(outcome))
        if not settled:
            settled = _settle()


def _settle() -> bool:
    """Keep what the first file left loaded (modules, templates, parser, styles) out of
    the cycle collector's rounds from now on: it lives as long as the worker, and going
    over it again and again cost about a tenth of each file's time. Garbage is collected
    first, so nothing dead is kept. The youngest objects are then looked at every
    :data:`YOUNG_COLLECTION` new ones: a file makes a great many short-lived objects,
    nearly all freed as soon as they are done with, and looking more often finds nothing
    more."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, older, oldest)
    return True


def _end_with_parent(parent: int) -> None:
    """Make this worker end when the process ``parent`` does, however that ends."""
    if not _parent_death_signal():
        watcher = threading.Thread(target=_watch_parent, args=(parent,), daemon=True)
        watcher.start()
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)


def _parent_death_signal() -> bool:
    """Linux: have the kernel kill this process when its parent dies; whether it will."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _as_text(outcome: Outcome) -> Outcome:
    """``outcome`` with every problem parameter that is not plain data turned into text."""
    plain = (str, int, float, bool, type(None))

    def value(v: object) -> object:
        if isinstance(v, plain):
            return v
        if isinstance(v, (list, tuple)) and all(isinstance(x, plain) for x in v):
            return list(v)
        return str(v)

    def plain_params(p: Problem) -> Problem:
        return replace(p, params={k: value(v) for k, v in p.params.items()})

    return Outcome(
        outcome.task,
        [plain_params(p) for p in outcome.problems],
        [plain_params(w) for w in outcome.warnings],
    )


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    """When the worker was given its task (``time.monotonic``)."""


class Pool:
    """Worker processes each fed one task at a time (see the module docstring)."""

    def __init__(self, opts: RenderOptions, size: int, timeout: float) -> None:
        import multiprocessing

        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._forks = method == "fork"
        self._opts = opts
        self._size = max(1, size)
        self._timeout = timeout
        self._workers: list[_Worker] = []
        self._queue: list[Task] = []
        if method == "fork":
            prepare()

    @property
    def size(self) -> int:
        """How many workers at most."""
        return self._size

    def fork_early(self) -> None:
        """Fork the workers now (where workers are forked), idle until :meth:`run`: a
        worker forked before the batch has listed its files does not hold the parent's
        list of them, so its memory does not grow with the number of files."""
        if self._forks:
            while len(self._workers) < self._size:
                self._start()

    def run(
        self, tasks: list[Task], finish: Callable[[Outcome], None], tick: Callable[[], None]
    ) -> None:
        self._queue = tasks[::-1]
        while len(self._workers) < min(self._size, len(tasks)):
            self._start()
        for worker in self._workers:
            self._feed(worker)
        last_tick = time.monotonic()
        while any(w.task is not None for w in self._workers):
            self._step(finish, TICK_SECONDS)
            self._expire(finish)
            if time.monotonic() - last_tick >= TICK_SECONDS:
                tick()
                last_tick = time.monotonic()

    def stop(self, finish: Callable[[Outcome], None]) -> None:
        """After Ctrl-C: hand out nothing more, let the busy workers finish their file."""
        self._queue = []
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        try:
            while any(w.task is not None for w in self._workers):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._step(finish, min(left, TICK_SECONDS))
        except KeyboardInterrupt:
            pass
        self._kill_busy()

    def close(self) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        # a forked worker gets copies of every parent end: it closes them (_worker_main)
        inherited = [w.conn for w in self._workers] + [parent] if self._forks else []
        process = self._context.Process(
            target=_worker_main,
            args=(child, self._opts, inherited, os.getpid()),
            name="planmaker-batch",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _feed(self, worker: _Worker) -> None:
        """Give ``worker`` the next task; one that died idle is replaced, losing nothing."""
        worker.task = self._queue.pop() if self._queue else None
        if worker.task is None:
            return
        worker.started = time.monotonic()
        try:
            worker.conn.send(worker.task)
        except (OSError, ValueError):
            self._queue.append(worker.task)
            worker.task = None
            self._retire(worker)
            self._feed(self._start())

    def _step(self, finish: Callable[[Outcome], None], timeout: float) -> None:
        from multiprocessing.connection import wait

        busy = [w for w in self._workers if w.task is not None]
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        for worker in busy:
            if worker.conn in ready:
                try:
                    outcome: Outcome = worker.conn.recv()
                except Exception:  # the pipe closed (EOFError) or a message was cut short
                    self._lost(worker, finish)
                    continue
                worker.task = None
                self._feed(worker)  # its next file first: it works while this one is told
                finish(outcome)
            elif worker.process.sentinel in ready:
                self._lost(worker, finish)

    def _expire(self, finish: Callable[[Outcome], None]) -> None:
        """Kill each worker whose task has run past the time limit; the task failed."""
        now = time.monotonic()
        for worker in [w for w in self._workers if w.task is not None]:
            if now - worker.started > self._timeout:
                worker.process.kill()
                self._lost(worker, finish, ("batch.timeout", {"seconds": f"{self._timeout:g}"}))

    def _lost(
        self,
        worker: _Worker,
        finish: Callable[[Outcome], None],
        why: tuple[str, dict[str, str]] | None = None,
    ) -> None:
        """A worker died holding a task: that task failed; a new worker takes over."""
        task = worker.task
        assert task is not None
        self._retire(worker)
        remove_temporaries([task])
        code, params = why or (
            "batch.worker_crashed",
            {"reason": _exit_reason(worker.process.exitcode)},
        )
        finish(Outcome(task, [Problem(code, Location(str(task.source)), params)]))
        if self._queue:
            self._feed(self._start())

    def _retire(self, worker: _Worker) -> None:
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self._workers.remove(worker)
        worker.conn.close()

    def _kill_busy(self) -> None:
        busy = [w for w in self._workers if w.task is not None]
        for worker in busy:
            worker.process.kill()
            worker.process.join()
        remove_temporaries(w.task for w in busy if w.task is not None)


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"
