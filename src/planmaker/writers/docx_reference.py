"""A unit's reference DOCX (``--reference-doc``) as the base of the package.

Two kinds of reference, told apart by whether they define planmaker's own style names
(``PlanTitle``, ``PlanHeading1`` …):

* one made from a planmaker document is the expert's way to restyle: its styles and
  page setup are taken whole, as pandoc takes a reference document's;
* an ordinary Word or WPS file gives what a unit means by "our look" without breaking
  the GB/T 9704 layout: the fonts and colour of its Normal style become the body's,
  its other styles stay for the unit's own templates, its headers are the letterhead
  (a 首页不同 first-page header on page 1 only), and page numbers go on every page;
  page size, margins, the body's indent, spacing, line pitch and grid stay planmaker's.

The reference's own styles built on Normal keep the look they had: what Normal gave
them and planmaker's Normal changes (indent, spacing, alignment, size …) is written on
them before Normal is rebuilt, and likewise on Normal paragraphs and runs of its
headers and footers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from planmaker.writers import docx_oxml as X

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.styles import CT_Style
    from docx.oxml.xmlchemy import BaseOxmlElement

# Parts a reference may carry that would be stale once planmaker has changed its styles:
# Word 2010's copy of the styles (Word calls the file damaged when they differ) and the
# reference's own first-page thumbnail.
_STALE_RELATIONSHIPS = {"stylesWithEffects", "thumbnail"}
_HEADER_FOOTER = ("/header", "/footer")

# What planmaker's Normal sets that a style or paragraph built on the reference's Normal
# may have taken from it, and the value each has when nothing in the chain sets it.
_NORMAL_PPR = {
    "w:widowControl": {"val": "0"},
    "w:spacing": {"before": "0", "after": "0", "line": "240", "lineRule": "auto"},
    "w:ind": {"firstLine": "0", "firstLineChars": "0"},
    "w:jc": {"val": "left"},
}
_NORMAL_RPR = {"w:spacing": {"val": "0"}, "w:sz": {"val": "20"}, "w:szCs": {"val": "20"}}


def defines_any(document: DocxDocument, names: Iterable[str]) -> bool:
    """Whether the reference defines any of planmaker's style ``names`` (by name or id):
    then it was made from a planmaker document."""
    wanted = set(names)
    return any(style.name in wanted or style.style_id in wanted for style in document.styles)


def drop_stale_parts(document: DocxDocument) -> None:
    """Remove the reference's parts that would no longer match the package."""
    for part in (document.part, document.part.package):
        for r_id, rel in list(part.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _STALE_RELATIONSHIPS:
                part.rels.pop(r_id)


def body_fonts(
    document: DocxDocument, normal: CT_Style, east_asia: str, latin: str
) -> tuple[str, str]:
    """The East Asian and Latin faces the reference names for its Normal text (Normal,
    else its document defaults); ``east_asia`` and ``latin`` where it names none (a
    theme font is the office suite's default, not the unit's choice)."""
    defaults_rpr, _ = X.doc_defaults(document.styles.element)
    found = {"eastAsia": east_asia, "ascii": latin}
    for slot in found:
        for rpr in (normal.rPr, defaults_rpr):
            rfonts = None if rpr is None else rpr.find(qn("w:rFonts"))
            name = None if rfonts is None else rfonts.get(qn(f"w:{slot}"))
            if name:
                found[slot] = name
                break
    return found["eastAsia"], found["ascii"]


def colour(normal: CT_Style) -> str | None:
    """``w:color/@w:val`` of the reference's Normal, if it sets one."""
    color = None if normal.rPr is None else normal.rPr.find(qn("w:color"))
    return None if color is None else color.get(qn("w:val"))


def keep_what_normal_gave(document: DocxDocument, normal: CT_Style) -> None:
    """Write on the reference's styles built on Normal, and on the Normal paragraphs of
    its headers and footers, what they had from Normal and planmaker's Normal changes.
    Attributes are inherited one by one (``w:ind``, ``w:spacing``), so a property a
    style sets in part is completed from Normal."""
    styles = document.styles.element
    defaults_rpr, defaults_ppr = X.doc_defaults(styles)
    given_ppr = _given(normal.pPr, defaults_ppr, _NORMAL_PPR)
    given_rpr = _given(normal.rPr, defaults_rpr, _NORMAL_RPR)
    normal_id = normal.get(qn("w:styleId"))
    for style in styles.findall(qn("w:style")):
        based = style.find(qn("w:basedOn"))
        if based is not None and based.get(qn("w:val")) == normal_id:
            _complete(style.get_or_add_pPr(), given_ppr)
            _complete(style.get_or_add_rPr(), given_rpr)
    for root in _header_footer_roots(document):
        for p in root.iter(qn("w:p")):
            style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is None or style.get(qn("w:val")) == normal_id:
                _complete(p.get_or_add_pPr(), given_ppr)
                for run in p.iter(qn("w:r")):
                    _complete(run.get_or_add_rPr(), given_rpr)


def page_number_footers(
    document: DocxDocument, add: Callable[[BaseOxmlElement, str, str], None]
) -> None:
    """Page numbers on every page: the odd (default), even and — with a 首页不同
    first-page header — first-page footers each get ``add(footer, jc, side)`` unless
    they show a PAGE field already; a footer the reference lacks is made."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[-1]
    X.share_even_header(section._sectPr)
    footers = [(section.footer, "right"), (section.even_page_footer, "left")]
    if section.different_first_page_header_footer:
        footers.append((section.first_page_footer, "right"))
    for footer, side in footers:
        element = footer._element  # made here when the reference has no such footer
        if not _shows_page_number(element):
            add(element, side, side)


def _shows_page_number(root: BaseOxmlElement) -> bool:
    instructions = [t.text or "" for t in root.iter(qn("w:instrText"))]
    instructions += [f.get(qn("w:instr"), "") for f in root.iter(qn("w:fldSimple"))]
    return any(i.split()[:1] == ["PAGE"] for i in instructions)


def _header_footer_roots(document: DocxDocument) -> list[BaseOxmlElement]:
    return [
        rel.target_part.element
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype.endswith(_HEADER_FOOTER)
    ]


def _given(
    own: BaseOxmlElement | None, defaults: BaseOxmlElement, neutral: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    """Per tag of ``neutral``: the attributes Normal's ``own`` properties (else the
    document defaults, else ``neutral``) give."""
    given = {}
    for tag, values in neutral.items():
        attrs = dict(values)
        for source in (defaults, own):  # Normal's own attributes win
            element = None if source is None else source.find(qn(tag))
            if element is not None:
                attrs.update({_local(k): v for k, v in element.attrib.items()})
        given[tag] = attrs
    return given


def _complete(props: BaseOxmlElement, given: dict[str, dict[str, str]]) -> None:
    """Add to ``props`` each attribute of ``given`` it does not set itself."""
    for tag, attrs in given.items():
        element = _get_or_add(props, tag)
        for name, value in attrs.items():
            if element.get(qn(f"w:{name}")) is None:
                element.set(qn(f"w:{name}"), value)


def _get_or_add(props: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """``props/tag`` in schema order: python-docx's ``get_or_add_*`` where it declares
    the child, planmaker's helpers for ``w:rPr/w:spacing`` and ``w:rPr/w:szCs``."""
    found = props.find(qn(tag))
    if found is not None:
        return found
    local = _local(tag)
    if props.tag == qn("w:rPr") and local == "spacing":
        return X.character_spacing(props)  # type: ignore[arg-type]
    if props.tag == qn("w:rPr") and local == "szCs":
        sz = props.get_or_add_sz()
        element = OxmlElement("w:szCs")
        sz.addnext(element)
        return element
    return getattr(props, f"get_or_add_{local}")()


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
