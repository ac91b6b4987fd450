"""``planmaker new``: write a ready-to-edit YAML for a term plan, a year plan or a summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from planmaker.model import Document
    from planmaker.scaffold import NewKind, NewRequest

HELP = """生成一份填好表头、待填写内容的 YAML：学期计划(semester)、年度计划(year) 或工作总结(summary)。

每一周（年度计划为每一月）都列出一条安排，注释里写明日期和节假日；“（请填写……）”处换成你的内容。
生成的文件不改也能通过 check、生成文档。在终端里运行时，缺少的选项会逐个询问。
文件名默认是自动组成的标题加 .yaml；已有同名文件时不会覆盖（要覆盖请加 --force）。

例：planmaker new semester --org 定边镇希望小学 --department 教务处 --school-year 2025-2026 --semester 2 --start 2026-03-02
例：planmaker new year --org 定边镇工会 --year 2026
例：planmaker new summary --org 运河实验小学 --department 工会 --school-year 2025-2026（学年总结，按月份安排）
例：planmaker new semester --from 上学期教务处工作计划.yaml --school-year 2026-2027 --semester 1 --start 2026-09-01
"""

OPTION_LABELS = {
    "org": "单位名称，如 定边镇希望小学",
    "department": "部门，如 教务处（可不填）",
    "school_year": "学年，如 2025-2026",
    "semester": "学期，1 或 2",
    "start": "开学日期，第一周的任意一天，如 2026-03-02",
    "weeks": "教学周数",
    "year": "年度，如 2026",
}
"""Each header option, as the prompt asks for it and a missing-option message names it."""

_EXAMPLES = {
    "semester": (
        "planmaker new semester --org 定边镇希望小学 --school-year 2025-2026"
        " --semester 2 --start 2026-03-02"
    ),
    "year": "planmaker new year --org 定边镇工会 --year 2026",
    "summary": "planmaker new summary --org 定边镇工会 --year 2025",
}


def new_command(
    kind: Annotated[
        str,
        typer.Argument(
            help="要生成的文件：semester（学期计划）、year（年度计划）或 summary（工作总结）。",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="写到哪个文件（或以 / 结尾的文件夹）；默认当前文件夹。"
        ),
    ] = None,
    org: Annotated[str | None, typer.Option("--org", help="单位名称。")] = None,
    department: Annotated[str | None, typer.Option("--department", help="部门（可选）。")] = None,
    school_year: Annotated[
        str | None,
        typer.Option(
            "--school-year",
            help="学年，如 2025-2026；总结(summary)和年度计划(year)不写学期时为学年的文件，按月份安排。",
        ),
    ] = None,
    semester: Annotated[str | None, typer.Option("--semester", help="学期：1 或 2。")] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="开学日期（第一周的任意一天），如 2026-03-02。")
    ] = None,
    weeks: Annotated[str | None, typer.Option("--weeks", help="教学周数，默认 20。")] = None,
    year: Annotated[
        str | None, typer.Option("--year", help="年度（年度计划、年度总结），如 2026。")
    ] = None,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="沿用上一期的文件：内容照搬，具体安排按新学期重排日期。",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="已有同名文件时覆盖它。")] = False,
) -> None:
    from planmaker.cli import console
    from planmaker.cli.messages import message
    from planmaker.errors import PlanError
    from planmaker.pipeline import load_file
    from planmaker.scaffold import NEW_KINDS, NewRequest, new_yaml

    new_kind = NEW_KINDS.get(kind.strip())
    if new_kind is None:
        console.error(message("new.unknown_kind", {"value": kind}))
        raise typer.Exit(2)
    previous = None
    if from_ is not None:
        try:
            previous = load_file(from_)
        except PlanError as err:
            raise err.in_file(str(from_)) from None
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
    target = target_path(output, Path(), scaffold.name)
    write_user_file(target, scaffold.text, force=force, protect=from_)
    for w in scaffold.warnings:
        console.warn(warning_text(w))
    console.say(f"已生成：{target}")
    verb = "生成总结" if header.kind == "summary" else "生成计划"
    console.say(
        f"下一步：编辑这个文件，把“（请填写……）”换成你的内容，再{verb}：planmaker render {target}"
    )


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

    from planmaker.cli import console, report_error
    from planmaker.errors import PlanError
    from planmaker.scaffold import header_document, missing_options, option_flag, suggest_period

    suggested = suggest_period(previous, request.kind) if previous is not None else {}
    while True:
        missing = missing_options(request)
        if missing and not interactive:
            _exit_missing(request.kind, missing)
        if missing:
            request = _ask(request, missing, suggested)
            continue
        try:
            return header_document(request)
        except PlanError as err:
            report_error(err)
            wrong = {
                name
                for name in OPTION_LABELS
                for p in err.problems
                if p.where.file == option_flag(name)
            }
            if not interactive or len(wrong) < len(err.problems):
                raise typer.Exit(2) from None
            console.say("请重新输入有误的选项。")
            request = replace(request, **{name: None for name in wrong})


def _exit_missing(kind: NewKind, missing: list[str]) -> NoReturn:
    """Name each missing option in Chinese, with an example; exit 2 (a wrong command line)."""
    from planmaker.cli import console
    from planmaker.cli.messages import message
    from planmaker.scaffold import option_flag

    names = [f"{option_flag(m)}（{OPTION_LABELS[m]}）" for m in missing]
    if kind == "summary" and "year" in missing:  # a term's three options, or the year
        names[-4:] = [
            "学期总结写 "
            + "、".join(names[-4:-1])
            + "；学年总结只写 --school-year；年度总结写 "
            + names[-1]
        ]
    elif kind == "year" and "year" in missing:
        names[-1] += "（学年计划则只写 --school-year，如 --school-year 2025-2026）"
    options = "、".join(names)
    console.error(message("new.missing_options", {"options": options, "example": _EXAMPLES[kind]}))
    raise typer.Exit(2)


def _ask(request: NewRequest, missing: list[str], suggested: dict[str, str]) -> NewRequest:
    """Prompt for each missing option (Chinese), with the period after ``--from``'s as default."""
    from dataclasses import replace

    if request.kind == "summary" and "year" in missing:
        answer = typer.prompt(
            "这是学期总结、年度总结还是学年总结？学期总结输入 1，年度总结输入 2，学年总结输入 3",
            default="1",
        )
        if answer.strip() == "2":
            missing = [m for m in missing if m not in ("school_year", "semester", "start")]
        elif answer.strip() == "3":
            missing = [m for m in missing if m not in ("semester", "start", "year")]
        else:
            missing = [m for m in missing if m != "year"]
    values = {}
    for name in missing:
        values[name] = typer.prompt(OPTION_LABELS[name], default=suggested.get(name))
    return replace(request, **values)


