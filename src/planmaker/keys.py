"""The Chinese names of the YAML keys, in one table.

Every key may be written in English or under any of its Chinese names: ``单位: 某校`` is
``org: 某校``. The model accepts them all (:data:`ALIASES`, :data:`KEY_OF`), the JSON
Schema offers them to editors, and a message names a key by the one name a clerk
knows it by, with the English key after it (单位(org)). A new key gets its line here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyNames:
    """The Chinese names of one key."""

    names: tuple[str, ...]
    """Every name accepted for the key, in the order the JSON Schema lists them."""
    shown: str
    """The name messages use."""


def _names(*names: str, shown: str | None = None) -> KeyNames:
    return KeyNames(names, shown or names[0])


NAMES: dict[str, KeyNames] = {
    "kind": _names("类型"),
    "org": _names("单位"),
    "department": _names("部门"),
    "period": _names("时段"),
    "school_year": _names("学年"),
    "semester": _names("学期"),
    "start": _names("开学日期", "起始日期", "开始日期"),
    "weeks": _names("周数"),
    "year": _names("年度"),
    "title": _names("标题"),
    "preamble": _names("导语", "前言"),
    "guiding": _names("指导思想"),
    "goals": _names("工作目标"),
    "measures": _names("主要工作", "主要工作及措施", "工作措施"),
    "safeguards": _names("保障措施"),
    "sections": _names("其他部分"),
    "order": _names("顺序"),
    "closing": _names("结束语"),
    "text": _names("内容"),
    "items": _names("条目"),
    "schedule": _names("具体安排", "工作安排"),
    "layout": _names("样式"),
    "entries": _names("安排"),
    "week": _names("周次"),
    "month": _names("月份"),
    "tasks": _names("工作内容"),
    "owner": _names("负责人"),
    "status": _names("完成情况"),
    "note": _names("备注"),
    "holidays": _names("节假日"),
    "workdays": _names("调休上班"),
    "headings": _names("标题名称"),
    "attachments": _names("附件"),
    "signature": _names("落款"),
    "name": _names("署名", "名称", shown="名称"),
    "date": _names("日期", "成文日期"),
    "seal": _names("盖章"),
    "extra": _names("附加信息"),
    "overview": _names("概述"),
    "achievements": _names("主要成效", "工作成效"),
    "problems": _names("存在问题"),
    "next_steps": _names("下一步打算", "今后打算"),
    "departments": _names("各部门"),
    "completion": _names("完成统计"),
    "date_style": _names("日期格式"),
    "fonts": _names("字体"),
    "templates": _names("模板目录"),
    "end": _names("结束", "结束日期", shown="结束日期"),
    "off": _names("放假"),
    "planned": _names("计划", "计划工作"),
    "done": _names("完成"),
    "partial": _names("部分完成"),
    "cancelled": _names("取消"),
    "pending": _names("未完成"),
    "unfinished": _names("未完成的工作"),
    "term": _names("所属学期"),
    "task": _names("工作事项"),
}
"""English key → its Chinese names."""

ALIASES: dict[str, tuple[str, ...]] = {key: k.names for key, k in NAMES.items()}
"""English key → its Chinese names, each accepted wherever the English key is."""

KEY_OF: dict[str, str] = {cn: en for en, cns in ALIASES.items() for cn in cns}
"""Chinese key name → English key."""
