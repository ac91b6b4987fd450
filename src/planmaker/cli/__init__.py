"""planmaker's command line: ``run()`` is the error edge, the commands live beside it.

``run`` is the only place that turns a :class:`~planmaker.errors.PlanError` into an exit
code: its problems are printed (``console.show``) and it returns 1, or 2 for a
:class:`~planmaker.cli.common.CommandLineError` and for the mistakes click finds itself;
Ctrl-C returns 130. A command that goes on after one file's problems (``check``,
``batch``, ``report``) prints them with the same printer and ends by raising one
PlanError that says how many failed. Nothing a user can do ends in a Python traceback:
``--debug`` shows one (for a bug report), ``--verbose`` says what was used (encoding,
template, holiday data). Both work before or after the command name.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from planmaker.cli.switches import state

GLOBAL_FLAGS = ("--debug", "--verbose")
FAILED = 1
"""The exit code when the input or the work failed."""
WRONG_COMMAND_LINE = 2
"""The exit code when the command line itself was wrong."""
INTERRUPTED = 130
"""The exit code after Ctrl-C, as shells report it (128 + SIGINT)."""
YOUNG_OBJECTS = 100_000
"""The cycle collector's first round comes after this many new objects (Python's own
default is 700). Starting up and making one document leaves some 40 000 to 70 000,
nearly all of them alive to the end, so a one-document command never collects; a
command that goes through many files still collects, every so many objects."""


def main(argv: Sequence[str] | None = None) -> None:
    """Run planmaker with ``argv`` (default: the process arguments) and exit.

    The cycle collector waits for :data:`YOUNG_OBJECTS` new objects before its first
    round: with Python's default, one document took about a hundred rounds that freed
    next to nothing, some three percent of the command's time. Before the process ends,
    everything it holds is taken out of the collector's reach (``gc.freeze``): the
    interpreter's exit would otherwise walk all of it, module by module, to free what the
    operating system frees anyway, and that walk took about a fifth of a one-document
    command's time. Files are closed and output flushed as usual; only the walk is
    skipped.

    pydantic's plugins are switched off (unless ``PYDANTIC_DISABLE_PLUGINS`` says
    otherwise): the document model's validation is planmaker's own, and looking for
    plugins reads the metadata of every package installed beside it, which costs more the
    larger the environment (typer does the same for the parameters it converts).
    """
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, older, oldest)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = run(list(sys.argv[1:] if argv is None else argv))
    gc.freeze()
    sys.exit(code)


def run(args: list[str]) -> int:
    """Run one command line; the exit code (0 done, 1 failed, 2 wrong command line, 130 Ctrl-C).

    ``--debug`` and ``--verbose`` are taken out wherever they stand before a ``--``.
    """
    cut = args.index("--") if "--" in args else len(args)
    state.debug = "--debug" in args[:cut]
    state.verbose = "--verbose" in args[:cut]
    if state.verbose:
        _console().enable_verbose()
    args = [a for i, a in enumerate(args) if i >= cut or a not in GLOBAL_FLAGS]
    try:
        return run_command(args)
    finally:
        if state.verbose:
            _note_holiday_data()


def run_command(args: list[str], *, stored_help: bool = True) -> int:
    """Run ``args`` (no global flags in them) through the command tree, which writes a
    help page too; with ``stored_help``, the page written ahead for ``args`` is printed
    instead when there is one (:mod:`planmaker.cli.helppages`), without loading typer."""
    if stored_help:
        from planmaker.cli.helppages import stored_page

        page = stored_page(args)
        if page is not None and _takes(sys.stdout, page):
            return _print_page(page)
    from planmaker.errors import PlanError, Problem

    try:
        import typer

        from planmaker.cli.app import application
        from planmaker.cli.common import CommandLineError

        if not args or "-h" in args or "--help" in args:
            from planmaker.cli import zh

            zh.install()  # loads typer's help formatter, so only when help is asked for
        try:
            result = application(args)(args, prog_name="planmaker", standalone_mode=False)
        except (_usage_error(), CommandLineError) as err:
            if isinstance(err, CommandLineError):
                _console().show(err.problems)
            else:
                _console().usage_error(err)
            return WRONG_COMMAND_LINE
        except typer.Abort:
            result = INTERRUPTED
        except typer.Exit as err:
            result = err.exit_code
        if result == INTERRUPTED:  # typer turns Ctrl-C in a command into this exit code
            _console().show([Problem("cli.interrupted")])
        return int(result or 0)
    except PlanError as err:
        if state.debug:
            import traceback

            traceback.print_exception(err)
        _console().show(err.problems)
        return FAILED
    except KeyboardInterrupt:
        _console().show([Problem("cli.interrupted")])
        return INTERRUPTED
    except Exception:
        if state.debug:
            raise
        import traceback

        _console().show([Problem("cli.internal")])
        _console().say("".join(traceback.format_exception_only(*sys.exc_info()[:2])).strip())
        return FAILED


def _takes(stream: object, text: str) -> bool:
    """Whether ``stream`` can print ``text`` as it is (none at all takes it: nothing is
    printed). Where it cannot, click knows best: a console set to ASCII, say, gets
    UTF-8 from it."""
    if stream is None:
        return True
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (LookupError, TypeError, UnicodeEncodeError):
        return False
    return True


def _print_page(page: str) -> int:
    """Print a help page written ahead; the exit code, as for a page the command tree
    writes: 1 when standard output refuses it (the reader gone, the disk full)."""
    if sys.stdout is None:  # nothing to print to: click prints nothing either
        return 0
    try:
        sys.stdout.write(page)
        sys.stdout.flush()
    except BrokenPipeError:
        return FAILED
    except OSError as err:
        from planmaker.errors import Problem

        _console().show([Problem("cli.internal")])
        _console().say(f"{type(err).__name__}: {err}")
        return FAILED
    return 0


def _usage_error() -> type[Exception]:
    """click's UsageError (vendored inside typer in recent releases)."""
    try:
        from typer._click.exceptions import UsageError  # type: ignore[import-not-found]
    except ImportError:  # typer that depends on click itself
        from click.exceptions import UsageError  # type: ignore[no-redef]
    return UsageError


def _note_holiday_data() -> None:
    """Under ``--verbose``: which holiday data the command used, if it used any."""
    if "chinese_calendar" not in sys.modules:
        return
    from planmaker.calendar import holiday_data

    data = holiday_data()
    if data is not None:
        _console().note("verbose.holidays", vars(data))


def _console() -> ModuleType:
    """The printer (loaded when something is printed: a help page does not need it)."""
    from planmaker.cli import console

    return console
