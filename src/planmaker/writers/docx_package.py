"""The builder of the DOCX writer's base package: every part but the body and the core
properties (:class:`~planmaker.writers.docx_base.Package`), for a font set and a
reference document. The default packages are built here ahead of time and shipped
(see :mod:`~planmaker.writers.docx_shipped`); a reference document's is built when asked for.

From python-docx's default template (or a unit's reference DOCX, whose body is
emptied): our paragraph styles added where the package lacks them, docDefaults,
Normal and settings, the A4 page and line grid, the “— 1 —” page-number footers, the
font table's fallbacks and a plain app.xml (docs/layout.md §2–§13). The main document is
kept as the markup before and after its body, so that a document is its rendered
body spliced in, plus its core properties, zipped with fixed timestamps
(:meth:`Package.document`): the same body and options always give the same bytes.

Nothing here reads the token stream; the renderer (:mod:`planmaker.writers.docx`)
asks for a package and hands it a body.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from planmaker.errors import PlanError
from planmaker.writers import docx_layout as L
from planmaker.writers import docx_oxml as X
from planmaker.writers import docx_reference as R
from planmaker.writers.docx_base import Package, with_parts

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.opc.rel import _Relationship
    from docx.oxml.styles import CT_Style
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section

_W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BODY_MARK = "planmaker-body"
_EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
_KEPT_TEMPLATE_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
# Parts of python-docx's template a plan does not use (the thumbnail would even show
# another document); dropping their relationships drops them from the package.
_UNUSED_RELATIONSHIPS = {"stylesWithEffects", "customXml", "numbering", "thumbnail"}


def build_package(fonts: str, reference: bytes | None) -> Package:
    """Build the shared parts of font set ``fonts``, on ``reference`` if given."""
    import docx

    font_set = L.FONT_SETS[fonts]
    ordinary = False
    if reference is None:
        document = docx.Document()
        _drop_template_parts(document)
        _set_defaults(document, font_set)
        _set_page(document.sections[0])
    else:
        document = _open_reference(reference)
        R.drop_stale_parts(document)
        ordinary = not R.defines_any(document, (spec.name for spec in _style_specs(font_set)))
        if ordinary:
            _adopt_reference(document, font_set)
    style_ids = _add_styles(document, font_set)
    _set_portable_settings(document)
    page_number = partial(_page_number, style_id=style_ids["PlanPageNumber"])
    if ordinary:
        R.page_number_footers(document, page_number)
    elif not _has_footers(document):
        _add_page_number_footers(document, page_number)
    document.core_properties.revision = 1
    font_table = _member(document.part.rels, "/fontTable")
    core = _member(document.part.package.rels, "/core-properties")
    app = _member(document.part.package.rels, "/extended-properties")
    main = document.part.partname.lstrip("/")
    if document.element.nsmap.get("w") != _W_NAMESPACE:
        raise PlanError("docx.bad_reference", detail="正文部件没有使用 Word 的 w: 前缀")
    document.element.body.insert(0, etree.Comment(_BODY_MARK))
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if font_table is not None:
        parts[font_table] = _font_table(parts[font_table], font_set)
    if app is not None:
        parts[app] = _APP_XML
    head, tail = parts.pop(main).split(f"<!--{_BODY_MARK}-->".encode())
    if core is not None:
        del parts[core]
    return Package(
        with_parts(_EMPTY_ZIP, parts),
        head,
        tail,
        main,
        core or "docProps/core.xml",
        style_ids,
    )


def _member(rels: Mapping[str, _Relationship], reltype_suffix: str) -> str | None:
    """ZIP member name of the part a relationship of that type points at, if any."""
    for rel in rels.values():
        if rel.reltype.endswith(reltype_suffix) and not rel.is_external:
            return rel.target_part.partname.lstrip("/")
    return None


def _open_reference(reference: bytes) -> DocxDocument:
    """The reference DOCX with its body emptied (its final ``w:sectPr`` kept)."""
    import docx

    try:
        document = docx.Document(io.BytesIO(reference))
    except Exception as err:  # python-docx raises zipfile, KeyError, lxml and ValueError alike
        from planmaker.docx_input import damage

        raise PlanError("docx.bad_reference", detail=damage(err)) from err
    document.element.body.clear_content()
    return document


def _drop_template_parts(document: DocxDocument) -> None:
    """Remove python-docx's template styles and parts a plan does not use."""
    for part in (document.part, document.part.package):
        for r_id, rel in list(part.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNUSED_RELATIONSHIPS:
                part.rels.pop(r_id)
    for style in list(document.styles):
        if style.style_id not in _KEPT_TEMPLATE_STYLES:
            style.delete()


def _set_defaults(document: DocxDocument, fonts: L.FontSet) -> None:
    """docDefaults, Normal and settings of our own package (docs/layout.md §6, §7).

    docDefaults get explicit fonts and zh-CN, and lose the template's 10 pt after /
    1.15 lines; Normal becomes the body paragraph; themeFontLang says zh-CN.
    """
    rpr, ppr = X.doc_defaults(document.styles.element)
    X.set_rfonts(rpr, fonts.body, L.LATIN_FONT)
    X.set_lang(rpr, "zh-CN", "en-US")
    for spacing in ppr.findall(qn("w:spacing")):
        ppr.remove(spacing)
    _set_body_style(document.styles["Normal"].element, fonts.body, L.LATIN_FONT)
    document.settings.odd_and_even_pages_header_footer = True
    X.set_theme_font_lang(document.settings.element, "zh-CN")


def _adopt_reference(document: DocxDocument, fonts: L.FontSet) -> None:
    """An ordinary office file as the package (see :mod:`docx_reference`): its Normal's
    faces and colour on planmaker's body paragraph, its other styles kept as they
    looked, the GB/T 9704 page and grid, and punctuation not compressed (Word would
    fit more than 28 characters on a line with punctuation in it)."""
    normal = document.styles.default(WD_STYLE_TYPE.PARAGRAPH).element
    east_asia, latin = R.body_fonts(document, normal, fonts.body, L.LATIN_FONT)
    color = R.colour(normal)
    R.keep_what_normal_gave(document, normal)
    _set_body_style(normal, east_asia, latin, color)
    _set_page(document.sections[-1])
    X.set_character_spacing_control(document.settings.element, "doNotCompress")


def _set_body_style(normal: CT_Style, east_asia: str, latin: str, color: str | None = None) -> None:
    """Normal as the body paragraph (docs/layout.md §7): 三号, justified, 2 字 first-line
    indent, 28.95 pt exact, −0.25 pt character spacing, widow and orphan control; faces
    ``east_asia`` and ``latin``, text ``color`` (hex) if given. Whatever else the style
    said is dropped but its language."""
    lang = None if normal.rPr is None else normal.rPr.find(qn("w:lang"))
    normal._remove_pPr()
    normal._remove_rPr()
    ppr = normal.get_or_add_pPr()
    X.set_widow_control(ppr, True)
    X.set_spacing(ppr, L.LINE_PITCH, "exact")
    X.set_ind(ppr, firstLineChars=L.FIRST_LINE_CHARS, firstLine=L.FIRST_LINE_INDENT)
    X.set_jc(ppr, "both")
    rpr = normal.get_or_add_rPr()
    X.set_rfonts(rpr, east_asia, latin)
    if color is not None:
        X.set_color(rpr, color)
    X.set_character_spacing(rpr, L.BODY_CHAR_SPACING)
    X.set_size(rpr, L.SIZE_SANHAO * 2)
    if lang is not None:
        rpr.append(lang)  # w:lang comes last of what is written here


def _set_portable_settings(document: DocxDocument) -> None:
    """What makes Word and WPS lay the document out as LibreOffice does, whatever the
    package came from: no automatic space between CJK text and Latin letters or digits
    (docDefaults), Word 2013+ layout rules (no 兼容模式), and the zoom the schema
    requires a percentage for; and every punctuation mark on LibreOffice's pages
    (:func:`~planmaker.writers.docx_oxml.set_overflow_punct`)."""
    defaults = X.doc_defaults(document.styles.element)[1]
    X.set_overflow_punct(defaults, True)
    X.set_auto_space(defaults, False)
    settings = document.settings.element
    X.set_compatibility_mode(settings, L.WORD_COMPATIBILITY_MODE)
    X.set_zoom(settings, 100)


def _set_page(section: Section) -> None:
    """A4, the GB/T 9704 margins and the 28.95 pt line grid (docs/layout.md §2, §3, §10)."""
    section.page_width, section.page_height = Twips(L.PAGE_WIDTH), Twips(L.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(L.MARGIN_TOP), Twips(L.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(L.MARGIN_LEFT), Twips(L.MARGIN_RIGHT)
    section.footer_distance = Twips(L.FOOTER_DISTANCE)
    X.set_doc_grid(section._sectPr, "lines", L.LINE_PITCH)


def _has_footers(document: DocxDocument) -> bool:
    return document.sections[-1]._sectPr.find(qn("w:footerReference")) is not None


def _add_page_number_footers(
    document: DocxDocument, page_number: Callable[[BaseOxmlElement, str, str], None]
) -> None:
    """Page-number footers on odd (default) and even pages (docs/layout.md §10)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[-1]
    X.share_even_header(section._sectPr)
    page_number(section.footer._element, "right", "right")
    page_number(section.even_page_footer._element, "left", "left")


def _page_number(footer: BaseOxmlElement, jc: str, side: str, *, style_id: str) -> None:
    """“— 1 —” in ``footer`` (a ``w:ftr``): aligned ``jc``, 1 字 (四号) in from the
    block's ``side`` edge (docs/layout.md §10); in the footer's paragraph when it has one
    empty paragraph only, else in a new last paragraph."""
    paragraphs = footer.findall(qn("w:p"))
    empty = len(paragraphs) == 1 and not "".join(paragraphs[0].itertext()).strip()
    p = paragraphs[0] if empty else footer.add_p()
    ppr = p.get_or_add_pPr()
    ppr.style = style_id
    X.set_ind(ppr, **{side: L.PAGE_NUMBER_GAP}, firstLineChars=0, firstLine=0)
    X.set_jc(ppr, jc)
    paragraph = Paragraph(p, None)
    X.set_font_hint(paragraph.add_run(f"{L.PAGE_NUMBER_DASH} ")._r.get_or_add_rPr())
    X.add_page_field(p)
    X.set_font_hint(paragraph.add_run(f" {L.PAGE_NUMBER_DASH}")._r.get_or_add_rPr())


@dataclass(frozen=True)
class _StyleSpec:
    """One of our paragraph styles; ``None`` fields inherit from the base style.

    ``tight=False`` drops the body's −0.25 pt character spacing, ``grid=False`` takes
    the paragraph off the line grid, ``level`` is the heading's outline level, ``keep``
    keeps the paragraph whole and on the page of what follows it (a heading never ends
    a page).
    """

    name: str
    base: str = "Normal"
    east_asia: str | None = None
    latin: str = L.LATIN_FONT
    size: float | None = None
    """Points."""
    not_bold: bool = False
    jc: str | None = None
    zero_indent: bool = False
    tight: bool = True
    grid: bool = True
    line: tuple[int, str] | None = None
    level: int | None = None
    keep: bool = False


def _style_specs(fonts: L.FontSet) -> list[_StyleSpec]:
    """Our styles (docs/layout.md §5, §7–§12). Body-text roles (headings 3–4, attachments,
    signature, tables) keep Normal's face, so a reference's body font reaches them."""
    exact = (L.LINE_PITCH, "exact")
    heading = {"size": L.SIZE_SANHAO, "not_bold": True, "line": exact, "keep": True}
    table = {"size": L.SIZE_SIHAO, "tight": False, "zero_indent": True, "grid": False}
    return [
        _StyleSpec(
            "PlanTitle",
            east_asia=fonts.title,
            size=L.SIZE_ERHAO,
            not_bold=True,
            jc="center",
            zero_indent=True,
            tight=False,
            grid=False,
            line=(L.TITLE_LINE, "exact"),
            keep=True,
        ),
        _StyleSpec("PlanHeading1", east_asia=fonts.hei, level=0, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanHeading2", east_asia=fonts.kai, level=1, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanHeading3", level=2, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanHeading4", level=3, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanAttachment"),
        _StyleSpec("PlanSignature", jc="right", zero_indent=True),
        _StyleSpec("PlanDate", base="PlanSignature"),
        _StyleSpec("PlanTable", jc="center", line=(L.TABLE_LINE, "exact"), **table),  # type: ignore[arg-type]
        _StyleSpec("PlanTableHeader", base="PlanTable", east_asia=fonts.hei),
        _StyleSpec(
            "PlanPageNumber",
            east_asia=fonts.song,
            latin=fonts.song,
            line=(240, "auto"),
            **table,  # type: ignore[arg-type]
        ),
    ]


def _add_styles(document: DocxDocument, fonts: L.FontSet) -> dict[str, str]:
    """Add our paragraph styles that ``document`` lacks; our names → their style ids.

    A style of the same name (or id) already in the document, a reference's, is kept
    whole: pandoc's rule for reference documents.
    """
    styles = document.styles
    ids: dict[str, str] = {}
    for spec in _style_specs(fonts):
        existing = next((s for s in styles if spec.name in (s.name, s.style_id)), None)
        if existing is not None:
            ids[spec.name] = existing.style_id
            continue
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        base = ids.get(spec.base)
        style.base_style = (
            next(s for s in styles if s.style_id == base)
            if base is not None
            else styles.default(WD_STYLE_TYPE.PARAGRAPH)
        )
        style.quick_style = True
        _write_style(style.element, spec)
        ids[spec.name] = style.style_id
    return ids


def _write_style(style: CT_Style, spec: _StyleSpec) -> None:
    """The ``w:pPr`` and ``w:rPr`` of ``spec``, children in schema order."""
    ppr = style.get_or_add_pPr()
    rpr = style.get_or_add_rPr()
    if spec.keep:
        X.set_keep_next(ppr)
        X.set_keep_lines(ppr)
    if spec.level is not None:
        X.set_outline_lvl(ppr, spec.level)
    if not spec.grid:
        X.set_snap_to_grid(ppr, False)
    if spec.line is not None:
        X.set_spacing(ppr, *spec.line)
    if spec.zero_indent:
        X.set_ind(ppr, firstLineChars=0, firstLine=0)
    if spec.jc is not None:
        X.set_jc(ppr, spec.jc)
    if spec.east_asia is not None:
        X.set_rfonts(rpr, spec.east_asia, spec.latin)
    if spec.not_bold:
        X.set_bold(rpr, False)
    if not spec.tight:
        X.set_character_spacing(rpr, 0)
    if spec.size is not None:
        X.set_size(rpr, int(spec.size * 2))


def _font_table(xml: bytes, fonts: L.FontSet) -> bytes:
    """fontTable.xml with ``w:altName`` fallbacks for the faces of ``fonts`` (docs/layout.md §13)."""
    table = parse_xml(xml)
    for name in dict.fromkeys((fonts.title, fonts.body, fonts.hei, fonts.kai, fonts.song)):
        entry = L.FONT_TABLE.get(name)
        if entry is not None:
            X.add_font(
                table,
                name,
                alt_names=entry.alt_names,
                charset=entry.charset,
                family=entry.family,
                pitch=entry.pitch,
            )
    return serialize_part_xml(table)


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>planmaker</Application><DocSecurity>0</DocSecurity></Properties>"
)
"""docProps/app.xml: the application that wrote the file, and no page or word counts
(python-docx's template carries stale ones from the Word that made it; Word and WPS
recount on save)."""
