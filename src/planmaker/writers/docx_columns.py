"""How a table is proportioned (docs/layout.md §11): which columns it keeps, which one holds
the text, how wide each column is, what size its text is set in, where a label breaks
and which rows may split across pages.

Widths are counted in tenths of a 字: a CJK (or full-width) character is ten, a digit
or Latin letter five. The cells' paragraphs turn off the automatic space between CJK
text and digits (Word honours that), but LibreOffice adds it anyway, a fifth of a 字
between a CJK character and a digit or Latin letter; the widths count it, so a label
that fits in LibreOffice fits in Word.

**Labels and text.** One column may be the *text column*: the one whose body cells
use the most different letters (task text rarely repeats a character; dates, week
numbers and owners reuse a handful). Its lines wrap anywhere, as body text does.
Every other cell, and every header cell, is a *label*: it breaks only at its natural
break points, of three kinds —

* ``ENTRY``, between entries: before an opening bracket, after a closing one, after
  、，；： or a space (清明节放假 / （4月4日—6日）);
* ``RANGE``, after the dash of a range outside brackets (3月23日— / 4月5日);
* ``INSIDE``, after a dash or separator inside brackets (（4月4日— / 6日）).

Elsewhere a label never breaks: 周次 (第十二至十三周 too), 负责人 and header cells
such as 部分完成 stay on one line. A piece between natural breaks longer than
:data:`LABEL_PIECE_UNITS` is text, though, and wraps anywhere. The writer puts a line
break at each natural break a label needs (:attr:`ColumnPlan.breaks`), so no renderer
breaks one anywhere else.

**Widths and size.** Each label column's width is chosen among the widths at which
its lines change, the text column takes the rest, and the text is set in 四号 or, for
a dense table, 小四 or 五号 (:data:`SIZES`), comparing in this order:

1. no label breaks inside its brackets;
2. the text column has at least :data:`TEXT_SHARE` of the table and at least as much
   as any other column;
3. no date range is broken;
4. the larger size;
5. the table is as short as can be: fewest lines summed over the rows, a row being as
   tall as its tallest cell;
6. labels break between entries as seldom as can be;
7. the text column is as wide as can be.

A table with no text column (no body line longer than :data:`SHORT_LINE_UNITS`, or
mostly columns of figures) shares the width left over evenly, every column centred.
A column whose body cells are all empty is left out. A table whose labels cannot fit
even broken at every natural point is scaled down to the block.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from planmaker.writers import docx_layout as L

FREE, ENTRY, RANGE, INSIDE = 0, 1, 2, 3
"""Kinds of break: anywhere in text (``FREE``), then the natural breaks of a label."""

TEXT_SHARE = 0.4
"""The least share of the table's width the text column gets when the labels allow."""

AUTOSPACE_UNITS = 2
"""LibreOffice's space between a CJK character and a digit or Latin letter."""

SHORT_LINE_UNITS = 80
"""A table with no body line longer than this (8 字) is a table of labels or figures."""

LABEL_PIECE_UNITS = 100
"""The longest piece (10 字) of a label that is kept whole; a longer one is text."""

SLACK = L.TABLE_CELL_MARGIN // 5
"""Room a column gets beyond its widest line, for the cell borders and rounding."""

OVERHEAD = 2 * L.TABLE_CELL_MARGIN + SLACK
"""Twips of a column besides its text: both cell margins and the slack."""

MIN_UNITS = 10 * L.TABLE_MIN_COLUMN_CHARS
"""No column is narrower than this."""

_EXHAUSTIVE = 4096
"""Width combinations tried one by one at most; beyond, one column changes at a time."""

_OPEN = "（([【〔〖《〈「『“‘"
_CLOSE = "）)]】〕〗》〉」』”’"
_SEPARATORS = "、，；：,;"
_DASHES = "—–～~-"
# Characters that never start a line, and half-width characters that stick together.
_NO_LINE_START = _CLOSE + "，。、；：？！…·,.;:?!%％"
_NARROW = frozenset(map(chr, range(0x21, 0x7F)))  # ! to ~
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_FIGURE = re.compile(r"[\d\s.,．，%％+\-—/:：]*\d[\d\s.,．，%％+\-—/:：]*")


@lru_cache(maxsize=4096)
def _char_units(char: str) -> int:
    return 10 if unicodedata.east_asian_width(char) in "WFA" else 5


