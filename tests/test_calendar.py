"""Term weeks and the holidays a schedule shows in them.

The expected holidays are the ones chinese-calendar 1.11.0 gives, which match the
State Council's notices for 2025 and 2026.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planmaker.calendar import (
    DayEvent,
    UserDay,
    events_between,
    events_by_month,
    events_by_week,
    monday_of,
    week_dates,
    week_of,
)
from planmaker.numbering import format_range

SPRING_2026 = date(2026, 3, 2)
AUTUMN_2025 = date(2025, 9, 1)


def term_events(
    start: date,
    weeks: int,
    holidays: list[UserDay] | None = None,
    workdays: list[UserDay] | None = None,
) -> tuple[dict[int, list[str]], list[str]]:
    """Each week's event labels, and the warnings, for a term as a schedule sees it."""
    first, last = week_dates(start, 1)[0], week_dates(start, weeks)[1]
    events, warnings = events_between(first, last, holidays or (), workdays or ())
    by_week = events_by_week(start, weeks, events)
    return {n: [e.label() for e in evs] for n, evs in by_week.items() if evs}, warnings


def test_spring_2026_term_weeks_and_holidays() -> None:
    assert format_range(*week_dates(SPRING_2026, 1)) == "3月2日—3月8日"
    assert format_range(*week_dates(SPRING_2026, 5)) == "3月30日—4月5日"
    assert format_range(*week_dates(SPRING_2026, 20)) == "7月13日—7月19日"

    weeks, warnings = term_events(SPRING_2026, 20)

    assert warnings == []
    assert weeks == {
        5: ["清明节放假（4月4日—6日）"],
        6: ["清明节放假（4月4日—6日）"],
        9: ["劳动节放假（5月1日—5日）"],
        10: ["劳动节放假（5月1日—5日）", "劳动节调休上班（5月9日）"],
        16: ["端午节放假（6月19日—21日）"],
    }


def test_spring_2026_events_carry_their_dates_and_kinds() -> None:
    events, _ = events_between(date(2026, 3, 2), date(2026, 7, 19))

    assert events == [
        DayEvent("清明节", date(2026, 4, 4), date(2026, 4, 6), "holiday"),
        DayEvent("劳动节", date(2026, 5, 1), date(2026, 5, 5), "holiday"),
        DayEvent("劳动节", date(2026, 5, 9), date(2026, 5, 9), "workday"),
        DayEvent("端午节", date(2026, 6, 19), date(2026, 6, 21), "holiday"),
    ]


def test_autumn_2025_national_day_and_mid_autumn_are_one_holiday() -> None:
    weeks, warnings = term_events(AUTUMN_2025, 20)

    assert warnings == []
    assert weeks == {
        4: ["国庆节、中秋节调休上班（9月28日）"],
        5: ["国庆节、中秋节放假（10月1日—8日）"],
        6: ["国庆节、中秋节放假（10月1日—8日）", "国庆节、中秋节调休上班（10月11日）"],
        18: ["元旦放假（1月1日—3日）", "元旦调休上班（1月4日）"],
    }
    assert format_range(*week_dates(AUTUMN_2025, 4)) == "9月22日—9月28日"
    assert format_range(*week_dates(AUTUMN_2025, 18)) == "12月29日—1月4日"


def test_autumn_2026_keeps_mid_autumn_and_national_day_apart() -> None:
    events, _ = events_between(date(2026, 9, 14), date(2026, 10, 11))

    assert [e.label() for e in events] == [
        "国庆节调休上班（9月20日）",
        "中秋节放假（9月25日—27日）",
        "国庆节放假（10月1日—7日）",
        "国庆节调休上班（10月10日）",
    ]


def test_a_holiday_touching_the_range_keeps_its_full_dates() -> None:
    events, _ = events_between(date(2025, 10, 7), date(2025, 10, 7))

    assert [(e.start, e.end) for e in events] == [(date(2025, 10, 1), date(2025, 10, 8))]


def test_a_holiday_across_the_new_year_is_one_event() -> None:
    events, _ = events_between(date(2022, 12, 26), date(2023, 1, 8))

    assert [e.label() for e in events] == ["元旦放假（12月31日—1月2日）"]


def test_a_start_on_a_wednesday_counts_from_its_monday() -> None:
    wednesday = date(2026, 3, 4)

    assert week_dates(wednesday, 1) == (date(2026, 3, 2), date(2026, 3, 8))
    assert week_dates(wednesday, 5) == week_dates(SPRING_2026, 5)
    assert week_of(wednesday, date(2026, 3, 2)) == 1
    assert term_events(wednesday, 20) == term_events(SPRING_2026, 20)


def test_week_of_counts_before_and_beyond_the_term() -> None:
    assert week_of(SPRING_2026, date(2026, 3, 1)) == 0
    assert week_of(SPRING_2026, date(2026, 2, 23)) == 0
    assert week_of(SPRING_2026, date(2026, 2, 22)) == -1
    assert week_of(SPRING_2026, date(2026, 7, 20)) == 21


def test_a_school_day_entry_turns_a_holiday_day_into_an_event() -> None:
    sports_day = UserDay("校运动会", date(2026, 4, 6), date(2026, 4, 6), off=False)

    weeks, _ = term_events(SPRING_2026, 20, holidays=[sports_day])

    assert weeks[5] == ["清明节放假（4月4日—5日）"]
    assert weeks[6] == ["校运动会（4月6日）"]


