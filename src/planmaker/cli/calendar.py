"""``planmaker calendar``: the term's weeks (or the year's months) with their holidays."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planmaker.cli.common import StartOpt, WeeksOpt

if TYPE_CHECKING:
    from planmaker.calendar import CalendarRow

HELP = """在屏幕上列出本学期的周次表：第几周、日期、法定节假日和调休上班日。

给出开学日期（第一周的任意一天）和周数，或一份计划的 YAML 文件（会算上其中 holidays、workdays 写的日子）。
年度可用 --year 列出十二个月。

例：planmaker calendar --start 2026-03-02 --weeks 20
例：planmaker calendar 教务处工作计划.yaml
例：planmaker calendar --year 2026
"""


def calendar_command(
    plan: Annotated[
        Path | None,
        typer.Argument(
            help="计划或总结的 YAML 文件（可不写，改用 --start）。",
            show_default=False,
            metavar="文件",
        ),
    ] = None,
    start: StartOpt = None,
    weeks: WeeksOpt = None,
    year: Annotated[
        str | None, typer.Option("--year", metavar="年份", help="列出这一年的十二个月，如 2026。")
    ] = None,
) -> None:
    from planmaker import calendar, numbering
    from planmaker.cli import console
    from planmaker.cli.common import CommandLineError, about, reading_options
    from planmaker.errors import Location, PlanError
    from planmaker.model import Period
    from planmaker.pipeline import load_file
    from planmaker.request import option_value

    if plan is not None:
        from planmaker.context import period_text

        with about(plan):
            doc = load_file(plan)
        if doc.period.is_term and doc.period.start is None:
            raise PlanError("calendar.no_start", Location(str(plan)))
        rows, warnings = calendar.period_rows(doc)
        by_month = not doc.period.is_term
        title_code = "calendar.title_months" if by_month else "calendar.title_weeks"
        title = console.words(title_code, {"unit": doc.org, "period": period_text(doc)})
        first = doc.period.start
    elif start is not None or year is not None:
        with reading_options():
            if start is not None:
                first = option_value(Period, "start", start)
                count = option_value(Period, "weeks", weeks or "20")
            else:
                number = option_value(Period, "year", year or "")
        if start is not None:
            rows, warnings = calendar.term_weeks(first, count)
            by_month = False
            monday = numbering.format_date(calendar.monday_of(first))
            title = console.words("calendar.title_from", {"date": monday, "count": count})
        else:
            rows, warnings = calendar.year_months(number)
            by_month, first = True, None
            title = console.words("calendar.title_year", {"year": number})
    else:
        raise CommandLineError("calendar.no_period")

    if first is not None and first.weekday():
        monday = calendar.monday_of(first)
        console.tell(
            "calendar.start_moved",
            date=numbering.format_date(first),
            weekday=first.weekday(),
            monday=numbering.format_month_day(monday),
        )
    console.show(warnings)
    console.out_console().print(_table(title, rows, by_month))


def _table(title: str, rows: list[CalendarRow], by_month: bool):  # -> rich.table.Table
    from rich.table import Table

    from planmaker.cli.console import words

    table = Table(title=title, show_lines=False)
    table.add_column(
        words("calendar.column_month" if by_month else "calendar.column_week"), no_wrap=True
    )
    table.add_column(words("calendar.column_dates"), no_wrap=True)
    table.add_column(words("calendar.column_events"))
    for row in rows:
        table.add_row(
            row.label, row.dates, "\n".join(row.events), style="bold" if row.events else None
        )
    return table
