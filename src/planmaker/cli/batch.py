"""``planmaker batch``: render many files in parallel, with a progress bar and a failure table."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planmaker.batch import TIMEOUT_SECONDS
from planmaker.cli.common import DraftOpt, FormatOpt, OutdirOpt, ReferenceOpt, TemplateOpt

if TYPE_CHECKING:
    from planmaker.batch import Outcome
    from planmaker.errors import Problem
    from planmaker.pipeline import RenderOptions
    from planmaker.workers import Pool

HELP = """批量生成文档：文件夹中（含子文件夹）所有 .yaml/.yml 文件，多个进程并行处理。

输出文件夹按输入文件夹的结构存放；给出多个输入时，各自放在“输出文件夹/输入文件夹名/”下。某个文件有错不影响其他文件，最后列出所有未能生成的文件及原因。

例：planmaker batch 各校计划/ -o 输出/

例：planmaker batch 城关小学/ 芦集中学/ -o 输出/ --jobs 4

例：planmaker batch 各校计划/ -o 输出/ --changed

例：planmaker batch 各校计划/ -o 输出/ --format pdf --timeout 120
"""


def batch_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="YAML 文件或文件夹（可写多个）。", metavar="文件或文件夹", show_default=False
        ),
    ],
    output: OutdirOpt,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, metavar="数字", help="同时使用的进程数；默认为本机 CPU 核数。"
        ),
    ] = None,
    changed: Annotated[
        bool,
        typer.Option("--changed", help="只处理比输出文件新的输入（改过的文件），其余跳过。"),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="秒数",
            min=0.1,
            help="每个文件最多处理多少秒；超时的文件停止处理并列为失败，其他文件照常生成。",
        ),
    ] = TIMEOUT_SECONDS,
    format: FormatOpt = None,
    template: TemplateOpt = None,
    reference_doc: ReferenceOpt = None,
    draft: DraftOpt = False,
) -> None:
    from planmaker.batch import worker_pool
    from planmaker.pipeline import RenderOptions, check_reference

    fmt = format or "docx"
    check_reference(reference_doc)
    opts = RenderOptions(fmt, template, reference_doc, shown_from=Path.cwd(), draft=draft)
    # the workers are forked before the files are listed, so they do not hold the list
    with worker_pool(opts, jobs or os.cpu_count() or 1, timeout) as pool:
        _batch(inputs, output, opts, changed, pool, timeout)


def _batch(
    inputs: list[Path], output: Path, opts: RenderOptions, changed: bool, pool: Pool, timeout: float
) -> None:
    import time

    from planmaker.batch import make_outdir, plan_tasks, run_tasks, unchanged
    from planmaker.cli import console
    from planmaker.errors import Problem

    left_out: list[Problem] = []
    try:
        tasks = plan_tasks(inputs, output, opts.format, left_out)
    finally:  # what the folders held besides inputs: said even when nothing is left
        console.show(left_out)
    skipped = 0
    if changed:
        todo = [t for t in tasks if not unchanged(t)]
        skipped = len(tasks) - len(todo)
        tasks = todo
    if skipped:
        console.tell("batch.skipped_unchanged", count=skipped)
    if not tasks:
        console.tell("batch.nothing_to_do")
        return
    make_outdir(output)
    workers = min(pool.size, len(tasks))
    console.tell("batch.start", count=len(tasks), workers=workers, output=output)
    started = time.monotonic()
    progress = _Progress(len(tasks))
    try:
        with progress:
            outcomes = run_tasks(
                tasks, opts, workers, progress.done, progress.tick, timeout, pool=pool
            )
    except KeyboardInterrupt:
        left = len(tasks) - progress.finished
        console.show(
            [Problem("batch.interrupted", params={"written": progress.written, "left": left})]
        )
        raise
    _finish(outcomes, time.monotonic() - started)


class _Progress:
    """A rich progress bar on a terminal, else one plain line per file."""

    def __init__(self, total: int) -> None:
        from planmaker.cli.console import err_console, words

        self.total = total
        self.finished = 0
        self.written = 0
        self._bar = None
        self._last_refresh = 0.0
        if err_console().is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            # Refreshed from this thread, not rich's own, so that a worker forked to
            # replace a crashed one never inherits a lock held by a refresh thread.
            self._bar = Progress(
                TextColumn(words("batch.progress"), markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}", markup=False),
                TextColumn(words("batch.elapsed"), markup=False),
                TimeElapsedColumn(),
                TextColumn(words("batch.remaining"), markup=False),
                TimeRemainingColumn(),
                console=err_console(),
                auto_refresh=False,
                transient=False,
            )
            self._task = self._bar.add_task("batch", total=total, rate="")

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.refresh()
            self._bar.stop()

    def done(self, outcome: Outcome) -> None:
        from planmaker.cli import console

        self.finished += 1
        self.written += outcome.ok
        if self._bar is None:
            if outcome.ok:
                console.tell(
                    "batch.line_written",
                    n=self.finished,
                    total=self.total,
                    output=outcome.task.output,
                )
            else:
                console.tell(
                    "batch.line_failed", n=self.finished, total=self.total, file=outcome.task.source
                )
            return
        self._bar.advance(self._task)
        self.tick()

    def tick(self) -> None:
        import time

        from planmaker.cli.console import words

        if self._bar is None:
            return
        now = time.monotonic()
        if now - self._last_refresh < 0.1 and self.finished < self.total:
            return
        self._last_refresh = now
        speed = self._bar.tasks[0].speed
        self._bar.update(self._task, rate=words("batch.rate", {"rate": speed}) if speed else "")
        self._bar.refresh()


def _finish(outcomes: list[Outcome], seconds: float) -> None:
    """The warnings once each, the failure table, the totals; PlanError if anything failed."""
    from collections import Counter

    from planmaker.cli import console
    from planmaker.cli.common import show_failures
    from planmaker.errors import PlanError

    warnings: dict[str, Problem] = {}  # the same warning met in several files is said once
    files: Counter[str] = Counter()
    for outcome in outcomes:
        met = {str(p): p for p in outcome.warnings}
        warnings.update((key, p) for key, p in met.items() if key not in warnings)
        files.update(met.keys())
    for key, problem in warnings.items():
        console.show([problem], files=files[key])
    failed = [o for o in outcomes if not o.ok]
    if failed:
        show_failures("batch.failures", [(o.task.source, o.problems) for o in failed])
    rate = len(outcomes) / seconds if seconds > 0 else 0.0
    totals = {
        "total": len(outcomes),
        "written": len(outcomes) - len(failed),
        "failed": len(failed),
        "seconds": seconds,
        "rate": rate,
    }
    if failed:
        raise PlanError("batch.failed", **totals)
    console.tell("batch.done", **totals)
