"""``planmaker import``: an existing plan or summary (Word or text) to planmaker's YAML.

One file: ``<stem>.yaml`` beside it (or ``-o``), never over an existing file without
``--force``. A folder: every file ``import`` reads, in its subfolders too, to the same
tree under ``-o`` (or beside each file); a YAML already there is kept unless ``--force``,
one file's failure does not stop the others, and a table lists the failures at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planmaker.cli.common import (
    CommandLineError,
    StartOpt,
    about,
    show_failures,
    write_user_file,
)

if TYPE_CHECKING:
    from planmaker.errors import Problem
    from planmaker.importer.blocks import Source
    from planmaker.importer.recognise import Given, Imported

HELP = """把已有的工作计划、工作总结（Word 文档或文本文件）转换成 planmaker 的 YAML 文件。

能读取 .docx、.txt、.md（文本文件的编码与 render 相同：UTF-8、UTF-16、GBK/GB18030）；装有 LibreOffice 时还能读取 .doc、.wps、.odt、.rtf（先转换成 .docx）。PDF 不能导入：请用 Word 或 WPS 打开原文档另存为 .docx。
认出标题、单位、时段、各级标题、具体安排（周次表格、第N周、月份安排）和落款；认不出的段落原样放进最近一部分的正文，并在 YAML 的注释中说明。标题里没有单位或时段、落款和日期里也找不到时，请用 --org、--school-year、--semester、--start、--year 补上。
默认写到原文件旁边的同名 .yaml；已有同名文件时不会覆盖（要覆盖请加 --force）。给出文件夹时导入其中（含子文件夹）所有能导入的文件，-o 给出的文件夹按原来的结构存放，已有的 YAML 跳过。

例：planmaker import 旧计划.docx

例：planmaker import 旧计划.docx -o 教务处工作计划.yaml --kind plan

例：planmaker import 去年的总结.txt --org 定边镇希望小学 --year 2025

