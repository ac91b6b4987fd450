"""The document model: what a plan, a summary or a report says, validated.

Models use the English YAML keys; :data:`ALIASES` is the one table of their Chinese
names (spec §2). Every scalar arrives as text (see ``loader``) and is converted here,
by the ``_parse_*`` functions, which raise ``PydanticCustomError`` whose type is one of
our dotted error codes and whose context carries what was read and what is expected.

Text follows spec §2: a blank line starts a new paragraph, each line is trimmed
(including the full-width space U+3000), the lines of a paragraph are joined with no
space. Fields that hold paragraphs are ``list[str]``; one-line fields are ``str``.
A plain-string child in a tree (a goal, an item) becomes a :class:`Node` without a
title, so every tree has one shape.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from planmaker import loader, numbering
from planmaker.booleans import BOOL_OF

ALIASES: dict[str, tuple[str, ...]] = {
    "kind": ("类型",),
    "org": ("单位",),
    "department": ("部门",),
    "period": ("时段",),
    "school_year": ("学年",),
    "semester": ("学期",),
    "start": ("开学日期", "起始日期", "开始日期"),
    "weeks": ("周数",),
    "year": ("年度",),
    "title": ("标题",),
    "preamble": ("导语", "前言"),
    "guiding": ("指导思想",),
    "goals": ("工作目标",),
    "measures": ("主要工作", "主要工作及措施", "工作措施"),
    "safeguards": ("保障措施",),
    "sections": ("其他部分",),
    "order": ("顺序",),
    "closing": ("结束语",),
    "text": ("内容",),
    "items": ("条目",),
    "schedule": ("具体安排", "工作安排"),
    "layout": ("样式",),
    "entries": ("安排",),
    "week": ("周次",),
    "month": ("月份",),
    "tasks": ("工作内容",),
    "owner": ("负责人",),
    "status": ("完成情况",),
    "note": ("备注",),
    "holidays": ("节假日",),
    "workdays": ("调休上班",),
    "headings": ("标题名称",),
    "attachments": ("附件",),
    "signature": ("落款",),
    "name": ("署名", "名称"),
    "date": ("日期", "成文日期"),
    "seal": ("盖章",),
    "extra": ("附加信息",),
    "overview": ("概述",),
    "achievements": ("主要成效", "工作成效"),
    "problems": ("存在问题",),
    "next_steps": ("下一步打算", "今后打算"),
    "departments": ("各部门",),
    "completion": ("完成统计",),
    "date_style": ("日期格式",),
    "fonts": ("字体",),
    "templates": ("模板目录",),
    "end": ("结束", "结束日期"),
    "off": ("放假",),
    "planned": ("计划", "计划工作"),
    "done": ("完成",),
    "partial": ("部分完成",),
    "cancelled": ("取消",),
    "pending": ("未完成",),
}
"""English key → its Chinese names, each accepted wherever the English key is."""

KEY_OF: dict[str, str] = {cn: en for en, cns in ALIASES.items() for cn in cns}
"""Chinese key name → English key."""

KIND_FIELDS: dict[str, frozenset[str]] = {
    "plan": frozenset(
        {"preamble", "guiding", "goals", "measures", "safeguards", "sections", "schedule"}
    ),
    "summary": frozenset({"overview", "achievements", "problems", "next_steps", "schedule"})
    | {"sections"},
    "report": frozenset({"overview", "departments", "sections", "problems", "next_steps"}),
}
"""The body keys each kind takes; the header keys are common to all kinds."""

HeadingKey = Literal[
    "guiding",
    "goals",
    "measures",
    "safeguards",
    "schedule",
    "attachments",
    "achievements",
    "completion",
    "problems",
    "next_steps",
    "departments",
]
"""The sections whose heading label ``headings:`` can rename."""
HEADING_KEYS: tuple[str, ...] = get_args(HeadingKey)

STATUS_NAMES = {
    "done": "已完成",
    "partial": "部分完成",
    "pending": "未完成",
    "cancelled": "取消",
}
# The values each choice field accepts (English and Chinese forms) → the value it means.
# The JSON Schema (``planmaker.schema``) lists the same forms, so editors accept them too.
STATUS_OF = {
    **{k: k for k in STATUS_NAMES},
    **{v: k for k, v in STATUS_NAMES.items()},
    "完成": "done",
    "取消了": "cancelled",
    "已取消": "cancelled",
    "待完成": "pending",
}
KIND_OF = {
    "plan": "plan",
    "summary": "summary",
    "report": "report",
    "工作计划": "plan",
    "计划": "plan",
    "工作总结": "summary",
    "总结": "summary",
    "年度总结": "report",
    "年度工作总结": "report",
    "学年工作总结": "report",
}
LAYOUT_OF = {"table": "table", "list": "list", "表格": "table", "列表": "list"}
DATE_STYLE_OF = {"arabic": "arabic", "hanzi": "hanzi", "阿拉伯": "arabic", "汉字": "hanzi"}
FONTS_OF = {"gb": "gb", "windows": "windows", "国标": "gb", "Windows": "windows"}
SEMESTER_OF = {
    "1": 1,
    "2": 2,
    "一": 1,
    "二": 2,
    "第一学期": 1,
    "第二学期": 2,
    "上": 1,
    "下": 2,
    "上学期": 1,
    "下学期": 2,
    "秋季": 1,
    "春季": 2,
}

BAD_CHARS = loader.BAD_CHARS
"""Characters a DOCX cannot hold; the loader refuses them wherever they are written."""
_TRIM = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""White space trimmed from the ends of a line: Unicode's (U+3000, U+00A0, U+2003 …),
as Markdown trims it too, and the U+FEFF some editors leave at a line's start."""


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs by the text rule of spec §2 (module docstring)."""
    out: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(_TRIM)
        if line:
            current.append(line)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def one_line(text: str) -> str:
    """A one-line field: its paragraphs joined (a line break in a name means nothing)."""
    return "".join(paragraphs(text))


def _fail(code: str, value: Any, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, {"value": value, **ctx})


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise _fail("value.not_text", value)
    return "" if value is None else str(value)


def _parse_paragraphs(value: Any) -> list[str]:
    if isinstance(value, list):  # a list of paragraphs is fine too
        return [p for v in value for p in paragraphs(_text(v))]
    return paragraphs(_text(value))


def _parse_line(value: Any) -> str | None:
    if value is None:
        return None
    return one_line(_text(value))


def _parse_lines(value: Any) -> list[str]:
    """A string or a list of strings (tasks, title lines, attachments)."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [line for v in values if (line := one_line(_text(v)))]


