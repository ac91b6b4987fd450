"""planmaker's command line: ``main()`` is the error edge, the commands live beside it.

``main`` is the only place that catches :class:`~planmaker.errors.PlanError`: it words
each problem in Chinese (``messages``) and exits 1; a wrong command line exits 2;
``--debug`` shows the traceback and ``--verbose`` what was used. Both work before or
after the command name.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from planmaker.cli.console import error, say, state

GLOBAL_FLAGS = ("--debug", "--verbose")


def main(argv: Sequence[str] | None = None) -> None:
    """Run planmaker with ``argv`` (default: the process arguments) and exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    cut = args.index("--") if "--" in args else len(args)
    state.debug = "--debug" in args[:cut]
    state.verbose = "--verbose" in args[:cut]
    args = [a for i, a in enumerate(args) if i >= cut or a not in GLOBAL_FLAGS]
    sys.exit(run(args))


def run(args: list[str]) -> int:
    """Run one command line; the exit code (0 done, 1 failed, 2 wrong command line)."""
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
            error("已中断。")
            return 130
        except exit_ as err:
            return int(err.exit_code or 0)
        return int(result or 0)
    except PlanError as err:
        if state.debug:
            import traceback

            traceback.print_exception(err)
        report(err)
        return 1
    except KeyboardInterrupt:
        error("已中断，没有写出不完整的文件。")
        return 130
    except Exception:
        if state.debug:
            raise
        import traceback

        error("planmaker 内部出错了，这不是你的问题。请加 --debug 重新运行，把输出发给维护者：")
        say("".join(traceback.format_exception_only(*sys.exc_info()[:2])).strip())
        return 1


def report(err: BaseException) -> None:
    """Print every problem of a PlanError, one Chinese line each."""
    from planmaker.cli.messages import describe

    for problem in getattr(err, "problems", []):
        error(describe(problem))
