"""A document's 一、 sections and the order they print in (``sections``, ``order``).

Every kind has its built-in sections (a plan's guiding, goals, measures, safeguards and
schedule; a summary's achievements, completion, problems and next steps; a report's
departments, completion, problems and next steps) and may add its own in ``sections``.
Without ``order`` they print in the kind's standard order (:data:`STANDARD_ORDER`), the
extra sections before a plan's schedule, after a summary's achievements and after a
report's departments. ``order`` names every section that has content, each once, by its
built-in key (``achievements``), that key's Chinese name (主要成效), its heading as
printed (主要工作及成效, or what ``headings`` renamed it to), or an extra section's title.
``sections`` (其他部分) in ``order`` stands for the extra sections it does not name.

:func:`arrange` turns a document into its :class:`Part` list (what the templates walk);
:func:`check` lists what is wrong with ``order`` and ``headings`` for ``validate``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planmaker.errors import Location, Problem
from planmaker.keys import ALIASES

if TYPE_CHECKING:
    from planmaker.model import Document, Node

Where = Callable[..., Location]
"""Where a path of the YAML was written: ``where(("order", 2))``, ``where(path, key=True)``."""

SECTIONS = "sections"
"""The place of the extra sections in :data:`STANDARD_ORDER` and in ``order``."""

STANDARD_ORDER: dict[str, tuple[str, ...]] = {
    "plan": ("guiding", "goals", "measures", "safeguards", SECTIONS, "schedule"),
    "summary": ("achievements", SECTIONS, "completion", "problems", "next_steps"),
    "report": ("departments", SECTIONS, "completion", "problems", "next_steps"),
}
"""Each kind's 一、 sections in their standard order."""


@dataclass(frozen=True)
class Part:
    """One place in the body: a built-in section (``key``), or extra ``sections`` in a row."""

    key: str
    sections: tuple[Node, ...] = ()
    """For ``key == "sections"``: the extra sections printed here, in order."""


@dataclass
class Arranged:
    """The parts in print order, and what ``order`` got wrong (indexes into ``order``)."""

    parts: list[Part]
    unknown: list[int] = field(default_factory=list)
    """Names that match no section of this kind."""
    repeated: list[int] = field(default_factory=list)
    """Names of a section already placed."""
    left_out: list[str] = field(default_factory=list)
    """Sections with content that ``order`` does not place, by their printed heading."""


def check(
    doc: Document, shown: dict[str, str], where: Where, empty: Sequence[tuple[Any, ...]] = ()
) -> list[Problem]:
    """What is wrong with ``doc``'s ``order`` and ``headings``, located by ``where``.

    ``shown`` are the headings as printed (:func:`planmaker.context.section_labels`);
    ``empty`` the paths of keys written with no value (``headings: {measures: }``),
    which the data no longer holds. A heading left empty would print a bare 一、.
    """
    problems = [
        Problem("headings.empty", where(("headings", key)), {"key": key})
        for key, label in doc.headings.items()
        if not label
    ]
    problems += [
        Problem("headings.empty", where(path, key=True), {"key": path[1]})
        for path in empty
        if len(path) == 2 and path[0] == "headings"
    ]
    if not doc.order:
        return problems
    arranged = arrange(doc, shown)
    expected = "、".join(
        [f"{key}（{shown.get(key, key)}）" for key in builtin_keys(doc.kind)]
        + [f"“{s.title}”" for s in doc.sections if s.title]
    )
    for code, indexes in (
        ("order.unknown", arranged.unknown),
        ("order.repeated", arranged.repeated),
    ):
        problems += [
            Problem(code, where(("order", i)), {"name": doc.order[i], "expected": expected})
            for i in indexes
        ]
    problems += [
        Problem("order.left_out", where(("order",), key=True), {"name": name})
        for name in arranged.left_out
    ]
    return problems


def builtin_keys(kind: str) -> tuple[str, ...]:
    """The built-in section keys of ``kind``, in the standard order."""
    return tuple(k for k in STANDARD_ORDER[kind] if k != SECTIONS)


