"""Render every example to DOCX, PDF and PNG pages, for looking at them as a reader would.

    .venv/bin/python scripts/review.py [OUTDIR] [--dpi 72] [--no-png]

Renders ``examples/*.yaml`` and everything under ``examples/district/`` to
``OUTDIR/docx/`` (default OUTDIR: ``out/review``), converts them all in one
LibreOffice run to ``OUTDIR/pdf/`` and each PDF to ``OUTDIR/png/<name>-<page>.png``.
Prints one line per document: its pages, the body lines on each page, and what a clerk
would fix by hand:

* ``落款独占一页`` / ``落款前不足两行正文``: the signature's page holds fewer than two
  lines of the body above it; ``署名与日期分页``: the 署名 and the 成文日期 are on
  different pages;
* ``第N页以标题结尾``: a heading is the last line of a page;
* ``第N页提前结束``: a page of body text (no table) holds fewer than 22 lines and no keep
  rule moved the lines (a heading kept with its text, a widowed or orphaned line, the
  落款 kept with the body's last lines, a table row that does not fit);
* ``标点 ，-2``: a mark counted in the DOCX text is missing from (or extra in) the PDF.

Exits 1 when any document has a flag. The functions are also what the tests use to
read a PDF's pages (``pdftotext -bbox-layout``) against the DOCX they came from.
"""

from __future__ import annotations

import argparse
import io
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# The text block on an A4 page, in points from the top-left corner (GB/T 9704 margins:
# 37 mm top, 35 mm bottom, 28 mm left, 26 mm right).
BLOCK_TOP, BLOCK_BOTTOM = 104.9, 742.7
BLOCK_LEFT, BLOCK_RIGHT = 79.4, 521.6
LINES_PER_PAGE = 22
PITCH = 28.95
FIRST_LINE_BOTTOM = 132.3
"""The bottom of a body text line on the first line of the grid (三号 仿宋 in LibreOffice)."""
INDENT = 32.0
"""The body's first-line indent: 2 字 of 16 pt."""
PUNCTUATION = "，。、；：！？”）"

_XHTML = "{http://www.w3.org/1999/xhtml}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROLES = {
    "PlanTitle": "heading",
    "PlanHeading1": "heading",
    "PlanHeading2": "heading",
    "PlanHeading3": "heading",
    "PlanHeading4": "heading",
    "PlanSignature": "signature",
    "PlanDate": "date",
}


@dataclass
class Row:
    """One printed line: the words on one baseline."""

    page: int
    left: float
    right: float
    top: float
    bottom: float
    text: str


@dataclass
class Page:
    """A page's lines: above the text block (a letterhead), in it, below it (the footer)."""

    number: int
    header: list[Row] = field(default_factory=list)
    body: list[Row] = field(default_factory=list)
    footer: list[Row] = field(default_factory=list)


@dataclass
class Review:
    """What one document looks like in the PDF."""

    name: str
    pages: list[Page]
    flags: list[str]

    def line(self) -> str:
        lines = " ".join(str(len(page.body)) for page in self.pages)
        flags = ("  " + "；".join(self.flags)) if self.flags else ""
        return f"{self.name}: {len(self.pages)} 页 [{lines}]{flags}"


# -- reading the documents ----------------------------------------------------------


def read_pages(pdf: Path) -> list[Page]:
    """The PDF's pages, each line's words merged by baseline (2 pt tolerance)."""
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    pages = []
    for number, element in enumerate(ET.fromstring(layout).iter(f"{_XHTML}page"), 1):
        page = Page(number)
        by_baseline: dict[int, list[ET.Element]] = defaultdict(list)
        for word in element.iter(f"{_XHTML}word"):
            by_baseline[round(float(word.get("yMax", 0)) / 2)].append(word)
        for key in sorted(by_baseline):
            words = sorted(by_baseline[key], key=lambda w: float(w.get("xMin", 0)))
            row = Row(
                number,
                float(words[0].get("xMin", 0)),
                float(words[-1].get("xMax", 0)),
                min(float(w.get("yMin", 0)) for w in words),
                max(float(w.get("yMax", 0)) for w in words),
                "".join(w.text or "" for w in words),
            )
            if row.bottom < BLOCK_TOP:
                page.header.append(row)
            elif row.top > BLOCK_BOTTOM:
                page.footer.append(row)
            else:
                page.body.append(row)
        pages.append(page)
    return pages


@dataclass
class Paragraphs:
    """The paragraphs of a DOCX (table cells too), by role, and its text."""

    roles: list[tuple[str, str]]
    """(role, text) in order; role is heading, signature, date or body."""
    text: str
    """All text of the main document, table cells included."""

    def texts(self, *roles: str) -> list[str]:
        return [text for role, text in self.roles if role in roles and text]


