"""The raw OOXML the DOCX writer needs and python-docx has no API for.

Each helper is named after the element it writes and gives its XPath. Children are
always inserted in the order the schema (ECMA-376 Part 1) requires, because Word
refuses or "repairs" parts whose ``w:pPr``/``w:rPr``/``w:sectPr``/``w:tblPr``/``w:trPr``
children are out of order. These edit the styles, settings, section, footers and
font table of the shared package, once per process; the body is written as markup
by :mod:`planmaker.writers.docx_markup`.
"""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from lxml import etree

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# Child order of the elements the writer edits (ECMA-376 Part 1 schema sequences;
# python-docx declares them on its classes but does not keep them).
_SCHEMA_ORDER: dict[str, tuple[str, ...]] = {
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
        "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
        "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ),
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    ),
    "w:sectPr": (
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
        "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
        "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
        "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
    ),
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
        "w:tblCaption", "w:tblDescription", "w:tblPrChange",
    ),
    "w:trPr": (
        "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
        "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
        "w:ins", "w:del", "w:trPrChange",
    ),
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
    ),
    "w:style": (
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine",
        "w:hidden", "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat",
        "w:locked", "w:personal", "w:personalCompose", "w:personalReply", "w:rsid",
        "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ),
    "w:docDefaults": ("w:rPrDefault", "w:pPrDefault"),
    # CT_Settings from w:themeFontLang on: the writer adds nothing earlier.
    "w:settings": (
        "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
        "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
        "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
    ),
}  # fmt: skip
# Clark name of each parent → Clark name of each child → its place in the sequence.
_POSITIONS: dict[str, dict[str, int]] = {
    qn(parent): {qn(tag): rank for rank, tag in enumerate(seq)}
    for parent, seq in _SCHEMA_ORDER.items()
}
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """``parent/tag``: the existing child, or a new one inserted in schema order.

    Children the sequence does not list (extensions) are treated as coming first.
    """
    key = qn(tag)
    found = parent.find(key)
    if found is not None:
        return found
    positions = _POSITIONS[parent.tag]
    rank = positions[key]
    later = next((c for c in parent if positions.get(c.tag, -1) > rank), None)
    element = etree.SubElement(parent, key)
    if later is not None:
        later.addprevious(element)
    return element


def sub(parent: BaseOxmlElement, tag: str, **attrs: str | int) -> BaseOxmlElement:
    """Append a new ``tag`` with ``w:`` attributes to ``parent``; for children whose
    order the caller builds itself (``w:tblBorders``, ``w:tblGrid``, ``w:font``)."""
    return set_attrs(etree.SubElement(parent, qn(tag)), **attrs)


def set_attrs(element: BaseOxmlElement, **attrs: str | int) -> BaseOxmlElement:
    """Set ``w:`` attributes on ``element`` (``firstLineChars=0`` → ``w:firstLineChars="0"``)."""
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


# -- run properties ---------------------------------------------------------------


