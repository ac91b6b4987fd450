"""``planmaker summarize``: the end-of-term summary YAML of a plan, ready to fill in.

The summary keeps the plan's header (org, department, period, the unit's own holidays
and settings), so its title is the composed summary title of the same term; each
titled measure becomes an achievement heading with a placeholder to replace; and the
schedule comes over entry by entry with ``status: pending``, for the user to tick off as done, partial or
cancelled, from which the summary's 计划完成情况 is counted.
"""

from __future__ import annotations

from typing import Any, Literal

from planmaker import placeholders
from planmaker.draft import Draft, DraftEntry, DraftText, draft_yaml
from planmaker.drafts import achievements_data, carried_settings, carried_signature
from planmaker.errors import PlanError
from planmaker.model import Document
from planmaker.yamldata import day_data, entry_data


def summary_draft(plan: Document) -> Draft:
    """The summary draft of ``plan``; raises PlanError ``summarize.not_plan`` for other kinds."""
    if plan.kind != "plan":
        raise PlanError("summarize.not_plan", kind=plan.kind)
    header = plan.model_copy(update={"kind": "summary", "title": []})
    body: dict[str, Any] = {
        "overview": placeholders.SUMMARY["overview"],
        "achievements": achievements_data(plan.measures) or [placeholders.RESULT],
        "problems": placeholders.SUMMARY["problems"],
        "next_steps": placeholders.SUMMARY["next_steps"],
    }
    draft = Draft(header, body, origin="summarize")
    settings = carried_settings(plan)
    for key in ("holidays", "workdays"):
        days = getattr(plan, key)
        if days:
            settings[key] = [day_data(d) for d in days]
    if plan.attachments:
        settings["attachments"] = list(plan.attachments)
    draft.settings = settings
    draft.signature = carried_signature(plan)
    if plan.schedule is not None and plan.schedule.entries:
        unit: Literal["week", "month"] = "week" if plan.period.is_term else "month"
        draft.layout = plan.schedule.layout
        draft.entries = []
        for entry in plan.schedule.entries:
            spans = (entry.week if unit == "week" else entry.month) or []
            if spans:
                draft.entries.append(
                    DraftEntry(entry_data(entry, unit, spans, True), spans[0][0], spans=list(spans))
                )
    return draft


def summary_yaml(plan: Document) -> DraftText:
    """The summary YAML text of ``plan`` and its default file name (the composed title)."""
    return draft_yaml(summary_draft(plan))
