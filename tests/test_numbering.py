"""Numbers, labels and dates as the document prints them, and the date forms a plan may use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planmaker.numbering import (
    format_date,
    format_month_day,
    format_range,
    format_school_year,
    format_span,
    label,
    month_label,
    month_short,
    semester_label,
    to_hanzi,
    week_label,
)
from planmaker.values import parse_date, parse_school_year

# parse_date takes four-digit years, so the properties range over those.
four_digit_dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))

_HANZI_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
_HANZI_UNITS = {"十": 10, "百": 100, "千": 1000}


def hanzi_to_int(text: str) -> int:
    """Read back a number written by to_hanzi (0..9999), independently of it."""
    total, digit = 0, None
    for c in text:
        if c in _HANZI_DIGITS:
            digit = _HANZI_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _HANZI_UNITS[c]
            digit = None
    return total + (digit or 0)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "〇"),
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2026, "二千零二十六"),
        (9999, "九千九百九十九"),
    ],
)
def test_to_hanzi_reads_as_a_count(n: int, text: str) -> None:
    assert to_hanzi(n) == text


@pytest.mark.parametrize("n", [-1, 10000])
def test_to_hanzi_refuses_numbers_it_cannot_write(n: int) -> None:
    with pytest.raises(ValueError, match="range"):
        to_hanzi(n)


def test_to_hanzi_gives_every_number_its_own_text() -> None:
    assert len({to_hanzi(n) for n in range(1, 10000)}) == 9999


@given(st.integers(min_value=0, max_value=9999))
def test_to_hanzi_reads_back(n: int) -> None:
    assert hanzi_to_int(to_hanzi(n)) == n


@pytest.mark.parametrize(
    ("level", "n", "text"),
    [
        (1, 1, "一、"),
        (1, 11, "十一、"),
        (2, 3, "（三）"),
        (2, 10, "（十）"),
        (3, 1, "1."),
        (3, 12, "12."),
        (4, 2, "（2）"),
    ],
)
def test_heading_labels_follow_gbt9704(level: int, n: int, text: str) -> None:
    assert label(level, n) == text


@pytest.mark.parametrize(("level", "n"), [(0, 1), (5, 1), (1, 0)])
def test_heading_label_outside_the_four_levels_is_refused(level: int, n: int) -> None:
    with pytest.raises(ValueError):
        label(level, n)


@pytest.mark.parametrize(
    ("d", "arabic", "hanzi"),
    [
        (date(2026, 3, 2), "2026年3月2日", "二〇二六年三月二日"),
        (date(2025, 12, 21), "2025年12月21日", "二〇二五年十二月二十一日"),
        (date(2000, 10, 31), "2000年10月31日", "二〇〇〇年十月三十一日"),
    ],
)
def test_format_date(d: date, arabic: str, hanzi: str) -> None:
    assert format_date(d) == arabic
    assert format_date(d, "arabic") == arabic
    assert format_date(d, "hanzi") == hanzi


def test_format_date_refuses_an_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        format_date(date(2026, 3, 2), "roman")


def test_week_and_holiday_dates() -> None:
    assert format_month_day(date(2026, 3, 2)) == "3月2日"
    assert format_range(date(2026, 3, 2), date(2026, 3, 8)) == "3月2日—3月8日"
    assert format_range(date(2026, 3, 30), date(2026, 4, 5)) == "3月30日—4月5日"
    assert format_span(date(2026, 4, 20), date(2026, 4, 20)) == "4月20日"
    assert format_span(date(2026, 4, 4), date(2026, 4, 6)) == "4月4日—6日"
    assert format_span(date(2026, 4, 30), date(2026, 5, 5)) == "4月30日—5月5日"
    assert format_span(date(2025, 12, 31), date(2026, 1, 1)) == "12月31日—1月1日"


def test_format_span_refuses_a_backwards_span() -> None:
    with pytest.raises(ValueError, match="range"):
        format_span(date(2026, 4, 6), date(2026, 4, 4))


def test_week_month_term_labels() -> None:
    assert week_label(1) == "第一周"
    assert week_label(11) == "第十一周"
    assert week_label(4, 5) == "第四至五周"
    assert week_label(9, 9) == "第九周"
    assert month_label(3) == "三月份"
    assert month_label(12) == "十二月份"
    assert month_short(3) == "3月"
    assert format_school_year(2025, 2026) == "2025—2026学年"
    assert semester_label(1) == "第一学期"
    assert semester_label(2) == "第二学期"


@pytest.mark.parametrize(
    ("call", "arg"),
    [
        (week_label, (0,)),
        (week_label, (5, 4)),
        (month_label, (13,)),
        (month_short, (0,)),
        (semester_label, (3,)),
    ],
)
def test_labels_refuse_impossible_numbers(call: Callable[..., str], arg: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="range"):
        call(*arg)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02",
        "2026-3-2",
        "2026.3.2",
        "2026/3/2",
        "2026年3月2日",
        "2026年03月02日",
        "  2026-3-2\n",
        "\u30002026年3月2日\u3000",
        "２０２６.３.２",
        "２０２６年３月２日",
    ],
)
def test_parse_date_accepts_the_usual_forms(text: str) -> None:
    assert parse_date(text) == date(2026, 3, 2)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026",
        "2026-03",
        "2026-3/2",
        "26-3-2",
        "2026-003-02",
        "2026 - 3 - 2",
        "2026年3月2",
        "二〇二六年三月二日",
        "3/2/2026",
        "2026-03-02T00:00",
    ],
)
def test_parse_date_names_an_unknown_form(text: str) -> None:
    with pytest.raises(ValueError, match="^format$"):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["2026.13.1", "2026-2-30", "2025-2-29", "2026年4月31日", "0000-1-1"]
)
def test_parse_date_names_a_date_that_does_not_exist(text: str) -> None:
    with pytest.raises(ValueError, match="^range$"):
        parse_date(text)


@given(four_digit_dates)
def test_printed_dates_parse_back(d: date) -> None:
    assert parse_date(format_date(d)) == d


def _written_forms(d: date) -> list[str]:
    y, m, day = d.year, d.month, d.day
    forms = [f"{y}{sep}{m}{sep}{day}" for sep in "-./"]
    forms += [f"{y}{sep}{m:02d}{sep}{day:02d}" for sep in "-./"]
    forms += [f"{y}年{m}月{day}日", f"{y}年{m:02d}月{day:02d}日"]
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    return forms + [f"\u3000{f.translate(fullwidth)} " for f in forms]


@given(four_digit_dates)
def test_every_accepted_form_parses_back(d: date) -> None:
    for text in _written_forms(d):
        assert parse_date(text) == d, text


@pytest.mark.parametrize(
    "text",
    [
        "2025-2026",
        "2025—2026",
        "2025——2026",
        "2025–2026",
        "2025－2026",
        "2025至2026",
        "2025-2026学年",
        " 2025 - 2026 ",
        "２０２５—２０２６学年",
    ],
)
def test_parse_school_year(text: str) -> None:
    assert parse_school_year(text) == (2025, 2026)


@pytest.mark.parametrize("text", ["2025-2027", "2025-2025", "2026-2025"])
def test_parse_school_year_needs_consecutive_years(text: str) -> None:
    with pytest.raises(ValueError, match="^range$"):
        parse_school_year(text)


@pytest.mark.parametrize("text", ["2025.2026", "2025", "25-26", "2025-2026年", "2025/2026"])
def test_parse_school_year_names_an_unknown_form(text: str) -> None:
    with pytest.raises(ValueError, match="^format$"):
        parse_school_year(text)
