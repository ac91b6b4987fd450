"""Older office files (.doc, .wps, .odt, .rtf) to a .docx, through LibreOffice running headless.

The file's bytes (already read within their size limit) are copied into a private
temporary folder under a plain name, so that neither the user's file name nor the
folder it sits in reaches LibreOffice's command line, and converted there. Like the
PDF writer, each run has a LibreOffice profile of its own (two conversions at once
would otherwise fight over one) and a time limit; a LibreOffice still running at the
limit is stopped with everything it started. The .docx it writes is then read like
any other (:mod:`planmaker.importer.read`), checks included.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from planmaker.errors import Location, PlanError
from planmaker.intake import DOCX_MAX_BYTES, read_limited

TIME_LIMIT_SECONDS = 60
"""How long one conversion may take before it counts as failed."""


def convert_to_docx(data: bytes, file: str, suffix: str) -> bytes:
    """The bytes of the .docx LibreOffice makes of ``data`` (a ``suffix`` file read from
    ``file``).

    Raises PlanError ``import.no_libreoffice`` when LibreOffice is not installed and
    ``import.convert_failed`` (with LibreOffice's words) when it fails, writes nothing
    or takes longer than :data:`TIME_LIMIT_SECONDS`; both located at ``file``.
    """
    from planmaker.writers.pdf import find_soffice, soffice_command

    soffice = find_soffice()
    if soffice is None:
        raise PlanError("import.no_libreoffice", Location(file), suffix=suffix)
    with (
        tempfile.TemporaryDirectory(prefix="planmaker-import-") as work,
        tempfile.TemporaryDirectory(prefix="planmaker-soffice-") as profile,
    ):
        source = Path(work) / f"document{suffix}"
        source.write_bytes(data)
        outdir = Path(work) / "converted"
        command = soffice_command(soffice, Path(profile), "docx:MS Word 2007 XML", outdir, [source])
        said = _run(command, file)
        result = outdir / "document.docx"
        if not result.is_file():
            raise PlanError("import.convert_failed", Location(file), detail=said or "没有写出文件")
        return read_limited(result, DOCX_MAX_BYTES, "import")


def _run(command: list[str], file: str) -> str:
    """Run LibreOffice; what it said. Stopped, with what it started, at the time limit."""
    posix = sys.platform != "win32"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=posix,  # its own process group, stopped whole
        )
    except OSError as err:
        raise PlanError("import.convert_failed", Location(file), detail=str(err)) from None
    try:
        out, _ = process.communicate(timeout=TIME_LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        _stop(process, posix)
        detail = f"超过 {TIME_LIMIT_SECONDS} 秒"
        raise PlanError("import.convert_failed", Location(file), detail=detail) from None
    except BaseException:
        _stop(process, posix)
        raise
    return out.decode("utf-8", "replace").strip()


def _stop(process: subprocess.Popen[bytes], posix: bool) -> None:
    if posix:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            process.kill()
    else:
        process.kill()
    process.communicate()
