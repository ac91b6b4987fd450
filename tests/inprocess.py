"""Run the planmaker command line in this process, as a user would type it.

``run(capsys, "render", path)`` goes through the same edge as the ``planmaker``
command (:func:`planmaker.cli.run`): Chinese messages, exit codes 0 / 1 / 2, never a
traceback. Standard output and error are taken from pytest's ``capsys``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import docx

from planmaker.cli import run as run_cli


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(capsys, *args: str | os.PathLike[str]) -> Result:
    """Run ``planmaker ARGS``; its exit code and what it printed."""
    capsys.readouterr()
    code = run_cli([str(a) for a in args])
    out, err = capsys.readouterr()
    return Result(code, out, err)


def body(path: Path) -> list[tuple[str, str]]:
    """The DOCX's non-empty paragraphs as (style id, text), in document order.

    Paragraphs inside tables count too (a table's cells are ``PlanTable`` paragraphs),
    since the writer may keep the last lines and the signature together in a table.
    """
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    paragraphs = [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]
    return [(p.style.style_id, p.text) for p in paragraphs if p.text.strip()]


def headings(path: Path, level: int = 1) -> list[str]:
    """The texts of the DOCX's headings of ``level`` (1 = 一、), in order."""
    return [text for style, text in body(path) if style == f"PlanHeading{level}"]
