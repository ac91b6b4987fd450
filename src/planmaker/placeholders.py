"""The placeholders of a draft: “（请填写……）” where a clerk's own words go.

Every placeholder is valid YAML of its kind; left in a file, ``check`` and ``render``
name each one (:mod:`planmaker.unfilled`), and ``render --draft`` renders it as it
stands. ``new`` and ``summarize`` take their placeholders from here, and :data:`TEXTS`
lists them all, so that a document still holding one can be told.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

TASK = {"week": "（请填写本周工作）", "month": "（请填写本月工作）"}
"""A schedule entry's tasks, per week (term) or per month (year)."""

RESULT = "（请填写这项工作的做法和成效。）"
"""An achievement's content, under a title carried over from a plan."""

PLAN: dict[str, Any] = {
    "preamble": "（请填写导语：本期工作的背景和总体思路。可以写几段，段与段之间空一行。）",
    "guiding": "（请填写指导思想。）",
    "goals": ["（请填写工作目标一。）", "（请填写工作目标二。）"],
    "measures": [
        {
            "title": "（请填写第一项主要工作的标题。）",
            "text": "（可在这里写这一项的说明；不需要可删去 text 这一行。）",
            "items": ["（请填写具体措施。）", "（请填写具体措施。）"],
        },
        {
            "title": "（请填写第二项主要工作的标题。）",
            "items": ["（请填写具体措施。）"],
        },
    ],
    "safeguards": ["（请填写保障措施。）"],
}
"""The body of a new plan, key by key, in the order it is written."""

SUMMARY: dict[str, Any] = {
    "overview": "（请填写概述：本期工作的总体情况和主要成绩。可以写几段，段与段之间空一行。）",
    "achievements": [
        {"title": "（请填写第一项主要工作的标题。）", "items": [RESULT]},
        {"title": "（请填写第二项主要工作的标题。）", "items": [RESULT]},
    ],
    "problems": ["（请填写存在的问题。）"],
    "next_steps": ["（请填写下一步工作打算。）"],
}
"""The body of a new summary, key by key, in the order it is written."""


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


TEXTS: frozenset[str] = frozenset(_texts([TASK, RESULT, PLAN, SUMMARY]))
"""Every placeholder text."""
