"""Term weeks and the holidays that fall in them, and the week (or month) tables they make.

A term's week N runs Monday to Sunday, starting 7(N−1) days after the Monday of the
week its first day falls in (docs/yaml.md §8). The public
holidays and make-up working days (调休上班) come from the ``chinese-calendar``
package, which only this module imports, merged with what a plan's ``holidays:``
and ``workdays:`` add or change. A year the package does not know yet gives a
warning (a :class:`~planmaker.errors.Problem` of severity ``"warning"``), not an
error: the plan's own entries are then all there is for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Literal

from planmaker.errors import Location, Problem
from planmaker.numbering import format_range, format_span, month_label, week_label

if TYPE_CHECKING:
    from planmaker.model import Day, Document

Kind = Literal["holiday", "workday", "event"]

# Chinese names for the package's English ones where its own (清明, 端午, 中秋) are
# shorter than the names the State Council's notices and school plans use.
_NAME_OVERRIDES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}

# A make-up working day lies within two weeks of its holiday in the package's data
# (11 days at most, 2004–2026); looking a month beyond the asked range finds the whole
# holiday of a day inside it, and the holiday a make-up day inside it belongs to.
_MARGIN = timedelta(days=31)

YEAR_UNKNOWN = "calendar.year_unknown"


@dataclass(frozen=True)
class DayEvent:
    """A day or run of days (``start`` to ``end``, inclusive) printed in the schedule.

    ``kind`` is ``"holiday"`` for days off (放假), ``"workday"`` for a make-up
    working day (调休上班) and ``"event"`` for something on a school day (a plan's
    ``off: false`` entry).
    """

    name: str
    start: date
    end: date
    kind: Kind

    def label(self, *, brackets: bool = True) -> str:
        """The event as the 日期 cell shows it: 清明节放假（4月4日—6日）.

        A holiday's name gets 放假 and a make-up day's 调休上班, unless the name
        already ends that way (a plan's 劳动节调休 becomes 劳动节调休上班); an
        event keeps its name. The dates are shortened as in
        :func:`planmaker.numbering.format_span`. Without ``brackets`` the dates
        follow the name directly, as a list layout's week line has them:
        清明节放假4月4日—6日.
        """
        title = _titled(self.name, self.kind)
        dates = format_span(self.start, self.end)
        return f"{title}（{dates}）" if brackets else f"{title}{dates}"


@dataclass(frozen=True)
class UserDay:
    """A plan's own entry in ``holidays:`` or ``workdays:``, from ``start`` to ``end``.

    ``off`` says whether a ``holidays:`` entry is a day off (放假) or an event on a
    school day; entries in ``workdays:`` are make-up working days whatever it says.
    """

    name: str
    start: date
    end: date
    off: bool = True


def user_days(days: Iterable[Day]) -> list[UserDay]:
    """A document's own ``holidays`` (or ``workdays``) in the calendar's terms."""
    return [UserDay(d.name, d.first, d.last, d.off) for d in days]


def monday_of(d: date) -> date:
    """The Monday of ``d``'s week (``d`` itself on a Monday)."""
    return d - timedelta(days=d.weekday())


def week_dates(start: date, n: int) -> tuple[date, date]:
    """Monday and Sunday of week ``n`` of a term whose first week holds ``start``.

    ``start`` may be any day of week 1. ``n`` below 1 counts back from it (week 0
    is the week before). Raises ``OverflowError`` past the range of ``date``.
    """
    monday = monday_of(start) + timedelta(weeks=n - 1)
    return monday, monday + timedelta(days=6)


def week_of(start: date, d: date) -> int:
    """The number of the week that holds ``d``, week 1 being the one that holds ``start``.

    Days before the term give 0 or less, days after its last week numbers beyond it.
    """
    return (monday_of(d) - monday_of(start)).days // 7 + 1


def events_between(
    first: date,
    last: date,
    holidays: Sequence[UserDay] = (),
    workdays: Sequence[UserDay] = (),
) -> tuple[list[DayEvent], list[Problem]]:
    """The holidays, make-up working days and events that touch ``first``…``last``.

    Built in: each public holiday as one event of kind ``"holiday"`` over all the
    days the official notice gives off, weekends included, with its Chinese name
    (a holiday the package marks as two, like 2025's National Day with Mid-autumn on
    October 6, is one event named after both in date order: 国庆节、中秋节); each
    make-up working day as a ``"workday"`` named after the holiday it serves.

    A plan's entries win: every day an entry of ``holidays`` or ``workdays`` covers
    is taken out of the built-in events (splitting one if need be), and the entry
    comes in as a ``"holiday"`` (``off``), an ``"event"`` (not ``off``) or, from
    ``workdays``, a ``"workday"``. Entries are expected to run forwards.

    Events keep their full dates even where they reach outside the range, and come
    sorted by start; a range whose ``last`` is before ``first`` holds nothing. The
    second value holds a warning :data:`YEAR_UNKNOWN` (params ``year``) for each year
    from ``first`` to ``last`` the package has no data for; only the plan's entries
    are used there.
    """
    if last < first:
        return [], []
    lo, hi = _shift(first, -_MARGIN), _shift(last, _MARGIN)
    known = _known_years(range(lo.year, hi.year + 1))
    warnings = [
        Problem(YEAR_UNKNOWN, Location(), {"year": year}, severity="warning")
        for year in range(first.year, last.year + 1)
        if year not in known
    ]

    covered: set[date] = set()
    for entry in (*holidays, *workdays):
        covered.update(_days(entry.start, entry.end))
    built_in = [
        part for event in _official_events(lo, hi, known) for part in _without(event, covered)
    ]
    own = [DayEvent(e.name, e.start, e.end, "holiday" if e.off else "event") for e in holidays]
    own += [DayEvent(e.name, e.start, e.end, "workday") for e in workdays]

    events = [e for e in built_in + own if e.start <= last and e.end >= first]
    events.sort(key=lambda e: (e.start, e.end, e.kind, e.name))
    return events, warnings


def events_by_week(
    start: date, weeks: int, events: Iterable[DayEvent]
) -> dict[int, list[DayEvent]]:
    """For each week 1..``weeks`` of the term that ``start`` begins, the events touching it.

    Every week has its key, an empty list when nothing falls in it. An event over
    two weeks is in both, with its full dates; each list keeps the order of
    ``events``.
    """
    by_week: dict[int, list[DayEvent]] = {n: [] for n in range(1, weeks + 1)}
    for event in events:
        for n in range(
            max(week_of(start, event.start), 1), min(week_of(start, event.end), weeks) + 1
        ):
            by_week[n].append(event)
    return by_week


def events_by_month(year: int, events: Iterable[DayEvent]) -> dict[int, list[DayEvent]]:
    """For each month 1..12 of ``year``, the events touching it, as :func:`events_by_week`."""
    by_month: dict[int, list[DayEvent]] = {m: [] for m in range(1, 13)}
    for event in events:
        if event.end.year < year or event.start.year > year:
            continue
        first = event.start.month if event.start.year == year else 1
        last = event.end.month if event.end.year == year else 12
        for m in range(first, last + 1):
            by_month[m].append(event)
    return by_month


# --- the term's weeks and the year's months, as ``calendar`` and ``new`` list them ---


@dataclass(frozen=True)
class CalendarRow:
    """One week of a term (or month of a year), as ``calendar`` and ``new`` show it."""

    number: int
    """The week (or month) number, from 1."""
    label: str
    """第一周, or 一月份 in a year."""
    dates: str
    """3月2日—3月8日 (a month: 1月1日—1月31日)."""
    events: tuple[str, ...] = ()
    """Holidays, make-up working days and events: 清明节放假（4月4日—6日）."""


def term_weeks(
    start: date,
    weeks: int,
    holidays: Sequence[UserDay] = (),
    workdays: Sequence[UserDay] = (),
) -> tuple[list[CalendarRow], list[Problem]]:
    """Every week 1..``weeks`` of the term ``start`` begins, and the calendar's warnings.

    ``start`` may be any day of week 1; week 1 starts on its Monday. The warnings are
    :func:`events_between`'s (a year the holiday data lacks).
    """
    monday = monday_of(start)
    first, _ = week_dates(monday, 1)
    _, last = week_dates(monday, weeks)
    events, warnings = events_between(first, last, holidays, workdays)
    by_week = events_by_week(monday, weeks, events)
    rows = []
    for n in range(1, weeks + 1):
        a, b = week_dates(monday, n)
        rows.append(
            CalendarRow(
                n,
                week_label(n),
                format_range(a, b),
                tuple(e.label() for e in by_week[n]),
            )
        )
    return rows, warnings


def year_months(
    year: int,
    holidays: Sequence[UserDay] = (),
    workdays: Sequence[UserDay] = (),
) -> tuple[list[CalendarRow], list[Problem]]:
    """Every month of ``year`` with the holidays in it, and the calendar's warnings."""
    events, warnings = events_between(date(year, 1, 1), date(year, 12, 31), holidays, workdays)
    by_month = events_by_month(year, events)
    rows = []
    for m in range(1, 13):
        last = date(year + (m == 12), m % 12 + 1, 1).toordinal() - 1
        rows.append(
            CalendarRow(
                m,
                month_label(m),
                format_range(date(year, m, 1), date.fromordinal(last)),
                tuple(e.label() for e in by_month[m]),
            )
        )
    return rows, warnings


SCHOOL_YEAR_FIRST_MONTH = 9
"""A school year (学年) runs from September to the next August."""


def school_year_months(
    school_year: tuple[int, int],
    holidays: Sequence[UserDay] = (),
    workdays: Sequence[UserDay] = (),
) -> tuple[list[CalendarRow], list[Problem]]:
    """The months of a school year, 9月 to the next 8月, with each month's holidays.

    Each month's holidays come from its own calendar year (国庆节 of the first year,
    春节 of the second), as :func:`year_months` gives them.
    """
    rows: list[CalendarRow] = []
    warnings: list[Problem] = []
    for year, months in (
        (school_year[0], range(SCHOOL_YEAR_FIRST_MONTH, 13)),
        (school_year[1], range(1, SCHOOL_YEAR_FIRST_MONTH)),
    ):
        whole, said = year_months(year, holidays, workdays)
        rows += [row for row in whole if row.number in months]
        warnings += [w for w in said if w not in warnings]
    return rows, warnings


def period_rows(doc: Document) -> tuple[list[CalendarRow], list[Problem]]:
    """The weeks (term) or months (year; school year: 9月 → next 8月) of ``doc``'s period,
    with its own holidays too. A term without a start has no weeks to list."""
    holidays, workdays = user_days(doc.holidays), user_days(doc.workdays)
    p = doc.period
    if p.year is not None:
        return year_months(p.year, holidays, workdays)
    if p.semester is None and p.school_year is not None:
        return school_year_months(p.school_year, holidays, workdays)
    if p.start is None:
        return [], []
    return term_weeks(p.start, p.weeks, holidays, workdays)


@dataclass(frozen=True)
class HolidayData:
    """Which built-in holiday data a run used: the package's version and its years."""

    version: str
    first: int
    last: int


def holiday_data(years: range = range(2000, 2100)) -> HolidayData | None:
    """The chinese-calendar release in use and the span of ``years`` it knows (for
    ``--verbose``); ``None`` when it knows none of them."""
    from importlib import metadata

    known = sorted(_known_years(years))
    if not known:
        return None
    try:
        version = metadata.version("chinese-calendar")
    except metadata.PackageNotFoundError:
        version = "?"
    return HolidayData(version, known[0], known[-1])


def _titled(name: str, kind: Kind) -> str:
    """``name`` with what the day means for the school, unless the name says it already."""
    if kind == "holiday":
        return name if name.endswith("放假") else f"{name}放假"
    if kind == "workday":
        if name.endswith("上班"):
            return name
        return f"{name}上班" if name.endswith("调休") else f"{name}调休上班"
    return name


def _known_years(years: range) -> set[int]:
    """The years in ``years`` the chinese-calendar package has data for."""
    return {year for year in years if _year_known(year)}


@cache
def _year_known(year: int) -> bool:
    from chinese_calendar import get_holiday_detail

    try:
        get_holiday_detail(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@cache
def _official_days(year: int) -> tuple[list[tuple[date, str]], list[tuple[date, str]]]:
    """The package's named days off and make-up working days of ``year``, in date order.

    Read once per year from the package's tables (the same ones ``get_holiday_detail``
    looks up day by day), so a batch of plans pays for it once.
    """
    from chinese_calendar import holidays, workdays

    offs = sorted((d, _chinese(n)) for d, n in holidays.items() if d.year == year)
    makeups = sorted((d, _chinese(n)) for d, n in workdays.items() if d.year == year)
    return offs, makeups


def _official_events(first: date, last: date, known: set[int]) -> list[DayEvent]:
    """The package's holidays and make-up days from ``first`` to ``last``, in known years.

    Consecutive days off form one holiday, named after each holiday the package gives
    for them, in order; consecutive make-up days of one holiday form one workday, named
    like the nearest holiday that includes it.
    """
    offs: list[tuple[date, str]] = []
    makeups: list[tuple[date, str]] = []
    for year in sorted(known):
        year_offs, year_makeups = _official_days(year)
        offs += [(d, n) for d, n in year_offs if first <= d <= last]
        makeups += [(d, n) for d, n in year_makeups if first <= d <= last]

    holidays = [
        DayEvent("、".join(dict.fromkeys(names)), start, end, "holiday")
        for start, end, names in _runs(offs, same_name=False)
    ]
    workdays = [
        DayEvent(_served_by(names[0], start, holidays), start, end, "workday")
        for start, end, names in _runs(makeups, same_name=True)
    ]
    return holidays + workdays


def _runs(days: list[tuple[date, str]], *, same_name: bool) -> list[tuple[date, date, list[str]]]:
    """``days`` (in date order) grouped into runs of consecutive dates, with their names.

    With ``same_name`` a change of name also ends a run.
    """
    runs: list[tuple[date, date, list[str]]] = []
    for day, name in days:
        if runs:
            start, end, names = runs[-1]
            if day - end == timedelta(days=1) and not (same_name and names[-1] != name):
                runs[-1] = (start, day, [*names, name])
                continue
        runs.append((day, day, [name]))
    return runs


def _served_by(name: str, day: date, holidays: list[DayEvent]) -> str:
    """The name of the holiday nearest ``day`` that includes ``name`` (``name`` if none)."""
    candidates = [h for h in holidays if name in h.name.split("、")]
    if not candidates:
        return name
    return min(
        candidates, key=lambda h: min(abs((h.start - day).days), abs((h.end - day).days))
    ).name


def _without(event: DayEvent, covered: set[date]) -> list[DayEvent]:
    """``event`` minus the days in ``covered``: nothing, itself, or the parts left."""
    parts: list[DayEvent] = []
    start: date | None = None
    for day in _days(event.start, event.end):
        if day in covered:
            if start is not None:
                parts.append(DayEvent(event.name, start, day - timedelta(days=1), event.kind))
                start = None
        elif start is None:
            start = day
    if start is not None:
        parts.append(DayEvent(event.name, start, event.end, event.kind))
    return parts


def _chinese(name: str) -> str:
    """The Chinese name of one of the package's holidays, which are all ``Holiday`` values."""
    from chinese_calendar import Holiday

    return _NAME_OVERRIDES.get(name) or Holiday(name).chinese


def _days(first: date, last: date) -> Iterable[date]:
    """Every date from ``first`` to ``last``, inclusive (none when ``last`` is earlier)."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def _shift(d: date, delta: timedelta) -> date:
    """``d`` moved by ``delta``, stopping at the first or last date there is."""
    try:
        return d + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min