def read_paragraphs(docx: bytes) -> Paragraphs:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = ET.fromstring(archive.read("word/document.xml"))
    body = root.find(f"{_W}body")
    assert body is not None
    roles = []
    for p in body.iter(f"{_W}p"):
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else None
        text = _squeeze("".join(t.text or "" for t in p.iter(f"{_W}t")))
        roles.append((_ROLES.get(style_id or "", "body"), text))
    return Paragraphs(roles, "".join(t.text or "" for t in root.iter(f"{_W}t")))


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


# -- what a clerk would fix ---------------------------------------------------------


def signature_flags(pages: list[Page], paragraphs: Paragraphs) -> list[str]:
    """The 落款 (署名 and 成文日期) on a page of its own, or split across two pages.

    The 落款 is the last printed date of the signature and the 署名 lines right
    above it (a table cell may show the same unit name further up).
    """
    names = set(paragraphs.texts("signature"))
    dates = set(paragraphs.texts("date"))
    rows = [row for page in pages for row in page.body]
    texts = [_squeeze(row.text) for row in rows]
    last = next((i for i in reversed(range(len(rows))) if texts[i] in dates), None)
    if last is None:
        last = next((i for i in reversed(range(len(rows))) if texts[i] in names), None)
    if last is None:
        return []
    first = last
    while first > 0 and texts[first - 1] in names:
        first -= 1
    flags = []
    if rows[first].page != rows[last].page:
        flags.append("署名与日期分页")
    above = [row for row in rows[:first] if row.page == rows[first].page]
    if len(above) < min(2, first):
        flags.append("落款独占一页" if not above else "落款前不足两行正文")
    return flags


def heading_row(row: Row, paragraphs: Paragraphs) -> bool:
    """Whether the printed line is (part of) a heading and of no other paragraph."""
    text = _squeeze(row.text)
    if not text:
        return False
    others = paragraphs.texts("body", "signature", "date")
    return any(text in h for h in paragraphs.texts("heading")) and not any(
        text in other for other in others
    )


def heading_flags(pages: list[Page], paragraphs: Paragraphs) -> list[str]:
    """Pages (but the last) whose last line is a heading."""
    return [
        f"第{page.number}页以标题结尾"
        for page in pages[:-1]
        if page.body and heading_row(page.body[-1], paragraphs)
    ]


def line_number(row: Row) -> float:
    """The grid line a row of body text sits on (1 to 22); off the grid, not whole."""
    return (row.bottom - FIRST_LINE_BOTTOM) / PITCH + 1


def on_grid(row: Row) -> bool:
    return abs(line_number(row) - round(line_number(row))) < 0.2


def indented(row: Row) -> bool:
    """A paragraph's first line (2 字 in), not a continuation line."""
    return abs(row.left - (BLOCK_LEFT + INDENT)) < 2


def early_page_flags(pages: list[Page], paragraphs: Paragraphs) -> list[str]:
    """Pages of body text (every line on the grid) but the last whose last line is above
    line 22 with no keep rule to move the lines below it to the next page."""
    names_dates = set(paragraphs.texts("signature", "date"))
    flags = []
    for page, following in zip(pages, pages[1:], strict=False):
        if not page.body or not following.body or not all(map(on_grid, page.body)):
            continue
        missing = LINES_PER_PAGE - round(line_number(page.body[-1]))
        if missing > 0 and not _kept(missing, following.body, paragraphs, names_dates):
            flags.append(f"第{page.number}页提前结束")
    return flags


def _kept(missing: int, rows: list[Row], paragraphs: Paragraphs, names_dates: set[str]) -> bool:
    """Whether a keep rule explains why the page before ``rows`` ends ``missing`` lines
    early: the next page starts with a heading or a table row (neither splits from what
    follows), holds the 落款 after at most three lines of the body or after the one
    paragraph kept with it, or — one line short —
    starts with a paragraph of two lines or more (orphan control) or with the last two
    lines of a paragraph (widow control)."""
    first = rows[0]
    if heading_row(first, paragraphs) or not on_grid(first):
        return True
    signature = [i for i, row in enumerate(rows) if _squeeze(row.text) in names_dates]
    if signature and (signature[0] <= 3 or _one_paragraph(rows[: signature[0]])):
        return True
    if missing != 1 or len(rows) < 2:
        return False
    second = rows[1]
    if indented(first):  # orphan: the first line would have stood alone
        return not indented(second) and not heading_row(second, paragraphs)
    third = rows[2] if len(rows) > 2 else None  # widow: the last line would have
    return not indented(second) and (third is None or indented(third) or not on_grid(third))


def _one_paragraph(rows: list[Row]) -> bool:
    """Whether ``rows`` (the body above a 落款) are the lines of one paragraph, blank
    lines aside: LibreOffice moves a paragraph kept with the 落款 whole, where Word and
    WPS move its last two lines."""
    text = [row for row in rows if row.text.strip()]
    return bool(text) and indented(text[0]) and not any(map(indented, text[1:]))


