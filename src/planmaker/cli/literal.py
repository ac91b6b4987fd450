"""A user's text made literal for a terminal: shown, never obeyed.

File names and values come from users and folders; an escape sequence in one must not
recolour or clear the screen, and a line break must not split the message quoting it.
Every line planmaker prints passes through :func:`visible` (``cli/console.py``), and
every quoted name or value through it with ``line_breaks=False`` (``cli/messages.py``).
"""

from __future__ import annotations

import re

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What a terminal obeys or cannot print: C0 controls but tab and line feed, DEL, C1
controls, the bidirectional marks and overrides, and lone surrogates (from file names
that are not UTF-8)."""


def visible(text: str, *, line_breaks: bool = True) -> str:
    """``text`` with every control character written as an escape (ESC as ``\\x1b``).

    With ``line_breaks`` False, tab and line feed are escaped too (for a file name
    or a value quoted in a message, which must stay on its line).
    """
    text = _HIDDEN.sub(_escape, text)
    return text if line_breaks else text.replace("\t", "\\t").replace("\n", "\\n")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
