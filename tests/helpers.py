"""What the tests share: planmaker run as a user runs it, inputs written, outputs read back.

``run_in_process`` runs one command line through ``planmaker.cli.run`` inside the test
process, as ``python -m planmaker`` would in a fresh one: standard output and standard
error captured apart (UTF-8, not a terminal, 200 columns, no colour), the exit code,
the current folder and environment of the test, and nothing left behind for the next
run (consoles, logging handlers, the Chinese patches of typer's words, the holiday data
``--verbose`` names). ``run_process`` is the real process, for what only a process
shows: signals, kills, the installed command.
"""

from __future__ import annotations

import importlib
import inspect
import io
import logging
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
import typer.main

from planmaker.cli.switches import State

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SMALL_PLAN = """\
org: 定边镇希望小学
department: 教务处
period:
  school_year: 2025-2026
  semester: 2
  start: 2026-03-02
goals:
  - 依法治教，规范办学行为。
schedule:
  entries:
    - week: 1
      tasks: 组织报名领书
signature: {date: 2026-02-21}
"""
"""The smallest term plan that renders: tests change one line of it and look for that line."""

ENV = {"PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "NO_COLOR": "1"}
"""What every run of planmaker in the tests sees besides the test's own environment."""

Arg = str | os.PathLike[str]


@dataclass
class Result:
    """One finished command line, as ``subprocess.run(..., text=True)`` reports it."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def _text(data: bytes) -> str:
    """Output bytes as text-mode subprocess gives them: UTF-8, universal newlines."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def run_process(
    *args: Arg,
    cwd: Arg | None = None,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    command: list[str] | None = None,
) -> Result:
    """``python -m planmaker ARGS`` (or ``command ARGS``) in a process of its own."""
    argv = [*(command or [sys.executable, "-m", "planmaker"]), *map(str, args)]
    done = subprocess.run(
        argv,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **ENV, **(env or {})},
        input=None if input is None else input.encode("utf-8"),
        timeout=300,
    )
    return Result(argv, done.returncode, _text(done.stdout), _text(done.stderr))


def start_process(command: list[str]) -> subprocess.Popen[bytes]:
    """``command`` started in a process of its own (this environment), its output piped."""
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish_process(process: subprocess.Popen[bytes], timeout: float = 600) -> Result:
    """Wait for ``process`` (killed after ``timeout`` seconds); what it did."""
    try:
        out, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return Result(list(map(str, process.args)), process.returncode, _text(out), _text(err))


def run_in_process(
    *args: Arg,
    cwd: Arg | None = None,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    terminal: bool = False,
) -> Result:
    """``planmaker ARGS`` through ``planmaker.cli.run`` in this process (see the module doc).

    Standard input holds ``input`` (nothing if None); it is a terminal (a user typing the
    answers) only if ``terminal``.
    """
    from planmaker.cli import run

    argv = [str(a) for a in args]
    out, err = io.BytesIO(), io.BytesIO()
    with pytest.MonkeyPatch.context() as mp, _as_a_fresh_process(verbose="--verbose" in argv):
        for key, value in {**ENV, **(env or {})}.items():
            mp.setenv(key, value)
        if cwd is not None:
            mp.chdir(cwd)
        stdin = (_Terminal if terminal else io.TextIOWrapper)(
            io.BytesIO((input or "").encode("utf-8")), encoding="utf-8"
        )
        stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        stderr = io.TextIOWrapper(
            err, encoding="utf-8", errors="backslashreplace", newline="", write_through=True
        )
        mp.setattr(sys, "stdin", stdin)
        mp.setattr(sys, "stdout", stdout)
        mp.setattr(sys, "stderr", stderr)
        mp.setattr(sys, "excepthook", sys.excepthook)  # typer sets its own on each call
        mp.setattr(typer.main, "get_command", _command_built_once)
        try:
            code = run(argv)
        except SystemExit as exit_:  # what the interpreter makes of sys.exit(...)
            code = _exit_status(exit_.code, stderr)
        except Exception:  # escaped run (``--debug`` re-raises): the interpreter's traceback
            traceback.print_exc(file=stderr)
            code = 1
        stdout.flush()
        stderr.flush()
        return Result(argv, code, _text(out.getvalue()), _text(err.getvalue()))


_build_command = typer.main.get_command
_COMMANDS: dict[object, object] = {}


def _command_built_once(app: typer.Typer) -> object:
    """The click command typer builds from ``app`` on each call (as a process does once,
    when it starts), built once for all the runs of the session."""
    if app not in _COMMANDS:
        _COMMANDS[app] = _build_command(app)
    return _COMMANDS[app]


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def _exit_status(code: object, stderr: io.TextIOBase) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1


# -- what a run leaves in the process --------------------------------------------------


