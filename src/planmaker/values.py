"""What a value a user wrote means: the text rule, dates, school years, numbers, weeks.

Every scalar arrives from the loader as text (``2025.10`` stays ``"2025.10"``), or from
a command-line option as the text typed; it is read here, once, whichever way it came.
The ``as_*`` readers are the model's validators: each raises ``PydanticCustomError``
whose type is one of our dotted error codes and whose context carries what was read
and what was expected. :func:`parse_date` and :func:`parse_school_year` are the plain
parsers beneath them, which raise ``ValueError("format" | "range")``.

Text follows docs/yaml.md §3: a blank line starts a new paragraph, each line is trimmed
(including the full-width space U+3000), the lines of a paragraph are joined with no
space. A character a DOCX cannot hold is refused here too, for text that did not come
through the loader (a command-line option).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic_core import PydanticCustomError

from planmaker.markdown import BAD_CHARS, bad_char_code

TRIM = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""White space trimmed from the ends of a line: Unicode's (U+3000, U+00A0, U+2003 …),
as Markdown trims it too, and the U+FEFF some editors leave at a line's start."""

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
"""Full-width digits (a Chinese input method's) → ASCII digits: they count as digits."""

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a plan may name: wide enough for any real plan, and far from the limits of
date arithmetic (a 30-week term from 9999-12-01 would run past the last date there is)."""

_DATE_FORMS = (
    re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-./])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日"),
)
_SCHOOL_YEAR = re.compile(r"([0-9]{4})\s*(?:-|–|－|—{1,2}|至)\s*([0-9]{4})(?:学年)?")
_SPAN = re.compile(r"^\s*(\d+)\s*(?:[-—–－~～至到]+\s*(\d+))?\s*$")


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs by the text rule of docs/yaml.md §3 (module docstring)."""
    out: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(TRIM)
        if line:
            current.append(line)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def one_line(text: str) -> str:
    """A one-line field: its paragraphs joined (a line break in a name means nothing)."""
    return "".join(paragraphs(text))


def parse_date(text: str) -> date:
    """The date written as 2026-03-02, 2026-3-2, 2026.3.2, 2026/3/2 or 2026年3月2日.

    The year has four digits; month and day one or two; the two separators of the
    numeric forms are the same character. White space around the date (the
    full-width U+3000 too) is ignored, and full-width digits ０-９ count as digits.
    Raises ``ValueError("format")`` for any other form and ``ValueError("range")``
    for a date that does not exist (2026.13.1, 2026-2-30).
    """
    text = _normalise(text)
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise ValueError("range") from None
    raise ValueError("format")


def parse_school_year(text: str) -> tuple[int, int]:
    """The two years of a school year written as 2025-2026, 2025—2026 or 2025至2026.

    The dash may be -, – (U+2013), － (U+FF0D), — (U+2014, once or twice as Chinese
    input methods type it) or 至, with white space around it; 学年 may follow.
    White space and full-width digits are treated as in :func:`parse_date`.
    Raises ``ValueError("format")`` for any other form and ``ValueError("range")``
    when the second year is not the year after the first.
    """
    match = _SCHOOL_YEAR.fullmatch(_normalise(text))
    if not match:
        raise ValueError("format")
    first, second = int(match[1]), int(match[2])
    if second != first + 1:
        raise ValueError("range")
    return first, second


def _normalise(text: str) -> str:
    """``text`` trimmed of white space (U+3000 included), with ASCII digits only."""
    return text.strip().translate(FULLWIDTH_DIGITS)


# --- the model's readers -------------------------------------------------------------


def invalid(code: str, value: Any, **ctx: Any) -> PydanticCustomError:
    """The error a reader raises: our ``code``, what was read, what its message needs."""
    return PydanticCustomError(code, code, {"value": value, **ctx})


