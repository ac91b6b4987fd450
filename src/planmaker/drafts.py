"""The drafts ``planmaker new`` and ``summarize`` write: a plan or a summary.

Without ``--from``, placeholders in every body key and one entry per week (or month)
of the period. From an earlier document — ``new --from`` (docs/architecture.md §6.5)
and ``summarize`` alike — :func:`carried_draft` is the one path: what outlives the old
document is carried over, and whether the new one is for the same term decides the
rest. The draft becomes text in :mod:`planmaker.draft`; every placeholder comes from
:mod:`planmaker.placeholders`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from planmaker import numbering, placeholders
from planmaker.draft import Draft, DraftEntry, DraftText, draft_yaml
from planmaker.errors import Problem
from planmaker.model import Document, Node, Period
from planmaker.yamldata import day_data, entry_data, node_data, paragraphs_text
from planmaker.yamlwriter import Flow

# Keys that ``--from`` carries into a new plan (docs/architecture.md §6.5), in the order they are written.
_CARRIED_BODY = ("preamble", "guiding", "goals", "measures", "safeguards", "sections")


def new_draft(header: Document, previous: Document | None = None) -> Draft:
    """The draft of a new file for ``header``'s kind and period.

    Without ``previous``: placeholders in every body key and one entry per week (or
    month) of the period. With ``previous`` (``--from``): its preamble, guiding, goals,
    measures, safeguards and sections (those the new kind takes), headings, extra and
    document settings carried over; a summary gets the achievements' (or a plan's
    measures') titles to fill in; the schedule's entries keep their week (or month)
    numbers, so their dates follow the new start, and lose their statuses. Weeks beyond
    a shorter new term move to its last week, with a comment and a warning
    ``scaffold.weeks_moved`` (params ``weeks``). A schedule by weeks does not fit a year (or the
    other way round): the new file then lists the new period's weeks or months with
    placeholders, and warns ``scaffold.schedule_not_carried``.
    """
    summary = header.kind == "summary"
    draft = Draft(header, {})
    if previous is None:
        draft.body = dict(placeholders.SUMMARY if summary else placeholders.PLAN)
        draft.entries = _placeholder_entries(header)
        if header.department:
            draft.signature["name"] = header.department
        return draft

    return carried_draft(previous, header)


def carried_draft(previous: Document, header: Document, origin: str = "new") -> Draft:
    """The draft of a new file for ``header`` from ``previous``: the path ``new --from``
    and ``summarize`` share.

    Always carried: the content (a plan's preamble, guiding, goals, measures, safeguards
    and sections whole; into a summary, the titles of the old achievements — a plan's
    measures — and sections, with placeholders to fill in), the headings, extra and
    document settings, the signature's name and seal (or ``signature: false``), and
    ``order`` and ``closing`` when the new file is of the old one's kind.

    For the same term (``summarize``, or ``new`` for the old period): the schedule as
    it stands, the term's own holidays, workdays and attachments, and a plan's goals
    as comments above the summary's achievements, for it to answer to. For a new term:
    the schedule re-dated (:func:`_carried_entries`), and none of the old term's
    holidays: the new term's come from the calendar. A summary's entries are
    ``status: pending``, to tick off.
    """
    same_term = same_period(previous.period, header.period)
    draft = Draft(header, _carried_body(previous, header), origin=origin)
    draft.settings = carried_settings(previous)
    if previous.kind == header.kind:
        if previous.order:
            draft.settings["order"] = Flow(previous.order)
        if previous.closing:
            draft.settings["closing"] = paragraphs_text(previous.closing)
    draft.signature = carried_signature(previous)
    if same_term:  # the term's own days: in the file, and in its week comments
        days = {"holidays": previous.holidays, "workdays": previous.workdays}
        draft.header = header.model_copy(update=days)
        for key in ("holidays", "workdays"):
            if getattr(previous, key):
                draft.settings[key] = [day_data(d) for d in getattr(previous, key)]
        if previous.attachments:
            draft.settings["attachments"] = list(previous.attachments)
        if header.kind == "summary" and previous.kind == "plan" and previous.goals:
            draft.notes["achievements"] = goals_note(previous.goals)
    if same_term and (previous.schedule is None or not previous.schedule.entries):
        draft.entries = None  # nothing was scheduled this term: nothing to tick off
    else:
        draft.entries, draft.layout = _carried_entries(previous, header, draft.warnings)
    return draft


def same_period(old: Period, new: Period) -> bool:
    """Whether two periods are the same term, year or school year (a start may differ)."""
    return (old.kind, old.school_year, old.semester, old.year) == (
        new.kind,
        new.school_year,
        new.semester,
        new.year,
    )


def goals_note(goals: Sequence[Node]) -> str:
    """A plan's goals as comment lines, for its summary to answer to one by one."""
    lines = ["计划中的工作目标（总结要逐条回应；这几行是注释，不会出现在文档里）："]
    for n, goal in enumerate(goals, 1):
        lines.append(f"  {n}. {goal.title or ''.join(goal.text[:1])}")
    return "\n".join(lines)


