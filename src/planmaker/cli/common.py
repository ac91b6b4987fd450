"""What the commands share: options taken alike, files a user edits, and how a command
says that its command line is wrong.

Commands import this module (and ``console``); nothing here imports a command or the
application, so the commands and ``cli/app.py`` stay one-way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from planmaker.errors import PlanError, Problem


class CommandLineError(PlanError):
    """A wrong command line (an option missing, or a value it cannot take).

    The one way a command asks for exit code 2: ``cli.run`` prints its problems like
    any other and exits 2 instead of 1.
    """


@contextmanager
def reading_options() -> Iterator[None]:
    """A PlanError raised inside is about an option's value: a :class:`CommandLineError`."""
    try:
        yield
    except PlanError as err:
        raise CommandLineError.of(err.problems) from None


@contextmanager
def about(path: str | os.PathLike[str]) -> Iterator[None]:
    """A problem raised inside with no file is about ``path``."""
    try:
        yield
    except PlanError as err:
        raise err.in_file(os.fspath(path)) from None


def format_name(value: str | None) -> str | None:
    """``--format`` as its name, whatever its case (``PDF``, ``Docx``); an unknown one is refused."""
    from planmaker.pipeline import FORMATS

    if value is None:
        return None
    name = value.strip().lower()
    if name not in FORMATS:
        raise PlanError("output.unknown_format", format=value)
    return name


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="格式",
        help="输出格式：docx（默认）、pdf、md、txt（大小写均可）。",
        show_default=False,
        callback=format_name,
    ),
]
TemplateOpt = Annotated[
    str | None,
    typer.Option(
        "--template",
        "-t",
        metavar="模板",
        help="模板：内置模板名（plan、summary、report）或模板文件路径。",
    ),
]
ReferenceOpt = Annotated[
    Path | None,
    typer.Option(
        "--reference-doc",
        metavar="文件",
        help="本单位的 Word 文档，从中取样式、页面设置和页眉页脚（红头）。",
    ),
]
OutdirOpt = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        metavar="文件夹",
        help="输出文件夹（不存在会自动创建）。",
        show_default=False,
    ),
]
StartOpt = Annotated[
    str | None,
    typer.Option("--start", metavar="日期", help="开学日期（第一周的任意一天），如 2026-03-02。"),
]
WeeksOpt = Annotated[
    str | None, typer.Option("--weeks", metavar="周数", help="教学周数，默认 20。")
]
DraftOpt = Annotated[
    bool,
    typer.Option(
        "--draft",
        help="草稿：文件中还有没填写的占位文字（“（请填写……）”）也照样生成，并逐处提醒。",
    ),
]


def write_user_file(target: Path, text: str, *, force: bool, protect: Path | None) -> Path | None:
    """Write a file the user will edit: never over an existing one without ``force``.

    The ``planmaker.schema.json`` its modeline points at is written beside it when
    absent; its path is returned then (None when it was already there).
    """
    from planmaker.errors import Location
    from planmaker.output import output_exists, write_atomic
    from planmaker.schema import SCHEMA_FILE, schema_text

    if not force and output_exists(target):
        raise PlanError("output.exists", Location(str(target)))
    write_atomic(target, text.encode("utf-8"), protect=protect)
    schema_file = target.parent / SCHEMA_FILE
    if output_exists(schema_file):
        return None
    write_atomic(schema_file, schema_text().encode("utf-8"))
    return schema_file


def show_failures(
    title_code: str, failed: Iterable[tuple[str | os.PathLike[str], Sequence[Problem]]]
) -> None:
    """The table of the files a folder run could not do: each file, its problems and what
    to do (``batch``, ``import``), under the heading of ``title_code``."""
    from rich.table import Table

    from planmaker.cli import console
    from planmaker.cli.messages import quoted

    table = Table(title=console.words(title_code), show_lines=True, title_justify="left")
    table.add_column(console.words("batch.column_file"), overflow="fold")
    table.add_column(console.words("batch.column_problems"), overflow="fold")
    for file, problems in failed:
        shown = quoted(os.fspath(file), None)  # a name stays on its line
        table.add_row(shown, "\n".join(map(console.described, problems)))
    console.err_console().print(table)
