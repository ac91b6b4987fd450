"""Numbers, labels and dates as they are printed in a document.

Everything here is a pure function of its arguments. The printed forms follow
GB/T 9704-2012 (docs/layout.md §8 for the heading labels, §9 for dates): Arabic
dates without zero padding (2026年3月2日), the older 汉字 form with 〇 for units
that still use it, and the em dash (U+2014) between the two ends of a range.

Functions raise :class:`ValueError` with a short code-like reason ("range" when a
value has no printed form); reading what a user wrote is :mod:`planmaker.values`.
"""

from __future__ import annotations

from datetime import date

_DIGITS = "〇一二三四五六七八九"
_UNITS = ("千", "百", "十", "")
_DASH = "—"

MAX_TREE_DEPTH = 3
"""The levels of a section's tree, one label form each below the section's 一、:
（一） → 1. → （1） (:func:`label`'s levels 2 to 4)."""


def to_hanzi(n: int) -> str:
    """``n`` in Chinese numerals, as a count is read: 11 → 十一, 101 → 一百零一.

    Covers 0 (〇) to 9999. A number from 10 to 19 drops its leading 一 (十一, not
    一十一), larger ones keep it (一百一十); a run of zeros inside the number is
    read as one 零. Raises ``ValueError("range")`` outside 0..9999.
    """
    if not 0 <= n <= 9999:
        raise ValueError("range")
    if n == 0:
        return _DIGITS[0]
    parts: list[str] = []
    pending_zero = False
    for digit, unit in zip(f"{n:04d}", _UNITS, strict=True):
        if digit == "0":
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_DIGITS[int(digit)] + unit)
    text = "".join(parts)
    return text[1:] if 10 <= n <= 19 else text


def label(level: int, n: int) -> str:
    """The label of the ``n``-th heading at ``level`` (docs/layout.md §8).

    Level 1 一、, level 2 （一） (full-width parentheses), level 3 1. (half-width
    period), level 4 （1）. Raises ``ValueError`` for a level outside 1..4 or an
    ``n`` below 1.
    """
    if n < 1:
        raise ValueError("range")
    if level == 1:
        return f"{to_hanzi(n)}、"
    if level == 2:
        return f"（{to_hanzi(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError("level")


def format_date(d: date, style: str = "arabic") -> str:
    """``d`` as a document prints it.

    ``"arabic"`` (GB/T 9704-2012): 2026年3月2日, no zero padding. ``"hanzi"``
    (the GB/T 9704-1999 form): the year digit by digit with 〇, month and day as
    numbers, 二〇二六年十二月三十一日. Raises ``ValueError("style")`` for any
    other style.
    """
    if style == "arabic":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "hanzi":
        year = "".join(_DIGITS[int(c)] for c in str(d.year))
        return f"{year}年{to_hanzi(d.month)}月{to_hanzi(d.day)}日"
    raise ValueError("style")


def format_month_day(d: date) -> str:
    """Month and day without the year: 3月2日."""
    return f"{d.month}月{d.day}日"


def format_range(a: date, b: date) -> str:
    """A week's dates, both ends in full: 3月2日—3月8日, 3月30日—4月5日."""
    return f"{format_month_day(a)}{_DASH}{format_month_day(b)}"


def format_span(a: date, b: date) -> str:
    """A holiday's dates, the end shortened where the month repeats.

    One day: 4月20日; within a month: 4月4日—6日; across months or years:
    4月30日—5月5日, 12月31日—1月1日. Raises ``ValueError("range")`` when ``b``
    is before ``a``.
    """
    if b < a:
        raise ValueError("range")
    if a == b:
        return format_month_day(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{format_month_day(a)}{_DASH}{b.day}日"
    return format_range(a, b)


def week_label(first: int, last: int | None = None) -> str:
    """第一周, or for a range of weeks 第四至五周.

    ``last`` ``None`` or equal to ``first`` means the one week ``first``. Raises
    ``ValueError("range")`` for a week below 1 or a range that runs backwards.
    """
    if first < 1 or (last is not None and last < first):
        raise ValueError("range")
    if last is None or last == first:
        return f"第{to_hanzi(first)}周"
    return f"第{to_hanzi(first)}至{to_hanzi(last)}周"


def month_label(m: int) -> str:
    """A month as a year plan's list names it: 三月份. ``ValueError`` outside 1..12."""
    _check_month(m)
    return f"{to_hanzi(m)}月份"


def month_short(m: int) -> str:
    """A month as a year plan's table names it: 3月. ``ValueError`` outside 1..12."""
    _check_month(m)
    return f"{m}月"


def format_school_year(a: int, b: int) -> str:
    """A school year with an em dash: 2025—2026学年."""
    return f"{a}{_DASH}{b}学年"


def semester_label(n: int) -> str:
    """第一学期 or 第二学期. Raises ``ValueError("range")`` for anything but 1 or 2."""
    if n not in (1, 2):
        raise ValueError("range")
    return f"第{to_hanzi(n)}学期"


def _check_month(m: int) -> None:
    if not 1 <= m <= 12:
        raise ValueError("range")
