"""A file given to ``import`` read as :class:`~planmaker.importer.blocks.Source`, by its kind.

The suffix says what the file should be (.docx; .txt and .md; .doc, .wps, .odt and .rtf,
converted through LibreOffice); the first bytes say what it is, and they win where the
two disagree in a way that can still be read: a Word 97 file saved with a .docx name is
converted, a .doc that is really a .docx is read directly. What cannot be read is
refused by name, before anything is written:

* a PDF (whatever its suffix): to be saved as .docx from Word or WPS;
* an empty file, or one with no text in it;
* a password-protected .docx: Word keeps it as an encrypted package inside an OLE file
  (it starts ``D0 CF 11 E0``, not ``PK``), which nothing can read without the password;
* a .docx that is not a ZIP, or a ZIP that is not a Word document, or one that fails
  the package checks of :mod:`planmaker.docx_input` (zip bombs, DTDs, names outside the
  package), each with what to do;
* a file of another kind.

Sizes are limited per kind before anything is parsed: text as YAML (2 MB), office
files 50 MB on disk.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from planmaker.errors import Location, PlanError
from planmaker.importer.blocks import Block, Source
from planmaker.intake import DOCX_MAX_BYTES, read_limited

DOCX_SUFFIXES = (".docx",)
TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
LEGACY_SUFFIXES = (".doc", ".wps", ".odt", ".rtf")
IMPORT_SUFFIXES = DOCX_SUFFIXES + TEXT_SUFFIXES + MARKDOWN_SUFFIXES + LEGACY_SUFFIXES
"""The suffixes ``import`` reads (a folder is searched for these)."""

CONVERTED = "import.converted"
"""The note a Source carries when LibreOffice converted the file first."""

_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF = b"%PDF"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
"""The stream an encrypted .docx keeps its package in (a name in the OLE directory)."""
_PACKAGE_CODES = {
    "docx.bad_reference": "import.bad_docx",
    "docx.too_many_parts": "import.too_many_parts",
    "docx.part_too_large": "import.part_too_large",
    "docx.too_large_inflated": "import.too_large_inflated",
    "docx.unsafe_member": "import.unsafe_member",
    "docx.dtd": "import.dtd",
}
"""The package checks' codes (worded for a reference document) → the same for an import."""


def read_document(path: str | os.PathLike[str]) -> Source:
    """The blocks of the file at ``path`` (see the module docstring for what is refused).

    Raises PlanError, located at ``path``: what :func:`~planmaker.intake.read_limited`
    raises (not found, a folder, ``import.too_large`` …), ``import.pdf``,
    ``import.already_yaml``, ``import.unknown_suffix``, ``import.empty``, ``import.encrypted``,
    ``import.bad_docx``, ``import.not_docx``, the package checks' ``import.*`` codes,
    the Markdown parser's limits, ``import.no_libreoffice``, ``import.convert_failed``.
    """
    from planmaker.importer.text_reader import read_markdown, read_text

    file = os.fspath(path)
    suffix = check_suffix(file)
    if suffix in TEXT_SUFFIXES or suffix in MARKDOWN_SUFFIXES:
        read = read_text if suffix in TEXT_SUFFIXES else read_markdown
        return _source(file, read(file))
    data = read_limited(file, DOCX_MAX_BYTES, "import")
    if not data.strip():
        raise PlanError("import.empty", Location(file))
    if data.startswith(_PDF):
        raise PlanError("import.pdf", Location(file))
    if data.startswith((_ZIP, _EMPTY_ZIP)) and (suffix == ".docx" or _is_word_package(data)):
        return _source(file, docx_blocks(data, file))
    if suffix == ".docx" and data.startswith(_OLE) and _ENCRYPTED_PACKAGE in data:
        raise PlanError("import.encrypted", Location(file))
    if suffix == ".docx" and not data.startswith(_OLE):
        detail = "文件开头不是 Word 文档（ZIP 压缩包）的标记"
        raise PlanError("import.bad_docx", Location(file), detail=detail)
    from planmaker.importer.convert import convert_to_docx

    converted = convert_to_docx(data, file, ".doc" if suffix == ".docx" else suffix)
    return _source(file, docx_blocks(converted, file), notes=(CONVERTED,))


def check_suffix(path: str | os.PathLike[str]) -> str:
    """The suffix of ``path`` (lower case) when ``import`` reads such files, else PlanError
    ``import.pdf``, ``import.already_yaml`` or ``import.unknown_suffix``."""
    file = os.fspath(path)
    suffix = Path(file).suffix.lower()
    if suffix == ".pdf":
        raise PlanError("import.pdf", Location(file))
    if suffix in (".yaml", ".yml"):
        raise PlanError("import.already_yaml", Location(file))
    if suffix not in IMPORT_SUFFIXES:
        raise PlanError("import.unknown_suffix", Location(file), suffix=suffix or "（无后缀）")
    return suffix


def docx_blocks(data: bytes, file: str) -> tuple[Block, ...]:
    """The blocks of the .docx ``data`` (from ``file``), once its package passes the checks."""
    import docx

    from planmaker.docx_input import check_package, damage
    from planmaker.importer.docx_reader import docx_blocks as read_body

    try:
        check_package(data, Location(file))
    except PlanError as err:
        for problem in err.problems:
            problem.code = _PACKAGE_CODES.get(problem.code, problem.code)
        raise
    if not _is_word_package(data):
        raise PlanError("import.not_docx", Location(file))
    try:
        document = docx.Document(io.BytesIO(data))
        return read_body(document)
    except PlanError:
        raise
    except Exception as err:  # python-docx and lxml refuse a damaged part in many ways
        raise PlanError("import.bad_docx", Location(file), detail=damage(err)) from None


def _is_word_package(data: bytes) -> bool:
    """Whether the ZIP ``data`` holds a Word document (not a workbook, a slide show, an .odt)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return "[Content_Types].xml" in names and any(
        name.startswith("word/") and name.endswith(".xml") for name in names
    )


def _source(file: str, blocks: tuple[Block, ...], notes: tuple[str, ...] = ()) -> Source:
    if not blocks:
        raise PlanError("import.empty", Location(file))
    return Source(file, blocks, notes)
