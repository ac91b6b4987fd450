"""Many files at once (``planmaker batch``): find the inputs, map them to outputs, render
them in parallel processes so that one bad file or one crashed worker costs only itself.

Output tree: one folder given → its tree mirrored under the output folder; several
inputs given → each folder's tree under ``OUTDIR/<folder name>/`` and each file given
by name at ``OUTDIR/<file name>``. Two inputs that would write the same output are an
error before anything is written.

Workers: each is a process of its own, fed one file at a time through its own pipe, so
the parent always knows which file a worker holds. A worker renders through
:func:`planmaker.pipeline.render_file` — the path ``render`` takes — and writes its
output through :func:`planmaker.source.write_atomic`; a worker keeps the parsed
templates, the Markdown parser and the DOCX writer's prepared styles and base document
from one file to the next, because those live in module-level caches. Problems travel
back as plain :class:`~planmaker.errors.Problem` lists, which pickle, never as
exceptions. A worker that dies (killed, out of memory) loses the file it held, which is
reported as failed, and a new worker takes its place. Ctrl-C stops handing out files,
lets each worker finish the one it holds (workers ignore SIGINT, so nothing is cut
half-way) and then re-raises ``KeyboardInterrupt``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planmaker.errors import Location, PlanError, Problem
from planmaker.folders import yaml_files

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from planmaker.pipeline import RenderOptions

STOP_GRACE_SECONDS = 30.0
"""How long an interrupted batch waits for the workers to finish the file each holds."""
TICK_SECONDS = 0.2
"""How often ``run_tasks`` calls ``tick`` while it waits (to refresh a progress bar)."""


@dataclass(frozen=True)
class Task:
    """One input file and the output it is rendered to."""

    source: Path
    output: Path


@dataclass
class Outcome:
    """What became of one task: no problems means its output was written."""

    task: Task
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def find_inputs(
    paths: Sequence[Path], skipped: list[Problem] | None = None
) -> list[tuple[Path, Path]]:
    """Every input file under ``paths`` as ``(file, its output path relative to OUTDIR)``.

    Folders are searched recursively for ``.yaml``/``.yml`` files (see
    :func:`planmaker.folders.yaml_files` for what is left out, which is added to
    ``skipped`` when given); a file named directly is taken whatever its suffix. The
    relative path follows the module docstring's tree rule, still with the input's
    suffix. A file reached twice is kept once, first mention first. Raises PlanError
    ``input.not_found`` for a path that does not exist.
    """
    missing = [Problem("input.not_found", Location(str(p))) for p in paths if not _lexists(p)]
    if missing:
        raise PlanError.of(missing)
    several = len(paths) > 1
    found: list[tuple[Path, Path]] = []
    seen: set[str] = set()
    for given in paths:
        if os.path.isdir(given):
            prefix = Path(Path(os.path.realpath(given)).name) if several else Path()
            walked = yaml_files(given, skipped if skipped is not None else [])
            files = [(f, prefix / f.relative_to(given)) for f in walked]
        else:
            files = [(given, Path(given.name))]
        for file, relative in files:
            key = os.path.normcase(os.path.realpath(file))  # never raises, even on a loop
            if key not in seen:
                seen.add(key)
                found.append((file, relative))
    return found


def _lexists(path: Path) -> bool:
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def plan_tasks(
    paths: Sequence[Path], outdir: Path, fmt: str, skipped: list[Problem] | None = None
) -> list[Task]:
    """The tasks for ``paths`` rendered as ``fmt`` under ``outdir``.

    What the folder walk left out is added to ``skipped`` (see :func:`find_inputs`).
    Raises PlanError: ``input.not_found``; ``batch.no_inputs`` when no input file is
    found; ``batch.output_clash`` (one problem per input that shares its output with
    an earlier one), before anything has been written.
    """
    found = find_inputs(paths, skipped)
    if not found:
        raise PlanError("batch.no_inputs", Location(", ".join(str(p) for p in paths)))
    tasks: list[Task] = []
    first_for: dict[str, Path] = {}
    clashes: list[Problem] = []
    for file, relative in found:
        output = outdir / relative.with_suffix("." + fmt)
        key = os.path.normcase(str(output.resolve()))
        if key in first_for:
            clashes.append(
                Problem(
                    "batch.output_clash",
                    Location(str(file)),
                    {"other": str(first_for[key]), "output": str(output)},
                )
            )
            continue
        first_for[key] = file
        tasks.append(Task(file, output))
    if clashes:
        raise PlanError.of(clashes)
    return tasks


def make_outdir(outdir: Path) -> None:
    """Create the output folder; PlanError ``output.not_writable`` when that cannot be done."""
    from planmaker.source import output_problem

    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise output_problem(err, outdir) from None
    if not os.access(outdir, os.W_OK):
        raise PlanError("output.not_writable", Location(str(outdir)))


def unchanged(task: Task) -> bool:
    """True when the task's output exists and is no older than its input (``--changed``)."""
    try:
        return task.output.stat().st_mtime >= task.source.stat().st_mtime
    except OSError:
        return False


