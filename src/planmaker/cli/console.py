"""The only output of planmaker: documents to standard output, words for people to standard error.

Text reaches the terminal as written: no rich markup (``[bold]``), no emoji codes
(``:x:``), and control characters (an escape sequence in a file name, say) shown as
``\\x1b`` rather than obeyed — in every line, table and progress bar printed here.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


@dataclass
class State:
    """Switches that work before or after the command name (see ``cli.main``)."""

    debug: bool = False
    verbose: bool = False


state = State()

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


@cache
def err_console() -> Console:
    return _literal_console()(stderr=True, highlight=False, soft_wrap=True)


@cache
def out_console() -> Console:
    return _literal_console()(highlight=False, soft_wrap=True)


@cache
def _literal_console() -> type[Console]:
    """rich's Console printing every string literally (see the module docstring)."""
    from rich.console import Console

    class LiteralConsole(Console):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(markup=False, emoji=False, **kwargs)

        def render_str(self, text: str, **kwargs: Any) -> Text:
            return super().render_str(visible(text), **kwargs)

    return LiteralConsole


def say(text: str) -> None:
    """A line for the user (progress, results) on standard error."""
    err_console().print(text, markup=False)


def note(text: str) -> None:
    """A ``--verbose`` line."""
    if state.verbose:
        err_console().print(text, style="dim", markup=False)


class _NoteHandler(logging.Handler):
    """Words the ``planmaker`` logger's records as ``--verbose`` notes.

    Library code logs a message code with its params (``log.info("verbose.encoding",
    {"file": …, "encoding": …})``), never words: those live in ``messages``.
    """

    def emit(self, record: logging.LogRecord) -> None:
        from planmaker.cli.messages import message

        params = record.args if isinstance(record.args, dict) else {}
        note(message(str(record.msg), params))


def enable_verbose() -> None:
    """Show what the library logs (which encoding, template …) as notes; idempotent."""
    logger = logging.getLogger("planmaker")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler())
    logger.setLevel(logging.INFO)


def warn(text: str) -> None:
    err_console().print("提醒：" + text, style="yellow", markup=False)


def error(text: str) -> None:
    err_console().print(text, style="red", markup=False)


def write_stdout(data: bytes) -> None:
    """Document bytes to standard output, as UTF-8 whatever the terminal's code page."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
