"""One file of a batch: the task (an input and its output), what became of it, and
rendering it, which is what a worker process runs (:mod:`planmaker.workers`).

A task is rendered through :func:`planmaker.pipeline.render_file` — the path ``render``
takes — and written by :func:`planmaker.output.write_atomic`. Every failure becomes
the outcome's problems, so one bad file never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planmaker.errors import Location, PlanError, Problem

if TYPE_CHECKING:
    from planmaker.pipeline import RenderOptions


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
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def render_task(task: Task, opts: RenderOptions) -> Outcome:
    """Render one task and write its output; every failure becomes the outcome's problems."""
    from planmaker.output import write_atomic
    from planmaker.pipeline import render_file

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


def remove_temporaries(tasks: Iterable[Task]) -> None:
    """Delete what dead processes left half-written in the tasks' output folders."""
    from planmaker.output import remove_stale_temporaries

    for folder in {t.output.parent for t in tasks}:
        remove_stale_temporaries(folder)
