"""What ``planmaker report`` takes from each term's documents, and how it labels them.

* A term's label — 2026年春季学期, 2026年秋季学期, 2026年, 2025—2026学年 — names where a
  problem, a next step or an entry not done came from. Problems and next steps merged
  from more than one term carry it: “数学组赛课未能按期举行（2026年春季学期）。”; an item
  written alike in several terms is kept once, with each of its terms.
* A summary's part of its department: its achievements, and the sections it has of its
  own (``sections``), each a titled node, in the document's order.
* The figures count only departments whose documents say a status somewhere
  (:func:`planmaker.completion.has_status`); the entries such a department did not do
  become its ``unfinished`` list.

Nothing here needs a period's ``start``: a term may be a semester (with or without a
start), a calendar year or a school year (:mod:`planmaker.periods`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from planmaker import numbering
from planmaker.completion import STATUS_WORDS, by_month, first_month, position, undone_entries
from planmaker.errors import Location, Problem
from planmaker.periods import calendar_year

if TYPE_CHECKING:
    from os import PathLike

    from planmaker.loader import Loaded
    from planmaker.model import Document, Node

SEASONS = {1: "秋季", 2: "春季"}
"""Semester 1 of 2025—2026 is the autumn of 2025; semester 2 the spring of 2026."""
_END = "。；;.！!"


def term_label(doc: Document) -> str:
    """2026年春季学期, 2026年秋季学期, 2026年 (a calendar year) or 2025—2026学年."""
    p = doc.period
    if p.year is not None:
        return f"{p.year}年"
    assert p.school_year is not None
    if p.semester is None:
        return numbering.format_school_year(*p.school_year)
    return f"{calendar_year(p)}年{SEASONS[p.semester]}学期"


def summary_nodes(doc: Document) -> list[Node]:
    """A summary's achievements and its own sections (each a titled node), in print order.

    The order is the summary's own (``order``, else its kind's standard order:
    :func:`planmaker.structure.arrange`); its other sections (completion, problems, next
    steps) the report takes elsewhere.
    """
    from planmaker.context import section_labels
    from planmaker.model import Node
    from planmaker.structure import SECTIONS, arrange

    nodes: list[Node] = []
    for part in arrange(doc, section_labels(doc)).parts:
        if part.key == "achievements":
            nodes.extend(doc.achievements)
        elif part.key == SECTIONS:
            nodes.extend(Node(title=s.title, text=s.text, items=s.items) for s in part.sections)
    return nodes


def labelled(items: Iterable[tuple[Any, str]], with_terms: bool) -> list[Any]:
    """Each item (YAML data of a node) once; ``with_terms``: each followed by its terms.

    ``items`` are ``(data, term label)``; an item met again in another term keeps its
    first place and gains that term.
    """
    terms_of: dict[str, list[str]] = {}
    first: dict[str, Any] = {}
    for data, term in items:
        key = repr(data)
        first.setdefault(key, data)
        if term not in terms_of.setdefault(key, []):
            terms_of[key].append(term)
    if not with_terms:
        return list(first.values())
    return [_with_terms(first[key], terms) for key, terms in terms_of.items()]


def _with_terms(data: Any, terms: Sequence[str]) -> Any:
    """A node's data with “（2026年春季学期）” after its text (before a closing 。)."""
    label = "（" + "、".join(terms) + "）"
    if isinstance(data, str):
        return _before_end(data, label)
    data = dict(data)
    if "title" in data:
        data["title"] = _before_end(data["title"], label)
    return data


def _before_end(text: str, label: str) -> str:
    body = text.rstrip()
    trailing = text[len(body) :]
    if body and body[-1] in _END:
        return body[:-1] + label + body[-1] + trailing
    return body + label + trailing


def unfinished_data(doc: Document, term: str) -> list[dict[str, Any]]:
    """The entries of ``doc``'s schedule not done, as a report's ``unfinished`` holds them."""
    from planmaker.yamldata import spans_data

    if doc.schedule is None:
        return []
    monthly = by_month(doc)
    out = []
    start = first_month(doc)
    for entry in sorted(
        doc.schedule.entries, key=lambda e: position((e.month if monthly else e.week) or [], start)
    ):
        spans = (entry.month if monthly else entry.week) or []
        if entry.status not in STATUS_WORDS or not spans:
            continue
        data: dict[str, Any] = {"term": term, ("month" if monthly else "week"): spans_data(spans)}
        data["task"] = undone_entries([entry], by_month=monthly)[0].task
        data["status"] = STATUS_WORDS[entry.status]
        if entry.note:
            data["note"] = entry.note
        out.append(data)
    return out


