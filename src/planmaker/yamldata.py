"""Parts of a validated document back as the plain data its YAML holds.

For the files planmaker writes from documents it has read: ``new --from`` carries a
plan's trees and schedule into the next term, ``summarize`` a plan's into its summary,
``report`` the departments' work into a unit's report. The data is written by
:mod:`planmaker.yamlwriter`, and reads back as the same document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from planmaker.yamlwriter import Flow

if TYPE_CHECKING:
    from planmaker.model import Day, Entry, Node


def paragraphs_text(paras: Sequence[str]) -> str:
    """Paragraphs as one YAML text: a blank line between them (a ``|`` block if several)."""
    return "\n\n".join(paras) + ("\n" if len(paras) > 1 else "")


def node_data(node: Node) -> Any:
    """One tree node as its YAML: a plain string, or ``{title, text, items}``."""
    if node.title is None and not node.items:
        return paragraphs_text(node.text)
    data: dict[str, Any] = {}
    if node.title is not None:
        data["title"] = node.title
    if node.text:
        data["text"] = paragraphs_text(node.text)
    if node.items:
        data["items"] = [node_data(n) for n in node.items]
    return data


def spans_data(spans: Sequence[tuple[int, int]]) -> Any:
    """Weeks or months as the YAML writes them: ``4``, ``"4-5"`` or ``[9, 18]``."""
    values = [a if a == b else f"{a}-{b}" for a, b in spans]
    return values[0] if len(values) == 1 else Flow(values)


def entry_data(
    entry: Entry, unit: Literal["week", "month"], spans: Sequence[tuple[int, int]], status: bool
) -> dict[str, Any]:
    """A schedule entry as YAML data; ``status`` adds ``status: pending`` (a summary's)."""
    data: dict[str, Any] = {unit: spans_data(spans)}
    data["tasks"] = entry.tasks[0] if len(entry.tasks) == 1 else list(entry.tasks)
    if entry.owner:
        data["owner"] = entry.owner
    if entry.note:
        data["note"] = entry.note
    if status:
        data["status"] = "pending"
    return data


def day_data(day: Day) -> dict[str, Any]:
    """A holiday, event or make-up working day: ``date`` or ``start``/``end``, its name."""
    data: dict[str, Any] = (
        {"date": day.date} if day.date is not None else {"start": day.start, "end": day.last}
    )
    data["name"] = day.name
    if not day.off:
        data["off"] = False
    return data