def test_an_entry_inside_a_holiday_leaves_both_ends() -> None:
    back_to_school = UserDay("劳动节返校", date(2026, 5, 3), date(2026, 5, 3), off=False)

    events, _ = events_between(date(2026, 4, 27), date(2026, 5, 10), [back_to_school])

    assert [(e.label(), e.kind) for e in events] == [
        ("劳动节放假（5月1日—2日）", "holiday"),
        ("劳动节返校（5月3日）", "event"),
        ("劳动节放假（5月4日—5日）", "holiday"),
        ("劳动节调休上班（5月9日）", "workday"),
    ]


def test_plan_days_off_and_workdays() -> None:
    study_trip = UserDay("春季研学", date(2026, 4, 27), date(2026, 4, 28))
    sports_day = UserDay("校运动会", date(2026, 4, 20), date(2026, 4, 20), off=False)
    makeup = UserDay("劳动节调休", date(2026, 5, 9), date(2026, 5, 9))
    extra_makeup = UserDay("研学补课", date(2026, 5, 10), date(2026, 5, 10))

    weeks, _ = term_events(
        SPRING_2026, 20, holidays=[study_trip, sports_day], workdays=[makeup, extra_makeup]
    )

    assert weeks[8] == ["校运动会（4月20日）"]
    assert weeks[9] == ["春季研学放假（4月27日—28日）", "劳动节放假（5月1日—5日）"]
    assert weeks[10] == [
        "劳动节放假（5月1日—5日）",
        "劳动节调休上班（5月9日）",
        "研学补课调休上班（5月10日）",
    ]


def test_a_plan_name_already_saying_day_off_is_not_repeated() -> None:
    assert DayEvent("暑假放假", date(2026, 7, 20), date(2026, 8, 31), "holiday").label() == (
        "暑假放假（7月20日—8月31日）"
    )
    assert DayEvent("补课上班", date(2026, 5, 9), date(2026, 5, 9), "workday").label() == (
        "补课上班（5月9日）"
    )
    assert DayEvent("清明节", date(2026, 4, 4), date(2026, 4, 6), "holiday").label(
        brackets=False
    ) == ("清明节放假4月4日—6日")


def test_a_year_without_data_warns_once_and_uses_the_plan() -> None:
    new_year = UserDay("元旦", date(2027, 1, 1), date(2027, 1, 1))
    start = date(2026, 8, 31)

    weeks, warnings = term_events(start, 22, holidays=[new_year])

    assert [(w.code, w.params, w.severity) for w in warnings] == [
        ("calendar.year_unknown", {"year": 2027}, "warning")
    ]
    assert weeks[5] == ["国庆节放假（10月1日—7日）"]
    assert weeks[18] == ["元旦放假（1月1日）"]


def test_several_years_without_data_warn_each() -> None:
    events, warnings = events_between(date(2027, 9, 1), date(2028, 7, 1))

    assert events == []
    assert [(w.code, w.params["year"]) for w in warnings] == [
        ("calendar.year_unknown", 2027),
        ("calendar.year_unknown", 2028),
    ]


def test_events_by_month() -> None:
    events, _ = events_between(date(2025, 1, 1), date(2025, 12, 31))
    by_month = events_by_month(2025, events)

    assert sorted(by_month) == list(range(1, 13))
    assert [e.label() for e in by_month[2]] == [
        "春节放假（1月28日—2月4日）",
        "春节调休上班（2月8日）",
    ]
    assert [e.label() for e in by_month[10]] == [
        "国庆节、中秋节放假（10月1日—8日）",
        "国庆节、中秋节调休上班（10月11日）",
    ]
    assert by_month[3] == []


def test_events_by_month_takes_only_the_months_of_its_year() -> None:
    winter = DayEvent("寒假", date(2025, 12, 20), date(2026, 2, 10), "holiday")

    assert [m for m, evs in events_by_month(2026, [winter]).items() if evs] == [1, 2]
    assert [m for m, evs in events_by_month(2025, [winter]).items() if evs] == [12]


def test_importing_the_module_leaves_the_holiday_data_unloaded() -> None:
    code = "import sys, planmaker.calendar; print('chinese_calendar' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


term_starts = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
week_numbers = st.integers(min_value=-60, max_value=60)


@given(term_starts, week_numbers)
def test_a_week_runs_monday_to_sunday(start: date, n: int) -> None:
    monday, sunday = week_dates(start, n)

    assert monday.weekday() == 0
    assert sunday.weekday() == 6
    assert sunday - monday == timedelta(days=6)
    assert week_dates(start, n + 1)[0] == sunday + timedelta(days=1)


@given(term_starts, week_numbers)
def test_week_of_finds_the_week_again(start: date, n: int) -> None:
    monday, sunday = week_dates(start, n)

    assert week_of(start, monday) == n
    assert week_of(start, sunday) == n
    assert monday_of(start) == week_dates(start, 1)[0]


@given(
    st.dates(min_value=date(2003, 1, 1), max_value=date(2027, 12, 31))
    | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 8, 1)),
    st.integers(min_value=0, max_value=120),
)
def test_any_range_gives_sorted_events_that_touch_it(first: date, days: int) -> None:
    last = first + timedelta(days=days)

    events, warnings = events_between(first, last)

    assert all(e.start <= last and e.end >= first for e in events)
    assert [e.start for e in events] == sorted(e.start for e in events)
    assert len(warnings) == sum(not 2004 <= y <= 2026 for y in range(first.year, last.year + 1))


@pytest.mark.parametrize("weeks", [1, 20])
def test_every_week_has_a_key(weeks: int) -> None:
    assert list(events_by_week(SPRING_2026, weeks, [])) == list(range(1, weeks + 1))