@contextmanager
def _as_a_fresh_process(verbose: bool) -> Iterator[None]:
    """Run the block as if in a new process, and put the process back as it was after.

    Caches of the command line (its consoles read the environment's width and colour
    when made) are emptied before and after, and so are the template environments that
    hold a unit's template folders (read from disk); the built-in templates' environment
    is kept. Under ``--verbose``, which names the holiday data when the command loaded
    it, every planmaker cache is emptied and the holiday data unloaded, so that what
    this command loads is loaded again.
    """
    typer_words = _TyperWords()
    logger = logging.getLogger("planmaker")
    logger_was = (list(logger.handlers), logger.level, logger.propagate, logger.disabled)
    states = {id(state): (state, dict(vars(state))) for state in _cli_states()}
    holiday_modules = _unload("chinese_calendar") if verbose else {}
    forget = ("planmaker",) if verbose else ("planmaker.cli",)
    _clear_caches(forget)
    _keep_only_the_builtin_templates()
    try:
        yield
    finally:
        _clear_caches(forget)
        _keep_only_the_builtin_templates()
        for name, module in holiday_modules.items():
            sys.modules.setdefault(name, module)
        for state, was in states.values():
            vars(state).clear()
            vars(state).update(was)
        logger.handlers[:], logger.level, logger.propagate, logger.disabled = logger_was
        typer_words.restore()


def _cli_states() -> list[object]:
    """The command line's switches (``--debug``, ``--verbose``): each ``state`` object
    of ``planmaker.cli``, put back after each run."""
    importlib.import_module("planmaker.cli")
    return [
        module.state
        for name, module in list(sys.modules.items())
        if module is not None
        and _in_package(name, ("planmaker.cli",))
        and isinstance(getattr(module, "state", None), State)
    ]


def _in_package(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _clear_caches(packages: tuple[str, ...]) -> None:
    """Empty every ``functools`` cache defined at the top of the modules of ``packages``."""
    for name, module in list(sys.modules.items()):
        if module is None or not _in_package(name, packages):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and (
                getattr(value, "__module__", None) == name
            ):
                value.cache_clear()


def _keep_only_the_builtin_templates() -> None:
    """Forget every template environment but the built-ins' (made again if forgotten)."""
    from planmaker.templating import environment

    if environment.cache_info().currsize > 1:
        environment.cache_clear()
    environment(())


def _unload(package: str) -> dict[str, ModuleType]:
    """Take ``package`` out of ``sys.modules``; returned so it can be put back if unused."""
    return {
        name: sys.modules.pop(name) for name in list(sys.modules) if _in_package(name, (package,))
    }


class _TyperWords:
    """Every module and class attribute of typer (and click), as first seen, to undo what
    ``planmaker.cli.zh`` changes on ``--help`` (a new process starts without it)."""

    _saved: list[tuple[object, dict[str, object]]] | None = None

    def __init__(self) -> None:
        if _TyperWords._saved is None:
            _TyperWords._saved = self._snapshot()
        self.saved = _TyperWords._saved

    @staticmethod
    def _snapshot() -> list[tuple[object, dict[str, object]]]:
        importlib.import_module("planmaker.cli.app")  # typer with every command registered
        importlib.import_module("typer.rich_utils")  # help's words: loaded for --help only
        saved: list[tuple[object, dict[str, object]]] = []
        for name, module in list(sys.modules.items()):
            if module is None or not _in_package(name, ("typer", "click")):
                continue
            saved.append((module, dict(vars(module))))
            for value in vars(module).values():
                if inspect.isclass(value) and value.__module__ == name:
                    saved.append((value, dict(vars(value))))
        return saved

    def restore(self) -> None:
        for owner, attributes in self.saved:
            now = vars(owner)
            for name, value in attributes.items():
                if now.get(name, _MISSING) is not value:
                    setattr(owner, name, value)


_MISSING = object()


# -- inputs and outputs ------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    """``text`` saved as UTF-8 at ``folder/name`` (its folders made); the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render_markdown(*args: Arg, cwd: Arg | None = None) -> str:
    """What ``planmaker render ARGS --format md -o -`` prints (the run must succeed)."""
    result = run_in_process("render", *args, "--format", "md", "-o", "-", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def render_docx(source: Path, *extra: Arg, out: Path | None = None) -> Path:
    """``planmaker render SOURCE -o OUT EXTRA`` (the run must succeed); OUT, by default
    SOURCE's name with ``.docx`` added, beside it."""
    out = out or source.with_name(source.name + ".docx")
    result = run_in_process("render", source, "-o", out, *extra)
    assert result.returncode == 0, result.stderr
    return out


def render_bytes(path: Path, fmt: str = "docx", today: date = date(2026, 2, 21)) -> bytes:
    """The ``fmt`` output of the file at ``path`` from the library, rendered on ``today``."""
    from planmaker.pipeline import RenderOptions, render_file

    return render_file(path, RenderOptions(fmt, today=today)).data


STATUS = {
    "done": "done",
    "已完成": "done",
    "完成": "done",
    "partial": "partial",
    "部分完成": "partial",
    "cancelled": "cancelled",
    "取消": "cancelled",
    "pending": "pending",
    "未完成": "pending",
}
"""The status words a YAML entry may carry, read independently of planmaker's model, so
tests recount completion figures on their own."""
