"""File names made from a document's data (a unit's name, a composed title).

One rule for every command that names a file after what a user typed into a YAML
(``new``, ``summarize``, ``report``), so that the name works on Linux, macOS and
Windows alike and is never hidden or too long:

* ``/ \\ : * ? " < > |``, control characters and invisible format characters (a
  right-to-left mark could disguise the suffix) become ``_``;
* leading dots and spaces go (a name starting with a dot is a hidden file, which
  ``batch`` and ``report`` leave out), and so do trailing dots and spaces (Windows drops
  them, so two names would meet);
* a Windows device name (``CON``, ``NUL``, ``COM1`` … also with a suffix) gets a ``_``;
* the whole name is cut to :data:`NAME_MAX_BYTES` bytes of UTF-8, keeping the suffix and
  never splitting a character: the middle of the stem gives way to ``…``, so that both
  its start (the unit) and its end (the year, the kind of document) survive.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX_BYTES = 255
"""The longest file name Linux, macOS and Windows file systems all accept, in bytes."""

_UNSAFE = re.compile(r'[\\/:*?"<>|]')
_UNSEEN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
"""Unicode categories that show nothing, or no one character: controls, format marks,
line and paragraph separators, and the halves of surrogate pairs."""
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")]
)
"""Names Windows gives to devices, whatever suffix follows them."""
_EDGE = ". \t\u3000"
_CUT = "…"


def safe_name(text: str, suffix: str = "", *, room: int = 0, fallback: str = "未命名") -> str:
    """``text`` cleaned as a file name (see the module docstring), then ``suffix``.

    ``room`` keeps that many more bytes free, for a caller that puts a suffix of its
    own after the stem returned (``suffix`` "" and ``room`` 5 for ``.yaml``/``.docx``).
    ``fallback`` is the stem when nothing of ``text`` is left.
    """
    stem = "".join("_" if unicodedata.category(c) in _UNSEEN else c for c in text)
    stem = _UNSAFE.sub("_", stem).lstrip(_EDGE).rstrip(_EDGE) or fallback
    if stem.split(".", 1)[0].rstrip(" ").upper() in _RESERVED:
        first, dot, rest = stem.partition(".")
        stem = first + "_" + dot + rest
    budget = NAME_MAX_BYTES - len(suffix.encode("utf-8")) - room
    if len(stem.encode("utf-8")) > budget:
        stem = _shortened(stem, budget)
    return stem + suffix


def _shortened(stem: str, budget: int) -> str:
    """``stem`` in at most ``budget`` bytes: its start, ``…``, and its last third."""
    data = stem.encode("utf-8")
    tail = data[-(budget // 3) :].decode("utf-8", "ignore")
    room = budget - len(_CUT.encode("utf-8")) - len(tail.encode("utf-8"))
    head = data[:room].decode("utf-8", "ignore")
    return head + _CUT + tail