def target_path(output: str | None, folder: Path, name: str) -> Path:
    """``-o`` as a file, a folder (existing, or written with a trailing /), or the default."""
    if output is None:
        return folder / name
    if output.endswith(("/", "\\")) or os.path.isdir(output):
        return Path(output) / name
    return Path(output)


def write_user_file(target: Path, text: str, *, force: bool, protect: Path | None) -> None:
    """Write a file the user will edit: never over an existing one without ``force``.

    The ``planmaker.schema.json`` its modeline points at is written beside it when absent.
    """
    from planmaker.errors import Location, PlanError
    from planmaker.scaffold import SCHEMA_FILE
    from planmaker.schema import schema_text
    from planmaker.source import output_exists, write_atomic

    if not force and output_exists(target):
        raise PlanError("output.exists", Location(str(target)))
    write_atomic(target, text.encode("utf-8"), protect=protect)
    schema_file = target.parent / SCHEMA_FILE
    if not output_exists(schema_file):
        write_atomic(schema_file, schema_text().encode("utf-8"))


def warning_text(code: str) -> str:
    """A warning of ``new`` or ``summarize`` (``code`` or ``code:value``) in Chinese."""
    from planmaker.cli.messages import message

    name, _, value = code.partition(":")
    return message(name, {"year": value, "value": value})
