"""Output formats: one writer per format name, all reading the Markdown token stream.

``md`` is the Markdown itself and never reaches a writer. The writers' modules (and
python-docx with them) are imported only when a writer is called, so importing this
table stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from planmaker.errors import PlanError
from planmaker.writers.options import DocxOptions

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["WRITERS", "DocxOptions", "get_writer", "write_docx", "write_pdf", "write_text"]


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
