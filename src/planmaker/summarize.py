"""``planmaker summarize``: the end-of-term summary YAML of a plan, ready to fill in.

The summary keeps the plan's header (org, department, period), so its title is the
composed summary title of the same term, and is drafted the way ``new --from`` drafts
(:func:`planmaker.drafts.carried_draft`), for the same term: each titled measure (and
each of the plan's own sections) becomes a heading with a placeholder to replace, the
plan's goals are comments above the achievements, the term's holidays, workdays and
attachments come over, and the schedule comes over entry by entry with ``status:
pending``, for the user to tick off as done, partial or cancelled, from which the
summary's 计划完成情况 is counted.
"""

from __future__ import annotations

from planmaker.draft import Draft, DraftText, draft_yaml
from planmaker.drafts import carried_draft
from planmaker.errors import PlanError
from planmaker.model import Document


def summary_draft(plan: Document) -> Draft:
    """The summary draft of ``plan``; raises PlanError ``summarize.not_plan`` for other kinds."""
    if plan.kind != "plan":
        raise PlanError("summarize.not_plan", kind=plan.kind)
    header = plan.model_copy(update={"kind": "summary", "title": []})
    return carried_draft(plan, header, origin="summarize")


def summary_yaml(plan: Document) -> DraftText:
    """The summary YAML text of ``plan`` and its default file name (the composed title)."""
    return draft_yaml(summary_draft(plan))
