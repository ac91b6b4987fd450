"""What a document's period means in time: a term, a calendar year or a whole school year.

:class:`planmaker.model.Period` says which of the three a document covers
(``period.kind``); this module answers what follows from it without assuming a start
date, which a term needs only for a schedule by week: the calendar year a document
belongs to (:func:`calendar_year`), a key that sorts documents in time
(:func:`sort_key`) and a likely 成文日期 (:func:`likely_date`). The months of a school
year, each with its own calendar year's holidays, are
:func:`planmaker.calendar.school_year_months`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from planmaker.calendar import SCHOOL_YEAR_FIRST_MONTH, monday_of

if TYPE_CHECKING:
    from planmaker.model import Period

_TERM_OPENS = {1: (0, 9, 1), 2: (1, 3, 1)}
"""semester → (which year of the school year, month, day) a term opens, without a start."""


def calendar_year(period: Period) -> int | None:
    """The calendar year a document belongs to; None for a school year, which spans two.

    A year's own; a term's is the year its middle day falls in (the start plus half its
    weeks): without a start, the autumn term (第一学期) belongs to the school year's
    first year, the spring term to its second.
    """
    if period.year is not None:
        return period.year
    if period.semester is None or period.school_year is None:
        return None
    if period.start is not None:
        return (monday_of(period.start) + timedelta(days=period.weeks * 7 // 2)).year
    return period.school_year[_TERM_OPENS[period.semester][0]]


def opening_day(period: Period) -> date:
    """The day the period opens: a term's start (or its usual opening), 9月1日, 1月1日."""
    if period.year is not None:
        return date(period.year, 1, 1)
    assert period.school_year is not None
    if period.semester is None:
        return date(period.school_year[0], SCHOOL_YEAR_FIRST_MONTH, 1)
    if period.start is not None:
        return period.start
    which, month, day = _TERM_OPENS[period.semester]
    return date(period.school_year[which], month, day)


def closing_day(period: Period) -> date:
    """The last day of the period: a term's last week's Sunday, 8月31日, 12月31日."""
    if period.year is not None:
        return date(period.year, 12, 31)
    assert period.school_year is not None
    if period.semester is None:
        return date(period.school_year[1], SCHOOL_YEAR_FIRST_MONTH, 1) - timedelta(days=1)
    return monday_of(opening_day(period)) + timedelta(days=period.weeks * 7 - 1)


def sort_key(period: Period) -> tuple[date, int]:
    """Documents in time order: by the day their period opens; a term before a year."""
    return opening_day(period), 0 if period.semester is not None else 1


def likely_date(period: Period, *, summary: bool) -> date:
    """A likely 成文日期, for a scaffold's example: a plan's first day, a summary's last."""
    if summary:
        return closing_day(period)
    return monday_of(period.start) if period.start is not None else opening_day(period)
