"""The only output of planmaker: documents to standard output, words for people to standard error.

Words come from ``cli/messages.py`` by code (:func:`words`, :func:`tell`); problems,
errors and warnings alike, are printed by one function, :func:`show`. Text reaches the
terminal as written: no rich markup (``[bold]``), no emoji codes (``:x:``), and control
characters (an escape sequence in a file name, say) shown as ``\\x1b`` rather than
obeyed — in every line, table and progress bar printed here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from planmaker.cli import messages
from planmaker.cli.literal import visible
from planmaker.cli.switches import State, state
from planmaker.errors import Problem

__all__ = ["State", "state"]  # the switches, read here and by the commands

if TYPE_CHECKING:
    import logging

    from rich.console import Console
    from rich.text import Text


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


def words(code: str, params: dict[str, Any] | None = None) -> str:
    """The message of ``code`` filled with ``params``.

    A message that cannot be worded (a bug: no entry, or a param its text needs is
    missing) is shown as its bare code and params, so that the user still learns
    something; under ``--debug`` it raises instead, for the bug report.
    """
    params = params or {}
    try:
        return messages.message(code, params)
    except messages.MessageError:
        if state.debug:
            raise
        return messages.message("cli.unworded", _unworded(code, params))


def described(problem: Problem) -> str:
    """``file:line:col: 说明`` for ``problem``, with the same fallback as :func:`words`."""
    try:
        return messages.describe(problem)
    except messages.MessageError:
        if state.debug:
            raise
        stand_in = Problem("cli.unworded", problem.where, _unworded(problem.code, problem.params))
        return messages.describe(stand_in)


def _unworded(code: str, params: dict[str, Any]) -> dict[str, Any]:
    detail = "".join(f"，{name}={value!r}" for name, value in params.items())
    return {"code": code, "detail": detail}


def say(text: str) -> None:
    """A line already worded (a result, a progress line) on standard error.

    A line with no colour and no tab is written as it is, without loading rich (a tenth
    of a cold ``render``); rich prints the others (it expands tabs by display width)."""
    if "\t" in text:
        err_console().print(text, markup=False)
        return
    sys.stderr.write(visible(text) + "\n")
    sys.stderr.flush()


def tell(code: str, **params: Any) -> None:
    """The message of ``code`` as a plain line on standard error (results, progress)."""
    say(words(code, params))


def show(
    problems: Iterable[Problem],
    *,
    file: str | os.PathLike[str] | None = None,
    files: int = 0,
) -> None:
    """Print each problem on standard error: the one printer of errors and warnings.

    An error is printed in red, a warning after “提醒：” in yellow; each with its place
    (``file:line:col: ``) when it has one, and ``file`` standing in for a place with no
    file; the same problem given twice is printed once. ``files`` > 0 adds to a warning
    how many files it was met in (``batch``).
    """
    said: set[str] = set()
    for problem in problems:
        if file is not None and problem.where.file is None:
            problem = replace(problem, where=replace(problem.where, file=os.fspath(file)))
        if str(problem) in said:
            continue
        said.add(str(problem))
        text = described(problem)
        if problem.severity != "warning":
            err_console().print(text, style="red", markup=False)
            continue
        if files:
            text = words("cli.in_files", {"warning": text, "count": files})
        err_console().print(words("cli.warning", {"warning": text}), style="yellow", markup=False)


def usage_error(err: Any) -> None:
    """A command-line mistake click found, in Chinese: usage, what is wrong, where to find help."""
    from planmaker.cli import zh

    if type(err).__name__ == "NoArgsIsHelpError":  # no command at all: the help page
        sys.stdout.write(err.format_message() + "\n")
        sys.stdout.flush()
        return
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        say(zh.translate_message(ctx.get_usage()))
    detail = zh.translate_message(err.format_message())
    err_console().print(words("cli.usage_error", {"click": detail}), style="red", markup=False)
    command = ctx.command_path if ctx is not None else "planmaker"
    tell("cli.help_hint", command=command)


def note(code: str, params: dict[str, Any] | None = None) -> None:
    """A ``--verbose`` line: the message of ``code``."""
    if state.verbose:
        err_console().print(words(code, params), style="dim", markup=False)


def _emit(record: logging.LogRecord) -> None:
    """Words a ``planmaker`` logger's record as a ``--verbose`` note.

    Library code logs a message code with its params (``log.info("verbose.encoding",
    {"file": …, "encoding": …})``), never words: those live in ``messages``.
    """
    params = record.args if isinstance(record.args, dict) else {}
    note(str(record.msg), params)


@cache
def _note_handler() -> logging.Handler:
    import logging

    class NoteHandler(logging.Handler):
        words_notes = True

        def emit(self, record: logging.LogRecord) -> None:
            _emit(record)

    return NoteHandler()


def enable_verbose() -> None:
    """Show what the library logs (which encoding, template …) as notes; idempotent."""
    import logging

    logger = logging.getLogger("planmaker")
    if not any(getattr(h, "words_notes", False) for h in logger.handlers):
        logger.addHandler(_note_handler())
    logger.setLevel(logging.INFO)


def write_stdout(data: bytes) -> None:
    """Document bytes to standard output, as UTF-8 whatever the terminal's code page."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
