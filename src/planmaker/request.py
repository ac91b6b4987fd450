"""What ``new`` was asked for: the kind of file and its header, read from the options.

An option is read exactly as the YAML key of the same name (:func:`option_value`), so
``--start 2026.3.2`` works like ``start: 2026.3.2``, within the same limits; a wrong
one is a problem located at the option (``--start``), in the model's code. ``calendar``
reads its options the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel

from planmaker.errors import Location, PlanError, Problem
from planmaker.model import Document

NewKind = Literal["semester", "year", "summary"]
NEW_KINDS: dict[str, NewKind] = {
    "semester": "semester",
    "year": "year",
    "summary": "summary",
    "学期": "semester",
    "学期计划": "semester",
    "年度": "year",
    "年度计划": "year",
    "总结": "summary",
    "工作总结": "summary",
}
"""What ``new`` takes as its first argument → the kind of file it writes."""

_OPTION_OF_LOC = {
    ("org",): "org",
    ("department",): "department",
    ("period", "school_year"): "school_year",
    ("period", "semester"): "semester",
    ("period", "start"): "start",
    ("period", "weeks"): "weeks",
    ("period", "year"): "year",
}
_TERM_OPTIONS = ("school_year", "semester", "start")


@dataclass(frozen=True)
class NewRequest:
    """What ``new`` was given: the kind of file and the header options, as typed."""

    kind: NewKind
    org: str | None = None
    department: str | None = None
    school_year: str | None = None
    semester: str | None = None
    start: str | None = None
    weeks: str | None = None
    year: str | None = None

    def given(self, option: str) -> bool:
        value = getattr(self, option)
        return value is not None and str(value).strip() != ""


def missing_options(request: NewRequest) -> list[str]:
    """The options ``request`` still needs, by field name (docs/architecture.md §6.5: org and the period).

    A term plan needs school year, semester and start; a year plan the year, or the
    school year alone (a 学年 plan); a summary any of these, so when it has none all
    four are listed, the term's first.
    """
    missing = [] if request.given("org") else ["org"]
    school_year_alone = request.given("school_year") and not (
        request.given("semester") or request.given("start")
    )
    if request.kind == "year":
        return missing + ([] if request.given("year") or school_year_alone else ["year"])
    if request.kind == "summary" and (request.given("year") or school_year_alone):
        return missing
    term_missing = [o for o in _TERM_OPTIONS if not request.given(o)]
    if request.kind == "summary" and len(term_missing) == len(_TERM_OPTIONS):
        return missing + term_missing + ["year"]
    return missing + term_missing


def header_document(request: NewRequest) -> Document:
    """The new file's header (kind, org, department, period) as a validated Document.

    Raises PlanError listing each option whose value is not in a form the YAML key
    takes; each problem is located at the option (``--start``) and carries the
    model's code and what was read. Term options with ``--year`` are refused
    together (``period.mixed``, located at ``planmaker new``).
    """
    from pydantic import ValidationError

    period: dict[str, Any] = {}
    for name in (*_TERM_OPTIONS, "weeks", "year"):
        if request.given(name):
            period[name] = str(getattr(request, name)).strip()
    data: dict[str, Any] = {
        "kind": "summary" if request.kind == "summary" else "plan",
        "org": request.org,
        "period": period,
    }
    if request.given("department"):
        data["department"] = request.department
    try:
        return Document.model_validate(data)
    except ValidationError as err:
        problems = []
        for e in err.errors(include_url=False):
            option = _OPTION_OF_LOC.get(tuple(p for p in e["loc"] if isinstance(p, str)))
            where = Location(option_flag(option) if option else "planmaker new")
            problems.append(_option_problem(e, where))
        raise PlanError.of(problems) from None


def option_value(model: type[BaseModel], field: str, text: str) -> Any:
    """``text`` (a command-line option) read as the YAML key ``field`` of ``model`` reads it.

    So ``--start`` takes every date form a YAML ``start:`` takes, within the same
    limits. Raises PlanError with the model's code and what was read, located at the
    option (``--start`` for ``start``).
    """
    from pydantic import TypeAdapter, ValidationError

    info = model.model_fields[field]
    kind: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    try:
        return adapter.validate_python(text.strip())
    except ValidationError as err:
        problem = _option_problem(err.errors(include_url=False)[0], Location(option_flag(field)))
        raise PlanError.of([problem]) from None


def _option_problem(error: Any, where: Location) -> Problem:
    """One pydantic error about an option: the model's dotted code, its context, what was read."""
    params = {k: v for k, v in (error.get("ctx") or {}).items() if k != "error"}
    params.setdefault("value", error.get("input"))
    code = error["type"] if "." in error["type"] else "value.invalid"
    return Problem(code, where, params)


def option_flag(name: str) -> str:
    """``school_year`` → ``--school-year``."""
    return "--" + name.replace("_", "-")


def suggest_period(previous: Document, kind: NewKind) -> dict[str, str]:
    """The period that follows ``previous``'s, as option values (for prompts' defaults).

    After 2025—2026 第二学期 comes 2026—2027 第一学期; after 第一学期, 第二学期 of the
    same school year; after a year, the next year.
    """
    p = previous.period
    if p.year is not None:
        return {"year": str(p.year + 1)} if kind != "semester" else {}
    if p.school_year is not None and p.semester is None:  # a 学年: the next one
        return {"school_year": f"{p.school_year[0] + 1}-{p.school_year[1] + 1}"}
    if kind == "year" or p.school_year is None:
        return {}
    first, second = p.school_year
    if p.semester == 2:
        first, second = first + 1, second + 1
    return {"school_year": f"{first}-{second}", "semester": "1" if p.semester == 2 else "2"}
