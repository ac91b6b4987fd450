"""The raw OOXML the DOCX writer's package builder needs and python-docx has no API for.

Each helper is named after the element it writes and gives its XPath. Children must
stand in the order the schema (ECMA-376 Part 1) gives, because Word refuses or
"repairs" parts whose ``w:pPr``/``w:rPr``/``w:sectPr`` children are out of order.
Where python-docx's element classes declare a child (``CT_RPr.get_or_add_rFonts``,
``CT_PPr.get_or_add_ind``, ``CT_Style.get_or_add_pPr`` …), their ``get_or_add_*``
puts it in place; for the few children they leave out (``w:rPr/w:spacing``,
``w:rPr/w:lang``, ``w:pPr/w:snapToGrid``, ``w:sectPr/w:docGrid`` …), :func:`_get_or_add`
does the same from the children the schema lets follow each (the ``_AFTER_*`` tuples,
or named in the helper).

These edit the styles, settings, section, footers and font table of the shared
package, once per process; the body is written as markup by
:mod:`planmaker.writers.docx_markup`.
"""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

if TYPE_CHECKING:
    from docx.oxml.section import CT_SectPr
    from docx.oxml.settings import CT_Settings
    from docx.oxml.styles import CT_Styles
    from docx.oxml.text.font import CT_RPr
    from docx.oxml.text.parfmt import CT_PPr
    from docx.oxml.xmlchemy import BaseOxmlElement

_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# What may follow each child python-docx's classes leave out (ECMA-376 Part 1).
_AFTER_RPR_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_PPR_SNAP_TO_GRID = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_PPR_AUTO_SPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", *_AFTER_PPR_SNAP_TO_GRID)
_AFTER_THEME_FONT_LANG = (
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
    "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
    "w:listSeparator",
)  # fmt: skip


_AFTER_COMPAT = (
    "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    *_AFTER_THEME_FONT_LANG,
)  # fmt: skip
_AFTER_CHARACTER_SPACING_CONTROL = (
    "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
    "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving",
    "w:saveThroughXslt", "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields",
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", *_AFTER_COMPAT,
)  # fmt: skip
_BEFORE_ZOOM = ("w:writeProtection", "w:view")
_WORD_URI = "http://schemas.microsoft.com/office/word"


