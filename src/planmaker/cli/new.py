"""``planmaker new``: write a ready-to-edit YAML for a term plan, a year plan or a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planmaker.cli.common import StartOpt, WeeksOpt

if TYPE_CHECKING:
    from planmaker.model import Document
    from planmaker.request import NewRequest

HELP = """生成一份填好表头、待填写内容的 YAML：学期计划(semester)、年度计划(year) 或工作总结(summary)。

每一周（年度计划为每一月）都列出一条安排，注释里写明日期和节假日；“（请填写……）”处换成你的内容。
生成的文件不改也能通过 check、生成文档。在终端里运行时，缺少的选项会逐个询问。
文件名默认是自动组成的标题加 .yaml；已有同名文件时不会覆盖（要覆盖请加 --force）。

例：planmaker new semester --org 定边镇希望小学 --department 教务处 --school-year 2025-2026 --semester 2 --start 2026-03-02
例：planmaker new year --org 定边镇工会 --year 2026
例：planmaker new summary --org 运河实验小学 --department 工会 --school-year 2025-2026（学年总结，按月份安排）
例：planmaker new semester --from 上学期教务处工作计划.yaml --school-year 2026-2027 --semester 1 --start 2026-09-01
"""


def new_command(
    kind: Annotated[
        str,
        typer.Argument(
            help="要生成的文件：semester（学期计划）、year（年度计划）或 summary（工作总结）。",
            show_default=False,
            metavar="种类",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="文件",
            help="写到哪个文件（或以 / 结尾的文件夹）；默认当前文件夹。",
        ),
    ] = None,
    org: Annotated[str | None, typer.Option("--org", metavar="单位", help="单位名称。")] = None,
    department: Annotated[
        str | None, typer.Option("--department", metavar="部门", help="部门（可选）。")
    ] = None,
    school_year: Annotated[
        str | None,
        typer.Option(
            "--school-year",
            metavar="学年",
            help="学年，如 2025-2026；总结(summary)和年度计划(year)不写学期时为学年的文件，按月份安排。",
        ),
    ] = None,
    semester: Annotated[
        str | None, typer.Option("--semester", metavar="学期", help="学期：1 或 2。")
    ] = None,
    start: StartOpt = None,
    weeks: WeeksOpt = None,
    year: Annotated[
        str | None,
        typer.Option("--year", metavar="年份", help="年度（年度计划、年度总结），如 2026。"),
    ] = None,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="文件",
            help="沿用上一期的文件：内容照搬，具体安排按新学期重排日期。",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="已有同名文件时覆盖它。")] = False,
) -> None:
    from planmaker.cli import console
    from planmaker.cli.common import CommandLineError, about, write_user_file
    from planmaker.drafts import new_yaml
    from planmaker.output import output_target
    from planmaker.pipeline import load_file
    from planmaker.request import NEW_KINDS, NewRequest

    new_kind = NEW_KINDS.get(kind.strip())
    if new_kind is None:
        raise CommandLineError("new.unknown_kind", value=kind)
    previous = None
    if from_ is not None:
        with about(from_):
            previous = load_file(from_)
    request = NewRequest(
        new_kind,
        org=org,
        department=department,
        school_year=school_year,
        semester=semester,
        start=start,
        weeks=weeks,
        year=year,
    )
    if previous is not None:
        request = _with_previous(request, previous)
    interactive = sys.stdin is not None and sys.stdin.isatty()
    header = _header(request, previous, interactive)
    scaffold = new_yaml(header, previous)
    target = output_target(output, Path(), scaffold.name)
    schema_file = write_user_file(target, scaffold.text, force=force, protect=from_)
    console.show(scaffold.warnings)
    console.tell("cli.written", file=target)
    if schema_file is not None:
        console.tell("new.schema_written", file=schema_file)
    next_step = "new.next_summary" if header.kind == "summary" else "new.next_plan"
    console.tell(next_step, file=target)


def _with_previous(request: NewRequest, previous: Document) -> NewRequest:
    """Org, department and weeks default to the previous document's."""
    from dataclasses import replace

    p = previous.period
    return replace(
        request,
        org=request.org if request.given("org") else previous.org,
        department=request.department if request.given("department") else previous.department,
        weeks=request.weeks if request.given("weeks") or not p.is_term else str(p.weeks),
    )


def _header(request: NewRequest, previous: Document | None, interactive: bool) -> Document:
    """The validated header; asks for what is missing or wrong in a terminal, else exit 2."""
    from dataclasses import replace

    from planmaker.cli import console
    from planmaker.cli.common import CommandLineError
    from planmaker.errors import PlanError
    from planmaker.request import header_document, missing_options, option_flag, suggest_period

    suggested = suggest_period(previous, request.kind) if previous is not None else {}
    while True:
        missing = missing_options(request)
        if missing and not interactive:
            options = [option_flag(m) for m in missing]
            raise CommandLineError("new.missing_options", options=options, kind=request.kind)
        if missing:
            request = _ask(request, missing, suggested)
            continue
        try:
            return header_document(request)
        except PlanError as err:  # asked again in a terminal, so caught here
            wrong = {
                name for name in _OPTIONS for p in err.problems if p.where.file == option_flag(name)
            }
            if not interactive or len(wrong) < len(err.problems):
                raise CommandLineError.of(err.problems) from None
            console.show(err.problems)
            console.tell("new.ask_again")
            request = replace(request, **{name: None for name in wrong})


_OPTIONS = ("org", "department", "school_year", "semester", "start", "weeks", "year")
"""The header options of ``new``, by field name."""


def _ask(request: NewRequest, missing: list[str], suggested: dict[str, str]) -> NewRequest:
    """Prompt for each missing option (Chinese), with the period after ``--from``'s as default."""
    from dataclasses import replace

    from planmaker.cli import console
    from planmaker.cli.messages import OPTION_LABELS
    from planmaker.request import option_flag

    if request.kind == "summary" and "year" in missing:
        answer = typer.prompt(console.words("new.ask_summary_kind"), default="1")
        if answer.strip() == "2":
            missing = [m for m in missing if m not in ("school_year", "semester", "start")]
        elif answer.strip() == "3":
            missing = [m for m in missing if m not in ("semester", "start", "year")]
        else:
            missing = [m for m in missing if m != "year"]
    values = {}
    for name in missing:
        values[name] = typer.prompt(OPTION_LABELS[option_flag(name)], default=suggested.get(name))
    return replace(request, **values)
