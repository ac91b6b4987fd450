"""planmaker's command line: ``run()`` is the error edge, the commands live beside it.

``run`` is the only place that catches :class:`~planmaker.errors.PlanError`: it words
each problem in Chinese (``messages``) and returns 1; a wrong command line returns 2,
Ctrl-C 130. Nothing a user can do ends in a Python traceback: ``--debug`` shows one (for
a bug report), ``--verbose`` says what was used (encoding, template, holiday data).
Both work before or after the command name.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from planmaker.cli.console import enable_verbose, error, note, say, state

GLOBAL_FLAGS = ("--debug", "--verbose")
INTERRUPTED = 130
"""The exit code after Ctrl-C, as shells report it (128 + SIGINT)."""


def main(argv: Sequence[str] | None = None) -> None:
    """Run planmaker with ``argv`` (default: the process arguments) and exit."""
    sys.exit(run(list(sys.argv[1:] if argv is None else argv)))


def run(args: list[str]) -> int:
    """Run one command line; the exit code (0 done, 1 failed, 2 wrong command line, 130 Ctrl-C).

    ``--debug`` and ``--verbose`` are taken out wherever they stand before a ``--``.
    """
    cut = args.index("--") if "--" in args else len(args)
    state.debug = "--debug" in args[:cut]
    state.verbose = "--verbose" in args[:cut]
    if state.verbose:
        enable_verbose()
    args = [a for i, a in enumerate(args) if i >= cut or a not in GLOBAL_FLAGS]
    try:
        return _run(args)
    finally:
        if state.verbose:
            _note_holiday_data()


def _run(args: list[str]) -> int:
    from planmaker.cli.messages import message
    from planmaker.errors import PlanError

    try:
        from planmaker.cli.app import app, click_exceptions

        if not args or "-h" in args or "--help" in args:
            from planmaker.cli import zh

            zh.install()  # loads typer's help formatter, so only when help is asked for
        usage_error, abort, exit_ = click_exceptions()
        try:
            result = app(args, prog_name="planmaker", standalone_mode=False)
        except usage_error as err:
            from planmaker.cli.app import show_usage_error

            show_usage_error(err)
            return 2
        except abort:
            result = INTERRUPTED
        except exit_ as err:
            result = err.exit_code
        if result == INTERRUPTED:  # typer turns Ctrl-C in a command into this exit code
            error(message("cli.interrupted", {}))
        return int(result or 0)
    except PlanError as err:
        if state.debug:
            import traceback

            traceback.print_exception(err)
        report_error(err)
        return 1
    except KeyboardInterrupt:
        error(message("cli.interrupted", {}))
        return INTERRUPTED
    except Exception:
        if state.debug:
            raise
        import traceback

        error(message("cli.internal", {}))
        say("".join(traceback.format_exception_only(*sys.exc_info()[:2])).strip())
        return 1


def report_error(err: BaseException) -> None:
    """Print every problem of a PlanError, one Chinese line each."""
    from planmaker.cli.messages import describe

    for problem in getattr(err, "problems", []):
        error(describe(problem))


def _note_holiday_data() -> None:
    """Under ``--verbose``: which holiday data the command used, if it used any."""
    if "chinese_calendar" not in sys.modules:
        return
    from planmaker.calendar import holiday_data
    from planmaker.cli.messages import message

    data = holiday_data()
    if data is not None:
        note(message("verbose.holidays", vars(data)))
