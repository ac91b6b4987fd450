"""The only output of planmaker: documents to standard output, words for people to standard error."""

from __future__ import annotations

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


def warn(text: str) -> None:
    err_console().print("提醒：" + text, style="yellow", markup=False)


def error(text: str) -> None:
    err_console().print(text, style="red", markup=False)


def write_stdout(data: bytes) -> None:
    """Document bytes to standard output, as UTF-8 whatever the terminal's code page."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