def punctuation_flags(pages: list[Page], paragraphs: Paragraphs) -> list[str]:
    """Marks whose count differs between the DOCX text and the PDF's body text."""
    printed = "".join(row.text for page in pages for row in page.body)
    want, got = Counter(paragraphs.text), Counter(printed)
    missing = [
        f"{mark}{got[mark] - want[mark]:+d}" for mark in PUNCTUATION if want[mark] != got[mark]
    ]
    return ["标点 " + " ".join(missing)] if missing else []


def review(name: str, docx: bytes, pdf: Path) -> Review:
    pages = read_pages(pdf)
    paragraphs = read_paragraphs(docx)
    flags = (
        signature_flags(pages, paragraphs)
        + heading_flags(pages, paragraphs)
        + early_page_flags(pages, paragraphs)
        + punctuation_flags(pages, paragraphs)
    )
    return Review(name, pages, flags)


# -- rendering ------------------------------------------------------------------------


def example_files() -> list[Path]:
    """``examples/*.yaml`` and every YAML file under ``examples/district/``."""
    return sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "district").rglob("*.yaml"))


def output_name(path: Path) -> str:
    """A file name for the example at ``path``: its path under examples/, joined by -."""
    return "-".join(path.relative_to(EXAMPLES).with_suffix("").parts)


def render_all(files: list[Path], outdir: Path) -> dict[str, Path]:
    """Each file rendered to ``outdir/<name>.docx``; name → DOCX path."""
    from planmaker.pipeline import RenderOptions, render_file

    outdir.mkdir(parents=True, exist_ok=True)
    written = {}
    for path in files:
        name = output_name(path)
        target = outdir / f"{name}.docx"
        target.write_bytes(render_file(path, RenderOptions(format="docx")).data)
        written[name] = target
    return written


def contact_sheet(pdf: Path, target: Path, dpi: int, columns: int = 4) -> None:
    """The pages of ``pdf`` in one greyscale PNG, ``columns`` to a row, to see a document
    at once."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), f"{work}/p"], check=True)
        images = [_read_pgm(path) for path in sorted(Path(work).glob("p-*.pgm"), key=_page_no)]
    gap, grey = 8, 160
    cell_w = max(w for w, _, _ in images)
    cell_h = max(h for _, h, _ in images)
    across = min(columns, len(images))
    width = across * cell_w + gap * (across - 1)
    lines = []
    for first in range(0, len(images), across):
        if first:
            lines += [bytes([grey]) * width] * gap
        shelf = images[first : first + across]
        for y in range(cell_h):
            row = bytearray()
            for i in range(across):
                if i:
                    row += bytes([grey]) * gap
                w, h, pixels = shelf[i] if i < len(shelf) else (cell_w, 0, b"")
                row += pixels[y * w : (y + 1) * w] if y < h else bytes([grey]) * w
                row += bytes([grey]) * (cell_w - w)
            lines.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, len(lines), 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + line for line in lines)
    target.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw, 9))
        + _png_chunk(b"IEND", b"")
    )


def _page_no(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5, 8 bit) as pdftoppm writes it."""
    data = path.read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return int(width), int(height), pixels[: int(width) * int(height)]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把全部示例生成 DOCX、PDF 和逐页 PNG，供检查版面")
    parser.add_argument("outdir", nargs="?", type=Path, default=ROOT / "out" / "review")
    parser.add_argument("--dpi", type=int, default=72, help="PNG 的分辨率（默认 72）")
    parser.add_argument("--no-png", action="store_true", help="不生成 PNG")
    parser.add_argument(
        "--sheet-dpi",
        type=int,
        default=50,
        help="每份文档一张总览图（每排 4 页）的分辨率（默认 50）",
    )
    args = parser.parse_args(argv)

    from planmaker.writers.pdf import convert_to_pdf

    out: Path = args.outdir
    docx = render_all(example_files(), out / "docx")
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    pdfs = dict(zip(docx, convert_to_pdf(list(docx.values()), out / "pdf"), strict=True))
    if not args.no_png:
        png = out / "png"
        png.mkdir(parents=True, exist_ok=True)
        for old in png.glob("*.png"):
            old.unlink()
        for name, pdf in pdfs.items():
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(png / name)], check=True
            )
        sheets = out / "sheets"
        sheets.mkdir(exist_ok=True)
        for name, pdf in pdfs.items():
            contact_sheet(pdf, sheets / f"{name}.png", args.sheet_dpi)
    reviews = [review(name, docx[name].read_bytes(), pdf) for name, pdf in pdfs.items()]
    for item in reviews:
        print(item.line())
    flagged = sum(bool(item.flags) for item in reviews)
    pages = sum(len(item.pages) for item in reviews)
    print(f"共 {len(reviews)} 份文档、{pages} 页，{flagged} 份有问题；PDF 与 PNG 在 {out}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
