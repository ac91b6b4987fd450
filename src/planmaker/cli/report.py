"""``planmaker report``: each unit's 年度工作总结 / 学年工作总结, as YAML and as a document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planmaker.cli.common import DraftOpt, FormatOpt, OutdirOpt, ReferenceOpt, TemplateOpt

if TYPE_CHECKING:
    from datetime import date

    from planmaker.report import Collected, ReportPeriod

HELP = """汇总各单位的工作计划和工作总结，为每个单位写出年度工作总结（或学年工作总结）。

在输入的文件和文件夹（含子文件夹）中找出该时段的计划和总结，按单位（org）分组，每个单位生成一份可修改的 YAML 和由它生成的文档：输出文件夹/<单位>2026年度工作总结.yaml 和 .docx。

已有的 YAML 不会被覆盖（除非加 --force）；文档总是按 YAML 现在的内容生成，改过的内容不会丢。

例：planmaker report 各校计划/ --year 2026 -o 年度总结/

例：planmaker report 各校计划/ --school-year 2025-2026 -o 学年总结/ --date 2026-07-15

还有占位文字（“（请填写……）”）没有填写的文件不计入总结，除非加 --draft。
"""


def report_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="计划和总结的 YAML 文件或文件夹（可写多个）。",
            metavar="文件或文件夹",
            show_default=False,
        ),
    ],
    output: OutdirOpt,
    year: Annotated[
        str | None,
        typer.Option(
            "--year", metavar="年份", help="汇总的自然年，如 2026（与 --school-year 二选一）。"
        ),
    ] = None,
    school_year: Annotated[
        str | None,
        typer.Option(
            "--school-year", metavar="学年", help="汇总的学年，如 2025-2026（与 --year 二选一）。"
        ),
    ] = None,
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="日期", help="成文日期，如 2026-12-31；默认今天。", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="重新生成已有的 YAML（会丢掉对它的修改）。"),
    ] = False,
    format: FormatOpt = None,
    template: TemplateOpt = None,
    reference_doc: ReferenceOpt = None,
    draft: DraftOpt = False,
) -> None:
    from planmaker.batch import find_inputs, make_outdir
    from planmaker.cli import console
    from planmaker.errors import Location, PlanError, Problem
    from planmaker.pipeline import RenderOptions, check_reference
    from planmaker.report import check_names, collect, load_documents, run_inputs, write_report

    period = _period(year, school_year)
    today = _date(date_text)
    fmt = format or "docx"
    check_reference(reference_doc)
    left_out: list[Problem] = []
    files = [file for file, _ in find_inputs(inputs, left_out)]
    console.show(left_out)
    try:
        found = load_documents(files)
    except PlanError as err:  # every bad input is listed, then why nothing was written
        bad = len({p.where.file for p in err.problems})
        summary = Problem("report.inputs_invalid", params={"count": bad})
        raise PlanError.of([*err.problems, summary]) from None
    collected = collect(found, period, today, draft=draft)
    _tell_not_counted(collected, period)
    if not collected.units:
        raise PlanError(
            "report.nothing_in_period",
            Location(", ".join(map(str, inputs))),
            period=period.label,
        )
    check_names(collected.units)
    console.show(collected.notices)
    make_outdir(output)
    opts = RenderOptions(
        fmt, template, reference_doc, today=today, shown_from=Path.cwd(), draft=draft
    )
    protected = run_inputs(collected, opts)
    failed = 0
    for unit in collected.units:
        written = write_report(unit, output, force=force, opts=opts, inputs=protected)
        if written.kept:
            console.tell("report.kept", file=written.yaml_path)
        elif written.yaml_written:
            console.tell("report.yaml_written", file=written.yaml_path, count=len(unit.sources))
        if written.problems:
            failed += 1
            console.show(written.problems)
            continue
        console.show(written.warnings, file=written.yaml_path)
        console.tell("cli.written", file=written.output)
    if failed:
        raise PlanError("report.failed", count=failed)


def _period(year: str | None, school_year: str | None) -> ReportPeriod:
    """The period from ``--year`` or ``--school-year``; a wrong command line exits 2."""
    from planmaker import values
    from planmaker.cli.common import CommandLineError
    from planmaker.errors import Location
    from planmaker.report import ReportPeriod

    if (year is None) == (school_year is None):
        raise CommandLineError("report.period_choice")
    if year is not None:
        text = year.strip()
        if not (text.isdigit() and len(text) == 4):
            raise CommandLineError("value.year", Location("--year"), value=year)
        return ReportPeriod(year=int(text))
    assert school_year is not None
    try:
        return ReportPeriod(school_year=values.parse_school_year(school_year))
    except ValueError as err:
        code = "value.school_year_range" if str(err) == "range" else "value.school_year"
        raise CommandLineError(code, Location("--school-year"), value=school_year) from None


def _date(text: str | None) -> date:
    """``--date`` (any form a YAML date takes), else today; a wrong value exits 2."""
    from datetime import date

    from planmaker import values
    from planmaker.cli.common import CommandLineError
    from planmaker.errors import Location

    if text is None:
        return date.today()
    try:
        return values.parse_date(text)
    except ValueError as err:
        code = "value.date_range" if str(err) == "range" else "value.date"
        raise CommandLineError(code, Location("--date"), value=text) from None


def _tell_not_counted(collected: Collected, period: ReportPeriod) -> None:
    """Say which units had nothing in the period and which documents were left out."""
    from planmaker.cli import console

    if collected.idle_units:
        console.tell("report.idle_units", units="、".join(collected.idle_units))
    if collected.not_counted:
        code = "report.not_counted" if period.school_year is not None else "report.not_counted_year"
        console.tell(code, files=collected.not_counted)
    console.show(collected.unfilled)
    if collected.skipped_reports:
        console.tell("report.skipped_reports", count=len(collected.skipped_reports))
