"""The document model: what a plan, a summary or a report says, validated.

Models use the English YAML keys; their Chinese names are :mod:`planmaker.keys`. Every
scalar arrives as text (see ``loader``) and is read by :mod:`planmaker.values`, whose
readers raise ``PydanticCustomError`` whose type is one of our dotted error codes and
whose context carries what was read and what is expected. This module holds the
models, the words each choice field accepts, and which body keys each kind takes.

Fields that hold paragraphs are ``list[str]``; one-line fields are ``str``. A
plain-string child in a tree (a goal, an item) becomes a :class:`Node` without a
title, so every tree has one shape.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from planmaker import numbering
from planmaker.booleans import BOOL_OF
from planmaker.values import (
    FIRST_YEAR,
    LAST_YEAR,
    as_date,
    as_line,
    as_lines,
    as_paragraphs,
    as_school_year,
    as_spans,
    choice,
    invalid,
    whole_number,
)

KIND_FIELDS: dict[str, frozenset[str]] = {
    "plan": frozenset(
        {"preamble", "guiding", "goals", "measures", "safeguards", "sections", "schedule"}
    ),
    "summary": frozenset(
        {"overview", "achievements", "sections", "problems", "next_steps", "schedule"}
    ),
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

WEEKS = (1, 30)
"""The fewest and most weeks a term may have."""
COUNTS = (0, 100000)
"""The range of a figure in a report's completion counts."""

Paras = Annotated[list[str], BeforeValidator(as_paragraphs)]
Line = Annotated[str, BeforeValidator(as_line)]
Lines = Annotated[list[str], BeforeValidator(as_lines)]
Bool = Annotated[bool, BeforeValidator(choice(BOOL_OF, "value.bool"))]
Date = Annotated[date, BeforeValidator(as_date)]
Spans = Annotated[list[tuple[int, int]], BeforeValidator(as_spans)]
Count = Annotated[int, BeforeValidator(whole_number("value.count", *COUNTS))]
Status = Annotated[
    Literal["done", "partial", "pending", "cancelled"],
    BeforeValidator(choice(STATUS_OF, "value.status")),
]


def _empty_list() -> list[Any]:
    """A new empty list, the default of a list field.

    (A Python function rather than ``list``: pydantic reads a default factory's
    signature, and a builtin's is parsed from its text, which cost a third of building
    these models.)"""
    return []


def _empty_dict() -> dict[Any, Any]:
    """A new empty mapping, the default of a mapping field (see :func:`_empty_list`)."""
    return {}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


class Node(Model):
    """A titled node (（一）, 1., （1）) or, without a title, a plain-string child."""

    title: Line | None = Field(None, description="标题")
    text: Paras = Field(default_factory=_empty_list, description="标题下的正文段落")
    items: list[Node] = Field(default_factory=_empty_list, description="下一级条目")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return {"text": value}
        return value


class Period(Model):
    """A school term (学年, 学期, 开学日期, 周数), a calendar year (年度) or a school year (学年)."""

    school_year: Annotated[tuple[int, int] | None, BeforeValidator(as_school_year)] = Field(
        None, description="学年，如 2025-2026"
    )
    semester: Annotated[int | None, BeforeValidator(choice(SEMESTER_OF, "value.semester"))] = Field(
        None, description="学期：1 或 2"
    )
    start: Date | None = Field(None, description="第一周的任意一天，如 2026-03-02")
    weeks: Annotated[int, BeforeValidator(whole_number("value.weeks", *WEEKS))] = Field(
        20, description="教学周数，默认 20"
    )
    year: Annotated[
        int | None, BeforeValidator(whole_number("value.year", FIRST_YEAR, LAST_YEAR))
    ] = Field(None, description="年度计划的年份，如 2026")

    @model_validator(mode="after")
    def _complete(self) -> Period:
        """A year alone; a school year alone (a 学年 document); or a term of a school year.

        A term is a school year with its semester; its ``start`` is needed only when
        the schedule is by week (``validate`` checks that, seeing the whole document).
        A ``start`` or ``weeks`` without a semester is a term whose semester is missing.
        """
        if self.year is not None:
            if self.school_year or self.semester or self.start:
                raise invalid("period.mixed", None)
            return self
        missing = [] if self.school_year is not None else ["school_year"]
        if self.semester is None and (self.start is not None or "weeks" in self.model_fields_set):
            missing.append("semester")
        if missing:
            raise invalid("period.incomplete", None, missing=missing)
        return self

    @property
    def kind(self) -> Literal["term", "year", "school_year"]:
        """A ``term`` (学期), a calendar ``year`` (年度) or a whole ``school_year`` (学年)."""
        if self.year is not None:
            return "year"
        return "term" if self.semester is not None else "school_year"

    @property
    def is_term(self) -> bool:
        """A term: its schedule is by week; a year's and a school year's are by month."""
        return self.kind == "term"


class Entry(Model):
    """One line of the schedule: a week (or month), its tasks, owner, status and note."""

    week: Spans | None = Field(None, description='周次：4、"4-5" 或 [9, 18]')
    month: Spans | None = Field(None, description='月份（年度计划）：3、"3-4" 或 [3, 9]')
    tasks: Lines = Field(default_factory=_empty_list, description="工作内容：一句或一个列表")
    owner: Line | None = Field(None, description="负责人")
    status: Status = Field("pending", description="完成情况：已完成 / 部分完成 / 未完成 / 取消")
    note: Line | None = Field(None, description="备注，打印在工作内容后的括号里")