def new_yaml(header: Document, previous: Document | None = None) -> DraftText:
    """The YAML text of :func:`new_draft` (see there)."""
    return draft_yaml(new_draft(header, previous))


def _carried_body(previous: Document, header: Document) -> dict[str, Any]:
    """The body of a new ``header`` from ``previous`` (see :func:`carried_draft`)."""
    if header.kind == "summary":
        tree = previous.achievements if previous.kind == "summary" else previous.measures
        body: dict[str, Any] = {"overview": placeholders.SUMMARY["overview"]}
        if tree or not previous.sections:  # a summary all in sections of its own stays so
            body["achievements"] = achievements_data(tree) or placeholders.SUMMARY["achievements"]
        if previous.sections:
            body["sections"] = achievements_data(previous.sections)
        body["problems"] = placeholders.SUMMARY["problems"]
        body["next_steps"] = placeholders.SUMMARY["next_steps"]
        return body
    body = {}
    for key in _CARRIED_BODY:
        value = getattr(previous, key)
        if not value:
            continue
        if key in ("preamble", "guiding"):
            body[key] = paragraphs_text(value)
        else:
            body[key] = [node_data(n) for n in value]
    return body


def carried_settings(previous: Document) -> dict[str, Any]:
    """The settings that outlive a term: headings, extra and how the document looks."""
    settings: dict[str, Any] = {}
    if previous.headings:
        settings["headings"] = dict(previous.headings)
    if previous.date_style != "arabic":
        settings["date_style"] = previous.date_style
    if previous.fonts != "gb":
        settings["fonts"] = previous.fonts
    if previous.templates:
        settings["templates"] = previous.templates
    if previous.extra:
        settings["extra"] = previous.extra
    return settings


def carried_signature(previous: Document) -> dict[str, Any] | None:
    """署名 and 盖章 of ``previous``; the 成文日期 belongs to the old document. None when
    ``previous`` has no signature (``signature: false``): the new file has none either."""
    if previous.signature is None:
        return None
    signature: dict[str, Any] = {}
    if previous.signature.name:
        signature["name"] = previous.signature.name
    if not previous.signature.seal:
        signature["seal"] = False
    return signature


def achievements_data(tree: Sequence[Node]) -> list[Any]:
    """A measures-shaped tree as achievements to fill in: its titles, placeholder content.

    A titled node keeps its title and its titled children; its text and plain-string
    items become one placeholder. Plain strings at the top make one placeholder item.
    """
    out: list[Any] = []
    loose = False
    for node in tree:
        if node.title is None:
            loose = True
            continue
        titled = [n for n in node.items if n.title is not None]
        data: dict[str, Any] = {"title": node.title}
        data["items"] = achievements_data(titled) if titled else [placeholders.RESULT]
        out.append(data)
    if loose:
        out.insert(0, placeholders.RESULT)
    return out


def _placeholder_entries(header: Document) -> list[DraftEntry]:
    unit: Literal["week", "month"] = "week" if header.period.is_term else "month"
    count = 12 if unit == "month" else header.period.weeks
    entries = []
    for n in range(1, count + 1):
        data: dict[str, Any] = {unit: n, "tasks": placeholders.TASK[unit]}
        if header.department:
            data["owner"] = header.department
        if header.kind == "summary":
            data["status"] = "pending"
        entries.append(DraftEntry(data, n))
    return entries


def _carried_entries(
    previous: Document, header: Document, warnings: list[Problem]
) -> tuple[list[DraftEntry], str]:
    """``previous``'s schedule re-dated for ``header``'s period (see :func:`new_draft`)."""
    schedule = previous.schedule
    new_term = header.period.is_term
    if schedule is None or not schedule.entries:
        return _placeholder_entries(header), "table"
    if previous.period.is_term != new_term:
        warnings.append(Problem("scaffold.schedule_not_carried", severity="warning"))
        return _placeholder_entries(header), schedule.layout
    unit: Literal["week", "month"] = "week" if new_term else "month"
    last = header.period.weeks if new_term else 12
    summary = header.kind == "summary"
    entries = []
    moved = False
    for entry in schedule.entries:
        old = entry.week if new_term else entry.month
        if not old:
            continue
        spans = _clip(old, last)
        comment = None
        if spans != list(old):
            moved = True
            written = "、".join(numbering.week_label(a, b) for a, b in old)
            comment = f"原为{written}，新学期只有 {last} 周，已移到这里，请调整。"
        entries.append(
            DraftEntry(entry_data(entry, unit, spans, summary), spans[0][0], comment, spans)
        )
    if moved:
        warnings.append(Problem("scaffold.weeks_moved", params={"weeks": last}, severity="warning"))
    return entries, schedule.layout


def _clip(spans: Sequence[tuple[int, int]], last: int) -> list[tuple[int, int]]:
    """``spans`` cut at ``last``; a span wholly beyond it becomes ``last`` itself."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        span = (min(a, last), min(b, last))
        if span not in out:
            out.append(span)
    return out
