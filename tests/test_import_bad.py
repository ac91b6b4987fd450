"""Files ``import`` cannot read are refused in Chinese, exit 1, with nothing written: a
broken or password-protected .docx, an empty file, a PDF, a legacy file without
LibreOffice (or one LibreOffice does not convert in time), a zip bomb or a DTD."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import import_docs as typed
import pytest
from helpers import run_in_process
from test_reference_package import package, plain_parts, zeros_stream

from planmaker.importer import convert


def refused(path: Path, *words: str, env: dict[str, str] | None = None) -> str:
    """Import ``path``: exit 1, ``words`` said with the file's name, nothing written."""
    before = set(path.parent.iterdir())
    result = run_in_process("import", path, env=env)
    assert result.returncode == 1, result.stderr
    assert str(path) in result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr
    assert set(path.parent.iterdir()) == before  # no YAML, no schema
    return result.stderr


def test_a_docx_cut_short_is_refused(tmp_path):
    data = typed.office_docx()
    path = tmp_path / "没下载完.docx"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "无法作为 Word 文档读取", "另存为 .docx")


def test_a_docx_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "改了后缀.docx"
    path.write_text("一、工作目标\n", encoding="utf-8")
    refused(path, "无法作为 Word 文档读取")


def test_a_password_protected_docx_says_to_remove_the_password(tmp_path):
    # Word keeps an encrypted .docx inside an OLE file, its package in “EncryptedPackage”.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    names = b"".join(
        name.encode("utf-16-le").ljust(128, b"\0")
        for name in ("EncryptionInfo", "EncryptedPackage")
    )
    path = tmp_path / "加密.docx"
    path.write_bytes(header + names + bytes(4096))
    refused(path, "密码", "取消密码", "再导入")


@pytest.mark.parametrize("name", ["空.docx", "空.txt", "空.md", "空.doc"])
def test_an_empty_file_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"" if name != "空.txt" else b"\r\n  \r\n")
    refused(path, "空的")


@pytest.mark.parametrize("name", ["扫描件.pdf", "扫描件.PDF", "其实是PDF.docx"])
def test_a_pdf_is_refused_saying_to_save_it_as_docx(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    refused(path, "PDF", "Word 或 WPS", "另存为 .docx")


def test_a_file_of_another_kind_is_refused_by_its_suffix(tmp_path):
    path = tmp_path / "安排.xlsx"
    path.write_bytes(b"PK\x05\x06" + bytes(18))
    refused(path, "“.xlsx”", ".docx")


def test_a_yaml_file_is_pointed_to_check_and_render(tmp_path):
    path = tmp_path / "计划.yaml"
    path.write_text("org: 定边镇希望小学\n", encoding="utf-8")
    refused(path, "已经是", "planmaker render")


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path):
    parts = {"[Content_Types].xml": b'<?xml version="1.0"?><Types/>', "xl/workbook.xml": b"<a/>"}
    path = tmp_path / "其实是表格.docx"
    path.write_bytes(package(parts))
    refused(path, "不是 Word 文档")


@pytest.mark.parametrize("name", ["旧计划.doc", "旧计划.wps", "旧计划.rtf", "Word97另存.docx"])
def test_a_legacy_file_without_libreoffice_says_what_to_install(tmp_path, name):
    path = tmp_path / name
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)  # Word 97, not encrypted
    path.write_bytes(ole if not name.endswith(".rtf") else b"{\\rtf1 plan}")
    empty = tmp_path / "bin"
    empty.mkdir()
    refused(
        path, "LibreOffice", "libreoffice-writer-nogui", "另存为 .docx", env={"PATH": str(empty)}
    )


def fake_soffice(folder: Path, script: str) -> dict[str, str]:
    folder.mkdir()
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


@pytest.mark.skipif(os.name != "posix", reason="the stand-in LibreOffice is a shell script")
def test_a_conversion_that_takes_too_long_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "TIME_LIMIT_SECONDS", 0.3)
    env = fake_soffice(tmp_path / "bin", "sleep 30 & wait\n")
    path = tmp_path / "旧计划.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    started = time.monotonic()
    refused(path, "LibreOffice 没能", "超过 0.3 秒", env=env)
    assert time.monotonic() - started < 10


@pytest.mark.skipif(os.name != "posix", reason="the stand-in LibreOffice is a shell script")
def test_a_conversion_that_writes_nothing_is_refused(tmp_path):
    env = fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded'\n")
    path = tmp_path / "旧计划.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    refused(path, "LibreOffice 没能", "could not be loaded", env=env)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    parts = plain_parts()
    del parts["word/styles.xml"]
    path = tmp_path / "炸弹.docx"
    path.write_bytes(package(parts, {"word/styles.xml": zeros_stream(64)}))
    assert path.stat().st_size < 1024 * 1024
    refused(path, "word/styles.xml", "解压后超过")


def test_a_dtd_entity_is_refused(tmp_path):
    parts = plain_parts()
    head, _, rest = parts["word/document.xml"].decode("utf-8").partition("?>")
    parts["word/document.xml"] = (
        head + '?><!DOCTYPE w:document [<!ENTITY unit "定边镇">]>' + rest
    ).encode("utf-8")
    path = tmp_path / "实体.docx"
    path.write_bytes(package(parts))
    refused(path, "word/document.xml", "DTD")


def test_a_file_over_the_limit_of_its_kind_is_not_read(tmp_path):
    path = tmp_path / "大.txt"
    with path.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024)  # a text file may have 2 MB, like a YAML
    refused(path, "文件太大", "上限 2.0 MB")
    path = tmp_path / "大.docx"
    with path.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # a .docx 50 MB on disk
    refused(path, "文件太大", "上限 50.0 MB")


@pytest.mark.parametrize("name", ["没有这个.docx", "没有这个文件夹/", "没有后缀"])
def test_a_missing_file_is_said_by_name(tmp_path, name):
    result = run_in_process("import", tmp_path / name)
    assert result.returncode == 1
    assert "找不到文件" in result.stderr


@pytest.mark.parametrize(
    ("part", "damaged", "said"),
    [
        ("word/document.xml", lambda xml: xml[: len(xml) // 2], "XML 内容不完整或已损坏"),
        ("word/document.xml", None, "缺少部件 word/document.xml"),
        ("[Content_Types].xml", None, "缺少部件 [Content_Types].xml"),
    ],
)
def test_a_damaged_part_is_said_in_chinese(tmp_path, part, damaged, said):
    with zipfile.ZipFile(io.BytesIO(typed.office_docx())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if damaged is None:
        del parts[part]
    else:
        parts[part] = damaged(parts[part])
    path = tmp_path / "坏了的.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    err = refused(path, "无法作为 Word 文档读取", said)
    assert not re.search(r"[A-Za-z]{3,}Error|There is no item|not a zip", err), err
