"""File names made from data follow one rule in every command (new, summarize, report):
never hidden, never over 255 bytes, nothing Windows refuses; and the units after a long
name are written too."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from planmaker.cli import run
from planmaker.filenames import safe_name

LONG_ORG = "定边镇第一中心小学附属幼儿园" * 6  # 84 characters, 252 bytes


def yaml_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml")


@pytest.mark.parametrize(
    ("org", "name"), [("..", "2026年工作计划.yaml"), (".hidden", "hidden2026年工作计划.yaml")]
)
def test_new_never_writes_a_hidden_file_and_batch_takes_it(org, name, tmp_path, capsys):
    assert run(["new", "year", "--org", org, "--year", "2026", "-o", f"{tmp_path}/"]) == 0
    assert yaml_files(tmp_path) == [name]
    # a scaffold still holds its placeholders: a draft
    assert run(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--draft"]) == 0
    assert "生成 1 个，失败 0 个" in capsys.readouterr().err


def test_summarize_never_writes_a_hidden_file(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = (EXAMPLES / "term-plan-table.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    plan.write_text(text.replace(f"org: {data['org']}", "org: .hidden", 1), encoding="utf-8")
    assert run(["summarize", str(plan)]) == 0
    made = [n for n in yaml_files(tmp_path) if n != "plan.yaml"]
    assert len(made) == 1 and made[0].startswith("hidden"), made


def test_new_with_a_long_org_writes_a_name_within_255_bytes(tmp_path, capsys):
    args = ["new", "year", "--org", LONG_ORG, "--year", "2026", "-o", f"{tmp_path}/"]
    assert run(args) == 0, capsys.readouterr().err
    [name] = yaml_files(tmp_path)
    assert len(name.encode("utf-8")) <= 255
    assert name.startswith(LONG_ORG[:20]) and name.endswith("2026年工作计划.yaml")
    assert run(["render", str(tmp_path / name), "--draft"]) == 0  # placeholders: a draft


def test_summarize_with_a_long_org_writes_a_name_within_255_bytes(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    data = yaml.safe_load((EXAMPLES / "term-plan-table.yaml").read_text(encoding="utf-8"))
    text = (EXAMPLES / "term-plan-table.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace(f"org: {data['org']}", f"org: {LONG_ORG}", 1), encoding="utf-8")
    assert run(["summarize", str(plan)]) == 0, capsys.readouterr().err
    [name] = [n for n in yaml_files(tmp_path) if n != "plan.yaml"]
    assert len(name.encode("utf-8")) <= 255 and name.endswith("工作总结.yaml")


def test_report_with_a_long_org_writes_it_and_the_units_after_it(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    for school in ("chengguan", "luzhong"):
        shutil.copytree(EXAMPLES / "district" / school, inputs / school)
    for path in (inputs / "chengguan").iterdir():
        text = path.read_text(encoding="utf-8").replace("城关镇第一小学", LONG_ORG)
        path.write_text(text, encoding="utf-8")
    code = run(["report", str(inputs), "--year", "2026", "-o", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 4, written
    assert all(len(n.encode("utf-8")) <= 255 for n in written)
    long_ones = [n for n in written if n.startswith(LONG_ORG[:10])]
    assert len(long_ones) == 2 and all("…" in n and "2026年度工作总结." in n for n in long_ones)


def test_report_names_are_safe_on_windows(tmp_path, capsys):
    inputs = Path(shutil.copytree(EXAMPLES / "district" / "chengguan", tmp_path / "chengguan"))
    for path in inputs.iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("org: 城关镇第一小学", 'org: ".城关/一小\\\\..<>:|?*"'), encoding="utf-8"
        )
    assert run(["report", str(inputs), "--year", "2026", "-o", str(tmp_path / "out")]) == 0
    assert sorted(os.listdir(tmp_path / "out")) == [
        "城关_一小_..______2026年度工作总结.docx",
        "城关_一小_..______2026年度工作总结.yaml",
    ], capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "suffix", "name"),
    [
        ("..", ".yaml", "未命名.yaml"),
        ("...计划", ".yaml", "计划.yaml"),
        ("计划. . ", ".yaml", "计划.yaml"),
        ("CON", ".yaml", "CON_.yaml"),
        ("nul", "", "nul_"),
        ("com1.计划", ".yaml", "com1_.计划.yaml"),
        ('a/b\\c:d*e?f"g<h>i|j', ".docx", "a_b_c_d_e_f_g_h_i_j.docx"),
        ("计划\x1b[31m\u202egpj.exe", ".yaml", "计划_[31m_gpj.exe.yaml"),
    ],
)
def test_one_rule_for_names_from_data(text, suffix, name):
    assert safe_name(text, suffix) == name


@pytest.mark.parametrize("stem", ["定" * 100, "a" * 300, "定a" * 90, "😀" * 80])
def test_cut_to_255_bytes_keeping_the_suffix_and_whole_characters(stem):
    name = safe_name(stem + "2026年度工作总结", ".yaml")
    assert len(name.encode("utf-8")) <= 255
    assert name.endswith("2026年度工作总结.yaml") and name.startswith(stem[:5])
    assert name.encode("utf-8").decode("utf-8") == name