def _get_or_add(parent: BaseOxmlElement, tag: str, *successors: str) -> BaseOxmlElement:
    """``parent/tag``: the existing child, or a new one put before the first of
    ``successors`` (the children the schema lets follow it) that ``parent`` has, as
    python-docx's ``get_or_add_*`` does for the children it declares (``parent`` may
    be an element python-docx has no class for, such as ``w:docDefaults``)."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    later = next((c for c in map(parent.find, map(qn, successors)) if c is not None), None)
    if later is None:
        parent.append(element)
    else:
        later.addprevious(element)
    return element


def sub(parent: BaseOxmlElement, tag: str, **attrs: str | int) -> BaseOxmlElement:
    """Append a new ``tag`` with ``w:`` attributes to ``parent``; for children whose
    order the caller builds itself (``w:font``, the runs of a field)."""
    return set_attrs(etree.SubElement(parent, qn(tag)), **attrs)


def set_attrs(element: BaseOxmlElement, **attrs: str | int) -> BaseOxmlElement:
    """Set ``w:`` attributes on ``element`` (``firstLineChars=0`` → ``w:firstLineChars="0"``)."""
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


# -- document defaults --------------------------------------------------------------


def doc_defaults(styles: CT_Styles) -> tuple[CT_RPr, CT_PPr]:
    """``w:styles/w:docDefaults``: its ``w:rPrDefault/w:rPr`` and ``w:pPrDefault/w:pPr``,
    added where missing (``w:docDefaults`` comes first in ``w:styles``, then
    ``w:latentStyles`` and the styles)."""
    defaults = _get_or_add(styles, "w:docDefaults", "w:latentStyles", "w:style")
    rpr = _get_or_add(_get_or_add(defaults, "w:rPrDefault", "w:pPrDefault"), "w:rPr")
    ppr = _get_or_add(_get_or_add(defaults, "w:pPrDefault"), "w:pPr")
    return rpr, ppr  # type: ignore[return-value]


# -- run properties ---------------------------------------------------------------


def set_rfonts(rpr: CT_RPr, east_asia: str, latin: str) -> None:
    """``w:rPr/w:rFonts``: an explicit face in every slot, theme references removed.

    python-docx's ``Font.name`` writes only ``w:ascii``/``w:hAnsi``, so Chinese text
    would keep the template theme's Japanese face (docs/layout.md §6).
    """
    rfonts = rpr.get_or_add_rFonts()
    for theme in _THEME_SLOTS:
        rfonts.attrib.pop(qn(theme), None)
    set_attrs(rfonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def set_font_hint(rpr: CT_RPr) -> None:
    """``w:rPr/w:rFonts/@w:hint="eastAsia"``: characters Latin and CJK share
    (— “ ” · ①) take the East Asian face (docs/layout.md §6)."""
    set_attrs(rpr.get_or_add_rFonts(), hint="eastAsia")


def set_lang(rpr: CT_RPr, east_asia: str, latin: str) -> None:
    """``w:rPr/w:lang``: the languages that pick glyph forms and line-breaking rules."""
    lang = _get_or_add(rpr, "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
    set_attrs(lang, val=latin, eastAsia=east_asia)


def set_character_spacing(rpr: CT_RPr, twips: int) -> None:
    """``w:rPr/w:spacing/@w:val``: spacing between characters in twips (−5 is the
    字符间距 紧缩 0.25 磅 that fits 28 characters a line, docs/layout.md §3)."""
    set_attrs(character_spacing(rpr), val=twips)


def character_spacing(rpr: CT_RPr) -> BaseOxmlElement:
    """``w:rPr/w:spacing`` (character spacing), added in schema order where missing."""
    return _get_or_add(rpr, "w:spacing", *_AFTER_RPR_SPACING)


def set_color(rpr: CT_RPr, hex_value: str) -> None:
    """``w:rPr/w:color/@w:val``: the text colour (``000000``, or ``auto``)."""
    set_attrs(rpr.get_or_add_color(), val=hex_value)


def set_bold(rpr: CT_RPr, on: bool) -> None:
    """``w:rPr/w:b`` and ``w:rPr/w:bCs``: bold on, or explicitly off."""
    for element in (rpr.get_or_add_b(), rpr.get_or_add_bCs()):
        if on:
            element.attrib.pop(qn("w:val"), None)
        else:
            set_attrs(element, val=0)


def set_size(rpr: CT_RPr, half_points: int) -> None:
    """``w:rPr/w:sz`` and ``w:rPr/w:szCs``: the size in half-points (docs/layout.md §4)."""
    sz = set_attrs(rpr.get_or_add_sz(), val=half_points)
    sz_cs = rpr.find(qn("w:szCs"))
    if sz_cs is None:  # the schema puts it right after w:sz
        sz_cs = OxmlElement("w:szCs")
        sz.addnext(sz_cs)
    set_attrs(sz_cs, val=half_points)


# -- paragraph properties ---------------------------------------------------------


def set_snap_to_grid(ppr: CT_PPr, on: bool) -> None:
    """``w:pPr/w:snapToGrid``: off lets footers and table cells leave the 28.95 pt grid."""
    set_attrs(_get_or_add(ppr, "w:snapToGrid", *_AFTER_PPR_SNAP_TO_GRID), val=int(on))


def set_spacing(ppr: CT_PPr, line: int, rule: str) -> None:
    """``w:pPr/w:spacing``: no space before or after, ``line`` (twips, or 240ths of a
    line for ``auto``) under ``rule`` (docs/layout.md §3, §7)."""
    set_attrs(ppr.get_or_add_spacing(), before=0, after=0, line=line, lineRule=rule)


def set_ind(ppr: CT_PPr, **attrs: int) -> None:
    """``w:pPr/w:ind``: indents in twips or, for ``*Chars``, hundredths of a 字.

    A ``*Chars`` value wins over its twips twin in Word, and an inherited
    ``firstLineChars`` over a paragraph's own twips ``firstLine``; a paragraph that
    leaves the body's 2-字 indent therefore writes both forms (docs/layout.md §7).
    """
    set_attrs(ppr.get_or_add_ind(), **attrs)


def set_outline_lvl(ppr: CT_PPr, level: int) -> None:
    """``w:pPr/w:outlineLvl``: the 0-based level shown in the navigation pane."""
    set_attrs(ppr.get_or_add_outlineLvl(), val=level)


def set_keep_next(ppr: CT_PPr) -> None:
    """``w:pPr/w:keepNext``: keep a heading on the page of the text it introduces."""
    ppr.get_or_add_keepNext()


def set_keep_lines(ppr: CT_PPr) -> None:
    """``w:pPr/w:keepLines``: never break the paragraph across pages (a two-line heading)."""
    ppr.get_or_add_keepLines()


def set_widow_control(ppr: CT_PPr, on: bool) -> None:
    """``w:pPr/w:widowControl``: no single first or last line of a paragraph alone at a
    page's foot or head (the page then ends a line early)."""
    set_attrs(ppr.get_or_add_widowControl(), val=int(on))


