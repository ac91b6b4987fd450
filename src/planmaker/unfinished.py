"""The report's record of a schedule entry that was not done (a department's ``unfinished``).

``planmaker report`` lists, per department, every counted entry that was partly done, left
undone or cancelled — ``{term, week or month, task, status, note}`` — so that the report
names them after its figures, as a summary does. :mod:`planmaker.model` imports this
model for ``Department.unfinished``; its values are read by the model's own parsers,
looked up when a value is read, so that this module does not import the model's.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _parse(name: str) -> Any:
    """The parser ``name`` of :mod:`planmaker.model`, applied when a value is read."""

    def parse(value: Any) -> Any:
        from planmaker import model

        return getattr(model, name)(value)

    return parse


def _status(value: Any) -> Any:
    from planmaker import model

    return model._lookup(model.STATUS_OF, "value.status")(value)


_Line = Annotated[str, BeforeValidator(_parse("_parse_line"))]
_Spans = Annotated[list[tuple[int, int]], BeforeValidator(_parse("_parse_spans"))]
_Status = Annotated[Literal["done", "partial", "pending", "cancelled"], BeforeValidator(_status)]


class Unfinished(BaseModel):
    """One entry not done: the term it belongs to, its week or month, task, status, note."""

    model_config = ConfigDict(extra="forbid", validate_default=False)

    term: _Line | None = Field(None, description="所属学期，如 2026年春季学期")
    week: _Spans | None = Field(None, description='周次：8、"4-5" 或 [8, 16]')
    month: _Spans | None = Field(None, description='月份：3、"3-4" 或 [3, 9]')
    task: _Line = Field(description="工作内容")
    status: _Status = Field("pending", description="部分完成 / 未完成 / 取消")
    note: _Line | None = Field(None, description="备注")
