"""The shipped base packages are what python-docx builds, core.xml is what python-docx
writes, and a package that no longer matches its builder's sources is not used."""

from __future__ import annotations

import io
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.coreprops import CT_CoreProperties

from planmaker.writers import docx_shipped
from planmaker.writers.docx_base import core_xml
from planmaker.writers.docx_layout import FONT_SETS
from planmaker.writers.docx_package import build_package
from planmaker.writers.docx_shipped import shared_package, shipped_package

REBUILD = "python -m planmaker.writers.docx_shipped"


@pytest.mark.parametrize("fonts", sorted(FONT_SETS))
def test_shipped_package_is_what_python_docx_builds(fonts: str) -> None:
    shipped = shipped_package(fonts)
    assert shipped is not None, f"no current shipped package for {fonts}: run {REBUILD}"
    assert shipped == build_package(fonts, None), f"stale shipped package: run {REBUILD}"


def _python_docx_core(title: str | None, author: str | None, created: datetime) -> bytes:
    element = CT_CoreProperties.new()
    props = CoreProperties(element)
    if title:
        props.title = title[:255]
    if author:
        props.author = author[:255]
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = created
    return serialize_part_xml(element)


@pytest.mark.parametrize(
    ("title", "author"),
    [
        ("定边镇希望小学2025—2026学年第二学期教务处工作计划", "教务处"),
        (None, None),
        ("", ""),
        ("A & B <c> \"d\" 'e' ]]>", "甲&乙"),
        ("tab\there\r\nand a carriage return", "x\ry"),
        ("长" * 300, "名" * 256),
    ],
)
def test_core_properties_are_what_python_docx_writes(title, author) -> None:
    for created in (
        datetime(1980, 1, 1, tzinfo=timezone.utc),
        datetime(2026, 2, 27, 8, 30, 5, tzinfo=timezone.utc),
    ):
        assert core_xml(title, author, created) == _python_docx_core(title, author, created)


def test_a_document_is_written_with_the_creation_time_in_utc() -> None:
    package = shared_package("gb", None)
    local = datetime(2026, 3, 2, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    data = package.document("", title="标题", author=None, created=local)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created == datetime(2026, 3, 2, 0, 0, tzinfo=timezone.utc)
    assert props.title == "标题"


def test_a_stale_shipped_package_is_not_used(tmp_path: Path, monkeypatch) -> None:
    for path in docx_shipped.DATA.glob("base-*"):
        shutil.copy(path, tmp_path / path.name)
    manifest = tmp_path / "base-gb.json"
    fields = json.loads(manifest.read_text(encoding="utf-8"))
    fields["sources"] = "0" * 64  # built from other sources than these
    fields["style_ids"]["PlanTitle"] = "Stale"
    manifest.write_text(json.dumps(fields), encoding="utf-8")
    monkeypatch.setattr(docx_shipped, "DATA", tmp_path)
    shared_package.cache_clear()
    try:
        assert shipped_package("gb") is None
        assert shipped_package("windows") is not None
        assert shared_package("gb", None) == build_package("gb", None)
    finally:
        shared_package.cache_clear()


def test_a_reference_document_is_built_by_python_docx(monkeypatch) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    reference = buffer.getvalue()
    built: list[str] = []

    def recording(fonts: str, ref: bytes | None):
        built.append(fonts)
        return build_package(fonts, ref)

    monkeypatch.setattr("planmaker.writers.docx_package.build_package", recording)
    shared_package.cache_clear()
    try:
        assert shared_package("windows", reference).style_ids["PlanTitle"] == "PlanTitle"
        assert built == ["windows"]
    finally:
        shared_package.cache_clear()
