"""Every command's help reads completely in an 80-column console, in Chinese, with
Chinese labels for values (none on flags); and help and a render load only what they use."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from helpers import ENV, EXAMPLES, ROOT

from planmaker.cli.app import app

PYTHON_LABELS = re.compile(
    r"<(bool|str|int|float|path|file|dir|datetime|list\[[^\]]*\]|\w+ range)>"
    r"|list\[Path\]|int range|float range|\[x[<>]=|\[default|\[required\]"
)
CJK = re.compile("[\u4e00-\u9fff]")
NO_START = set("，。、；：？！）》”")


def columns(line: str) -> int:
    """Terminal columns of ``line``: wide and ambiguous characters take two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WFA" else 1
        for c in line
    )


def commands() -> Iterator[tuple[tuple[str, ...], object]]:
    """Every registered command and group, by its words after ``planmaker``."""

    def walk(path: tuple[str, ...], command) -> Iterator[tuple[tuple[str, ...], object]]:
        yield path, command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk((*path, name), sub)

    yield from walk((), typer.main.get_command(app))


COMMANDS = dict(commands())


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=lambda p: " ".join(p) or "planmaker")
def test_every_help_reads_completely_at_80_columns(run_planmaker, path) -> None:
    result = run_planmaker(*path, "--help", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith(f"用法：planmaker {' '.join(path)}".replace("  ", " ").rstrip() + " ")
    assert "选项：" in page and "显示本帮助后退出。" in page
    too_wide = [line for line in page.splitlines() if columns(line) > 80]
    assert not too_wide, too_wide
    closing_first = [line for line in page.splitlines() if line.strip()[:1] in NO_START]
    assert not closing_first, closing_first
    assert not PYTHON_LABELS.search(page), PYTHON_LABELS.search(page)
    whole = squeezed(page)
    command = COMMANDS[path]
    texts = [command.help or ""] + [p.help or "" for p in command.params]
    texts += [
        (sub.help or "").strip().split("\n\n")[0]
        for sub in getattr(command, "commands", {}).values()
    ]
    for text in texts:  # nothing cut off: every help text is there whole
        for paragraph in text.split("\n\n"):
            assert squeezed(paragraph) in whole, paragraph
    for param in command.params:
        if param.param_type_name != "option" or param.hidden:
            continue
        opts = ", ".join(sorted(param.opts, key=lambda o: len(o) - len(o.lstrip("-"))))
        row = re.search(rf"^  {re.escape(opts)}( \S+)?  ", page, re.MULTILINE)
        assert row, opts
        if param.is_flag:
            assert row.group(1) is None, f"{opts} is a flag but shows {row.group(1)}"
        else:
            assert row.group(1) and CJK.search(row.group(1)), f"{opts} has no Chinese label"


def test_no_command_at_all_shows_the_help_page(run_planmaker) -> None:
    result = run_planmaker(env={"COLUMNS": "80"})
    assert result.returncode == 2
    assert result.stdout == run_planmaker("--help", env={"COLUMNS": "80"}).stdout
    assert "命令：" in result.stdout and "用法" not in result.stderr


def test_a_long_help_line_breaks_between_words_and_before_no_closing_mark(run_planmaker) -> None:
    page = run_planmaker("batch", "--help", env={"COLUMNS": "60"}).stdout
    lines = page.splitlines()
    assert all(columns(line) <= 60 for line in lines)
    starts = [line.strip()[:1] for line in lines if line.strip()]
    assert not set(starts) & NO_START


LOADS = """
import json, sys
from planmaker.cli import run
code = run(sys.argv[1:])
sys.stdout.flush()
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def modules_loaded(*args: str, tmp_path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADS, *args],
        capture_output=True,
        text=True,
        env={**ENV, "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        timeout=120,
    )
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0, done.stderr
    return {m.split(".")[0] for m in modules} | set(modules)


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (
            ["--help"],
            {"rich", "pydantic", "docx", "lxml", "jinja2", "yaml", "planmaker.pipeline"}
            | {"planmaker.cli.console", "planmaker.cli.messages", "typer", "click"},
        ),
        (["batch", "--help"], {"rich", "pydantic", "docx", "jinja2", "yaml", "planmaker.model"}),
        (["templates", "list", "-h"], {"typer", "click", "planmaker.cli.app"}),
        (
            ["render", str(EXAMPLES / "term-plan-table.yaml"), "-o", "plan.docx"],
            {"rich", "docx", "lxml"},
        ),
    ],
    ids=["help", "batch help", "templates list help", "render"],
)
def test_a_command_loads_only_what_it_uses(args, absent, tmp_path) -> None:
    loaded = modules_loaded(*args, tmp_path=tmp_path)
    assert not loaded & absent, sorted(loaded & absent)


def test_a_reference_document_is_read_with_python_docx(tmp_path) -> None:
    import docx

    docx.Document().save(tmp_path / "单位.docx")
    args = ["render", str(EXAMPLES / "term-plan-table.yaml"), "-o", "plan.docx"]
    loaded = modules_loaded(*args, "--reference-doc", "单位.docx", tmp_path=tmp_path)
    assert "docx" in loaded


# -- the pages written ahead (planmaker.cli.helppages) ---------------------------------


WRITES_PAGES = f"""
import json, sys
sys.path.insert(0, {str(ROOT / "scripts")!r})
import help_pages
help_pages.written_pages()
print(json.dumps(help_pages.sources()))
"""


def test_the_shipped_help_pages_are_the_ones_the_command_tree_writes() -> None:
    import help_pages

    from planmaker.cli import helppages

    shipped = json.loads(Path(helppages.PAGES).read_text(encoding="utf-8"))
    again = "python scripts/help_pages.py writes them again"
    assert shipped["pages"] == help_pages.written_pages(), again
    listed = subprocess.run(  # the files a process that writes them loads
        [sys.executable, "-c", WRITES_PAGES],
        capture_output=True,
        text=True,
        env={**ENV, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert shipped["files"] == json.loads(listed.stdout), (again, listed.stderr)
    assert helppages._current_pages() == shipped["pages"], again  # and none changed since
    assert set(shipped["pages"]) == {" ".join(path) for path in COMMANDS}


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=lambda p: " ".join(p) or "planmaker")
def test_a_console_wider_than_80_columns_gets_the_page_written_for_80(
    run_planmaker, monkeypatch, path
) -> None:
    """click lays every page out 78 columns wide from 80 columns on: the page written
    ahead is the page the command tree writes for a console of 200 columns."""
    from planmaker.cli import helppages

    stored = run_planmaker(*path, "--help", env={"COLUMNS": "200"})
    monkeypatch.setattr(helppages, "stored_page", lambda args: None)
    live = run_planmaker(*path, "-h", env={"COLUMNS": "200"})
    assert (stored.returncode, stored.stdout, stored.stderr) == (0, live.stdout, "")
    assert live.returncode == 0


def test_help_falls_back_to_the_command_tree_when_the_page_is_not_current(
    run_planmaker, monkeypatch, tmp_path
) -> None:
    """A source edited since the pages were written, a console narrower than 80
    columns, or a command line that asks for more than help: the command tree writes."""
    from planmaker.cli import helppages

    shipped = json.loads(Path(helppages.PAGES).read_text(encoding="utf-8"))
    page = shipped["pages"]["render"]
    assert helppages.stored_page(["render", "--help"]) == page
    assert helppages.stored_page(["--verbose", "render", "--help"]) is None
    assert helppages.stored_page(["render", "plan.yaml", "--help"]) is None
    assert helppages.stored_page(["rendr", "--help"]) is None
    assert helppages.stored_page(["render"]) is None

    monkeypatch.setenv("COLUMNS", "79")
    assert helppages.stored_page(["render", "--help"]) is None
    monkeypatch.setenv("COLUMNS", "80")

    stale = tmp_path / "help.json"
    shipped["pages"]["render"] = "用法：过时的一页\n"
    stale.write_text(json.dumps({**shipped, "sources": "0"}), encoding="utf-8")
    monkeypatch.setattr(helppages, "PAGES", str(stale))
    helppages._current_pages.cache_clear()
    try:
        assert helppages.stored_page(["render", "--help"]) is None
        result = run_planmaker("render", "--help", env={"COLUMNS": "80"})
        assert (result.returncode, result.stdout) == (0, page)
    finally:
        helppages._current_pages.cache_clear()


class _Refusing:
    """A standard output (UTF-8) that refuses what is written to it with ``error``."""

    encoding = "utf-8"

    def __init__(self, error: OSError) -> None:
        self.error = error

    def write(self, text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


def test_a_page_written_ahead_fails_as_the_command_trees_would(monkeypatch, capsys) -> None:
    """The reader gone: exit 1, nothing said; a full disk: exit 1 and why; no standard
    output at all: nothing printed, exit 0 (click's way)."""
    import errno

    from planmaker.cli import run

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setattr(sys, "stdout", _Refusing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert run(["render", "--help"]) == 1
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys, "stdout", _Refusing(OSError(errno.ENOSPC, "No space left")))
    assert run(["render", "--help"]) == 1
    assert "No space left" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdout", None)
    assert run(["render", "--help"]) == 0


@pytest.mark.parametrize(
    ("encoding", "code", "printed"),
    [("utf-8", 0, "utf-8"), ("gbk", 0, "gbk"), ("ascii", 0, "utf-8"), ("latin-1", 1, None)],
)
def test_a_page_written_ahead_prints_as_the_command_tree_would_in_any_encoding(
    encoding, code, printed
) -> None:
    """Where standard output cannot take the page as it is, click prints it: UTF-8 to
    a console set to ASCII, as before; an encoding without Chinese fails (exit 1)."""
    from planmaker.cli import helppages

    page = json.loads(Path(helppages.PAGES).read_text(encoding="utf-8"))["pages"]["render"]
    done = subprocess.run(
        [sys.executable, "-m", "planmaker", "render", "--help"],
        capture_output=True,
        env={**ENV, "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": encoding},
        timeout=60,
    )
    assert done.returncode == code, done.stderr
    if printed:
        assert done.stdout == page.encode(printed)
