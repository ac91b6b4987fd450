"""Every command's help reads completely in an 80-column console, in Chinese, with
Chinese labels for values (none on flags); and help and a render load only what they use."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator

import pytest
import typer.main
from helpers import ENV, EXAMPLES

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
            | {"planmaker.cli.console", "planmaker.cli.messages"},
        ),
        (["batch", "--help"], {"rich", "pydantic", "docx", "jinja2", "yaml", "planmaker.model"}),
        (
            ["render", str(EXAMPLES / "term-plan-table.yaml"), "-o", "plan.docx"],
            {"rich", "docx", "lxml"},
        ),
    ],
    ids=["help", "batch help", "render"],
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