def _lookup(table: dict[str, Any], code: str) -> Any:
    def parse(value: Any) -> Any:
        if value is None:
            return None
        key = _text(value).strip(_TRIM)
        if key in table:
            return table[key]
        if key.lower() in table:
            return table[key.lower()]
        raise _fail(code, key, expected=" / ".join(dict.fromkeys(table)))

    return parse


def _parse_int(code: str, low: int, high: int) -> Any:
    def parse(value: Any) -> int | None:
        if value is None:
            return None
        text = _text(value).strip(_TRIM)
        if not re.fullmatch(r"[0-9０-９]+", text):
            raise _fail(code, text, low=low, high=high)
        number = int(text)
        if not low <= number <= high:
            raise _fail(code, text, low=low, high=high)
        return number

    return parse


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a plan may name: wide enough for any real plan, and far from the limits of
date arithmetic (a 30-week term from 9999-12-01 would run past the last date there is)."""


def _parse_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = _text(value).strip(_TRIM)
    try:
        parsed = numbering.parse_date(text)
    except ValueError as err:
        code = "value.date_range" if str(err) == "range" else "value.date"
        raise _fail(code, text) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise _fail("value.year_range", text, low=FIRST_YEAR, high=LAST_YEAR)
    return parsed


def _parse_school_year(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    text = _text(value).strip(_TRIM)
    try:
        first, second = numbering.parse_school_year(text)
    except ValueError as err:
        code = "value.school_year_range" if str(err) == "range" else "value.school_year"
        raise _fail(code, text) from None
    if not FIRST_YEAR <= first < LAST_YEAR:
        raise _fail("value.year_range", text, low=FIRST_YEAR, high=LAST_YEAR)
    return first, second


_SPAN = re.compile(r"^\s*(\d+)\s*(?:[-—–－~～至到]+\s*(\d+))?\s*$")


def _parse_spans(value: Any) -> list[tuple[int, int]] | None:
    """A week or month: ``4``, ``"4-5"`` (a range) or ``[9, 18]`` (a list of either)."""
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    spans: list[tuple[int, int]] = []
    for v in values:
        text = _text(v).translate(_FULLWIDTH_DIGITS).strip(_TRIM)
        m = _SPAN.match(text)
        if not m:
            raise _fail("value.week", text)
        first = int(m.group(1))
        last = int(m.group(2) or first)
        if last < first:
            raise _fail("value.range_backwards", text, first=first, last=last)
        if first < 1:
            raise _fail("value.week", text)
        spans.append((first, last))
    if not spans:
        raise _fail("value.week", "")
    return spans


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

Paras = Annotated[list[str], BeforeValidator(_parse_paragraphs)]
Line = Annotated[str, BeforeValidator(_parse_line)]
Lines = Annotated[list[str], BeforeValidator(_parse_lines)]
Bool = Annotated[bool, BeforeValidator(_lookup(BOOL_OF, "value.bool"))]
Date = Annotated[date, BeforeValidator(_parse_date)]
Spans = Annotated[list[tuple[int, int]], BeforeValidator(_parse_spans)]
Status = Annotated[
    Literal["done", "partial", "pending", "cancelled"],
    BeforeValidator(_lookup(STATUS_OF, "value.status")),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


class Node(Model):
    """A titled node (（一）, 1., （1）) or, without a title, a plain-string child."""

    title: Line | None = Field(None, description="标题")
    text: Paras = Field(default_factory=list, description="标题下的正文段落")
    items: list[Node] = Field(default_factory=list, description="下一级条目")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return {"text": value}
        return value


class Period(Model):
    """A school term (学年, 学期, 开学日期, 周数) or a calendar year (年度)."""

    school_year: Annotated[tuple[int, int] | None, BeforeValidator(_parse_school_year)] = Field(
        None, description="学年，如 2025-2026"
    )
    semester: Annotated[int | None, BeforeValidator(_lookup(SEMESTER_OF, "value.semester"))] = (
        Field(None, description="学期：1 或 2")
    )
    start: Date | None = Field(None, description="第一周的任意一天，如 2026-03-02")
    weeks: Annotated[int, BeforeValidator(_parse_int("value.weeks", 1, 30))] = Field(
        20, description="教学周数，默认 20"
    )
    year: Annotated[
        int | None, BeforeValidator(_parse_int("value.year", FIRST_YEAR, LAST_YEAR))
    ] = Field(None, description="年度计划的年份，如 2026")

    @model_validator(mode="after")
    def _complete(self) -> Period:
        """A year; a school year (学年); or a term: a school year and semester (``start``
        is needed only by a schedule by week, which ``validate`` checks)."""
        if self.year is not None:
            if self.school_year or self.semester or self.start:
                raise _fail("period.mixed", None)
            return self
        missing = [] if self.school_year is not None else ["school_year"]
        if self.semester is None and (self.start is not None or "weeks" in self.model_fields_set):
            missing.append("semester")
        if missing:
            raise _fail("period.incomplete", None, missing=missing)
        return self

    @property
    def kind(self) -> Literal["term", "year", "school_year"]:
        if self.year is not None:
            return "year"
        return "term" if self.semester is not None else "school_year"

    @property
    def is_term(self) -> bool:
        return self.kind == "term"


class Entry(Model):
    """One line of the schedule: a week (or month), its tasks, owner, status and note."""

    week: Spans | None = Field(None, description='周次：4、"4-5" 或 [9, 18]')
    month: Spans | None = Field(None, description='月份（年度计划）：3、"3-4" 或 [3, 9]')
    tasks: Lines = Field(default_factory=list, description="工作内容：一句或一个列表")
    owner: Line | None = Field(None, description="负责人")
    status: Status = Field("pending", description="完成情况：已完成 / 部分完成 / 未完成 / 取消")
    note: Line | None = Field(None, description="备注，打印在工作内容后的括号里")


class Schedule(Model):
    layout: Annotated[
        Literal["table", "list"], BeforeValidator(_lookup(LAYOUT_OF, "value.layout"))
    ] = Field("table", description="表格 或 列表")
    entries: list[Entry] = Field(default_factory=list, description="逐周（或逐月）安排")


class Day(Model):
    """A YAML holiday, event or make-up working day: one ``date`` or ``start``…``end``."""

    date: Date | None = None
    start: Date | None = None
    end: Date | None = None
    name: Line = Field(description="名称，如 校运动会")
    off: Bool = Field(True, description="是否放假；否 = 照常上课的活动")

    @model_validator(mode="after")
    def _dates(self) -> Day:
        if self.date is not None and (self.start or self.end):
            raise _fail("day.mixed", None)
        if self.date is None:
            if self.start is None:
                raise _fail("day.no_date", None)
            if self.end is not None and self.end < self.start:
                raise _fail(
                    "day.range_backwards",
                    None,
                    start=numbering.format_date(self.start),
                    end=numbering.format_date(self.end),
                )
        return self

    @property
    def first(self) -> date:
        return self.date or self.start  # type: ignore[return-value]

    @property
    def last(self) -> date:
        return self.date or self.end or self.start  # type: ignore[return-value]


class Signature(Model):
    name: Line | None = Field(None, description="署名；默认部门，否则单位")
    date: Date | None = Field(None, description="成文日期；默认生成当天")
    seal: Bool = Field(True, description="是否加盖印章（决定落款位置）")


def _parse_signature(value: Any) -> Any:
    """``signature: false`` (or 否): None, no 署名 and no 成文日期; true: the defaults."""
    if value is None or isinstance(value, (dict, Signature)):
        return value
    return {} if _lookup(BOOL_OF, "value.signature")(value) else None


class Completion(Model):
    planned: Annotated[int, BeforeValidator(_parse_int("value.count", 0, 100000))] = 0
    done: Annotated[int, BeforeValidator(_parse_int("value.count", 0, 100000))] = 0
    partial: Annotated[int, BeforeValidator(_parse_int("value.count", 0, 100000))] = 0
    cancelled: Annotated[int, BeforeValidator(_parse_int("value.count", 0, 100000))] = 0
    pending: Annotated[int, BeforeValidator(_parse_int("value.count", 0, 100000))] = 0


class Department(Model):
    name: Line = Field(description="部门名称")
    achievements: list[Node] = Field(default_factory=list, description="主要成效")
    planned: list[Node] = Field(default_factory=list, description="计划工作（只有计划时）")
    problems: list[Node] = Field(default_factory=list, description="存在问题")
    completion: Completion = Field(default_factory=Completion, description="完成统计")


class Document(Model):
    """One plan, summary or report, as its YAML says it (spec §2)."""

    kind: Annotated[
        Literal["plan", "summary", "report"], BeforeValidator(_lookup(KIND_OF, "value.kind"))
    ] = Field("plan", description="工作计划 / 工作总结 / 年度总结")
    org: Line = Field(description="单位名称")
    department: Line | None = Field(None, description="部门，如 教务处")
    period: Period = Field(description="时段：学期或年度")
    title: Lines = Field(default_factory=list, description="标题；写成列表可逐行指定")
    preamble: Paras = Field(default_factory=list, description="导语（标题后、一、之前的段落）")
    guiding: Paras = Field(default_factory=list, description="指导思想")
    goals: list[Node] = Field(default_factory=list, description="工作目标")
    measures: list[Node] = Field(default_factory=list, description="主要工作及措施")
    safeguards: list[Node] = Field(default_factory=list, description="保障措施")
    sections: list[Node] = Field(default_factory=list, description="其他部分，各成一个一、")
    schedule: Schedule | None = Field(None, description="具体安排（周次安排）")
    overview: Paras = Field(default_factory=list, description="概述")
    achievements: list[Node] = Field(default_factory=list, description="主要工作及成效")
    problems: list[Node] = Field(default_factory=list, description="存在的问题")
    next_steps: list[Node] = Field(default_factory=list, description="下一步工作打算")
    departments: list[Department] = Field(default_factory=list, description="各部门（年度总结）")
    holidays: list[Day] = Field(default_factory=list, description="补充或改动的节假日、活动")
    workdays: list[Day] = Field(default_factory=list, description="调休上班日")
    date_style: Annotated[
        Literal["arabic", "hanzi"], BeforeValidator(_lookup(DATE_STYLE_OF, "value.date_style"))
    ] = Field("arabic", description="成文日期写法：阿拉伯 或 汉字")
    fonts: Annotated[
        Literal["gb", "windows"], BeforeValidator(_lookup(FONTS_OF, "value.fonts"))
    ] = Field("gb", description="字体：国标 或 windows")
    templates: Line | None = Field(None, description="本单位模板所在文件夹")
    headings: dict[
        HeadingKey,
        Line,
    ] = Field(default_factory=dict, description="改各部分的标题名称")
    attachments: Lines = Field(default_factory=list, description="附件说明")
    extra: dict[str, Any] = Field(default_factory=dict, description="自定义字段，供本单位模板使用")
    signature: Annotated[Signature | None, BeforeValidator(_parse_signature)] = Field(
        default_factory=Signature, description="落款：署名与成文日期；false（否）= 不要落款"
    )
    order: Lines = Field(default_factory=list, description="顺序：各“一、”部分的先后")
    closing: Paras = Field(default_factory=list, description="结束语：最后一个部分之后的段落")
