"""Many files at once (``planmaker batch``): find the inputs, map them to outputs, render
them in parallel processes so that one bad file or one crashed worker costs only itself.

Output tree: one folder given → its tree mirrored under the output folder; several
inputs given → each folder's tree under ``OUTDIR/<folder name>/`` and each file given
by name at ``OUTDIR/<file name>``. Two inputs that would write the same output are an
error before anything is written.

A task is rendered as :func:`planmaker.tasks.render_task` says; the worker processes
themselves, their time limit and their end are :mod:`planmaker.workers`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from planmaker.errors import Location, PlanError, Problem

if TYPE_CHECKING:
    from planmaker.pipeline import RenderOptions
    from planmaker.tasks import Outcome, Task
    from planmaker.workers import Pool

TIMEOUT_SECONDS = 30.0
"""The default time one file may take (``batch --timeout``)."""


def find_inputs(
    paths: Sequence[Path], skipped: list[Problem] | None = None
) -> list[tuple[Path, Path]]:
    """Every input file under ``paths`` as ``(file, its output path relative to OUTDIR)``.

    Folders are searched recursively for ``.yaml``/``.yml`` files (see
    :func:`planmaker.folders.yaml_files` for what is left out, which is added to
    ``skipped`` when given); a file named directly is taken whatever its suffix. The
    relative path follows the module docstring's tree rule, still with the input's
    suffix. A file reached twice is kept once, first mention first. Raises PlanError
    for each path that cannot be reached, with the code reading it would give
    (``input.not_found``, ``file.name_too_long`` …).
    """
    from planmaker.folders import yaml_files
    from planmaker.intake import reach_problem

    missing = [problem for problem in map(reach_problem, paths) if problem is not None]
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


def plan_tasks(
    paths: Sequence[Path], outdir: Path, fmt: str, skipped: list[Problem] | None = None
) -> list[Task]:
    """The tasks for ``paths`` rendered as ``fmt`` under ``outdir``.

    What the folder walk left out is added to ``skipped`` (see :func:`find_inputs`).
    Raises PlanError: ``input.not_found``; ``batch.no_inputs`` when no input file is
    found; ``batch.output_clash`` (one problem per input that shares its output with
    an earlier one), before anything has been written.
    """
    from planmaker.tasks import Task

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
    from planmaker.output import output_problem

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


@contextmanager
def worker_pool(opts: RenderOptions, jobs: int, timeout: float = TIMEOUT_SECONDS) -> Iterator[Pool]:
    """At most ``jobs`` worker processes for :func:`run_tasks`, forked at once (see
    :meth:`planmaker.workers.Pool.fork_early`) and ended when the block ends."""
    from planmaker.workers import Pool

    pool = Pool(opts, jobs, timeout)
    try:
        pool.fork_early()
        yield pool
    finally:
        pool.close()


def run_tasks(
    tasks: Sequence[Task],
    opts: RenderOptions,
    jobs: int,
    done: Callable[[Outcome], None],
    tick: Callable[[], None] = lambda: None,
    timeout: float = TIMEOUT_SECONDS,
    pool: Pool | None = None,
) -> list[Outcome]:
    """Render ``tasks`` over ``jobs`` worker processes (those of ``pool`` if given, which
    the caller ends); the outcome of every task, in order.

    ``done`` is called in this process as each task ends; ``tick`` every
    :data:`planmaker.workers.TICK_SECONDS` or so while waiting. A task still running
    after ``timeout`` seconds fails with ``batch.timeout``: its worker is killed and
    replaced. On Ctrl-C: no new file is started, each worker finishes the one it holds
    (``done`` is still called for it), then ``KeyboardInterrupt`` propagates; a second
    Ctrl-C ends the workers at once and removes what they were writing.
    """
    from planmaker.tasks import remove_temporaries
    from planmaker.workers import Pool

    remove_temporaries(tasks)
    own = pool is None
    if pool is None:
        pool = Pool(opts, min(jobs, len(tasks)), timeout)
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
        if own:
            pool.close()
        _sync()
    return [outcomes[t] for t in tasks]


def _sync() -> None:
    """Flush every output the workers wrote to disk at once (they skip a sync per file)."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()