def as_text(value: Any) -> str:
    """``value`` as text; a mapping or list is ``value.not_text``, None is empty.

    A character a DOCX cannot hold is refused (``text.bad_char``, or ``text.surrogate``
    for half of a UTF-16 pair, such as a byte a command line could not decode).
    """
    if isinstance(value, (dict, list)):
        raise invalid("value.not_text", value)
    text = "" if value is None else str(value)
    if bad := BAD_CHARS.search(text):
        shown = text.encode("utf-8", "backslashreplace").decode("utf-8")  # no half pairs
        raise invalid(bad_char_code(bad.group()), shown, char=f"U+{ord(bad.group()):04X}")
    return text


def as_paragraphs(value: Any) -> list[str]:
    """Paragraphs: one text, or a list of them, split by the text rule."""
    if isinstance(value, list):  # a list of paragraphs is fine too
        return [p for v in value for p in paragraphs(as_text(v))]
    return paragraphs(as_text(value))


def as_line(value: Any) -> str | None:
    """A one-line field (:func:`one_line`); None stays None."""
    if value is None:
        return None
    return one_line(as_text(value))


def as_lines(value: Any) -> list[str]:
    """A string or a list of strings (tasks, title lines, attachments), empty ones left out."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [line for v in values if (line := one_line(as_text(v)))]


def choice(table: dict[str, Any], code: str) -> Callable[[Any], Any]:
    """A reader of one of the words in ``table`` (as written, or in lower case) → its value."""

    def parse(value: Any) -> Any:
        if value is None:
            return None
        key = as_text(value).strip(TRIM)
        if key in table:
            return table[key]
        if key.lower() in table:
            return table[key.lower()]
        raise invalid(code, key, expected=" / ".join(dict.fromkeys(table)))

    return parse


def whole_number(code: str, low: int, high: int) -> Callable[[Any], int | None]:
    """A reader of a whole number from ``low`` to ``high``, in ASCII or full-width digits."""

    def parse(value: Any) -> int | None:
        if value is None:
            return None
        text = as_text(value).strip(TRIM)
        digits = text.translate(FULLWIDTH_DIGITS)
        if not re.fullmatch(r"[0-9]+", digits):
            raise invalid(code, text, low=low, high=high)
        number = int(digits)
        if not low <= number <= high:
            raise invalid(code, text, low=low, high=high)
        return number

    return parse


def as_date(value: Any) -> date | None:
    """A date (:func:`parse_date`) in the years :data:`FIRST_YEAR` to :data:`LAST_YEAR`."""
    if value is None or isinstance(value, date):
        return value
    text = as_text(value).strip(TRIM)
    try:
        parsed = parse_date(text)
    except ValueError as err:
        code = "value.date_range" if str(err) == "range" else "value.date"
        raise invalid(code, text) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise invalid("value.year_range", text, low=FIRST_YEAR, high=LAST_YEAR)
    return parsed


def as_school_year(value: Any) -> tuple[int, int] | None:
    """A school year (:func:`parse_school_year`) starting from :data:`FIRST_YEAR` on."""
    if value is None:
        return None
    text = as_text(value).strip(TRIM)
    try:
        first, second = parse_school_year(text)
    except ValueError as err:
        code = "value.school_year_range" if str(err) == "range" else "value.school_year"
        raise invalid(code, text) from None
    if not FIRST_YEAR <= first < LAST_YEAR:
        raise invalid("value.year_range", text, low=FIRST_YEAR, high=LAST_YEAR)
    return first, second


def as_spans(value: Any) -> list[tuple[int, int]] | None:
    """A week or month: ``4``, ``"4-5"`` (a range) or ``[9, 18]`` (a list of either)."""
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    spans: list[tuple[int, int]] = []
    for v in values:
        text = as_text(v).translate(FULLWIDTH_DIGITS).strip(TRIM)
        m = _SPAN.match(text)
        if not m:
            raise invalid("value.week", text)
        first = int(m.group(1))
        last = int(m.group(2) or first)
        if last < first:
            raise invalid("value.range_backwards", text, first=first, last=last)
        if first < 1:
            raise invalid("value.week", text)
        spans.append((first, last))
    if not spans:
        raise invalid("value.week", "")
    return spans