def unfilled_notice(placeholders: Sequence[Problem]) -> Problem:
    """``report.unfilled``: an input left out, at its first placeholder, with their count."""
    first = placeholders[0]
    params = {**first.params, "count": len(placeholders)}
    return Problem("report.unfilled", first.where, params, "warning")


def pending_notice(path: PathLike, doc: Document, loaded: Loaded | None) -> list[Problem]:
    """``report.all_pending`` (at the schedule) when a summary's entries are all pending."""
    from planmaker.keys import ALIASES

    if doc.kind != "summary" or doc.schedule is None or not doc.schedule.entries:
        return []
    entries = doc.schedule.entries
    if any(e.status != "pending" for e in entries):
        return []
    where = Location(str(path))
    for key in ("schedule", *ALIASES["schedule"]):
        if loaded is not None and (key,) in loaded.keys:
            where = loaded.where((key,), key=True)
    return [Problem("report.all_pending", where, {"count": len(entries)}, "warning")]


def figures_text(
    whole: str, totals: dict[str, int], status: Sequence[tuple[str, bool, bool]], planned: int
) -> str:
    """The overview's paragraph of figures: the counted departments' sentence, then
    which departments it leaves out, and why (no summary yet; a summary without statuses).

    ``status``: each department's name, whether it has a summary, whether it is counted.
    """
    from planmaker.completion import Figures, sentence

    text = sentence(Figures(**totals), f"{whole}各部门")
    if not any(counted for _, _, counted in status):
        return (
            f"{whole}计划安排工作{planned}项。各部门都没有填写各项工作的完成情况，完成率有待统计。"
        )
    no_summary = [name for name, summary, counted in status if not summary and not counted]
    unticked = [name for name, summary, counted in status if summary and not counted]
    plan_ticked = [name for name, summary, counted in status if not summary and counted]
    if no_summary:
        text += f"{'、'.join(no_summary)}尚无工作总结，其工作按工作计划列出，未计入以上统计。"
    if unticked:
        text += f"{'、'.join(unticked)}的工作总结没有填写各项工作的完成情况，未计入以上统计。"
    if plan_ticked:
        text += f"{'、'.join(plan_ticked)}尚无工作总结，完成情况按工作计划中填写的统计。"
    return text


def overview(
    org: str,
    period: Any,
    departments: list[str],
    terms: list[str],
    documents: dict[str, int],
    totals: dict[str, int],
    status: list[tuple[str, bool, bool]],
    planned: int,
) -> str:
    """The overview paragraphs, with the figures (docs/yaml.md §5: overview with figures).

    ``period`` is the report's (``ReportPeriod``); ``documents`` counts the plans and
    summaries by kind, ``totals`` the entries of the departments counted by status;
    ``status`` says of each
    department whether it has a summary and whether it is counted; ``planned`` is
    every entry of the period, counted or not.
    """
    semesters = [t for t in terms if t.endswith("学期")]
    years = [t for t in terms if not t.endswith("学期")]
    spans: list[str] = []
    if semesters:
        spans.append(
            "、".join(semesters) + (f"{len(semesters)}个学期" if len(semesters) > 1 else "")
        )
    spans.extend(f"{y}全年" for y in years)
    n_summaries = documents["summary"]
    made = [
        f"{word}{documents[kind]}份"
        for kind, word in (("plan", "工作计划"), ("summary", "工作总结"))
        if documents[kind]
    ]
    first = (
        f"{period.opening}，{org}{'、'.join(departments)}"
        + (f"{len(departments)}个部门" if len(departments) > 1 else "")
        + f"共形成{'、'.join(made)}，涵盖{'和'.join(spans)}。"
    )
    if not n_summaries and not any(counted for _, _, counted in status):
        second = (
            f"{period.whole}计划安排工作{planned}项。各部门尚无工作总结，"
            "完成情况有待总结后统计，以下工作按工作计划列出。"
        )
        return first + "\n\n" + second
    return first + "\n\n" + figures_text(period.whole, totals, status, planned)
