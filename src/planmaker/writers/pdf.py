"""Markdown tokens → PDF: the DOCX, converted by LibreOffice running headless.

Each conversion runs ``soffice`` with a profile directory of its own (parallel batch
workers would otherwise fight over one user profile and fail), a time limit, and
planmaker's fontconfig file, which maps the Chinese face names of the DOCX to the
Noto CJK faces of a Linux machine (docs/gbt9704.md §13).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from planmaker.errors import PlanError
from planmaker.writers.docx import write_docx
from planmaker.writers.options import DocxOptions

if TYPE_CHECKING:
    from markdown_it.token import Token

TIME_LIMIT_SECONDS = 120
"""How long one conversion may take before it counts as failed."""

_PROGRAMS = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` (or ``libreoffice``) on PATH, ``None`` if absent."""
    for name in _PROGRAMS:
        found = shutil.which(name)
        if found is not None:
            return found
    return None


def write_pdf(tokens: list[Token], opts: DocxOptions) -> bytes:
    """The PDF of ``tokens``: :func:`write_docx`'s document as LibreOffice lays it out.

    Raises ``PlanError("pdf.no_libreoffice")`` when LibreOffice is not installed and
    ``PlanError("pdf.failed", detail=...)`` when the conversion fails or takes longer
    than :data:`TIME_LIMIT_SECONDS`.
    """
    soffice = find_soffice()
    if soffice is None:
        raise PlanError("pdf.no_libreoffice")
    document = write_docx(tokens, opts)
    with tempfile.TemporaryDirectory(prefix="planmaker-pdf-") as work:
        folder = Path(work)
        source = folder / "plan.docx"
        source.write_bytes(document)
        profile = folder / "profile"
        with resources.as_file(resources.files("planmaker") / "data" / "fonts.conf") as fonts:
            command = [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ]
            env = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
            try:
                done = subprocess.run(
                    command,
                    capture_output=True,
                    env=env,
                    timeout=TIME_LIMIT_SECONDS,
                    check=False,
                )
            except subprocess.TimeoutExpired as err:
                raise PlanError(
                    "pdf.failed", detail=f"timeout after {TIME_LIMIT_SECONDS} s"
                ) from err
            except OSError as err:
                raise PlanError("pdf.failed", detail=str(err)) from err
        result = folder / "plan.pdf"
        if done.returncode != 0 or not result.is_file():
            output = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise PlanError("pdf.failed", detail=output or f"exit status {done.returncode}")
        return result.read_bytes()