例：planmaker import 各校计划/ -o 导入/
"""

_KINDS = {"plan": "plan", "summary": "summary", "计划": "plan", "工作计划": "plan"}
_KINDS |= {"总结": "summary", "工作总结": "summary"}
"""What ``--kind`` takes → the document kind."""


def import_command(
    input: Annotated[
        Path,
        typer.Argument(
            help="要导入的文件（.docx、.txt、.md、.doc、.wps、.odt、.rtf）或文件夹。",
            metavar="文件或文件夹",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="写到哪个 YAML 文件（- 为输出到屏幕）；导入文件夹时为输出文件夹。默认写在原文件旁边。",
            metavar="文件或文件夹",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="已有同名 YAML 文件时覆盖它。")] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="文档类型：plan（工作计划）或 summary（工作总结）；默认按标题判断。",
            metavar="类型",
            show_default=False,
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org", help="单位名称（文档中找不到时使用）。", metavar="名称", show_default=False
        ),
    ] = None,
    school_year: Annotated[
        str | None,
        typer.Option(
            "--school-year",
            help="学年，如 2025-2026（文档中找不到时使用）。",
            metavar="学年",
            show_default=False,
        ),
    ] = None,
    semester: Annotated[
        str | None,
        typer.Option("--semester", help="学期：1 或 2。", metavar="数字", show_default=False),
    ] = None,
    start: StartOpt = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help="年度（年度计划、年度总结），如 2026。",
            metavar="数字",
            show_default=False,
        ),
    ] = None,
) -> None:
    given = _given(kind, org, school_year, semester, start, year)
    if input.is_dir():
        _import_folder(input, output, force=force, given=given)
    else:
        _import_file(input, output, force=force, given=given)


def _given(
    kind: str | None,
    org: str | None,
    school_year: str | None,
    semester: str | None,
    start: str | None,
    year: str | None,
) -> Given:
    """The options as the recogniser takes them, each read as its YAML key reads it;
    every wrong one is a command-line error (exit 2)."""
    from planmaker.errors import Location, PlanError
    from planmaker.importer.recognise import Given
    from planmaker.model import Document, Period
    from planmaker.request import option_value

    problems: list[Problem] = []
    values: dict[str, object] = {}
    if kind is not None and kind.strip() not in _KINDS:
        problems += PlanError("import.unknown_kind", Location("--kind"), value=kind).problems
    for name, model, text in (
        ("org", Document, org),
        ("school_year", Period, school_year),
        ("semester", Period, semester),
        ("start", Period, start),
        ("year", Period, year),
    ):
        if text is None:
            continue
        try:
            values[name] = option_value(model, name, text)
        except PlanError as err:
            problems += err.problems
    if not problems and "year" in values and {"school_year", "semester", "start"} & set(values):
        problems += PlanError("period.mixed", Location("planmaker import")).problems
    if problems:
        raise CommandLineError.of(problems)
    first_last = values.get("school_year")
    return Given(
        kind=_KINDS[kind.strip()] if kind is not None else None,
        org=values.get("org"),  # type: ignore[arg-type]
        school_year=f"{first_last[0]}-{first_last[1]}" if first_last else None,  # type: ignore[index]
        semester=values.get("semester"),  # type: ignore[arg-type]
        start=values.get("start"),  # type: ignore[arg-type]
        year=values.get("year"),  # type: ignore[arg-type]
    )


def _import_file(input: Path, output: str | None, *, force: bool, given: Given) -> None:
    from planmaker.cli import console
    from planmaker.errors import Location, PlanError
    from planmaker.importer.read import check_suffix
    from planmaker.intake import reach_problem
    from planmaker.output import output_exists, output_target

    missing = reach_problem(input)
    if missing is not None:  # a name typed wrong is said as such, whatever its suffix
        raise PlanError.of([missing])
    check_suffix(input)  # a PDF or a YAML is said as such, before the output is looked at
    if output == "-":  # the YAML to standard output, as render -o - does
        source, imported = _imported(input, given)
        _tell(input, source, imported)
        console.write_stdout(imported.yaml_text.encode("utf-8"))
        return
    target = output_target(output, input.parent, input.stem + ".yaml")
    if not force and output_exists(target):  # said before the work, not after
        raise PlanError("output.exists", Location(str(target)))
    source, imported = _imported(input, given)
    _tell(input, source, imported)
    schema_file = write_user_file(target, imported.yaml_text, force=force, protect=input)
    console.tell("cli.written", file=target)
    if schema_file is not None:
        console.tell("new.schema_written", file=schema_file)
    console.tell("import.next_step", file=target)


def _imported(input: Path, given: Given) -> tuple[Source, Imported]:
    """The file read and recognised; its problems located at it."""
    from planmaker.importer.read import read_document
    from planmaker.importer.recognise import import_source

    with about(input):
        source = read_document(input)
        return source, import_source(source, given)


def _tell(input: Path, source: Source, imported: Imported) -> None:
    """What was done to the file and what was recognised in it; its warnings."""
    from planmaker.cli import console

    for note in source.notes:
        console.tell(note)
    counts = {
        "file": input,
        "title": imported.title,
        "sections": imported.sections,
        "entries": imported.entries,
    }
    if imported.signature:
        console.tell("import.found", signature=imported.signature, **counts)
    else:
        console.tell("import.found_unsigned", **counts)
    for line in imported.plain:
        console.tell("import.plain", detail=line)
    console.show(imported.warnings, file=input)


def _import_folder(folder: Path, output: str | None, *, force: bool, given: Given) -> None:
    from planmaker.cli import console
    from planmaker.errors import Location, PlanError
    from planmaker.folders import input_files
    from planmaker.importer.read import IMPORT_SUFFIXES

    left_out: list[Problem] = []
    others: list[Path] = []
    files = input_files(folder, left_out, IMPORT_SUFFIXES, others)
    others = [p for p in others if not _made_by_import(p)]
    console.show(left_out)
    if not files:
        raise PlanError("import.no_inputs", Location(str(folder)))
    root = Path(output) if output is not None else folder
    console.tell("import.start", count=len(files), output=root)
    targets: dict[Path, Path] = {}
    failed: list[tuple[Path, list[Problem]]] = []
    kept = 0
    for n, file in enumerate(files, 1):
        target = root / file.relative_to(folder).with_suffix(".yaml")
        place = {"n": n, "total": len(files)}
        try:
            if target in targets:
                where = Location(str(file))
                raise PlanError("import.output_clash", where, other=targets[target], output=target)
            targets[target] = file
            if _kept(target, force):
                console.tell("import.line_kept", output=target, **place)
                kept += 1
                continue
            _import_one(file, target, given, place)
        except PlanError as err:
            console.tell("import.line_failed", file=file, **place)
            failed.append((file, err.problems))
    if failed:
        show_failures("import.failures", failed)
    totals = {
        "total": len(files),
        "written": len(files) - kept - len(failed),
        "kept": kept,
        "failed": len(failed),
        "others": len(others),
    }
    pdfs = [p.name for p in others if p.suffix.lower() == ".pdf"]
    if pdfs:
        examples = "、".join(pdfs[:3]) + ("等" if len(pdfs) > 3 else "")
        console.tell("import.others_pdf", count=len(pdfs), examples=examples)
    if failed:
        raise PlanError("import.failed", **totals)
    console.tell("import.done", **totals)


def _made_by_import(path: Path) -> bool:
    """A YAML (an earlier import's) or the schema beside it: not a file left unread."""
    from planmaker.schema import SCHEMA_FILE

    return path.suffix.lower() in (".yaml", ".yml") or path.name == SCHEMA_FILE


def _kept(target: Path, force: bool) -> bool:
    from planmaker.output import output_exists

    return not force and output_exists(target)


def _import_one(file: Path, target: Path, given: Given, place: dict[str, int]) -> None:
    """Import ``file`` to ``target`` in a folder run; an unexpected fault fails this file."""
    from planmaker.cli import console
    from planmaker.errors import Location, PlanError

    try:
        source, imported = _imported(file, given)
        write_user_file(target, imported.yaml_text, force=True, protect=file)
    except (PlanError, KeyboardInterrupt):
        raise
    except Exception as err:
        if console.state.debug:
            raise
        detail = f"{type(err).__name__}: {err}"
        raise PlanError("import.internal", Location(str(file)), detail=detail) from None
    console.tell("import.line_written", file=file, output=target, **place)
    _tell(file, source, imported)
