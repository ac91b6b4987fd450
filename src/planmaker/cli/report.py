"""``planmaker report``: each unit's 年度工作总结 / 学年工作总结, as YAML and as a document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planmaker.cli.render import FormatOpt, ReferenceOpt, TemplateOpt

if TYPE_CHECKING:
    from datetime import date

    from planmaker.report import Collected, ReportPeriod

HELP = """汇总各单位的工作计划和工作总结，为每个单位写出年度工作总结（或学年工作总结）。

在输入的文件和文件夹（含子文件夹）中找出该时段的计划和总结，按单位（org）分组，每个单位生成一份可修改的 YAML 和由它生成的文档：输出文件夹/<单位>2026年度工作总结.yaml 和 .docx。

已有的 YAML 不会被覆盖（除非加 --force）；文档总是按 YAML 现在的内容生成，改过的内容不会丢。

例：planmaker report 各校计划/ --year 2026 -o 年度总结/

例：planmaker report 各校计划/ --school-year 2025-2026 -o 学年总结/ --date 2026-07-15
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
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="输出文件夹（不存在会自动创建）。", show_default=False),
    ],
    year: Annotated[
        str | None,
        typer.Option("--year", help="汇总的自然年，如 2026（与 --school-year 二选一）。"),
    ] = None,
    school_year: Annotated[
        str | None,
        typer.Option("--school-year", help="汇总的学年，如 2025-2026（与 --year 二选一）。"),
    ] = None,
    date_text: Annotated[
        str | None,
        typer.Option("--date", help="成文日期，如 2026-12-31；默认今天。", show_default=False),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="重新生成已有的 YAML（会丢掉对它的修改）。"),
    ] = False,
    format: FormatOpt = None,
    template: TemplateOpt = None,
    reference_doc: ReferenceOpt = None,
) -> None:
    from planmaker.batch import find_inputs, make_outdir
    from planmaker.cli import console, report_error
    from planmaker.cli.messages import describe, message
    from planmaker.errors import Location, PlanError, Problem
    from planmaker.pipeline import FORMATS, RenderOptions, check_reference
    from planmaker.report import check_names, collect, load_documents, run_inputs, write_report

    period = _period(year, school_year)
    today = _date(date_text)
    fmt = format or "docx"
    if fmt not in FORMATS:
        raise PlanError("output.unknown_format", format=fmt)
    check_reference(reference_doc)
    left_out: list[Problem] = []
    files = [file for file, _ in find_inputs(inputs, left_out)]
    for problem in left_out:
        say = console.say if problem.code == "walk.not_yaml" else console.warn
        say(describe(problem))
    try:
        found = load_documents(files)
    except PlanError as err:
        report_error(err)
        bad = len({p.where.file for p in err.problems})
        console.error(message("report.inputs_invalid", {"count": bad}))
        raise typer.Exit(1) from None
    collected = collect(found, period, today)
    _tell_not_counted(collected, period)
    if not collected.units:
        raise PlanError(
            "report.nothing_in_period",
            Location(", ".join(map(str, inputs))),
            period=period.label,
        )
    check_names(collected.units)
    for notice in collected.notices:
        console.warn(describe(notice))
    make_outdir(output)
    opts = RenderOptions(fmt, template, reference_doc, today=today)
    protected = run_inputs(collected, opts)
    failed = 0
    for unit in collected.units:
        written = write_report(unit, output, force=force, opts=opts, inputs=protected)
        if written.kept:
            console.say(
                f"保留了已有的 {written.yaml_path}（不覆盖其中的修改；要按现在的计划和总结"
                "重新生成，请加 --force）。"
            )
        elif written.yaml_written:
            console.say(f"已写出：{written.yaml_path}（{len(unit.sources)} 份计划和总结）")
        if written.problems:
            failed += 1
            report_error(PlanError.of(written.problems))
            continue
        for w in dict.fromkeys(written.warnings):
            from planmaker.cli.messages import warning

            console.warn(f"{written.yaml_path}: {warning(w)}")
        console.say(f"已生成：{written.output}")
    if failed:
        console.error(f"{failed} 个单位的总结没有生成文档，请按上面的提示修改 YAML 后重新运行。")
        raise typer.Exit(1)


def _period(year: str | None, school_year: str | None) -> ReportPeriod:
    """The period from ``--year`` or ``--school-year``; a wrong command line exits 2."""
    from planmaker import numbering
    from planmaker.cli.messages import message
    from planmaker.report import ReportPeriod

    if (year is None) == (school_year is None):
        from planmaker.cli.app import click_exceptions

        usage_error = click_exceptions()[0]
        raise usage_error(message("report.period_choice", {}))
    if year is not None:
        text = year.strip()
        if not (text.isdigit() and len(text) == 4):
            raise typer.BadParameter(message("value.year", {"value": year}), param_hint="--year")
        return ReportPeriod(year=int(text))
    assert school_year is not None
    try:
        return ReportPeriod(school_year=numbering.parse_school_year(school_year))
    except ValueError as err:
        code = "value.school_year_range" if str(err) == "range" else "value.school_year"
        raise typer.BadParameter(
            message(code, {"value": school_year}), param_hint="--school-year"
        ) from None


def _date(text: str | None) -> date:
    """``--date`` (any form a YAML date takes), else today; a wrong value exits 2."""
    from datetime import date

    from planmaker import numbering
    from planmaker.cli.messages import message

    if text is None:
        return date.today()
    try:
        return numbering.parse_date(text)
    except ValueError as err:
        code = "value.date_range" if str(err) == "range" else "value.date"
        raise typer.BadParameter(message(code, {"value": text}), param_hint="--date") from None


def _tell_not_counted(collected: Collected, period: ReportPeriod) -> None:
    """Say which units had nothing in the period and which documents were left out."""
    from planmaker.cli import console

    if collected.idle_units:
        console.say(
            "以下单位在这个时段没有工作计划或工作总结，没有生成总结："
            + "、".join(collected.idle_units)
        )
    if collected.not_counted:
        console.say(
            "以下年度计划或总结按自然年编写，没有计入学年总结："
            if period.school_year is not None
            else "以下计划或总结按学年（9 月到次年 8 月）编写，没有计入年度总结："
        )
        for path in collected.not_counted:
            console.say(f"  {path}")
    if collected.skipped_reports:
        console.say(
            f"跳过了 {len(collected.skipped_reports)} 份年度（学年）工作总结 YAML，"
            "它们不作为汇总的依据。"
        )