class Schedule(Model):
    layout: Annotated[
        Literal["table", "list"], BeforeValidator(choice(LAYOUT_OF, "value.layout"))
    ] = Field("table", description="表格 或 列表")
    entries: list[Entry] = Field(default_factory=_empty_list, description="逐周（或逐月）安排")


class Day(Model):
    """A YAML holiday, event or make-up working day: one ``date`` or ``start``…``end``."""

    date: Date | None = Field(None, description="日期（单日）")
    start: Date | None = Field(None, description="开始日期（连续几天）")
    end: Date | None = Field(None, description="结束日期（连续几天）")
    name: Line = Field(description="名称，如 校运动会")
    off: Bool = Field(True, description="是否放假；否 = 照常上课的活动")

    @model_validator(mode="after")
    def _dates(self) -> Day:
        if self.date is not None and (self.start or self.end):
            raise invalid("day.mixed", None)
        if self.date is None:
            if self.start is None:
                raise invalid("day.no_date", None)
            if self.end is not None and self.end < self.start:
                raise invalid(
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


def _signature(value: Any) -> Any:
    """``signature: false`` (or 否): None, no 署名 and no 成文日期; true: the defaults."""
    if value is None or isinstance(value, (dict, Signature)):
        return value
    return {} if choice(BOOL_OF, "value.signature")(value) else None


class Completion(Model):
    planned: Count = Field(0, description="计划项数")
    done: Count = Field(0, description="已完成项数")
    partial: Count = Field(0, description="部分完成项数")
    cancelled: Count = Field(0, description="取消项数")
    pending: Count = Field(0, description="未完成项数")


class Unfinished(Model):
    """A report department's entry not done: its term, week or month, task, status, note."""

    term: Line | None = Field(None, description="所属学期，如 2026年春季学期")
    week: Spans | None = Field(None, description='周次：8、"4-5" 或 [8, 16]')
    month: Spans | None = Field(None, description='月份：3、"3-4" 或 [3, 9]')
    task: Line = Field(description="工作内容")
    status: Status = Field("pending", description="部分完成 / 未完成 / 取消")
    note: Line | None = Field(None, description="备注")


class Department(Model):
    name: Line = Field(description="部门名称")
    achievements: list[Node] = Field(default_factory=_empty_list, description="主要成效")
    planned: list[Node] = Field(default_factory=_empty_list, description="计划工作（只有计划时）")
    problems: list[Node] = Field(default_factory=_empty_list, description="存在问题")
    completion: Completion | None = Field(None, description="完成统计；没有完成情况时不写")
    unfinished: list[Unfinished] = Field(default_factory=_empty_list, description="未完成的工作")


class Document(Model):
    """One plan, summary or report, as its YAML says it (docs/yaml.md)."""

    kind: Annotated[
        Literal["plan", "summary", "report"], BeforeValidator(choice(KIND_OF, "value.kind"))
    ] = Field("plan", description="工作计划 / 工作总结 / 年度总结")
    org: Line = Field(description="单位名称")
    department: Line | None = Field(None, description="部门，如 教务处")
    period: Period = Field(description="时段：学期或年度")
    title: Lines = Field(default_factory=_empty_list, description="标题；写成列表可逐行指定")
    preamble: Paras = Field(
        default_factory=_empty_list, description="导语（标题后、一、之前的段落）"
    )
    guiding: Paras = Field(default_factory=_empty_list, description="指导思想")
    goals: list[Node] = Field(default_factory=_empty_list, description="工作目标")
    measures: list[Node] = Field(default_factory=_empty_list, description="主要工作及措施")
    safeguards: list[Node] = Field(default_factory=_empty_list, description="保障措施")
    sections: list[Node] = Field(default_factory=_empty_list, description="其他部分，各成一个一、")
    schedule: Schedule | None = Field(None, description="具体安排（周次安排）")
    overview: Paras = Field(default_factory=_empty_list, description="概述")
    achievements: list[Node] = Field(default_factory=_empty_list, description="主要工作及成效")
    problems: list[Node] = Field(default_factory=_empty_list, description="存在的问题")
    next_steps: list[Node] = Field(default_factory=_empty_list, description="下一步工作打算")
    departments: list[Department] = Field(
        default_factory=_empty_list, description="各部门（年度总结）"
    )
    holidays: list[Day] = Field(default_factory=_empty_list, description="补充或改动的节假日、活动")
    workdays: list[Day] = Field(default_factory=_empty_list, description="调休上班日")
    date_style: Annotated[
        Literal["arabic", "hanzi"], BeforeValidator(choice(DATE_STYLE_OF, "value.date_style"))
    ] = Field("arabic", description="成文日期写法：阿拉伯 或 汉字")
    fonts: Annotated[Literal["gb", "windows"], BeforeValidator(choice(FONTS_OF, "value.fonts"))] = (
        Field("gb", description="字体：国标 或 windows")
    )
    templates: Line | None = Field(None, description="本单位模板所在文件夹")
    headings: dict[
        HeadingKey,
        Line,
    ] = Field(default_factory=_empty_dict, description="改各部分的标题名称")
    attachments: Lines = Field(default_factory=_empty_list, description="附件说明")
    extra: dict[str, Any] = Field(
        default_factory=_empty_dict, description="自定义字段，供本单位模板使用"
    )
    signature: Annotated[Signature | None, BeforeValidator(_signature)] = Field(
        default_factory=Signature, description="落款：署名与成文日期；写 false（否）则不要落款"
    )
    order: Lines = Field(
        default_factory=_empty_list,
        description="顺序：各“一、”部分的先后，写内置键名（如 achievements）或其他部分的标题",
    )
    closing: Paras = Field(
        default_factory=_empty_list, description="结束语：最后一个“一、”部分之后的段落，不加标题"
    )
