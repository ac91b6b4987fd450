"""The documents the LibreOffice checks read, converted to PDF in one LibreOffice run.

LibreOffice takes seconds to start, whatever it converts; so the documents of the
checks in test_libreoffice.py and test_pdf_cli.py are made as DOCX first (the DOCX
planmaker's PDF writer hands to LibreOffice) and converted together by
:func:`convert`, the way that writer calls LibreOffice (test_helpers.py checks the
two calls agree). The ``libreoffice_pdfs`` fixture in conftest.py does it once per
session. A new check over many documents adds them to :data:`DOCUMENTS`.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from helpers import FIXTURES, render_docx, write

LONG = (FIXTURES / "markdown" / "long_body.md").read_text(encoding="utf-8")
"""A long body of plain paragraphs: full pages of the GB/T 9704 grid."""

LINE = "一二三四五六七八九十" * 2 + "一二三四五六"
"""One line of body text: a first line holds 26 characters (2 are the indent)."""

LINE_COUNTS = (22, 23, 44, 45)


def _long_body(folder: Path) -> Path:
    from planmaker.markdown import parse_markdown
    from planmaker.writers.docx import DocxOptions, write_docx

    path = folder / "long_body.docx"
    path.write_bytes(write_docx(parse_markdown(LONG), DocxOptions()))
    return path


def _lines(count: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        """Hand-written notes of ``count`` one-line paragraphs, rendered by the command."""
        notes = write(folder, f"lines-{count}.md", f"{LINE}\n\n" * count)
        return render_docx(notes, out=notes.with_suffix(".docx"))

    return make


DOCUMENTS: dict[str, Callable[[Path], Path]] = {
    "long_body": _long_body,
    **{f"lines-{n}": _lines(n) for n in LINE_COUNTS},
}
"""Name → a function that writes the DOCX into a folder and returns its path."""


def command(soffice: str, profile: Path, outdir: Path, documents: list[Path]) -> list[str]:
    """The LibreOffice command line converting ``documents``, as planmaker's PDF writer
    builds it for one document."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, documents),
    ]


def convert(documents: list[Path], outdir: Path) -> list[Path]:
    """Each DOCX of ``documents`` as a PDF in ``outdir``, all in one LibreOffice run with
    a fresh profile and planmaker's font aliases."""
    from planmaker.writers.pdf import find_soffice

    soffice = find_soffice()
    assert soffice is not None, "LibreOffice (soffice) is not installed"
    fonts = resources.files("planmaker") / "data" / "fonts.conf"
    with tempfile.TemporaryDirectory(prefix="planmaker-tests-") as work:
        with resources.as_file(fonts) as fonts_conf:
            subprocess.run(
                command(soffice, Path(work) / "profile", outdir, documents),
                capture_output=True,
                env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf)},
                timeout=600,
                check=True,
            )
    pdfs = [outdir / f"{path.stem}.pdf" for path in documents]
    missing = [p.name for p in pdfs if not p.is_file()]
    assert not missing, f"LibreOffice did not write {missing}"
    return pdfs
