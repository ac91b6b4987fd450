"""``planmaker check``: validate without writing anything."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from planmaker.errors import Problem

HELP = """检查 YAML 文件是否写对，不生成文档。每个问题都会列出文件、行号、列号和改法。

例：planmaker check 教务处工作计划.yaml
例：planmaker check 计划/*.yaml
"""


def check_command(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help="要检查的 YAML 文件（可写多个）。", show_default=False, metavar="文件..."
        ),
    ],
) -> None:
    from planmaker.cli import console
    from planmaker.errors import PlanError

    failed = 0
    for plan in plans:
        problems, warnings = _check(plan)
        console.show(problems)
        if problems:
            failed += 1
            continue
        console.show(warnings, file=plan)
        console.tell("check.ok", file=plan)
    if failed:
        raise PlanError("check.failed", count=failed)


def _check(plan: Path) -> tuple[list[Problem], list[Problem]]:
    """The problems of one file (none when it is right) and its warnings.

    Whatever goes wrong with one file stays with it, so that ``check`` goes on to the
    next: an unexpected error inside planmaker becomes a ``check.internal`` problem
    (with its traceback first under ``--debug``).
    """
    from datetime import date

    from planmaker import unfilled
    from planmaker.cli.console import state
    from planmaker.errors import Location, PlanError, Problem
    from planmaker.pipeline import document_markdown
    from planmaker.source import read_source

    try:
        read = unfilled.read_document(read_source(plan), strict=True)
        _, warnings, _ = document_markdown(read.doc, base=plan.parent, shown_from=Path.cwd())
        warnings = [
            *read.warnings,
            *warnings,
            *unfilled.missing_date(read.doc, read.loaded, date.today()),
        ]
    except PlanError as err:
        return err.in_file(str(plan)).problems, []
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as err:
        if state.debug:
            import traceback

            traceback.print_exc()
        detail = f"{type(err).__name__}: {err}"
        return [Problem("check.internal", Location(str(plan)), {"detail": detail})], []
    return [], list(warnings)