@lru_cache(maxsize=4096)
def _is_ideograph(char: str) -> bool:
    return unicodedata.east_asian_width(char) == "W" and unicodedata.category(char) == "Lo"


@lru_cache(maxsize=4096)
def _prefix(text: str) -> tuple[int, ...]:
    """Width of ``text[:i]`` for each ``i``, LibreOffice's automatic space included."""
    widths = [_char_units(ch) for ch in text]
    ideograph = [_is_ideograph(ch) for ch in text] if not _ALNUM.isdisjoint(text) else []
    for i in range(1, len(ideograph)):
        a, b = text[i - 1], text[i]
        if (ideograph[i - 1] and b in _ALNUM) or (a in _ALNUM and ideograph[i]):
            widths[i] += AUTOSPACE_UNITS
    return tuple(itertools.accumulate(widths, initial=0))


def units(text: str) -> int:
    """Width of ``text`` in tenths of a 字."""
    return _prefix(text)[-1]


class _Line:
    """One line of a cell: its width up to each position and where it may break, worked
    out once (and kept for the same text, from one table and one document to the next):
    the planner asks for its starts at many widths, each set out once."""

    __slots__ = ("prefix", "breaks", "width", "widest", "_points", "kinds", "_measured")

    def __init__(self, prefix: tuple[int, ...], breaks: tuple[tuple[int, int], ...]) -> None:
        self.prefix = prefix
        self.breaks = breaks
        """(position, kind) of each break point, ascending: a new line may start there."""
        self.width = prefix[-1]
        end = len(prefix) - 1
        bounds = [0, *(p for p, _ in breaks), end]
        self.widest = max(prefix[b] - prefix[a] for a, b in itertools.pairwise(bounds))
        """The narrowest width at which the line can be set at all."""
        # For each kind (``ENTRY``, ``RANGE``, ``INSIDE``), the break points of that kind or
        # milder, then the end, with the width up to each, unless the same as the last kind's.
        points: list[tuple[list[int], list[int]]] = []
        for kind in (ENTRY, RANGE, INSIDE):
            at = [p for p, k in breaks if k <= kind] + [end]
            if not points or at != points[-1][0]:
                points.append((at, [prefix[p] for p in at]))
        self._points = tuple(points)
        self.kinds = dict(breaks)
        """Position → kind of each break point."""
        self._measured: dict[int, tuple[int, int, int, int] | None] = {}

    def starts(self, cap: int) -> list[int] | None:
        """Where each printed line starts when the line is set ``cap`` units wide,
        breaking at the mildest kind of point that lets every piece fit; ``None`` when
        some piece is wider than ``cap`` at any kind."""
        if cap >= self.width:
            return [0]
        for points, widths in self._points:
            starts = _pack(points, widths, cap)
            if starts is not None:
                return starts
        return None

    def measure(self, cap: int) -> tuple[int, int, int, int] | None:
        """Set ``cap`` units wide: printed lines, then natural breaks used by kind
        (``ENTRY``, ``RANGE``, ``INSIDE``); ``None`` when it cannot be set so."""
        if cap >= self.width:
            return (1, 0, 0, 0)
        if cap in self._measured:
            return self._measured[cap]
        starts = self.starts(cap)
        measured = None
        if starts is not None:
            broken = [0, 0, 0, 0]
            for p in starts[1:]:
                broken[self.kinds[p]] += 1
            measured = (len(starts), broken[ENTRY], broken[RANGE], broken[INSIDE])
        self._measured[cap] = measured
        return measured

    def spans(self, least: int, widest: int) -> set[int]:
        """Widths between ``least`` and ``widest`` of the runs of pieces of the line:
        the only widths at which its printed lines change."""
        ws = [self.prefix[p] for p in (0, *(p for p, _ in self.breaks), len(self.prefix) - 1)]
        found: set[int] = set()
        for i, x in enumerate(ws):  # the runs from ws[i] within the range, ws ascending
            lo, hi = bisect_left(ws, x + least, i + 1), bisect_right(ws, x + widest, i + 1)
            found.update(y - x for y in ws[lo:hi])
        return found


def _pack(points: list[int], widths: list[int], cap: int) -> list[int] | None:
    """Greedy filling: each printed line takes as many pieces as fit. ``points`` are
    where a line may start, ascending, ending with the line's end; ``widths`` the width
    up to each. A line starting at width ``w`` runs to the last point within ``w + cap``;
    ``None`` when a piece is wider than ``cap``."""
    starts = [0]
    start = at = 0
    last = len(points) - 1
    while True:
        reach = bisect_right(widths, start + cap, at) - 1
        if reach < at:  # the next piece alone is wider than the line
            return None
        if reach == last:
            return starts
        starts.append(points[reach])
        start, at = widths[reach], reach + 1


