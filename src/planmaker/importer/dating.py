"""The period of an imported document, and the holidays its schedule names.

The title says what it says; what it leaves out comes from the document: week dates
make the period a term (week 1 starts on the Monday of the first week's first date,
counted back when the first row is a later week; semester 1 when that Monday falls in
August–January, else 2; the school year around it), the 成文日期 gives the year of
those dates and, for a document without a week schedule, the year itself (a plan
dated November or December is for the next year). The command line's values fill
what is still missing; what nobody gives is named, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from planmaker import calendar
from planmaker.errors import Location, Problem
from planmaker.importer.forms import month_day_range
from planmaker.importer.schedules import Entry
from planmaker.importer.titles import TitleFacts
from planmaker.numbering import week_label

BUILT_IN_HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "国庆节", "中秋节")
"""The holidays planmaker prints itself (the calendar's names): their labels are dropped."""
_LABEL = re.compile(r"^(?P<name>.+?)\s*[（(]?(?P<dates>[0-9]{1,2}\s*月.*?)[）)]?$")


@dataclass
class Period:
    """The period as found: the YAML's ``period`` mapping, or what is missing."""

    data: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    start: date | None = None


def _school_year_of(d: date) -> tuple[int, int]:
    return (d.year, d.year + 1) if d.month >= 8 else (d.year - 1, d.year)


def _term_opening(school_year: tuple[int, int], semester: int) -> date:
    return date(school_year[0], 9, 1) if semester == 1 else date(school_year[1], 3, 1)


def _near(month: int, day: int, anchor: date) -> date | None:
    """The date (month, day) of the year that puts it nearest to ``anchor``."""
    best: date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def find_period(
    facts: TitleFacts,
    *,
    kind: str,
    entries: list[Entry],
    signed: date | None,
    given: Any,
) -> Period:
    """The period of the document (see the module docstring)."""
    school_year, semester, year = facts.school_year, facts.semester, facts.year
    weekly = [e for e in entries if e.unit == "week"]
    out = Period()
    dated = any(e.dates for e in weekly)
    term = semester is not None or (weekly and (dated or year is None))
    if term:
        start = given.start
        numbered = next((e for e in weekly if e.dates and e.spans), None)
        anchor = None
        if school_year and semester:
            anchor = _term_opening(school_year, semester)
        elif signed is not None:
            anchor = signed
        elif year is not None or given.year is not None:
            anchor = date(year or given.year, 6, 1)
        elif given.school_year and given.semester:
            anchor = _term_opening(given.school_year, given.semester)
        if numbered is not None and numbered.dates is not None and anchor is not None:
            first = _near(*numbered.dates[0], anchor)
            if first is not None:
                start = calendar.monday_of(first) - timedelta(weeks=numbered.spans[0][0] - 1)
        if start is not None:
            out.start = calendar.monday_of(start)
            semester = semester or (1 if out.start.month >= 8 or out.start.month == 1 else 2)
            if school_year is None:
                school_year = _school_year_of(out.start)
        if semester is None:
            semester = given.semester
        if school_year is None and semester is not None and year is not None:
            school_year = (year, year + 1) if semester == 1 else (year - 1, year)  # 2026年春季
        if school_year is None and semester is not None and signed is not None:
            school_year = _school_year_of(signed)
        school_year = school_year or given.school_year
        if school_year is None:
            out.missing.append("学年")
        if semester is None:
            out.missing.append("学期")
        if weekly and out.start is None:
            out.missing.append("开学日期")
        if out.missing:
            return out
        assert school_year is not None
        out.data = {"school_year": f"{school_year[0]}-{school_year[1]}", "semester": semester}
        if out.start is not None:
            last = max((b for e in weekly for _, b in e.spans), default=20)
            out.data |= {"start": out.start, "weeks": min(30, max(20, last))}
        return out
    if school_year is not None:
        out.data = {"school_year": f"{school_year[0]}-{school_year[1]}"}
        return out
    if year is None and given.school_year is not None:
        a, b = given.school_year
        out.data = {"school_year": f"{a}-{b}"}
        if given.semester:
            out.data["semester"] = given.semester
            if given.start:
                out.data["start"] = given.start
        return out
    if year is None and signed is not None:
        year = signed.year + 1 if kind == "plan" and signed.month >= 11 else signed.year
    year = year or given.year
    if year is None:
        out.missing.append("年度或学期")
    else:
        out.data = {"year": year}
    return out


def weeks_of(entry: Entry, start: date) -> tuple[int, int] | None:
    """The weeks a row dated only (3月2日—3月8日) covers in the term ``start`` begins."""
    if entry.dates is None:
        return None
    first = _near(*entry.dates[0], start + timedelta(days=60))
    last = _near(*entry.dates[1], start + timedelta(days=60))
    if first is None or last is None or last < first:
        return None
    return calendar.week_of(start, first), calendar.week_of(start, last)


def check_weeks(entries: list[Entry], start: date, file: str) -> list[Problem]:
    """Warnings for rows whose dates lie outside the week their number names."""
    warnings = []
    for entry in entries:
        if entry.unit != "week" or not entry.dates or not entry.spans:
            continue
        first = _near(*entry.dates[0], start + timedelta(days=60))
        if first is None:
            continue
        a, b = entry.spans[0]
        if calendar.week_of(start, first) != a:
            (m1, d1), (m2, d2) = entry.dates
            warnings.append(
                Problem(
                    "import.week_dates",
                    Location(file, entry.line),
                    {"week": week_label(a, b), "dates": f"{m1}月{d1}日—{m2}月{d2}日"},
                    "warning",
                )
            )
    return warnings


def is_built_in(label: str, known: set[str]) -> bool:
    """Whether planmaker prints ``label`` itself (the calendar's holidays and make-up days)."""
    text = re.sub(r"\s", "", label)
    if text in known:
        return True
    name = re.split(r"[（(0-9]", text, maxsplit=1)[0]
    for suffix in ("调休上班", "调休", "放假", "上班"):
        name = name.removesuffix(suffix)
    return bool(name) and all(part in BUILT_IN_HOLIDAYS for part in name.split("、"))


def own_day(label: str, anchor: date) -> tuple[str, dict[str, Any]] | None:
    """A unit's own label (校运动会（4月20日）, 春季研学放假（4月27日—28日）) as YAML data."""
    text = re.sub(r"\s", "", label)
    match = _LABEL.match(text)
    if not match:
        return None
    days = month_day_range(match["dates"])
    if days is None:
        return None
    first = _near(*days[0], anchor)
    last = _near(*days[1], anchor)
    if first is None or last is None or last < first:
        return None
    name = match["name"]
    if not re.search(r"[\u4e00-\u9fff]", name) or re.search(r"[0-9]", name):
        return None
    where = "holidays"
    data: dict[str, Any] = {}
    if name.endswith("调休上班") or name.endswith("调休"):
        where = "workdays"
        name = name.removesuffix("上班")
    off = name.endswith("放假")
    name = name.removesuffix("放假") or name
    data = {"date": first} if first == last else {"start": first, "end": last}
    data["name"] = name
    if where == "holidays" and not off:
        data["off"] = False
    return where, data


def known_labels(start: date, weeks: int) -> tuple[set[str], set[int]]:
    """The labels planmaker's calendar prints for the term (with and without brackets),
    and the years its holiday data does not know (their holidays are a unit's own)."""
    rows, warnings = calendar.term_weeks(start, weeks)
    out = set()
    for row in rows:
        for label in row.events:
            out.add(label)
            out.add(re.sub(r"[（）]", "", label))
    unknown = {int(w.params["year"]) for w in warnings if w.code == calendar.YEAR_UNKNOWN}
    return out, unknown
