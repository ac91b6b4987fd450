"""A unit's 年度工作总结 / 学年工作总结 composed from its plans and summaries (``planmaker report``).

The report is written as a kind ``report`` YAML (docs/yaml.md §5) that the unit can edit and
render again; its DOCX is always rendered from that YAML as it stands.

What goes in (for one period: a calendar year, or a school year):

* The documents: every plan and summary found, grouped by ``org``. A term belongs to
  the calendar year its middle day falls in (semester 2 of 2025—2026 is spring 2026;
  semester 1 is autumn 2025), a year plan or summary to its ``year``. For a school
  year, the terms and the 学年 documents of that school year count and calendar-year
  documents are listed as not counted; for a calendar year, 学年 documents are listed
  as not counted. Documents of kind ``report`` are never inputs.
* Departments: by ``department``; a document without one belongs to 综合. Departments
  appear in the order their first document is met.
* Counting, per department and term: the summary's schedule if it has one, else the
  plan's, so nothing is counted twice; each entry counts once
  (:func:`planmaker.completion.completion`). A department none of whose documents writes
  a ``status`` on any entry (plans never ticked, no summary) is not counted: it has no
  ``completion``, prints “—” and stays out of the total, and the overview says so. The
  counted entries not done become the department's ``unfinished``, with their term.
* Text: a department's achievements come from its summaries (with the sections a
  summary has of its own); the measures (or, lacking them, the goals) of the plans of
  terms it has no summary for become ``planned``, which the template marks as planned
  work. Its problems come from its summaries; the next steps of each department's
  latest summary become the report's 下一年度工作思路. Repeated items are kept once;
  merged from several terms, each carries its term (:mod:`planmaker.report_parts`).
* A summary whose entries are all still pending is counted, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planmaker import numbering, report_parts
from planmaker.completion import has_status
from planmaker.errors import Location, PlanError, Problem
from planmaker.filenames import safe_name
from planmaker.periods import calendar_year, sort_key
from planmaker.yamldata import node_data
from planmaker.yamlwriter import dump

if TYPE_CHECKING:
    from planmaker.loader import Loaded
    from planmaker.model import Document, Node
    from planmaker.output import Inputs
    from planmaker.pipeline import RenderOptions

GENERAL_DEPARTMENT = "综合"
"""The department of a document that names none."""

REPORT_HEADER = """\
# {title}
# 由 planmaker report 根据各部门的工作计划和工作总结汇总生成，可直接修改。
# 改好后重新生成文档：planmaker render "{name}"
# 再次运行 planmaker report 不会覆盖本文件（除非加 --force）。
"""


@dataclass(frozen=True)
class ReportPeriod:
    """The period a report covers: a calendar ``year`` or a ``school_year``."""

    year: int | None = None
    school_year: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        """2026年度 or 2025—2026学年 (as in the report's title)."""
        if self.year is not None:
            return f"{self.year}年度"
        assert self.school_year is not None
        return numbering.format_school_year(*self.school_year)

    @property
    def opening(self) -> str:
        """The overview's first words: 2026年 or 2025—2026学年."""
        return f"{self.year}年" if self.year is not None else self.label

    @property
    def whole(self) -> str:
        """全年 or 全学年."""
        return "全年" if self.year is not None else "全学年"

    def yaml(self) -> dict[str, int | str]:
        if self.year is not None:
            return {"year": self.year}
        assert self.school_year is not None
        return {"school_year": "{}-{}".format(*self.school_year)}


@dataclass(frozen=True)
class Found:
    """One validated input document and its file."""

    path: Path
    doc: Document
    loaded: Loaded | None = None
    """Where each piece of the file was written."""
    placeholders: tuple[Problem, ...] = ()
    """What the file still holds of its scaffold (:mod:`planmaker.unfilled`)."""


@dataclass
class UnitReport:
    """One unit's report: its file stem (the composed title), YAML data and sources."""

    org: str
    title: str
    data: dict[str, Any]
    sources: list[Path]

    @property
    def file_stem(self) -> str:
        """The title as a file name (:mod:`planmaker.filenames`), room left for a suffix."""
        return safe_name(self.title, room=len(".docx"), fallback="report")

    def yaml_text(self) -> str:
        """The report YAML: a comment header, then the data in docs/yaml.md §5's order."""
        header = REPORT_HEADER.format(title=self.title, name=self.file_stem + ".yaml")
        return header + dump(self.data)


@dataclass
class Collected:
    """Everything ``report`` found: the reports to write and what it did not count."""

    units: list[UnitReport] = field(default_factory=list)
    idle_units: list[str] = field(default_factory=list)
    """Units with plans or summaries, none of them in the period."""
    not_counted: list[Path] = field(default_factory=list)
    """Calendar-year documents, when the period is a school year."""
    skipped_reports: list[Path] = field(default_factory=list)
    """Inputs of kind ``report`` (earlier reports), never counted."""
    inputs: list[Path] = field(default_factory=list)
    """Every plan and summary read, counted or not: no report may be written over one."""
    notices: list[Problem] = field(default_factory=list)
    """Duplicates: a department with two summaries (or plans) for the same term; summaries
    whose entries are all still pending."""
    unfilled: list[Problem] = field(default_factory=list)
    """Inputs left out because they still hold placeholders: the first of each."""


def load_documents(files: Iterable[Path]) -> list[Found]:
    """Validate every file; PlanError with the problems of all bad files at once."""
    from planmaker.source import read_source
    from planmaker.unfilled import read_document

    found: list[Found] = []
    problems: list[Problem] = []
    for path in files:
        try:
            read = read_document(read_source(path), strict=False)
            found.append(Found(path, read.doc, read.loaded, tuple(read.placeholders)))
        except PlanError as err:
            problems.extend(err.in_file(str(path)).problems)
    if problems:
        raise PlanError.of(problems)
    return found


def collect(
    found: Sequence[Found], period: ReportPeriod, today: date, *, draft: bool = False
) -> Collected:
    """The reports of ``period``, one per unit with documents in it (see the module docstring).

    An input that still holds placeholders is not counted (``report.unfilled``), unless
    ``draft``.
    """
    result = Collected()
    units: dict[str, list[Found]] = {}
    every_org: dict[str, None] = {}
    for item in found:
        doc = item.doc
        if doc.kind == "report":
            result.skipped_reports.append(item.path)
            continue
        result.inputs.append(item.path)
        every_org.setdefault(doc.org)
        if _other_span(doc, period):
            result.not_counted.append(item.path)
            continue
        if _in_period(doc, period):
            if item.placeholders and not draft:
                result.unfilled.append(report_parts.unfilled_notice(item.placeholders))
                continue
            units.setdefault(doc.org, []).append(item)
            result.notices.extend(report_parts.pending_notice(item.path, doc, item.loaded))
    result.idle_units = [org for org in every_org if org not in units]
    for org, items in units.items():
        data, notices = _compose(org, items, period, today)
        result.units.append(
            UnitReport(org, f"{org}{period.label}工作总结", data, [i.path for i in items])
        )
        result.notices.extend(notices)
    return result


def term_year(doc: Document) -> int | None:
    """The calendar year a document belongs to (:func:`planmaker.periods.calendar_year`)."""
    return calendar_year(doc.period)


def _other_span(doc: Document, period: ReportPeriod) -> bool:
    """A document of the other kind of span: a calendar year's under a school year, a
    学年 document under a calendar year. Such documents are listed as not counted."""
    if period.school_year is not None:
        return doc.period.year is not None
    return doc.period.kind == "school_year"


def _in_period(doc: Document, period: ReportPeriod) -> bool:
    if period.year is not None:
        return term_year(doc) == period.year
    return doc.period.school_year == period.school_year


COUNT_KEYS = ("planned", "done", "partial", "cancelled", "pending")
"""The figures of ``completion`` in a report, in the order of docs/yaml.md §5."""


@dataclass
class _Term:
    """One department's documents for one term (or one calendar year)."""

    key: tuple[date, int]
    label: str
    summaries: list[Found] = field(default_factory=list)
    plans: list[Found] = field(default_factory=list)

    @property
    def name(self) -> str:  # 2026年春季学期: the label of what comes from this term
        return report_parts.term_label((self.summaries or self.plans)[0].doc)

    def source(self) -> Found | None:
        """The document counted: the summary with a schedule if any, else such a plan."""
        return next((s for s in self.summaries if s.doc.schedule), None) or next(
            (p for p in self.plans if p.doc.schedule), None
        )

    def counted(self) -> dict[str, int]:
        """The term's figures: the summary's schedule if it has one, else the plan's."""
        from planmaker.completion import completion

        source = self.source()
        if source is None or source.doc.schedule is None:
            return dict.fromkeys(COUNT_KEYS, 0)
        figures = completion(source.doc.schedule.entries)
        return {k: getattr(figures, k) for k in COUNT_KEYS}

    def unfinished(self) -> list[dict[str, Any]]:
        """The counted entries not done, each with this term's name."""
        source = self.source()
        return report_parts.unfinished_data(source.doc, self.name) if source else []


@dataclass
class _Department:
    """One department's documents in the period, by term."""

    name: str
    terms: dict[tuple[date, int], _Term] = field(default_factory=dict)

    def add(self, item: Found) -> None:
        key, label = _term_of(item.doc)
        term = self.terms.setdefault(key, _Term(key, label))
        (term.summaries if item.doc.kind == "summary" else term.plans).append(item)

    def in_order(self) -> list[_Term]:
        return sorted(self.terms.values(), key=lambda t: t.key)

    @property
    def has_summary(self) -> bool:
        return any(t.summaries for t in self.terms.values())

    @property
    def has_status(self) -> bool:
        """Whether any entry of its documents says its status: only then is it counted."""
        return any(
            item.doc.schedule is not None and has_status(item.doc.schedule.entries)
            for term in self.terms.values()
            for item in (*term.summaries, *term.plans)
        )

    def problems(self) -> list[tuple[Any, str]]:
        """Its summaries' problems, each with its term's name."""
        return [
            (node_data(n), term.name)
            for term in self.in_order()
            for s in term.summaries
            for n in s.doc.problems
        ]

    def entry(self, *, with_terms: bool) -> dict[str, Any]:
        """The department as the report YAML holds it (docs/yaml.md §5).

        ``with_terms``: its problems carry their terms (they are merged from several).
        A department whose documents say no status has no ``completion``.
        """
        achievements: list[Any] = []
        planned: list[Any] = []
        counts = dict.fromkeys(COUNT_KEYS, 0)
        unfinished: list[dict[str, Any]] = []
        for term in self.in_order():
            for s in term.summaries:
                _extend_unique(achievements, report_parts.summary_nodes(s.doc))
            if not term.summaries:
                for p in term.plans:
                    _extend_unique(planned, p.doc.measures or p.doc.goals)
            for k, n in term.counted().items():
                counts[k] += n
            unfinished.extend(term.unfinished())
        entry: dict[str, Any] = {"name": self.name}
        for key, nodes in (("achievements", achievements), ("planned", planned)):
            if nodes:
                entry[key] = nodes
        if problems := report_parts.labelled(self.problems(), with_terms):
            entry["problems"] = problems
        if self.has_status:
            entry["completion"] = counts
            if unfinished:
                entry["unfinished"] = unfinished
        return entry

    def latest_next_steps(self) -> list[tuple[Any, str]]:
        """The next steps of the department's latest summary that has any, with its term."""
        steps: list[tuple[Any, str]] = []
        for term in self.in_order():
            for s in term.summaries:
                steps = [(node_data(n), term.name) for n in s.doc.next_steps] or steps
        return steps

    def duplicates(self) -> list[Problem]:
        """A notice for each second summary (or plan) of the same term."""
        return [
            Problem(
                "report.duplicate",
                Location(str(extra.path)),
                {
                    "department": self.name,
                    "period": term.label,
                    "kind": kind,
                    "other": str(docs[0].path),
                },
                severity="warning",
            )
            for term in self.in_order()
            for kind, docs in (("summary", term.summaries), ("plan", term.plans))
            for extra in docs[1:]
        ]


def _term_of(doc: Document) -> tuple[tuple[date, int], str]:
    """A sortable key and the name of a document's term: 2025—2026学年第二学期, 2026年."""
    from planmaker.context import period_text

    return sort_key(doc.period), period_text(doc)


def _compose(
    org: str, items: list[Found], period: ReportPeriod, today: date
) -> tuple[dict[str, Any], list[Problem]]:
    """The report data of one unit, and notices about duplicate documents."""
    departments: dict[str, _Department] = {}
    for item in items:
        name = item.doc.department or GENERAL_DEPARTMENT
        departments.setdefault(name, _Department(name)).add(item)
    depts = list(departments.values())
    several = len({term for d in depts for _, term in d.problems()}) > 1
    entries = [d.entry(with_terms=several) for d in depts]
    steps = [step for d in depts for step in d.latest_next_steps()]
    next_steps = report_parts.labelled(steps, len({term for _, term in steps}) > 1)
    terms = dict(sorted({t.key: t.label for d in depts for t in d.terms.values()}.items()))
    overview = report_parts.overview(
        org,
        period,
        [d.name for d in depts],
        list(terms.values()),
        {kind: sum(i.doc.kind == kind for i in items) for kind in ("plan", "summary")},
        {k: sum(e["completion"][k] for e in entries if "completion" in e) for k in COUNT_KEYS},
        [(d.name, d.has_summary, d.has_status) for d in depts],
        sum(t.counted()["planned"] for d in depts for t in d.terms.values()),
    )
    data: dict[str, Any] = {
        "kind": "report",
        "org": org,
        "period": period.yaml(),
        "overview": overview,
        "departments": entries,
        "problems": [],
        "next_steps": next_steps,
        "signature": {"name": org, "date": today},
    }
    return data, [n for d in depts for n in d.duplicates()]


def _extend_unique(target: list[Any], nodes: Iterable[Node]) -> None:
    for node in nodes:
        data = node_data(node)
        if data not in target:
            target.append(data)


@dataclass
class Written:
    """What ``write_report`` did for one unit."""

    yaml_path: Path
    kept: bool = False
    """True when an existing YAML was kept (no ``--force``)."""
    yaml_written: bool = False
    output: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check_names(units: Sequence[UnitReport]) -> None:
    """PlanError ``report.name_clash`` when two units would write the same file."""
    first: dict[str, UnitReport] = {}
    problems: list[Problem] = []
    for unit in units:
        key = unit.file_stem.casefold()
        if key in first:
            problems.append(
                Problem(
                    "report.name_clash",
                    Location(str(unit.sources[0])),
                    {"org": unit.org, "other": first[key].org, "name": unit.file_stem},
                )
            )
        first.setdefault(key, unit)
    if problems:
        raise PlanError.of(problems)


def run_inputs(collected: Collected, opts: RenderOptions) -> Inputs:
    """The files a report run reads, which none of its reports may replace."""
    from planmaker.output import Inputs

    return Inputs.of([*collected.inputs, *opts.input_files()])


def write_report(
    unit: UnitReport,
    outdir: Path,
    *,
    force: bool,
    opts: RenderOptions,
    inputs: Inputs | None = None,
) -> Written:
    """Write ``unit``'s YAML (kept if it exists, unless ``force``) and render it.

    The document is rendered from the YAML file as it stands, so a unit's edits
    survive a re-run. Neither file may be one of the ``inputs`` (the plans and
    summaries read, and the options' files: :func:`run_inputs`), whatever ``force`` says
    (``report.output_is_input``); a YAML kept must be a report
    (``report.kept_not_report``), never a plan or summary that happens to bear the name.
    Every problem is returned, not raised, so that the other units go on.
    """
    from planmaker.output import Inputs, output_exists, write_atomic
    from planmaker.pipeline import load_file, render_file

    yaml_path = outdir / (unit.file_stem + ".yaml")
    output = outdir / f"{unit.file_stem}.{opts.format}"
    written = Written(yaml_path)
    protected = inputs or Inputs()
    try:
        for path in (yaml_path, output):
            if protected.holds(path):
                raise PlanError("report.output_is_input", Location(str(path)))
        written.kept = output_exists(yaml_path) and not force
        if written.kept:
            kind = load_file(yaml_path).kind
            if kind != "report":
                written.kept = False
                raise PlanError("report.kept_not_report", Location(str(yaml_path)), kind=kind)
        else:
            write_atomic(yaml_path, unit.yaml_text().encode("utf-8"), protect=protected)
            written.yaml_written = True
        rendered = render_file(yaml_path, opts)
        write_atomic(output, rendered.data, protect=yaml_path)
    except PlanError as err:
        written.problems = err.in_file(str(yaml_path)).problems
        return written
    written.output = output
    written.warnings = rendered.warnings
    return written