def _may_break(text: str, p: int) -> bool:
    """Whether a line may start at ``text[p]`` at all (Chinese line-breaking rules:
    no closing mark at a line start, no opening one at a line end, no break inside a
    Latin word or a number)."""
    before, after = text[p - 1], text[p]
    if after in _NO_LINE_START or before in _OPEN:
        return False
    return not (before in _NARROW and after in _NARROW)


@lru_cache(maxsize=256)
def text_line(text: str) -> _Line:
    """A line of the text column: it may break wherever Chinese text may."""
    prefix = _prefix(text)
    narrow = [ch in _NARROW for ch in text]
    points = tuple(
        (p, FREE)
        for p in range(1, len(text))
        if not (text[p] in _NO_LINE_START or text[p - 1] in _OPEN or narrow[p - 1] and narrow[p])
    )
    return _Line(prefix, points)


@lru_cache(maxsize=1024)
def label_line(text: str) -> _Line:
    """A line of a label: it breaks at its natural points only (see the module's text)."""
    prefix = _prefix(text)
    kinds: dict[int, int] = {}
    depth = 0
    for p in range(1, len(text)):
        before, after = text[p - 1], text[p]
        depth = max(0, depth + (before in _OPEN) - (before in _CLOSE))
        if not _may_break(text, p):
            continue
        if after in _OPEN or before in _CLOSE or before in _SEPARATORS or before == " ":
            kinds[p] = INSIDE if depth else ENTRY
        elif before in _DASHES:
            kinds[p] = INSIDE if depth else RANGE
    bounds = [0, *kinds, len(text)]
    for a, b in itertools.pairwise(bounds):
        if prefix[b] - prefix[a] > LABEL_PIECE_UNITS:
            kinds.update((p, FREE) for p in range(a + 1, b) if _may_break(text, p))
    return _Line(prefix, tuple(sorted(kinds.items())))


@dataclass(frozen=True)
class _Fit:
    """A column set ``cap`` units wide: lines per row and breaks per kind."""

    cap: int
    rows: tuple[int, ...]
    broken: tuple[int, int, int]
    """Natural breaks used, by kind: ``ENTRY``, ``RANGE``, ``INSIDE``."""


class _Column:
    """The lines of a column's cells (``cells[r]``: the lines of row ``r``), measured
    once per line of the same text and once per width asked for."""

    def __init__(self, cells: tuple[tuple[_Line, ...], ...]) -> None:
        self.cells = cells
        index: dict[_Line, int] = {}
        self._rows = [[index.setdefault(line, len(index)) for line in lines] for lines in cells]
        self.lines = list(index)
        single = len(self._rows) > 1 and all(len(row) == 1 for row in self._rows)
        # Most cells hold one line: their rows' counts are then picked in one go.
        self._pick = itemgetter(*(row[0] for row in self._rows)) if single else None
        times = Counter(i for row in self._rows for i in row)
        self._times = [times[i] for i in range(len(index))]
        self._widest_first = sorted(range(len(index)), key=lambda i: -self.lines[i].width)
        self.least = max([MIN_UNITS, *(line.widest for line in self.lines)])
        """The narrowest width at which every line can be set."""
        self.widest = max([self.least, *(line.width for line in self.lines)])
        self._fits: dict[int, _Fit | None] = {}
        self._choices: tuple[_Fit, ...] | None = None

    def fit(self, cap: int) -> _Fit | None:
        """Lines per row and natural breaks at ``cap``; ``None`` if a line cannot fit."""
        if cap in self._fits:
            return self._fits[cap]
        counts = [1] * len(self.lines)
        broken = (0, 0, 0)
        for i in self._widest_first:  # a line no wider than cap: one printed line
            if self.lines[i].width <= cap:
                break
            m = self.lines[i].measure(cap)
            if m is None:
                self._fits[cap] = None
                return None
            counts[i], e, r, n = m
            if e or r or n:
                t = self._times[i]
                broken = (broken[0] + e * t, broken[1] + r * t, broken[2] + n * t)
        if self._pick is not None:
            rows = self._pick(counts)
        else:
            rows = tuple(max(sum(counts[i] for i in row), 1) for row in self._rows)
        fit = self._fits[cap] = _Fit(cap, rows, broken)
        return fit

    def choices(self) -> tuple[_Fit, ...]:
        """The widths worth trying for a label column: the narrowest giving each result,
        among the widths of its lines' runs of pieces, from its least width to its
        widest line."""
        if self._choices is not None:
            return self._choices
        least, widest = self.least, self.widest
        caps = {least, widest}
        for line in self.lines:
            caps.update(line.spans(least, widest))
        seen: dict[tuple[tuple[int, ...], tuple[int, int, int]], _Fit] = {}
        for cap in sorted(caps):
            fit = self.fit(cap)
            if fit is not None:
                seen.setdefault((fit.rows, fit.broken), fit)
        self._choices = tuple(seen.values())
        return self._choices