def has_content(doc: Document, key: str) -> bool:
    """Whether the built-in section ``key`` of ``doc`` prints anything."""
    if doc.kind == "report" and key in ("departments", "completion", "problems"):
        if key == "departments":
            return any(d.achievements or d.planned for d in doc.departments)
        if key == "completion":
            return any(d.completion.planned for d in doc.departments)
        return bool(doc.problems) or any(d.problems for d in doc.departments)
    if key in ("schedule", "completion"):
        return doc.schedule is not None and bool(doc.schedule.entries)
    return bool(getattr(doc, key))


def section_has_content(node: Node) -> bool:
    """Whether an extra section prints anything (its heading prints only with content)."""
    return bool(node.text or node.items)


def arrange(doc: Document, labels: dict[str, str]) -> Arranged:
    """The parts of ``doc`` in print order; ``labels`` are its headings as printed."""
    if not doc.order:
        return Arranged(
            [
                Part(key, tuple(doc.sections)) if key == SECTIONS else Part(key)
                for key in STANDARD_ORDER[doc.kind]
            ]
        )
    names = _names(doc.kind, labels)
    result = Arranged([])
    placed: list[str | int] = []  # built-in keys and indexes into doc.sections
    rest_at: int | None = None
    for i, name in enumerate(doc.order):
        target = _target(doc, name, names, placed)
        if target is None:
            seen = name in names or any(s.title == name for s in doc.sections)
            (result.repeated if seen else result.unknown).append(i)
        elif target == SECTIONS:
            if rest_at is not None:
                result.repeated.append(i)
            rest_at = len(placed)
            placed.append(SECTIONS)
        elif target in placed:
            result.repeated.append(i)
        else:
            placed.append(target)
    named = {p for p in placed if isinstance(p, int)}
    rest = [j for j in range(len(doc.sections)) if j not in named]
    if rest_at is not None:
        placed[rest_at : rest_at + 1] = rest
    else:
        result.left_out += [
            doc.sections[j].title or "" for j in rest if section_has_content(doc.sections[j])
        ]
    result.left_out += [
        f"{labels.get(k, k)}（{k}）"
        for k in builtin_keys(doc.kind)
        if k not in placed and has_content(doc, k)
    ]
    result.parts = _grouped(doc.sections, placed)
    return result


def _names(kind: str, labels: dict[str, str]) -> dict[str, str]:
    """Every name ``order`` may use for a built-in section of ``kind`` → its key."""
    keys = builtin_keys(kind)
    names = {labels[key]: key for key in reversed(keys) if labels.get(key)}
    for key in keys:  # a heading as printed wins over another key's Chinese name
        for name in ALIASES.get(key, ()):
            names.setdefault(name, key)
    for name in ALIASES[SECTIONS]:
        names[name] = SECTIONS
    return names


def _target(
    doc: Document, name: str, names: dict[str, str], placed: Sequence[str | int]
) -> str | int | None:
    """What ``name`` places: a built-in key, an extra section's index, ``sections``, or None.

    An English key wins; then the first extra section of that title not yet placed (two
    sections of one title are named twice); then a heading as printed; then a key's
    Chinese name (工作措施 is a measures' name, unless a heading is printed so).
    """
    if name in builtin_keys(doc.kind) or name == SECTIONS:
        return name
    for j, section in enumerate(doc.sections):
        if section.title == name and j not in placed:
            return j
    return names.get(name)


def _grouped(sections: Sequence[Node], placed: Sequence[str | int]) -> list[Part]:
    """Parts from placed keys and section indexes; sections in a row make one part."""
    parts: list[Part] = []
    for item in placed:
        if isinstance(item, str):
            parts.append(Part(item))
        elif parts and parts[-1].key == SECTIONS:
            parts[-1] = Part(SECTIONS, (*parts[-1].sections, sections[item]))
        else:
            parts.append(Part(SECTIONS, (sections[item],)))
    return parts
