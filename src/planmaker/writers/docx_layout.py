"""The GB/T 9704-2012 numbers of the DOCX writer, in the units OOXML stores them.

Each constant cites the section of ``docs/layout.md`` (the project's digest of the
standard) it comes from. Lengths are whole twips (1/20 pt), the unit the written
values use, so they are the ones that digest measured; font sizes are points. The
package builder hands python-docx ``Twips(...)`` of them. This module imports nothing,
so the body writer can use it without loading python-docx.

The font tables name, per ``fonts:`` setting of the front matter, the East Asian
face of each role (docs/layout.md §5, §13): ``gb`` writes the GB2312-era names offices
use, ``windows`` what a plain Windows PC has.
"""

from __future__ import annotations

from dataclasses import dataclass

# §2 Paper and margins: A4, 37/35/28/26 mm, leaving the 156 × 225 mm text block.
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = 2098
MARGIN_BOTTOM = 1984
MARGIN_LEFT = 1587
MARGIN_RIGHT = 1474
TEXT_WIDTH = 8845

# §10 Footer distance that puts the page number's dashes 7 mm below the block.
FOOTER_DISTANCE = 1446

# §3 Line pitch: 22 lines of 28.95 pt fill the 225 mm block; the grid and every
# body-like paragraph's exact spacing use the same value so Word and LibreOffice agree.
LINE_PITCH = 579

# §3 Portable route to 28 characters a line: −0.25 pt character spacing on the body.
BODY_CHAR_SPACING = -5  # −0.25 pt

# §4 Size names used by the layout, in points.
SIZE_ERHAO = 22  # 二号: title
SIZE_SANHAO = 16  # 三号: body, headings, signature
SIZE_SIHAO = 14  # 四号: page number, table cells

# §1, §7 One 字 of 三号 body text, and the body's 2-字 first-line indent; the
# ``*Chars`` attributes count hundredths of a character.
CHAR_WIDTH = 320
BODY_LINE_CHARS = 28  # §2, §3: a full body line
FIRST_LINE_INDENT = 640
FIRST_LINE_CHARS = 200

# §3, §7 The title is set on exact spacing, off the grid: LibreOffice gives a line as
# many grid cells as its font's natural height needs (two for a 22 pt CJK face) even
# under exact spacing. One pitch keeps the body below it on the 22-line grid.
TITLE_LINE = LINE_PITCH

# §9 Signature and date right indents, in 字.
SEAL_DATE_RIGHT_CHARS = 4
NO_SEAL_RIGHT_CHARS = 2
NAME_DATE_OFFSET_CHARS = 2
# §9 Empty body lines above the signature: with a seal its top must come within one
# line of the body, which two empty lines give for a 42 mm seal; without, one line.
SEAL_EMPTY_LINES = 2
NO_SEAL_EMPTY_LINES = 1

# §10 Page number: 四号, 1 字 of 四号 from the block's outer edge.
PAGE_NUMBER_GAP = 280
PAGE_NUMBER_DASH = "—"

# §11 Tables: cells 四号 on exact ~20 pt lines, 0.5 pt single borders (``w:sz`` is in
# eighths of a point), default cell side margins 0.19 cm.
TABLE_CHAR_WIDTH = SIZE_SIHAO * 20
TABLE_LINE = 400  # 20 pt
TABLE_BORDER_EIGHTHS = 4
TABLE_CELL_MARGIN = 108
# A column is never narrowed below this many 字 of cell text (§11: short columns
# narrow, long text wide; see the DOCX writer's column planning).
TABLE_MIN_COLUMN_CHARS = 2
# Room a column gets beyond its lines, in 字: renderers add a little around digits
# next to CJK text, and a line that only just fits would wrap.
TABLE_COLUMN_SLACK_CHARS = 1

# Word's layout rules: 15 is Word 2013 and later (14 opens in 兼容模式).
WORD_COMPATIBILITY_MODE = 15

# §5 Latin letters and digits everywhere.
LATIN_FONT = "Times New Roman"


@dataclass(frozen=True)
class FontSet:
    """The East Asian face of each role in the layout (docs/layout.md §5)."""

    title: str
    body: str
    hei: str
    kai: str
    song: str


# §5, §13: ``fonts: gb`` (the default) and ``fonts: windows``.
FONT_SETS: dict[str, FontSet] = {
    "gb": FontSet(
        title="方正小标宋简体", body="仿宋_GB2312", hei="黑体", kai="楷体_GB2312", song="宋体"
    ),
    "windows": FontSet(title="宋体", body="仿宋", hei="黑体", kai="楷体", song="宋体"),
}
DEFAULT_FONT_SET = "gb"


@dataclass(frozen=True)
class FontTableEntry:
    """One ``w:font`` of fontTable.xml: the fallbacks Word and WPS try first (§13)."""

    alt_names: str
    family: str
    charset: str = "86"  # GB2312
    pitch: str = "variable"


FONT_TABLE: dict[str, FontTableEntry] = {
    "仿宋_GB2312": FontTableEntry("仿宋,FangSong", "modern", pitch="fixed"),
    "楷体_GB2312": FontTableEntry("楷体,KaiTi", "modern", pitch="fixed"),
    "方正小标宋简体": FontTableEntry("宋体,SimSun", "script"),
    "仿宋": FontTableEntry("FangSong", "modern", pitch="fixed"),
    "楷体": FontTableEntry("KaiTi", "modern", pitch="fixed"),
    "黑体": FontTableEntry("SimHei", "modern"),
    "宋体": FontTableEntry("SimSun", "auto"),
}
