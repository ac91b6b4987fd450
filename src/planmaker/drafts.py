"""The drafts ``planmaker new`` writes: a term plan, a year plan or a summary.

Without ``--from``, placeholders in every body key and one entry per week (or month)
of the period. With ``--from`` (docs/architecture.md §6.5), what outlives a term is carried over: for a
plan its preamble, guiding, goals, measures, safeguards and sections; for every kind
the headings and document settings, the signature's name and seal, and the schedule,
each entry keeping its week (or month) number so that its dates follow the new start.
A new summary ``--from`` a plan or summary gets the old measures' (or achievements')
titles to fill in. The draft becomes text in :mod:`planmaker.draft`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from planmaker import numbering, placeholders
from planmaker.draft import Draft, DraftEntry, DraftText, draft_yaml
from planmaker.errors import Problem
from planmaker.model import Document, Node
from planmaker.yamldata import entry_data, node_data, paragraphs_text

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

    if summary:
        tree = previous.achievements if previous.kind == "summary" else previous.measures
        draft.body = {
            "overview": placeholders.SUMMARY["overview"],
            "achievements": achievements_data(tree) or placeholders.SUMMARY["achievements"],
            "problems": placeholders.SUMMARY["problems"],
            "next_steps": placeholders.SUMMARY["next_steps"],
        }
    else:
        draft.body = _carried_body(previous)
    draft.settings = carried_settings(previous)
    draft.signature = carried_signature(previous)
    draft.entries, draft.layout = _carried_entries(previous, header, draft.warnings)
    return draft


def new_yaml(header: Document, previous: Document | None = None) -> DraftText:
    """The YAML text of :func:`new_draft` (see there)."""
    return draft_yaml(new_draft(header, previous))


def _carried_body(previous: Document) -> dict[str, Any]:
    body: dict[str, Any] = {}
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


def carried_signature(previous: Document) -> dict[str, Any]:
    """署名 and 盖章 of ``previous``; the 成文日期 belongs to the old document."""
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
