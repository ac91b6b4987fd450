"""A user's input file read as text: bytes → text.

Users save YAML from Notepad, WPS or VS Code on Windows, so besides UTF-8 we
accept UTF-8 with a BOM, UTF-16 with a BOM (Notepad's "Unicode") and GB18030, the
superset of GBK that Chinese Windows uses. Only a regular file of at most
:data:`MAX_BYTES` is read (:mod:`planmaker.intake`), so a 50 MB file, a device or a FIFO
costs nothing. The encoding used is logged (the ``planmaker`` logger, shown under
``--verbose``). Outputs are written by :mod:`planmaker.output`.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import re
from dataclasses import dataclass

from planmaker.errors import Location, PlanError
from planmaker.intake import MAX_BYTES, read_limited

log = logging.getLogger(__name__)

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8（带 BOM）",
    "utf-16": "UTF-16（带 BOM）",
    "utf-16-le": "UTF-16 LE（无 BOM）",
    "utf-16-be": "UTF-16 BE（无 BOM）",
    "gb18030": "GB18030（兼容 GBK）",
}
"""The encodings :func:`decode` reports, as users know them."""


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: its text (line ends as written) and the encoding used."""

    path: str
    text: str
    encoding: str


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read and decode a user's input file; see the module docstring for what is accepted.

    Raises PlanError as :func:`read_limited` does for an input (``input.not_found``,
    ``input.too_large`` … checked before reading), then ``input.not_text`` or
    ``input.encoding``.
    """
    data = read_limited(path, MAX_BYTES, "input")
    text, encoding = decode(data, str(path))
    log.info("verbose.encoding", {"file": str(path), "encoding": ENCODING_NAMES[encoding]})
    return SourceText(str(path), text, encoding)


def decode(data: bytes, file: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes, or PlanError ``input.not_text``/``input.encoding``.

    A BOM decides the encoding. UTF-32 (with a BOM or without) is recognised and
    refused as a whole (``input.utf32``). Without a BOM, NUL bytes on every other
    byte are UTF-16 saved without one, which is read; any other NUL byte means a
    binary file, refused at the line and column of the first. Then UTF-8 is tried,
    then GB18030. When neither fits, the error points at the first byte that the
    encoding which got further could not read: that is where the file is damaged.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or _utf32(data):
        raise PlanError("input.utf32", Location(file))
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise _undecodable(data, err, file, codec) from None
    if b"\x00" in data:
        if (utf16 := _bomless_utf16(data)) is not None:
            return utf16
        nul = data.index(b"\x00")
        line, col = _position(data, nul)
        raise PlanError("input.not_text", Location(file, line, col))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_err:
            if gb_err.start > utf8_err.start:
                raise _undecodable(data, gb_err, file, "gb18030") from None
            raise _undecodable(data, utf8_err, file, "utf-8") from None


def _undecodable(data: bytes, err: UnicodeDecodeError, file: str | None, codec: str) -> PlanError:
    """``input.encoding`` at the line and column (in characters) of the unreadable byte.

    With a BOM the file said which encoding it is in (``input.bad_for_bom``).
    """
    start = err.start + (len(codecs.BOM_UTF8) if codec == "utf-8-sig" else 0)
    line, col = _position(data, start, codec)
    code = "input.bad_for_bom" if codec in ("utf-8-sig", "utf-16") else "input.encoding"
    return PlanError(
        code,
        Location(file, line, col),
        encoding=ENCODING_NAMES[codec],
        byte=" ".join(f"0x{b:02X}" for b in data[start : max(err.end, start + 1)][:4]),
    )


_LINE_END = re.compile(r"\r\n|\r|\n")
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters: a text file holds none but tab and the line ends."""


def _position(data: bytes, index: int, codec: str | None = None) -> tuple[int, int]:
    """The 1-based line and column (in characters) of the byte at ``index``.

    The bytes before it are read in ``codec``, or else in the first of UTF-8 and
    GB18030 that reads them.
    """
    head = data[:index]
    text = None
    for name in (codec,) if codec else ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            text = head.decode(name)
            break
    if text is None:
        text = head.decode(codec or "utf-8", "replace")
    lines = _LINE_END.split(text)
    return len(lines), len(lines[-1]) + 1


def _utf32(data: bytes) -> bool:
    """Whether BOM-less ``data`` reads as UTF-32 text (a NUL in every four bytes, or more)."""
    if not data or len(data) % 4 or b"\x00" not in data:
        return False
    return any(_reads_as_text(data, codec) is not None for codec in ("utf-32-le", "utf-32-be"))


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when BOM-less ``data`` is UTF-16 text, else None.

    UTF-16 writes each ASCII character (line ends, spaces, keys, digits) with a NUL
    byte, in the second byte of each pair (little endian, as Windows saves it) or the
    first (big endian). The side with more NULs gives the byte order; the file must
    then read as text with line breaks, and at least 1 % of it ASCII.
    """
    if len(data) % 2:
        return None
    second, first = data[1::2].count(0), data[0::2].count(0)
    if second == first:
        return None
    codec = "utf-16-le" if second > first else "utf-16-be"
    text = _reads_as_text(data, codec)
    if text is None or "\n" not in text or max(second, first) * 100 < len(text):
        return None
    return text, codec


def _reads_as_text(data: bytes, codec: str) -> str | None:
    """``data`` decoded, if it decodes and holds no control character but tab and line ends."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _NOT_IN_TEXT.search(text) else text
