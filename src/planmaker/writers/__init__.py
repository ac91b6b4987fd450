"""Output formats: one writer per format name, all reading the Markdown token stream.

``md`` is the Markdown itself and never reaches a writer. The writers' modules (and
python-docx with them) are imported only when a writer is called, so importing this
table stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from planmaker.errors import PlanError

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(frozen=True)
class DocxOptions:
    """What the DOCX writer (and the PDF writer through it) takes besides the tokens.

    ``reference_docx``: a unit's own DOCX whose styles, page setup, headers and
    footers replace planmaker's (``None``: GB/T 9704 defaults only).
    ``created``: the core properties' created/modified time (``None``: a fixed epoch,
    so output is reproducible); a naive value is taken as UTC.
    """

    reference_docx: bytes | None = None
    created: datetime | None = None


def write_docx(tokens: list[Token], opts: DocxOptions) -> bytes:
    """The DOCX (GB/T 9704 layout); see :func:`planmaker.writers.docx.write_docx`."""
    from planmaker.writers.docx import write_docx as write

    return write(tokens, opts)


def write_text(tokens: list[Token], opts: DocxOptions | None = None) -> str:
    """Plain text; ``opts`` is ignored. See :func:`planmaker.writers.text.write_text`."""
    from planmaker.writers.text import write_text as write

    return write(tokens)


def write_pdf(tokens: list[Token], opts: DocxOptions) -> bytes:
    """The DOCX converted by LibreOffice; see :func:`planmaker.writers.pdf.write_pdf`."""
    from planmaker.writers.pdf import write_pdf as write

    return write(tokens, opts)


WRITERS: dict[str, Callable[..., Any]] = {
    "docx": write_docx,
    "txt": write_text,
    "pdf": write_pdf,
}
"""Format name → writer. Each takes ``(tokens, opts)``; docx and pdf return bytes, txt
returns text."""


def get_writer(name: str) -> Callable[..., Any]:
    """The writer of format ``name``; ``PlanError("output.unknown_format")`` if none."""
    try:
        return WRITERS[name]
    except KeyError:
        raise PlanError("output.unknown_format", format=name) from None
