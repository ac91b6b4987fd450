"""The one path from an input file to a rendered document, shared by render and batch.

file → ``source`` (bytes → text) → ``loader`` (YAML → data + positions) → ``validate``
(→ Document) → ``context`` → ``templating`` (Markdown) → ``outline`` (numbers) →
``markdown`` (tokens) → a writer → bytes. A ``.md`` input skips to the tokens: it is
taken as written and never renumbered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from planmaker.errors import Location, PlanError, Problem
from planmaker.source import SourceText, read_source

if TYPE_CHECKING:
    from markdown_it.token import Token

    from planmaker.model import Document
    from planmaker.outline import Outline

FORMATS = ("docx", "pdf", "md", "txt")
TEXT_FORMATS = ("md", "txt")
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class RenderOptions:
    """What ``render`` and ``batch`` were asked for, beyond the input file."""

    format: str = "docx"
    template: str | None = None
    reference_doc: Path | None = None
    today: date | None = None
    """The default 成文日期; None means the day of rendering."""
    shown_from: Path | None = None
    """The folder a template's file is named relative to in messages (the user's current
    folder); None names it as found."""
    draft: bool = False
    """Render a file that still holds placeholders, with a warning for each (``--draft``)."""

    def input_files(self) -> list[Path]:
        """The files these options read besides the input: none may be written over."""
        files = [self.reference_doc] if self.reference_doc is not None else []
        if self.template is not None and os.path.isfile(self.template):
            files.append(Path(self.template))
        return files


@dataclass
class Rendered:
    """A rendered document: bytes (docx, pdf) or text (md, txt), and the warnings met."""

    data: bytes
    warnings: list[Problem] = field(default_factory=list)


def load_document(source: SourceText) -> Document:
    """Validate a decoded YAML source into the document model."""
    from planmaker.loader import load_yaml
    from planmaker.validate import validate

    return validate(load_yaml(source.text, source.path))


def load_file(path: str | os.PathLike[str]) -> Document:
    """Read, decode and validate the YAML file at ``path``."""
    return load_document(read_source(path))


def template_for(doc: Document, template: str | None, base: Path) -> tuple[str, list[Path]]:
    """The template name to use and the folders searched before the built-ins."""
    search: list[Path] = []
    if doc.templates:
        folder = (base / doc.templates).resolve()
        if not folder.is_dir():
            raise PlanError("template.folder_missing", Location(str(base / doc.templates)))
        search.append(folder)
    return template or doc.kind, search


def document_outline(
    doc: Document,
    *,
    base: Path,
    template: str | None = None,
    today: date | None = None,
    shown_from: Path | None = None,
) -> tuple[Outline, list[Problem], str]:
    """The numbered document (Markdown and tokens), its warnings, and the template used."""
    from planmaker.context import build_context
    from planmaker.outline import number_outline
    from planmaker.templating import render_template

    built = build_context(doc, today=today or date.today())
    name, search = template_for(doc, template, base)
    raw = render_template(name, built.context, search, shown_from=shown_from)
    return number_outline(raw, name), built.warnings, name


def document_markdown(
    doc: Document,
    *,
    base: Path,
    template: str | None = None,
    today: date | None = None,
    shown_from: Path | None = None,
) -> tuple[str, list[Problem], str]:
    """The numbered Markdown of ``doc``, its warnings, and the template used."""
    outline, warnings, name = document_outline(
        doc, base=base, template=template, today=today, shown_from=shown_from
    )
    return outline.markdown, warnings, name


def render_file(path: str | os.PathLike[str], opts: RenderOptions) -> Rendered:
    """Render the YAML or Markdown file at ``path`` as ``opts`` asks; raises PlanError.

    The warnings are placed where a stage knew the place; the caller knows the file.
    """
    source = read_source(path)
    warnings: list[Problem] = []
    created: datetime | None = None
    tokens = None
    if Path(source.path).suffix.lower() in MARKDOWN_SUFFIXES:
        md = source.text
    else:
        from planmaker import unfilled

        read = unfilled.read_document(source, strict=not opts.draft)
        doc = read.doc
        outline, built, _ = document_outline(
            doc,
            base=Path(source.path).parent,
            template=opts.template,
            today=opts.today,
            shown_from=opts.shown_from,
        )
        warnings = [*map(unfilled.as_warning, read.placeholders), *read.warnings, *built]
        warnings += unfilled.missing_date(doc, read.loaded, opts.today or date.today())
        md, tokens = outline.markdown, outline.tokens
        if doc.signature and doc.signature.date:
            created = datetime.combine(doc.signature.date, datetime.min.time(), timezone.utc)
    data = write(
        md,
        opts.format,
        tokens=tokens,
        reference_doc=opts.reference_doc,
        created=created,
        file=source.path,
    )
    return Rendered(data, warnings)


def write(
    md: str,
    fmt: str,
    *,
    tokens: list[Token] | None = None,
    reference_doc: Path | None = None,
    created: datetime | None = None,
    file: str | None = None,
) -> bytes:
    """Run the writer for ``fmt`` on the Markdown ``md`` (``tokens``: already parsed)."""
    if fmt == "md":
        return md.encode("utf-8")
    from planmaker.writers import DocxOptions, get_writer

    writer = get_writer(fmt)
    if tokens is None:
        from planmaker.markdown import parse_markdown

        tokens = parse_markdown(md, hand_written=True, file=file)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        created = datetime.fromtimestamp(int(epoch), timezone.utc)
    ref = _read_reference(reference_doc) if reference_doc else None
    try:
        out = writer(tokens, DocxOptions(reference_docx=ref, created=created))
        if ref is not None and fmt == "docx":
            assert isinstance(out, bytes)
            check_xml_parts(out)
    except PlanError as err:
        if file:
            err.in_file(file)
        raise
    return out.encode("utf-8") if isinstance(out, str) else out


def _read_reference(path: Path) -> bytes:
    """The reference DOCX's bytes, checked as a package before python-docx opens it."""
    from planmaker.docx_input import read_docx

    return read_docx(path)