def run_tasks(
    tasks: Sequence[Task],
    opts: RenderOptions,
    jobs: int,
    done: Callable[[Outcome], None],
    tick: Callable[[], None] = lambda: None,
) -> list[Outcome]:
    """Render ``tasks`` over ``jobs`` worker processes; the outcome of every task, in order.

    ``done`` is called in this process as each task ends; ``tick`` every
    :data:`TICK_SECONDS` or so while waiting. On Ctrl-C: no new file is started, each
    worker finishes the one it holds (``done`` is still called for it), then
    ``KeyboardInterrupt`` propagates; a second Ctrl-C ends the workers at once and
    removes what they were writing.
    """
    _remove_temporaries(tasks)
    pool = _Pool(opts, min(jobs, len(tasks)))
    outcomes: dict[Task, Outcome] = {}

    def finish(outcome: Outcome) -> None:
        outcomes[outcome.task] = outcome
        done(outcome)

    try:
        pool.run(list(tasks), finish, tick)
    except KeyboardInterrupt:
        pool.stop(finish)
        raise
    finally:
        pool.close()
        _sync()
    return [outcomes[t] for t in tasks]


def _sync() -> None:
    """Flush every output the workers wrote to disk at once (they skip a sync per file)."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()


def render_task(task: Task, opts: RenderOptions) -> Outcome:
    """Render one task and write its output; every failure becomes the outcome's problems."""
    from planmaker.pipeline import render_file
    from planmaker.source import write_atomic

    try:
        rendered = render_file(task.source, opts)
        protect = [task.source, *opts.input_files()]
        write_atomic(task.output, rendered.data, protect=protect, sync=False, clean=False)
    except PlanError as err:
        return Outcome(task, err.in_file(str(task.source)).problems)
    except Exception as err:  # a bug must cost one file, not the batch
        detail = f"{type(err).__name__}: {err}"
        return Outcome(
            task, [Problem("batch.internal", Location(str(task.source)), {"detail": detail})]
        )
    return Outcome(task, [], rendered.warnings)


def prepare() -> None:
    """Import the rendering stack, so a forked worker starts with it loaded (once)."""
    import planmaker.pipeline  # noqa: F401
    import planmaker.templating  # noqa: F401
    import planmaker.validate  # noqa: F401
    import planmaker.writers.docx  # noqa: F401


def _worker_main(conn: Connection, opts: RenderOptions) -> None:
    """A worker: render each task received until ``None`` (or the parent's end) arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepare()
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


def _as_text(outcome: Outcome) -> Outcome:
    """``outcome`` with every problem parameter that is not plain data turned into text."""
    plain = (str, int, float, bool, type(None))

    def value(v: object) -> object:
        if isinstance(v, plain):
            return v
        if isinstance(v, (list, tuple)) and all(isinstance(x, plain) for x in v):
            return list(v)
        return str(v)

    problems = [
        Problem(p.code, p.where, {k: value(v) for k, v in p.params.items()})
        for p in outcome.problems
    ]
    return Outcome(outcome.task, problems, [str(w) for w in outcome.warnings])


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None


class _Pool:
    """Worker processes each fed one task at a time (see the module docstring)."""

    def __init__(self, opts: RenderOptions, size: int) -> None:
        import multiprocessing

        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._opts = opts
        self._size = max(1, size)
        self._workers: list[_Worker] = []
        self._queue: list[Task] = []
        if method == "fork":
            prepare()

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
        process = self._context.Process(
            target=_worker_main, args=(child, self._opts), name="planmaker-batch", daemon=True
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
                finish(outcome)
                self._feed(worker)
            elif worker.process.sentinel in ready:
                self._lost(worker, finish)

    def _lost(self, worker: _Worker, finish: Callable[[Outcome], None]) -> None:
        """A worker died holding a task: that task failed; a new worker takes over."""
        task = worker.task
        assert task is not None
        self._retire(worker)
        _remove_temporaries([task])
        finish(
            Outcome(
                task,
                [
                    Problem(
                        "batch.worker_crashed",
                        Location(str(task.source)),
                        {"reason": _exit_reason(worker.process.exitcode)},
                    )
                ],
            )
        )
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
        _remove_temporaries(w.task for w in busy if w.task is not None)


def _remove_temporaries(tasks: Iterable[Task]) -> None:
    """Delete what dead processes left half-written in the tasks' output folders."""
    from planmaker.source import remove_stale_temporaries

    for folder in {t.output.parent for t in tasks}:
        remove_stale_temporaries(folder)


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"
