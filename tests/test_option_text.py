"""Text typed on the command line is read by the same rules as the YAML it stands for:
a character a DOCX cannot hold is refused at its option, named for what it is, and no
file is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from planmaker.cli import run

UNDECODABLE = "a\udcffb"
"""What Python makes of an argument holding the byte 0xFF, which is not UTF-8."""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_half_a_surrogate_pair_in_an_option_is_named_as_such(tmp_path, capsys):
    code = run(["new", "year", "--org", UNDECODABLE, "--year", "2026"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("--org: ")
    assert "UTF-16 代理码 U+DCFF" in err
    assert "控制字符" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_control_character_in_an_option_is_refused_at_it(tmp_path, capsys):
    args = ["new", "semester", "--org", "某校", "--department", "教\x1b务处"]
    code = run([*args, "--school-year", "2025-2026", "--semester", "2", "--start", "2026-03-02"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("--department: ")
    assert "控制字符（U+001B）" in err
    assert list(tmp_path.iterdir()) == []


def test_calendar_options_follow_the_same_rule(capsys):
    assert run(["calendar", "--start", "2026-03-02" + "\udcff"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--start: ")
    assert "UTF-16 代理码 U+DCFF" in err
