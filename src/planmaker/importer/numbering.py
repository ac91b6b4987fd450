"""Word's automatic numbering as the labels it prints: ``一、`` ``（一）`` ``1.`` ``（1）`` ``①``.

python-docx gives a paragraph's text without the number Word puts in front of it (the
label lives in the numbering definitions, not in the text). :class:`Numbering` counts
the numbered paragraphs in reading order the way Word does (a level's counter goes up,
the deeper levels start again) and writes each label from its level's ``lvlText``
(``%1、``, ``（%2）``) and number formats, for the formats offices use; for a bullet, or
a format it does not know, it gives no label and the text stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = 9
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    legal: bool


class Numbering:
    """The numbering definitions of a document, and the counters of its lists."""

    def __init__(self, document: Document) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(_w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_w("lvl")):
                levels[_number(lvl.get(_w("ilvl")), 0)] = _Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    start=_number(_val(lvl, "start"), 1),
                    legal=lvl.find(_w("isLgl")) is not None,
                )
            self._abstract[abstract.get(_w("abstractNumId"), "")] = levels
        for num in root.iter(_w("num")):
            overrides = {
                _number(o.get(_w("ilvl")), 0): _number(_val(o, "startOverride"), 1)
                for o in num.iter(_w("lvlOverride"))
                if o.find(_w("startOverride")) is not None
            }
            self._nums[num.get(_w("numId"), "")] = (_val(num, "abstractNumId") or "", overrides)

    def label(self, p: _Element, styles: list[_Element]) -> str:
        """The label Word prints before the paragraph ``p`` (``styles``: its style chain),
        counting it; ``""`` when it has none that can be written."""
        num_id, ilvl = _num_pr(p, styles)
        if num_id is None or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        key = num_id if overrides else f"abstract:{abstract_id}"
        counters = self._counters.setdefault(key, [None] * _LEVELS)
        current = counters[ilvl]
        counters[ilvl] = overrides.get(ilvl, levels[ilvl].start) if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = None
        return self._text(levels, overrides, counters, ilvl)

    def _text(
        self,
        levels: dict[int, _Level],
        overrides: dict[int, int],
        counters: list[int | None],
        ilvl: int,
    ) -> str:
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(_LEVELS):
            mark = f"%{k + 1}"
            if mark not in text:
                continue
            shown = levels.get(k, level)
            count = counters[k]
            value = count if count is not None else overrides.get(k, shown.start)
            fmt = "decimal" if level.legal and k < ilvl else shown.fmt
            written = format_number(value, fmt)
            if written is None:
                return ""
            text = text.replace(mark, written)
        return text


def format_number(value: int, fmt: str) -> str | None:
    """``value`` in Word's number format ``fmt``; None for a format not written here."""
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "chineseLegalSimplified",
    ):
        return chinese_number(value)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(c)] for c in str(value))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt in ("decimalEnclosedParen", "decimalEnclosedFullstop"):
        return f"({value})" if fmt.endswith("Paren") else f"{value}."
    if fmt == "ideographTraditional" and 1 <= value <= len(_STEMS):
        return _STEMS[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= len(_BRANCHES):
        return _BRANCHES[value - 1]
    if fmt in ("lowerLetter", "upperLetter") and value >= 1:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= value < 4000:
        roman = ""
        for amount, letters in _ROMAN:
            while value >= amount:
                roman, value = roman + letters, value - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "none":
        return ""
    return None


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as offices count sections)."""
    if value <= 0 or value >= 10000:
        return str(value)
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    text = ""
    zero = False
    for amount, unit in units:
        digit = value // amount % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += ("" if digit == 1 and amount == 10 and not text else _DIGITS[digit]) + unit
    return text


def _num_pr(p: _Element, styles: list[_Element]) -> tuple[str | None, int]:
    """The list and level of ``p``: its own ``numPr``, else its style chain's."""
    for holder in [p, *styles]:
        num_pr = holder.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None:
            num_id = _val(num_pr, "numId")
            if num_id is None or num_id == "0":
                return None, 0
            return num_id, min(_number(_val(num_pr, "ilvl"), 0), _LEVELS - 1)
    return None, 0


def _val(parent: _Element, name: str) -> str | None:
    found = parent.find(_w(name))
    return found.get(_w("val")) if found is not None else None


def _number(text: str | None, default: int) -> int:
    try:
        return max(int(text or ""), 0)
    except ValueError:
        return default