def set_rfonts(rpr: BaseOxmlElement, east_asia: str, latin: str) -> None:
    """``w:rPr/w:rFonts``: an explicit face in every slot, theme references removed.

    python-docx's ``Font.name`` writes only ``w:ascii``/``w:hAnsi``, so Chinese text
    would keep the template theme's Japanese face (gbt9704.md §6).
    """
    rfonts = child(rpr, "w:rFonts")
    for theme in _THEME_SLOTS:
        rfonts.attrib.pop(qn(theme), None)
    set_attrs(rfonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def set_font_hint(rpr: BaseOxmlElement) -> None:
    """``w:rPr/w:rFonts/@w:hint="eastAsia"``: characters Latin and CJK share
    (— “ ” · ①) take the East Asian face (gbt9704.md §6)."""
    set_attrs(child(rpr, "w:rFonts"), hint="eastAsia")


def set_lang(rpr: BaseOxmlElement, east_asia: str, latin: str) -> None:
    """``w:rPr/w:lang``: the languages that pick glyph forms and line-breaking rules."""
    set_attrs(child(rpr, "w:lang"), val=latin, eastAsia=east_asia)


def set_character_spacing(rpr: BaseOxmlElement, twips: int) -> None:
    """``w:rPr/w:spacing/@w:val``: spacing between characters in twips (−5 is the
    字符间距 紧缩 0.25 磅 that fits 28 characters a line, gbt9704.md §3)."""
    set_attrs(child(rpr, "w:spacing"), val=twips)


def set_bold(rpr: BaseOxmlElement, on: bool) -> None:
    """``w:rPr/w:b`` and ``w:rPr/w:bCs``: bold on, or explicitly off."""
    for tag in ("w:b", "w:bCs"):
        element = child(rpr, tag)
        if on:
            element.attrib.pop(qn("w:val"), None)
        else:
            set_attrs(element, val=0)


def set_size(rpr: BaseOxmlElement, half_points: int) -> None:
    """``w:rPr/w:sz`` and ``w:rPr/w:szCs``: the size in half-points (gbt9704.md §4)."""
    for tag in ("w:sz", "w:szCs"):
        set_attrs(child(rpr, tag), val=half_points)


# -- paragraph properties ---------------------------------------------------------


def set_snap_to_grid(ppr: BaseOxmlElement, on: bool) -> None:
    """``w:pPr/w:snapToGrid``: off lets footers and table cells leave the 28.95 pt grid."""
    set_attrs(child(ppr, "w:snapToGrid"), val=int(on))


def set_spacing(ppr: BaseOxmlElement, line: int, rule: str) -> None:
    """``w:pPr/w:spacing``: no space before or after, ``line`` (twips, or 240ths of a
    line for ``auto``) under ``rule`` (gbt9704.md §3, §7)."""
    set_attrs(child(ppr, "w:spacing"), before=0, after=0, line=line, lineRule=rule)


def set_ind(ppr: BaseOxmlElement, **attrs: int) -> None:
    """``w:pPr/w:ind``: indents in twips or, for ``*Chars``, hundredths of a 字.

    A ``*Chars`` value wins over its twips twin in Word, and an inherited
    ``firstLineChars`` over a paragraph's own twips ``firstLine``; a paragraph that
    leaves the body's 2-字 indent therefore writes both forms (gbt9704.md §7).
    """
    set_attrs(child(ppr, "w:ind"), **attrs)


def set_outline_lvl(ppr: BaseOxmlElement, level: int) -> None:
    """``w:pPr/w:outlineLvl``: the 0-based level shown in the navigation pane."""
    set_attrs(child(ppr, "w:outlineLvl"), val=level)


def set_keep_next(ppr: BaseOxmlElement) -> None:
    """``w:pPr/w:keepNext``: keep a heading on the page of the text it introduces."""
    child(ppr, "w:keepNext")


def set_jc(ppr: BaseOxmlElement, value: str) -> None:
    """``w:pPr/w:jc``: ``left``, ``center``, ``right`` or ``both`` (justified)."""
    set_attrs(child(ppr, "w:jc"), val=value)


def add_page_field(p: BaseOxmlElement) -> None:
    """Append the PAGE field to ``p``: ``w:r/w:fldChar[@w:fldCharType="begin"]``,
    ``w:r/w:instrText`` " PAGE ", ``separate``, a cached "1" and ``end`` (gbt9704.md §10).

    The runs carry no properties of their own: they take the paragraph style's.
    """
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="begin")
    instr = sub(sub(p, "w:r"), "w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="separate")
    sub(sub(p, "w:r"), "w:t").text = "1"
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="end")


# -- section, settings, font table ----------------------------------------------


def set_doc_grid(sectpr: BaseOxmlElement, grid_type: str, line_pitch: int) -> None:
    """``w:sectPr/w:docGrid``: a line grid of ``line_pitch`` twips and no character grid
    (LibreOffice doubles every character under Word's character grid, gbt9704.md §3)."""
    grid = child(sectpr, "w:docGrid")
    grid.attrib.pop(qn("w:charSpace"), None)
    set_attrs(grid, type=grid_type, linePitch=line_pitch)


def share_even_header(sectpr: BaseOxmlElement) -> None:
    """``w:sectPr/w:headerReference[@w:type="even"]`` pointing at the default header's
    part, when there is a default header and no even one: once even and odd pages
    differ (for the page numbers), even pages would otherwise lose a reference's
    letterhead."""
    refs = {ref.get(qn("w:type")): ref for ref in sectpr.findall(qn("w:headerReference"))}
    if "default" in refs and "even" not in refs:
        even = deepcopy(refs["default"])
        even.set(qn("w:type"), "even")
        refs["default"].addnext(even)


def set_theme_font_lang(settings: BaseOxmlElement, east_asia: str) -> None:
    """``w:settings/w:themeFontLang/@w:eastAsia``: python-docx's template says ja-JP,
    which resolves theme font references to ＭＳ 明朝 (gbt9704.md §6)."""
    set_attrs(child(settings, "w:themeFontLang"), eastAsia=east_asia)


def add_font(
    fonts: BaseOxmlElement, name: str, *, alt_names: str, charset: str, family: str, pitch: str
) -> None:
    """``w:fonts/w:font[@w:name=name]`` with ``w:altName``, ``w:charset``, ``w:family`` and
    ``w:pitch``, unless the table already describes that face: Word and WPS try the
    alternative names before a metric guess (gbt9704.md §13)."""
    if any(font.get(qn("w:name")) == name for font in fonts.findall(qn("w:font"))):
        return
    font = sub(fonts, "w:font", name=name)
    sub(font, "w:altName", val=alt_names)
    sub(font, "w:charset", val=charset)
    sub(font, "w:family", val=family)
    sub(font, "w:pitch", val=pitch)