def check_reference(path: Path | None) -> None:
    """Refuse a bad ``--reference-doc`` before any work: missing, special, a bomb …"""
    if path is not None:
        _read_reference(path)


def check_xml_parts(package: bytes) -> None:
    """PlanError ``docx.broken_output`` unless every XML part of the DOCX ``package`` parses.

    A reference document's parts reach the output; whatever in them the writer could
    not carry over whole must stop the document here, not in the reader's Word. The
    parts every document of one reference shares are parsed once per process (known by
    name, size and CRC), so a batch pays for the main document only.
    """
    import io
    import zipfile

    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for info in archive.infolist():
            key = (info.filename, info.file_size, info.CRC)
            if not info.filename.endswith((".xml", ".rels")) or key in _PARSED_PARTS:
                continue
            try:
                etree.fromstring(archive.read(info), parser)
            except etree.XMLSyntaxError as err:
                raise PlanError("docx.broken_output", part=info.filename, detail=str(err)) from None
            if len(_PARSED_PARTS) > _PARSED_PARTS_KEPT:
                _PARSED_PARTS.clear()
            _PARSED_PARTS.add(key)


_PARSED_PARTS: set[tuple[str, int, int]] = set()
_PARSED_PARTS_KEPT = 1000


def output_path(input_path: Path, out: str | None, fmt: str | None) -> tuple[Path | None, str]:
    """Where ``render`` writes and in which format (docs/architecture.md §6.3).

    ``out`` None: beside the input, same stem. ``-``: standard output (returns None).
    A folder (:func:`planmaker.output.names_folder`): ``DIR/<stem>.<ext>``. Otherwise
    the file named, whose suffix sets the format when ``fmt`` is None.
    """
    from planmaker.output import names_folder

    if out == "-":
        return None, fmt or "md"
    if out is None:
        fmt = fmt or "docx"
        return input_path.with_suffix("." + fmt), fmt
    target = Path(out)
    if names_folder(out):
        fmt = fmt or "docx"
        return target / (input_path.stem + "." + fmt), fmt
    if fmt is None:
        suffix = target.suffix.lower().lstrip(".")
        fmt = {"markdown": "md", "text": "txt"}.get(suffix, suffix)
        if fmt not in FORMATS:
            raise PlanError("output.unknown_suffix", Location(out), suffix=target.suffix)
    return target, fmt
