"""What a file still holds of its scaffold, or slipped past YAML unnoticed.

* Placeholders: the texts ``new`` and ``summarize`` write for the user to replace
  (“（请填写……）” and the others of :data:`planmaker.placeholders.TEXTS`), and any text
  that starts with “（请填写”. Left in a file they would print in the document as they are, so
  ``check``, ``render`` and ``batch`` refuse them (``placeholder.left``, each at its
  line and column); ``--draft`` renders anyway and warns (``placeholder.draft``);
  ``report`` leaves such an input out of its figures.
* A list item YAML folded into the text before it: ``- 备课`` followed by a line
  ``    - 上课`` indented deeper is one text, “备课 - 上课”, not two items
  (``yaml.folded_item``, a warning at the folded line; see ``Loaded.folded``).
* No 成文日期: the day of rendering is printed, a new one each time the file is
  rendered (``signature.no_date``, a warning naming the date used).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from planmaker.errors import Location, PlanError, Problem

if TYPE_CHECKING:
    from planmaker.loader import Loaded, Path
    from planmaker.model import Document
    from planmaker.source import SourceText

PLACEHOLDER_START = "（请填写"
"""Every text that starts so is a placeholder, whether or not ``new`` wrote it."""
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TRIM = " \t\u3000\ufeff"


def is_placeholder(line: str) -> bool:
    """Whether one line of a text is a placeholder (module docstring)."""
    from planmaker.placeholders import TEXTS

    text = line.strip(_TRIM)
    return text.startswith(PLACEHOLDER_START) or text in TEXTS


def find_placeholders(loaded: Loaded, text: str) -> list[Problem]:
    """``placeholder.left`` at each value of ``loaded`` that still holds a placeholder.

    ``text`` is the file's text: a placeholder in a block of several lines (``|``) is
    reported at its own line, not at the ``|``.
    """
    rows: list[str] | None = None
    problems = []
    marks = _first_characters()

    def may_hold(value: str) -> bool:  # no placeholder starts with a character it lacks
        return marks is None or any(mark in value for mark in marks)

    for path, value in _texts(loaded.data, (), may_hold):
        found = next((line for line in _LINE_BREAK.split(value) if is_placeholder(line)), None)
        if found is None:
            continue
        where = loaded.where(path)
        rows = _LINE_BREAK.split(text) if rows is None else rows
        problems.append(
            Problem("placeholder.left", _line_of(found, rows, where), {"text": found.strip(_TRIM)})
        )
    return problems


@cache
def _first_characters() -> frozenset[str] | None:
    """The characters a placeholder line starts with, once trimmed; None if one is empty."""
    from planmaker.placeholders import TEXTS

    firsts = {t.strip(_TRIM)[:1] for t in (*TEXTS, PLACEHOLDER_START)}
    return None if "" in firsts else frozenset(firsts)


def _texts(value: Any, path: Path, keep: Callable[[str], bool]) -> list[tuple[Path, str]]:
    """Every text in ``value`` that ``keep`` keeps, with its path, in the order written."""
    if isinstance(value, str):
        return [(path, value)] if keep(value) else []
    found: list[tuple[Path, str]] = []

    def walk(node: Any, at: Path) -> None:
        for key, child in node.items() if isinstance(node, dict) else enumerate(node):
            if isinstance(child, str):
                if keep(child):
                    found.append(((*at, key), child))
            elif isinstance(child, (dict, list)):
                walk(child, (*at, key))

    if isinstance(value, (dict, list)):
        walk(value, path)
    return found


def _line_of(found: str, rows: list[str], where: Location) -> Location:
    """The line (from the value's own line on) where the text ``found`` is written."""
    needle = found.strip(_TRIM)
    start = (where.line or 1) - 1
    for n in range(start, len(rows)):
        col = rows[n].find(needle)
        if col >= 0:
            return Location(where.file, n + 1, col + 1)
    return where


def folded_items(loaded: Loaded) -> list[Problem]:
    """``yaml.folded_item`` warnings for the list items YAML folded into a text."""
    return [
        Problem("yaml.folded_item", Location(loaded.file, line, col), {"text": text}, "warning")
        for (line, col), text in sorted(loaded.folded.items())
    ]


def missing_date(doc: Document, loaded: Loaded, today: date) -> list[Problem]:
    """``signature.no_date`` when the document prints a 成文日期 it does not give."""
    from planmaker import numbering

    signature = doc.signature
    if not signature or getattr(signature, "date", None) is not None:
        return []
    where = Location(loaded.file)
    for key in ("signature", "落款"):
        if (key,) in loaded.keys:
            where = loaded.where((key,), key=True)
    params = {"date": numbering.format_date(today, doc.date_style), "iso": today.isoformat()}
    return [Problem("signature.no_date", where, params, "warning")]


def as_warning(problem: Problem) -> Problem:
    """A placeholder rendered anyway (``--draft``): the same place, a warning's words."""
    return replace(problem, code="placeholder.draft", severity="warning")


@dataclass
class Read:
    """A validated document and what this module found in its file."""

    doc: Document
    loaded: Loaded
    placeholders: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Folded list items."""


def read_document(source: SourceText, *, strict: bool) -> Read:
    """Load and validate ``source``, and look for placeholders and folded list items.

    Raises PlanError with every validation problem; with ``strict``, the placeholders
    are problems too (listed with the others, by line), so a file that holds one
    raises even when it is otherwise valid.
    """
    from planmaker.loader import load_yaml
    from planmaker.validate import validate

    loaded = load_yaml(source.text, source.path)
    holes = find_placeholders(loaded, source.text)
    try:
        doc = validate(loaded)
    except PlanError as err:
        if strict and holes:
            raise _by_line([*err.problems, *holes]) from None
        raise
    if strict and holes:
        raise _by_line(holes)
    return Read(doc, loaded, holes, folded_items(loaded))


def _by_line(problems: list[Problem]) -> PlanError:
    return PlanError.of(sorted(problems, key=lambda p: (p.where.line or 0, p.where.col or 0)))
