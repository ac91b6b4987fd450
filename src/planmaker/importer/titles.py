"""The title of a document: which leading lines it is, and what it says.

A title is the leading centred, large or title-styled lines of a Word file; in plain
text, the first short lines before the first paragraph that reads as body text. From
its words come the org, the department, the period (2025—2026学年第二学期,
2026年度, 春季学期 …) and the kind (…计划 → plan, …总结 → summary). A leading
“第一篇：……” line, which template sites put above a reprinted document, stays with
the title lines (nothing is dropped) but is not read for the org or period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planmaker.importer.blocks import Paragraph
from planmaker.importer.forms import label_of, squeeze

TITLE_STYLES = ("title", "plantitle", "标题")
_MAX_TITLE_LINES = 6
_MAX_TITLE_CHARS = 40
_BODY_END = tuple("。！？!?；;：:")
DEBRIS = re.compile(r"^第[一二三四五六七八九十0-9]+篇[：:]")

_SCHOOL_YEAR = re.compile(r"([0-9]{4})\s*(?:-|–|－|—{1,2}|~|至)\s*([0-9]{4})\s*(学年度?|年度?)?")
_SEMESTER = (
    (re.compile(r"第一学期|上学期|上半学期|秋季学期|秋学期|秋季"), 1),
    (re.compile(r"第二学期|下学期|下半学期|春季学期|春学期|春季"), 2),
)
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})\s*(?:年度|年)(?!\s*[0-9]{1,2}\s*月)")
_KIND_WORDS = (
    (re.compile(r"(?:工作)?(?:计划|要点|安排|打算|规划|方案)"), "plan"),
    (re.compile(r"(?:工作)?(?:总结|小结|述职报告)"), "summary"),
)


DEPARTMENTS = (
    "教务处",
    "德育处",
    "政教处",
    "总务处",
    "后勤处",
    "学生处",
    "教科室",
    "教研室",
    "办公室",
    "安全办",
    "少先队",
    "大队部",
    "团委",
    "教导处",
    "教科处",
    "信息中心",
    "保卫处",
)
"""Offices a school's 署名 or title ends with (a union's 工会 is the org itself)."""


def split_department(name: str) -> tuple[str, str | None]:
    """(org, department) of 定边镇希望小学教务处; (name, None) without a known office."""
    for department in DEPARTMENTS:
        if name.endswith(department) and len(name) > len(department):
            return name[: -len(department)], department
    return name, None


@dataclass(frozen=True)
class TitleFacts:
    """What a title says; None for what it does not."""

    org: str | None = None
    department: str | None = None
    school_year: tuple[int, int] | None = None
    semester: int | None = None
    year: int | None = None
    kind: str | None = None
    bad_school_year: str | None = None
    """A school year written that cannot be one (2025—2025): read as not given."""


def is_title_like(p: Paragraph) -> bool:
    """A line that could belong to a title: short, no sentence end, no heading label."""
    text = p.text
    return (
        len(squeeze(text)) <= _MAX_TITLE_CHARS
        and not text.endswith(_BODY_END)
        and label_of(text) is None
        and "，" not in text.rstrip("，")
    )


def title_count(
    paragraphs: Sequence[Paragraph],
    hinted: bool,
    body_size: float | None = None,
    *,
    followed: bool = False,
) -> int:
    """How many of the leading ``paragraphs`` are the title (``followed``: a table comes next).

    With hints, a title line is centred, bold, title-styled, a stated level 1, or larger
    than the body's most common size (``body_size``; 18 pt without one).
    """
    large = (body_size + 1.5) if body_size else 18
    n = 0
    for p in paragraphs[:_MAX_TITLE_LINES]:
        if hinted:
            looks = (
                p.align == "center"
                or p.bold
                or (p.size or 0) >= large
                or (p.style or "").lower() in TITLE_STYLES
                or p.level == 1
            )
            if not looks or not (is_title_like(p) or DEBRIS.match(p.text)):
                break
        elif not (is_title_like(p) or (n == 0 and DEBRIS.match(p.text))):
            break
        n += 1
    if n == len(paragraphs) and not followed:
        n = max(0, n - 1)  # nothing but short lines: the last is body
    if not hinted and n == _MAX_TITLE_LINES:
        n = 1  # no body found among the first lines: the first line alone
    return n


def read_title(lines: Sequence[str]) -> TitleFacts:
    """The org, department, period and kind a title's lines say (debris lines skipped)."""
    text = squeeze("".join(line for line in lines if not DEBRIS.match(line)))
    best: tuple[int, str] | None = None
    for form, name in _KIND_WORDS:
        for match in form.finditer(text):
            if best is None or match.start() > best[0]:
                best = (match.start(), name)
    kind = best[1] if best else None
    kind_at = best[0] if best else len(text)
    school_year = semester = year = None
    bad = None
    spans: list[tuple[int, int]] = []
    sy = _SCHOOL_YEAR.search(text)
    if sy:
        a, b = int(sy[1]), int(sy[2])
        if b == a + 1:
            school_year = (a, b)
        else:
            bad = sy[0]
        spans.append(sy.span())
    for form, value in _SEMESTER:
        match = form.search(text)
        if match:
            semester = value
            spans.append(match.span())
            break
    if sy is None:
        y = _YEAR.search(text)
        if y:
            year = int(y[1])
            spans.append(y.span())
    if not spans:
        _, department = split_department(text[:kind_at])
        return TitleFacts(department=department, kind=kind)
    first = min(s[0] for s in spans)
    last = max(s[1] for s in spans)
    org = text[:first].strip() or None
    middle = text[last:kind_at] if kind else ""
    department = middle.strip("的") or None
    if department and len(department) > 12:
        department = None
    if org in DEPARTMENTS:  # 教务处2026年工作计划: an office, the org is elsewhere
        org, department = None, department or org
    elif org and department is None:
        org, department = split_department(org)
    return TitleFacts(org, department, school_year, semester, year, kind, bad)
