"""Markdown tokens → PDF: the DOCX, converted by LibreOffice running headless.

Each conversion runs ``soffice`` with a profile directory of its own (parallel batch
workers would otherwise fight over one user profile and fail), a time limit, and
planmaker's fontconfig file, which maps the Chinese face names of the DOCX to the
Noto CJK faces of a Linux machine (docs/layout.md §13). :func:`convert_to_pdf`
converts many DOCX files in one LibreOffice start, which costs seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from planmaker.errors import PlanError
from planmaker.writers.docx import write_docx
from planmaker.writers.options import DocxOptions

if TYPE_CHECKING:
    from markdown_it.token import Token

TIME_LIMIT_SECONDS = 120
"""How long the conversion of one document may take before it counts as failed."""

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
    document = write_docx(tokens, opts)
    with tempfile.TemporaryDirectory(prefix="planmaker-pdf-") as work:
        source = Path(work) / "plan.docx"
        source.write_bytes(document)
        (result,) = convert_to_pdf([source], Path(work))
        return result.read_bytes()


def soffice_command(
    soffice: str, profile: Path, target: str, outdir: Path, sources: Sequence[Path]
) -> list[str]:
    """LibreOffice converting ``sources`` to ``target`` (``pdf``) into ``outdir``, headless,
    with its own user profile in the folder ``profile`` (so runs never share one)."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]


def convert_to_pdf(sources: Sequence[Path], outdir: Path) -> list[Path]:
    """Convert the DOCX files ``sources`` to ``outdir/<stem>.pdf`` in one LibreOffice run;
    the PDFs' paths, in order (stems must differ).

    The run may take :data:`TIME_LIMIT_SECONDS` per document. Raises the errors of
    :func:`write_pdf`; a document LibreOffice did not convert is a failure.
    """
    soffice = find_soffice()
    if soffice is None:
        raise PlanError("pdf.no_libreoffice")
    results = [outdir / f"{Path(source).stem}.pdf" for source in sources]
    for result in results:  # a PDF left from before must not pass for a conversion
        result.unlink(missing_ok=True)
    time_limit = TIME_LIMIT_SECONDS * max(1, len(sources))
    with (
        tempfile.TemporaryDirectory(prefix="planmaker-soffice-") as profile,
        resources.as_file(resources.files("planmaker") / "data" / "fonts.conf") as fonts,
    ):
        command = soffice_command(soffice, Path(profile), "pdf", outdir, sources)
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
        try:
            done = subprocess.run(
                command, capture_output=True, env=env, timeout=time_limit, check=False
            )
        except subprocess.TimeoutExpired as err:
            raise PlanError("pdf.failed", detail=f"超过 {time_limit} 秒仍未完成") from err
        except OSError as err:
            raise PlanError("pdf.failed", detail=str(err)) from err
    if done.returncode != 0 or not all(result.is_file() for result in results):
        output = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
        raise PlanError("pdf.failed", detail=output or f"退出码 {done.returncode}")
    return results