@lru_cache(maxsize=64)
def _column(cells: tuple[tuple[_Line, ...], ...]) -> _Column:
    """The column of these lines, kept with what was measured of it: a schedule's label
    columns (weeks, dates, owners) recur from one document of a batch to the next."""
    return _Column(cells)


def twips(cap: int, unit: int) -> int:
    """Width in twips of a column whose lines are ``cap`` units of ``unit`` twips wide."""
    return cap * unit + OVERHEAD


def cap_of(width: int, unit: int) -> int:
    """The line width in units of ``unit`` twips a column of ``width`` twips holds."""
    return max(1, (width - OVERHEAD) // unit)


@dataclass(frozen=True)
class CellSize:
    """A size table cells may be set in."""

    half_points: int
    """``w:sz`` of the text; also the twips in a tenth of one of its 字."""
    line: int
    """Twips of its exact line spacing, in the proportion of 四号's."""


SIZES = tuple(
    CellSize(round(size * 2), round(L.TABLE_LINE * size / L.SIZE_SIHAO / 20) * 20)
    for size in (L.SIZE_SIHAO, 12, 10.5)
)
"""四号 (the table style's), then 小四 and 五号 for a dense table (docs/layout.md §11)."""


@dataclass(frozen=True)
class ColumnPlan:
    """What a table's layout needs before its first row is written."""

    columns: list[int]
    """The source columns kept, in order (an empty column is left out)."""
    widths: list[int]
    """Twips of each kept column; they add up to the text block."""
    text_column: int | None
    """The source column holding the text, if the table has one."""
    size: CellSize
    """The size of the cells' text: the first of :data:`SIZES` unless the labels need
    a smaller one."""
    breaks: dict[tuple[int, int, int], tuple[int, ...]]
    """(row, source column, line of the cell) → offsets in that line's text where the
    writer starts a new printed line."""
    row_heights: list[int]
    """Twips of each row's text, as estimated."""


def plan_columns(rows: list[list[list[str]]]) -> ColumnPlan:
    """The plan of a table from its cells' text: ``rows[r][c]`` lists the lines (split
    at ``<br>``) of row ``r``'s cell ``c``, the header row first."""
    count = max(len(row) for row in rows)
    rows = [row + [[""]] * (count - len(row)) for row in rows]
    body = rows[1:]
    columns = [c for c in range(count) if any(line.strip() for r in body for line in r[c])]
    columns = columns or list(range(count))
    text = _text_column([[r[c] for r in body] for c in columns])
    cells = [
        _column(
            tuple(
                tuple((text_line if i and j == text else label_line)(line) for line in row[c])
                for i, row in enumerate(rows)
            )
        )
        for j, c in enumerate(columns)
    ]
    choices = [() if j == text else column.choices() for j, column in enumerate(cells)]
    _, size, widths = _best_size(cells, choices, text)
    unit = size.half_points
    row_lines = [1] * len(rows)
    breaks: dict[tuple[int, int, int], tuple[int, ...]] = {}
    for j, (column, w) in enumerate(zip(cells, widths, strict=True)):
        cap = cap_of(w, unit)
        for r, lines in enumerate(column.cells):
            count = 0
            for i, line in enumerate(lines):
                starts = line.starts(cap)
                count += len(starts) if starts else max(1, -(-line.width // cap))
                natural = tuple(p for p in (starts or [0])[1:] if line.kinds[p] != FREE)
                if natural:
                    breaks[(r, columns[j], i)] = natural
            row_lines[r] = max(row_lines[r], count)
    text_source = None if text is None else columns[text]
    heights = [n * size.line for n in row_lines]
    return ColumnPlan(columns, widths, text_source, size, breaks, heights)


def _best_size(
    cells: list[_Column], choices: Sequence[Sequence[_Fit]], text: int | None
) -> tuple[tuple[int, ...], CellSize, list[int]]:
    """The best-ranked of :data:`SIZES` with its widths. A size whose labels stay whole
    with the text's share kept (the first three concerns all met) ranks before every
    smaller one, which is then not tried: so it goes for most tables."""
    best: tuple[tuple[int, ...], CellSize, list[int]] | None = None
    for n, size in enumerate(SIZES):
        key, widths = _widths(cells, choices, text, size)
        if best is None or _rank(key, n) < best[0]:
            best = (_rank(key, n), size, widths)
        if not any(key[:3]):
            break
    assert best is not None
    return best


def _rank(key: tuple[int, ...], size: int) -> tuple[int, ...]:
    """The order sizes are compared in: a smaller one only to keep the labels whole and
    give the text its share (the first three concerns of the module's text)."""
    return (*key[:3], size, *key[3:])


def _text_column(body: list[list[list[str]]]) -> int | None:
    """The column holding the text (``body[c][r]``: lines of row ``r`` in column ``c``):
    the one with the most different letters, then the most text; ``None`` for a table
    of short labels or of figures."""
    lines = [[line for cell in column for line in cell if line.strip()] for column in body]
    if all(units(line) <= SHORT_LINE_UNITS for column in lines for line in column):
        return None
    figures = sum(bool(col) and all(_FIGURE.fullmatch(line) for line in col) for col in lines)
    if 2 * figures > len(body):
        return None

    def richness(c: int) -> tuple[int, int]:
        letters = {ch for line in lines[c] for ch in line if ch.isalpha()}
        return len(letters), sum(map(units, lines[c]))

    return max(range(len(body)), key=richness)


def _widths(
    cells: list[_Column], choices: Sequence[Sequence[_Fit]], text: int | None, size: CellSize
) -> tuple[tuple[int, ...], list[int]]:
    """Twips of each column at ``size``, and how good they are (see the module's text
    for the order of concerns): the least key among the label columns' ``choices``."""
    block = L.TEXT_WIDTH
    unit = size.half_points
    labels = [j for j in range(len(cells)) if j != text]
    text_least = cells[text].least if text is not None else 0
    text_fit = cells[text].fit if text is not None else None

    def key(combo: tuple[_Fit, ...]) -> tuple[int, ...]:
        used = [twips(f.cap, unit) for f in combo]
        fits = list(combo)
        if text is None:
            deficit, text_cap = max(0, sum(used) - block), 0
        else:
            room = block - sum(used)
            need = max(math.ceil(TEXT_SHARE * block), *used, twips(text_least, unit))
            deficit = max(0, need - room)
            text_cap = max(text_least, cap_of(room, unit))
            assert text_fit is not None
            fits.extend(filter(None, [text_fit(text_cap)]))
        lines = sum(map(max, zip(*(f.rows for f in fits), strict=True)))
        entry, ranges, inside = (sum(k) for k in zip(*(f.broken for f in fits), strict=True))
        return (inside, deficit, ranges, lines * size.line, entry, -text_cap * unit)

    best = _search([choices[j] for j in labels], key)
    widths = [0] * len(cells)
    for j, fit in zip(labels, best, strict=True):
        widths[j] = twips(fit.cap, unit)
    if text is not None:
        widths[text] = max(twips(text_least, unit), block - sum(widths))
    total = sum(widths)
    if total > block:  # even broken at every natural point the labels do not fit
        widths = [w * block // total for w in widths]
    room = block - sum(widths)
    if text is not None:
        widths[text] += room
    else:
        share, rest = divmod(room, len(widths))
        widths = [w + share + (j < rest) for j, w in enumerate(widths)]
    return key(best), widths


def _search(
    choices: Sequence[Sequence[_Fit]], key: Callable[[tuple[_Fit, ...]], tuple[int, ...]]
) -> tuple[_Fit, ...]:
    """The combination of one choice per column with the least ``key``: all of them
    when there are few, else by changing one column at a time, from the widest."""
    if math.prod(map(len, choices)) <= _EXHAUSTIVE:
        return min(itertools.product(*choices), key=key)
    current = tuple(c[-1] for c in choices)
    while True:
        trials = (
            current[:j] + (option,) + current[j + 1 :]
            for j, options in enumerate(choices)
            for option in options
        )
        better = min(trials, key=key)
        if key(better) >= key(current):
            return current
        current = better
