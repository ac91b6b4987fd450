"""User text in messages is shown as written, on its line and shortened (docs/architecture.md §5).

A value, a key or a file name a message quotes is the user's text: it must never act
on the terminal (an escape sequence), turn into something else (rich markup, emoji
codes) or flood the screen (a value of 5,000 digits).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planmaker.cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "bad"


def plan_with_semester(folder: Path, value: str, name: str = "plan.yaml") -> Path:
    """valid.yaml with ``semester:`` written as ``value`` (line 7, the value at column 13)."""
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("semester: 2", f"semester: {value}", 1), encoding="utf-8")
    return path


def test_a_long_value_is_quoted_shortened(tmp_path, capsys):
    path = plan_with_semester(tmp_path, "9" * 5000)
    assert run(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:7:13: 学期“{'9' * 30}…”无法识别" in err, err
    assert "9" * 31 not in err
    assert len(err) < 500


def test_control_characters_in_a_value_are_shown_on_its_line(tmp_path, capsys):
    path = plan_with_semester(tmp_path, '"第\\t二\\n学期"')
    assert run(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:7:13: 学期“第\\t二\\n学期”无法识别" in err, err


def test_markup_and_emoji_codes_in_user_text_are_printed_as_written(tmp_path, capsys):
    path = plan_with_semester(tmp_path, '":x: [bold]二[/bold]"')
    assert run(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "学期“:x: [bold]二[/bold]”无法识别" in err, err
    assert "❌" not in err


def test_markup_in_user_text_is_printed_as_written_in_the_batch_table(run_planmaker, tmp_path):
    plan_with_semester(tmp_path / "in", '":x: [bold]二[/bold]"', "[red]plan.yaml")
    result = run_planmaker("batch", "in", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    flat = "".join(result.stderr.split()).replace("│", "")
    assert "学期“:x:[bold]二[/bold]”无法识别" in flat, result.stderr
    assert "in/[red]plan.yaml" in flat, result.stderr
    assert "❌" not in result.stderr


ODD_NAMES = [
    pytest.param("esc\x1b[31mred.yaml", "esc\\x1b[31mred.yaml", id="escape-sequence"),
    pytest.param("clear\x1b[2J\x1b[H.yaml", "clear\\x1b[2J\\x1b[H.yaml", id="clear-screen"),
    pytest.param("csi\x9b31m.yaml", "csi\\x9b31m.yaml", id="c1-control"),
    pytest.param("bell\x07.yaml", "bell\\x07.yaml", id="bell"),
    pytest.param("lmth.\u202eyaml", "lmth.\\u202eyaml", id="right-to-left-override"),
]


@pytest.mark.parametrize(("name", "shown"), ODD_NAMES)
def test_control_characters_in_a_file_name_are_shown_not_obeyed(tmp_path, capsys, name, shown):
    missing = tmp_path / name
    assert run(["check", str(missing)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}/{shown}: 找不到文件" in err, err
    assert name not in err
    good = Path(shutil.copy(FIXTURES / "valid.yaml", tmp_path / name))
    assert run(["check", str(good)]) == 0
    err = capsys.readouterr().err
    assert f"{tmp_path}/{shown}：没有发现问题" in err, err
    assert name not in err


def test_a_line_break_in_a_file_name_keeps_the_message_on_one_line(tmp_path, capsys):
    assert run(["check", str(tmp_path / "line\nbreak.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}/line\\nbreak.yaml: 找不到文件" in err, err


def test_control_characters_in_a_file_name_are_shown_in_the_batch_table(run_planmaker, tmp_path):
    plan_with_semester(tmp_path / "in", "三", "esc\x1b[31mred.yaml")
    result = run_planmaker("batch", "in", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert "in/esc\\x1b[31mred.yaml:7:13:" in "".join(result.stderr.split()), result.stderr
