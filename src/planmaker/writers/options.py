"""The writers' options: a module of its own, so that the writers' table
(``planmaker.writers``) and the writers themselves both import it and neither
imports the other for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
