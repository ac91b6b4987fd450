"""The only output of planmaker: documents to standard output, words for people to standard error."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class State:
    """Switches that work before or after the command name (see ``cli.main``)."""

    debug: bool = False
    verbose: bool = False


state = State()


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


@cache
def out_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


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