def set_auto_space(ppr: CT_PPr, on: bool) -> None:
    """``w:pPr/w:autoSpaceDE`` and ``w:pPr/w:autoSpaceDN``: the space Word and WPS add
    between CJK text and Latin letters or digits. Off, a line holds what LibreOffice
    puts on it and a date is as wide as its characters."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        set_attrs(_get_or_add(ppr, tag, "w:autoSpaceDN", *_AFTER_PPR_AUTO_SPACE), val=int(on))


def set_overflow_punct(ppr: CT_PPr, on: bool) -> None:
    """``w:pPr/w:overflowPunct``: whether a closing mark may hang past the right margin.

    Written as ``1`` (the standard's own default, so Word and WPS lay lines out as
    without it): LibreOffice's DOCX import reads the value the other way round and
    turns its hanging punctuation off, and a hanging mark at the end of a justified,
    condensed line is the one LibreOffice leaves out of its PDFs (docs/layout.md §3).
    """
    set_attrs(
        _get_or_add(
            ppr,
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            *_AFTER_PPR_AUTO_SPACE,
        ),
        val=int(on),
    )


def set_jc(ppr: CT_PPr, value: str) -> None:
    """``w:pPr/w:jc``: ``left``, ``center``, ``right`` or ``both`` (justified)."""
    set_attrs(ppr.get_or_add_jc(), val=value)


def add_page_field(p: BaseOxmlElement) -> None:
    """Append the PAGE field to ``p``: ``w:r/w:fldChar[@w:fldCharType="begin"]``,
    ``w:r/w:instrText`` " PAGE ", ``separate``, a cached "1" and ``end`` (docs/layout.md §10).

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


def set_doc_grid(sectpr: CT_SectPr, grid_type: str, line_pitch: int) -> None:
    """``w:sectPr/w:docGrid``: a line grid of ``line_pitch`` twips and no character grid
    (LibreOffice doubles every character under Word's character grid, docs/layout.md §3)."""
    grid = _get_or_add(sectpr, "w:docGrid", "w:printerSettings", "w:sectPrChange")
    grid.attrib.pop(qn("w:charSpace"), None)
    set_attrs(grid, type=grid_type, linePitch=line_pitch)


def share_even_header(sectpr: CT_SectPr) -> None:
    """``w:sectPr/w:headerReference[@w:type="even"]`` pointing at the default header's
    part, when there is a default header and no even one: once even and odd pages
    differ (for the page numbers), even pages would otherwise lose a reference's
    letterhead."""
    refs = {ref.get(qn("w:type")): ref for ref in sectpr.findall(qn("w:headerReference"))}
    if "default" in refs and "even" not in refs:
        even = deepcopy(refs["default"])
        even.set(qn("w:type"), "even")
        refs["default"].addnext(even)


def set_character_spacing_control(settings: CT_Settings, value: str) -> None:
    """``w:settings/w:characterSpacingControl``: ``doNotCompress`` keeps Word from
    squeezing full-width punctuation, which would put more than 28 characters on a
    line."""
    element = _get_or_add(settings, "w:characterSpacingControl", *_AFTER_CHARACTER_SPACING_CONTROL)
    set_attrs(element, val=value)


def set_theme_font_lang(settings: CT_Settings, east_asia: str) -> None:
    """``w:settings/w:themeFontLang/@w:eastAsia``: python-docx's template says ja-JP,
    which resolves theme font references to ＭＳ 明朝 (docs/layout.md §6)."""
    lang = _get_or_add(settings, "w:themeFontLang", *_AFTER_THEME_FONT_LANG)
    set_attrs(lang, eastAsia=east_asia)


def set_compatibility_mode(settings: CT_Settings, mode: int) -> None:
    """``w:settings/w:compat/w:compatSetting[@w:name="compatibilityMode"]``: the Word
    version whose layout rules apply (15: Word 2013 and later, no 兼容模式 banner)."""
    compat = _get_or_add(settings, "w:compat", *_AFTER_COMPAT)
    setting = next(
        (
            s
            for s in compat.findall(qn("w:compatSetting"))
            if s.get(qn("w:name")) == "compatibilityMode"
        ),
        None,
    )
    if setting is None:  # compatSetting elements close w:compat
        setting = sub(compat, "w:compatSetting")
    set_attrs(setting, name="compatibilityMode", uri=_WORD_URI, val=mode)


def set_zoom(settings: CT_Settings, percent: int) -> None:
    """``w:settings/w:zoom/@w:percent``, which the schema requires: the zoom Word opens
    the document at (a ``w:val`` preset such as bestFit is dropped)."""
    zoom = settings.find(qn("w:zoom"))
    if zoom is None:
        zoom = OxmlElement("w:zoom")
        before = [c for c in map(settings.find, map(qn, _BEFORE_ZOOM)) if c is not None]
        if before:
            before[-1].addnext(zoom)
        else:
            settings.insert(0, zoom)
    zoom.attrib.pop(qn("w:val"), None)
    set_attrs(zoom, percent=percent)


def add_font(
    fonts: BaseOxmlElement, name: str, *, alt_names: str, charset: str, family: str, pitch: str
) -> None:
    """``w:fonts/w:font[@w:name=name]`` with ``w:altName``, ``w:charset``, ``w:family`` and
    ``w:pitch``, unless the table already describes that face: Word and WPS try the
    alternative names before a metric guess (docs/layout.md §13)."""
    if any(font.get(qn("w:name")) == name for font in fonts.findall(qn("w:font"))):
        return
    font = sub(fonts, "w:font", name=name)
    sub(font, "w:altName", val=alt_names)
    sub(font, "w:charset", val=charset)
    sub(font, "w:family", val=family)
    sub(font, "w:pitch", val=pitch)
