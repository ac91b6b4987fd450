"""The written forms the recogniser reads: numerals, heading labels, dates, weeks, months.

Pure functions of a line of text. A heading label is what offices type before a
heading (一、 （一） 1. （1） ①); a date is any form docs/yaml.md §4 accepts, or the
older 二〇二五年十二月三十日; a week or month is how a schedule names it (第1周,
第十至十一周, 1-2周, 三月份, 5—6月).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from planmaker.values import FULLWIDTH_DIGITS

_HANZI_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
NUM = r"[0-9０-９]+|[〇零一二两三四五六七八九十百]+"
DASH = r"\s*(?:-|–|－|—{1,2}|~|～|至|到)\s*"
"""The dashes and words between the two ends of a range."""
SPACE = re.compile(r"[\s\u3000]+")
TRAILING_PUNCT = "。；;，,、.！!：:"


def number(text: str) -> int | None:
    """``text`` as a whole number: Arabic (full-width too) or Chinese numerals (十一, 二十)."""
    text = text.strip().translate(FULLWIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    if not text or any(c not in _HANZI_VALUE and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:  # 二〇二六: digit by digit
        value = 0
        for c in text:
            value = value * 10 + _HANZI_VALUE[c]
        return value
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _HANZI_VALUE[c]
    return total + current


# --- heading labels ---------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """A heading label at a line's start: its level (1–4), style and number."""

    level: int
    style: str
    number: int
    label: str
    """The label as typed, 一、 or （1）."""
    rest: str
    """The line after the label."""


_LABELS = (
    (1, "一、", re.compile(r"^([一二三四五六七八九十]+)\s*(?:、|[．.](?![0-9０-９]))\s*")),
    (2, "（一）", re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*[、．.]?\s*")),
    (3, "1.", re.compile(r"^([0-9０-９]{1,2})\s*[.．、](?![0-9０-９])\s*")),
    (4, "（1）", re.compile(r"^[（(]\s*([0-9０-９]{1,2})\s*[）)]\s*[、．.]?\s*")),
    (4, "①", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*[、．.]?\s*")),
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def label_of(text: str) -> Label | None:
    """The heading label ``text`` starts with, or None (一是…, 2026年… are no labels)."""
    for level, style, form in _LABELS:
        match = form.match(text)
        if not match:
            continue
        rest = text[match.end() :]
        if not rest.strip():
            continue
        raw = match[1]
        n = _CIRCLED.index(raw) + 1 if raw in _CIRCLED else number(raw)
        if n is None or n == 0:
            continue
        return Label(level, style, n, text[: match.end()].strip(), rest.strip())
    return None


# --- dates ------------------------------------------------------------------------------

_FULL_DATE = re.compile(
    r"(?P<y>[0-9]{4})\s*(?:年\s*(?P<m1>[0-9]{1,2})\s*月\s*(?P<d1>[0-9]{1,2})\s*日"
    r"|(?P<sep>[-./])(?P<m2>[0-9]{1,2})(?P=sep)(?P<d2>[0-9]{1,2}))"
)
_HANZI_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
    r"(?P<d>[一二三四五六七八九十]{1,3})日"
)


@dataclass(frozen=True)
class FoundDate:
    """A full date found in a line: the date, where it stands, and whether in 汉字."""

    value: date
    start: int
    end: int
    hanzi: bool = False


def find_date(text: str) -> FoundDate | None:
    """The last full date in ``text`` (2026年3月2日, 2026.3.2, 二〇二五年十二月三十日)."""
    text = text.translate(FULLWIDTH_DIGITS)
    found: FoundDate | None = None
    for match in _FULL_DATE.finditer(text):
        m = match["m1"] or match["m2"]
        d = match["d1"] or match["d2"]
        try:
            found = FoundDate(date(int(match["y"]), int(m), int(d)), match.start(), match.end())
        except ValueError:
            continue
    for match in _HANZI_DATE.finditer(text):
        y, m, d = number(match["y"]), number(match["m"]), number(match["d"])
        try:
            value = date(y or 0, m or 0, d or 0)
        except ValueError:
            continue
        if found is None or match.start() > found.start:
            found = FoundDate(value, match.start(), match.end(), hanzi=True)
    return found


_MONTH_DAY = re.compile(
    r"(?:(?P<y>[0-9]{4})\s*[年./-]\s*)?(?P<m>[0-9]{1,2})\s*(?:月|[./])\s*(?P<d>[0-9]{1,2})\s*日?"
)
_MD_RANGE = re.compile(
    r"^(?P<a>(?:[0-9]{4}\s*[年./-]\s*)?[0-9]{1,2}\s*(?:月|[./])\s*[0-9]{1,2}\s*日?)"
    + DASH
    + r"(?P<b>(?:[0-9]{1,2}\s*(?:月|[./])\s*)?[0-9]{1,2}\s*日?)"
)


def month_day_range(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """((month, day), (month, day)) of 3月2日—3月8日, 3.2-3.8, 4月4日—6日 at ``text``'s start."""
    text = SPACE.sub("", text.translate(FULLWIDTH_DIGITS))
    match = _MD_RANGE.match(text)
    if match:
        a = _MONTH_DAY.fullmatch(match["a"])
        if a is None:
            return None
        first = (int(a["m"]), int(a["d"]))
        b_text = match["b"]
        b = _MONTH_DAY.fullmatch(b_text)
        if b is not None:
            return first, (int(b["m"]), int(b["d"]))
        day = re.fullmatch(r"([0-9]{1,2})日?", b_text)
        return (first, (first[0], int(day[1]))) if day else None
    single = _MONTH_DAY.match(text)
    if single:
        return (int(single["m"]), int(single["d"])), (int(single["m"]), int(single["d"]))
    return None


# --- weeks and months -------------------------------------------------------------------

_WEEK = re.compile(r"^第?\s*(" + NUM + r")(?:" + DASH + r"第?\s*(" + NUM + r"))?\s*周(?:次)?")
_WEEK_BARE = re.compile(r"^(" + NUM + r")(?:" + DASH + r"(" + NUM + r"))?$")
_MONTH = re.compile(r"^(" + NUM + r")\s*(?:月份|月)?(?:" + DASH + r"(" + NUM + r"))?\s*(?:月份|月)")


def _span(a: str, b: str | None) -> tuple[int, int] | None:
    first = number(a)
    last = number(b) if b else first
    if not first or not last or last < first:
        return None
    return first, last


def week_span(text: str, *, bare: bool = False) -> tuple[tuple[int, int], int] | None:
    """((first, last), length of the match) of 第1周, 第十至十一周, 1-2周; ``bare`` also 3, 4-5."""
    text = text.strip().translate(FULLWIDTH_DIGITS)
    match = _WEEK.match(text)
    if match is None and bare:
        match = _WEEK_BARE.match(text)
    if match is None:
        return None
    span = _span(match[1], match[2])
    return (span, match.end()) if span else None


def month_span(text: str, *, bare: bool = False) -> tuple[tuple[int, int], int] | None:
    """((first, last), length) of 三月份, 1月, 5—6月, 五至六月份; ``bare`` also 3, 三."""
    text = text.strip().translate(FULLWIDTH_DIGITS)
    match = _MONTH.match(text)
    if match is None and bare:
        match = _WEEK_BARE.match(text)
    if match is None:
        return None
    span = _span(match[1], match[2])
    if span is None or span[1] > 12:
        return None
    return span, match.end()


def squeeze(text: str) -> str:
    """``text`` without any white space: 工 作 计 划 → 工作计划."""
    return SPACE.sub("", text)
